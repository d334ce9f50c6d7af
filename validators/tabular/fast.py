"""Vectorised screening of a CSV against frictionless's own fields, to find the rows that fail.

The file is parsed by the same ``csv`` reader, with the same dialect, that frictionless uses,
so records and row numbers are the same. Each column of a batch of rows is checked with Arrow
compute functions that only ever *accept* a value frictionless accepts (a strict regular
expression plus range checks); every other non-missing value is checked once per distinct
value by frictionless's own cell reader. Row-level rules (cell count, blank rows, unique
values, primary key) flag every row that could be involved. Frictionless then describes the
flagged rows only (see ``tabular.py``), so verdicts and error counts stay those of frictionless.

:func:`screen` returns ``None`` when the schema uses something this module does not screen
(foreign keys, composite keys, unique non-string columns); the caller then lets frictionless
read the whole file.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

try:  # optional: without pyarrow every file goes through frictionless row by row
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from enti.validators.tabular.checks import Mask, Unsupported, certain, numpy_mask

    AVAILABLE = True
except ImportError:  # pragma: no cover - exercised only where pyarrow is absent
    AVAILABLE = False

BATCH = 10_000
CACHE_LIMIT = 200_000


@dataclass
class Screen:
    rows: int  # data rows (records after the header)
    flagged: int  # rows written to the extract
    extract: Path | None  # header + flagged rows, UTF-8, same dialect
    row_map: array = field(default_factory=lambda: array("q"))  # extract row k -> row_map[k-2]


def screen(
    path: Path,
    *,
    codec: str,
    delimiter: str,
    fields: list[Any],
    primary_key: list[str],
    foreign_keys: list[Any],
    extract: Path,
) -> Screen | None:
    """Screen ``path`` (CSV, header on row 1) against frictionless ``fields`` (in column order)."""
    if not AVAILABLE or foreign_keys:
        return None
    try:
        plans = [_Plan.build(f, primary_key) for f in fields]
    except Unsupported:
        return None
    dialect: dict[str, Any] = {"delimiter": delimiter, "quotechar": '"', "doublequote": True}
    flags: list[Mask] = []
    keys: dict[int, list[Any]] = {i: [] for i, p in enumerate(plans) if p.unique}
    row_map = array("q")
    with (
        open(path, encoding=codec, newline="") as source,
        open(extract, "w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.reader(source, **dialect)
        writer = csv.writer(target, lineterminator="\r\n", **dialect)
        header = next(reader, None)
        if header is None:
            return Screen(0, 0, None)
        writer.writerow(header)
        done = 0
        for batch in _batches(reader):
            bad = _screen_batch(batch, plans, keys)
            for index in np.flatnonzero(bad).tolist():
                writer.writerow(batch[index])
                row_map.append(done + index + 2)
            flags.append(bad)
            done += len(batch)
    flag = np.concatenate(flags) if flags else np.zeros(0, dtype=bool)
    repeated = np.zeros(len(flag), dtype=bool)
    for chunks in keys.values():
        repeated |= _duplicates(chunks)
    if (repeated & ~flag).any():  # rows flagged only at the end: write the extract again
        row_map = _write_extract(path, codec, dialect, extract, flag | repeated)
    return Screen(len(flag), len(row_map), extract, row_map)


def _batches(reader: Iterator[list[str]]) -> Iterator[list[list[str]]]:
    while batch := list(islice(reader, BATCH)):
        yield batch


def _screen_batch(batch: list[list[str]], plans: list[_Plan], keys: dict[int, list[Any]]) -> Mask:
    width, height = len(plans), len(batch)
    lengths = np.fromiter(map(len, batch), dtype=np.int64, count=height)
    bad = lengths != width
    if bad.any():
        batch = [row if len(row) == width else (row + [""] * width)[:width] for row in batch]
    cells = pa.array(list(chain.from_iterable(batch)), type=pa.string())
    blank = np.ones(height, dtype=bool)
    for index, plan in enumerate(plans):
        values = cells.take(pa.array(np.arange(index, height * width, width)))
        missing = plan.missing(values)
        blank &= missing
        bad |= plan.bad(values, missing)
        if plan.unique:
            keys[index].append(pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), values))
    return bad | blank


def _duplicates(chunks: list[Any]) -> Mask:
    """Every row whose value occurs more than once (all occurrences, so the extract keeps
    the first one and frictionless reports the repeats exactly as on the whole file).
    Sorting takes less memory than a hash table of every distinct value."""
    if not chunks:
        return np.zeros(0, dtype=bool)
    column = pa.chunked_array(chunks, type=pa.string())
    order = pc.sort_indices(column)
    ordered = column.take(order)
    same = numpy_mask(pc.equal(ordered[1:], ordered[:-1]))
    del ordered
    repeated = np.zeros(len(column), dtype=bool)
    repeated[1:] |= same
    repeated[:-1] |= same
    mask = np.zeros(len(column), dtype=bool)
    mask[order.to_numpy()] = repeated
    return mask


def _write_extract(
    path: Path, codec: str, dialect: dict[str, Any], extract: Path, flag: Mask
) -> array:
    """Header plus flagged rows, re-serialised with the same dialect (the ``csv`` module
    reads back exactly what it wrote); returns the original row number of each."""
    row_map = array("q")
    with (
        open(path, encoding=codec, newline="") as source,
        open(extract, "w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.reader(source, **dialect)
        writer = csv.writer(target, lineterminator="\r\n", **dialect)
        writer.writerow(next(reader))
        wanted = set(np.flatnonzero(flag).tolist())
        for number, row in enumerate(reader):
            if number in wanted:
                writer.writerow(row)
                row_map.append(number + 2)
    return row_map


@dataclass
class _Plan:
    """How to screen one column."""

    reader: Callable[[Any], tuple[Any, Any]]
    missing_values: list[str]
    required: bool
    unique: bool
    certain: Callable[[Any], Mask] | None
    cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def build(cls, f: Any, primary_key: list[str]) -> _Plan:
        constraints = dict(f.constraints or {})
        is_key = primary_key == [f.name]
        if len(primary_key) > 1 and f.name in primary_key:
            raise Unsupported("composite primary key")
        unique = bool(constraints.get("unique")) or is_key
        if unique and (f.type != "string" or f.format not in ("default", None)):
            raise Unsupported("unique values of a non-string column")
        missing = f.missing_values
        if not f.has_defined("missing_values") and f.schema:
            missing = f.schema.missing_values
        return cls(
            reader=f.create_cell_reader(),
            missing_values=list(missing),
            required=bool(constraints.get("required")) or is_key,
            unique=unique,
            certain=certain(f, constraints),
        )

    def missing(self, values: Any) -> Mask:
        if self.missing_values == [""]:
            return numpy_mask(pc.equal(values, ""))
        return numpy_mask(pc.is_in(values, value_set=pa.array(self.missing_values, pa.string())))

    def bad(self, values: Any, missing: Mask) -> Mask:
        out = missing & self.required
        unsure = ~missing
        if self.certain is not None:
            unsure &= ~self.certain(values)
        if not unsure.any():
            return out
        distinct = pc.unique(values.filter(pa.array(unsure))).to_pylist()
        failing = [value for value in distinct if self._fails(value)]
        if failing:
            hit = numpy_mask(pc.is_in(values, value_set=pa.array(failing, pa.string())))
            out |= unsure & hit
        return out

    def _fails(self, value: str) -> bool:
        known = self.cache.get(value)
        if known is None:
            _, notes = self.reader(value)
            known = bool(notes)
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            self.cache[value] = known
        return known
