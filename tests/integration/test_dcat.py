"""DCAT-AP output of the enti_dcat_ap profile (issue 4, first part): every record type conforms to
the official DCAT-AP 3.0.1 shapes (mandatory + ranges), HVD records to the HVD shapes, and no
literal appears where an EU vocabulary URI is required."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib import Graph, URIRef

from enti.validators.metadata.shacl import validate_graph

from . import records

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

URI_ONLY = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
SELECT ?s ?p ?o WHERE {
  VALUES ?p { dct:format dcat:mediaType dct:license dct:accessRights dct:accrualPeriodicity
              dcat:theme dct:language }
  ?s ?p ?o . FILTER(isLiteral(?o))
}
"""


def _turtle(app, name: str) -> Graph:
    response = app.get(f"/dataset/{name}.ttl")
    assert response.status_code == 200
    return Graph().parse(data=response.body, format="turtle")


@pytest.mark.parametrize(
    "name", ["contentores-lisboa", "contentores-lisboa-anual", "api-pgu-lisboa"]
)
def test_each_record_type_conforms_to_dcat_ap(app, catalogue, name):
    graph = _turtle(app, name)
    report = validate_graph(graph)
    assert report.conforms, [(v.path, v.message) for v in report.violations]
    assert not list(graph.query(URI_ONLY))


def test_hvd_dataset_conforms_to_the_hvd_shapes(app, catalogue):
    report = validate_graph(_turtle(app, "contentores-lisboa"), hvd=True)
    assert report.conforms, [(v.path, v.message) for v in report.violations]


def test_enti_fields_reach_the_graph(app, catalogue):
    text = app.get("/dataset/contentores-lisboa.ttl").body
    assert "<http://publications.europa.eu/resource/authority/file-type/JSON>" in text
    assert "<http://www.iana.org/assignments/media-types/application/json>" in text
    assert "<https://www.lisboa.pt/>" in text  # the organization's publisher URI
    assert "publishertype/LocalAuthority" in text
    assert "TopicCategory/environment" in text and "EPSG/0/3763" in text
    assert "dcat:inSeries" in text and "dcat:centroid" in text
    service = app.get("/dataset/api-pgu-lisboa.ttl").body
    assert "dcat:DataService" in service and "dcat:endpointURL" in service
    assert "dcat:servesDataset" in service


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")],
)
def test_content_negotiation_answers_each_rdf_format(app, catalogue, accept, rdflib_format):
    response = app.get("/dataset/contentores-lisboa", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{accept}; charset=utf-8"
    graph = Graph().parse(data=response.body, format=rdflib_format)
    assert (None, DCAT_TYPE, URIRef("http://www.w3.org/ns/dcat#Dataset")) in graph
    # A browser still gets the page.
    assert "<html" in app.get("/dataset/contentores-lisboa", headers={"Accept": "text/html"}).body


def test_private_and_draft_records_stay_out_of_the_catalogue(app, catalogue, hidden):
    text = app.get("/catalog.ttl").body
    assert "Níveis de enchimento" in text
    for name in ("privado", "rascunho"):
        record = call_action("package_show", id=name)
        assert record["id"] not in text


def test_conformance_action_and_page(app, catalogue):
    report = call_action("enti_dcat_conformance", id="contentores-lisboa")
    assert report["conforms"] and report["hvd"] and report["violations"] == []
    page = app.get("/dataset/contentores-lisboa").body
    assert "Conformidade DCAT-AP" in page and "conformes com o DCAT-AP 3.0.1" in page
    english = app.get("/en/dataset/contentores-lisboa").body
    assert "These metadata conform to DCAT-AP 3.0.1" in english


def test_conformance_of_a_private_record_is_private(app, catalogue, sysadmin):
    call_action(
        "package_create",
        {"user": sysadmin["name"]},
        **records.dataset(catalogue["id"], name="privado", private=True),
    )
    response = app.get("/api/3/action/enti_dcat_conformance?id=privado")
    missing = app.get("/api/3/action/enti_dcat_conformance?id=nao-existe")
    # Answered exactly as a record that does not exist (no existence oracle).
    assert response.status_code == missing.status_code == 404
    assert response.json["error"] == missing.json["error"]


HYDRA = "http://www.w3.org/ns/hydra/core#"
DCAT_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCAT_DATASET = URIRef("http://www.w3.org/ns/dcat#dataset")


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
def test_catalogue_pages_conform_and_visit_every_public_record_once(app, catalogue, sysadmin):
    context = {"user": sysadmin["name"]}
    for i in range(3):
        call_action(
            "package_create",
            context,
            **records.dataset(catalogue["id"], name=f"extra-{i}", conforms_to=[]),
        )
    call_action(
        "package_create", context, **records.dataset(catalogue["id"], name="privado", private=True)
    )
    public = call_action("package_search", rows=100)["results"]

    seen, url, pages = [], "/catalog.ttl?page=1", 0
    while url:
        graph = Graph().parse(data=app.get(url).body, format="turtle")
        report = validate_graph(graph)
        assert report.conforms, [(v.path, v.message) for v in report.violations]
        for predicate in ("http://www.w3.org/ns/dcat#dataset", "http://www.w3.org/ns/dcat#service"):
            seen += [str(o).rsplit("/", 1)[-1] for o in graph.objects(None, URIRef(predicate))]
        following = next(graph.objects(None, URIRef(HYDRA + "next")), None)
        url = str(following).replace("http://test.ckan.net", "") if following else None
        pages += 1
    assert pages == 3  # 6 public records (series, 4 datasets, 1 service), 2 a page
    assert sorted(seen) == sorted(d["id"] for d in public)
    assert len(public) == 6 and "privado" not in {d["name"] for d in public}


def test_modified_since_returns_only_what_changed(app, catalogue, sysadmin):
    context = {"user": sysadmin["name"]}
    before = call_action("package_show", id="api-pgu-lisboa")["metadata_modified"]
    call_action("package_patch", context, id="contentores-lisboa", version="2.0")
    changed = call_action("package_show", id="contentores-lisboa")
    graph = Graph().parse(
        data=app.get(f"/catalog.ttl?modified_since={before}").body, format="turtle"
    )
    listed = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, DCAT_DATASET)}
    assert changed["id"] in listed
    assert call_action("package_show", id="contentores-lisboa-anual")["id"] not in listed


