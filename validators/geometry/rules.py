"""RFC 7946 rules for a coverage geometry a publisher gives (a form field, an API value), checked
on the GeoJSON itself: shapely closes open rings and takes NaN without a word, and recursing into
hostile nesting must not crash a worker. Used by
:func:`enti.validators.metadata.values.parse_geometry`.
"""

from __future__ import annotations

import math
from itertools import chain
from typing import Any

from enti.validators.geometry.simplify import NESTING, SEQUENCE
from enti.validators.messages import Message, brief

MAX_COLLECTION_DEPTH = 8  # GeometryCollections inside GeometryCollections
MAX_JSON_DEPTH = 32  # lists and objects in any other member of a geometry
# WKT parentheses: MAX_COLLECTION_DEPTH collections, then a MultiPolygon's three levels.
MAX_WKT_DEPTH = MAX_COLLECTION_DEPTH + 3
_KNOWN_MEMBERS = {"type", "coordinates", "geometries"}
_NUMBER = (int, float)  # not bool: type(True) is bool
_NUMBER_TYPES = set(_NUMBER)
_SEQUENCE_TYPES = set(SEQUENCE)
_LAYOUT = {
    "Point": "[lon, lat]",
    "MultiPoint": "[[lon, lat], …]",
    "LineString": "[[lon, lat], …]",
    "MultiLineString": "[[[lon, lat], …], …]",
    "Polygon": "[[[lon, lat], …]]",
    "MultiPolygon": "[[[[lon, lat], …]], …]",
    "GeometryCollection": '{"type": "GeometryCollection", "geometries": [{…}, …]}',
}

TEXTS = {
    "unreadable": (
        "Geometria ilegível: use GeoJSON ou WKT em WGS84 (longitude, latitude) — {reason}",
        "Unreadable geometry: use GeoJSON or WKT in WGS84 (longitude, latitude) — {reason}",
    ),
    "type": (
        "«{type}» não é um tipo de geometria GeoJSON: use Point, LineString, Polygon, MultiPoint, "
        "MultiLineString, MultiPolygon ou GeometryCollection (de um Feature, só o «geometry»)",
        "«{type}» is not a GeoJSON geometry type: use Point, LineString, Polygon, MultiPoint, "
        "MultiLineString, MultiPolygon or GeometryCollection (of a Feature, only its «geometry»)",
    ),
    "collection-depth": (
        "A geometria tem GeometryCollections umas dentro das outras em mais de {depth} níveis: "
        "junte as partes numa só GeometryCollection ou use um tipo Multi…",
        "The geometry nests GeometryCollections more than {depth} levels deep: put the parts in "
        "a single GeometryCollection or use a Multi… type",
    ),
    "json-depth": (
        "O GeoJSON tem listas e objetos aninhados em mais de {depth} níveis: envie só a "
        "geometria, com «type» e «coordinates»",
        "The GeoJSON nests lists and objects more than {depth} levels deep: send only the "
        "geometry, with «type» and «coordinates»",
    ),
    "nesting": (
        "As coordenadas de um {type} estão mal aninhadas: devem ser {layout}",
        "The coordinates of a {type} are nested wrongly: they must be {layout}",
    ),
    "empty": (
        "A geometria não tem posições: indique as coordenadas (longitude, latitude) da área",
        "The geometry has no positions: give the coordinates (longitude, latitude) of the area",
    ),
    "position": (
        "Cada posição deve ser uma lista de 2 ou 3 números, [longitude, latitude] ou [longitude, "
        "latitude, altitude], sem texto: corrija «{position}»",
        "Each position must be a list of 2 or 3 numbers, [longitude, latitude] or [longitude, "
        "latitude, altitude], without text: correct «{position}»",
    ),
    "not-finite": (
        "As coordenadas devem ser números finitos em graus: «{position}» tem NaN, infinito ou um "
        "número grande demais",
        "Coordinates must be finite numbers of degrees: «{position}» holds NaN, infinity or a "
        "number too large",
    ),
    "line": (
        "Uma linha precisa de 2 ou mais posições: acrescente posições ou use um Point",
        "A line needs 2 or more positions: add positions or use a Point",
    ),
    "open-ring": (
        "O anel de polígono que começa em «{first}» não fecha: tem de acabar no seu primeiro "
        "ponto — acrescente «{first}» como última posição",
        "The polygon ring that starts at «{first}» is not closed: it must end on its first point "
        "— add «{first}» as its last position",
    ),
    "wkt-open-ring": (
        "Um anel de polígono não fecha: tem de acabar no seu primeiro ponto — repita a primeira "
        "posição de cada anel no fim",
        "A polygon ring is not closed: it must end on its first point — repeat the first position "
        "of each ring at its end",
    ),
    "short-ring": (
        "Um anel de polígono precisa de 4 ou mais posições (3 vértices e o primeiro de novo no "
        "fim): o anel «{ring}» tem {count}",
        "A polygon ring needs 4 or more positions (3 corners, then the first one again): the ring "
        "«{ring}» has {count}",
    ),
}


