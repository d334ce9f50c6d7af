"""What a publisher reads about an entity (:mod:`enti.validators.entities.messages`): a schema
error says what to change."""

from enti.validators.entities.validate import validate_entities

from .cnmd_examples import errors, examples


def test_a_text_typed_value_is_explained():
    entity = next(e for _, e in examples() if e.get("type") == "WaterConsumptionObserved")
    (finding,) = validate_entities([entity]).errors
    assert finding.type == "schema" and finding.pointer == "/alarmFlowPersistence"
    assert 'deixe só o valor: "Nothing to report"' in finding.message.pt
    assert "keep only the value" in finding.message.en


def test_an_enum_value_the_schema_does_not_list_is_reported_with_the_choices():
    entity = next(e for f, e in examples() if f.endswith("AirQualityStation-n-ld.json"))
    report = validate_entities([entity])
    assert errors(report) == {("schema", "/category/value/0"), ("schema", "/category/value/1")}
    assert "Paragem de autocarro" in report.errors[0].message.pt
    assert [(f.type, f.pointer) for f in report.warnings] == [("urn-type-mismatch", "/id")]
