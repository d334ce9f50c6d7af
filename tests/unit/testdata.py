"""What the unit tests of several packages share: the files under ``tests/data``, the RDF
namespaces they use (written out here, not taken from the code under test) and the ids of
parametrized hostile values."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from rdflib import Namespace

from enti.validators.messages import brief

DATA = Path(__file__).resolve().parents[1] / "data"
AZORES = DATA / "AcoresOcidentalConcelhos.geojson"  # PTRA08 (EPSG:5014), Flores and Corvo
BEE = DATA / "3.0.1-example-bee-population.ttl"  # the DCAT-AP 3.0.1 example, one known defect
# Hand-made RDF/XML attacks: nested entities ("billion laughs"), external entities (XXE).
LAUGHS = DATA / "xml" / "billion-laughs.rdf"
XXE = DATA / "xml" / "xxe.rdf"

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
INS = Namespace("http://inspire.ec.europa.eu/ont/base#")


def short_id(value: object) -> str:
    """The id of a parametrized hostile value: short, on one line, whatever the value is."""
    return brief(value, 24)


def xxe_copy(folder: Path, absolute: bool) -> tuple[Path, str]:
    """The XXE document next to a file holding a unique marker; its entity names that file by a
    relative reference or by an absolute file:// URI."""
    marker = f"ENTI-XXE-{uuid.uuid4().hex}"
    secret = folder / "xxe-marker.txt"
    secret.write_text(marker, encoding="utf-8")
    document = folder / "xxe.rdf"
    shutil.copy(XXE, document)
    if absolute:
        text = document.read_text(encoding="utf-8")
        document.write_text(text.replace('"xxe-marker.txt"', f'"{secret.as_uri()}"'), "utf-8")
    return document, marker
