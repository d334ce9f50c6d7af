"""Rules of the ENTI metadata model (CNMD ``Comuns/Metadata``: DCAT-AP 3 + INSPIRE) that a form
or an API call must meet beyond "field present". Each check returns a bilingual
:class:`~enti.validators.messages.Message` saying what to change, or ``None`` when all is fine.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from shapely import wkt
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape

from enti.validators.coordinates import PORTUGAL, BBox
from enti.validators.messages import Message

ISO_DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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


def duration_error(value: str) -> Message | None:
    if ISO_DURATION.match(value.strip()):
        return None
    return Message(
        pt=f"«{value}» não é uma duração ISO 8601: use p. ex. PT15M (15 minutos), P1D (um dia), "
        "P1M (um mês)",
        en=f"«{value}» is not an ISO 8601 duration: use e.g. PT15M (15 minutes), P1D (one day), "
        "P1M (one month)",
    )


def positive_number_error(value: Any) -> Message | None:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        number = -1.0
    if number > 0:
        return None
    return Message(
        pt=f"«{value}» não é um número positivo de metros (p. ex. 10 ou 0.5)",
        en=f"«{value}» is not a positive number of metres (e.g. 10 or 0.5)",
    )


def email_error(value: str) -> Message | None:
    if EMAIL.match(value.strip().removeprefix("mailto:")):
        return None
    return Message(
        pt=f"«{value}» não é um endereço de email válido",
        en=f"«{value}» is not a valid email address",
    )


def parse_geometry(value: str | dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry from GeoJSON (text or object) or WKT; raises ``ValueError``."""
    if isinstance(value, dict):
        geometry = value
    else:
        text = value.strip()
        if text.startswith("{"):
            geometry = json.loads(text)
        else:
            try:
                return dict(mapping(wkt.loads(text)))
            except ShapelyError as exc:
                raise ValueError(str(exc)) from exc
    try:
        shape(geometry)
    except (ShapelyError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a GeoJSON geometry ({exc})") from exc
    return geometry


def geometry_error(value: str | dict[str, Any]) -> Message | None:
    """A coverage geometry must be readable (GeoJSON or WKT, WGS84) and lie in Portugal."""
    try:
        geometry = parse_geometry(value)
    except ValueError as exc:
        return Message(
            pt=f"Geometria ilegível: use GeoJSON ou WKT em WGS84 (longitude, latitude) — {exc}",
            en=f"Unreadable geometry: use GeoJSON or WKT in WGS84 (longitude, latitude) — {exc}",
        )
    west, south, east, north = shape(geometry).bounds
    return bbox_error(BBox(west, south, east, north))


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