class GeometryRefused(ValueError):
    """A geometry the catalogue does not store; ``message`` says what to change."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def geometry_message(key: str, **values: Any) -> Message:
    pt, en = TEXTS[key]
    return Message(pt=pt.format(**values), en=en.format(**values))


def _refuse(key: str, **values: Any) -> GeometryRefused:
    return GeometryRefused(geometry_message(key, **values))


def check_geojson(geometry: Any, level: int = 0) -> None:
    """Raise :class:`GeometryRefused` unless ``geometry`` is an RFC 7946 geometry with positions:
    known type, positions of 2 or 3 finite numbers, lines of 2 or more, rings of 4 or more that
    end on their first point; at most :data:`MAX_COLLECTION_DEPTH` nested collections. Recursion
    is bounded by that depth; everything else is walked with loops."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(kind, str) or (kind not in NESTING and kind != "GeometryCollection"):
        raise _refuse("type", type=brief(kind if isinstance(geometry, dict) else geometry, 40))
    _check_members(geometry)
    if kind == "GeometryCollection":
        if level >= MAX_COLLECTION_DEPTH:
            raise _refuse("collection-depth", depth=MAX_COLLECTION_DEPTH)
        parts = geometry.get("geometries")
        if type(parts) not in SEQUENCE:
            raise _refuse("nesting", type=kind, layout=_LAYOUT[kind])
        if not parts:
            raise _refuse("empty")
        for part in parts:
            check_geojson(part, level + 1)
        return
    leaves = _position_lists(kind, geometry.get("coordinates"))
    if not any(leaves):
        raise _refuse("empty")
    for leaf in leaves:
        _check_positions(leaf, kind)
    if "LineString" in kind and any(len(leaf) < 2 for leaf in leaves):
        raise _refuse("line")
    if "Polygon" in kind:
        for ring in leaves:
            _check_ring(ring)


def _check_members(geometry: dict[str, Any]) -> None:
    """Foreign members (``bbox``, ``crs`` …) nested no deeper than :data:`MAX_JSON_DEPTH`."""
    stack = [(value, 1) for key, value in geometry.items() if key not in _KNOWN_MEMBERS]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _refuse("json-depth", depth=MAX_JSON_DEPTH)
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, SEQUENCE):
            stack.extend((item, depth + 1) for item in value)


def _position_lists(kind: str, coordinates: Any) -> list[Any]:
    """The lists of positions (a point's own, a line, a ring) in a geometry of type ``kind``."""
    if kind == "Point":
        if type(coordinates) in SEQUENCE and not coordinates:
            raise _refuse("empty")
        return [[coordinates]]
    groups = [coordinates]
    for _ in range(NESTING[kind] - 1):
        _sequences(groups, kind)
        groups = [item for group in groups for item in group]
    _sequences(groups, kind)
    return groups


def _sequences(groups: list[Any], kind: str) -> None:
    if not all(type(group) in SEQUENCE for group in groups):
        raise _refuse("nesting", type=kind, layout=_LAYOUT[kind])


def _check_positions(positions: list[Any], kind: str) -> None:
    """Each position a list of 2 or 3 numbers (not bool, not text), all finite. Fast on 200,000
    positions: the loops run in C (map, set), the slow search only to name a culprit."""
    if not (set(map(type, positions)) <= _SEQUENCE_TYPES and set(map(len, positions)) <= {2, 3}):
        raise _bad_position(_first_bad(positions), kind)
    numbers = list(chain.from_iterable(positions))
    if not set(map(type, numbers)) <= _NUMBER_TYPES:
        raise _bad_position(_first_bad(positions), kind)
    try:
        finite = all(map(math.isfinite, numbers))
    except OverflowError:  # an integer beyond any float, e.g. 10**400
        finite = False
    if not finite:
        raise _refuse("not-finite", position=brief(next(filter(_not_finite, positions))))


def _bad_position(position: Any, kind: str) -> GeometryRefused:
    """A number where a position belongs, or a list of lists, is a nesting error."""
    if type(position) not in SEQUENCE or any(type(item) in SEQUENCE for item in position):
        return _refuse("nesting", type=kind, layout=_LAYOUT[kind])
    return _refuse("position", position=brief(position))


def _first_bad(positions: list[Any]) -> Any:
    for position in positions:
        if type(position) not in SEQUENCE or len(position) not in (2, 3):
            return position
        if not all(type(number) in _NUMBER for number in position):
            return position
    return positions


def _not_finite(position: Any) -> bool:
    try:
        return not all(map(math.isfinite, position))
    except OverflowError:
        return True


def _check_ring(ring: list[Any]) -> None:
    """A ring ends on its first position, which makes 4 or more positions (a triangle and back)."""
    if ring and list(ring[0]) != list(ring[-1]):
        raise _refuse("open-ring", first=brief(list(ring[0])))
    if len(ring) < 4:
        raise _refuse("short-ring", ring=brief([list(p) for p in ring]), count=len(ring))
