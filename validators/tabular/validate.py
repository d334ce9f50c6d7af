"""Validate tables (CSV, TSV, XLSX, XLS, ODS, JSON) with frictionless, in a form publishers can act
on.

:func:`validate_table` detects what frictionless would otherwise guess from a small sample —
the encoding (from every byte: Portuguese exports are often ISO-8859-1 or Windows-1252), the
CSV delimiter and the decimal character — refuses empty files and zip bombs before any parser
runs, then streams the rows through frictionless, keeping at most ``max_findings`` findings and
counting the rest. Finding types are frictionless's (``type-error``, ``blank-row`` …) plus ours
where it has none (``empty-file``, ``zip-bomb``, ``schema-error``).

CSV files with a Table Schema take a vectorised path (``tabular_fast``): Arrow screens every
column, and frictionless reads only the rows that fail, so the findings are the same as a full
frictionless pass at a fraction of the time.

:func:`table_schema_for` gives the Table Schema ENTI ships for the tabular form of a CNMD model.
"""

from __future__ import annotations

import copy
import csv
import json
import tempfile
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from frictionless import Checklist, Dialect, FrictionlessException, Schema
from frictionless.formats import CsvControl
from frictionless.resources import TableResource

from enti.schemas import path as shipped
from enti.validators.messages import Message
from enti.validators.report import Finding, ValidationReport
from enti.validators.tabular import detect, fast, messages
from enti.validators.tabular import model as tabular_model

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".json": "json",
}
ZIPPED = ("xlsx", "ods")
TEXT = ("csv", "json")


@dataclass(frozen=True)
class TableLimits:
    """Safety and speed settings; the CKAN adapter sets them from its config with
    :func:`configure`."""

    zip: detect.ZipLimits = field(default_factory=detect.ZipLimits)
    vectorised: bool = True  # screen CSVs with Arrow before frictionless reads them


_limits = TableLimits()


def configure(limits: TableLimits) -> None:
    """Replace the limits every later :func:`validate_table` call uses."""
    global _limits
    _limits = limits


def validate_table(
    path: str | Path,
    *,
    schema: dict | str | Path | None = None,
    max_findings: int = 1000,
    lang_hint: str | None = None,
    model: str | None = None,
) -> ValidationReport:
    """Validate one table file, optionally against a Table Schema (a dict or a JSON/YAML file).

    With ``model`` (a CNMD entity type), ``schema`` is that model's tabular form and is fitted to
    the file's header by column name (:mod:`enti.validators.tabular.model`); otherwise its fields
    are read by position, as frictionless does. ``lang_hint`` is the language of the text (``pt``
    by default); a non-Western one lets chardet pick the encoding of files that are not UTF-8.
    """
    source = Path(path)
    report = ValidationReport(kind="table", source=str(source))
    sink = _Sink(report, max(0, max_findings))
    fmt = FORMATS.get(source.suffix.lower(), "csv")
    report.stats.update(format=fmt, rows=0, fields=0)
    _validate(source, fmt, schema, sink, lang_hint, model)
    report.stats["findings"] = sink.total
    report.stats["findings_dropped"] = sink.total - len(report.findings)
    report.truncated = sink.total > len(report.findings)
    return report


def table_schema_for(model: str) -> dict | None:
    """The Table Schema of the tabular form of CNMD ``model`` (e.g. ``"WasteContainer"``)."""
    schemas = _shipped_schemas()
    found = schemas.get(model) or schemas.get(model.strip().lower())
    return json.loads(found.read_text(encoding="utf-8")) if found else None


@cache
def _shipped_schemas() -> dict[str, Path]:
    index: dict[str, Path] = {}
    for file in sorted(shipped("table-schemas").glob("*.json")):
        index[file.stem] = file
        index[file.stem.lower()] = file
    return index


@dataclass
class _Sink:
    """Keeps the first ``limit`` findings and counts them all."""

    report: ValidationReport
    limit: int
    total: int = 0

    def add(self, finding: Finding) -> None:
        self.total += 1
        if len(self.report.findings) < self.limit:
            self.report.add(finding)


def _validate(
    source: Path, fmt: str, schema: Any, sink: _Sink, lang_hint: str | None, model: str | None
) -> None:
    if not source.is_file():
        sink.add(_not_found(source))
        return
    if detect.is_empty(source):
        sink.add(messages.empty_file())
        return
    if fmt in ZIPPED:
        verdict = detect.check_zip(source, _limits.zip)
        if not verdict.ok:
            sink.add(
                messages.zip_refused(
                    verdict.reason, verdict.uncompressed, verdict.ratio, _limits.zip
                )
            )
            return
    try:
        descriptor = _schema_descriptor(schema)
    except (OSError, ValueError, yaml.YAMLError, FrictionlessException) as error:
        sink.add(messages.invalid_schema(str(error)))
        return
    options: dict[str, Any] = {}
    if fmt in TEXT:
        scan = detect.scan_encoding(source, lang_hint)
        sink.report.encoding = scan.encoding
        options["encoding"] = scan.codec
        if scan.mixed:
            for line in detect.undecodable_lines(source):
                sink.add(messages.mixed_encoding(line))
    if fmt == "csv":
        sniffed = detect.sniff_dialect(source, scan.codec, tsv=source.suffix.lower() == ".tsv")
        sink.report.stats.update(delimiter=sniffed.delimiter, decimal_char=sniffed.decimal_char)
        options["dialect"] = _csv_dialect(sniffed.delimiter)
    if descriptor is not None and model is not None:
        descriptor = _fitted(source, fmt, descriptor, options, model, sink)
    if fmt == "csv":
        if descriptor is not None:
            descriptor = _with_decimal_char(descriptor, sniffed.decimal_char)
        if _limits.vectorised and fast.AVAILABLE:
            if _screened(source, descriptor, scan.codec, sniffed.delimiter, sink):
                return
    resource = _resource(source, fmt, descriptor, options)
    _run(resource, sink)


