"""Coordinates as publishers write them in tables and forms: decimal commas, thousands
separators, degrees-minutes-seconds with N/S/E/W (O for oeste)."""

from __future__ import annotations

import re

import numpy as np

_DMS = re.compile(
    r"^([NSEWO])?\s*(\d+(?:[.,]\d+)?)\s*[°º]\s*(?:(\d+(?:[.,]\d+)?)\s*['’′]\s*)?"
    r"(?:(\d+(?:[.,]\d+)?)\s*(?:\"|''|”|″)\s*)?([NSEWO])?$",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    """A coordinate as publishers write it: ``-9.1393``, ``-9,1393``, ``-87 650,00``,
    ``-87.650,00``, ``38°43'20.3"N``, ``9° 8' 21" W`` (O for oeste). ``nan`` when unreadable."""
    t = text.strip().replace("\u2212", "-").replace("\xa0", "").replace(" ", "")
    if "," in t and "." in t:
        t = (
            t.replace(".", "").replace(",", ".")
            if t.rfind(",") > t.rfind(".")
            else t.replace(",", "")
        )
    elif t.count(",") == 1:
        t = t.replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:
        return _parse_dms(text.strip())


def _parse_dms(text: str) -> float:
    match = _DMS.match(text)
    if not match or (match.group(1) and match.group(5)):
        return float("nan")
    hemi, deg, minutes, seconds = match.group(1) or match.group(5), *match.group(2, 3, 4)
    value = sum(
        float((part or "0").replace(",", ".")) / div
        for part, div in ((deg, 1), (minutes, 60), (seconds, 3600))
    )
    return -value if (hemi or "").upper() in {"S", "W", "O"} else value


def parse_numbers(values: list[str]) -> np.ndarray:
    """:func:`parse_number` over a column, vectorised for the plain cases (``nan`` = unreadable)."""
    if not values:
        return np.empty(0)
    try:
        column = np.char.replace(np.char.strip(np.asarray(values, dtype=str)), ",", ".")
        return column.astype(float)
    except ValueError:
        return np.array([parse_number(v) for v in values], dtype=float)
