"""CNMD metadata JSON-LD read back into DCAT RDF (:mod:`enti.harvesters.cnmd_jsonld.read`, no
CKAN): what PGUs publish in the shape of the official examples, their defects tolerated, and the
round trip through DCAT."""

import pytest
from rdflib import RDF, Literal, URIRef

from enti.harvesters.cnmd_jsonld.read import from_cnmd
from enti.harvesters.cnmd_jsonld.write import to_cnmd
from enti.validators.metadata.cnmd_schema import validate_cnmd
from tests.unit.testdata import DCAT, INS

from .records import EXAMPLES, example


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
