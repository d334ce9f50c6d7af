"""``enti-validate PATH…`` (no CKAN): readable reports, JSON, the three exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enti.validators.cli.validate import main
from tests.unit.testdata import AZORES, DATA

ROWS = [f"{day:02d}-03-2024;Contentor {day};{40 + day}" for day in range(1, 31)]
ROWS[2] = "03-03-2024;Contentor 3;50;extra"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "niveis.csv"
    path.write_bytes(("data;contentor;nivel\n" + "\n".join(ROWS) + "\n").encode("cp1252"))
    return path


def test_an_invalid_table_is_reported_by_row_in_portuguese_with_exit_1(broken, capsys):
    assert main([str(broken)]) == 1
    out = capsys.readouterr().out
    assert "INVÁLIDO" in out and "[extra-cell] linha 4" in out


def test_json_in_english(broken, capsys):
    assert main(["--format", "json", "--lang", "en", str(broken)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    table = next(r for r in result["reports"] if r["kind"] == "table")
    finding = table["findings"][0]
    assert finding["type"] == "extra-cell" and finding["row"] == 4
    assert finding["message"] == finding["message_en"]


def test_a_valid_geojson_exits_0_with_its_wgs84_box(capsys):
    assert main([str(AZORES)]) == 0
    out = capsys.readouterr().out
    assert "EPSG:5014" in out and "bbox=-31.2" in out


def test_an_empty_or_missing_file_exits_2(tmp_path, capsys):
    empty = tmp_path / "vazio.csv"
    empty.write_bytes(b"")
    assert main([str(empty)]) == 2
    assert main([str(tmp_path / "nao-existe.csv")]) == 2
    out = capsys.readouterr().out
    assert "vazio" in out and "Traceback" not in out


def test_bad_usage_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("enti-validate:")


def test_cnmd_examples_summary_table(capsys):
    from enti.schemas import path

    assert main(["--cnmd-examples", str(path("cnmd"))]) == 0
    out = capsys.readouterr().out
    assert "Streetlight" in out and "WasteContainer" in out and "total" in out
    assert main(["--cnmd-examples", "/nao/existe"]) == 2


def test_entities_are_validated_against_their_cnmd_model(tmp_path, capsys):
    entity = {"id": "sem-urn", "type": "Streetlight", "status": ""}
    source = tmp_path / "entidades.json"
    source.write_text(json.dumps([entity]), encoding="utf-8")
    assert main(["--lang", "en", str(source)]) == 1
    out = capsys.readouterr().out
    assert "non-urn-id" in out and "sem-urn" in out


def test_model_applies_to_a_table_as_its_table_schema(capsys):
    bad = DATA / "tables" / "waste_containers_bad.csv"
    assert main(["--model", "WasteContainer", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "table_schema=WasteContainer" in out and "[constraint-error] linha 2" in out


def test_declared_models_choose_the_table_schema_and_entities_keep_their_type():
    from enti.validators.dispatch import validate_path

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
    from enti.validators.dispatch import validate_path

    # no "id" in it, so by sniffing alone it would be a JSON table
    rows = tmp_path / "contentores.json"
    rows.write_text('[{"type": "WasteContainer", "status": "ok"}]', encoding="utf-8")
    (report, *_) = validate_path(rows, model="WasteContainer")
    assert report.kind == "entities"
    assert ("missing-required", "/id") in {(f.type, f.pointer) for f in report.findings}


def test_entities_in_a_json_ld_graph_get_their_geometry_checked(tmp_path):
    from enti.validators.dispatch import validate_path

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


def test_json_nested_too_deeply_is_a_finding_not_a_traceback(tmp_path, capsys):
    deep = "[" * 100_000 + "]" * 100_000
    entity = tmp_path / "entidade.json"
    entity.write_text('{"id": "urn:a:B:1", "type": "B", "x": ' + deep + "}", encoding="utf-8")
    array = tmp_path / "entidades.json"
    array.write_text('[{"id": "urn:a:B:1", "type": "B", "x": ' + deep + "}]", encoding="utf-8")
    geojson = tmp_path / "mapa.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": ' + deep + "}")
    assert main([str(entity), str(array), str(geojson)]) == 1
    out = capsys.readouterr().out
    assert out.count("[not-json] O documento tem objetos ou listas encaixados") == 2
    assert "[invalid-geometry] O ficheiro não é JSON válido (nested too deeply" in out


def test_a_validator_failure_is_one_line_and_exit_2(broken, capsys, monkeypatch):
    from enti.validators.cli import files as files_cli

    def fail(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(files_cli, "validate_path", fail)
    assert main([str(broken)]) == 2
    captured = capsys.readouterr()
    assert "could not validate" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
