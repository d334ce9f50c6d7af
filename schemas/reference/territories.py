"""Portugal's territorial units: the 308 municipalities, 23 CIM and 2 AM.

Reads the reference tables shipped in ``enti.schemas`` (see their SOURCES.md) and checks
municipality codes (DICO: two digits of district/island + two of municipality, leading zero kept).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from enti.schemas import path

DICO_PATTERN = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Municipality:
    dico: str
    name: str
    district: str
    nuts3: str
    cim: str  # official name of the CIM it belongs to ("" for the autonomous regions)
    am: str  # official name of the metropolitan area it belongs to ("" if none)


@dataclass(frozen=True)
class Intermunicipal:
    kind: str  # "CIM" or "AM"
    name: str
    acronym: str
    nuts3: str
    members: int


def _rows(filename: str) -> list[dict[str, str]]:
    with path("vocabularies", "territories", filename).open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if not row[next(iter(row))].startswith("#")]


@cache
def municipalities() -> tuple[Municipality, ...]:
    """All 308 municipalities, in DICO order."""
    return tuple(
        Municipality(
            dico=row["dico"],
            name=row["municipio"],
            district=row["distrito_ilha"],
            nuts3=row["nuts3_2024"],
            cim=row["cim_2024"],
            am=row["area_metropolitana"],
        )
        for row in _rows("municipios_308.csv")
    )


@cache
def intermunicipal_entities() -> tuple[Intermunicipal, ...]:
    """The 23 intermunicipal communities (CIM) and 2 metropolitan areas (AM)."""
    return tuple(
        Intermunicipal(
            kind=row["tipo"],
            name=row["nome_oficial"],
            acronym=row["sigla"],
            nuts3=row["nuts3_2024"],
            members=int(row["n_municipios_2024"]),
        )
        for row in _rows("cim_am.csv")
    )


@cache
def by_dico() -> dict[str, Municipality]:
    return {m.dico: m for m in municipalities()}


def municipality(dico: str) -> Municipality | None:
    """The municipality with this DICO code, or ``None``."""
    return by_dico().get(dico)


def members_of(entity_name: str) -> list[Municipality]:
    """Municipalities belonging to a CIM or AM, given its official name."""
    return [m for m in municipalities() if entity_name in (m.cim, m.am)]
