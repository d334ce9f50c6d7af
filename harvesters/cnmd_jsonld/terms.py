"""The vocabulary of CNMD ``Comuns/Metadata`` JSON-LD: its prefixes (CNMD writes
``dcterms:`` where the rest of ENTI writes ``dct:``), the classes it describes and the keys read
as references."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from enti.schemas.reference.rdf import DCAT, DCT
from enti.schemas.reference.rdf import PREFIXES as RDF_PREFIXES

DCAT_HTTPS = "https://www.w3.org/ns/dcat#"  # the examples' wrong namespace: read, never written
TOPIC_CATEGORY = "http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/"
IANA_MEDIA_TYPES = re.compile(r"^https?://www\.iana\.org/assignments/media-types/")
EPSG = re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/0/(\d+)$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DECIMAL = re.compile(r"^\d+(\.\d+)?$")

PREFIXES = {"dcterms": str(DCT)} | {
    p: RDF_PREFIXES[p] for p in ("dcat", "foaf", "vcard", "xsd", "skos", "rdfs", "locn", "ins")
}
# Prefixes each CNMD schema requires in "@context"; the prefixes an entity uses are added.
REQUIRED_PREFIXES = {
    "dcat:Catalog": ("dcterms", "dcat", "foaf"),
    "dcat:Dataset": ("dcterms", "dcat", "foaf", "vcard", "xsd", "skos"),
    "dcat:DatasetSeries": ("dcterms", "dcat", "foaf", "vcard"),
    "dcat:DataService": ("dcterms", "dcat", "foaf"),
}
# Most specific class first (a series is also a dcat:Dataset); the order entities are listed in.
CLASSES = (
    (DCAT.Catalog, "dcat:Catalog"),
    (DCAT.DatasetSeries, "dcat:DatasetSeries"),
    (DCAT.DataService, "dcat:DataService"),
    (DCAT.Dataset, "dcat:Dataset"),
)
LISTING_ORDER = ("dcat:Catalog", "dcat:Dataset", "dcat:DatasetSeries", "dcat:DataService")
# Keys whose plain-string value is a reference when it is a URI (read tolerantly).
REFERENCE_KEYS = {
    "theme", "license", "format", "accrualPeriodicity", "language", "accessURL", "downloadURL",
    "endpointURL", "endpointDescription", "conformsTo", "homepage", "hasEmail", "servesDataset",
    "spatial",
}  # fmt: skip

Json = dict[str, Any]
Getter = Callable[[Graph, Node], Any]
