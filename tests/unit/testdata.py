"""What the unit tests of several packages share: the files under ``tests/data`` and the ids of
parametrized hostile values."""

from __future__ import annotations

from pathlib import Path

from enti.validators.messages import brief

DATA = Path(__file__).resolve().parents[1] / "data"
AZORES = DATA / "AcoresOcidentalConcelhos.geojson"  # PTRA08 (EPSG:5014), Flores and Corvo
BEE = DATA / "3.0.1-example-bee-population.ttl"  # the DCAT-AP 3.0.1 example, one known defect


def short_id(value: object) -> str:
    """The id of a parametrized hostile value: short, on one line, whatever the value is."""
    return brief(value, 24)
