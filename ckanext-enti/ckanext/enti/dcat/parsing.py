"""The parse side of ``enti_dcat_ap``: what ckanext-dcat's DCAT-AP 3 parser leaves for ENTI to
read back, so that a record exported here and harvested by ``dcat_rdf_harvester`` keeps its fields.

Each step undoes one thing the serialising side does: authority URIs back to the codes the forms
store (file type, media type, licence), the CRS and INSPIRE topic out of ``dct:conformsTo`` and
``dct:subject``, the coverage geometry out of ``dct:spatial``, HVD categories out of the themes,
record types and the links between records (series, served datasets) resolved in this catalogue.
"""

from __future__ import annotations

import json
from typing import Any

from ckan import model
from rdflib import RDF, Graph, URIRef
from rdflib.term import Node
from shapely import wkt as shapely_wkt
from shapely.errors import ShapelyError
from shapely.geometry import mapping

from ckanext.dcat.profiles import DCAT, DCT, FOAF, LOCN, SKOS
from enti.schemas.reference.vocabularies import licence, vocabulary

IANA = (
    "http://www.iana.org/assignments/media-types/",
    "https://www.iana.org/assignments/media-types/",
)
TOPIC_CATEGORY = "http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/"
VERTICAL = "https://w3id.org/enti/vertical/"
HVD_CATEGORY = "http://data.europa.eu/bna/"
# Fields ckanext-dcat may leave as JSON text (they are lists in the ENTI schemas).
LIST_FIELDS = (
    "theme",
    "conforms_to",
    "hvd_category",
    "applicable_legislation",
    "documentation",
    "language",
    "related_resource",
    "enti_vertical",
)
# ckanext-dcat's parse keeps these as extras; ENTI derives them (publisher from the organization,
# dates from the record) or has them as schema fields.
DERIVED_EXTRAS = {"publisher_uri", "publisher_name", "publisher_type", "publisher_email"}


def record_type(g: Graph, ref: Node) -> str:
    types = set(g.objects(ref, RDF.type))
    if DCAT.DataService in types:
        return "dataservice"
    if DCAT.DatasetSeries in types:
        return "dataset_series"
    return "dataset"


def parse_enti(g: Graph, record: dict[str, Any], ref: Node) -> None:
    """Complete a record parsed by ckanext-dcat with what ENTI publishes."""
    record["type"] = record_type(g, ref)
    for key in LIST_FIELDS:
        if isinstance(record.get(key), str):
            try:
                record[key] = json.loads(record[key])
            except ValueError:
                record[key] = [record[key]]
    _themes(record)
    _subjects(g, record, ref)
    _spatial(g, record, ref)
    _licence(g, record, ref)
    record["contact"] = [{k: v for k, v in c.items() if v} for c in record.get("contact") or []]
    record.pop("publisher", None)
    if record.get("spatial_resolution_in_meters") not in (None, ""):
        record["spatial_resolution_in_meters"] = _number(record["spatial_resolution_in_meters"])
    for resource in record.get("resources") or []:
        _distribution(resource)
    if record["type"] == "dataservice":
        _service(g, record, ref)
    else:
        _in_series(g, record, ref)
    if record["type"] == "dataset_series":
        for field, predicate in (("issued", DCT.issued), ("modified", DCT.modified)):
            value = next(g.objects(ref, predicate), None)
            if value is not None:
                record[field] = str(value)[:10]
    for key in [k for k, v in record.items() if v in ("", [], None) and k != "extras"]:
        del record[key]  # absent, as the CNMD rule wants, rather than empty
    schema_keys = set(record)
    record["extras"] = [
        e
        for e in record.get("extras") or []
        if e["key"] not in DERIVED_EXTRAS
        and e["key"] not in schema_keys
        and e["key"] not in ("issued", "modified")
    ]


def _themes(record: dict[str, Any]) -> None:
    """HVD categories are also written as themes (for udata); here they are hvd_category."""
    themes = record.get("theme") or []
    record["theme"] = [t for t in themes if not t.startswith(HVD_CATEGORY)]


def _subjects(g: Graph, record: dict[str, Any], ref: Node) -> None:
    subjects = [str(s) for s in g.objects(ref, DCT.subject)]
    topics = [s for s in subjects if s.startswith(TOPIC_CATEGORY)]
    verticals = [s for s in subjects if s.startswith(VERTICAL)]
    if verticals:
        record["enti_vertical"] = sorted(verticals)
    standards = record.get("conforms_to") or []
    reference_systems = {t.uri for t in vocabulary("crs").terms}
    crs = [s for s in standards if s in reference_systems]
    record["conforms_to"] = [s for s in standards if s not in crs]
    if topics:
        record["enti_geographic"] = True
        record["inspire_topic_category"] = topics[0]
        if crs:
            record["inspire_crs"] = crs[0]
        for catalogue_record in g.objects(ref, FOAF.isPrimaryTopicOf):
            date = next(g.objects(catalogue_record, DCT.modified), None)
            if date is not None:
                record["inspire_metadata_date"] = str(date)[:10]


