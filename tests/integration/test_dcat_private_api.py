"""The ckanext-dcat names that are not its public API, all used in
``ckanext.enti.dcat.private_api``: each test here fails when ckanext-dcat renames one of them,
changes its parameters or stops calling it where ENTI relies on it."""

from __future__ import annotations

import inspect

import pytest
from ckanext.dcat import logic
from ckanext.dcat.processors import RDFParser, RDFProcessor, RDFSerializer
from ckanext.dcat.profiles import DCAT
from rdflib import URIRef

from ckanext.enti.dcat import private_api
from ckanext.enti.dcat.harvest import EntiRDFParser
from ckanext.enti.dcat.serializer import EntiRDFSerializer
from enti.schemas.reference.rdf import HYDRA

SERVICE = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/api> a dcat:DataService ;
    dct:title "Uma API" ;
    dcat:endpointURL <https://example.org/api/v1> .
"""


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        (logic._pagination_info, ["query", "data_dict"]),
        (RDFProcessor._load_profiles, ["self", "profile_names"]),
        (RDFSerializer._add_pagination_triples, ["self", "paging_info"]),
        (
            RDFSerializer._add_source_catalog,
            ["self", "root_catalog_ref", "dataset_dict", "dataset_ref"],
        ),
        (RDFParser._datasets, ["self"]),
    ],
)
def test_the_private_names_keep_their_parameters(function, parameters):
    assert list(inspect.signature(function).parameters) == parameters


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
def test_pagination_info_pages_as_the_catalogue_endpoint(app):
    result = {"count": 5, "results": [{}, {}]}
    with app.flask_app.test_request_context("/catalog.ttl?q=lixo&page=2"):
        paging = private_api.pagination_info(result, 2)
        assert private_api.pagination_info({"count": 0, "results": []}, 1) == {}
    assert paging["count"] == 5 and paging["items_per_page"] == 2
    for key, page in (("current", 2), ("first", 1), ("previous", 1), ("next", 3), ("last", 3)):
        assert paging[key].endswith(f"/catalog.ttl?q=lixo&page={page}"), (key, paging[key])


def test_paging_is_added_to_the_graph_without_serialising_it():
    serializer = EntiRDFSerializer()
    page = "http://example.org/catalog.ttl?fq=+state:(draft OR active)&page=1"  # not a valid IRI
    node = serializer.add_paging({"current": page, "next": page[:-1] + "2", "count": 3})
    assert node == URIRef(page)
    assert str(serializer.g.value(node, HYDRA.next)).endswith("page=2")
    assert serializer.g.value(node, HYDRA.totalItems).value == 3


def test_profile_names_are_those_the_parser_was_made_with():
    names = ["euro_dcat_ap_3", "enti_dcat_ap"]
    assert private_api.profile_names(RDFParser(profiles=names)) == names


def test_serializers_load_their_profiles_once_a_process():
    private_api._profile_classes.cache_clear()
    first, second = EntiRDFSerializer(), EntiRDFSerializer()
    assert private_api._profile_classes.cache_info().hits == 1
    assert private_api.profile_names(second) == private_api.profile_names(first) != []


def test_the_catalogue_link_of_a_data_service_is_dcat_service():
    serializer = EntiRDFSerializer()
    service = {"id": "servico", "name": "servico", "title": "Um serviço", "type": "dataservice"}
    serializer.serialize_catalog({}, [service], _format="nt")
    root = next(serializer.g.subjects(DCAT.service, None))
    assert (root, DCAT.dataset, None) not in serializer.g
    assert str(next(serializer.g.objects(root, DCAT.service))).endswith("/dataset/servico")


def test_a_parser_reads_the_records_its_subclass_chooses():
    parser = EntiRDFParser(profiles=["euro_dcat_ap_3"])
    parser.parse(SERVICE, _format="turtle")
    records = list(parser.datasets())
    assert [r["title"] for r in records] == ["Uma API"]
    assert URIRef("https://example.org/api") in set(parser.g.subjects())
