"""Fragment writers (no CKAN): a page joined from per-record fragments parses to the same graph as
rdflib's own serialisation of the records, in Turtle, RDF/XML and JSON-LD, whatever the literals
hold."""

from __future__ import annotations

import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ckanext.enti.dcat.fragments import RDFLIB_FORMATS, assemble, record_fragments
from tests.unit.testdata import DCAT, DCT

CATALOG = URIRef("http://example.org/catalog")
PORTUGUESE = URIRef("http://publications.europa.eu/resource/authority/language/POR")


def _record(i: int) -> tuple[Graph, URIRef]:
    g = Graph()
    ref = URIRef(f"http://example.org/dataset/{i}")
    location, odd = BNode(), BNode()
    g.add((CATALOG, DCAT.dataset, ref))
    g.add((ref, RDF.type, DCAT.Dataset))
    g.add((ref, DCT.title, Literal('Título "com" aspas\nlinha \\ <tag> & ok\t', lang="pt")))
    g.add((ref, DCT.issued, Literal("2020-01-01", datatype=XSD.date)))
    g.add((ref, DCAT.spatialResolutionInMeters, Literal("1", datatype=XSD.decimal)))
    g.add((ref, DCAT.byteSize, Literal("42", datatype=XSD.nonNegativeInteger)))
    g.add((ref, DCT.spatial, location))
    g.add((location, RDF.type, DCT.Location))
    g.add((location, DCAT.bbox, Literal("POLYGON ((1 2, 3 4))")))
    g.add((ref, URIRef("http://outside.example/ns/odd.name"), odd))  # no fixed prefix
    g.add((odd, URIRef("urn:x:y-z"), Literal(3)))
    g.add((ref, DCT.language, PORTUGUESE))  # shared by every record
    g.add((PORTUGUESE, RDF.type, DCT.LinguisticSystem))
    return g, ref


@pytest.mark.parametrize("fmt", ["ttl", "xml", "jsonld"])
def test_a_page_of_fragments_is_the_union_of_the_records(fmt):
    union, fragments = Graph(), []
    for i in range(3):
        graph, ref = _record(i)
        union += graph
        fragments.append(record_fragments(graph, f"id-{i}", [ref, CATALOG])[fmt])
    page = assemble(fmt, fragments)
    parsed = Graph().parse(data=page, format=RDFLIB_FORMATS[fmt])
    # What rdflib's own serialiser gives for the same triples (its Turtle writes the decimal
    # "1" as 1.0, and so do the fragments).
    rdflib_format = RDFLIB_FORMATS[fmt]
    live = Graph().parse(data=union.serialize(format=rdflib_format), format=rdflib_format)
    assert isomorphic(parsed, live)
    # Blank nodes of different records stay apart: three locations, not one.
    assert len(set(parsed.subjects(RDF.type, DCT.Location))) == 3


def test_a_shared_description_is_written_once_a_page():
    fragments = []
    for i in range(3):
        graph, ref = _record(i)
        fragments.append(record_fragments(graph, str(i), [ref, CATALOG])["ttl"])
    page = assemble("ttl", fragments)
    assert page.count("language/POR> a dct:LinguisticSystem") == 1


def test_fragments_survive_storage():
    graph, ref = _record(0)
    fragment = record_fragments(graph, "0", [ref])["jsonld"]
    assert type(fragment).from_json(fragment.to_json()) == fragment
