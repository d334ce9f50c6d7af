"""Vectorised checks that only ever accept values frictionless accepts (see ``tabular_fast``).

Each ``certain`` check takes an Arrow string array and returns a numpy mask; True means
frictionless's cell reader would accept the value (type and constraints). False means "not
sure": the caller then asks frictionless's own reader, once per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_DATE_PARTS = {"d": 2, "m": 2, "Y": 4, "H": 2, "M": 2, "S": 2}
_LITERALS = set("-/.:T ")
_ISO_DATETIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)
_ISO_OFFSETS = {"Y": 0, "m": 5, "d": 8, "H": 11, "M": 14, "S": 17}

Mask = Any  # numpy bool array


class Unsupported(Exception):
    """The schema uses a rule the vectorised path does not screen."""


def numpy_mask(values: Any) -> Mask:
    """Arrow booleans as numpy, nulls as False."""
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False)


def certain(f: Any, constraints: dict[str, Any]) -> Callable[[Any], Mask] | None:
    """The check for frictionless field ``f``, or None when every value needs its reader."""
    rules = set(constraints) - {"required", "unique"}
    try:
        if f.type == "string" and f.format in ("default", None):
            if rules <= {"enum", "minLength", "maxLength"}:
                return _string_check(constraints)
        if f.type == "integer" and f.bare_number and rules <= set(BOUNDS):
            return _integer_check(f, constraints)
        if f.type == "number" and f.bare_number and rules <= set(BOUNDS):
            return _number_check(f, constraints)
        if f.type == "year" and rules <= set(BOUNDS):
            return _year_check(f, constraints)
        if f.type == "boolean" and not rules:
            allowed = pa.array([*f.true_values, *f.false_values], pa.string())
            return lambda values: numpy_mask(pc.is_in(values, value_set=allowed))
        if f.type in ("date", "datetime") and not rules:
            return _date_check(f.type, f.format)
    except Unsupported:
        return None
    return None


def _string_check(constraints: dict[str, Any]) -> Callable[[Any], Mask]:
    enum = [v for v in constraints.get("enum", []) if isinstance(v, str)]
    low, high = constraints.get("minLength"), constraints.get("maxLength")

    def check(values: Any) -> Mask:
        ok = np.ones(len(values), dtype=bool)
        if "enum" in constraints:
            ok &= numpy_mask(pc.is_in(values, value_set=pa.array(enum, pa.string())))
        if low is not None or high is not None:
            length = pc.utf8_length(values)
            if low is not None:
                ok &= numpy_mask(pc.greater_equal(length, int(low)))
            if high is not None:
                ok &= numpy_mask(pc.less_equal(length, int(high)))
        return ok

    return check


def _bounds(f: Any, constraints: dict[str, Any], cast: type) -> list[tuple[str, Any]]:
    read = f.create_value_reader()
    out = []
    for name in BOUNDS:
        if name in constraints:
            bound = read(constraints[name])
            if bound is None or (isinstance(bound, Decimal) and not bound.is_finite()):
                raise Unsupported(f"bound {name}")
            out.append((name, cast(bound)))
    return out


def _within(numbers: Any, bounds: list[tuple[str, Any]], margin: float = 0.0) -> Mask:
    ok = np.ones(len(numbers), dtype=bool)
    for name, bound in bounds:
        slack = margin * max(1.0, abs(bound)) if margin else 0
        if name == "minimum":
            ok &= numbers >= bound + slack
        elif name == "maximum":
            ok &= numbers <= bound - slack
        elif name == "exclusiveMinimum":
            ok &= numbers > bound + slack
        else:
            ok &= numbers < bound - slack
    return ok


def _integer_check(f: Any, constraints: dict[str, Any]) -> Callable[[Any], Mask]:
    bounds = _bounds(f, constraints, int)
    if any(abs(b) >= 2**62 for _, b in bounds):
        raise Unsupported("bound out of range")
    return _whole_numbers(r"^-?[0-9]{1,18}$", bounds)


def _whole_numbers(pattern: str, bounds: list[tuple[str, Any]]) -> Callable[[Any], Mask]:
    """Cells matching ``pattern`` (digits that fit an int64), within ``bounds``."""

    def check(values: Any) -> Mask:
        ok = numpy_mask(pc.match_substring_regex(values, pattern))
        if bounds and ok.any():
            text = pc.if_else(pa.array(ok), values, "0")
            ok &= _within(pc.cast(text, pa.int64()).to_numpy(zero_copy_only=False), bounds)
        return ok

    return check


def _number_check(f: Any, constraints: dict[str, Any]) -> Callable[[Any], Mask]:
    decimal = f.decimal_char
    if len(decimal) != 1 or decimal.isdigit() or decimal in "+-":
        raise Unsupported("decimal character")
    pattern = rf"^-?[0-9]{{1,15}}({re.escape(decimal)}[0-9]{{1,15}})?$"
    bounds = _bounds(f, constraints, float)

    def check(values: Any) -> Mask:
        ok = numpy_mask(pc.match_substring_regex(values, pattern))
        if bounds and ok.any():
            text = pc.if_else(pa.array(ok), values, "0")
            if decimal != ".":
                text = pc.replace_substring(text, decimal, ".")
            numbers = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
            ok &= _within(numbers, bounds, margin=1e-9)  # near a bound: let frictionless decide
        return ok

    return check


def _year_check(f: Any, constraints: dict[str, Any]) -> Callable[[Any], Mask]:
    return _whole_numbers(r"^[0-9]{4}$", _bounds(f, constraints, int))


def _date_check(kind: str, fmt: str | None) -> Callable[[Any], Mask]:
    """Fixed-width dates and times: a regex, then calendar ranges on the digits."""
    if fmt in ("default", None) and kind == "date":
        fmt = "%Y-%m-%d"
    if fmt in ("default", None):
        pattern, offsets = f"^{_ISO_DATETIME}$", _ISO_OFFSETS
    else:
        pattern, offsets = _format_regex(fmt, time=kind == "datetime")

    def check(values: Any) -> Mask:
        ok = numpy_mask(pc.match_substring_regex(values, pattern))
        if not ok.any():
            return ok
        text = pc.if_else(pa.array(ok), values, "0001-01-01T00:00:00")
        parts = {}
        for key, start in offsets.items():
            width = _DATE_PARTS[key]
            piece = pc.utf8_slice_codeunits(text, start, start + width)
            piece = pc.if_else(pa.array(ok), piece, "1")
            parts[key] = pc.cast(piece, pa.int64()).to_numpy(zero_copy_only=False)
        year, month, day = parts["Y"], parts["m"], parts["d"]
        ok &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
        ok &= day <= _days_in_month(year, np.clip(month, 1, 12))
        ok &= parts.get("H", 0) <= 23
        ok &= parts.get("M", 0) <= 59
        ok &= parts.get("S", 0) <= 59
        return ok

    return check


def _format_regex(fmt: str, *, time: bool) -> tuple[str, dict[str, int]]:
    tokens = re.findall(r"%.|.", fmt, re.S)
    offsets: dict[str, int] = {}
    regex, position = "^", 0
    for token in tokens:
        if token.startswith("%"):
            key = token[1:]
            if key not in _DATE_PARTS or key in offsets:
                raise Unsupported(f"directive {token}")
            offsets[key] = position
            regex += f"[0-9]{{{_DATE_PARTS[key]}}}"
            position += _DATE_PARTS[key]
        elif token in _LITERALS:
            regex += re.escape(token)
            position += 1
        else:
            raise Unsupported(f"literal {token!r}")
    needed = {"Y", "m", "d"} | ({"H", "M"} if time else set())
    if not needed <= set(offsets) or (not time and set(offsets) - {"Y", "m", "d"}):
        raise Unsupported("incomplete date format")
    return regex + "$", offsets


def _days_in_month(year: Mask, month: Mask) -> Mask:
    days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[month - 1]
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    return days + ((month == 2) & leap)
