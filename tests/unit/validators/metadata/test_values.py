"""A record's values checked (:mod:`enti.validators.metadata.values`, no CKAN): periods, boxes,
geometries, durations, resolutions, e-mail addresses; each check answers hostile input (deep
nesting, NaN, open rings, lists) with a message."""

import json
import time

import pytest

from enti.validators.geometry.coordinates import BBox
from enti.validators.messages import Message
from enti.validators.metadata import values as metadata
from tests.unit.testdata import short_id
from tests.unit.validators.geometry.places import OPEN_RING

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


# -- hostile input: every check answers with a message, never an exception -----------------------

MAINLAND = "POLYGON((-9.5 36.8, -6.2 36.8, -6.2 42.2, -9.5 42.2, -9.5 36.8))"


def _nested_collections(levels):
    geometry = {"type": "Point", "coordinates": [-9.14, 38.72]}
    for _ in range(levels):
        geometry = {"type": "GeometryCollection", "geometries": [geometry]}
    return geometry


def test_ten_thousand_nested_collections_get_a_message_not_a_recursion_error():
    deep = _nested_collections(10_000)
    refused = metadata.geometry_error(deep)
    assert refused is not None and "8 levels" in refused.en and "8 níveis" in refused.pt
    with pytest.raises(ValueError):
        metadata.parse_geometry(deep)
    text = '{"type": "GeometryCollection", "geometries": [' * 10_000
    text += '{"type": "Point", "coordinates": [-9.14, 38.72]}' + "]}" * 10_000
    assert "32 levels" in metadata.geometry_error(text).en


def test_collections_may_nest_eight_levels_deep_not_nine():
    assert metadata.geometry_error(_nested_collections(8)) is None
    assert "8 levels" in metadata.geometry_error(_nested_collections(9)).en


def test_deeply_nested_wkt_is_refused_before_geos_reads_it():
    # GEOS reads nested WKT recursively: 100,000 levels crash the whole process (a segfault).
    deep = "GEOMETRYCOLLECTION(" * 100_000 + "POINT(-9.14 38.72)" + ")" * 100_000
    assert "8 levels" in metadata.geometry_error(deep).en
    nine = "GEOMETRYCOLLECTION(" * 9 + "POINT(-9.14 38.72)" + ")" * 9
    assert metadata.geometry_error(nine) is not None
    eight = "GEOMETRYCOLLECTION(" * 8 + MAINLAND.replace("POLYGON", "MULTIPOLYGON(") + ")" * 9
    assert metadata.geometry_error(eight) is None


def test_other_members_nested_deeper_than_32_are_refused():
    deep_bbox = {"type": "Point", "coordinates": [-9.14, 38.72], "bbox": [[[[]]]]}
    assert metadata.geometry_error(deep_bbox) is None
    deep_bbox["bbox"] = json.loads("[" * 40 + "]" * 40)
    assert "32 levels" in metadata.geometry_error(deep_bbox).en


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon", "coordinates": [OPEN_RING]},
        {"type": "MultiPolygon", "coordinates": [[OPEN_RING]]},
        {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "coordinates": [OPEN_RING]}],
        },
        {"type": "Polygon", "coordinates": [[*OPEN_RING, OPEN_RING[0]], OPEN_RING]},  # open hole
    ],
    ids=["polygon", "multipolygon", "in-collection", "hole"],
)
def test_unclosed_ring_is_refused_with_what_to_add(geometry):
    # shapely closes such a ring without a word: before, it was stored as given.
    refused = metadata.geometry_error(geometry)
    assert refused is not None
    assert "must end on its first point" in refused.en and "[-9.2, 38.7]" in refused.en
    assert "acabar no seu primeiro ponto" in refused.pt


def test_unclosed_wkt_ring_is_refused_with_the_same_advice():
    refused = metadata.geometry_error("POLYGON((-9.2 38.7, -9.1 38.7, -9.1 38.8, -9.2 38.8))")
    assert "must end on its first point" in refused.en and "primeiro ponto" in refused.pt


