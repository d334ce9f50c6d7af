"""A payload validated (:mod:`enti.validators.entities.validate`): a forced model, the report's
counts per model and its cap."""

from enti.validators.entities.schema import catalogue
from enti.validators.entities.validate import validate_entities

from .cnmd_examples import WEATHER, errors, example_of, load


def test_a_forced_model_overrides_the_type():
    entity = load(WEATHER)
    assert validate_entities([entity], model="WeatherObserved").valid
    model = catalogue().model_named("WeatherObserved")
    assert validate_entities([entity], model=model.uri).valid
    entity["type"] = "Observation"
    assert not validate_entities([entity]).valid  # unknown type
    report = validate_entities([entity], model="WeatherObserved")
    assert errors(report) == {("schema", "/type")}
    assert report.stats["models"] == {"WeatherObserved": 1}
    (finding,) = validate_entities([entity], model="NoSuchModel").findings
    assert finding.type == "unknown-model" and "NoSuchModel" in finding.message.pt


def test_the_report_counts_per_model_and_truncates():
    weather = load(WEATHER)
    broken = weather | {"id": "sem-urn"}
    payload = [weather | {"id": f"urn:ipma:WeatherObserved:{i}"} for i in range(3)]
    payload += [broken | {"id": f"sem-urn-{i}"} for i in range(20)]
    payload.append(example_of("Dam"))
    report = validate_entities(payload, max_findings=5, source="lote.json")
    assert report.kind == "entities" and report.source == "lote.json"
    assert report.stats["entities"] == 24 and report.stats["valid"] == 4
    assert report.stats["invalid"] == 20
    assert report.stats["models"] == {"WeatherObserved": 23, "Dam": 1}
    assert len(report.findings) == 5 and report.truncated
    assert report.stats["findings_total"] == 20 * 2 + 3
    assert all(f.message.pt for f in report.findings)
    as_json = report.to_dict("en")
    assert as_json["findings"][0]["message"] == report.findings[0].message.en
