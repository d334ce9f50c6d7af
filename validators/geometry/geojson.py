"""Geometry: GeoJSON files, CSV files with coordinate columns and NGSI entity GeoProperties.

Each validator reads the positions, finds the CRS (declared: a ``.prj``, a legacy GeoJSON ``crs``
member, a ``coordinateSystem`` property or an EPSG code in a CSV header; otherwise by plausible
ranges, :func:`enti.validators.geometry.coordinates.detect_crs`), reprojects everything to WGS84 in
one
vectorised call and reports, per feature (GeoJSON), row (CSV, header = row 1) or entity attribute:

- ``invalid-geometry``: not RFC 7946 (unknown type, malformed or non-numeric positions, open
  rings, too few positions), invalid polygons (self-intersections …), unreadable CSV numbers;
- ``outside-portugal`` and ``swapped-coordinates`` (latitude/longitude or x/y exchanged);
- ``unknown-crs``, ``undeclared-crs``, ``crs-mismatch`` and ``legacy-crs`` about the CRS;
- ``missing-geometry`` / ``missing-coordinates`` (warnings) for features or rows without one.

The CSV reader is :mod:`enti.validators.geometry.points_csv`, the placement shared by the three
:mod:`enti.validators.geometry.place`, the messages :mod:`enti.validators.geometry.messages`.
``report.crs`` is the CRS the data were read in; ``report.bbox`` the WGS84 (west, south, east,
north) of the points in Portugal, swapped points counted where they belong: the spatial coverage.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
from shapely.errors import ShapelyError
from shapely.geometry import shape

from enti.validators.geometry.coordinates import (
    WGS84,
    bbox_of,
    crs_code,
    crs_from_prj,
    geojson_crs,
)
from enti.validators.geometry.messages import m
from enti.validators.geometry.numbers import parse_numbers
from enti.validators.geometry.place import Findings, Where, place, resolve_crs
from enti.validators.messages import Message
from enti.validators.report import WARNING, ValidationReport

# -- GeoJSON structure ----------------------------------------------------------------------

_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}
_DEPTH |= {"Polygon": 2, "MultiPolygon": 3}
GEOMETRY_TYPES = {*_DEPTH, "GeometryCollection"}


class Invalid(ValueError):
    """A geometry that is not RFC 7946; ``message`` says what is wrong."""

    def __init__(self, key: str, **values: Any) -> None:
        self.message = m(key, **values)
        super().__init__(self.message.en)


_NUMBER = (int, float)  # not bool: type(True) is bool
_SEQUENCE = (list, tuple)


def _is_number(value: Any) -> bool:
    if type(value) in _NUMBER:
        return True
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _check_positions(leaf: Any, gtype: str) -> list[list[float]]:
    """A list of positions, each 2 to 4 numbers; raises :class:`Invalid`."""
    if type(leaf) not in _SEQUENCE:
        raise Invalid("nesting", type=gtype)
    for p in leaf:
        if type(p) not in _SEQUENCE or not 2 <= len(p) <= 4:
            nested = type(p) in _SEQUENCE and p and type(p[0]) in _SEQUENCE
            raise Invalid("nesting" if nested else "malformed", type=gtype)
        if not (_is_number(p[0]) and _is_number(p[1])):
            raise Invalid("malformed")
    return leaf


def _descend(coords: Any, depth: int, gtype: str) -> list[Any]:
    if depth == 0:
        return [coords]
    if type(coords) not in _SEQUENCE:
        raise Invalid("nesting", type=gtype)
    return [leaf for item in coords for leaf in _descend(item, depth - 1, gtype)]


def geometry_leaves(geometry: Any) -> list[list[list[float]]]:
    """The position lists (points, lines, rings) of a GeoJSON geometry, checked against RFC 7946
    (types, nesting, numbers, line and ring lengths, closed rings); raises :class:`Invalid`."""
    gtype = str(geometry.get("type")) if isinstance(geometry, dict) else "?"
    if gtype == "GeometryCollection":
        parts = geometry.get("geometries")
        if type(parts) not in _SEQUENCE:
            raise Invalid("nesting", type=gtype)
        return [leaf for part in parts for leaf in geometry_leaves(part)]
    if gtype not in _DEPTH:
        raise Invalid("type", type=gtype)
    coords = geometry.get("coordinates")
    depth = _DEPTH[gtype]
    leaves = [[coords]] if depth == 0 else _descend(coords, depth - 1, gtype)
    for leaf in leaves:
        _check_positions(leaf, gtype)
    if "LineString" in gtype and any(len(leaf) == 1 for leaf in leaves):
        raise Invalid("line")
    if "Polygon" in gtype and any(
        leaf and (len(leaf) < 4 or list(leaf[0][:2]) != list(leaf[-1][:2])) for leaf in leaves
    ):
        raise Invalid("ring")
    return leaves


def _invalid_polygons(polygons: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, str]]:
    """(owner, GEOS reason) of each self-intersecting or otherwise invalid polygon."""
    geoms = []
    for owner, geometry in polygons:
        try:
            geoms.append((owner, shape(geometry)))
        except (ShapelyError, ValueError, TypeError, AttributeError):
            continue
    if not geoms:
        return []
    reasons = shapely.is_valid_reason(np.array([g for _, g in geoms], dtype=object))
    return [(o, str(r)) for (o, _), r in zip(geoms, reasons, strict=True) if r != "Valid Geometry"]


def _collect(
    out: Findings, geometries: list[tuple[int, Any]], where: Where
) -> tuple[np.ndarray, np.ndarray]:
    """Positions (n, 2) and owners of the valid geometries; invalid ones become findings."""
    xs: list[float] = []
    ys: list[float] = []
    owners: list[int] = []
    polygons: list[tuple[int, dict[str, Any]]] = []
    invalid: list[tuple[int, Message]] = []
    for owner, geometry in geometries:
        try:
            leaves = geometry_leaves(geometry)
        except Invalid as exc:
            invalid.append((owner, exc.message))
            continue
        if "Polygon" in str(geometry.get("type")):
            polygons.append((owner, geometry))
        for leaf in leaves:
            xs.extend(p[0] for p in leaf)
            ys.extend(p[1] for p in leaf)
            owners.extend([owner] * len(leaf))
    xy, owner_of = np.column_stack([xs, ys]).reshape(-1, 2), np.asarray(owners, dtype=int)
    finite = np.isfinite(xy).all(axis=1)
    if not finite.all():  # NaN or Infinity, which Python's json reads
        broken = set(np.unique(owner_of[~finite]).tolist())
        invalid += [(o, m("not-finite")) for o in sorted(broken)]
        polygons = [(o, g) for o, g in polygons if o not in broken]
        keep = ~np.isin(owner_of, list(broken))
        xy, owner_of = xy[keep], owner_of[keep]
    invalid += [(o, m("geos", reason=r)) for o, r in _invalid_polygons(polygons)]
    for owner, reason in sorted(invalid, key=lambda item: item[0]):
        kwargs, subject = where(owner)
        out.add("invalid-geometry", m("invalid", subject=subject, reason=reason), **kwargs)
    return np.ascontiguousarray(xy, dtype=float), owner_of


# -- GeoJSON -------------------------------------------------------------------------------


def _features(data: bytes | str | dict[str, Any], out: Findings) -> tuple[dict, list] | None:
    """The document and its features, or ``None`` (with a finding) when it is not GeoJSON."""
    doc: Any = data
    if isinstance(data, bytes):
        raw = data
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # a legacy export: Windows-1252
            data, out.report.encoding = raw.decode("cp1252", errors="replace"), "cp1252"
    if isinstance(data, str):
        try:
            doc = json.loads(data.lstrip("\ufeff"))
        except ValueError as exc:
            out.add("invalid-geometry", m("not-json", exc=exc))
            return None
        except RecursionError:
            out.add("invalid-geometry", m("not-json", exc="nested too deeply to be read"))
            return None
    kind = doc.get("type") if isinstance(doc, dict) else None
    if kind == "FeatureCollection" and isinstance(doc.get("features"), list):
        return doc, doc["features"]
    if kind == "Feature":
        return doc, [doc]
    if kind in GEOMETRY_TYPES:
        return doc, [{"type": "Feature", "geometry": doc}]
    out.add("invalid-geometry", m("not-geojson"))
    return None


def _declared_geojson(doc: dict, prj: str | None, out: Findings) -> tuple[str | None, str]:
    """The CRS a ``.prj`` or else the legacy ``crs`` member declares, and which one said it."""
    if prj:
        try:
            return crs_from_prj(prj), ".prj"
        except ValueError:
            out.add("unknown-crs", m("unknown-crs", crs=prj.strip()[:80]))
    try:
        member = geojson_crs(doc)
    except ValueError:
        out.add("unknown-crs", m("unknown-crs", crs=json.dumps(doc.get("crs"))[:120]))
        return None, "ranges"
    if member and member != WGS84:
        out.add("legacy-crs", m("legacy-crs", crs=member), WARNING)
    return member, "crs"


def _feature_where(index: int) -> tuple[dict[str, Any], Message]:
    return {"feature": index}, m("feature", i=index)


def validate_geojson(
    data: bytes | str | dict[str, Any],
    *,
    source: str = "",
    prj: str | None = None,
    max_findings: int = 1000,
) -> ValidationReport:
    """Validate a GeoJSON document: RFC 7946, or legacy with a ``crs`` member; ``prj`` is the text
    of a ``.prj`` that came with it and wins over the member. Findings carry the feature index."""
    report = ValidationReport(kind="geometry", source=source)
    out = Findings(report, max_findings)
    found = _features(data, out)
    if found is None:
        return report
    doc, features = found
    geometries = []
    for index, feature in enumerate(features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if geometry is None:
            subject = m("feature", i=index)
            out.add(
                "missing-geometry", m("missing-geometry", subject=subject), WARNING, feature=index
            )
        else:
            geometries.append((index, geometry))
    xy, owner = _collect(out, geometries, _feature_where)
    declared, how = _declared_geojson(doc, prj, out)
    report.crs = resolve_crs(out, xy, declared, how, can_declare=True)
    if report.crs is not None and len(xy):
        hint = m("order-geojson")
        report.bbox = bbox_of(place(out, xy, owner, report.crs, _feature_where, hint))
    report.stats["features"] = len(features)
    return report


# -- NGSI entities -------------------------------------------------------------------------

_NOT_GEO = {"id", "type", "@context", "coordinateSystem"}


def _property_value(value: Any) -> Any:
    """The value of an NGSI property given as itself or as ``{"type": "Property", "value": …}``."""
    return value.get("value") if isinstance(value, dict) else value


def _geo_attribute(name: str, value: Any) -> tuple[Any, str, Any] | None:
    """(geometry, JSON pointer, coordinateSystem) of a GeoProperty in any NGSI form, else None."""
    if name in _NOT_GEO or not isinstance(value, dict):
        return None
    key = "/" + name.replace("~", "~0").replace("/", "~1")
    kind = value.get("type")
    if kind in ("GeoProperty", "geo:json"):  # NGSI-LD normalized, NGSI v2
        geometry = value.get("value")
        inner = geometry.get("coordinateSystem") if isinstance(geometry, dict) else None
        return geometry, f"{key}/value", value.get("coordinateSystem") or inner
    if kind == "geo:point" and isinstance(value.get("value"), str):  # NGSI v2 "lat, lon"
        lat, _, lon = value["value"].partition(",")
        point = {"type": "Point", "coordinates": list(parse_numbers([lon, lat]))}
        return point, f"{key}/value", value.get("coordinateSystem")
    if kind in GEOMETRY_TYPES and ("coordinates" in value or "geometries" in value):
        return value, key, value.get("coordinateSystem")  # key-values
    return None


def validate_entity_geometries(
    entities: Iterable[dict[str, Any]], *, source: str = ""
) -> ValidationReport:
    """Validate the GeoProperties (``location`` and any other) of NGSI-LD / NGSI v2 entities,
    normalized or key-values. A ``coordinateSystem`` on the attribute, in its value or on the
    entity is honoured; without one, GeoJSON's WGS84 is expected."""
    collector = EntityGeometries(source)
    for index, entity in enumerate(entities):
        collector.add(index, entity)
    return collector.finish()


