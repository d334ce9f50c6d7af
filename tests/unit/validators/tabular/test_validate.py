"""Tables: frictionless findings publishers can act on, encodings, zip safety (no CKAN)."""

import json
import zipfile
from collections import Counter
from pathlib import Path

import ezodf
import openpyxl
import pytest
from frictionless import Dialect, Schema
from frictionless.formats import CsvControl
from frictionless.resources import TableResource

from enti.schemas.reference.cnmd import models
from enti.validators.tabular import detect as tabular_detect
from enti.validators.tabular.validate import (
    TableLimits,
    configure,
    table_schema_for,
    validate_table,
)
from tests.unit.testdata import DATA

TABLES = DATA / "tables"
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


@pytest.fixture(autouse=True)
def default_limits():
    configure(TableLimits())
    yield
    configure(TableLimits())


def schema_of(path: Path):
    if path.name.startswith("waste_containers"):
        return table_schema_for("WasteContainer")
    beside = path.with_name(f"{path.stem.removesuffix('_bad')}.schema.json")
    return beside if beside.exists() else None


def where(report):
    return sorted((f.type, f.row, f.field) for f in report.findings)


# Error types, named as frictionless names them, with row and column


def test_header_errors():
    report = validate_table(TABLES / "labels.csv")
    assert [(f.type, f.field) for f in report.findings] == [
        ("blank-label", None),
        ("duplicate-label", "nome"),
    ]
    assert "Coluna 2" in report.findings[0].message.pt
    assert '"nome"' in report.findings[1].message.pt
    assert "give each column a different name" in report.findings[1].message.en


def test_structure_errors():
    report = validate_table(TABLES / "structure.csv")
    assert where(report) == [
        ("blank-row", 5, None),
        ("blank-row", 6, None),  # an empty line is a blank row too
        ("extra-cell", 4, None),
        ("missing-cell", 3, "valor"),
    ]
    assert report.stats["rows"] == 6


def test_type_and_constraint_errors():
    report = validate_table(TABLES / "types.csv", schema=TABLES / "types.schema.json")
    assert Counter(f.type for f in report.findings) == {
        "type-error": 3,
        "constraint-error": 5,
        "primary-key": 2,
    }
    by_place = {(f.row, f.field): f for f in report.findings}
    assert by_place[(3, "contagem")].type == "type-error"
    enum = by_place[(3, "estado")].message
    assert '"livre" não é um dos valores permitidos; use um de: free, occupied' in enum.pt
    assert by_place[(4, "ocupacao")].message.en.startswith('Row 4, column "ocupacao": "1.5"')
    assert "preencha-o" in by_place[(5, "ocupacao")].message.pt  # required
    assert "repete o da linha 2" in by_place[(5, None)].message.pt  # duplicate id
    assert "padrão" in by_place[(4, "codigo_postal")].message.pt


def test_mixed_encodings_are_reported_by_line():
    report = validate_table(TABLES / "mixed_encoding.csv")
    assert report.encoding == "utf-8"
    assert [(f.type, f.row) for f in report.findings] == [
        ("encoding-error", 4),
        ("encoding-error", 7),
    ]
    assert "guarde o ficheiro inteiro em UTF-8" in report.findings[0].message.pt
    assert report.stats["rows"] == 6  # the rest of the file is still validated


# Portuguese exports


def test_iso_8859_1_with_semicolons_and_decimal_commas_is_clean():
    report = validate_table(TABLES / "pt_iso8859.csv", schema=TABLES / "pt_iso8859.schema.json")
    assert report.valid, report.to_dict()
    assert report.encoding == "iso-8859-1"
    assert report.stats["delimiter"] == ";"
    assert report.stats["decimal_char"] == ","
    assert (report.stats["rows"], report.stats["fields"]) == (4, 6)


def test_portuguese_errors_say_what_to_fix():
    path = TABLES / "pt_iso8859_bad.csv"
    report = validate_table(path, schema=TABLES / "pt_iso8859.schema.json")
    assert not report.valid
    first = report.findings[0]
    assert (first.type, first.row, first.field) == ("type-error", 2, "data")
    assert first.message.pt == (
        'Linha 2, coluna "data": "31-02-2024" não é uma data válida '
        "(formato esperado DD-MM-AAAA); corrija o valor."
    )
    assert "(expected format DD-MM-YYYY)" in first.message.en
    decimal = next(f for f in report.findings if f.field == "temperatura" and f.row == 3)
    assert "use «,» como separador decimal" in decimal.message.pt
    maximum = next(f for f in report.findings if f.field == "temperatura" and f.row == 4)
    assert '"74" é maior do que o máximo 50' in maximum.message.pt