def _spatial(g: Graph, record: dict[str, Any], ref: Node) -> None:
    """Each dct:spatial: its URI, label, box and geometry (WKT or GeoJSON) as the form has them."""
    coverage = []
    for location in g.objects(ref, DCT.spatial):
        item: dict[str, Any] = {}
        if isinstance(location, URIRef):
            item["uri"] = str(location)
        label = next(g.objects(location, SKOS.prefLabel), None) or next(
            g.objects(location, DCT.title), None
        )
        if label is not None:
            item["text"] = str(label)
        for key, predicate in (("bbox", DCAT.bbox), ("geom", LOCN.geometry)):
            geojson = _geojson(g, location, predicate)
            if geojson:
                item[key] = geojson
        if item:
            coverage.append(item)
    if coverage:
        record["spatial_coverage"] = coverage


def _geojson(g: Graph, location: Node, predicate: Node) -> str | None:
    for value in g.objects(location, predicate):
        text = str(value).strip()
        if text.startswith("{"):
            return text
        try:
            return json.dumps(mapping(shapely_wkt.loads(text)))
        except (ShapelyError, ValueError):
            continue
    return None


def _licence(g: Graph, record: dict[str, Any], ref: Node) -> None:
    """The CKAN licence of a record: its own dct:license (services) or its distributions'."""
    licences = [str(o) for o in g.objects(ref, DCT.license)]
    for distribution in g.objects(ref, DCAT.distribution):
        licences += [str(o) for o in g.objects(distribution, DCT.license)]
    for uri in licences:
        term = licence(uri)
        if term and term.extra.get("ckan_id"):
            record["license_id"] = term.extra["ckan_id"]
            return


def _distribution(resource: dict[str, Any]) -> None:
    fmt = resource.get("format") or ""
    term = vocabulary("file-type").get(fmt)
    if term:
        resource["format"] = term.code
    mimetype = resource.get("mimetype") or ""
    for prefix in IANA:
        if mimetype.startswith(prefix):
            resource["mimetype"] = mimetype[len(prefix) :]
    # ENTI's url is the access URL (ckanext-dcat prefers the download URL when there is one).
    access = resource.pop("access_url", None)
    if access:
        resource["url"] = access
    # Derived when exported: the dataset's HVD regulation, the distribution's URI.
    resource.pop("applicable_legislation", None)
    resource.pop("distribution_ref", None)


def _service(g: Graph, record: dict[str, Any], ref: Node) -> None:
    for field, predicate in (
        ("endpoint_url", DCAT.endpointURL),
        ("endpoint_description", DCAT.endpointDescription),
    ):
        value = next(g.objects(ref, predicate), None)
        if value is not None:
            record[field] = str(value)
    record["serves_dataset"] = _links(g, DCAT.servesDataset, ref)
    record.pop("resources", None)


def _in_series(g: Graph, record: dict[str, Any], ref: Node) -> None:
    record["in_series"] = _links(g, DCAT.inSeries, ref)


def _links(g: Graph, predicate: Node, ref: Node) -> list[str]:
    """The URIs of the linked records: the harvest finds them once imported, whichever page of
    the source described them (see :func:`resolve_links`)."""
    return sorted(str(node) for node in g.objects(ref, predicate) if isinstance(node, URIRef))


def resolve_links(record: dict[str, Any]) -> None:
    """At import, links to other records (by URI) become the ids (series) and names (served
    datasets) the ENTI schemas store; links to records not harvested (yet) are dropped."""
    for field, attribute in (("in_series", "id"), ("serves_dataset", "name")):
        uris = record.get(field)
        if not isinstance(uris, list):
            continue
        local = [_local(uri) for uri in uris]
        record[field] = [getattr(p, attribute) for p in local if p is not None]


def _local(uri: str) -> model.Package | None:
    """The active record of this catalogue harvested from this URI (ckanext-dcat keeps it in the
    ``uri`` extra), if any."""
    return (
        model.Session.query(model.Package)
        .filter(model.Package.extras["uri"].astext == uri)
        .filter(model.Package.state == "active")
        .first()
    )


def _number(value: Any) -> str:
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


__all__ = ["parse_enti", "record_type", "resolve_links"]