class EntityGeometries:
    """The GeoProperties of entities gathered as they stream by (only their geometries are
    kept), then checked together by :meth:`finish`: one reading of a payload serves both the
    entity validation and this one."""

    def __init__(self, source: str = "") -> None:
        self.report = ValidationReport(kind="geometry", source=source)
        self.out = Findings(self.report, 1000)
        self.owners: list[tuple[str, str, str]] = []  # entity id, pointer, attribute
        self.groups: dict[str | None, list[tuple[int, Any]]] = {}
        self.count = 0

    def where(self, i: int) -> tuple[dict[str, Any], Message]:
        entity, pointer, name = self.owners[i]
        return {"entity": entity, "pointer": pointer}, m("attribute", name=name, entity=entity)

    def add(self, index: int, entity: Any) -> None:
        if not isinstance(entity, dict):
            return
        self.count += 1
        entity_id = str(entity.get("id") or f"#{index}")
        default = _property_value(entity.get("coordinateSystem"))
        for name, value in entity.items():
            found = _geo_attribute(name, value)
            if found is None:
                continue
            geometry, pointer, system = found
            self.owners.append((entity_id, pointer, name))
            at = len(self.owners) - 1
            crs = _entity_crs(self.out, _property_value(system) or default, self.where(at))
            self.groups.setdefault(crs, []).append((at, geometry))

    def finish(self) -> ValidationReport:
        out, report = self.out, self.report
        kept, crss = [], Counter[str]()
        for crs, geometries in self.groups.items():
            xy, owner = _collect(out, geometries, self.where)
            how = "coordinateSystem" if crs else "ranges"
            read_as = resolve_crs(out, xy, crs, how, can_declare=True)
            if read_as is not None and len(xy):
                kept.append(place(out, xy, owner, read_as, self.where, m("order-geojson")))
                crss[read_as] += len(xy)
        report.crs = crss.most_common(1)[0][0] if crss else None
        report.bbox = bbox_of(np.concatenate(kept)) if kept else None
        report.stats |= {
            "entities": self.count,
            "geometries": len(self.owners),
            "crs_all": sorted(crss),
        }
        return report


def _entity_crs(out: Findings, system: Any, where: tuple[dict[str, Any], Message]) -> str | None:
    if not system:
        return None
    try:
        return crs_code(str(system))
    except ValueError:
        out.add("unknown-crs", m("unknown-crs", crs=system), **where[0])
        return None
