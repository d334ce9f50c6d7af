"""The ENTI forms render for an editor, with Portuguese labels and help (issue 3)."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def editor():
    org = factories.Organization(enti_kind="municipio", dico="1106")
    user = factories.UserWithToken()
    call_action("organization_member_create", id=org["id"], username=user["name"], role="editor")
    return user


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/dataset/new",
            [
                "Temas",
                "Periodicidade de atualização",
                "Cobertura geográfica",
                "Resolução espacial (m)",
                "Dados geográficos (INSPIRE)",
                'data-module="enti-bbox-map"',
                "Ambiente",
            ],
        ),
        ("/dataservice/new", ["URL do serviço (endpoint)", "Descrição do endpoint", "NGSI-LD"]),
        ("/dataset_series/new", ["Cobertura temporal", "Data de publicação"]),
        ("/organization/new", ["Tipo de entidade", "Código DICO"]),
    ],
)
def test_new_forms_render_in_portuguese(app, editor, path, expected):
    if path.startswith("/organization"):
        editor = factories.SysadminWithToken()
    response = app.get(path, headers={"Authorization": editor["token"]})
    assert response.status_code == 200
    for text in expected:
        assert text in response.body, text


def test_edit_forms_render_for_existing_records(app, editor):
    from . import records

    org = call_action("organization_list_for_user", id=editor["name"])[0]
    context = {"user": editor["name"]}
    call_action("package_create", context, **records.dataset(org["id"]))
    call_action("package_create", context, **records.series(org["id"]))
    call_action("package_create", context, **records.dataservice(org["id"]))
    headers = {"Authorization": editor["token"]}
    for path, expected in [
        ("/dataset/edit/contentores-lisboa", "pgu@cm-lisboa.example"),
        ("/dataset_series/edit/contentores-lisboa-anual", "2023-01-01"),
        ("/dataservice/edit/api-pgu-lisboa", "https://pgu.cm-lisboa.example/openapi.json"),
    ]:
        response = app.get(path, headers=headers)
        assert response.status_code == 200, path
        assert expected in response.body, path


def test_dataset_page_shows_labels_and_hides_empty_fields(app, editor):
    from . import records

    org = call_action("organization_list_for_user", id=editor["name"])[0]
    call_action("package_create", {"user": editor["name"]}, **records.dataset(org["id"]))
    page = app.get("/dataset/contentores-lisboa").body
    assert '<td class="dataset-details">' in page
    assert "Ambiente" in page and "de hora a hora" in page  # theme and frequency labels (pt)
    assert "Página de entrada" not in page  # empty landing page: no row
    english = app.get("/en/dataset/contentores-lisboa").body
    assert "Environment" in english and "Themes" in english
