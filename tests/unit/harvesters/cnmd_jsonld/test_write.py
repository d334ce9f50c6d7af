"""Our DCAT-AP output written as CNMD metadata JSON-LD (:mod:`enti.harvesters.cnmd_jsonld.write`,
no CKAN): entities the national schemas accept, carrying the values a consumer reads."""

import json
import re

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from enti.harvesters.cnmd_jsonld.write import catalog_entities, to_cnmd
from enti.validators.metadata.cnmd_schema import validate_cnmd
from tests.unit.testdata import DCAT, DCT

from .records import OUTPUT, RECORDS, entity

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def empty_values(value, at=""):
    """Pointers of every "", null, [] or {} in a JSON value (the CNMD rule forbids them)."""
    if value in ("", None, [], {}):
        return [at]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_values(v, f"{at}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in empty_values(v, f"{at}/{i}")]
    return []


@pytest.mark.parametrize("source", [*RECORDS.values(), "catalog.ttl"])
def test_every_entity_of_our_output_validates_against_the_cnmd_schemas(source):
    entities = catalog_entities(Graph().parse(OUTPUT / source))
    assert entities
    for item in entities:
        assert validate_cnmd(item) == [], item["@id"]
        assert empty_values(item) == [], item["@id"]
        assert item["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
        assert "https://www.w3.org/ns/dcat#" not in json.dumps(item)


def test_plain_dataset_carries_the_values_a_consumer_reads():
    dataset = entity("plain")
    assert dataset["@id"] == "urn:lisboa:Dataset:residuos-niveis-enchimento-contentores-lisboa"
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["dcterms:title"] == {
        "@value": "Resíduos urbanos — níveis de enchimento dos contentores em Lisboa",
        "@language": "pt",
    }
    assert {"@value": "contentores", "@language": "pt"} in dataset["dcat:keyword"]
    assert dataset["dcat:theme"] == [
        {"@id": "http://publications.europa.eu/resource/authority/data-theme/ENVI"}
    ]
    assert re.match(r"^POLYGON\(\(.+\)\)$", dataset["dcterms:spatial"]["dcat:bbox"])
    assert dataset["dcterms:spatial"]["dcterms:title"]["@value"] == "Lisboa"
    assert dataset["dcterms:issued"] == {"@value": "2026-11-25", "@type": "xsd:date"}
    assert DATE.match(dataset["dcterms:modified"]["@value"])
    assert dataset["dcterms:temporal"]["dcat:startDate"]["@value"] == "2024-10-10"
    assert dataset["dcterms:temporal"]["dcat:endDate"]["@value"] == "2024-10-29"
    assert dataset["dcat:contactPoint"]["vcard:hasEmail"] == {"@id": "mailto:pgu@cm-lisboa.example"}
    assert dataset["dcterms:publisher"]["foaf:name"]["@value"] == "Município de Lisboa"
    assert dataset["dcat:spatialResolutionInMeters"]["@type"] == "xsd:decimal"
    assert re.match(r"^\d+(\.\d+)?$", dataset["dcat:spatialResolutionInMeters"]["@value"])
    (distribution,) = dataset["dcat:distribution"]
    assert distribution["dcat:mediaType"] == {"@value": "application/json"}
    assert distribution["dcterms:format"] == {
        "@id": "http://publications.europa.eu/resource/authority/file-type/JSON"
    }
    assert distribution["dcat:temporalResolution"] == {"@type": "xsd:duration", "@value": "PT1H"}
    assert distribution["dcat:accessURL"]["@id"].endswith("/download/wastecontainer.json")
    assert not [key for key in dataset if key.startswith("ins:")]


def test_geographic_dataset_gets_the_inspire_keys_and_passes_the_inspire_schema():
    dataset = entity("geographic")
    assert dataset["ins:TopicCategory"] == "boundaries"
    assert dataset["ins:SpatialReferenceSystem"] == "PTRA08 / UTM zone 25N"
    bbox = dataset["ins:GeographicBoundingBox"]
    assert bbox == dataset["dcterms:spatial"]["dcat:bbox"]  # INSPIRE and DCAT agree
    assert bbox.startswith("POLYGON((-31.2681 39.3712, ") and bbox.endswith("))")
    assert dataset["ins:MetadataDate"] == dataset["dcterms:modified"]["@value"] == "2026-11-25"
    assert dataset["@context"]["ins"] == "http://inspire.ec.europa.eu/ont/base#"
    assert validate_cnmd(dataset) == []
    # the INSPIRE schema is the one applied: it requires the topic category
    del dataset["ins:TopicCategory"]
    assert validate_cnmd(dataset) == ["/ins:TopicCategory: required property is missing"]


def test_srs_label_comes_from_the_crs_vocabulary_else_the_epsg_code():
    graph = Graph().parse(OUTPUT / RECORDS["geographic"])
    (node,) = graph.subjects(RDF.type, DCAT.Dataset)
    graph.remove((node, DCT.conformsTo, None))
    graph.add((node, DCT.conformsTo, URIRef("http://www.opengis.net/def/crs/EPSG/0/3763")))
    assert to_cnmd(graph, node)["ins:SpatialReferenceSystem"] == "PT-TM06/ETRS89"
    graph.set((node, DCT.conformsTo, URIRef("http://www.opengis.net/def/crs/EPSG/0/20790")))
    assert to_cnmd(graph, node)["ins:SpatialReferenceSystem"] == "EPSG:20790"


def test_a_title_in_several_languages_becomes_an_array_untagged_counts_as_portuguese():
    graph = Graph().parse(OUTPUT / RECORDS["plain"])
    (node,) = graph.subjects(RDF.type, DCAT.Dataset)
    graph.add((node, DCT.title, Literal("Urban waste — container fill levels", lang="en")))
    title = to_cnmd(graph, node)["dcterms:title"]
    assert sorted(t["@language"] for t in title) == ["en", "pt"]
    assert validate_cnmd(to_cnmd(graph, node)) == []


def test_series_and_service_are_written_as_their_own_classes():
    series = entity("series")
    assert series["@type"] == "dcat:DatasetSeries"  # typed dcat:Dataset too in our RDF
    assert series["dcterms:temporal"]["dcat:endDate"] == {
        "@value": "2017-12-31",
        "@type": "xsd:date",
    }
    service = entity("service")
    assert service["@type"] == "dcat:DataService"
    assert service["dcat:endpointURL"] == {"@id": "http://127.0.0.1:5000/api/3/action"}
    assert service["dcat:endpointDescription"] == {"@id": "https://docs.ckan.org/en/2.11/api/"}
    assert len(service["dcat:servesDataset"]) == 6  # the served datasets are references only


def test_catalogue_page_becomes_an_array_catalogue_first_one_entity_per_record():
    graph = Graph().parse(OUTPUT / "catalog.ttl")
    entities = catalog_entities(graph)
    total = next(graph.objects(None, URIRef("http://www.w3.org/ns/hydra/core#totalItems")))
    assert len(entities) == 1 + int(str(total)) == 9
    catalogue = entities[0]
    assert catalogue["@type"] == "dcat:Catalog"
    assert "dcat:dataset" not in catalogue and "dcat:service" not in catalogue
    assert catalogue["dcterms:spatial"]["dcterms:title"]["@value"] == "Portugal"
    assert [e["@type"] for e in entities[1:]].count("dcat:Dataset") == 6
    assert {e["@type"] for e in entities[-2:]} == {"dcat:DatasetSeries", "dcat:DataService"}
    ids = [e["@id"] for e in entities]
    assert len(ids) == len(set(ids))
    (service,) = [e for e in entities if e["@type"] == "dcat:DataService"]
    assert {s["@id"] for s in service["dcat:servesDataset"]} <= set(ids)  # links resolve
