"""Tables validated (:mod:`enti.validators.tabular.validate`): structure, formats (TSV, JSON,
XLSX, ODS, XLS, damaged spreadsheets), capped findings and the shipped Table Schemas of CNMD
models."""

import ezodf
import openpyxl
import pytest
from frictionless import Schema

from enti.schemas.reference.cnmd import models
from enti.validators.tabular.validate import (
    TableLimits,
    configure,
    table_schema_for,
    validate_table,
)

from .tables import TABLES, where


def test_structure_errors():
    report = validate_table(TABLES / "structure.csv")
    assert where(report) == [
        ("blank-row", 5, None),
        ("blank-row", 6, None),  # an empty line is a blank row too
        ("extra-cell", 4, None),
        ("missing-cell", 3, "valor"),
    ]
    assert report.stats["rows"] == 6


def test_missing_file_and_invalid_schema(tmp_path):
    assert validate_table(tmp_path / "nada.csv").findings[0].type == "scheme-error"
    bad = {"fields": [{"name": "a", "type": "inteiro"}]}
    report = validate_table(TABLES / "tabs.tsv", schema=bad)
    assert [f.type for f in report.findings] == ["schema-error"]


def test_tsv_and_json_tables():
    tsv = validate_table(
        TABLES / "tabs.tsv",
        schema={
            "fields": [
                {"name": "id", "type": "integer"},
                {"name": "concelho", "type": "string"},
                {"name": "populacao", "type": "integer"},
            ]
        },
    )
    assert tsv.stats["delimiter"] == "\t"
    assert where(tsv) == [("type-error", 4, "populacao")]
    report = validate_table(TABLES / "table.json")
    assert report.valid and report.stats["rows"] == 2 and report.stats["format"] == "json"


SHEET = [
    ["id", "contagem", "data"],
    ["a", 1, "2024-01-05"],
    ["b", "muitos", "2024-02-30"],
    [None, None, None],
    ["c", 3, "2024-02-29"],
]
SHEET_SCHEMA = {
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "contagem", "type": "integer"},
        {"name": "data", "type": "date"},
    ]
}


def test_xlsx(tmp_path):
    book = openpyxl.Workbook()
    for row in SHEET:
        book.active.append(row)
    book.save(tmp_path / "folha.xlsx")
    report = validate_table(tmp_path / "folha.xlsx", schema=SHEET_SCHEMA)
    assert report.encoding is None and report.stats["format"] == "xlsx"
    assert where(report) == [
        ("blank-row", 4, None),
        ("type-error", 3, "contagem"),
        ("type-error", 3, "data"),
    ]


def test_ods(tmp_path):
    document = ezodf.newdoc(doctype="ods", filename=str(tmp_path / "folha.ods"))
    sheet = ezodf.Sheet("Folha1", size=(len(SHEET), 3))
    document.sheets += sheet
    for i, row in enumerate(SHEET):
        for j, value in enumerate(row):
            if value is not None:
                sheet[i, j].set_value(value)
    document.save()
    report = validate_table(tmp_path / "folha.ods", schema=SHEET_SCHEMA)
    assert report.stats["format"] == "ods"
    assert where(report) == [
        ("blank-row", 4, None),
        ("type-error", 3, "contagem"),
        ("type-error", 3, "data"),
    ]


def test_xls_excel_97_2003():
    """A real .xls (written by xlwt): dates formatted as dates, text in UTF-16 inside."""
    schema = {"fields": [*SHEET_SCHEMA["fields"], {"name": "freguesia", "type": "string"}]}
    report = validate_table(TABLES / "folha.xls", schema=schema)
    assert report.stats["format"] == "xls" and report.stats["rows"] == 4
    assert where(report) == [
        ("blank-row", 4, None),
        ("type-error", 3, "contagem"),
        ("type-error", 3, "data"),
    ]
    assert validate_table(TABLES / "folha.xls").stats["fields"] == 4


def test_damaged_spreadsheets(tmp_path):
    (tmp_path / "estragado.ods").write_bytes(b"isto nao e um zip")
    assert [f.type for f in validate_table(tmp_path / "estragado.ods").findings] == ["format-error"]
    (tmp_path / "estragado.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    report = validate_table(tmp_path / "estragado.xls")
    assert [f.type for f in report.findings] == ["source-error"]  # frictionless's name
    assert "não pôde ser lido como tabela" in report.findings[0].message.pt


@pytest.mark.parametrize("vectorised", [True, False])
def test_findings_are_capped_and_counted(tmp_path, vectorised):
    configure(TableLimits(vectorised=vectorised))
    path = tmp_path / "muitos.csv"
    path.write_text("n\n" + "x\n" * 50 + "1\n", encoding="utf-8")
    report = validate_table(
        path, schema={"fields": [{"name": "n", "type": "integer"}]}, max_findings=10
    )
    assert len(report.findings) == 10 and report.truncated
    assert report.stats["findings"] == 50 and report.stats["findings_dropped"] == 40
    assert report.to_dict()["truncated"] is True


SHIPPED_MODELS = [
    "AirQualityObserved",
    "WeatherObserved",
    "NoiseLevelObserved",
    "TrafficFlowObserved",
    "ParkingSpot",
    "WasteContainer",
    "Streetlight",
    "EVChargingStation",
]


@pytest.mark.parametrize("model", SHIPPED_MODELS)
def test_shipped_table_schemas(model):
    schema = table_schema_for(model)
    assert schema is not None and model in {m.entity_type for m in models()}
    Schema.from_descriptor(schema)  # a valid Table Schema
    names = [f["name"] for f in schema["fields"]]
    assert names[:2] == ["id", "type"] and {"latitude", "longitude"} <= set(names)
    assert schema["fieldsMatch"] == "superset" and schema["primaryKey"] == ["id"]
    assert next(f for f in schema["fields"] if f["name"] == "type")["constraints"]["enum"] == [
        model
    ]


def test_unknown_model_has_no_table_schema():
    assert table_schema_for("Unicorn") is None
    assert table_schema_for("wastecontainer") == table_schema_for("WasteContainer")


def test_shipped_schema_accepts_a_good_file_and_rejects_a_bad_one():
    schema = table_schema_for("WasteContainer")
    good = validate_table(TABLES / "waste_containers_ok.csv", schema=schema)
    assert good.valid, good.to_dict()
    bad = validate_table(TABLES / "waste_containers_bad.csv", schema=schema)
    found = {(f.type, f.row, f.field) for f in bad.findings}
    assert ("missing-label", None, "binFullnessThreshold") in found
    assert ("constraint-error", 2, "status") in found
    assert ("constraint-error", 3, "latitude") in found
    assert ("type-error", 3, "binCapacity") in found
    assert ("primary-key", 3, None) in found
