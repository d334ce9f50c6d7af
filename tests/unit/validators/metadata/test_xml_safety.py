"""Hostile RDF/XML (tests/data/xml, hand-made attack documents): entity expansion ("billion
laughs") and external entities (XXE). Expat refuses the first at its amplification limit, but
rdflib spends minutes getting there, so the core refuses any entity declaration before parsing
(:mod:`enti.validators.metadata.xml_safety`); external entities are never resolved. No CKAN, no
network."""

import time
import xml.sax
from pathlib import Path
from xml.parsers import expat

import pytest
from rdflib import Graph, Literal

from enti.validators.metadata.xml_safety import xml_entities_error
from tests.unit.testdata import BEE, LAUGHS, XXE, xxe_copy


class _Counter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.characters_seen = 0

    def characters(self, content):
        self.characters_seen += len(content)


@pytest.mark.skipif(expat.version_info < (2, 4, 0), reason="amplification limit is expat 2.4+")
def test_expat_stops_billion_laughs_at_its_amplification_limit():
    counter = _Counter()
    started = time.monotonic()
    with pytest.raises(xml.sax.SAXParseException, match="amplification"):
        xml.sax.parse(str(LAUGHS), counter)
    assert time.monotonic() - started < 5
    assert counter.characters_seen < 16 * 2**20  # ~2.6 MB of the 3 GB it asks for


def test_entity_declarations_are_refused_before_any_expansion():
    started = time.monotonic()
    refused = xml_entities_error(LAUGHS.read_bytes())
    assert time.monotonic() - started < 0.5  # rdflib alone: 45 s to 5 min on this document
    assert refused is not None and "«lol0»" in refused.en and "<!ENTITY>" in refused.pt
    with LAUGHS.open("rb") as document:
        assert xml_entities_error(document) == refused
    assert xml_entities_error(XXE.read_text(encoding="utf-8")) is not None


def test_an_other_encoding_does_not_hide_the_declarations():
    text = LAUGHS.read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="utf-16"')
    refused = xml_entities_error(text.encode("utf-16"))
    assert refused is not None and "«lol0»" in refused.en


def test_documents_without_entities_pass_the_guard(tmp_path):
    plain = Graph().parse(BEE).serialize(format="xml")
    assert xml_entities_error(plain.encode()) is None
    with_doctype = plain.replace("<rdf:RDF", "<!DOCTYPE rdf:RDF>\n<rdf:RDF", 1)
    assert xml_entities_error(with_doctype) is None
    broken_after_root = b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"><unclosed></rdf:RDF>'
    assert xml_entities_error(broken_after_root) is None  # the RDF parser says what is wrong
    assert "not well-formed" in xml_entities_error(b"@prefix dct: <x> .").en


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "file-uri"])
def test_rdflib_never_resolves_external_entities(tmp_path, absolute):
    document, marker = xxe_copy(tmp_path, absolute)
    hostname = Path("/etc/hostname")
    host = hostname.read_text().strip() if hostname.is_file() else ""
    for graph in (
        Graph().parse(document, format="xml"),
        Graph().parse(data=document.read_bytes(), format="xml"),
    ):
        literals = {str(o) for o in graph.objects() if isinstance(o, Literal)}
        assert literals == {"Título  fim", "Descrição  fim"}  # both entities left empty
        assert not any(marker in text or (host and host in text) for text in literals)
