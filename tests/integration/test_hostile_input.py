"""Issue 10: every input a hostile tester sent to the running demo, kept as a regression case.

Each answered 500, or was accepted and stored wrong. Now each is a 4xx JSON answer naming the
field (or, for a huge geometry, stored whole but exported and shown simplified).
"""

from __future__ import annotations

import json

import ckan.plugins
import pytest
from ckan.logic import NotFound as ObjectNotFound
from ckan.tests import factories
from ckan.tests.helpers import call_action

from . import records
from .conftest import LISBON, bbox_polygon


@pytest.fixture(scope="module")
def site(reset_db, reset_index, migrate_db_for):
    """One database for the module (most cases are refused and store nothing; the others name
    their records): a fresh database per case made the module take minutes."""
    ckan.plugins.load_all()
    reset_db()
    for plugin in ("activity", "harvest", "enti"):
        migrate_db_for(plugin)
    reset_index()
    org = factories.Organization(name="lisboa", enti_kind="municipio", dico="1106")
    return {"org": org, "admin": factories.SysadminWithToken()}


@pytest.fixture
def org(site):
    return site["org"]


@pytest.fixture
def admin(site):
    return site["admin"]


def _post(app, admin, action, payload, raw: bytes | None = None):
    headers = {"Authorization": admin["token"]}
    if raw is not None:
        headers["Content-Type"] = "application/json"
        return app.post(f"/api/3/action/{action}", data=raw, headers=headers)
    return app.post(f"/api/3/action/{action}", json=payload, headers=headers)


def _nested_collections(depth: int) -> str:
    geometry = {"type": "Point", "coordinates": [-9.14, 38.72]}
    text = json.dumps(geometry)
    for _ in range(depth):
        text = '{"type": "GeometryCollection", "geometries": [' + text + "]}"
    return text


def _unclosed_ring() -> str:
    west, south, east, north = LISBON
    ring = [[west, south], [east, south], [east, north], [west, north]]  # no closing point
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


# (what the probe sent, the fields that change, the field the answer must name)
BAD_DATASETS = [
    ("theme as a number", {"theme": 5}, "theme"),
    ("frequency as a nested list", {"frequency": [["x"]]}, "frequency"),
    ("title of 100,000 characters", {"title": "T" * 100_000}, "title"),
    ("title as a list", {"title": ["Um", "Dois"]}, "title"),
    ("notes as an object", {"notes": {"pt": "Descrição"}}, "notes"),
    ("owner_org as a list", {"owner_org": ["lisboa", "porto"]}, "owner_org"),
    # found by the fuzz test (test_fuzz.py)
    ("type as a list", {"type": [None]}, "type"),
    ("id as false", {"id": False}, "id"),
    ("tags holding null", {"tags": [None]}, "tags"),
    (
        "10,000 nested GeometryCollections",
        {"spatial_coverage": [{"geom": _nested_collections(10_000)}]},
        "spatial_coverage",
    ),
    (
        "an unclosed polygon ring",
        {"spatial_coverage": [{"bbox": _unclosed_ring()}]},
        "spatial_coverage",
    ),
    (
        "resource link javascript:",
        {"resources": [records.distribution(url="javascript:alert(1)")]},
        "resources",
    ),
    (
        "resource link file://",
        {"resources": [records.distribution(url="file:///etc/passwd")]},
        "resources",
    ),
    (
        "resource link gopher://",
        {"resources": [records.distribution(url="gopher://127.0.0.1:6379/_INFO")]},
        "resources",
    ),
    (
        "contact page javascript:",
        {
            "contact": [
                {"name": "PGU", "email": "pgu@cm-lisboa.example", "url": "javascript:alert(1)"}
            ]
        },
        "contact",
    ),
]


@pytest.mark.parametrize(
    ("probe", "fields", "field"), BAD_DATASETS, ids=[c[0] for c in BAD_DATASETS]
)
def test_bad_values_are_field_errors_and_nothing_is_stored(app, org, admin, probe, fields, field):
    record = {**records.dataset(org["id"], name="recusado"), **fields}
    response = _post(app, admin, "package_create", record)
    assert response.status_code == 409, (probe, response.status_code, response.body[:300])
    body = response.json
    assert body["success"] is False and body["error"]["__type"] == "Validation Error"
    assert field in body["error"], (probe, body["error"])
    with pytest.raises(ObjectNotFound):
        call_action("package_show", id="recusado")


