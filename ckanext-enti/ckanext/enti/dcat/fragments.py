"""Ready-to-send RDF fragments, and whole catalogue pages assembled from them.

A record's DCAT-AP triples are written once per output format (Turtle, RDF/XML, JSON-LD) as text
that can be pasted between a fixed header and footer; a catalogue page is then header + the
catalogue's own triples + one fragment per record + footer, which costs string joins instead of
building and serialising an rdflib graph of ~100 records for every page.

The writers here are CKAN-free. Rules that keep an assembled page equal (as a graph) to what
rdflib would produce for the same triples:

- Turtle and RDF/XML use one fixed prefix set (:data:`enti.schemas.reference.rdf.PREFIXES`),
  declared once in the header; a term outside it is written in full (Turtle) or declares its
  namespace on its own element (RDF/XML).
- Blank nodes are relabelled per record (``_:e<key>n<i>``), so labels never collide on a page.
- Each record's text is split into *own* blocks (its subjects: the record, its distributions, its
  blank nodes, its link from the catalogue) and *shared* blocks (the description of a concept,
  licence or publisher that many records point to); a page writes each distinct shared block once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from enti.schemas.reference.rdf import PREFIXES

FORMATS = ("ttl", "xml", "jsonld")

# Longest namespace first, so that a term takes the most specific prefix.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
# Conservative local names: valid both as Turtle PN_LOCAL and as XML NCName.
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_XML_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*$")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_UNSAFE = re.compile(r'[\x00-\x1f"\\\x7f]')
_SHORTHAND = {XSD.integer, XSD.decimal, XSD.boolean}
_TURTLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass
class Fragment:
    """One record in one format: its own blocks joined, and the shared blocks it needs."""

    own: str
    shared: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps([self.own, self.shared], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Fragment:
        own, shared = json.loads(text)
        return cls(own, shared)


# -- terms -----------------------------------------------------------------------------------


def _qname(uri: str) -> tuple[str, str] | None:
    for prefix, namespace in _BY_LENGTH:
        if uri.startswith(namespace) and _LOCAL.match(uri[len(namespace) :]):
            return prefix, uri[len(namespace) :]
    return None


def _turtle_iri(uri: str) -> str:
    qname = _qname(uri)
    if qname:
        return f"{qname[0]}:{qname[1]}"
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", uri) + ">"


def _turtle_string(text: str) -> str:
    def sub(match: re.Match[str]) -> str:
        char = match.group()
        return _TURTLE_ESCAPES.get(char) or f"\\u{ord(char):04X}"

    return '"' + _STRING_UNSAFE.sub(sub, text) + '"'


def _turtle_term(term: Node, labels: dict[BNode, str]) -> str:
    if isinstance(term, URIRef):
        return _turtle_iri(str(term))
    if isinstance(term, BNode):
        return "_:" + labels[term]
    assert isinstance(term, Literal)
    if term.datatype in _SHORTHAND and term.value is not None:
        # rdflib's Turtle writes these as bare numbers ("1.0" for a decimal "1"); do the same so
        # that a page parses to the very literals the live serialiser gives.
        return term._literal_n3(use_plain=True)
    text = _turtle_string(str(term))
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^{_turtle_iri(str(term.datatype))}"
    return text


# -- per-subject writers -----------------------------------------------------------------------


def _sorted_po(graph: Graph, subject: Node) -> list[tuple[Node, Node]]:
    return sorted(
        graph.predicate_objects(subject),
        key=lambda po: (po[0] != RDF.type, str(po[0]), type(po[1]).__name__, str(po[1])),
    )


def _turtle_block(graph: Graph, subject: Node, labels: dict[BNode, str]) -> str:
    parts = []
    for predicate, obj in _sorted_po(graph, subject):
        verb = "a" if predicate == RDF.type else _turtle_term(predicate, labels)
        parts.append(f"{verb} {_turtle_term(obj, labels)}")
    return _turtle_term(subject, labels) + " " + " ;\n    ".join(parts) + " .\n"


def _xml_element_name(uri: str) -> tuple[str, str]:
    """(element name, namespace declaration to put on the element or "")."""
    qname = _qname(uri)
    if qname:
        return f"{qname[0]}:{qname[1]}", ""
    match = _XML_LOCAL.search(uri)
    if not match or match.start() == 0:
        raise ValueError(f"predicate {uri} cannot be written as an RDF/XML element")
    return f"ns0:{match.group()}", f" xmlns:ns0={quoteattr(uri[: match.start()])}"


def _xml_node_attr(term: Node, labels: dict[BNode, str], attr: str) -> str:
    if isinstance(term, BNode):
        return f" rdf:nodeID={quoteattr(labels[term])}"
    return f" rdf:{attr}={quoteattr(str(term))}"


def _xml_block(graph: Graph, subject: Node, labels: dict[BNode, str]) -> str:
    lines = [f"<rdf:Description{_xml_node_attr(subject, labels, 'about')}>"]
    for predicate, obj in _sorted_po(graph, subject):
        name, xmlns = _xml_element_name(str(predicate))
        if isinstance(obj, Literal):
            attrs = ""
            if obj.language:
                attrs = f" xml:lang={quoteattr(obj.language)}"
            elif obj.datatype:
                attrs = f" rdf:datatype={quoteattr(str(obj.datatype))}"
            lines.append(f"  <{name}{xmlns}{attrs}>{escape(str(obj))}</{name}>")
        else:
            lines.append(f"  <{name}{xmlns}{_xml_node_attr(obj, labels, 'resource')}/>")
    lines.append("</rdf:Description>\n")
    return "\n".join(lines)


def _jsonld_id(term: Node, labels: dict[BNode, str]) -> str:
    return "_:" + labels[term] if isinstance(term, BNode) else str(term)


def _jsonld_block(graph: Graph, subject: Node, labels: dict[BNode, str]) -> str:
    types: list[str] = []
    node: dict[str, object] = {"@id": _jsonld_id(subject, labels)}
    values: dict[str, list[dict[str, str]]] = {}
    for predicate, obj in _sorted_po(graph, subject):
        if predicate == RDF.type:
            types.append(str(obj))
            continue
        if isinstance(obj, Literal):
            value: dict[str, str] = {"@value": str(obj)}
            if obj.language:
                value["@language"] = obj.language
            elif obj.datatype:
                value["@type"] = str(obj.datatype)
        else:
            value = {"@id": _jsonld_id(obj, labels)}
        values.setdefault(str(predicate), []).append(value)
    if types:
        node["@type"] = types
    node.update(values)
    return json.dumps(node, ensure_ascii=False, separators=(",", ":"))


WRITERS = {"ttl": _turtle_block, "xml": _xml_block, "jsonld": _jsonld_block}


# -- records and pages -------------------------------------------------------------------------


def _labels(graph: Graph, key: str) -> dict[BNode, str]:
    key = re.sub(r"[^A-Za-z0-9]", "", key)
    nodes = sorted({n for t in graph for n in t if isinstance(n, BNode)}, key=str)
    return {node: f"e{key}n{i}" for i, node in enumerate(nodes)}


def _subjects(graph: Graph) -> list[Node]:
    return sorted(set(graph.subjects()), key=lambda s: (isinstance(s, BNode), str(s)))


def record_fragments(graph: Graph, key: str, own_subjects: Iterable[Node]) -> dict[str, Fragment]:
    """The fragments, one per format, of a record whose triples are all of ``graph``.

    ``key`` makes its blank-node labels unique on a page (the record id); ``own_subjects`` are the
    subjects that belong to this record alone (blank nodes always do).
    """
    labels = _labels(graph, key)
    own = set(own_subjects)
    fragments = {}
    for fmt, write in WRITERS.items():
        mine: list[str] = []
        shared: list[str] = []
        for subject in _subjects(graph):
            block = write(graph, subject, labels)
            (mine if subject in own or isinstance(subject, BNode) else shared).append(block)
        separator = "," if fmt == "jsonld" else "\n"
        fragments[fmt] = Fragment(separator.join(mine), shared)
    return fragments


def graph_fragment(graph: Graph, fmt: str, key: str = "c") -> Fragment:
    """Every triple of ``graph`` as one own fragment (the catalogue part of a page)."""
    labels = _labels(graph, key)
    separator = "," if fmt == "jsonld" else "\n"
    return Fragment(separator.join(WRITERS[fmt](graph, s, labels) for s in _subjects(graph)))


def _header(fmt: str) -> str:
    if fmt == "ttl":
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"
    if fmt == "xml":
        declarations = "".join(
            f"\n   xmlns:{p}={quoteattr(ns)}" for p, ns in PREFIXES.items() if p != "xml"
        )
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n'
    return "[\n"


_FOOTERS = {"ttl": "", "xml": "</rdf:RDF>\n", "jsonld": "\n]\n"}


def assemble(fmt: str, fragments: Sequence[Fragment]) -> str:
    """A whole document: header, each fragment's own text, each distinct shared block once."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown fragment format {fmt}")
    parts: list[str] = []
    seen: set[str] = set()
    for fragment in fragments:
        if fragment.own:
            parts.append(fragment.own)
        for block in fragment.shared:
            if block not in seen:
                seen.add(block)
                parts.append(block)
    separator = ",\n" if fmt == "jsonld" else "\n"
    return _header(fmt) + separator.join(parts) + _FOOTERS[fmt]


RDFLIB_FORMATS = {"ttl": "turtle", "xml": "xml", "jsonld": "json-ld"}
