"""Who may do what: the authorization matrix of ckanext-enti (issues 10 and 11).

For each auth function and action of the plugin and each endpoint it serves (its blueprint, the
DCAT documents whose actions it chains, and the CKAN pages it adds to: the record page, the
resource page with its validation report, the download), the answer each role gets about
organization A's public, private and draft records. The tables are complete by construction:
a test fails when the plugin registers an action, an auth function or a URL rule they do not
list, or when they list one that no longer exists.

The world (organizations, users, records) is ``private_world``'s; B is another organization.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest
from ckan.plugins.toolkit import NotAuthorized, ObjectNotFound, ValidationError
from ckan.tests.helpers import call_action, call_auth

from ckanext.enti.logic import actions as enti_actions
from ckanext.enti.logic import auth as enti_auth

from .private_world import (
    ADMIN_A,
    ADMIN_B,
    ANONYMOUS,
    DRAFT,
    DRAFT_SERIES,
    EDITOR_A,
    EDITOR_B,
    MEMBER_A,
    PLAIN,
    PRIVATE,
    PRIVATE_SERIES,
    PUBLIC,
    PUBLIC_SERIES,
    SYSADMIN,
    Record,
    World,
    assert_none,
    build_world,
    get,
    post,
)


@pytest.fixture(scope="module")
def world(reset_db, reset_index, migrate_db_for) -> World:
    """The world, built once for the module (conftest's ``clean_db`` is per test)."""
    return build_world(reset_db, reset_index, migrate_db_for)


# -- 1. the matrix -------------------------------------------------------------------------------

# The columns of every row, in this order: anonymous; a member, an editor and an admin of A (the
# records' organization); an editor and an admin of B; a sysadmin.
COLUMNS = (ANONYMOUS, MEMBER_A, EDITOR_A, ADMIN_A, EDITOR_B, ADMIN_B, SYSADMIN)
# The rows' records; "catalogue" rows are about no record.
RECORDS: dict[str, Record | None] = {
    "public": PUBLIC,
    "private": PRIVATE,
    "draft": DRAFT,
    "public series": PUBLIC_SERIES,
    "private series": PRIVATE_SERIES,
    "draft series": DRAFT_SERIES,
    "catalogue": None,
}
# An answer, as the HTTP status an API caller gets: 200 allowed (``call_auth`` passes, the
# action answers, the page shows), 302 a redirect (a download; back to the resource page after
# "Validate again"), 403 not authorized, 404 answered as a missing record, 409 a validation
# error (collaborators are disabled on this site: ``ckan.auth.allow_dataset_collaborators``).
Matrix = dict[str, dict[str, tuple[int, ...]]]

# fmt: off
AUTH_FUNCTIONS: Matrix = {  # auth function -> {record: answers}, asked with ``call_auth``
    #                     anon memA edA  admA edB  admB sys
    "enti_dcat_conformance": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (403, 200, 200, 200, 403, 403, 200),
        "draft":         (403, 200, 200, 200, 403, 403, 200),
    },
    "enti_cnmd_metadata_show": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (403, 200, 200, 200, 403, 403, 200),
        "draft":         (403, 200, 200, 200, 403, 403, 200),
    },
    "enti_cnmd_catalog_show": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "enti_validation_show": {  # of the record's resource
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (403, 200, 200, 200, 403, 403, 200),
        "draft":         (403, 200, 200, 200, 403, 403, 200),
    },
    "enti_validation_run": {  # of the record's resource: who may edit it
        "public":        (403, 403, 200, 200, 403, 403, 200),
        "private":       (403, 403, 200, 200, 403, 403, 200),
        "draft":         (403, 403, 200, 200, 403, 403, 200),
    },
    "package_collaborator_list": {  # CKAN's rule: the organization's admins
        "public":        (403, 403, 403, 200, 403, 403, 200),
        "private":       (403, 403, 403, 200, 403, 403, 200),
        "draft":         (403, 403, 403, 200, 403, 403, 200),
    },
}

ACTIONS: Matrix = {  # action -> {record: answers}, called with ``call_action`` as the role
    #                     anon memA edA  admA edB  admB sys
    "enti_dcat_conformance": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "enti_cnmd_metadata_show": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "enti_cnmd_catalog_show": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "enti_validation_show": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "enti_validation_run": {  # a reader who may not edit is told so; an outsider, not found
        "public":        (403, 403, 200, 200, 403, 403, 200),
        "private":       (404, 403, 200, 200, 404, 404, 200),
        "draft":         (404, 403, 200, 200, 404, 404, 200),
    },
    "dcat_dataset_show": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "dcat_catalog_show": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "dcat_catalog_search": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "package_collaborator_list": {  # who may list them learns collaborators are disabled
        "public":        (403, 403, 403, 409, 403, 403, 409),
        "private":       (404, 403, 403, 409, 404, 404, 409),
        "draft":         (404, 403, 403, 409, 404, 404, 409),
    },
}

