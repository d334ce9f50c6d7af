"""Coordinates in Portugal: where a point falls, which CRS a GeoJSON uses, and its WGS84 bbox.

Portugal spans three envelopes (mainland, Madeira with the Selvagens, the Azores). A point whose
latitude and longitude were swapped lands far outside all of them but inside once swapped back —
the commonest publisher error, so it is named as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
from pyproj import CRS, Transformer


@dataclass(frozen=True)
class BBox:
    """A WGS84 bounding box, longitude/latitude in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

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


# Territorial units whose box the catalogue knows (country authority and NUTS 1 URIs).
# No open boundary file exists for the municipalities, so their coverage must be drawn.
UNIT_BOXES = {
    "http://publications.europa.eu/resource/authority/country/PRT": BBox(-31.4, 29.9, -6.1, 42.2),
    "http://data.europa.eu/nuts/code/PT1": PORTUGAL["mainland"],
    "http://data.europa.eu/nuts/code/PT2": PORTUGAL["azores"],
    "http://data.europa.eu/nuts/code/PT3": PORTUGAL["madeira"],
}


class Placement(StrEnum):
    INSIDE = "inside"
    SWAPPED = "swapped"  # outside Portugal, inside once latitude and longitude are exchanged
    OUTSIDE = "outside"


def in_portugal(lon: float, lat: float) -> bool:
    return any(box.contains(lon, lat) for box in PORTUGAL.values())


def place(lon: float, lat: float) -> Placement:
    """Say whether a WGS84 lon/lat point is in Portugal, swapped, or elsewhere."""
    if in_portugal(lon, lat):
        return Placement.INSIDE
    if in_portugal(lat, lon):
        return Placement.SWAPPED
    return Placement.OUTSIDE


_EPSG_IN_NAME = re.compile(r"EPSG:{1,2}(?:[\d.]*:)?(\d{4,5})$", re.IGNORECASE)
_CRS84 = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "CRS84"}


def geojson_epsg(doc: dict[str, Any]) -> int:
    """EPSG code of a GeoJSON document: its legacy ``crs`` member if any, else 4326 (RFC 7946).

    Accepts ``urn:ogc:def:crs:EPSG::3763``, ``EPSG:3763`` and OGC CRS84 names.
    Raises ``ValueError`` for a ``crs`` member it cannot read.
    """
    crs = doc.get("crs")
    if not crs:
        return 4326
    props = crs.get("properties", {}) if isinstance(crs, dict) else {}
    name = str(props.get("name", "")).strip()
    if name in _CRS84:
        return 4326
    match = _EPSG_IN_NAME.search(name)
    if not match:
        raise ValueError(f"unreadable GeoJSON crs member: {crs!r}")
    return int(match.group(1))


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


@cache
def _to_wgs84(epsg: int) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(epsg), CRS.from_epsg(4326), always_xy=True)


def to_wgs84(xy: np.ndarray, epsg: int) -> np.ndarray:
    """Reproject an (n, 2) array of x/y (or lon/lat) to WGS84 lon/lat, vectorised."""
    if epsg == 4326 or len(xy) == 0:
        return xy
    lon, lat = _to_wgs84(epsg).transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def geojson_bbox_wgs84(doc: dict[str, Any]) -> BBox:
    """WGS84 bounding box of a GeoJSON document, reprojected from its ``crs`` member if any."""
    lonlat = to_wgs84(geojson_positions(doc), geojson_epsg(doc))
    if len(lonlat) == 0:
        raise ValueError("the GeoJSON document has no coordinates")
    (west, south), (east, north) = lonlat.min(axis=0), lonlat.max(axis=0)
    return BBox(float(west), float(south), float(east), float(north))
