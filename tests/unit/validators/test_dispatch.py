"""A file validated by what it is (:mod:`enti.validators.dispatch`): the models a dataset declares
choose the Table Schema, a forced model reads any JSON as entities, entities get their geometry
checked."""

import json

from enti.validators.dispatch import validate_path
from tests.unit.testdata import DATA


def test_declared_models_choose_the_table_schema_and_entities_keep_their_type():
    bad = DATA / "tables" / "waste_containers_bad.csv"
    declared = [
        "https://example.org/not-a-model",
        "urn:cnmd:AirQualityMonitoring",  # a model without a Table Schema: skipped
        "https://dados.gov.pt/cnmd/WasteContainer",
    ]
    (table, *_) = validate_path(bad, declared=declared)
    assert table.stats["table_schema"] == "WasteContainer" and not table.valid
    (plain, *_) = validate_path(bad)
    assert "table_schema" not in plain.stats and plain.valid
    (forced, *_) = validate_path(bad, model="AirQualityMonitoring")
    assert forced.findings[0].type == "no-table-schema" and forced.kind == "table"
    weather = DATA / "entities" / "weather-observed-ngsi-v2.json"
    (entities, *_) = validate_path(weather, declared=declared)  # the dataset's models: no force
    assert entities.kind == "entities" and entities.stats["models"] == {"WeatherObserved": 1}


def test_a_forced_model_reads_any_json_as_entities(tmp_path):
    # no "id" in it, so by sniffing alone it would be a JSON table
    rows = tmp_path / "contentores.json"
    rows.write_text('[{"type": "WasteContainer", "status": "ok"}]', encoding="utf-8")
    (report, *_) = validate_path(rows, model="WasteContainer")
    assert report.kind == "entities"
    assert ("missing-required", "/id") in {(f.type, f.pointer) for f in report.findings}


def test_entities_in_a_json_ld_graph_get_their_geometry_checked(tmp_path):
    entity = {
        "id": "urn:cm-faro:PointOfInterest:praia-1",
        "type": "PointOfInterest",
        "location": {
            "type": "GeoProperty",
            "value": {"type": "Point", "coordinates": [37.0, -7.9]},
        },
    }
    document = tmp_path / "praias.jsonld"
    document.write_text(json.dumps({"@context": [], "@graph": [entity]}), encoding="utf-8")
    reports = {r.kind: r for r in validate_path(document, fmt="json")}
    assert reports["entities"].stats["entities"] == 1
    geometry = reports["geometry"]
    assert [f.type for f in geometry.findings] == ["swapped-coordinates"]
    assert geometry.findings[0].entity == entity["id"]
