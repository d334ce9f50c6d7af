"""The tables under ``tests/data/tables`` and a table report's findings in short."""

from tests.unit.testdata import DATA

TABLES = DATA / "tables"


def where(report):
    return sorted((f.type, f.row, f.field) for f in report.findings)