def test_infinite_spatial_resolution_is_refused(app, org, admin):
    """``1e309`` is a JSON number Python reads as infinity; it was stored and exported "INF"."""
    record = json.dumps(
        records.dataset(org["id"], name="infinito", spatial_resolution_in_meters="__N__")
    )
    raw = record.replace('"__N__"', "1e309").encode()
    response = _post(app, admin, "package_create", None, raw=raw)
    assert response.status_code == 409
    assert "spatial_resolution_in_meters" in response.json["error"]


def test_a_request_body_nested_100000_deep_is_a_400_before_any_action(app, admin):
    raw = b'{"name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = _post(app, admin, "package_create", None, raw=raw)
    assert response.status_code == 400
    assert response.json["success"] is False and "64" in response.json["error"]["message"]


def test_a_nul_character_is_a_400_not_a_database_error(app, admin):
    """Found by the fuzz test: PostgreSQL refuses NUL inside any query string (a 500)."""
    response = app.get("/api/3/action/enti_dcat_conformance", query_string={"id": "\x00"})
    assert response.status_code == 400 and response.json["success"] is False
    response = app.get("/api/3/action/package_show", query_string={"id": "a\x00b"})
    assert response.status_code == 400
    raw = b'{"name": "x", "title": "T\\u0000"}'
    assert _post(app, admin, "package_create", None, raw=raw).status_code == 400


@pytest.mark.parametrize(
    ("query", "status"),
    [("q=0&limit=", 200), ("query=a&limit=x", 409), ("query=a&offset=-1", 409)],
)
def test_tag_paging_is_checked_not_handed_to_sql(app, query, status):
    """Found by the fuzz test: ``tag_list?q=0&limit=`` was a 500 (CKAN's SQL got ``''``)."""
    assert app.get(f"/api/3/action/tag_list?{query}").status_code == status


def test_a_javascript_link_stored_before_the_check_is_not_followed(app, org, admin):
    """The probe's /dataset/…/resource/<id>/download of a javascript: URL was a 500 (BuildError);
    such links can no longer be saved, and one stored earlier answers 404."""
    from ckan import model

    created = call_action(
        "package_create", {"user": admin["name"]}, **records.dataset(org["id"], name="js-link")
    )
    resource = model.Resource.get(created["resources"][0]["id"])
    resource.url = "javascript:alert(1)"
    model.Session.commit()
    response = app.get(f"/dataset/{created['name']}/resource/{resource.id}/download")
    assert response.status_code == 404
    call_action("dataset_purge", id="js-link")  # the module's other cases share the database


def test_accepted_links_http_https_ftp_and_uploads(app, org, admin):
    links = [
        "https://dados.cm-lisboa.example/a.csv",
        "http://x.example/b.csv",
        "ftp://x.example/c.csv",
    ]
    resources = [records.distribution(url=u, name=u) for u in links]
    response = _post(
        app,
        admin,
        "package_create",
        records.dataset(org["id"], name="ligacoes", resources=resources),
    )
    assert response.status_code == 200, response.json
    assert [r["url"] for r in response.json["result"]["resources"]] == links


@pytest.mark.parametrize(
    "query",
    ["fq=(((", "q={!lucene}*:*", "page=99999999999999999999", "page=0", "q=%7B!func%7Dx"],
)
@pytest.mark.parametrize("path", ["/catalog.ttl", "/catalog/hvd.ttl", "/catalog/cnmd.json"])
def test_catalogue_parameters_that_solr_cannot_take_are_409s(app, path, query):
    response = app.get(f"{path}?{query}")
    assert response.status_code == 409, (path, query, response.status_code)
    if path.endswith(".json"):
        assert response.json["success"] is False  # JSON, as documented, not an HTML page


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("enti_dcat_conformance", {"id": ["a", "b"]}),
        ("enti_cnmd_metadata_show", {"id": {"x": 1}}),
        ("enti_validation_show", {"id": {"x": 1}}),
        ("enti_validation_run", {"id": ["a"]}),
        ("package_show", {"id": ["a", "b"]}),
        ("resource_show", {"id": {"x": 1}}),
        # CKAN core actions: the API answers any id given as a list or an object (review)
        ("organization_show", {"id": ["a"]}),
        ("group_show", {"id": {"x": 1}}),
        ("organization_member_create", {"id": ["a"], "username": "x", "role": "editor"}),
        ("bulk_update_private", {"org_id": ["a"], "datasets": []}),
    ],
)
def test_ids_that_are_not_text_are_409s(app, admin, action, payload):
    response = _post(app, admin, action, payload)
    assert response.status_code == 409, (action, response.status_code, response.body[:300])
    assert any(key.endswith("id") for key in response.json["error"])


