"""One entity checked (:mod:`enti.validators.entities.check`): every model passes with its own
example and fails for a missing mandatory property, an empty value and a non-URN identifier; the
examples' known defects, items that are no entities and unknown types are reported."""

import pytest

from enti.validators.entities.validate import validate_entities

from .cnmd_examples import FIXES, MODELS, errors, example_of, examples, mandatory


def test_every_model_is_covered():
    assert len(MODELS) == 84
    assert {e.get("type") for _, e in examples() if isinstance(e, dict)} >= set(MODELS)


@pytest.mark.parametrize("model", MODELS)
def test_the_example_of_every_model_is_valid(model):
    report = validate_entities([example_of(model)], source=model)
    assert report.valid, [(f.type, f.pointer, f.message.en) for f in report.errors]
    assert report.stats["models"] == {model: 1}
    assert report.stats["valid"] == 1


@pytest.mark.parametrize("model", MODELS)
def test_a_missing_mandatory_property_is_an_error(model):
    entity = example_of(model)
    name = mandatory(model) or "id"
    del entity[name]
    report = validate_entities([entity])
    assert not report.valid
    assert ("missing-required", f"/{name}") in errors(report)
    finding = next(f for f in report.errors if f.pointer == f"/{name}")
    assert name in finding.message.pt and name in finding.message.en


@pytest.mark.parametrize("model", MODELS)
def test_an_empty_mandatory_value_is_an_error(model):
    entity = example_of(model)
    name = mandatory(model)
    if name is None:  # no mandatory property but id and type: an empty optional one warns
        name = next(k for k in entity if k not in ("id", "type", "@context"))
        entity[name] = {"type": "Property", "value": " "}
        report = validate_entities([entity])
        assert report.valid
        assert [(f.type, f.pointer) for f in report.warnings] == [
            ("empty-optional", f"/{name}/value")
        ]
        return
    entity[name] = {"type": "Property", "value": ""}
    report = validate_entities([entity])
    assert errors(report) == {("empty-value", f"/{name}/value")}  # and no schema noise about it


@pytest.mark.parametrize("model", MODELS)
def test_a_non_urn_identifier_is_an_error(model):
    entity = example_of(model)
    entity["id"] = "estacao-579"
    report = validate_entities([entity])
    assert ("non-urn-id", "/id") in errors(report)
    finding = next(f for f in report.errors if f.type == "non-urn-id")
    assert f"urn:<organização>:{model}:<id-local>" in finding.message.pt
    assert finding.entity == "estacao-579"


@pytest.mark.parametrize("model", sorted(FIXES))
def test_the_defects_of_the_examples_are_reported_where_they_are(model):
    """The unfixed example: errors exactly at the pointers the fixes above repair."""
    entity = next(e for _, e in examples() if isinstance(e, dict) and e.get("type") == model)
    report = validate_entities([entity])
    assert {f.pointer for f in report.errors} == set(FIXES[model])


def test_items_that_are_not_entities_and_unknown_types_are_reported():
    report = validate_entities([42, {"id": "urn:cm-porto:Foo:1", "type": "Foo"}, {"a": 1}])
    assert [(f.type, f.entity, f.pointer) for f in report.findings] == [
        ("not-entity", "[0]", None),
        ("unknown-model", "urn:cm-porto:Foo:1", "/type"),
        ("missing-required", "[2]", "/id"),
        ("unknown-model", "[2]", "/type"),
    ]
    assert report.stats["unknown_types"] == {'"Foo"': 1, "null": 1}
    assert validate_entities([]).findings[0].type == "no-entities"
