"""Table findings publishers can act on (:mod:`enti.validators.tabular.messages`): named as
frictionless names them, with row and column, saying what to change in Portuguese and English."""

import json
from collections import Counter

from enti.validators.tabular.validate import validate_table

from .tables import TABLES


def test_header_errors():
    report = validate_table(TABLES / "labels.csv")
    assert [(f.type, f.field) for f in report.findings] == [
        ("blank-label", None),
        ("duplicate-label", "nome"),
    ]
    assert "Coluna 2" in report.findings[0].message.pt
    assert '"nome"' in report.findings[1].message.pt
    assert "give each column a different name" in report.findings[1].message.en


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


def test_report_is_json_in_both_languages():
    report = validate_table(TABLES / "types.csv", schema=TABLES / "types.schema.json")
    data = json.loads(json.dumps(report.to_dict(lang="en")))
    assert data["kind"] == "table" and data["encoding"] == "utf-8"
    assert data["findings"][0]["message"] == data["findings"][0]["message_en"]
    assert data["findings"][0]["message_pt"].startswith("Linha ")