def test_a_repeated_id_parameter_is_a_409(app):
    response = app.get("/api/3/action/organization_show?id=a&id=b")
    assert response.status_code == 409 and "id" in response.json["error"]


def test_collaborators_and_activity_answer_without_a_500(app, org, admin):
    call_action(
        "package_create", {"user": admin["name"]}, **records.dataset(org["id"], name="colab")
    )
    response = app.get("/api/3/action/package_collaborator_list?id=colab")
    assert response.status_code == 403 and response.json["success"] is False
    activities = call_action("package_activity_list", id="colab")
    response = app.get(
        f"/api/3/action/activity_show?id={activities[0]['id']}",
        headers={"Authorization": admin["token"]},
    )
    assert response.status_code == 200, response.body[:300]


def _ring(vertices: int) -> list[list[float]]:
    """A closed star-shaped ring around Lisbon with ``vertices`` points."""
    import math

    west, south, east, north = LISBON
    cx, cy = (west + east) / 2, (south + north) / 2
    points = []
    for i in range(vertices - 1):
        angle = 2 * math.pi * i / (vertices - 1)
        radius = 0.04 + 0.01 * (i % 2)
        points.append(
            [round(cx + radius * math.cos(angle), 7), round(cy + radius * math.sin(angle), 7)]
        )
    return [*points, points[0]]


def test_a_200000_vertex_coverage_is_stored_whole_but_exported_and_shown_simplified(
    app, org, admin
):
    geometry = {"type": "Polygon", "coordinates": [_ring(200_000)]}
    coverage = [
        {"text": "Lisboa (limite)", "geom": json.dumps(geometry), "bbox": bbox_polygon(*LISBON)}
    ]
    response = _post(
        app, admin, "package_create", records.dataset(org["id"], spatial_coverage=coverage)
    )
    assert response.status_code == 200, response.body[:300]
    stored = call_action("package_show", id="contentores-lisboa")["spatial_coverage"][0]["geom"]
    assert (
        len(json.loads(stored)["coordinates"][0]) == 200_000
    )  # nothing the publisher gave is lost
    for path, limit in [
        ("/dataset/contentores-lisboa", 400_000),
        ("/dataset/contentores-lisboa.ttl", 200_000),
        ("/catalog.ttl", 200_000),
        ("/dataset/contentores-lisboa/cnmd.json", 200_000),
    ]:
        page = app.get(path)
        assert page.status_code == 200, path
        assert len(page.body) < limit, (path, len(page.body))


def test_bulk_make_private_and_public_still_work(app, org, admin):
    """Found by review: CKAN's bulk actions pass database rows as ids to package_patch, which
    the shape check first refused (409 in the API, 500 on the organization's bulk page)."""
    ids = [
        call_action(
            "package_create", {"user": admin["name"]}, **records.dataset(org["id"], name=n)
        )["id"]
        for n in ("um", "dois")
    ]
    response = _post(app, admin, "bulk_update_private", {"org_id": org["id"], "datasets": ids})
    assert response.status_code == 200, response.body[:300]
    assert all(call_action("package_show", id=i)["private"] for i in ids)
    form = {"bulk_action.public": "public", **{f"dataset_{i}": "on" for i in ids}}
    page = app.post(
        f"/organization/bulk_process/{org['name']}",
        data=form,
        headers={"Authorization": admin["token"]},
        follow_redirects=False,
    )
    assert page.status_code in (200, 302), page.status_code
    assert not any(call_action("package_show", id=i)["private"] for i in ids)


def test_unknown_rdf_profiles_are_409s(app):
    for path in ("/catalog.ttl?profiles=nope", "/api/3/action/dcat_catalog_show?profiles=nope"):
        assert app.get(path).status_code == 409, path
