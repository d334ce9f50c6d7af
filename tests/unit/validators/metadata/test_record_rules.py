"""The record rules of the metadata model on plain records (no CKAN): what a publisher must fix,
at which field, and what the catalogue fills in by itself."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from enti.schemas import path
from enti.validators.metadata.record import (
    HVD_LEGISLATION,
    RecordFacts,
    RecordRules,
    record_defaults,
    record_problems,
)

ONGOING = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"
PORTUGAL = "http://publications.europa.eu/resource/authority/country/PRT"
LISBON_BOX = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[-9.23, 38.69], [-9.09, 38.69], [-9.09, 38.8], [-9.23, 38.69]]],
    }
)


def rules_of(schema: str) -> RecordRules:
    return RecordRules.from_schema(yaml.safe_load(path("scheming", f"{schema}.yaml").read_text()))


DATASET = rules_of("dataset")
SERVICE = rules_of("dataservice")
SERIES = rules_of("dataset_series")


def complete(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "name": "qualidade-ar",
        "contact": [{"name": "Divisão de Ambiente", "email": "ambiente@cm-lisboa.pt"}],
        "spatial_coverage": [{"bbox": LISBON_BOX}],
        "temporal_coverage": [{"start": "2020-01-01", "end": "2024-12-31"}],
    }
    return record | changes


def problems(record: dict[str, object], rules: RecordRules = DATASET, **facts: object):
    found = record_problems(record, rules, RecordFacts(**facts))  # type: ignore[arg-type]
    return {path: message.en for path, message in found}


def test_the_schemas_declare_their_rules_and_labels():
    assert DATASET.composite_required == ("contact", "spatial_coverage")
    assert DATASET.needs_distribution and DATASET.inspire and DATASET.identifier == "Dataset"
    assert SERVICE.hvd_needs_documentation and not SERVICE.needs_distribution
    assert SERIES.composite_required == ("contact", "spatial_coverage", "temporal_coverage")
    assert DATASET.label("contact").pt != "contact"


def test_a_complete_record_has_nothing_to_fix():
    assert problems(complete()) == {}


def test_missing_composites_are_named_by_their_label_unless_a_draft():
    found = problems({"name": "x"}, SERIES)
    assert set(found) == {("contact",), ("spatial_coverage",), ("temporal_coverage",)}
    assert all("fill in" in message for message in found.values())
    assert problems({"name": "x"}, SERIES, draft=True) == {}


def test_an_incomplete_contact_names_the_subfield_to_fill():
    found = problems(complete(contact=[{"name": "Divisão de Ambiente", "email": None}]))
    assert list(found) == [("contact", 0, "email")]
    assert "fill in" in found[("contact", 0, "email")]


def test_a_place_name_is_not_a_coverage_even_in_a_draft():
    record = complete(spatial_coverage=[{"text": "Lisboa"}])
    for draft in (False, True):
        found = problems(record, draft=draft)
        assert "bounding box" in found[("spatial_coverage", 0, "bbox")]


def test_a_bad_email_is_reported_at_its_entry():
    record = complete(contact=[{"name": "A", "email": "a@b.pt"}, {"name": "B", "email": "nope"}])
    assert list(problems(record)) == [("contact", 1, "email")]


def test_a_backwards_interval_is_reported_at_its_end_and_an_open_end_needs_an_ongoing_frequency():
    backwards = complete(temporal_coverage=[{"start": "2024-01-01", "end": "2020-01-01"}])
    assert list(problems(backwards)) == [("temporal_coverage", 0, "end")]
    open_end = complete(temporal_coverage=[{"start": "2020-01-01", "end": None}])
    assert list(problems(open_end)) == [("temporal_coverage", 0, "end")]
    assert problems(open_end | {"frequency": ONGOING}) == {}


def test_an_active_dataset_needs_a_distribution():
    assert "distribution" in problems(complete(), has_distribution=False)[("resources",)]
    assert problems(complete(), draft=True, has_distribution=False) == {}


def test_a_taken_identifier_names_the_other_record_only_when_readable():
    record = complete(identifier="urn:cm-lisboa:Dataset:ar")
    named = problems(record, identifier_taken_by="outro-registo")[("identifier",)]
    hidden = problems(record, identifier_taken_by="")[("identifier",)]
    assert "«outro-registo»" in named
    assert "another record" in hidden and "outro-registo" not in hidden


def test_geographic_data_need_the_inspire_block():
    record = complete(enti_geographic="true", spatial_coverage=[{"uri": PORTUGAL}])
    found = record_problems(record, DATASET, RecordFacts())
    paths = [path for path, _ in found]
    assert ("inspire_topic_category",) in paths and ("inspire_crs",) in paths
    at_box = [m.en for path, m in found if path == ("spatial_coverage", 0, "bbox")]
    assert len(at_box) == 2 and "WGS84 bounding box" in at_box[1]
    assert "bounding box" in at_box[0]  # a named place alone is no coverage either
    assert ("inspire_crs",) not in problems(record | {"enti_geographic": "false"})
    assert ("inspire_crs",) not in problems(record, draft=True)


def test_an_hvd_service_must_give_its_documentation():
    service = complete(hvd_category='["http://data.europa.eu/bna/c_ac64a52d"]')
    assert "documentation" in problems(service, SERVICE)[("documentation",)]
    assert problems(service | {"documentation": "https://pgu.example/docs"}, SERVICE) == {}


def test_failed_files_keep_a_record_from_being_published():
    assert "2 file(s) failed" in problems(complete(), failed_files=2)[("state",)]


@pytest.mark.parametrize("value", ["", "   ", None, [], {}])
def test_no_value_is_missing_whatever_its_shape(value):
    assert ("contact", 0, "name") in problems(
        complete(contact=[{"name": value, "email": "a@b.pt"}])
    )


def test_defaults_fill_the_identifier_the_inspire_date_the_hvd_regulation_and_unit_boxes():
    record = complete(
        enti_geographic="on",
        hvd_category=["http://data.europa.eu/bna/c_ac64a52d"],
        applicable_legislation=["http://data.europa.eu/eli/reg/2016/679/oj"],
        spatial_coverage=[{"uri": PORTUGAL}],
    )
    filled = record_defaults(record, DATASET, owner="cm-lisboa", today=date(2026, 12, 4))
    assert filled[("identifier",)] == "urn:cm-lisboa:Dataset:qualidade-ar"
    assert filled[("inspire_metadata_date",)] == "2026-12-04"
    assert filled[("applicable_legislation",)][-1] == HVD_LEGISLATION
    assert json.loads(filled[("spatial_coverage", 0, "bbox")])["type"] == "Polygon"
    again = record | {"applicable_legislation": [HVD_LEGISLATION], "identifier": "urn:x:Dataset:y"}
    kept = record_defaults(again, DATASET, owner="cm-lisboa", today=date(2026, 12, 4))
    assert ("identifier",) not in kept and ("applicable_legislation",) not in kept
    assert ("identifier",) not in record_defaults(record, DATASET, owner=None, today=date.today())
