"""``enti-validate PATH…`` (:mod:`enti.validators.cli.files`, no CKAN): readable reports, JSON, the
three exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enti.validators.cli import files as files_cli
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
    def fail(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(files_cli, "validate_path", fail)
    assert main([str(broken)]) == 2
    captured = capsys.readouterr()
    assert "could not validate" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