def _fitted(
    source: Path, fmt: str, descriptor: dict, options: dict, model: str, sink: _Sink
) -> dict | None:
    """``descriptor`` (the tabular form of ``model``) fitted to the file's header."""
    try:
        with _resource(source, fmt, None, options) as resource:
            labels = [str(label) for label in resource.labels or []]
    except FrictionlessException:
        return None  # unreadable: the full pass reports why
    fitted = tabular_model.fit(descriptor, labels, model)
    for finding in fitted.findings:
        sink.add(finding)
    if fitted.descriptor is not None:
        sink.report.stats["table_schema"] = model
    return fitted.descriptor


def _screened(
    source: Path, descriptor: dict | None, codec: str, delimiter: str, sink: _Sink
) -> bool:
    """Vectorised path; False when it does not apply (frictionless then reads every row)."""
    resource = _resource(
        source, "csv", descriptor, {"encoding": codec, "dialect": _csv_dialect(delimiter)}
    )
    try:
        with resource:
            fields = resource.header.get_expected_fields()
            if descriptor is None and not resource.header.valid:
                return False  # inferred names differ from the labels: keep frictionless's view
            schema = resource.schema.to_descriptor()
            key, foreign = list(resource.schema.primary_key), resource.schema.foreign_keys
    except FrictionlessException:
        return False
    with tempfile.TemporaryDirectory(prefix="enti-table-") as tmp:
        extract = Path(tmp) / "extract.csv"
        try:
            result = fast.screen(
                source,
                codec=codec,
                delimiter=delimiter,
                fields=fields,
                primary_key=key,
                foreign_keys=foreign,
                extract=extract,
            )
        except (csv.Error, UnicodeError, ValueError, OSError):  # Arrow errors are ValueErrors
            return False
        if result is None or result.extract is None:
            return False
        described = _resource(
            extract, "csv", schema, {"encoding": "utf-8", "dialect": _csv_dialect(delimiter)}
        )
        _run(described, sink, row_map=result.row_map)
    sink.report.stats.update(rows=result.rows, engine="vectorised", flagged_rows=result.flagged)
    return True


def _run(resource: TableResource, sink: _Sink, row_map: array | None = None) -> None:
    """Stream ``resource`` through frictionless's checks, as ``Resource.validate`` does, but
    keep only what the sink keeps (frictionless would hold every error in memory)."""

    def moved(number: int | None) -> int | None:
        return row_map[number - 2] if row_map is not None and number and number >= 2 else number

    def add(error: Any, fields: dict[str, Any]) -> None:
        other = messages.repeated_row(error.note) if error.type in UNIQUE else None
        sink.add(
            messages.from_error(
                error,
                fields,
                row=moved(getattr(error, "row_number", None)),
                other_row=moved(other),
            )
        )

    try:
        resource.open()
    except FrictionlessException as exception:
        for error in exception.to_errors():
            add(error, {})
        return
    with resource:
        fields = {f.name: f for f in resource.schema.fields}
        checks = Checklist().connect(resource)
        for check in checks:
            for error in check.validate_start():
                add(error, fields)
        stream = resource.row_stream
        while True:
            try:
                row = next(stream)
            except StopIteration:
                break
            except FrictionlessException as exception:
                add(exception.error, fields)
                break
            for check in checks:
                for error in check.validate_row(row):
                    add(error, fields)
        for check in checks:
            for error in check.validate_end():
                add(error, fields)
        sink.report.stats.update(
            rows=resource.stats.rows or 0,
            fields=len(resource.labels or resource.schema.fields),
            engine=sink.report.stats.get("engine", "frictionless"),
        )


UNIQUE = ("unique-error", "primary-key")


def _resource(source: Path, fmt: str, descriptor: dict | None, options: dict) -> TableResource:
    if descriptor:
        options = {**options, "schema": Schema.from_descriptor(copy.deepcopy(descriptor))}
    return TableResource(path=source.name, basepath=str(source.parent), format=fmt, **options)


def _csv_dialect(delimiter: str) -> Dialect:
    control = CsvControl(
        delimiter=delimiter, quote_char='"', double_quote=True, skip_initial_space=False
    )
    return Dialect(controls=[control])


def _schema_descriptor(schema: dict | str | Path | None) -> dict | None:
    if schema is None:
        return None
    if isinstance(schema, dict):
        descriptor = copy.deepcopy(schema)
    else:
        text = Path(schema).read_text(encoding="utf-8")
        loaded = yaml.safe_load(text) if str(schema).endswith((".yaml", ".yml")) else None
        descriptor = loaded if loaded is not None else json.loads(text)
    if not isinstance(descriptor, dict):
        raise ValueError("a Table Schema is a JSON object")
    Schema.from_descriptor(copy.deepcopy(descriptor))  # raises on an invalid schema
    return descriptor


def _with_decimal_char(descriptor: dict, decimal_char: str) -> dict:
    """Number columns that leave ``decimalChar`` open take the one the file uses (``1,5``)."""
    if decimal_char == ".":
        return descriptor
    adapted = copy.deepcopy(descriptor)
    for item in adapted.get("fields", []):
        if item.get("type") == "number" and "decimalChar" not in item:
            if item.get("groupChar") != decimal_char:
                item["decimalChar"] = decimal_char
    return adapted


def _not_found(source: Path) -> Finding:
    return Finding(
        type="scheme-error",
        message=Message(
            pt=f"O ficheiro {source.name} não existe ou não pode ser lido; volte a carregá-lo.",
            en=f"The file {source.name} does not exist or cannot be read; upload it again.",
        ),
    )