ENDPOINTS: Matrix = {  # URL rule -> {record: answers}, asked through the web app as the role
    #                     anon memA edA  admA edB  admB sys
    "/dataset/<id>/cnmd.json": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "/catalog/cnmd.json": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "/catalog/hvd.<_format>": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "/resource/<resource_id>/validate": {  # POST: the resource page's "Validate again"
        "public":        (403, 403, 302, 302, 403, 403, 302),
        "private":       (404, 403, 302, 302, 404, 404, 302),
        "draft":         (404, 403, 302, 302, 404, 404, 302),
    },
    "/dataset/<_id>.<_format>": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "/dataset_series/<_id>.<_format>": {
        "public series":  (200, 200, 200, 200, 200, 200, 200),
        "private series": (404, 200, 200, 200, 404, 404, 200),
        "draft series":   (404, 200, 200, 200, 404, 404, 200),
    },
    "/dataset/<_id>": {  # asking for Turtle (content negotiation)
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "/catalog.<_format>": {
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "/": {  # asking for Turtle (content negotiation)
        "catalogue":     (200, 200, 200, 200, 200, 200, 200),
    },
    "/dataset/new": {  # the form (content negotiation registers it again)
        "catalogue":     (403, 403, 200, 200, 200, 200, 200),
    },
    # CKAN's pages that show what the plugin adds: the record page (validation overview, DCAT
    # conformance), the resource page (validation report) and the download (a link the plugin
    # refuses to follow when it is not http, https or ftp).
    "/dataset/<id>": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "/dataset/<id>/resource/<resource_id>": {
        "public":        (200, 200, 200, 200, 200, 200, 200),
        "private":       (404, 200, 200, 200, 404, 404, 200),
        "draft":         (404, 200, 200, 200, 404, 404, 200),
    },
    "/dataset/<id>/resource/<resource_id>/download": {
        "public":        (302, 302, 302, 302, 302, 302, 302),
        "private":       (404, 302, 302, 302, 404, 404, 302),
        "draft":         (404, 302, 302, 302, 404, 404, 302),
    },
}
# fmt: on


# Auth functions and actions asked about a record's resource rather than the record itself.
ON_A_RESOURCE = {"enti_validation_run", "enti_validation_show"}
# The blueprints whose every URL rule the matrix lists: the plugin's and ckanext-dcat's (the
# plugin chains the actions behind its documents).
BLUEPRINTS = ("enti", "dcat")
# Rules asked for Turtle: ckanext-dcat's content negotiation answers them with RDF.
TURTLE = {"/", "/dataset/<_id>"}


def _cells(matrix: Matrix):
    """Each cell of ``matrix``: (row, record label, record, role, expected answer)."""
    for row, answers in matrix.items():
        for label, expected in answers.items():
            for role, status in zip(COLUMNS, expected, strict=True):
                yield row, label, RECORDS[label], role, status


def _parameters(name: str, record: Record | None) -> dict[str, str]:
    if record is None:
        return {}
    return {"id": record.resource if name in ON_A_RESOURCE else record.name}


def _outcome(function, name: str, context: dict[str, Any], data: dict[str, str]) -> int:
    """``function(name, context, **data)`` (``call_auth`` or ``call_action``) as a status."""
    try:
        function(name, context, **data)
    except NotAuthorized:
        return 403
    except ObjectNotFound:
        return 404
    except ValidationError:
        return 409
    return 200


def _url(rule: str, record: Record | None) -> str:
    """``rule`` with its variables filled in for ``record`` (by name), Turtle as the format."""
    values = {"_format": "ttl"}
    if record is not None:
        values |= {"id": record.name, "_id": record.name, "resource_id": record.resource}
    return re.sub(r"<(\w+)>", lambda variable: values[variable.group(1)], rule)


def test_the_matrix_lists_every_action_auth_function_and_url_rule_of_the_plugin(app):
    """Complete by construction: whatever the plugin registers has a row, and every row names
    something registered, with an answer for each role."""
    registered = set(enti_actions())
    rules = list(app.flask_app.url_map.iter_rules())
    served = {r.rule for r in rules if r.endpoint.split(".")[0] in BLUEPRINTS}
    unlisted = {
        "actions": {n for n in registered if n.startswith(("enti_", "dcat_"))} - set(ACTIONS),
        "auth functions": set(enti_auth.__all__) - set(AUTH_FUNCTIONS),
        "URL rules": served - set(ENDPOINTS),
    }
    stale = {
        "actions": set(ACTIONS) - registered,
        "auth functions": set(AUTH_FUNCTIONS) - set(enti_auth.__all__),
        "URL rules": set(ENDPOINTS) - {r.rule for r in rules},
    }
    problems = [(f"unlisted {kind}", sorted(names)) for kind, names in unlisted.items() if names]
    problems += [(f"stale {kind}", sorted(names)) for kind, names in stale.items() if names]
    for matrix in (AUTH_FUNCTIONS, ACTIONS, ENDPOINTS):
        for row, answers in matrix.items():
            if set(answers) - set(RECORDS) or any(len(a) != len(COLUMNS) for a in answers.values()):
                problems.append((row, "a record not in RECORDS, or not one answer per role"))
    assert_none(problems)


def test_auth_functions_answer_each_role_as_the_matrix_says(world):
    problems = []
    for name, label, record, role, expected in _cells(AUTH_FUNCTIONS):
        context = {"user": world.users.get(role, "")}
        got = _outcome(call_auth, name, context, _parameters(name, record))
        if got != expected:
            problems.append((name, label, role, f"{got}, not {expected}"))
    assert_none(problems)


def test_actions_answer_each_role_as_the_matrix_says(world, with_request_context):
    """In a request (ckanext-dcat's catalogue pages link to the request's URL)."""
    problems = []
    for name, label, record, role, expected in _cells(ACTIONS):
        context = {"user": world.users.get(role, ""), "ignore_auth": False}
        got = _outcome(call_action, name, context, _parameters(name, record))
        if got != expected:
            problems.append((name, label, role, f"{got}, not {expected}"))
    assert_none(problems)


def test_endpoints_answer_each_role_as_the_matrix_says(app, world):
    """Each URL asked by name, as the role (by API token), without following redirects."""
    gets = {r.rule for r in app.flask_app.url_map.iter_rules() if "GET" in (r.methods or ())}
    problems = []
    for rule, label, record, role, expected in _cells(ENDPOINTS):
        headers = world.headers(role) | ({"Accept": "text/turtle"} if rule in TURTLE else {})
        ask = app.get if rule in gets else app.post
        answer = ask(_url(rule, record), headers=headers, follow_redirects=False)
        if answer.status_code != expected:
            problems.append((rule, label, role, f"{answer.status_code}, not {expected}"))
    assert_none(problems)


def test_the_resource_page_offers_validate_again_to_whom_the_auth_function_allows(app, world):
    problems = []
    rows = {"enti_validation_run": AUTH_FUNCTIONS["enti_validation_run"]}
    for _, label, record, role, allowed in _cells(rows):
        assert record is not None
        answer = get(app, world, role, _url("/dataset/<id>/resource/<resource_id>", record))
        offered = f"/resource/{record.resource}/validate" in answer.body
        if answer.status_code == 200 and offered != (allowed == 200):
            problems.append((label, role, "offered" if offered else "not offered"))
    assert_none(problems)


# -- 2. organizations ------------------------------------------------------------------------------

ORGANIZATION_CREATE = {  # role -> (the new municipality's DICO code, expected status)
    ANONYMOUS: ("0101", 403),
    PLAIN: ("0102", 403),
    EDITOR_B: ("0103", 403),
    ADMIN_A: ("0104", 403),
    SYSADMIN: ("0105", 200),
}


def test_only_sysadmins_create_organizations(app, world):
    problems = []
    try:
        for role, (dico, expected) in ORGANIZATION_CREATE.items():
            data = {"name": f"nova-{role}", "title": "Nova", "enti_kind": "municipio", "dico": dico}
            answer = post(app, world, role, "organization_create", **data)
            if answer.status_code != expected:
                problems.append((role, answer.status_code, f"expected {expected}"))
    finally:
        for role in ORGANIZATION_CREATE:
            with contextlib.suppress(ObjectNotFound):
                sysadmin = {"user": world.users[SYSADMIN]}
                call_action("organization_purge", sysadmin, id=f"nova-{role}")
    assert_none(problems)


# -- 3. validating again ---------------------------------------------------------------------------

VALIDATION_RUN = {  # role -> expected status for (A's public resource, A's private resource)
    ANONYMOUS: (403, 404),
    PLAIN: (403, 404),
    EDITOR_B: (403, 404),
    MEMBER_A: (403, 403),  # reads the private record, may not edit it
    EDITOR_A: (200, 200),
    SYSADMIN: (200, 200),
}


def test_only_editors_validate_again_and_outsiders_cannot_tell_a_private_resource(app, world):
    problems = []
    for role, expected in VALIDATION_RUN.items():
        for record, status in zip((PUBLIC, PRIVATE), expected, strict=True):
            answer = post(app, world, role, "enti_validation_run", id=record.resource)
            if answer.status_code != status:
                problems.append((role, record.name, f"{answer.status_code}, not {status}"))
    assert_none(problems)
