"""CNMD metadata JSON-LD (no CKAN): our DCAT-AP output becomes entities the national schemas accept,
and what PGUs publish in the shape of the official examples reads back into DCAT RDF."""

import copy
import json
import re

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from enti.harvesters.cnmd_jsonld import catalog_entities, from_cnmd, to_cnmd
from enti.schemas import path
from enti.validators.metadata.cnmd_jsonld import validate_cnmd
from tests.unit.testdata import DATA

OUTPUT = DATA / "dcat-output"
EXAMPLES = path("cnmd", "Comuns", "Metadata", "exemplos")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
INS = Namespace("http://inspire.ec.europa.eu/ont/base#")
RECORDS = {
    "plain": "residuos-niveis-enchimento-contentores-lisboa.ttl",
    "geographic": "limites-concelhos-flores-corvo.ttl",
    "service": "api-catalogo-enti.ttl",
    "series": "acidentes-rodoviarios-ansr-distritos.ttl",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entity(kind):
    """The one entity of a single-record page of our DCAT output."""
    (only,) = catalog_entities(Graph().parse(OUTPUT / RECORDS[kind]))
    return only


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


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


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_official_example_is_read_and_its_dcat_is_http(name):
    assert name.removesuffix(".json") in {
        "catalog", "dataservice", "dataset", "dataset.inspire", "datasetseries",
        "datasetseries.inspire",
    }  # fmt: skip
    doc = example(name)
    assert doc["@context"]["dcat"] == "https://www.w3.org/ns/dcat#"
    graph = from_cnmd(doc)
    types = set(graph.objects(URIRef(doc["@id"]), RDF.type))
    assert types & {DCAT.Catalog, DCAT.Dataset, DCAT.DataService, DCAT.DatasetSeries}
    assert not [t for triple in graph for t in triple if "https://www.w3.org/ns/dcat" in str(t)]
    assert validate_cnmd(doc) == []


def test_reading_the_dataset_example_fixes_namespace_theme_and_keeps_media_type_literal():
    graph = from_cnmd(example("dataset.json"))
    node = URIRef("urn:ngsi-ld:Dataset:id:776884")
    assert (node, RDF.type, DCAT.Dataset) in graph
    theme = URIRef("http://publications.europa.eu/resource/authority/data-theme/HEAL")
    assert (node, DCAT.theme, theme) in graph
    assert Literal("application/json") in set(graph.objects(None, DCAT.mediaType))


def test_ins_keys_stay_in_the_inspire_namespace_and_an_array_reads_into_one_graph():
    graph = from_cnmd([example("dataset.inspire.json"), example("datasetseries.inspire.json")])
    dataset = URIRef("urn:ngsi-ld:Dataset:id:776884")
    series = URIRef("urn:ngsi-ld:DatasetSeries:id:9566844")
    assert (dataset, INS.TopicCategory, Literal("environment")) in graph
    assert (series, INS.SpatialReferenceSystem, Literal("PT-TM06/ETRS89")) in graph


def test_dataset_example_round_trips_through_dcat():
    original = example("dataset.json")
    again = to_cnmd(from_cnmd(original), URIRef(original["@id"]))
    assert again["dcterms:title"] == original["dcterms:title"]
    assert sorted(k["@value"] for k in again["dcat:keyword"]) == sorted(
        k["@value"] for k in original["dcat:keyword"]
    )
    assert [d["dcat:accessURL"] for d in again["dcat:distribution"]] == [
        d["dcat:accessURL"] for d in original["dcat:distribution"]
    ]
    assert again["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert validate_cnmd(again) == []


def test_inspire_series_example_round_trips_with_its_inspire_keys():
    original = example("datasetseries.inspire.json")
    again = to_cnmd(from_cnmd(original), URIRef(original["@id"]))
    assert again["ins:TopicCategory"] == "environment"
    assert again["ins:GeographicBoundingBox"] == original["dcterms:spatial"]["dcat:bbox"]
    assert validate_cnmd(again) == []


def test_validation_points_at_an_empty_title():
    dataset = copy.deepcopy(entity("plain"))
    dataset["dcterms:title"] = {"@value": "", "@language": "pt"}
    assert validate_cnmd(dataset) == ["/dcterms:title/@value: '' should be non-empty"]


def test_validation_points_at_a_missing_contact_point():
    for record in (entity("plain"), entity("service"), entity("series")):
        del record["dcat:contactPoint"]
        assert validate_cnmd(record) == ["/dcat:contactPoint: required property is missing"]


def test_validation_names_both_spellings_of_a_missing_dcterms_property():
    dataset = entity("plain")
    del dataset["dcterms:publisher"]
    (message,) = validate_cnmd(dataset)
    assert message.startswith("/dcterms:publisher: required property is missing")
    assert "dct:publisher" in message


def test_validation_checks_dates_and_the_inspire_keys_of_a_series():
    series = entity("series")
    series["dcterms:issued"]["@value"] = "2026-02-30"
    series["ins:TopicCategory"] = "environment"
    messages = validate_cnmd(series)
    assert any(m.startswith("/dcterms:issued/@value: ") for m in messages)
    assert "/ins:MetadataDate: required property is missing" in messages
    assert any(m.startswith("/@context/ins: ") for m in messages)


def test_unknown_type_is_reported_not_guessed():
    assert validate_cnmd({"@type": "dcat:Resource"})[0].startswith("/@type: ")
    with pytest.raises(ValueError):
        to_cnmd(Graph(), URIRef("urn:x:y"))
