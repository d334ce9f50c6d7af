"""Search: Portuguese text with or without accents, bounding boxes, private datasets."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import AZORES_WEST, LISBON, PORTO, bbox_polygon


def _names(**params):
    return {d["name"] for d in call_action("package_search", **params)["results"]}


def test_search_ignores_accents_and_plural_forms(make_dataset):
    make_dataset(name="residuos", title="Resíduos urbanos recolhidos por freguesia")
    make_dataset(
        name="iluminacao",
        title="Iluminação Pública",
        notes="Consumo das luminárias.",
        tag_string="energia,luminárias",
    )
    make_dataset(name="outro", title="Qualidade do ar")

    assert _names(q="residuos") == {"residuos"}
    assert _names(q="Resíduos") == {"residuos"}
    assert _names(q="resíduo") == {"residuos"}
    assert _names(q="iluminacao publica") == {"iluminacao"}
    assert _names(q="luminaria") == {"iluminacao"}  # found through the tag and description
    assert _names(q="QUALIDADE") == {"outro"}


def test_bbox_search_over_lisbon_finds_lisbon_and_not_the_azores(make_dataset):
    make_dataset(
        name="lisboa",
        title="Contentores de Lisboa",
        spatial_coverage=[{"text": "Lisboa", "bbox": bbox_polygon(*LISBON)}],
    )
    make_dataset(
        name="flores-corvo",
        title="Concelhos das Flores e do Corvo",
        spatial_coverage=[{"text": "Flores e Corvo", "bbox": bbox_polygon(*AZORES_WEST)}],
    )
    make_dataset(
        name="porto",
        title="Contentores do Porto",
        spatial_coverage=[{"text": "Porto", "bbox": bbox_polygon(*PORTO)}],
    )

    assert _names(ext_bbox="-9.25,38.65,-9.05,38.85") == {"lisboa"}
    assert _names(ext_bbox="-31.5,39.0,-30.9,40.0") == {"flores-corvo"}
    assert _names(q="*:*") == {"lisboa", "flores-corvo", "porto"}


def _api_search_names(app, headers=None, **params):
    response = app.get("/api/3/action/package_search", query_string=params, headers=headers or {})
    assert response.status_code == 200
    return {d["name"] for d in response.json["result"]["results"]}


def test_private_dataset_is_invisible_to_anonymous_users(app, make_dataset, organization):
    make_dataset(name="publico", title="Dados públicos de mobilidade")
    make_dataset(name="privado", title="Dados privados de mobilidade", private=True)

    params = {"q": "mobilidade", "include_private": "true"}
    assert _api_search_names(app, **params) == {"publico"}
    assert app.get("/dataset/privado").status_code == 404
    # Answered as a record that does not exist (issue 10: no existence oracle).
    assert app.get("/api/3/action/package_show?id=privado").status_code == 404
    page = app.get("/dataset/?q=mobilidade")
    assert "Dados públicos de mobilidade" in page.body
    assert "Dados privados de mobilidade" not in page.body

    # A user of another organization does not see it either; an editor of its own does.
    outsider = factories.UserWithToken()
    factories.Organization(
        enti_kind="outro", users=[{"name": outsider["name"], "capacity": "admin"}]
    )
    headers = {"Authorization": outsider["token"]}
    assert _api_search_names(app, headers=headers, **params) == {"publico"}

    editor = factories.UserWithToken()
    call_action(
        "organization_member_create",
        id=organization["id"],
        username=editor["name"],
        role="editor",
    )
    headers = {"Authorization": editor["token"]}
    assert _api_search_names(app, headers=headers, **params) == {"publico", "privado"}


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_dataset_and_organization_pages_answer(app, make_dataset, organization):
    make_dataset(
        name="pagina",
        title="Iluminação Pública de Lisboa",
        spatial_coverage=[{"text": "Lisboa", "bbox": bbox_polygon(*LISBON)}],
    )
    page = app.get("/dataset/pagina")
    assert page.status_code == 200 and "Iluminação Pública de Lisboa" in page.body
    # The coverage is drawn on the sidebar map.
    assert 'class="module module-narrow dataset-map"' in page.body
    assert "-9.2298" in page.body
    # The search page offers the map filter, opened on Portugal.
    search = app.get("/dataset/")
    assert 'data-module="spatial-query"' in search.body
    assert "Filtrar por localização" in search.body  # pt_PT catalogue of the enti plugin
    org_page = app.get(f"/organization/{organization['name']}")
    assert org_page.status_code == 200 and "Município de Lisboa" in org_page.body
