"""The CNMD rules the JSON Schemas leave out (:mod:`enti.validators.entities.rules`): URN
identifiers and references, empty values at any depth, end dates, repeated identifiers."""

import pytest

from enti.validators.entities.schema import catalogue
from enti.validators.entities.validate import validate_entities

from .cnmd_examples import WEATHER, errors, example_of, load


def test_an_ngsi_ld_urn_is_accepted_and_a_foreign_type_in_it_warned():
    entity = load(WEATHER)
    entity["id"] = "urn:ngsi-ld:WeatherObserved:579"
    assert [f for f in validate_entities([entity]).findings if f.pointer == "/id"] == []
    entity["id"] = "urn:ngsi-ld:WeatherStation:579"
    report = validate_entities([entity])
    assert report.valid
    assert [f.type for f in report.warnings if f.pointer == "/id"] == ["urn-type-mismatch"]


@pytest.mark.parametrize("empty", ["", " ", None, {}])
def test_every_kind_of_empty_mandatory_value_is_an_error(empty):
    entity = load(WEATHER)
    entity["address"]["value"] = empty
    assert errors(validate_entities([entity])) == {("empty-value", "/address/value")}


def test_an_empty_mandatory_member_of_an_object_is_an_error():
    entity = load(WEATHER)
    entity["dataProvider"]["value"] = "IPMA"
    entity["address"]["value"]["addressLocality"] = " "
    report = validate_entities([entity])
    assert errors(report) == {("empty-value", "/address/value/addressLocality")}


def test_an_empty_optional_property_is_a_warning_and_left_out_it_is_fine():
    entity = load(WEATHER)
    entity["stationName"]["value"] = ""
    report = validate_entities([entity])
    assert report.valid
    assert [
        (f.type, f.severity, f.pointer) for f in report.findings if f.type != "non-urn-ref"
    ] == [("empty-optional", "warning", "/stationName/value")]
    assert "omita-a" in report.warnings[-1].message.pt or "omita-a" in report.warnings[0].message.pt
    del entity["stationName"]
    assert [f.type for f in validate_entities([entity]).findings] == ["non-urn-ref"]


def test_an_end_date_may_be_null_but_not_blank():
    entity = example_of("SocialSupportObservation")
    assert (
        "validTo"
        in catalogue().schema(catalogue().model_named("SocialSupportObservation")).tree.required
    )
    entity["validTo"] = {"type": "Property", "value": None}
    report = validate_entities([entity])
    assert report.valid and report.findings == []
    entity["validTo"] = {"type": "Property", "value": ""}
    assert errors(validate_entities([entity])) == {("empty-value", "/validTo/value")}
    entity["validFrom"] = {"type": "Property", "value": None}  # a start date is no end date
    assert ("empty-value", "/validFrom/value") in errors(validate_entities([entity]))


def test_a_relationship_to_a_non_urn_is_a_warning():
    report = validate_entities([load(WEATHER)])
    assert report.valid
    (finding,) = report.warnings
    assert (finding.type, finding.pointer) == ("non-urn-ref", "/refPointOfInterest/object")
    assert "urn:ipma:WeatherStation-579" in finding.message.en


def test_a_repeated_identifier_is_a_warning():
    entity = load(WEATHER)
    report = validate_entities([entity, entity])
    assert [f.type for f in report.warnings if f.type == "duplicate-id"] == ["duplicate-id"]
    assert report.stats["valid"] == 2