def test_windows_1252_is_detected_and_decoded():
    schema = {
        "fields": [
            {"name": "medida", "type": "string"},
            {
                "name": "descrição",
                "type": "string",
                "constraints": {"pattern": ".*(–|„inteligentes“|República).*"},
            },
            {"name": "custo", "type": "string", "constraints": {"pattern": ".* €"}},
        ]
    }
    report = validate_table(TABLES / "pt_cp1252.csv", schema=schema)
    assert report.encoding == "windows-1252"
    assert report.valid, report.to_dict()


def test_decimal_commas_fit_a_schema_that_leaves_decimal_char_open():
    schema = json.loads((TABLES / "pt_iso8859.schema.json").read_text(encoding="utf-8"))
    for item in schema["fields"]:
        item.pop("decimalChar", None)
    assert validate_table(TABLES / "pt_iso8859.csv", schema=schema).valid


def test_non_western_hint_lets_chardet_choose(tmp_path):
    rows = "".join(f"Москва {i};{1000 + i};Московская область\n" for i in range(30))
    path = tmp_path / "cidades.csv"
    path.write_bytes(("город;население;область\n" + rows).encode("cp1251"))
    assert validate_table(path).encoding == "iso-8859-1"  # Portuguese by default
    assert validate_table(path, lang_hint="ru").encoding == "windows-1251"


# Empty files, other formats


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\n"])
def test_empty_file_is_a_finding_of_its_own(tmp_path, content):
    path = tmp_path / "vazio.csv"
    path.write_bytes(content)
    report = validate_table(path, schema=TABLES / "types.schema.json")
    assert [f.type for f in report.findings] == ["empty-file"]
    assert "O ficheiro está vazio" in report.findings[0].message.pt


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


# Safety and limits


def test_zip_bomb_is_refused_before_opening(tmp_path):
    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    report = validate_table(bomb)
    assert [f.type for f in report.findings] == ["zip-bomb"]
    assert "recusado sem ser aberto" in report.findings[0].message.pt


def test_zip_size_cap_is_configurable(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.save(tmp_path / "pequeno.xlsx")
    assert validate_table(tmp_path / "pequeno.xlsx").valid
    configure(TableLimits(zip=tabular_detect.ZipLimits(max_uncompressed=1000)))
    report = validate_table(tmp_path / "pequeno.xlsx")
    assert [f.type for f in report.findings] == ["zip-bomb"]
    assert "limite" in report.findings[0].message.pt


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


def test_report_is_json_in_both_languages():
    report = validate_table(TABLES / "types.csv", schema=TABLES / "types.schema.json")
    data = json.loads(json.dumps(report.to_dict(lang="en")))
    assert data["kind"] == "table" and data["encoding"] == "utf-8"
    assert data["findings"][0]["message"] == data["findings"][0]["message_en"]
    assert data["findings"][0]["message_pt"].startswith("Linha ")


# Shipped Table Schemas of CNMD models


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


# The vectorised path gives frictionless's verdicts and counts


def plain_frictionless(path: Path, report):
    """Frictionless alone, reading the bytes as we do (same encoding, dialect and schema)."""
    scan = tabular_detect.scan_encoding(path)
    options = {"encoding": scan.codec}
    if report.stats["format"] == "csv":
        control = CsvControl(
            delimiter=report.stats["delimiter"],
            quote_char='"',
            double_quote=True,
            skip_initial_space=False,
        )
        options["dialect"] = Dialect(controls=[control])
    schema = schema_of(path)
    if isinstance(schema, Path):
        schema = json.loads(schema.read_text(encoding="utf-8"))
    if schema and report.stats.get("decimal_char") == ",":
        for item in schema["fields"]:
            if item["type"] == "number":
                item.setdefault("decimalChar", ",")
    resource = TableResource(
        path=path.name,
        basepath=str(path.parent),
        format=report.stats["format"],
        schema=Schema.from_descriptor(schema) if schema else None,
        **options,
    )
    return resource.validate(limit_errors=0).tasks[0]


TABLE_FILES = sorted(
    p
    for p in [*TABLES.iterdir(), DATA / "Lisboa_2017_24h.csv", DATA / "Porto_2017_24h.csv"]
    if not p.name.endswith(".schema.json") and p.stat().st_size
)


@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.name)
def test_vectorised_path_matches_frictionless(path):
    report = validate_table(path, schema=schema_of(path))
    ours = [f for f in report.findings if f.type != "encoding-error" or f.row is None]
    task = plain_frictionless(path, report)
    assert (not ours) == task.valid
    assert Counter(f.type for f in ours) == Counter(e.type for e in task.errors)
    theirs = sorted((e.type, getattr(e, "row_number", None)) for e in task.errors)
    assert sorted((f.type, f.row) for f in ours) == theirs
    assert report.stats["rows"] == task.stats["rows"]
    if path.suffix == ".csv" and path.name != "labels.csv":
        assert report.stats["engine"] == "vectorised"


