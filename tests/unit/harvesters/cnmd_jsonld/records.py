"""Our DCAT output (``tests/data/dcat-output``) as CNMD metadata entities, and the official CNMD
metadata examples."""

import json

from rdflib import Graph

from enti.harvesters.cnmd_jsonld.write import catalog_entities
from enti.schemas import path
from tests.unit.testdata import DATA

OUTPUT = DATA / "dcat-output"
EXAMPLES = path("cnmd", "Comuns", "Metadata", "exemplos")
RECORDS = {
    "plain": "residuos-niveis-enchimento-contentores-lisboa.ttl",
    "geographic": "limites-concelhos-flores-corvo.ttl",
    "service": "api-catalogo-enti.ttl",
    "series": "acidentes-rodoviarios-ansr-distritos.ttl",
}


def entity(kind):
    """The one entity of a single-record page of our DCAT output."""
    (only,) = catalog_entities(Graph().parse(OUTPUT / RECORDS[kind]))
    return only


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
