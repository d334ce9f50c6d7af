"""What the geometry validators share: the findings sink, the CRS to read positions in (declared
or found by ranges) and the placement of the points in Portugal (outside, swapped), once per
feature, row or entity attribute."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
from pyproj.exceptions import ProjError

from enti.validators.geometry.coordinates import (
    MIN_SCORE,
    OUTSIDE,
    SWAPPED,
    WGS84,
    classify,
    crs_candidates,
    crs_score,
    detect_crs,
    to_wgs84,
)
from enti.validators.geometry.messages import crs_label, m
from enti.validators.messages import Message
from enti.validators.report import ERROR, WARNING, Finding, ValidationReport

# Where a position's owner (feature, row, entity attribute) is: Finding keywords and a subject.
Where = Callable[[int], tuple[dict[str, Any], Message]]


class Findings:
    """Adds findings to a report up to a limit, counting every one by type."""

    def __init__(self, report: ValidationReport, limit: int) -> None:
        self.report, self.limit = report, limit
        self.counts: Counter[str] = Counter()
        report.stats["finding_counts"] = self.counts

    @property
    def room(self) -> int:
        return max(self.limit - len(self.report.findings), 0)

    def add(self, type_: str, message: Message, severity: str = ERROR, **where: Any) -> None:
        self.counts[type_] += 1
        if self.room:
            self.report.add(Finding(type_, message, severity, **where))
        else:
            self.report.truncated = True

    def skip(self, type_: str, n: int = 1) -> None:
        """Count ``n`` findings beyond the limit without building them."""
        if n > 0:
            self.counts[type_] += n
            self.report.truncated = True


def _known(crs: str) -> bool:
    try:
        to_wgs84(np.zeros((1, 2)), crs)
    except ProjError:  # CRSError included
        return False
    return True


def resolve_crs(
    out: Findings, xy: np.ndarray, declared: str | None, how: str, *, can_declare: bool
) -> str | None:
    """The CRS to read ``xy`` in: the declared one when the points fit it, else by ranges."""
    xs, ys = xy[:, 0], xy[:, 1]
    if declared is not None and not _known(declared):
        out.add("unknown-crs", m("unknown-crs", crs=declared))
        declared = None
    if declared is not None:
        if len(xy) and crs_score(xs, ys, declared) < MIN_SCORE:
            found = detect_crs(xs, ys)
            if found and found != declared and crs_score(xs, ys, found) >= MIN_SCORE:
                labels = {"declared": crs_label(declared), "found": crs_label(found)}
                out.add("crs-mismatch", m("crs-mismatch", how=how, code=found, **labels))
                declared, how = found, "ranges"
        out.report.stats["crs_source"] = how
        return declared
    found_all = crs_candidates(xs, ys) if len(xy) else [(WGS84, 0.0)]
    if not found_all:
        out.add("unknown-crs", m("unrecognised-crs"))
        return None
    crs, others = found_all[0][0], ", ".join(c for c, _ in found_all[1:])
    out.report.stats["crs_source"] = "ranges" if len(xy) else "default"
    out.report.stats["crs_candidates"] = [c for c, _ in found_all]
    if crs != WGS84:
        also = m("also", crs=others) if others else ""
        fix = m("fix-geojson" if can_declare else "fix-csv")
        message = m("undeclared-crs", crs=crs_label(crs), also=also, fix=fix)
        out.add("undeclared-crs", message, ERROR if can_declare else WARNING)
    return crs


def _seen(xy: np.ndarray, lonlat: np.ndarray, crs: str) -> str:
    seen = f"({xy[0]:.10g}, {xy[1]:.10g})"
    if crs != WGS84 and np.isfinite(lonlat).all():
        seen += f" {crs} → lon {lonlat[0]:.5f}, lat {lonlat[1]:.5f}"
    return seen


def place(
    out: Findings, xy: np.ndarray, owner: np.ndarray, crs: str, where: Where, hint: Message
) -> np.ndarray:
    """Report points outside Portugal or swapped, once per owner; return the WGS84 points kept
    for the bbox (those in Portugal and the swapped ones, put right)."""
    lonlat, codes = classify(xy, crs)
    events = []
    reported = np.empty(0, dtype=int)  # an owner outside Portugal is not also called swapped
    for code, type_ in ((OUTSIDE, "outside-portugal"), (SWAPPED, "swapped-coordinates")):
        at = np.flatnonzero(codes == code)
        owners, first = np.unique(owner[at], return_index=True)
        keep = ~np.isin(owners, reported)
        events += [
            (int(o), int(at[i]), type_) for o, i in zip(owners[keep], first[keep], strict=True)
        ]
        reported = np.concatenate([reported, owners])
    events.sort()
    room = out.room
    for own, idx, type_ in events[:room]:
        kwargs, subject = where(own)
        seen = _seen(xy[idx], lonlat[idx], crs if type_ == "outside-portugal" else WGS84)
        message = m(type_, subject=subject, seen=seen, hint=hint)
        out.add(type_, message, **kwargs)
    for type_, n in Counter(type_ for _, _, type_ in events[room:]).items():
        out.skip(type_, n)
    counts = {"points": len(xy), "points_outside": int((codes == OUTSIDE).sum())}
    counts["points_swapped"] = int((codes == SWAPPED).sum())
    for key, n in counts.items():  # summed over the CRS groups of entities
        out.report.stats[key] = out.report.stats.get(key, 0) + n
    return lonlat[codes <= SWAPPED]
