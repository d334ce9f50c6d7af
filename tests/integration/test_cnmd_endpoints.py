"""CNMD ``Comuns/Metadata`` JSON-LD endpoints: each record as its entity, the catalogue as the
JSON array of entities PGUs and the national integrator exchange. Every entity validates against
the CNMD JSON Schemas; private and draft records appear in none of them."""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from enti.validators.metadata.cnmd_schema import validate_cnmd

from . import records

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

JSON_LD = "application/ld+json; charset=utf-8"
SITE = "http://test.ckan.net"


def _entity(app, name: str, **kwargs):
    return app.get(f"/dataset/{name}/cnmd.json", **kwargs)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("contentores-lisboa", "dcat:Dataset"),
        ("contentores-lisboa-anual", "dcat:DatasetSeries"),
        ("api-pgu-lisboa", "dcat:DataService"),
    ],
)
def test_each_record_type_is_a_valid_cnmd_entity(app, catalogue, name, kind):
    response = _entity(app, name)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_LD
    entity = json.loads(response.body)
    assert entity["@type"] == kind
    assert validate_cnmd(entity) == []


def test_geographic_hvd_dataset_is_held_to_the_inspire_schema(app, catalogue):
    entity = json.loads(_entity(app, "contentores-lisboa").body)
    assert entity["ins:TopicCategory"] == "environment"
    assert entity["@context"]["ins"] == "http://inspire.ec.europa.eu/ont/base#"
    assert entity["ins:GeographicBoundingBox"].startswith("POLYGON((")
    assert validate_cnmd(entity) == []
    assert entity["dcterms:title"]["@value"] == "Níveis de enchimento dos contentores de resíduos"


def test_the_action_answers_the_same_entity_by_id_or_name(app, catalogue):
    record = call_action("package_show", id="api-pgu-lisboa")
    by_id = call_action("enti_cnmd_metadata_show", id=record["id"])
    assert by_id == call_action("enti_cnmd_metadata_show", id="api-pgu-lisboa")
    assert by_id == json.loads(_entity(app, "api-pgu-lisboa").body)


