"""Tables (CSV, XLSX, ODS, JSON tables) checked with Frictionless against a Table Schema, with a
vectorised fast path for large files and messages a data officer can act on.

Entry points: :func:`validate_table`, :func:`table_schema_for` (the Table Schema of a CNMD model).
"""

from enti.validators.tabular.validate import TableLimits, table_schema_for, validate_table

__all__ = ["TableLimits", "table_schema_for", "validate_table"]