@pytest.mark.parametrize(
    "geometry, expected",
    [
        (
            {"type": "Polygon", "coordinates": [[[-9.2, 38.7], [-9.1, 38.7], [-9.2, 38.7]]]},
            "4 or more",
        ),
        ("POLYGON((-9.2 38.7, -9.1 38.7, -9.2 38.7))", "4 or more"),
        ('{"type": "Point", "coordinates": [NaN, 38.7]}', "finite"),
        ('{"type": "Point", "coordinates": [Infinity, 38.7]}', "finite"),
        ('{"type": "Point", "coordinates": [1e309, 38.7]}', "finite"),
        ('{"type": "Point", "coordinates": [1' + "0" * 400 + ", 38.7]}", "finite"),
        ("POINT (1e309 38.7)", "finite"),
        ("POINT (nan 38.7)", "finite"),
        ({"type": "Point", "coordinates": ["-9.1", 38.7]}, "2 or 3 numbers"),
        ({"type": "Point", "coordinates": [True, 38.7]}, "2 or 3 numbers"),
        ({"type": "Point", "coordinates": [-9.1, 38.7, 10, 0]}, "2 or 3 numbers"),
        ({"type": "LineString", "coordinates": [[-9.1], [-9.2, 38.7]]}, "2 or 3 numbers"),
        ({"type": "Polygon", "coordinates": [[-9.1, 38.7], [-9.2, 38.7]]}, "[[[lon, lat], …]]"),
        ({"type": "LineString", "coordinates": [[-9.1, 38.7]]}, "2 or more positions"),
        ({"type": "Polygon", "coordinates": []}, "no positions"),
        ({"type": "Feature", "geometry": {}}, "not a GeoJSON geometry type"),
        ({"type": ["Point"], "coordinates": [-9.1, 38.7]}, "not a GeoJSON geometry type"),
    ],
    ids=short_id,
)
def test_malformed_positions_each_get_a_clear_message(geometry, expected):
    refused = metadata.geometry_error(geometry)
    assert refused is not None and expected in refused.en and refused.pt != refused.en


@pytest.mark.parametrize(
    "value",
    [
        None,
        5,
        1.5,
        True,
        [],
        [["x"]],
        {},
        {"type": None},
        b"POINT (1 2)",
        "",
        "{",
        "[" * 100_000,
        "{" + '"a":' * 100_000,
        "POINT EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
        "(" * 100_000,
    ],
    ids=short_id,
)
def test_geometry_error_never_raises(value):
    assert isinstance(metadata.geometry_error(value), Message)


def test_valid_geometries_still_pass():
    assert metadata.geometry_error(MAINLAND) is None
    assert metadata.geometry_error({"type": "Point", "coordinates": [-9.14, 38.72, 50]}) is None
    lisbon = {"type": "Polygon", "coordinates": [[*OPEN_RING, OPEN_RING[0]]]}
    assert metadata.parse_geometry(json.dumps(lisbon)) == lisbon


@pytest.mark.parametrize(
    "value",
    ["1e309", "nan", "inf", "-inf", float("inf"), float("nan"), 10**400, "0", "-3"],
    ids=short_id,
)
def test_resolution_must_be_a_finite_positive_number(value):
    refused = metadata.positive_number_error(value)
    assert refused is not None and "finite positive number" in refused.en
    assert "número positivo finito" in refused.pt


@pytest.mark.parametrize("value", [[1], {"a": 1}, True, None, 10**5000, object()], ids=short_id)
def test_resolution_of_another_kind_gets_a_message(value):
    refused = metadata.positive_number_error(value)
    assert refused is not None and len(refused.en) < 200


def test_duration_and_email_of_another_kind_or_huge_get_a_message():
    assert "ISO 8601" in metadata.duration_error(["P1D"]).en
    assert metadata.email_error({"email": "a@b.pt"}) is not None
    started = time.monotonic()
    assert metadata.email_error("a@" + "." * 50_000 + "@") is not None  # was 90 s of regex
    assert time.monotonic() - started < 1


# -- vocabularies: values of any type -------------------------------------------------------------


# -- the light copy the catalogue exports ---------------------------------------------------------
