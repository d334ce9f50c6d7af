"""A CNMD metadata entity checked against the CNMD JSON Schemas
(:mod:`enti.validators.metadata.cnmd_schema`, no CKAN): each finding points at the member to fix;
an unknown type is reported, not guessed."""

import copy

import pytest
from rdflib import Graph, URIRef

from enti.harvesters.cnmd_jsonld.write import to_cnmd
from enti.validators.metadata.cnmd_schema import validate_cnmd
from tests.unit.harvesters.cnmd_jsonld.records import entity


def test_validation_points_at_an_empty_title():
    dataset = copy.deepcopy(entity("plain"))
    dataset["dcterms:title"] = {"@value": "", "@language": "pt"}
    assert validate_cnmd(dataset) == ["/dcterms:title/@value: '' should be non-empty"]


def test_validation_points_at_a_missing_contact_point():
    for record in (entity("plain"), entity("service"), entity("series")):
        del record["dcat:contactPoint"]
        assert validate_cnmd(record) == ["/dcat:contactPoint: required property is missing"]


def test_validation_names_both_spellings_of_a_missing_dcterms_property():
    dataset = entity("plain")
    del dataset["dcterms:publisher"]
    (message,) = validate_cnmd(dataset)
    assert message.startswith("/dcterms:publisher: required property is missing")
    assert "dct:publisher" in message


def test_validation_checks_dates_and_the_inspire_keys_of_a_series():
    series = entity("series")
    series["dcterms:issued"]["@value"] = "2026-02-30"
    series["ins:TopicCategory"] = "environment"
    messages = validate_cnmd(series)
    assert any(m.startswith("/dcterms:issued/@value: ") for m in messages)
    assert "/ins:MetadataDate: required property is missing" in messages
    assert any(m.startswith("/@context/ins: ") for m in messages)


def test_unknown_type_is_reported_not_guessed():
    assert validate_cnmd({"@type": "dcat:Resource"})[0].startswith("/@type: ")
    with pytest.raises(ValueError):
        to_cnmd(Graph(), URIRef("urn:x:y"))
