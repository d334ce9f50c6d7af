"""A table held to the tabular form of a CNMD model (:mod:`enti.validators.tabular.model`; the
dataset's dct:conformsTo, or --model): columns matched by name, missing mandatory columns, files
that are not the model's form."""

import pytest

from enti.validators.tabular.validate import table_schema_for, validate_table

from .tables import where


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
