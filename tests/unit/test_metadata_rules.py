"""Metadata-model rules of the core (no CKAN): periods, boxes, durations, CNMD models."""

import pytest

from enti.validators import cnmd, metadata
from enti.validators.coordinates import BBox

LISBON = BBox(-9.23, 38.69, -9.09, 38.80)


def test_period_needs_start_and_ordered_end():
    assert metadata.temporal_error("2020-01-01", "2024-12-31", open_end_allowed=False) is None
    backwards = metadata.temporal_error("2024-01-01", "2020-01-01", open_end_allowed=True)
    assert backwards is not None and "2020-01-01" in backwards.en and "anterior" in backwards.pt
    assert "start" in metadata.temporal_error(None, "2020-01-01", open_end_allowed=True).en
    assert "YYYY-MM-DD" in metadata.temporal_error("31/12/2020", None, open_end_allowed=True).en


def test_open_end_only_while_data_are_collected():
    assert metadata.temporal_error("2020-01-01", None, open_end_allowed=True) is None
    closed = metadata.temporal_error("2020-01-01", None, open_end_allowed=False)
    assert closed is not None and "end date" in closed.en


def test_box_in_portugal_swapped_or_elsewhere():
    assert metadata.bbox_error(LISBON) is None
    assert metadata.bbox_error(BBox(-31.27, 39.37, -31.08, 39.73)) is None  # Flores and Corvo
    swapped = metadata.bbox_error(BBox(38.69, -9.23, 38.80, -9.09))
    assert swapped is not None and "swapped" in swapped.en and "trocadas" in swapped.pt
    paris = metadata.bbox_error(BBox(2.2, 48.8, 2.4, 48.9))
    assert paris is not None and "outside Portugal" in paris.en
    inverted = metadata.bbox_error(BBox(-9.09, 38.69, -9.23, 38.80))
    assert inverted is not None and "inverted" in inverted.en


def test_geometries_in_geojson_or_wkt():
    assert (
        metadata.geometry_error("POLYGON((-9.5 36.8, -6.2 36.8, -6.2 42.2, -9.5 42.2, -9.5 36.8))")
        is None
    )
    point = metadata.parse_geometry('{"type": "Point", "coordinates": [-8.61, 41.15]}')
    assert point["type"] == "Point"
    assert "Unreadable" in metadata.geometry_error("not a geometry").en
    assert metadata.geometry_error('{"type": "Point", "coordinates": [41.15, -8.61]}') is not None


@pytest.mark.parametrize("value", ["P1D", "PT15M", "P1Y2M", "PT1H30M", "P1W"])
def test_iso_durations_pass(value):
    assert metadata.duration_error(value) is None


@pytest.mark.parametrize("value", ["1 day", "P", "PT", "15M", "daily"])
def test_other_durations_are_explained(value):
    assert "ISO 8601" in metadata.duration_error(value).en


def test_resolution_and_email():
    assert metadata.positive_number_error("0,5") is None
    assert metadata.positive_number_error("-3") is not None
    assert metadata.email_error("dados@cm-lisboa.pt") is None
    assert metadata.email_error("not-an-email") is not None


def test_every_cnmd_schema_is_a_known_model():
    models = cnmd.models()
    assert len(models) == 84  # 90 schemas, less the 6 of the metadata model itself
    waste = next(m for m in models if m.entity_type == "WasteContainer")
    assert cnmd.model_for(waste.uri) is waste
    assert cnmd.model_for(waste.schema_id) is waste
    assert cnmd.conforms_to_error(waste.uri) is None


def test_claimed_cnmd_model_must_exist():
    unknown = cnmd.conforms_to_error(
        "https://smart-data-models.github.io/dataModel.Foo/Bar/schema.json"
    )
    assert unknown is not None and "CNMD" in unknown.en
    # Other standards are not CNMD claims.
    assert cnmd.conforms_to_error("https://uri.etsi.org/ngsi-ld/") is None
