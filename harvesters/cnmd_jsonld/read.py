"""CNMD ``Comuns/Metadata`` JSON-LD -> DCAT graph, tolerant of the defects the official
examples carry."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from enti.harvesters.cnmd_jsonld.terms import (
    DCAT_HTTPS,
    PREFIXES,
    REFERENCE_KEYS,
    URI,
    Json,
)
from enti.schemas.reference.rdf import (
    DCAT,
    DCT,
    GSP,
)


def from_cnmd(doc: Json | list[Json]) -> Graph:
    """Read one CNMD metadata object, or an array of them, into DCAT RDF.

    Tolerant of what PGUs copy from the official examples: the ``https`` DCAT namespace becomes
    ``http``; ``dct:`` and ``dcterms:`` both work and undeclared usual prefixes are supplied; a
    theme given as ``{"@value": uri, "@type": "skos:Concept"}`` becomes the URI; a GeoJSON
    ``locn:geometry`` becomes a ``gsp:geoJSONLiteral``. ``ins:`` keys stay in the INSPIRE
    namespace, a media type given as a literal stays a literal. Remote contexts are ignored, never
    fetched.

    :raises ValueError: ``doc`` is not an object or an array of objects.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for entity in doc if isinstance(doc, list) else [doc]:
        if not isinstance(entity, dict):
            raise ValueError("a CNMD metadata document is a JSON object or an array of objects")
        body = {k: _tolerant(v, k) for k, v in entity.items() if k != "@context"}
        body["@context"] = _tolerant_context(entity.get("@context"))
        graph.parse(data=json.dumps(body), format="json-ld")
    for triple in [t for t in graph if any(str(term).startswith(DCAT_HTTPS) for term in t)]:
        graph.remove(triple)
        subject, predicate, obj = (_http_dcat(term) for term in triple)
        graph.add((subject, predicate, obj))
    return graph


# --- DCAT graph -> CNMD: getters --------------------------------------------------------------


def _tolerant_context(context: Any) -> Json:
    given = context if isinstance(context, list) else [context]
    merged: Json = dict(PREFIXES) | {"dct": str(DCT)}
    for part in (c for c in given if isinstance(c, dict)):  # remote (string) contexts: dropped
        merged |= {k: _http_dcat_text(v) if isinstance(v, str) else v for k, v in part.items()}
    return merged


def _tolerant(value: Any, key: str) -> Any:
    local = key.rsplit(":", 1)[-1]
    if isinstance(value, list):
        return [_tolerant(v, key) for v in value]
    if isinstance(value, dict):
        if local == "theme" and "@id" not in value and isinstance(value.get("@value"), str):
            return {"@id": value["@value"]}
        if local == "geometry" and "@value" not in value and "type" in value:
            return {"@value": json.dumps(value), "@type": str(GSP.geoJSONLiteral)}
        return {k: _tolerant(v, k) for k, v in value.items() if k != "@context"}
    if isinstance(value, str) and local in REFERENCE_KEYS and URI.match(value):
        return {"@id": value}
    if isinstance(value, str) and local == "bbox":
        return {"@value": value, "@type": str(GSP.wktLiteral)}
    return value


def _http_dcat_text(value: str) -> str:
    return str(DCAT) + value.removeprefix(DCAT_HTTPS) if value.startswith(DCAT_HTTPS) else value


def _http_dcat(term: Node) -> Node:
    return URIRef(_http_dcat_text(str(term))) if isinstance(term, URIRef) else term
