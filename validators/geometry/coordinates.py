"""Coordinates in Portugal: where a point falls, which CRS it is in, and its WGS84 bbox.

Portugal spans three envelopes (mainland, Madeira with the Selvagens, the Azores). A point whose
latitude and longitude were swapped lands far outside all of them but inside once swapped back —
the commonest publisher error, so it is named as such.

A CRS is named ``"EPSG:nnnn"`` (or another ``AUTHORITY:code`` pyproj knows). When a file does not
say which CRS it uses, :func:`detect_crs` finds it from plausible ranges: each CRS met in
Portuguese data is tried by reprojecting a sample of the points and counting how many land in the
part of Portugal that CRS is made for (PT-TM06 and the legacy grids: the mainland; PTRA08 UTM 25N:
Flores and Corvo; 26N: the central and eastern Azores; 28N: Madeira).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError


@dataclass(frozen=True)
class BBox:
    """A WGS84 bounding box, longitude/latitude in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def contains_all(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`contains`: a boolean array."""
        return (self.west <= lon) & (lon <= self.east) & (self.south <= lat) & (lat <= self.north)

    def as_geojson(self) -> dict[str, Any]:
        w, s, e, n = self.west, self.south, self.east, self.north
        ring = [[w, s], [e, s], [e, n], [w, n], [w, s]]
        return {"type": "Polygon", "coordinates": [ring]}


# Generous envelopes (about 0.1 degree of margin) around the territory and its islands.
PORTUGAL = {
    "mainland": BBox(-9.6, 36.9, -6.1, 42.2),
    "madeira": BBox(-17.4, 29.9, -15.8, 33.2),
    "azores": BBox(-31.4, 36.8, -24.9, 39.8),
}
# The Azores groups, each in its own UTM zone (same margin).
AZORES_WEST = BBox(-31.4, 39.3, -30.9, 39.8)  # Flores and Corvo
AZORES_CENTRAL_EAST = BBox(-28.9, 36.8, -24.9, 39.2)


# Territorial units whose box the catalogue knows (country authority and NUTS 1 URIs).
# No open boundary file exists for the municipalities, so their coverage must be drawn.
UNIT_BOXES = {
    "http://publications.europa.eu/resource/authority/country/PRT": BBox(-31.4, 29.9, -6.1, 42.2),
    "http://data.europa.eu/nuts/code/PT1": PORTUGAL["mainland"],
    "http://data.europa.eu/nuts/code/PT2": PORTUGAL["azores"],
    "http://data.europa.eu/nuts/code/PT3": PORTUGAL["madeira"],
}

WGS84 = "EPSG:4326"
# The CRSs met in Portuguese data (ENTI brief §8), in order of preference when several fit, with
# the part of Portugal each is made for.
CRS_REGIONS: dict[str, tuple[BBox, ...]] = {
    WGS84: tuple(PORTUGAL.values()),
    "EPSG:3763": (PORTUGAL["mainland"],),  # PT-TM06/ETRS89
    "EPSG:20790": (PORTUGAL["mainland"],),  # Lisboa Hayford-Gauss IGeoE ("militares")
    "EPSG:27493": (PORTUGAL["mainland"],),  # Datum 73 Hayford-Gauss IPCC
    "EPSG:5014": (AZORES_WEST,),  # PTRA08 / UTM 25N
    "EPSG:5015": (AZORES_CENTRAL_EAST,),  # PTRA08 / UTM 26N
    "EPSG:5016": (PORTUGAL["madeira"],),  # PTRA08 / UTM 28N
    "EPSG:3857": tuple(PORTUGAL.values()),  # Web Mercator, from web-map exports
    "EPSG:3035": tuple(PORTUGAL.values()),  # ETRS89-LAEA, European statistical grids
}
MIN_SCORE = 0.5  # share of points that must land in Portugal for a CRS to be plausible
TIE = 0.05  # candidates this close to the best score are equally plausible
SAMPLE = 20_000  # points tried per candidate CRS


class Placement(StrEnum):
    INSIDE = "inside"
    SWAPPED = "swapped"  # outside Portugal, inside once latitude and longitude are exchanged
    OUTSIDE = "outside"


# Codes of :func:`classify` (array form of Placement, plus unusable positions).
INSIDE, SWAPPED, OUTSIDE, NOT_FINITE = 0, 1, 2, 3


def in_portugal(lon: float, lat: float) -> bool:
    return any(box.contains(lon, lat) for box in PORTUGAL.values())


def place(lon: float, lat: float) -> Placement:
    """Say whether a WGS84 lon/lat point is in Portugal, swapped, or elsewhere."""
    if in_portugal(lon, lat):
        return Placement.INSIDE
    if in_portugal(lat, lon):
        return Placement.SWAPPED
    return Placement.OUTSIDE


def inside(lonlat: np.ndarray, boxes: Iterable[BBox] = PORTUGAL.values()) -> np.ndarray:
    """Which rows of an (n, 2) WGS84 lon/lat array fall in any of ``boxes`` (default Portugal)."""
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    hit = np.zeros(len(lonlat), dtype=bool)
    for box in boxes:
        hit |= box.contains_all(lon, lat)
    return hit


_EPSG_IN_NAME = re.compile(r"EPSG(?::{1,2}|/)(?:[\d.]*[:/])?(\d{4,5})$", re.IGNORECASE)
_CRS84 = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "CRS84", "OGC:CRS84"}


def crs_code(value: str | int) -> str:
    """``"EPSG:nnnn"`` for an EPSG code in any usual spelling; raises ``ValueError`` otherwise.

    Accepts ``3763``, ``EPSG:3763``, ``urn:ogc:def:crs:EPSG::3763``,
    ``http://www.opengis.net/def/crs/EPSG/0/3763`` and the OGC CRS84 names (WGS84 lon/lat).
    """
    text = str(value).strip()
    if text.isdigit():
        return f"EPSG:{int(text)}"
    if text in _CRS84 or text.endswith("/OGC/1.3/CRS84"):
        return WGS84
    match = _EPSG_IN_NAME.search(text.rstrip("/"))
    if not match:
        raise ValueError(f"not an EPSG code: {text!r}")
    return f"EPSG:{int(match.group(1))}"


def geojson_crs(doc: dict[str, Any]) -> str | None:
    """The CRS a GeoJSON document's legacy ``crs`` member names, ``None`` when it has none.

    Reads ``{"type": "name", "properties": {"name": ...}}``, the 2008 draft's
    ``{"type": "EPSG", "properties": {"code": 3763}}`` and links whose address ends in an EPSG
    code. Raises ``ValueError`` for a member it cannot read.
    """
    crs = doc.get("crs")
    if not crs:
        return None
    props = crs.get("properties", {}) if isinstance(crs, dict) else {}
    props = props if isinstance(props, dict) else {}
    kind = str(crs.get("type", "")).lower() if isinstance(crs, dict) else ""
    raw = {"epsg": props.get("code"), "link": props.get("href")}.get(kind, props.get("name"))
    try:
        return crs_code(str(raw or "").replace("/proj4/", "").replace("/ogcwkt/", ""))
    except ValueError:
        raise ValueError(f"unreadable GeoJSON crs member: {crs!r}") from None


def geojson_epsg(doc: dict[str, Any]) -> int:
    """EPSG code of a GeoJSON document: its legacy ``crs`` member if any, else 4326 (RFC 7946).

    Raises ``ValueError`` for a ``crs`` member it cannot read.
    """
    return int((geojson_crs(doc) or WGS84).split(":")[1])


def crs_from_prj(text: str) -> str:
    """The CRS of a shapefile ``.prj`` (ESRI or OGC WKT): ``"EPSG:nnnn"`` when pyproj can name it
    or it matches one of :data:`CRS_REGIONS` to within a metre, else its ESRI/other authority code.
    Raises ``ValueError`` for text pyproj cannot read."""
    try:
        crs = CRS.from_user_input(text.strip())
    except CRSError as exc:
        raise ValueError(f"unreadable .prj: {exc}") from exc
    epsg = crs.to_epsg(min_confidence=70)
    if epsg:
        return f"EPSG:{epsg}"
    authority = crs.to_authority(min_confidence=70)
    name = ":".join(authority) if authority else crs.to_wkt()
    return _listed_equivalent(name) or name


def _listed_equivalent(name: str) -> str | None:
    """A listed CRS whose grid agrees with ``name`` to within a metre over its region."""
    for code, boxes in CRS_REGIONS.items():
        if code == WGS84:
            continue
        box = boxes[0]
        probe = np.array([[box.west + 0.5, box.south + 0.5], [box.east - 0.3, box.north - 0.3]])
        ours, theirs = _from_wgs84(code).transform(*probe.T), _from_wgs84(name).transform(*probe.T)
        if np.all(np.hypot(ours[0] - theirs[0], ours[1] - theirs[1]) < 1.0):
            return code
    return None


def _positions(geometry: dict[str, Any] | None) -> Iterator[list[float]]:
    if not geometry:
        return
    if geometry.get("type") == "GeometryCollection":
        for part in geometry.get("geometries", []):
            yield from _positions(part)
        return
    stack = [geometry.get("coordinates")]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and item and isinstance(item[0], (int, float)):
            yield item
        elif isinstance(item, list):
            stack.extend(item)


def geojson_positions(doc: dict[str, Any]) -> np.ndarray:
    """All positions of a GeoJSON FeatureCollection, Feature or geometry, as an (n, 2) array."""
    if doc.get("type") == "FeatureCollection":
        geometries = [f.get("geometry") for f in doc.get("features", [])]
    elif doc.get("type") == "Feature":
        geometries = [doc.get("geometry")]
    else:
        geometries = [doc]
    coords = [pos[:2] for geom in geometries for pos in _positions(geom)]
    return np.asarray(coords, dtype=float).reshape(-1, 2)


def _user_crs(crs: int | str) -> str:
    return f"EPSG:{crs}" if isinstance(crs, int) else crs


@cache
def _to_wgs84(crs: int | str) -> Transformer:
    return Transformer.from_crs(
        CRS.from_user_input(_user_crs(crs)), CRS.from_epsg(4326), always_xy=True
    )


@cache
def _from_wgs84(crs: str) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(4326), CRS.from_user_input(crs), always_xy=True)


def to_wgs84(xy: np.ndarray, epsg: int | str) -> np.ndarray:
    """Reproject an (n, 2) array of x/y (or lon/lat) to WGS84 lon/lat, vectorised.

    ``epsg`` is an EPSG code or a CRS name pyproj reads (``"EPSG:3763"``, ``"ESRI:102164"``).
    Points the CRS cannot reproject come back as ``inf``.
    """
    if _user_crs(epsg) == WGS84 or len(xy) == 0:
        return xy
    # Own contiguous copies, transformed in place: pyproj would copy strided columns anyway.
    lon, lat = np.array(xy[:, 0], dtype=float), np.array(xy[:, 1], dtype=float)
    _to_wgs84(epsg).transform(lon, lat, errcheck=False, inplace=True)
    return np.column_stack([lon, lat])


def classify(xy: np.ndarray, crs: int | str) -> tuple[np.ndarray, np.ndarray]:
    """Reproject (n, 2) ``xy`` from ``crs`` and place each point: ``(lonlat, codes)``.

    ``codes`` holds :data:`INSIDE`, :data:`SWAPPED` (in Portugal once x and y — latitude and
    longitude — are exchanged; ``lonlat`` then holds the corrected point), :data:`OUTSIDE` or
    :data:`NOT_FINITE`.
    """
    lonlat = to_wgs84(xy, crs).copy()
    codes = np.full(len(xy), OUTSIDE, dtype=np.int8)
    finite = np.isfinite(xy).all(axis=1)
    codes[~finite] = NOT_FINITE
    codes[inside(lonlat)] = INSIDE
    rest = np.flatnonzero(codes == OUTSIDE)
    if len(rest):
        swapped = to_wgs84(np.ascontiguousarray(xy[rest, ::-1]), crs)
        hit = inside(swapped)
        codes[rest[hit]] = SWAPPED
        lonlat[rest[hit]] = swapped[hit]
    return lonlat, codes


def _sample(xs: Any, ys: Any) -> np.ndarray:
    xy = np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) > SAMPLE:
        xy = xy[np.linspace(0, len(xy) - 1, SAMPLE).astype(int)]
    return xy


def _score(xy: np.ndarray, crs: str) -> float:
    """Share of points landing in the region ``crs`` is made for (as given or x/y swapped)."""
    regions = CRS_REGIONS.get(crs, tuple(PORTUGAL.values()))
    hit = inside(to_wgs84(xy, crs), regions) | inside(to_wgs84(xy[:, ::-1].copy(), crs), regions)
    return float(hit.mean())


def is_geographic(xs: Any, ys: Any) -> bool:
    """Whether most points have the magnitudes of degrees (|x| ≤ 180, |y| ≤ 180)."""
    xy = _sample(xs, ys)
    return bool(len(xy)) and float((np.abs(xy) <= 180).all(axis=1).mean()) >= MIN_SCORE


def crs_candidates(xs: Any, ys: Any) -> list[tuple[str, float]]:
    """The listed CRSs the points plausibly use, best first, each with its score (0–1).

    Degrees are WGS84 (ETRS89 geographic is the same to a metre); projected coordinates are
    tried against each projected CRS of :data:`CRS_REGIONS`. Candidates within :data:`TIE` of
    the best are ordered by preference (PT-TM06 before the legacy grids it overlaps).
    """
    xy = _sample(xs, ys)
    if not len(xy):
        return []
    if is_geographic(xy[:, 0], xy[:, 1]):
        return [(WGS84, _score(xy, WGS84))]
    order = list(CRS_REGIONS)
    scores = [(code, _score(xy, code)) for code in order[1:]]
    scores = [(code, s) for code, s in scores if s >= MIN_SCORE]
    best = max((s for _, s in scores), default=0.0)
    return sorted(scores, key=lambda cs: (cs[1] < best - TIE, order.index(cs[0])))


def detect_crs(xs: Any, ys: Any) -> str | None:
    """The CRS (``"EPSG:nnnn"``) the coordinates are most plausibly in, by their ranges.

    ``None`` when no listed CRS puts at least half of the points in Portugal (degrees are always
    WGS84: points outside Portugal are then reported as such, not as an unknown CRS).
    """
    found = crs_candidates(xs, ys)
    return found[0][0] if found else None


def crs_score(xs: Any, ys: Any, crs: str) -> float:
    """Share of the points that land in Portugal when read in ``crs``; 0 when degrees are read
    as metres or metres as degrees."""
    xy = _sample(xs, ys)
    if not len(xy) or is_geographic(xy[:, 0], xy[:, 1]) != _is_geographic_crs(crs):
        return 0.0
    return _score(xy, crs)


@cache
def _is_geographic_crs(crs: str) -> bool:
    return bool(CRS.from_user_input(crs).is_geographic)


def geojson_bbox_wgs84(doc: dict[str, Any]) -> BBox:
    """WGS84 bounding box of a GeoJSON document, reprojected from its ``crs`` member if any."""
    lonlat = to_wgs84(geojson_positions(doc), geojson_epsg(doc))
    if len(lonlat) == 0:
        raise ValueError("the GeoJSON document has no coordinates")
    (west, south), (east, north) = lonlat.min(axis=0), lonlat.max(axis=0)
    return BBox(float(west), float(south), float(east), float(north))


def bbox_of(lonlat: np.ndarray) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of an (n, 2) lon/lat array, ``None`` when empty."""
    if not len(lonlat):
        return None
    (west, south), (east, north) = lonlat.min(axis=0), lonlat.max(axis=0)
    return float(west), float(south), float(east), float(north)