def test_catalogue_lists_the_catalogue_then_exactly_the_public_records(app, catalogue, hidden):
    response = app.get("/catalog/cnmd.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_LD
    assert "Link" not in response.headers  # one page
    entities = json.loads(response.body)
    assert isinstance(entities, list)
    assert entities[0]["@type"] == "dcat:Catalog"
    assert all(validate_cnmd(entity) == [] for entity in entities), [
        (entity["@id"], validate_cnmd(entity)) for entity in entities
    ]
    public = ("contentores-lisboa", "contentores-lisboa-anual", "api-pgu-lisboa")
    expected = [json.loads(_entity(app, name).body)["@id"] for name in public]
    assert sorted(entity["@id"] for entity in entities[1:]) == sorted(expected)
    for record_id in hidden.values():
        assert record_id not in response.body
    assert "Rascunho" not in response.body


def test_hidden_records_are_not_found_for_anonymous_users_and_other_organizations(
    app, catalogue, hidden, sysadmin
):
    other = factories.UserWithToken()
    factories.Organization(
        name="porto",
        enti_kind="municipio",
        dico="1312",
        users=[{"name": other["name"], "capacity": "member"}],
    )
    for name, record_id in hidden.items():
        for key in (name, record_id):
            for headers in ({}, {"Authorization": other["token"]}):
                response = _entity(app, key, headers=headers)
                assert response.status_code == 404, (key, headers)
                assert json.loads(response.body)["success"] is False
        # The API answers a hidden record exactly as a missing one (no existence oracle).
        api = app.get(f"/api/3/action/enti_cnmd_metadata_show?id={name}")
        missing = app.get("/api/3/action/enti_cnmd_metadata_show?id=nao-existe")
        assert api.status_code == missing.status_code == 404
        assert json.loads(api.body)["error"] == json.loads(missing.body)["error"]
    # Publishers still see their own private record's entity.
    mine = factories.SysadminWithToken()
    response = _entity(app, "privado", headers={"Authorization": mine["token"]})
    assert response.status_code == 200 and json.loads(response.body)["@type"] == "dcat:Dataset"


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
def test_paging_follows_the_link_header_and_visits_each_public_record_once(
    app, catalogue, hidden, sysadmin
):
    context = {"user": sysadmin["name"]}
    for i in range(3):
        call_action(
            "package_create",
            context,
            **records.dataset(catalogue["id"], name=f"extra-{i}", conforms_to=[]),
        )
    public = [d["name"] for d in call_action("package_search", rows=100)["results"]]
    assert len(public) == 6  # series, 4 datasets, 1 service
    expected = sorted(json.loads(_entity(app, name).body)["@id"] for name in public)

    seen, url, pages = [], "/catalog/cnmd.json", 0
    while url:
        response = app.get(url)
        assert response.status_code == 200
        entities = json.loads(response.body)
        assert entities[0]["@type"] == "dcat:Catalog"
        seen += [entity["@id"] for entity in entities[1:]]
        link = response.headers.get("Link")
        if link:
            assert link.startswith(f"<{SITE}/catalog/cnmd.json?") and link.endswith('>; rel="next"')
        url = link[1:].split(">;")[0].removeprefix(SITE) if link else None
        pages += 1
    assert pages == 3
    assert sorted(seen) == expected  # each public record exactly once, no hidden one


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
def test_next_page_keeps_the_filters(app, catalogue, sysadmin):
    for i in range(3):
        call_action(
            "package_create",
            {"user": sysadmin["name"]},
            **records.dataset(catalogue["id"], name=f"extra-{i}", conforms_to=[]),
        )
    query = "q=Níveis de enchimento&fq=dataset_type:dataset&modified_since=2020-01-01"
    url = app.get(f"/catalog/cnmd.json?{query}").headers["Link"].split(">;")[0]
    assert "page=2" in url and "modified_since=2020-01-01" in url
    assert " " not in url and "q=N%C3%ADveis" in url and "fq=dataset_type" in url
    result = call_action(
        "enti_cnmd_catalog_show", page=2, q="Níveis de enchimento", fq="dataset_type:dataset"
    )
    assert result["count"] == 4 and result["page"] == 2 and result["next"] is None
    assert [e["@type"] for e in result["entities"]] == [
        "dcat:Catalog",
        "dcat:Dataset",
        "dcat:Dataset",
    ]


def test_modified_since_returns_only_what_changed(app, catalogue, sysadmin):
    before = call_action("package_show", id="api-pgu-lisboa")["metadata_modified"]
    call_action("package_patch", {"user": sysadmin["name"]}, id="contentores-lisboa", version="2")
    entities = json.loads(app.get(f"/catalog/cnmd.json?modified_since={before}").body)
    listed = {entity["@id"] for entity in entities[1:]}
    assert json.loads(_entity(app, "contentores-lisboa").body)["@id"] in listed
    assert json.loads(_entity(app, "contentores-lisboa-anual").body)["@id"] not in listed
    # the same instant with a UTC offset, as harvesters send it
    with_offset = app.get(f"/catalog/cnmd.json?modified_since={before}%2B00:00")
    assert with_offset.status_code == 200 and json.loads(with_offset.body) == entities


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("page=0", {"page"}),
        ("page=two", {"page"}),
        ("modified_since=yesterday-ish", {"modified_since"}),
        ("page=-1&modified_since=31/31/2024", {"page", "modified_since"}),
    ],
)
def test_bad_parameters_answer_409_with_the_field_errors(app, catalogue, query, fields):
    response = app.get(f"/catalog/cnmd.json?{query}")
    assert response.status_code == 409
    assert response.headers["Content-Type"].startswith("application/json")
    error = json.loads(response.body)["error"]
    assert error["__type"] == "Validation Error"
    assert set(error) - {"__type"} == fields
    assert all(isinstance(error[field], list) and error[field][0] for field in fields)


def test_unknown_record_is_404_without_a_traceback(app, catalogue):
    response = _entity(app, "nao-existe")
    assert response.status_code == 404
    assert "Traceback" not in response.body
    assert json.loads(response.body)["error"]["__type"] == "Not Found Error"


def test_dataset_page_links_its_cnmd_entity(app, catalogue):
    record = call_action("package_show", id="contentores-lisboa")
    page = app.get("/dataset/contentores-lisboa").body
    href = f"{SITE}/dataset/{record['id']}/cnmd.json"
    assert f'<link rel="alternate" type="application/ld+json" href="{href}" title="CNMD"/>' in page
    assert f"/dataset/{record['id']}.jsonld" in page  # ckanext-dcat's alternates are kept
