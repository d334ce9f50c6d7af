"""Light copies of coverage geometries, for export (DCAT, maps) and display.

The catalogue stores the geometry a publisher gives in full (a 200,000-vertex coastline, say) and
serves a simplified one: at most :data:`MAX_EXPORT_VERTICES` positions, simplified with shapely
(topology kept) or, when that cannot get under the limit, the geometry's bounding box. Works on
geometries :func:`enti.validators.metadata.values.parse_geometry` accepted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.errors import ShapelyError

MAX_EXPORT_VERTICES = 1000
# How deep the positions of each GeoJSON type are nested in its coordinates.
NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
SEQUENCE = (list, tuple)
POINTS = ("Point", "MultiPoint")
# to_shape refuses deeper GeometryCollections (metadata.parse_geometry refuses more than 8).
MAX_BUILD_DEPTH = 32
# The first tolerance is this fraction of the geometry's extent; it doubles until the count fits.
_FIRST_TOLERANCE = 1e-4


def count_vertices(geometry: dict[str, Any]) -> int:
    """The number of positions in a GeoJSON geometry (rings count their closing position), through
    GeometryCollections; parts that are not GeoJSON count 0. Never raises, never recurses."""
    return _total(geometry, lambda kind, coordinates: _positions(coordinates, NESTING[kind]))


def _least_vertices(geometry: dict[str, Any]) -> int:
    """The positions left when simplification removes all it can: points stay, lines keep 2,
    rings 4 (topology-preserving simplification never drops a part)."""
    return _total(geometry, _least)


def _least(kind: str, coordinates: Any) -> int:
    if kind in POINTS:
        return _positions(coordinates, NESTING[kind])
    return _positions(coordinates, NESTING[kind] - 1) * (2 if "Line" in kind else 4)


def _total(geometry: dict[str, Any], measure: Callable[[str, Any], int]) -> int:
    total, stack = 0, [geometry]
    while stack:
        item = stack.pop()
        kind = item.get("type") if isinstance(item, dict) else None
        if kind == "GeometryCollection":
            parts = item.get("geometries")
            stack.extend(parts if isinstance(parts, SEQUENCE) else ())
        elif isinstance(kind, str) and kind in NESTING:
            total += measure(kind, item.get("coordinates"))
    return total


def _positions(coordinates: Any, nesting: int) -> int:
    if type(coordinates) not in SEQUENCE:
        return 0
    if nesting == 0:
        return 1 if coordinates else 0
    groups = [coordinates]
    for _ in range(nesting - 1):
        groups = [item for group in groups for item in group if type(item) in SEQUENCE]
    return sum(len(group) for group in groups)


def to_shape(geometry: dict[str, Any]) -> shapely.Geometry:
    """The shapely geometry of a GeoJSON geometry, built from numpy arrays (``shape()`` makes a
    200,000-point MultiPoint one point at a time: seconds). Like ``shape()`` it closes rings and
    takes text numbers, so check the GeoJSON first; raises ``ValueError`` when it is no geometry."""
    try:
        return _build(geometry, 0)
    except (ShapelyError, AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"not a GeoJSON geometry ({exc})") from exc


def _build(geometry: dict[str, Any], depth: int) -> shapely.Geometry:
    kind = geometry["type"]
    coordinates: Any = geometry.get("coordinates")
    if kind == "GeometryCollection":
        if depth > MAX_BUILD_DEPTH:
            raise ValueError("GeometryCollections nested too deep")
        parts = [_build(part, depth + 1) for part in geometry["geometries"]]
        return shapely.geometrycollections(parts)
    if kind == "Point":
        return shapely.points(_array(coordinates, ndim=1))
    if kind == "MultiPoint":
        return shapely.multipoints(_array(coordinates))
    if kind == "LineString":
        return shapely.linestrings(_array(coordinates))
    if kind == "MultiLineString":
        return shapely.multilinestrings([shapely.linestrings(_array(c)) for c in coordinates])
    if kind == "Polygon":
        return _polygon(coordinates)
    if kind == "MultiPolygon":
        return shapely.multipolygons([_polygon(rings) for rings in coordinates])
    raise ValueError(f"unknown type {kind!r}")


def _polygon(rings: Any) -> shapely.Geometry:
    shell, *holes = [shapely.linearrings(_array(ring)) for ring in rings]
    return shapely.polygons(shell, holes or None)


def _array(positions: Any, ndim: int = 2) -> np.ndarray:
    """Positions as a float array (one position: ``ndim=1``); with 2 and 3 numbers mixed,
    longitude and latitude only."""
    try:
        array = np.asarray(positions, dtype=float)
    except ValueError:
        array = np.asarray([position[:2] for position in positions], dtype=float)
    if array.ndim != ndim:
        raise ValueError("coordinates nested wrongly")
    return array


def simplified_geometry(
    geometry: dict[str, Any], max_vertices: int = MAX_EXPORT_VERTICES
) -> dict[str, Any]:
    """``geometry`` with at most ``max_vertices`` positions: unchanged (the same dict) when it
    already has no more, else simplified with shapely (``simplify(tolerance,
    preserve_topology=True)``, the tolerance doubled from 1/10,000 of its extent until it fits),
    else its envelope (the bounding box polygon; a point or a line when the extent is flat).
    Always GeoJSON; raises ``ValueError`` only for a dict that is no geometry (check it with
    :func:`enti.validators.metadata.values.geometry_error` first)."""
    if count_vertices(geometry) <= max_vertices:
        return geometry
    full = to_shape(geometry)
    west, south, east, north = full.bounds
    extent = max(east - west, north - south)
    tolerance, current = extent * _FIRST_TOLERANCE, full
    if _least_vertices(geometry) > max_vertices:  # e.g. 200,000 points: nothing to simplify
        tolerance = 0.0
    # Each round simplifies the previous result, which shrinks, so later rounds are cheap; past
    # twice the extent nothing is left to remove.
    # Plain Douglas-Peucker: shapely's topology-preserving simplifier took minutes on a
    # 200,000-vertex zig-zag ring; a result that is not valid gives way to the envelope.
    while 0 < tolerance <= 2 * extent:
        current = current.simplify(tolerance, preserve_topology=False)
        if not current.is_empty and shapely.get_num_coordinates(current) <= max_vertices:
            return _geojson(current if current.is_valid else full.envelope)
        tolerance *= 2
    return _geojson(full.envelope)


def _geojson(geometry: shapely.Geometry) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(shapely.to_geojson(geometry))
    return result


COVERAGE_GEOMETRIES = ("geom", "bbox", "centroid")


def simplified_coverage(entries: Any, max_vertices: int = MAX_EXPORT_VERTICES) -> Any:
    """A record's coverage entries (``spatial_coverage``) as shown and exported: each geometry
    over ``max_vertices`` positions replaced by its simplified GeoJSON text; the entries are
    copies, and anything unreadable is left as it is (the stored record keeps every vertex)."""
    if not isinstance(entries, list):
        return entries
    shown = []
    for entry in entries:
        if isinstance(entry, dict):
            entry = {**entry}
            for key in COVERAGE_GEOMETRIES:
                entry[key] = _simplified_text(entry.get(key), max_vertices)
        shown.append(entry)
    return shown


def _simplified_text(value: Any, max_vertices: int) -> Any:
    if not isinstance(value, str) or len(value) < 24 * max_vertices:  # too short to be large
        return value
    try:
        geometry = json.loads(value)
        if count_vertices(geometry) <= max_vertices:
            return value
        return json.dumps(simplified_geometry(geometry, max_vertices))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return value