def test_hvd_catalogue_lists_only_high_value_records(app, catalogue):
    graph = Graph().parse(data=app.get("/catalog/hvd.ttl").body, format="turtle")
    listed = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, DCAT_DATASET)}
    assert listed == {call_action("package_show", id="contentores-lisboa")["id"]}
    assert validate_graph(graph, hvd=True).conforms
    assert app.get("/catalog/hvd.xlsx").status_code == 404


def test_hidden_records_are_absent_for_members_of_other_organizations(app, catalogue, hidden):
    private, draft = (call_action("package_show", id=name) for name in ("privado", "rascunho"))
    other = factories.UserWithToken()
    factories.Organization(
        name="porto",
        enti_kind="municipio",
        dico="1312",
        users=[{"name": other["name"], "capacity": "editor"}],
    )
    for headers in ({}, {"Authorization": other["token"]}):
        for url in ("/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/catalog/hvd.ttl"):
            body = app.get(url, headers=headers).body
            assert private["id"] not in body and draft["id"] not in body, url
        for record in (private, draft):
            for url in (f"/dataset/{record['name']}.ttl", f"/dataset/{record['id']}.jsonld"):
                assert app.get(url, headers=headers).status_code in (403, 404), url


def test_the_profile_works_from_the_dict_it_is_given(app, catalogue, monkeypatch):
    """Issue 11: the organization and the linked records reach the profile in the dict
    (``enrich``); the ENTI steps of the profile read no database (ckanext-dcat's own steps
    before them look the organization up, as they always have)."""
    from ckan import model
    from sqlalchemy import event

    from ckanext.enti.dcat.enrich import LINKS, PUBLISHER, enrich
    from ckanext.enti.dcat.profile import EntiDCATAPProfile
    from ckanext.enti.dcat.serializer import EntiRDFSerializer

    shown = [call_action("package_show", id=n) for n in ("contentores-lisboa", "api-pgu-lisboa")]
    dataset, service = enrich(shown)
    dataset[PUBLISHER] = {**dataset[PUBLISHER], "uri": "https://dicionario.example/publicador"}
    series_id = dataset["in_series"][0]
    dataset[LINKS] = {series_id: {**dataset[LINKS][series_id], "title": "Série do dicionário"}}
    service[LINKS] = {}  # as if the served dataset were not public

    statements: list[str] = []
    enti_steps = EntiDCATAPProfile._graph_from_dataset_enti

    def record(connection, cursor, statement, *rest):
        statements.append(statement)

    def watched(self, *args):
        engine = model.Session.get_bind()
        event.listen(engine, "before_cursor_execute", record)
        try:
            enti_steps(self, *args)
        finally:
            event.remove(engine, "before_cursor_execute", record)

    monkeypatch.setattr(EntiDCATAPProfile, "_graph_from_dataset_enti", watched)
    serializer = EntiRDFSerializer()
    dataset_ref = serializer.graph_from_dataset(dataset)
    service_ref = serializer.graph_from_dataset(service)
    assert statements == []
    graph = serializer.g
    dct = "http://purl.org/dc/terms/"
    assert str(graph.value(dataset_ref, URIRef(dct + "publisher"))).startswith("https://dicionario")
    series = graph.value(dataset_ref, URIRef("http://www.w3.org/ns/dcat#inSeries"))
    assert str(graph.value(series, URIRef(dct + "title"))) == "Série do dicionário"
    assert (service_ref, URIRef("http://www.w3.org/ns/dcat#servesDataset"), None) not in graph
