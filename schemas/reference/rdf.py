"""The RDF vocabularies ENTI reads and writes: one prefix table for every serialisation (Turtle,
RDF/XML, JSON-LD contexts, CNMD JSON-LD) and the namespaces the core builds graphs with."""

from __future__ import annotations

from rdflib import RDF, Namespace

PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "locn": "http://www.w3.org/ns/locn#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "schema": "http://schema.org/",
    "spdx": "http://spdx.org/rdf/terms#",
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "ins": "http://inspire.ec.europa.eu/ont/base#",
    "sh": "http://www.w3.org/ns/shacl#",
}

DCAT = Namespace(PREFIXES["dcat"])
DCATAP = Namespace(PREFIXES["dcatap"])
DCT = Namespace(PREFIXES["dct"])
FOAF = Namespace(PREFIXES["foaf"])
VCARD = Namespace(PREFIXES["vcard"])
SKOS = Namespace(PREFIXES["skos"])
LOCN = Namespace(PREFIXES["locn"])
GSP = Namespace(PREFIXES["gsp"])
SDO = Namespace(PREFIXES["schema"])
INS = Namespace(PREFIXES["ins"])
SH = Namespace(PREFIXES["sh"])
HYDRA = Namespace(PREFIXES["hydra"])

# A linked record named in a graph only by type, title, description and identifier (a served
# dataset, the series of a member) is described elsewhere: a stub, not a record.
STUB_PREDICATES = frozenset({RDF.type, DCT.title, DCT.description, DCT.identifier})
