"""The vectorised path (:mod:`enti.validators.tabular.fast`) gives frictionless's verdicts and
counts, and the row-by-row path the same findings."""

import json
from collections import Counter
from pathlib import Path

import pytest
from frictionless import Dialect, Schema
from frictionless.formats import CsvControl
from frictionless.resources import TableResource

from enti.validators.tabular import detect as tabular_detect
from enti.validators.tabular.validate import (
    TableLimits,
    configure,
    table_schema_for,
    validate_table,
)
from tests.unit.testdata import DATA

from .tables import TABLES


def schema_of(path: Path):
    if path.name.startswith("waste_containers"):
        return table_schema_for("WasteContainer")
    beside = path.with_name(f"{path.stem.removesuffix('_bad')}.schema.json")
    return beside if beside.exists() else None


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
