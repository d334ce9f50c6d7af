"""DCAT graph -> CNMD ``Comuns/Metadata`` JSON-LD, in the key style of the CNMD examples."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import suppress
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from enti.harvesters.cnmd_jsonld.terms import (
    CLASSES,
    DATE,
    DECIMAL,
    EPSG,
    IANA_MEDIA_TYPES,
    LISTING_ORDER,
    PREFIXES,
    REQUIRED_PREFIXES,
    TOPIC_CATEGORY,
    URI,
    Getter,
    Json,
)
from enti.schemas.reference.rdf import (
    DCAT,
    DCT,
    FOAF,
    INS,
    LOCN,
    SDO,
    SKOS,
    STUB_PREDICATES,
    VCARD,
)
from enti.schemas.reference.vocabularies import term_for_uri, vocabulary


def to_cnmd(graph: Graph, node: Node) -> Json:
    """The CNMD JSON-LD object of the catalogue, dataset, data service or series ``node``.

    ``@id`` is the record's ``dct:identifier`` when it is a URI or URN, else the node's IRI.
    Properties without a value are omitted, never written as ``""`` or ``null``. A dataset or
    series with an INSPIRE topic category (``dct:subject``) also gets the four ``ins:`` keys, taken
    from the same bounding box and modification date as its DCAT properties so that they agree.

    :raises ValueError: ``node`` is typed with none of those four DCAT classes.
    """
    kind = _kind(graph, node)
    if kind is None:
        raise ValueError(f"{node} is not a dcat:Catalog, Dataset, DataService or DatasetSeries")
    body = _clean({"@id": _entity_id(graph, node), "@type": kind})
    body |= _build(FIELDS[kind], graph, node)
    if kind in ("dcat:Dataset", "dcat:DatasetSeries"):
        body |= _inspire(graph, node, body)
    used = set(REQUIRED_PREFIXES[kind]) | _prefixes_used(body)
    return {"@context": {p: ns for p, ns in PREFIXES.items() if p in used}} | body


def catalog_entities(graph: Graph) -> list[Json]:
    """The whole graph as a JSON array of CNMD entities: catalogues first, then datasets, series
    and data services (each group in ``@id`` order). Records named only by type, title and
    description (a served dataset on a service's page) are described elsewhere and left out; so
    are Hydra paging nodes."""
    records = {
        node
        for cls, _ in CLASSES
        for node in graph.subjects(RDF.type, cls)
        if not set(graph.predicates(node, None)) <= STUB_PREDICATES
    }
    entities = [to_cnmd(graph, node) for node in records]
    return sorted(entities, key=lambda e: (LISTING_ORDER.index(e["@type"]), e.get("@id", "")))


def _sorted(graph: Graph, node: Node, predicate: Node) -> list[Node]:
    return sorted(graph.objects(node, predicate), key=str)


def _first(graph: Graph, node: Node, predicate: Node) -> Node | None:
    return next(iter(_sorted(graph, node, predicate)), None)


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values or None


def _clean(entity: Json) -> Json:
    return {k: v for k, v in entity.items() if v is not None and v != "" and v != [] and v != {}}


def _build(fields: Iterable[tuple[str, Getter]], graph: Graph, node: Node) -> Json:
    return _clean({key: get(graph, node) for key, get in fields})


def _lang_strings(graph: Graph, node: Node, *predicates: Node) -> list[Json]:
    values = [
        {"@value": str(v).strip(), "@language": v.language or "pt"}
        for p in predicates
        for v in _sorted(graph, node, p)
        if isinstance(v, Literal) and str(v).strip()
    ]
    return [v for i, v in enumerate(values) if v not in values[:i]]


def _text(*predicates: Node) -> Getter:
    return lambda g, n: _one_or_many(_lang_strings(g, n, *predicates))


def _ids(graph: Graph, node: Node, predicate: Node) -> list[Json]:
    return [{"@id": str(v)} for v in _sorted(graph, node, predicate) if isinstance(v, URIRef)]


def _ref(predicate: Node) -> Getter:
    return lambda g, n: _one_or_many(_ids(g, n, predicate))


def _refs(predicate: Node) -> Getter:
    return lambda g, n: _ids(g, n, predicate)


def _date(*predicates: Node) -> Getter:
    def get(graph: Graph, node: Node) -> Json | None:
        values = [v for p in predicates for v in _sorted(graph, node, p) if isinstance(v, Literal)]
        match = DATE.match(str(values[0]).strip()) if values else None
        return {"@value": match.group(0), "@type": "xsd:date"} if match else None

    return get


def _literal(graph: Graph, node: Node, predicate: Node) -> str | None:
    value = _first(graph, node, predicate)
    return (str(value).strip() or None) if isinstance(value, Literal) else None


def _entity_id(graph: Graph, node: Node) -> str | None:
    identifier = _literal(graph, node, DCT.identifier)
    if identifier and URI.match(identifier):
        return identifier
    return str(node) if isinstance(node, URIRef) else None


def _kind(graph: Graph, node: Node) -> str | None:
    return next((kind for cls, kind in CLASSES if (node, RDF.type, cls) in graph), None)


def _keywords(graph: Graph, node: Node) -> list[Json]:
    return _lang_strings(graph, node, DCAT.keyword)


def _resolution(graph: Graph, node: Node) -> Json | None:
    value = _literal(graph, node, DCAT.spatialResolutionInMeters)
    if value and not DECIMAL.match(value):  # e.g. "1.0E3" (xsd:double): as a plain decimal
        with suppress(InvalidOperation):
            value = format(Decimal(value), "f")
    return {"@value": value, "@type": "xsd:decimal"} if value else None


def _wkt(value: str) -> str | None:
    """``POLYGON ((x y, …))`` → ``POLYGON((x y, …))``, the spelling the CNMD pattern accepts."""
    wkt = re.sub(r"^\s*<[^>]*>", "", value).strip()  # a GeoSPARQL CRS IRI before the geometry
    wkt = re.sub(r"\s*([(),])\s*", lambda m: ", " if m.group(1) == "," else m.group(1), wkt)
    return re.sub(r"\s+", " ", wkt).upper() or None


def _geojson(value: Node) -> Json | None:
    if not isinstance(value, Literal) or not str(value).lstrip().startswith("{"):
        return None
    try:
        geometry = json.loads(str(value))
    except ValueError:
        return None
    return geometry if isinstance(geometry, dict) and "type" in geometry else None


def _place(graph: Graph, location: Node) -> Json:
    title = _text(DCT.title, SKOS.prefLabel, RDFS.label, LOCN.geographicName)(graph, location)
    if title is None and isinstance(location, URIRef) and (term := term_for_uri(str(location))):
        title = {"@value": term.pt, "@language": "pt"}  # an authority URI the graph leaves bare
    bboxes = [_wkt(str(v)) for v in _sorted(graph, location, DCAT.bbox)]
    geometries = [_geojson(v) for v in _sorted(graph, location, LOCN.geometry)]
    place = _clean(
        {
            "@id": str(location) if isinstance(location, URIRef) else None,
            "dcterms:title": title,
            "dcat:bbox": next(filter(None, bboxes), None),
            "locn:geometry": next(filter(None, geometries), None),
        }
    )
    return {"@type": "dcterms:Location"} | place if place else {}


def _location(graph: Graph, node: Node) -> Json | None:
    places = [p for p in (_place(graph, s) for s in _sorted(graph, node, DCT.spatial)) if p]
    return max(places, key=len) if places else None  # the best described one


def _temporal(graph: Graph, node: Node) -> Json | None:
    for period in _sorted(graph, node, DCT.temporal):
        start = _date(DCAT.startDate, SDO.startDate)(graph, period)
        end = _date(DCAT.endDate, SDO.endDate)(graph, period)
        if start or end:
            period_of_time = {"@type": "dcterms:PeriodOfTime", "dcat:startDate": start}
            return _clean(period_of_time | {"dcat:endDate": end})
    return None


def _publisher(graph: Graph, node: Node) -> Json | None:
    agent = _first(graph, node, DCT.publisher)
    if agent is None:
        return None
    kind = "foaf:Agent" if (agent, RDF.type, FOAF.Person) in graph else "foaf:Organization"
    identity = {"@id": str(agent)} if isinstance(agent, URIRef) else {}
    return identity | {"@type": kind} | _build(AGENT, graph, agent)


def _contact(graph: Graph, node: Node) -> Json | None:
    kind = _first(graph, node, DCAT.contactPoint)
    if kind is None:
        return None
    email = str(_first(graph, kind, VCARD.hasEmail) or "").strip()
    if email and not email.startswith("mailto:"):
        email = f"mailto:{email}"
    return _clean(
        {
            "@type": "vcard:Organization",
            "vcard:fn": _text(VCARD.fn, VCARD["organization-name"])(graph, kind),
            "vcard:hasEmail": {"@id": email} if email else None,
        }
    )


def _media_type(graph: Graph, node: Node) -> Json | None:
    value = _first(graph, node, DCAT.mediaType)  # an IANA URI in DCAT-AP, "type/subtype" in CNMD
    media_type = IANA_MEDIA_TYPES.sub("", str(value).strip()) if value is not None else ""
    return {"@value": media_type} if media_type else None


def _duration(graph: Graph, node: Node) -> Json | None:
    value = _literal(graph, node, DCAT.temporalResolution)
    return {"@type": "xsd:duration", "@value": value} if value else None


def _distributions(graph: Graph, node: Node) -> list[Json]:
    return [
        _clean({"@id": str(d) if isinstance(d, URIRef) else None, "@type": "dcat:Distribution"})
        | _build(DISTRIBUTION, graph, d)
        for d in _sorted(graph, node, DCAT.distribution)
    ]


def _endpoint_description(graph: Graph, node: Node) -> Json | None:
    document = _first(graph, node, DCAT.endpointDescription)
    if not isinstance(document, URIRef):
        return None
    standards = _ids(graph, document, DCT.conformsTo) or _ids(graph, node, DCT.conformsTo)
    standard = next(iter(standards), None) or _literal(graph, document, DCT.conformsTo)
    return _clean({"@id": str(document), "dcterms:conformsTo": standard})


def _served(graph: Graph, node: Node) -> list[Json]:
    ids = (_entity_id(graph, d) for d in _sorted(graph, node, DCAT.servesDataset))
    return [{"@id": i} for i in ids if i]  # the served dataset's own entity @id


def _topic(graph: Graph, node: Node) -> str | None:
    for subject in map(str, _sorted(graph, node, DCT.subject)):
        term = vocabulary("inspire-topic-category").get(subject)
        if term or subject.startswith(TOPIC_CATEGORY):
            return term.code if term else subject.removeprefix(TOPIC_CATEGORY)
    return _literal(graph, node, INS.TopicCategory)


def _srs(graph: Graph, node: Node) -> str | None:
    """The label of the CRS the record conforms to: the name part of the crs vocabulary term
    ("PT-TM06/ETRS89") when it is a plain name, else ``EPSG:<code>``."""
    for standard in map(str, _sorted(graph, node, DCT.conformsTo)):
        if match := EPSG.match(standard):
            term = vocabulary("crs").get(f"EPSG:{match.group(1)}")
            name = term.en.split(" — ")[0].strip() if term else ""
            return name if name and not re.search(r"[(),]", name) else f"EPSG:{match.group(1)}"
    return _literal(graph, node, INS.SpatialReferenceSystem)


def _inspire(graph: Graph, node: Node, body: Json) -> Json:
    topic = _topic(graph, node)
    if not topic:
        return {}
    return _clean(
        {
            "ins:GeographicBoundingBox": body.get("dcterms:spatial", {}).get("dcat:bbox")
            or _literal(graph, node, INS.GeographicBoundingBox),
            "ins:TopicCategory": topic,
            "ins:SpatialReferenceSystem": _srs(graph, node),
            "ins:MetadataDate": body.get("dcterms:modified", {}).get("@value")
            or _literal(graph, node, INS.MetadataDate),
        }
    )


def _prefixes_used(value: Any) -> set[str]:
    if isinstance(value, list):
        return set().union(*map(_prefixes_used, value))
    if not isinstance(value, dict):
        return set()
    names = [*value, value["@type"]] if isinstance(value.get("@type"), str) else [*value]
    found = {name.split(":")[0] for name in names if ":" in name and not name.startswith("@")}
    return found.union(*map(_prefixes_used, value.values()))


# --- CNMD -> DCAT graph ------------------------------------------------------------------------


DESCRIBED: tuple[tuple[str, Getter], ...] = (
    ("dcterms:title", _text(DCT.title)),
    ("dcterms:description", _text(DCT.description)),
)
RECORD: tuple[tuple[str, Getter], ...] = (
    *DESCRIBED,
    ("dcterms:identifier", lambda g, n: _literal(g, n, DCT.identifier)),
    ("dcat:keyword", _keywords),
    ("dcat:theme", _refs(DCAT.theme)),
)
AGENT: tuple[tuple[str, Getter], ...] = (
    ("foaf:name", _text(FOAF.name)),
    ("foaf:homepage", _ref(FOAF.homepage)),
)
DATED: tuple[tuple[str, Getter], ...] = (
    ("dcterms:issued", _date(DCT.issued)),
    ("dcterms:modified", _date(DCT.modified)),
)
DESCRIBED_IN_SPACE_AND_TIME: tuple[tuple[str, Getter], ...] = (
    ("dcterms:spatial", _location),
    ("dcterms:temporal", _temporal),
    ("dcterms:publisher", _publisher),
    ("dcat:contactPoint", _contact),
    ("dcterms:accrualPeriodicity", _ref(DCT.accrualPeriodicity)),
    *DATED,
    ("dcterms:language", _ref(DCT.language)),
)
DISTRIBUTION: tuple[tuple[str, Getter], ...] = (
    *DESCRIBED,
    ("dcterms:format", _ref(DCT["format"])),
    ("dcat:mediaType", _media_type),
    ("dcat:accessURL", _ref(DCAT.accessURL)),
    ("dcat:downloadURL", _ref(DCAT.downloadURL)),
    ("dcat:temporalResolution", _duration),
    ("dcterms:license", _ref(DCT.license)),
    *DATED,
)
FIELDS: dict[str, tuple[tuple[str, Getter], ...]] = {
    "dcat:Catalog": (
        *DESCRIBED,
        ("dcterms:publisher", _publisher),
        ("dcterms:spatial", _location),
        ("dcterms:license", _ref(DCT.license)),
    ),
    "dcat:Dataset": (
        *RECORD,
        ("dcat:spatialResolutionInMeters", _resolution),
        *DESCRIBED_IN_SPACE_AND_TIME,
        ("dcat:distribution", _distributions),
    ),
    "dcat:DatasetSeries": (*RECORD, *DESCRIBED_IN_SPACE_AND_TIME),
    "dcat:DataService": (
        *RECORD,
        ("dcat:endpointURL", _ref(DCAT.endpointURL)),
        ("dcat:endpointDescription", _endpoint_description),
        ("dcat:servesDataset", _served),
        ("dcterms:spatial", _location),
        ("dcterms:publisher", _publisher),
        ("dcat:contactPoint", _contact),
        ("dcterms:license", _ref(DCT.license)),
        *DATED,
    ),
}
