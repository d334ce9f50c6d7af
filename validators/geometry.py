"""Geometry: GeoJSON files, CSV files with coordinate columns and NGSI entity GeoProperties.

Each validator reads the positions, finds the CRS (declared: a ``.prj``, a legacy GeoJSON ``crs``
member, a ``coordinateSystem`` property or an EPSG code in a CSV header; otherwise by plausible
ranges, :func:`enti.validators.coordinates.detect_crs`), reprojects everything to WGS84 in one
vectorised call and reports, per feature (GeoJSON), row (CSV, header = row 1) or entity attribute:

- ``invalid-geometry``: not RFC 7946 (unknown type, malformed or non-numeric positions, open
  rings, too few positions), invalid polygons (self-intersections …), unreadable CSV numbers;
- ``outside-portugal`` and ``swapped-coordinates`` (latitude/longitude or x/y exchanged);
- ``unknown-crs``, ``undeclared-crs``, ``crs-mismatch`` and ``legacy-crs`` about the CRS;
- ``missing-geometry`` / ``missing-coordinates`` (warnings) for features or rows without one.

``report.crs`` is the CRS the data were read in; ``report.bbox`` the WGS84 (west, south, east,
north) of the points in Portugal, swapped points counted where they belong: the spatial coverage.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj.exceptions import ProjError
from shapely.errors import ShapelyError
from shapely.geometry import shape

from enti.validators.coordinates import (
    MIN_SCORE,
    OUTSIDE,
    SWAPPED,
    WGS84,
    bbox_of,
    classify,
    crs_candidates,
    crs_code,
    crs_from_prj,
    crs_score,
    detect_crs,
    geojson_crs,
    parse_numbers,
    to_wgs84,
)
from enti.validators.messages import Message
from enti.validators.report import ERROR, WARNING, Finding, ValidationReport
from enti.validators.vocabularies import vocabulary

_TEXTS = {
    "not-json": (
        "O ficheiro não é JSON válido ({exc}): exporte-o de novo como GeoJSON",
        "The file is not valid JSON ({exc}): export it again as GeoJSON",
    ),
    "not-geojson": (
        "O ficheiro não é GeoJSON: esperava-se um objeto FeatureCollection, Feature ou geometria",
        "The file is not GeoJSON: expected a FeatureCollection, a Feature or a geometry object",
    ),
    "missing-geometry": (
        "{subject} não tem geometria: indique a sua localização ou retire-o do ficheiro",
        "{subject} has no geometry: give its location or leave it out of the file",
    ),
    "invalid": (
        "{subject}: {reason}; corrija-a, p. ex. com «Corrigir geometrias» no QGIS ou ST_MakeValid",
        "{subject}: {reason}; fix it, e.g. with «Fix geometries» in QGIS or ST_MakeValid",
    ),
    "legacy-crs": (
        "O ficheiro declara {crs} no membro «crs», abandonado pelo RFC 7946: publique-o em WGS84 "
        "(EPSG:4326) e sem o membro «crs»",
        "The file declares {crs} in a «crs» member, dropped by RFC 7946: publish it in WGS84 "
        "(EPSG:4326) without the «crs» member",
    ),
    "unknown-crs": (
        "«{crs}» não é um sistema de coordenadas conhecido: publique em WGS84 (EPSG:4326) ou "
        "indique o código EPSG certo (p. ex. EPSG:3763 para PT-TM06)",
        "«{crs}» is not a known coordinate system: publish in WGS84 (EPSG:4326) or give the "
        "right EPSG code (e.g. EPSG:3763 for PT-TM06)",
    ),
    "unrecognised-crs": (
        "Os valores não correspondem a nenhum sistema de coordenadas usado em Portugal: publique "
        "em WGS84 (EPSG:4326, longitude/latitude) ou declare o código EPSG",
        "The values fit no coordinate system used in Portugal: publish in WGS84 (EPSG:4326, "
        "longitude/latitude) or declare the EPSG code",
    ),
    "crs-mismatch": (
        "O sistema declarado ({how}: {declared}) não corresponde às coordenadas, que parecem estar "
        "em {found}: corrija a declaração (foram lidas em {code})",
        "The declared system ({how}: {declared}) does not fit the coordinates, which look like "
        "{found}: correct the declaration (they were read as {code})",
    ),
    "undeclared-crs": (
        "As coordenadas parecem estar em {crs}{also}, mas o sistema não está declarado: {fix}",
        "The coordinates look like {crs}{also}, but the system is not declared: {fix}",
    ),
    "fix-geojson": (
        "o GeoJSON deve estar em WGS84 (RFC 7946), reprojete para EPSG:4326",
        "GeoJSON must be WGS84 (RFC 7946), reproject to EPSG:4326",
    ),
    "fix-csv": (
        "publique em WGS84 (colunas latitude/longitude) ou ponha o código EPSG no nome das "
        "colunas, p. ex. «x_epsg3763»",
        "publish in WGS84 (latitude/longitude columns) or put the EPSG code in the column "
        "names, e.g. «x_epsg3763»",
    ),
    "also": (" (também compatíveis com {crs})", " (also compatible with {crs})"),
    "outside-portugal": (
        "{subject} fica fora de Portugal {seen}: corrija as coordenadas ou o sistema declarado",
        "{subject} lies outside Portugal {seen}: correct the coordinates or the declared system",
    ),
    "swapped-coordinates": (
        "{subject} tem latitude e longitude (x e y) trocadas {seen}: {hint}",
        "{subject} has latitude and longitude (x and y) swapped {seen}: {hint}",
    ),
    "order-geojson": (
        "troque-as — cada posição é [longitude, latitude]",
        "swap them — every position is [longitude, latitude]",
    ),
    "order-csv": (
        "troque os valores das colunas «{x}» e «{y}»",
        "swap the values of the «{x}» and «{y}» columns",
    ),
    "no-columns": (
        "Não há colunas de coordenadas: chame-lhes latitude e longitude (WGS84) ou x e y (com o "
        "código EPSG, p. ex. «x_epsg3763»)",
        "No coordinate columns: name them latitude and longitude (WGS84) or x and y (with the "
        "EPSG code, e.g. «x_epsg3763»)",
    ),
    "missing-coordinates": (
        "A linha {row} não tem coordenadas: preencha «{x}» e «{y}» ou retire a linha",
        "Row {row} has no coordinates: fill in «{x}» and «{y}» or remove the row",
    ),
    "unreadable": (
        "A linha {row} tem «{value}» em «{field}», que não é um número: escreva p. ex. -9.1393 "
        "ou -9,1393",
        "Row {row} has «{value}» in «{field}», which is not a number: write e.g. -9.1393 or "
        "-9,1393",
    ),
    # reasons a geometry is invalid
    "malformed": (
        "cada posição deve ter 2 ou 3 números, [longitude, latitude(, altitude)], sem texto",
        "each position must hold 2 or 3 numbers, [longitude, latitude(, altitude)], no text",
    ),
    "not-finite": ("há coordenadas NaN ou infinitas", "some coordinates are NaN or infinite"),
    "nesting": (
        "as coordenadas têm o aninhamento errado para o tipo {type}",
        "the coordinates are nested wrongly for the type {type}",
    ),
    "type": (
        "tipo de geometria «{type}» desconhecido (use Point, LineString, Polygon, Multi… ou "
        "GeometryCollection)",
        "unknown geometry type «{type}» (use Point, LineString, Polygon, Multi… or "
        "GeometryCollection)",
    ),
    "line": ("uma linha precisa de 2 ou mais posições", "a line needs 2 or more positions"),
    "ring": (
        "cada anel de polígono precisa de 4 ou mais posições e de acabar onde começa",
        "every polygon ring needs 4 or more positions and must end where it starts",
    ),
    "geos": ("polígono inválido ({reason})", "invalid polygon ({reason})"),
    "feature": ("O elemento (feature) {i}", "Feature {i}"),
    "row": ("A linha {i}", "Row {i}"),
    "attribute": (
        "O atributo «{name}» da entidade {entity}",
        "Attribute «{name}» of entity {entity}",
    ),
}


def _m(key: str, **values: Any) -> Message:
    """The message ``key`` of :data:`_TEXTS`; Message values are filled in their own language."""
    pt, en = _TEXTS[key]
    return Message(
        pt=pt.format(**{k: v.pt if isinstance(v, Message) else v for k, v in values.items()}),
        en=en.format(**{k: v.en if isinstance(v, Message) else v for k, v in values.items()}),
    )


# Where a position's owner (feature, row, entity attribute) is: Finding keywords and a subject.
Where = Callable[[int], tuple[dict[str, Any], Message]]


class _Findings:
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


def crs_label(crs: str) -> Message:
    """``EPSG:3763 (PT-TM06/ETRS89)``: the code and the short name from the ``crs`` vocabulary."""
    term = vocabulary("crs").get(crs)
    if term is None:
        return Message(pt=crs, en=crs)
    return Message(pt=f"{crs} ({term.pt.split(' — ')[0]})", en=f"{crs} ({term.en.split(' — ')[0]})")


# -- GeoJSON structure ----------------------------------------------------------------------

_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}
_DEPTH |= {"Polygon": 2, "MultiPolygon": 3}
GEOMETRY_TYPES = {*_DEPTH, "GeometryCollection"}


class Invalid(ValueError):
    """A geometry that is not RFC 7946; ``message`` says what is wrong."""

    def __init__(self, key: str, **values: Any) -> None:
        self.message = _m(key, **values)
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
    out: _Findings, geometries: list[tuple[int, Any]], where: Where
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
        invalid += [(o, _m("not-finite")) for o in sorted(broken)]
        polygons = [(o, g) for o, g in polygons if o not in broken]
        keep = ~np.isin(owner_of, list(broken))
        xy, owner_of = xy[keep], owner_of[keep]
    invalid += [(o, _m("geos", reason=r)) for o, r in _invalid_polygons(polygons)]
    for owner, reason in sorted(invalid, key=lambda item: item[0]):
        kwargs, subject = where(owner)
        out.add("invalid-geometry", _m("invalid", subject=subject, reason=reason), **kwargs)
    return np.ascontiguousarray(xy, dtype=float), owner_of


# -- CRS and placement, shared by the three validators ------------------------------------


def _known(crs: str) -> bool:
    try:
        to_wgs84(np.zeros((1, 2)), crs)
    except ProjError:  # CRSError included
        return False
    return True


def _resolve_crs(
    out: _Findings, xy: np.ndarray, declared: str | None, how: str, *, can_declare: bool
) -> str | None:
    """The CRS to read ``xy`` in: the declared one when the points fit it, else by ranges."""
    xs, ys = xy[:, 0], xy[:, 1]
    if declared is not None and not _known(declared):
        out.add("unknown-crs", _m("unknown-crs", crs=declared))
        declared = None
    if declared is not None:
        if len(xy) and crs_score(xs, ys, declared) < MIN_SCORE:
            found = detect_crs(xs, ys)
            if found and found != declared and crs_score(xs, ys, found) >= MIN_SCORE:
                labels = {"declared": crs_label(declared), "found": crs_label(found)}
                out.add("crs-mismatch", _m("crs-mismatch", how=how, code=found, **labels))
                declared, how = found, "ranges"
        out.report.stats["crs_source"] = how
        return declared
    found_all = crs_candidates(xs, ys) if len(xy) else [(WGS84, 0.0)]
    if not found_all:
        out.add("unknown-crs", _m("unrecognised-crs"))
        return None
    crs, others = found_all[0][0], ", ".join(c for c, _ in found_all[1:])
    out.report.stats["crs_source"] = "ranges" if len(xy) else "default"
    out.report.stats["crs_candidates"] = [c for c, _ in found_all]
    if crs != WGS84:
        also = _m("also", crs=others) if others else ""
        fix = _m("fix-geojson" if can_declare else "fix-csv")
        message = _m("undeclared-crs", crs=crs_label(crs), also=also, fix=fix)
        out.add("undeclared-crs", message, ERROR if can_declare else WARNING)
    return crs


def _seen(xy: np.ndarray, lonlat: np.ndarray, crs: str) -> str:
    seen = f"({xy[0]:.10g}, {xy[1]:.10g})"
    if crs != WGS84 and np.isfinite(lonlat).all():
        seen += f" {crs} → lon {lonlat[0]:.5f}, lat {lonlat[1]:.5f}"
    return seen


def _place(
    out: _Findings, xy: np.ndarray, owner: np.ndarray, crs: str, where: Where, hint: Message
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
        message = _m(type_, subject=subject, seen=seen, hint=hint)
        out.add(type_, message, **kwargs)
    for type_, n in Counter(type_ for _, _, type_ in events[room:]).items():
        out.skip(type_, n)
    counts = {"points": len(xy), "points_outside": int((codes == OUTSIDE).sum())}
    counts["points_swapped"] = int((codes == SWAPPED).sum())
    for key, n in counts.items():  # summed over the CRS groups of entities
        out.report.stats[key] = out.report.stats.get(key, 0) + n
    return lonlat[codes <= SWAPPED]


# -- GeoJSON -------------------------------------------------------------------------------


def _features(data: bytes | str | dict[str, Any], out: _Findings) -> tuple[dict, list] | None:
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
            out.add("invalid-geometry", _m("not-json", exc=exc))
            return None
    kind = doc.get("type") if isinstance(doc, dict) else None
    if kind == "FeatureCollection" and isinstance(doc.get("features"), list):
        return doc, doc["features"]
    if kind == "Feature":
        return doc, [doc]
    if kind in GEOMETRY_TYPES:
        return doc, [{"type": "Feature", "geometry": doc}]
    out.add("invalid-geometry", _m("not-geojson"))
    return None


def _declared_geojson(doc: dict, prj: str | None, out: _Findings) -> tuple[str | None, str]:
    """The CRS a ``.prj`` or else the legacy ``crs`` member declares, and which one said it."""
    if prj:
        try:
            return crs_from_prj(prj), ".prj"
        except ValueError:
            out.add("unknown-crs", _m("unknown-crs", crs=prj.strip()[:80]))
    try:
        member = geojson_crs(doc)
    except ValueError:
        out.add("unknown-crs", _m("unknown-crs", crs=json.dumps(doc.get("crs"))[:120]))
        return None, "ranges"
    if member and member != WGS84:
        out.add("legacy-crs", _m("legacy-crs", crs=member), WARNING)
    return member, "crs"


def _feature_where(index: int) -> tuple[dict[str, Any], Message]:
    return {"feature": index}, _m("feature", i=index)


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
    out = _Findings(report, max_findings)
    found = _features(data, out)
    if found is None:
        return report
    doc, features = found
    geometries = []
    for index, feature in enumerate(features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if geometry is None:
            subject = _m("feature", i=index)
            out.add(
                "missing-geometry", _m("missing-geometry", subject=subject), WARNING, feature=index
            )
        else:
            geometries.append((index, geometry))
    xy, owner = _collect(out, geometries, _feature_where)
    declared, how = _declared_geojson(doc, prj, out)
    report.crs = _resolve_crs(out, xy, declared, how, can_declare=True)
    if report.crs is not None and len(xy):
        hint = _m("order-geojson")
        report.bbox = bbox_of(_place(out, xy, owner, report.crs, _feature_where, hint))
    report.stats["features"] = len(features)
    return report


# -- CSV -----------------------------------------------------------------------------------

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


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def coordinate_columns(header: list[str]) -> tuple[int, int] | None:
    """Indexes of the (x/longitude, y/latitude) columns, found by their pt/en names."""
    names = [_norm(h) for h in header]

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
    match = _CRS_IN_NAME.search(_norm(" ".join(names)))
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
    out = _Findings(report, max_findings)
    records, report.encoding, delimiter = _read_csv(path)
    header = next(records, [])
    columns = coordinate_columns(header)
    report.stats["delimiter"] = delimiter
    if columns is None:
        out.add("missing-coordinates", _m("no-columns"))
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
    report.crs = _resolve_crs(out, xy, _header_crs(xcol, ycol), "header", can_declare=False)
    if report.crs is not None and len(xy):

        def where(row: int) -> tuple[dict[str, Any], Message]:
            return {"row": row}, _m("row", i=row)

        hint = _m("order-csv", x=xcol, y=ycol)
        report.bbox = bbox_of(_place(out, xy, owner, report.crs, where, hint))
    report.stats["rows_with_coordinates"] = int(usable.sum())
    return report


def _bad_row(out: _Findings, row: int, x: str, y: str, xcol: str, ycol: str) -> None:
    if not x and not y:
        message = _m("missing-coordinates", row=row, x=xcol, y=ycol)
        out.add("missing-coordinates", message, WARNING, row=row)
        return
    field, value = (xcol, x) if not np.isfinite(parse_numbers([x])).all() else (ycol, y)
    message = _m("unreadable", row=row, value=value, field=field)
    out.add("invalid-geometry", message, row=row, field=field)


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


def validate_entity_geometries(entities: list[dict], *, source: str = "") -> ValidationReport:
    """Validate the GeoProperties (``location`` and any other) of NGSI-LD / NGSI v2 entities,
    normalized or key-values. A ``coordinateSystem`` on the attribute, in its value or on the
    entity is honoured; without one, GeoJSON's WGS84 is expected."""
    report = ValidationReport(kind="geometry", source=source)
    out = _Findings(report, 1000)
    owners: list[tuple[str, str, str]] = []  # entity id, pointer, attribute
    groups: dict[str | None, list[tuple[int, Any]]] = {}

    def where(i: int) -> tuple[dict[str, Any], Message]:
        entity, pointer, name = owners[i]
        return {"entity": entity, "pointer": pointer}, _m("attribute", name=name, entity=entity)

    for index, entity in enumerate(entities):
        entity_id = str(entity.get("id") or f"#{index}")
        default = _property_value(entity.get("coordinateSystem"))
        for name, value in entity.items():
            found = _geo_attribute(name, value)
            if found is None:
                continue
            geometry, pointer, system = found
            owners.append((entity_id, pointer, name))
            crs = _entity_crs(out, _property_value(system) or default, where(len(owners) - 1))
            groups.setdefault(crs, []).append((len(owners) - 1, geometry))
    kept, crss = [], Counter[str]()
    for crs, geometries in groups.items():
        xy, owner = _collect(out, geometries, where)
        how = "coordinateSystem" if crs else "ranges"
        read_as = _resolve_crs(out, xy, crs, how, can_declare=True)
        if read_as is not None and len(xy):
            kept.append(_place(out, xy, owner, read_as, where, _m("order-geojson")))
            crss[read_as] += len(xy)
    report.crs = crss.most_common(1)[0][0] if crss else None
    report.bbox = bbox_of(np.concatenate(kept)) if kept else None
    report.stats |= {"entities": len(entities), "geometries": len(owners), "crs_all": sorted(crss)}
    return report


def _entity_crs(out: _Findings, system: Any, where: tuple[dict[str, Any], Message]) -> str | None:
    if not system:
        return None
    try:
        return crs_code(str(system))
    except ValueError:
        out.add("unknown-crs", _m("unknown-crs", crs=system), **where[0])
        return None
