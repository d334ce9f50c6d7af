"""``enti_dcat_ap``: ckanext-dcat's DCAT-AP 3 profile plus what the ENTI metadata model adds.

Extends :class:`EuropeanDCATAP3Profile` (which already maps the scheming fields) with steps that
run after it: authority URIs for file types and media types (never literals), types on every
linked node (the DCAT-AP range shapes require them), the publisher from the organization (its URI
and kind), data services as ``dcat:DataService``, the INSPIRE elements of geographic datasets and
the ENTI vertical; and the catalogue's publisher, licence, language and coverage.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.term import Node
from shapely import wkt as shapely_wkt
from shapely.errors import ShapelyError
from shapely.geometry import shape

from ckanext.dcat.profiles import (
    DCAT,
    DCATAP,
    DCT,
    FOAF,
    GSP,
    SKOS,
    VCARD,
    EuropeanDCATAP3Profile,
)
from ckanext.dcat.utils import dataset_uri
from ckanext.enti import config
from ckanext.enti.dcat.enrich import LINKS, PUBLISHER
from ckanext.enti.dcat.parsing import parse_enti
from ckanext.enti.logic.visibility import as_shown
from enti.schemas.reference.vocabularies import term_for_uri, vocabulary
from enti.validators.geometry.coordinates import UNIT_BOXES
from enti.validators.metadata.fields import distribution_licence

IANA = "http://www.iana.org/assignments/media-types/"
PORTUGUESE = URIRef("http://publications.europa.eu/resource/authority/language/POR")
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
PUBLISHER_TYPES = {
    "municipio": "LocalAuthority",
    "cim": "RegionalAuthority",
    "am": "RegionalAuthority",
}

# Labels of concepts ckanext-dcat or this profile emit that are not in our vocabularies.
CONCEPT_LABELS = {
    "http://purl.org/adms/licencetype/UnknownIPR": "Unknown IPR",
    ADMS_PUBLISHER_TYPE + "LocalAuthority": "Local Authority",
    ADMS_PUBLISHER_TYPE + "RegionalAuthority": "Regional Authority",
}

# Classes the DCAT-AP range shapes expect on the objects of these predicates.
OBJECT_TYPES = [
    (DCAT.theme, SKOS.Concept),
    (DCT.type, SKOS.Concept),
    (FOAF.homepage, FOAF.Document),
    (DCT.conformsTo, DCT.Standard),
    (DCT.subject, SKOS.Concept),
    (DCATAP.hvdCategory, SKOS.Concept),
]


def _linked(dataset_dict: dict[str, Any], ref: str) -> dict[str, Any] | None:
    """What the record knows of a record it links to (see :mod:`.enrich`): ``None`` unless that
    one is public and active, the only ones a public document names."""
    return (dataset_dict.get(LINKS) or {}).get(ref)


class EntiDCATAPProfile(EuropeanDCATAP3Profile):
    """DCAT-AP 3.0.1 + HVD + the ENTI metadata model (registered as ``enti_dcat_ap``).

    Works from the dict it is given: what it needs about the organization and the linked records
    is in the dict (:func:`ckanext.enti.dcat.enrich.enrich`); without it, no linked record is
    named and the publisher is ckanext-dcat's."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        dataset_dict = as_shown(dataset_dict)  # coverage of at most 1,000 vertices
        super().graph_from_dataset(dataset_dict, dataset_ref)
        self._graph_from_dataset_enti(dataset_dict, dataset_ref)

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        super().parse_dataset(dataset_dict, dataset_ref)
        parse_enti(self.g, dataset_dict, dataset_ref)
        return dataset_dict

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: Node) -> None:
        super().graph_from_catalog(catalog_dict, catalog_ref)
        self._graph_from_catalog_enti(catalog_ref)

    # -- dataset ---------------------------------------------------------------------------

    def _graph_from_dataset_enti(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for distribution in list(self.g.objects(dataset_ref, DCAT.distribution)):
            self._distribution_uris(distribution)
        self._publisher(dataset_dict, dataset_ref)
        if dataset_dict.get("type") == "dataservice":
            self._data_service(dataset_dict, dataset_ref)
        for series_ref in list(self.g.objects(dataset_ref, DCAT.inSeries)):
            series = _linked(dataset_dict, str(series_ref).rstrip("/").rsplit("/", 1)[-1])
            if series:
                self._describe_linked(series_ref, DCAT.DatasetSeries, series)
            else:  # a public document never names a private, draft or deleted record
                self.g.remove((dataset_ref, DCAT.inSeries, series_ref))
        if dataset_dict.get("type") == "dataset_series":
            # dcat:DatasetSeries is a dcat:Dataset; say so for consumers without inference.
            self.g.add((dataset_ref, RDF.type, DCAT.Dataset))
        for contact in self.g.objects(dataset_ref, DCAT.contactPoint):
            # The ENTI model's contact is an organisation's unit (CNMD: vcard:Organization).
            self.g.add((contact, RDF.type, VCARD.Organization))
        self._hvd(dataset_dict, dataset_ref)
        self._inspire(dataset_dict, dataset_ref)
        self._centroids(dataset_ref)
        for uri in dataset_dict.get("enti_vertical") or []:
            self.g.add((dataset_ref, DCT.subject, URIRef(uri)))
        self._type_objects()

    def _distribution_uris(self, distribution: Node) -> None:
        g = self.g
        for fmt in list(g.objects(distribution, DCT["format"])):
            term = vocabulary("file-type").get(str(fmt))
            if isinstance(fmt, Literal) and term:
                g.remove((distribution, DCT["format"], fmt))
                g.add((distribution, DCT["format"], URIRef(term.uri)))
                g.add((URIRef(term.uri), RDF.type, DCT.MediaTypeOrExtent))
        for media in list(g.objects(distribution, DCAT.mediaType)):
            if isinstance(media, Literal) and "/" in str(media):
                uri = URIRef(IANA + str(media).strip())
                g.remove((distribution, DCAT.mediaType, media))
                g.add((distribution, DCAT.mediaType, uri))
                g.add((uri, RDF.type, DCT.MediaType))

    def _publisher(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        organization = dataset_dict.get(PUBLISHER)
        if not organization:
            return
        publisher = self.g.value(dataset_ref, DCT.publisher)
        uri = organization["uri"]
        if publisher is not None and uri and str(publisher) != uri:
            new = URIRef(uri)
            for p, o in list(self.g.predicate_objects(publisher)):
                self.g.add((new, p, o))
            self.g.remove((publisher, None, None))
            self.g.remove((dataset_ref, DCT.publisher, publisher))
            self.g.add((dataset_ref, DCT.publisher, new))
            publisher = new
        if publisher is None:
            return
        self.g.add((publisher, RDF.type, FOAF.Organization))
        if organization["homepage"]:
            self.g.set((publisher, FOAF.homepage, URIRef(organization["homepage"])))
        kind = PUBLISHER_TYPES.get(organization["kind"] or "")
        if kind:
            self.g.set((publisher, DCT.type, URIRef(ADMS_PUBLISHER_TYPE + kind)))

    def _data_service(self, dataset_dict: dict[str, Any], ref: Node) -> None:
        g = self.g
        g.remove((ref, RDF.type, DCAT.Dataset))
        g.add((ref, RDF.type, DCAT.DataService))
        for field, predicate in (
            ("endpoint_url", DCAT.endpointURL),
            ("endpoint_description", DCAT.endpointDescription),
        ):
            if dataset_dict.get(field):
                g.set((ref, predicate, URIRef(dataset_dict[field])))
        # A service has no distributions: its licence is stated as a distribution's would be.
        licence = distribution_licence(dataset_dict.get("license_id"))
        if licence:
            g.set((ref, DCT.license, URIRef(licence)))
            g.add((URIRef(licence), RDF.type, DCT.LicenseDocument))
        for name in dataset_dict.get("serves_dataset") or []:
            served = _linked(dataset_dict, name)
            if served:
                served_ref = URIRef(dataset_uri({"id": served["id"]}))
                g.add((ref, DCAT.servesDataset, served_ref))
                self._describe_linked(served_ref, DCAT.Dataset, served)

    def _describe_linked(self, ref: URIRef, cls: URIRef, linked: dict[str, Any]) -> None:
        """A record linked from this one (served dataset, series) is typed and named, as the
        range shapes and harvesters reading a single record expect; never given its identifier,
        which would make it a second copy of the record for harvesters keyed on it (udata)."""
        title = linked["title"] or linked["name"]
        self.g.add((ref, RDF.type, cls))
        self.g.set((ref, DCT.title, Literal(title)))
        self.g.set((ref, DCT.description, Literal(linked["notes"] or title)))

    def _centroids(self, ref: Node) -> None:
        """dcat:centroid of each coverage box (recommended by DCAT-AP), computed from the box."""
        for location in self.g.objects(ref, DCT.spatial):
            box = self.g.value(location, DCAT.bbox)
            if box is None or self.g.value(location, DCAT.centroid) is not None:
                continue
            try:
                centroid = shapely_wkt.loads(str(box)).centroid
            except ShapelyError:
                continue
            self.g.add((location, DCAT.centroid, Literal(centroid.wkt, datatype=GSP.wktLiteral)))

    def _hvd(self, dataset_dict: dict[str, Any], ref: Node) -> None:
        """HVD records: the regulation on distributions too, and the node types the HVD ranges
        ask for (e-mail and access URLs as resources)."""
        if not dataset_dict.get("hvd_category"):
            return
        g = self.g
        # dados.gov.pt (udata) recognises a high-value dataset by an HVD category among its
        # themes, not by dcatap:hvdCategory: state both.
        for category in list(g.objects(ref, DCATAP.hvdCategory)):
            g.add((ref, DCAT.theme, category))
        laws = list(g.objects(ref, DCATAP.applicableLegislation))
        for distribution in g.objects(ref, DCAT.distribution):
            for law in laws:
                g.add((distribution, DCATAP.applicableLegislation, law))
            for url in g.objects(distribution, DCAT.accessURL):
                g.add((url, RDF.type, RDFS.Resource))
        for predicate in (DCAT.endpointURL, DCAT.endpointDescription):
            for url in g.objects(ref, predicate):
                g.add((url, RDF.type, RDFS.Resource))
        for contact in g.objects(ref, DCAT.contactPoint):
            for email in g.objects(contact, VCARD.hasEmail):
                g.add((email, RDF.type, RDFS.Resource))

    def _inspire(self, dataset_dict: dict[str, Any], ref: Node) -> None:
        """GeoDCAT-AP: topic category as dct:subject, reference system as dct:conformsTo."""
        if not dataset_dict.get("enti_geographic"):
            return
        if dataset_dict.get("inspire_topic_category"):
            self.g.add((ref, DCT.subject, URIRef(dataset_dict["inspire_topic_category"])))
        if dataset_dict.get("inspire_crs"):
            self.g.add((ref, DCT.conformsTo, URIRef(dataset_dict["inspire_crs"])))
        if dataset_dict.get("inspire_metadata_date"):
            # GeoDCAT-AP: the metadata date is the modification date of the catalogue record.
            record = BNode()
            self.g.add((ref, FOAF.isPrimaryTopicOf, record))
            self.g.add((record, RDF.type, DCAT.CatalogRecord))
            self.g.add((record, FOAF.primaryTopic, ref))
            date = Literal(dataset_dict["inspire_metadata_date"], datatype=XSD.date)
            self.g.add((record, DCT.modified, date))

    def _type_objects(self) -> None:
        for predicate, cls in OBJECT_TYPES:
            for obj in list(self.g.objects(None, predicate)):
                if isinstance(obj, URIRef):
                    self.g.add((obj, RDF.type, cls))
                    if cls == SKOS.Concept:
                        self._label(obj)

    def _label(self, concept: URIRef) -> None:
        """Concepts carry a skos:prefLabel (range shapes), from our vocabularies when known."""
        if self.g.value(concept, SKOS.prefLabel) is not None:
            return
        term = term_for_uri(str(concept))
        if term:
            self.g.add((concept, SKOS.prefLabel, Literal(term.pt, lang="pt")))
            self.g.add((concept, SKOS.prefLabel, Literal(term.en, lang="en")))
        else:
            label = CONCEPT_LABELS.get(str(concept), str(concept).rstrip("/").rsplit("/", 1)[-1])
            self.g.add((concept, SKOS.prefLabel, Literal(label, lang="en")))

    # -- catalogue -------------------------------------------------------------------------

    def _graph_from_catalog_enti(self, ref: Node) -> None:
        g = self.g
        for language in list(g.objects(ref, DCT.language)):
            g.remove((ref, DCT.language, language))
        g.add((ref, DCT.language, PORTUGUESE))
        g.add((PORTUGUESE, RDF.type, DCT.LinguisticSystem))
        publisher = URIRef(config.catalog_publisher_uri())
        g.add((ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(config.catalog_publisher_name())))
        licence = URIRef(config.catalog_licence())
        g.add((ref, DCT.license, licence))
        g.add((licence, RDF.type, DCT.LicenseDocument))
        spatial = URIRef(config.catalog_spatial())
        g.add((ref, DCT.spatial, spatial))
        g.add((spatial, RDF.type, DCT.Location))
        term = term_for_uri(str(spatial))
        if term:
            g.add((spatial, SKOS.prefLabel, Literal(term.pt, lang="pt")))
        box = UNIT_BOXES.get(str(spatial))
        if box:
            g.add(
                (spatial, DCAT.bbox, Literal(shape(box.as_geojson()).wkt, datatype=GSP.wktLiteral))
            )
        self._type_objects()
