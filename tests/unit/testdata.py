"""What the unit tests of several packages share: the files under ``tests/data``."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
AZORES = DATA / "AcoresOcidentalConcelhos.geojson"  # PTRA08 (EPSG:5014), Flores and Corvo
BEE = DATA / "3.0.1-example-bee-population.ttl"  # the DCAT-AP 3.0.1 example, one known defect
