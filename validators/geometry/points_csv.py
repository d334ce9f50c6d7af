"""Coordinates in CSV files: the x/y (longitude/latitude) columns found by their Portuguese or
English names, the CRS from the header (an EPSG code, "TM06", "WGS84") or by ranges, each row's
position checked like a GeoJSON feature's (:mod:`enti.validators.geometry.geojson`)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from enti.validators.geometry.coordinates import WGS84, bbox_of, crs_code
from enti.validators.geometry.messages import m
from enti.validators.geometry.numbers import parse_numbers
from enti.validators.geometry.place import Findings, place, resolve_crs
from enti.validators.messages import Message
from enti.validators.report import WARNING, ValidationReport
from enti.validators.tabular.detect import column_words

# Column names of (x, y) pairs, by family: a name matches by its first or last word (``lat``,
# ``latitude_wgs84``, ``coord_y``, ``y_pttm06``) or any word after "coord…" (``Coordenada X
# (PT-TM06)``), ``long`` only as the last word (``gps_long``,
# not ``long_name``), M and P (meridiana, perpendicular: PT-TM06 in Portuguese surveys) only alone.
_PAIRS = [
    ({"lon", "lng", "longitude", "longitud"}, {"lat", "latitude", "latitud"}, {"long"}),
    ({"x", "easting", "este"}, {"y", "northing", "norte"}, set()),
    ({"m"}, {"p"}, set()),
]
_CRS_IN_NAME = re.compile(r"epsg_?(\d{4,5})|(tm06)|(wgs_?84)")


def coordinate_columns(header: list[str]) -> tuple[int, int] | None:
    """Indexes of the (x/longitude, y/latitude) columns, found by their pt/en names."""
    names = [column_words(h) for h in header]

    def first(words: set[str], last: set[str], alone: bool) -> int | None:
        for i, name in enumerate(names):
            parts = name.split("_")
            if name in words or name in last or parts[-1] in last:
                return i
            coordinate = name.startswith("coord") and words & set(parts)  # Coordenada X (PT-TM06)
            if not alone and (parts[0] in words or parts[-1] in words or coordinate):
                return i
        return None

    for xs, ys, last in _PAIRS:
        alone = xs == {"m"}
        x, y = first(xs, last, alone), first(ys, set(), alone)
        if x is not None and y is not None and x != y:
            return x, y
    return None


def _header_crs(*names: str) -> str | None:
    match = _CRS_IN_NAME.search(column_words(" ".join(names)))
    if not match:
        return None
    return (
        crs_code(match.group(1)) if match.group(1) else ("EPSG:3763" if match.group(2) else WGS84)
    )


def _read_csv(path: Path) -> tuple[Iterator[list[str]], str, str]:
    """The records of a CSV (``,`` ``;`` tab or ``|``, leading ``#`` comment lines skipped), its
    encoding and delimiter."""
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252", errors="replace")
    start = 0
    while text.startswith("#", start) and text.find("\n", start) >= 0:
        start = text.find("\n", start) + 1
    head = [line for line in text[start : start + 65536].splitlines()[:50] if line.strip()]

    def fit(delimiter: str) -> tuple[float, int]:
        rows = list(csv.reader(head, delimiter=delimiter))
        width = len(rows[0]) if rows else 0
        same = sum(len(r) == width for r in rows) / max(len(rows), 1)
        return (same if width > 1 else 0.0), width

    delimiter = max(",;\t|", key=fit)
    return csv.reader(io.StringIO(text[start:]), delimiter=delimiter), encoding, delimiter


def validate_coordinates_csv(
    path: str | Path, *, source: str = "", max_findings: int = 1000
) -> ValidationReport:
    """Validate the coordinates of a CSV file (``,`` or ``;``, decimal points or commas); rows are
    numbered as frictionless does (header = row 1). Raises ``OSError`` if it cannot be read."""
    path = Path(path)
    report = ValidationReport(kind="geometry", source=source or path.name)
    out = Findings(report, max_findings)
    records, report.encoding, delimiter = _read_csv(path)
    header = next(records, [])
    columns = coordinate_columns(header)
    report.stats["delimiter"] = delimiter
    if columns is None:
        out.add("missing-coordinates", m("no-columns"))
        return report
    (xi, yi), width = columns, max(columns) + 1
    xcol, ycol = header[xi], header[yi]
    rows: list[int] = []
    raw_x: list[str] = []
    raw_y: list[str] = []
    for number, record in enumerate(records, start=2):
        if len(record) < width and not any(cell.strip() for cell in record):
            continue  # blank row
        full = len(record) >= width
        rows.append(number)
        raw_x.append(record[xi].strip() if full else "")
        raw_y.append(record[yi].strip() if full else "")
    report.stats |= {"rows": len(rows), "x_column": xcol, "y_column": ycol}
    xs, ys = parse_numbers(raw_x), parse_numbers(raw_y)
    usable = np.isfinite(xs) & np.isfinite(ys)
    bad, room = np.flatnonzero(~usable), out.room
    for i in bad[:room]:
        _bad_row(out, rows[i], raw_x[i], raw_y[i], xcol, ycol)
    empty = sum(1 for i in bad[room:] if not raw_x[i] and not raw_y[i])
    out.skip("missing-coordinates", empty)
    out.skip("invalid-geometry", len(bad[room:]) - empty)
    xy = np.column_stack([xs[usable], ys[usable]])
    owner = np.asarray(rows, dtype=int)[usable]
    report.crs = resolve_crs(out, xy, _header_crs(xcol, ycol), "header", can_declare=False)
    if report.crs is not None and len(xy):

        def where(row: int) -> tuple[dict[str, Any], Message]:
            return {"row": row}, m("row", i=row)

        hint = m("order-csv", x=xcol, y=ycol)
        report.bbox = bbox_of(place(out, xy, owner, report.crs, where, hint))
    report.stats["rows_with_coordinates"] = int(usable.sum())
    return report


def _bad_row(out: Findings, row: int, x: str, y: str, xcol: str, ycol: str) -> None:
    if not x and not y:
        message = m("missing-coordinates", row=row, x=xcol, y=ycol)
        out.add("missing-coordinates", message, WARNING, row=row)
        return
    field, value = (xcol, x) if not np.isfinite(parse_numbers([x])).all() else (ycol, y)
    message = m("unreadable", row=row, value=value, field=field)
    out.add("invalid-geometry", message, row=row, field=field)
