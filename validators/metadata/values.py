"""Rules of the ENTI metadata model (CNMD ``Comuns/Metadata``: DCAT-AP 3 + INSPIRE) that a form
or an API call must meet beyond "field present". Each check returns a bilingual
:class:`~enti.validators.messages.Message` saying what to change, or ``None`` when all is fine;
none raises, whatever the value (text, number, list, object, hostile nesting).

Coverage geometries are checked by :mod:`enti.validators.geometry.rules`; the light copy the
catalogue exports (:func:`simplified_geometry`, :data:`MAX_EXPORT_VERTICES`,
:func:`count_vertices`) comes from :mod:`enti.validators.geometry.simplify`.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from decimal import Decimal
from numbers import Real
from typing import Any

import numpy as np
import shapely
from shapely import wkt
from shapely.errors import ShapelyError
from shapely.geometry import mapping

from enti.validators.geometry.coordinates import PORTUGAL, BBox
from enti.validators.geometry.rules import (
    MAX_COLLECTION_DEPTH,
    MAX_JSON_DEPTH,
    MAX_WKT_DEPTH,
    GeometryRefused,
    check_geojson,
    geometry_message,
)
from enti.validators.geometry.simplify import (
    MAX_EXPORT_VERTICES,
    count_vertices,
    simplified_geometry,
    to_shape,
)
from enti.validators.messages import Message, brief

__all__ = [
    "EMAIL",
    "ISO_DURATION",
    "MAX_COLLECTION_DEPTH",
    "MAX_EMAIL",
    "MAX_EXPORT_VERTICES",
    "MAX_JSON_DEPTH",
    "PORTUGAL_ENVELOPE",
    "GeometryRefused",
    "bbox_error",
    "count_vertices",
    "duration_error",
    "email_error",
    "geometry_error",
    "missing",
    "parse_day",
    "parse_geometry",
    "positive_number_error",
    "simplified_geometry",
    "temporal_error",
]

ISO_DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
# Checked on at most MAX_EMAIL characters: the pattern backtracks quadratically on long text.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 254
_PARENTHESES = re.compile(r"[()]")
PORTUGAL_ENVELOPE = BBox(
    min(b.west for b in PORTUGAL.values()),
    min(b.south for b in PORTUGAL.values()),
    max(b.east for b in PORTUGAL.values()),
    max(b.north for b in PORTUGAL.values()),
)


def parse_day(value: str | date | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()


def temporal_error(start: Any, end: Any, *, open_end_allowed: bool) -> Message | None:
    """A period needs a start, and an end on or after it unless the data are still collected."""
    try:
        first, last = parse_day(start), parse_day(end)
    except ValueError:
        return Message(
            pt="Datas inválidas: use o formato AAAA-MM-DD (p. ex. 2024-01-31)",
            en="Invalid dates: use the YYYY-MM-DD format (e.g. 2024-01-31)",
        )
    if first is None:
        return Message(
            pt="Indique a data de início do período coberto",
            en="Give the start date of the period covered",
        )
    if last is None:
        if open_end_allowed:
            return None
        return Message(
            pt="Indique a data de fim do período coberto; só pode ficar em aberto se os dados "
            "continuam a ser recolhidos (escolha então uma periodicidade de atualização)",
            en="Give the end date of the period covered; it may only stay open while the data "
            "are still being collected (then choose an update frequency)",
        )
    if last < first:
        return Message(
            pt=f"A data de fim ({last}) é anterior à data de início ({first})",
            en=f"The end date ({last}) is before the start date ({first})",
        )
    return None


def duration_error(value: Any) -> Message | None:
    if isinstance(value, str) and ISO_DURATION.match(value.strip()):
        return None
    return Message(
        pt=f"«{brief(value)}» não é uma duração ISO 8601: use p. ex. PT15M (15 minutos), P1D (um "
        "dia), P1M (um mês)",
        en=f"«{brief(value)}» is not an ISO 8601 duration: use e.g. PT15M (15 minutes), P1D (one "
        "day), P1M (one month)",
    )


def positive_number_error(value: Any) -> Message | None:
    """A resolution or distance: a finite number above zero (``10``, ``0.5``, ``0,5``)."""
    number = _finite_number(value)
    if number is not None and number > 0:
        return None
    return Message(
        pt=f"«{brief(value)}» não é um número de metros: indique um número positivo finito "
        "(p. ex. 10 ou 0.5)",
        en=f"«{brief(value)}» is not a number of metres: give a finite positive number "
        "(e.g. 10 or 0.5)",
    )


def _finite_number(value: Any) -> float | None:
    """``value`` as a finite float, or ``None`` (text that is no number, NaN, ±inf, 1e309, bool,
    list, object …)."""
    if isinstance(value, bool) or not isinstance(value, (str, Real, Decimal)):
        return None
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def email_error(value: Any) -> Message | None:
    """An email address (``mailto:`` allowed); at most 254 characters, as in RFC 5321."""
    text = value.strip().removeprefix("mailto:") if isinstance(value, str) else ""
    if len(text) <= MAX_EMAIL and EMAIL.match(text):
        return None
    return Message(
        pt=f"«{brief(value)}» não é um endereço de email válido: escreva p. ex. dados@cm-lisboa.pt",
        en=f"«{brief(value)}» is not a valid email address: write e.g. dados@cm-lisboa.pt",
    )


def parse_geometry(value: Any) -> dict[str, Any]:
    """A GeoJSON geometry from GeoJSON (text or object) or WKT; raises :class:`GeometryRefused`
    (a ``ValueError``) with the message to show. Checked as RFC 7946 asks (known types, positions
    of 2 or 3 finite numbers, lines of 2 or more, rings of 4 or more that end on their first
    point) and bounded: GeometryCollections nested at most :data:`MAX_COLLECTION_DEPTH` deep,
    other members at most :data:`MAX_JSON_DEPTH`, so no input makes it recurse without end."""
    return _parsed(value)[0]


def geometry_error(value: Any) -> Message | None:
    """A coverage geometry must be readable (GeoJSON or WKT, WGS84) and lie in Portugal. Never
    raises: any text, object or other value gets a message or ``None``."""
    try:
        _, shaped = _parsed(value)
    except ValueError as exc:
        return getattr(exc, "message", None) or _unreadable(str(exc))
    west, south, east, north = shaped.bounds
    return bbox_error(BBox(west, south, east, north))


def _parsed(value: Any) -> tuple[dict[str, Any], shapely.Geometry]:
    if isinstance(value, dict):
        geometry = value
    elif isinstance(value, str):
        text = value.strip()
        geometry = _from_json(text) if text.startswith("{") else _from_wkt(text)
    else:
        raise GeometryRefused(_unreadable(f"{type(value).__name__} instead of text or an object"))
    check_geojson(geometry)
    try:
        return geometry, to_shape(geometry)
    except ValueError as exc:
        raise GeometryRefused(_unreadable(str(exc))) from exc


def _from_json(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise GeometryRefused(geometry_message("json-depth", depth=MAX_JSON_DEPTH)) from exc
    except ValueError as exc:
        raise GeometryRefused(_unreadable(str(exc))) from exc


def _from_wkt(text: str) -> dict[str, Any]:
    """GeoJSON of WKT text. Deeply nested WKT crashes GEOS (a segfault, not an exception), so the
    parentheses are counted first; GEOS refuses unclosed rings, reported as such."""
    if _wkt_too_deep(text):
        raise GeometryRefused(geometry_message("collection-depth", depth=MAX_COLLECTION_DEPTH))
    try:
        with np.errstate(all="ignore"):  # 1e309 overflows to inf: refused below, as in GeoJSON
            return dict(mapping(wkt.loads(text)))
    except (ShapelyError, TypeError, ValueError) as exc:
        if "closed linestring" in str(exc):
            raise GeometryRefused(geometry_message("wkt-open-ring")) from exc
        raise GeometryRefused(_unreadable(str(exc))) from exc


def _wkt_too_deep(text: str) -> bool:
    """Whether parentheses nest deeper than :data:`MAX_WKT_DEPTH` (stops as soon as they do)."""
    if text.count("(") <= MAX_WKT_DEPTH:
        return False
    depth = 0
    for match in _PARENTHESES.finditer(text):
        depth += 1 if match.group() == "(" else -1
        if depth > MAX_WKT_DEPTH:
            return True
    return False


def _unreadable(reason: str) -> Message:
    return geometry_message("unreadable", reason=brief(" ".join(reason.split()), 160))


def bbox_error(box: BBox) -> Message | None:
    """A WGS84 box must be ordered and inside Portugal's envelope; swapped lat/lon is named."""
    if box.west > box.east or box.south > box.north:
        return Message(
            pt="O retângulo envolvente está invertido: oeste deve ser menor que este e sul menor "
            "que norte",
            en="The bounding box is inverted: west must be less than east, south less than north",
        )
    if _inside_envelope(box):
        return None
    if _inside_envelope(BBox(box.south, box.west, box.north, box.east)):
        return Message(
            pt="As coordenadas parecem ter latitude e longitude trocadas: em Portugal a longitude "
            "vem primeiro e é negativa (cerca de -31 a -6), a latitude entre 30 e 42",
            en="The coordinates look like latitude and longitude were swapped: in Portugal the "
            "longitude comes first and is negative (about -31 to -6), latitude between 30 and 42",
        )
    return Message(
        pt=f"A área ({box.west:.4f}, {box.south:.4f}, {box.east:.4f}, {box.north:.4f}) fica fora "
        "de Portugal (continente, Açores e Madeira); use coordenadas WGS84 em graus",
        en=f"The area ({box.west:.4f}, {box.south:.4f}, {box.east:.4f}, {box.north:.4f}) lies "
        "outside Portugal (mainland, Azores and Madeira); use WGS84 coordinates in degrees",
    )


def _inside_envelope(box: BBox) -> bool:
    env = PORTUGAL_ENVELOPE
    inside_lon = env.west <= box.west and box.east <= env.east
    return inside_lon and env.south <= box.south and box.north <= env.north


def missing(field: Message) -> Message:
    """The message for a mandatory property left empty."""
    return Message(
        pt=f"Campo obrigatório no modelo de metadados ENTI: preencha «{field.pt}»",
        en=f"Mandatory in the ENTI metadata model: fill in «{field.en}»",
    )
