"""Hostile RDF/XML (tests/data/xml, hand-made attack documents): entity expansion ("billion
laughs") and external entities (XXE). Expat refuses the first at its amplification limit, but
rdflib spends minutes getting there, so the core refuses any entity declaration before parsing;
external entities are never resolved. No CKAN, no network."""

import shutil
import time
import uuid
import xml.sax
from pathlib import Path
from xml.parsers import expat

import pytest
from rdflib import Graph, Literal

from enti.validators.cli.validate import main
from enti.validators.metadata.xml_safety import xml_entities_error
from tests.unit.testdata import BEE, DATA

XML = DATA / "xml"
LAUGHS = XML / "billion-laughs.rdf"
XXE = XML / "xxe.rdf"


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


def _xxe_copy(folder: Path, absolute: bool) -> tuple[Path, str]:
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


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "file-uri"])
def test_rdflib_never_resolves_external_entities(tmp_path, absolute):
    document, marker = _xxe_copy(tmp_path, absolute)
    hostname = Path("/etc/hostname")
    host = hostname.read_text().strip() if hostname.is_file() else ""
    for graph in (
        Graph().parse(document, format="xml"),
        Graph().parse(data=document.read_bytes(), format="xml"),
    ):
        literals = {str(o) for o in graph.objects() if isinstance(o, Literal)}
        assert literals == {"Título  fim", "Descrição  fim"}  # both entities left empty
        assert not any(marker in text or (host and host in text) for text in literals)


def test_cli_refuses_billion_laughs_in_one_line(capsys):
    started = time.monotonic()
    assert main(["--dcat", str(LAUGHS), "--lang", "en"]) == 2
    assert time.monotonic() - started < 5
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("enti-validate: refused ")
    assert "«lol0»" in lines[0] and "Traceback" not in captured.err
    assert "lollol" not in captured.out + captured.err


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "file-uri"])
def test_cli_refuses_xxe_and_never_prints_the_file(tmp_path, capsys, absolute):
    document, marker = _xxe_copy(tmp_path, absolute)
    assert main(["--dcat", str(document)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "«host»" in lines[0] and "Traceback" not in captured.err
    assert marker not in captured.out + captured.err


def test_cli_still_reads_plain_rdf_xml(tmp_path, capsys):
    document = tmp_path / "bee.rdf"
    document.write_text(Graph().parse(BEE).serialize(format="xml"), encoding="utf-8")
    assert main(["--dcat", str(document), "--lang", "en"]) == 1
    assert "8 violation(s)" in capsys.readouterr().out