@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.name)
def test_vectorised_and_row_by_row_paths_agree(path):
    fast = validate_table(path, schema=schema_of(path))
    configure(TableLimits(vectorised=False))
    slow = validate_table(path, schema=schema_of(path))
    assert slow.stats["engine"] == "frictionless"
    assert [f.to_dict() for f in fast.findings] == [f.to_dict() for f in slow.findings]
    assert fast.stats["rows"] == slow.stats["rows"]


# A table held to the tabular form of a CNMD model (the dataset's dct:conformsTo, or --model)


def test_a_model_table_is_matched_by_column_name_whatever_the_order_and_case(tmp_path):
    rows = [
        "Status;ID;Longitude;Latitude;binColor;binCapacity;binFullnessThreshold;type;nota",
        "ok;urn:cm-evora:WasteContainer:1;-7,91;38,57;verde;800;0,8;WasteContainer;junto à escola",
        "cheio;urn:cm-evora:WasteContainer:2;-7,90;38,56;azul;muito;0,8;WasteContainer;",
    ]
    path = tmp_path / "contentores.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    report = validate_table(path, schema=table_schema_for("WasteContainer"), model="WasteContainer")
    assert where(report) == [
        ("constraint-error", 3, "Status"),
        ("extra-column", None, "nota"),
        ("type-error", 3, "binCapacity"),
    ]
    assert report.stats["table_schema"] == "WasteContainer"
    extra = next(f for f in report.findings if f.type == "extra-column")
    assert extra.severity == "warning" and "«WasteContainer»" in extra.message.pt


def test_a_missing_mandatory_column_of_the_model_is_a_missing_label(tmp_path):
    path = tmp_path / "contentores.csv"
    path.write_text("id;type;latitude;longitude\nurn:a:WasteContainer:1;WasteContainer;38;-7\n")
    report = validate_table(path, schema=table_schema_for("WasteContainer"), model="WasteContainer")
    missing = {f.field for f in report.findings if f.type == "missing-label"}
    assert missing == {"status", "binCapacity", "binColor", "binFullnessThreshold"}
    assert (
        "obrigatória «status»" in next(f for f in report.findings if f.field == "status").message.pt
    )


def test_a_file_that_is_not_the_model_tabular_form_gets_a_warning_and_its_structure_checked(
    tmp_path,
):
    path = tmp_path / "resumo.csv"
    path.write_text("mês;recolhas;toneladas\njaneiro;120;4,5\nfevereiro;118\n")
    report = validate_table(path, schema=table_schema_for("WasteContainer"), model="WasteContainer")
    assert where(report) == [("missing-cell", 3, "toneladas"), ("not-model-table", None, None)]
    assert "table_schema" not in report.stats


@pytest.mark.parametrize(
    ("extra_header", "expected"),
    [
        (";;", [("blank-label", None, None), ("blank-label", None, None)]),  # Excel's trailing ;;
        (";obs;obs", [("duplicate-label", None, "obs"), ("extra-column", None, "obs")]),
        (";status", [("duplicate-label", None, "status")]),
    ],
)
def test_blank_and_repeated_columns_of_a_model_table_are_reported_not_fatal(
    tmp_path, extra_header, expected
):
    header = "id;type;latitude;longitude;status;binCapacity;binColor;binFullnessThreshold"
    row = "urn:a:WasteContainer:1;WasteContainer;38,7;-9,1;ok;10;verde;1"
    extra = extra_header.count(";")
    path = tmp_path / "contentores.csv"
    path.write_text(f"{header}{extra_header}\n{row}{';x' * extra}\n", encoding="utf-8")
    report = validate_table(path, schema=table_schema_for("WasteContainer"), model="WasteContainer")
    assert report.stats["table_schema"] == "WasteContainer"
    assert sorted((f.type, None, f.field if f.type != "blank-label" else None)
                  for f in report.findings) == sorted(expected)  # fmt: skip


def test_blank_columns_do_not_count_against_the_model(tmp_path):
    path = tmp_path / "contentores.csv"
    path.write_text(
        "id;type;latitude;longitude;;;;\nurn:a:WasteContainer:1;WasteContainer;38;-7;;;;\n"
    )
    report = validate_table(path, schema=table_schema_for("WasteContainer"), model="WasteContainer")
    assert report.stats["table_schema"] == "WasteContainer"
    assert "not-model-table" not in {f.type for f in report.findings}
