"""What a table is before frictionless reads it (:mod:`enti.validators.tabular.detect`): the
encoding from every byte (Portuguese exports, mixed encodings), the delimiter and decimal character,
empty files, zip bombs."""

import json
import zipfile

import openpyxl
import pytest

from enti.validators.tabular import detect as tabular_detect
from enti.validators.tabular.validate import TableLimits, configure, validate_table

from .tables import TABLES


def test_mixed_encodings_are_reported_by_line():
    report = validate_table(TABLES / "mixed_encoding.csv")
    assert report.encoding == "utf-8"
    assert [(f.type, f.row) for f in report.findings] == [
        ("encoding-error", 4),
        ("encoding-error", 7),
    ]
    assert "guarde o ficheiro inteiro em UTF-8" in report.findings[0].message.pt
    assert report.stats["rows"] == 6  # the rest of the file is still validated


def test_iso_8859_1_with_semicolons_and_decimal_commas_is_clean():
    report = validate_table(TABLES / "pt_iso8859.csv", schema=TABLES / "pt_iso8859.schema.json")
    assert report.valid, report.to_dict()
    assert report.encoding == "iso-8859-1"
    assert report.stats["delimiter"] == ";"
    assert report.stats["decimal_char"] == ","
    assert (report.stats["rows"], report.stats["fields"]) == (4, 6)


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


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\n"])
def test_empty_file_is_a_finding_of_its_own(tmp_path, content):
    path = tmp_path / "vazio.csv"
    path.write_bytes(content)
    report = validate_table(path, schema=TABLES / "types.schema.json")
    assert [f.type for f in report.findings] == ["empty-file"]
    assert "O ficheiro está vazio" in report.findings[0].message.pt


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
