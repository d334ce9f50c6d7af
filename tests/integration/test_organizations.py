"""ENTI organizations: kind, DICO code, CIM/AM membership (issue 3)."""

from __future__ import annotations

import pytest
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _create(app, sysadmin, lang="", **fields):
    response = app.post(
        f"{lang}/api/3/action/organization_create",
        json=fields,
        headers={"Authorization": sysadmin["token"]},
    )
    return response.status_code, response.json


@pytest.fixture
def sysadmin():
    return factories.SysadminWithToken()


def test_municipality_gets_its_cim_and_am_from_the_dico_code(app, sysadmin):
    status, body = _create(
        app,
        sysadmin,
        name="sintra",
        title="Município de Sintra",
        enti_kind="municipio",
        dico="1111",
    )
    assert status == 200, body
    assert body["result"]["member_of"] == [
        "Comunidade Intermunicipal da Grande Lisboa",
        "Área Metropolitana de Lisboa",
    ]


def test_dico_codes_are_checked_and_unique(app, sysadmin):
    status, body = _create(app, sysadmin, name="agueda", enti_kind="municipio", dico="101")
    assert status == 409 and "0101" in body["error"]["dico"][0]
    status, body = _create(
        app, sysadmin, lang="/en", name="agueda", enti_kind="municipio", dico="101"
    )
    assert "leading zero" in body["error"]["dico"][0]

    status, body = _create(app, sysadmin, name="sem-codigo", enti_kind="municipio")
    assert status == 409 and "DICO" in body["error"]["dico"][0]

    created = _create(
        app,
        sysadmin,
        name="agueda",
        title="Município de Águeda",
        enti_kind="municipio",
        dico="0101",
    )
    assert created[0] == 200, created
    status, body = _create(
        app, sysadmin, name="agueda-2", title="Águeda (cópia)", enti_kind="municipio", dico="0101"
    )
    assert status == 409 and "agueda" in body["error"]["dico"][0]


def test_kind_is_required_and_cim_has_no_dico(app, sysadmin):
    status, body = _create(app, sysadmin, name="sem-tipo", title="Sem tipo")
    assert status == 409 and "enti_kind" in body["error"]
    assert "title" in _create(app, sysadmin, name="sem-titulo", enti_kind="outro")[1]["error"]
    status, body = _create(app, sysadmin, name="cim-teste", enti_kind="cim", dico="1106")
    assert status == 409 and "dico" in body["error"]
    created = _create(app, sysadmin, name="cim-oeste", title="CIM do Oeste", enti_kind="cim")
    assert created[0] == 200, created
