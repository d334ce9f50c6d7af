#!/usr/bin/env python3
"""Build ``territorial-unit.yaml`` from ``territories/municipios_308.csv``.

Reproducible: stdlib + PyYAML only, no network.  Run from anywhere::

    python schemas/vocabularies/build_territorial_units.py

Output: ``schemas/vocabularies/territorial-unit.yaml`` (overwritten).

URI choices (see SOURCES.md):

* country      -> EU country authority table, ``.../authority/country/PRT``
* NUTS 1/2/3   -> Eurostat/Publications Office NUTS URIs
                  ``http://data.europa.eu/nuts/code/<NUTS code>`` (NUTS 2024)
* municipality -> no authoritative, dereferenceable URI per concelho was found
                  (the EU ATU authority table does not list Portuguese
                  municipalities as far as we could check), so we mint a URN
                  that only encodes the official CAOP/INE municipality code
                  (DICO): ``urn:pt:caop:municipio:<DICO>``.  This is OURS, not
                  an authority URI; replace it if DGT/INE publish one.
"""

from __future__ import annotations

import csv
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CSV_PATH = os.path.join(HERE, "territories", "municipios_308.csv")
OUT_PATH = os.path.join(HERE, "territorial-unit.yaml")

COUNTRY_URI = "http://publications.europa.eu/resource/authority/country/PRT"
NUTS_BASE = "http://data.europa.eu/nuts/code/"
MUNICIPALITY_URN = "urn:pt:caop:municipio:"

# NUTS 2024 (Commission Delegated Regulation (EU) 2023/674) for Portugal.
NUTS1 = [
    ("PT1", "Continente", "Mainland Portugal (Continente)"),
    ("PT2", "Região Autónoma dos Açores", "Autonomous Region of the Azores"),
    ("PT3", "Região Autónoma da Madeira", "Autonomous Region of Madeira"),
]
NUTS2 = [
    ("PT11", "Norte", "Norte", "PT1"),
    ("PT15", "Algarve", "Algarve", "PT1"),
    ("PT19", "Centro", "Centro", "PT1"),
    ("PT1A", "Grande Lisboa", "Grande Lisboa", "PT1"),
    ("PT1B", "Península de Setúbal", "Península de Setúbal", "PT1"),
    ("PT1C", "Alentejo", "Alentejo", "PT1"),
    ("PT1D", "Oeste e Vale do Tejo", "Oeste e Vale do Tejo", "PT1"),
    ("PT20", "Região Autónoma dos Açores", "Autonomous Region of the Azores", "PT2"),
    ("PT30", "Região Autónoma da Madeira", "Autonomous Region of Madeira", "PT3"),
]


def nuts_uri(code: str) -> str:
    return NUTS_BASE + code


def load_rows() -> list[dict]:
    with open(CSV_PATH, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if len(rows) != 308:
        sys.exit(f"expected 308 municipalities, found {len(rows)}")
    for r in rows:
        if len(r["dico"]) != 4 or not r["dico"].isdigit():
            sys.exit(f"bad DICO {r['dico']!r}")
    return sorted(rows, key=lambda r: r["dico"])


def _regions() -> list[dict]:
    """Portugal, its NUTS 1 and NUTS 2 regions."""
    terms: list[dict] = [
        {"uri": COUNTRY_URI, "code": "PRT", "pt": "Portugal", "en": "Portugal", "kind": "country"}
    ]
    for code, pt, en in NUTS1:
        terms.append(_nuts(code, pt, en, "nuts1", COUNTRY_URI))
    for code, pt, en, parent in NUTS2:
        terms.append(_nuts(code, pt, en, "nuts2", nuts_uri(parent)))
    return terms


def _nuts(code: str, pt: str, en: str, kind: str, broader: str) -> dict:
    return {
        "uri": nuts_uri(code),
        "code": code,
        "pt": pt,
        "en": en,
        "kind": kind,
        "broader": broader,
    }


def _nuts3(rows: list[dict]) -> list[dict]:
    """NUTS 3 regions, taken from the municipality table (one entry per code)."""
    nuts2_codes = {c for c, *_ in NUTS2}
    nuts3: dict[str, str] = {}
    for r in rows:
        code, name = r["nuts3_2024_code"], r["nuts3_2024"]
        if nuts3.setdefault(code, name) != name:
            sys.exit(f"NUTS3 {code} has two names: {nuts3[code]!r} / {name!r}")
    terms = []
    for code in sorted(nuts3):
        parent = code[:4]
        if parent not in nuts2_codes:
            sys.exit(f"NUTS3 {code}: unknown NUTS2 parent {parent}")
        terms.append(_nuts(code, nuts3[code], nuts3[code], "nuts3", nuts_uri(parent)))
    return terms


def _municipality(r: dict) -> dict:
    term = {
        "uri": MUNICIPALITY_URN + r["dico"],
        "code": r["dico"],
        "pt": r["municipio"],
        "en": r["municipio"],
        "kind": "municipality",
        "dico": r["dico"],
        "district": r["distrito_ilha"],
        "nuts3": r["nuts3_2024_code"],
        "broader": nuts_uri(r["nuts3_2024_code"]),
    }
    if r["cim_2024"]:
        term["cim"] = r["cim_2024"]
    if r["area_metropolitana"]:
        term["am"] = r["area_metropolitana"]
    return term


SOURCE = (
    "Country: EU Publications Office country authority table (PRT). "
    "NUTS: NUTS 2024 codes (Commission Delegated Regulation (EU) 2023/674) "
    "with the Eurostat/Publications Office URI pattern "
    "http://data.europa.eu/nuts/code/<code>; NUTS 3 names and codes from "
    "territories/municipios_308.csv (five codes in that table, PT191, PT194, "
    "PT1C1, PT1C2, PT1D2, were originally inferred and have since been "
    "cross-checked against several independent public code tables). "
    "Municipalities: the 308 concelhos of DGT's CAOP 2025 "
    "(territories/municipios_308.csv), identified by their DICO code. No "
    "authoritative per-municipality URI was found (the EU ATU table does not "
    "list Portuguese concelhos as far as we could check), so municipality URIs "
    "are project-minted URNs urn:pt:caop:municipio:<DICO> (NOT an authority "
    "URI). Generated by build_territorial_units.py; do not edit by hand."
)


def build() -> dict:
    rows = load_rows()
    return {
        "name": "territorial-unit",
        "title": {
            "pt": "Unidades territoriais (cobertura geográfica)",
            "en": "Territorial units (geographical coverage)",
        },
        "scheme": None,
        "source": SOURCE,
        "licence": (
            "EU authority tables and NUTS: reuse under Commission Decision "
            "2011/833/EU; CAOP: CC-BY-4.0 (DGT)"
        ),
        "terms": _regions() + _nuts3(rows) + [_municipality(r) for r in rows],
    }


def main() -> None:
    data = build()
    header = (
        "# Generated by build_territorial_units.py from "
        "territories/municipios_308.csv -- do not edit by hand.\n"
    )
    with open(OUT_PATH, "w", encoding="utf-8") as fh:
        fh.write(header)
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False, width=100)
    print(f"wrote {OUT_PATH}: {len(data['terms'])} terms")


if __name__ == "__main__":
    main()
