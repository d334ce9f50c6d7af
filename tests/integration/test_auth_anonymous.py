"""Issue 10: every action the plugin registers (its own, the CKAN core ones it narrows and the
writes it checks for shape) and every auth function has a decided answer for anonymous callers,
and gives it. A record anonymous callers may not read answers as a missing one.

The world (organizations, users, records) is ``private_world``'s; the role matrix of the
plugin's own actions is test_auth.py's.
"""

from __future__ import annotations

from typing import Any

import pytest

from ckanext.enti.logic import actions as enti_actions
from ckanext.enti.logic import auth as enti_auth

from .private_world import (
    ANONYMOUS,
    DRAFT,
    HIDDEN_TAGS,
    MISSING_ID,
    PRIVATE,
    PRIVATE_SERIES,
    PUBLIC,
    World,
    assert_none,
    build_world,
    get,
    new_record,
    post,
)


@pytest.fixture(scope="module")
def world(reset_db, reset_index, migrate_db_for) -> World:
    """The world, built once for the module (conftest's ``clean_db`` is per test)."""
    return build_world(reset_db, reset_index, migrate_db_for)


def _dataset_fields(world: World) -> dict[str, Any]:
    return new_record("dataset", world.org_a, "anonimo")


# action -> (HTTP method, its parameters in the world, the anonymous caller's expected status)
ANONYMOUS_ANSWERS: dict[str, tuple[str, Any, int]] = {
    "activity_show": ("GET", lambda w: {"id": MISSING_ID}, 404),
    "dcat_catalog_search": ("GET", lambda w: {}, 200),
    "dcat_catalog_show": ("GET", lambda w: {}, 200),
    "dcat_dataset_show": ("GET", lambda w: {"id": DRAFT.name}, 404),
    "enti_cnmd_catalog_show": ("GET", lambda w: {}, 200),
    "enti_cnmd_metadata_show": ("GET", lambda w: {"id": PRIVATE.name}, 404),
    "enti_dcat_conformance": ("GET", lambda w: {"id": PUBLIC.name}, 200),
    "enti_validation_run": ("POST", lambda w: {"id": PUBLIC.resource}, 403),
    "enti_validation_show": ("GET", lambda w: {"id": PRIVATE.resource}, 404),
    "member_list": ("GET", lambda w: {"id": "organizacao-a"}, 200),
    "organization_create": ("POST", lambda w: {"name": "anonima", "enti_kind": "cim"}, 403),
    "organization_patch": ("POST", lambda w: {"id": "organizacao-a", "title": "X"}, 403),
    "organization_update": ("POST", lambda w: {"id": "organizacao-a", "title": "X"}, 403),
    "package_collaborator_list": ("GET", lambda w: {"id": PUBLIC.id}, 403),
    "package_create": ("POST", _dataset_fields, 403),
    "package_patch": ("POST", lambda w: {"id": PUBLIC.id, "title": "X"}, 403),
    "package_show": ("GET", lambda w: {"id": PRIVATE_SERIES.id}, 404),
    "package_update": ("POST", lambda w: {**_dataset_fields(w), "id": PUBLIC.id}, 403),
    "resource_create": ("POST", lambda w: {"package_id": PUBLIC.id, "url": "https://x.pt"}, 403),
    "resource_patch": ("POST", lambda w: {"id": PUBLIC.resource, "name": "X"}, 403),
    "resource_show": ("GET", lambda w: {"id": DRAFT.resource}, 404),
    "resource_update": ("POST", lambda w: {"id": PUBLIC.resource, "url": "https://x.pt"}, 403),
    "tag_autocomplete": ("GET", lambda w: {"q": "segredo"}, 200),
    "tag_list": ("GET", lambda w: {}, 200),
    "tag_search": ("GET", lambda w: {"query": "segredo"}, 200),
    "tag_show": ("GET", lambda w: {"id": HIDDEN_TAGS[0]}, 404),
    # CKAN core actions on a record: a private one answers as a missing one (ckanext-enti
    # chains them, logic/core_actions.py).
    "dataset_follower_count": ("GET", lambda w: {"id": PRIVATE.id}, 409),
    "activity_data_show": ("GET", lambda w: {"id": MISSING_ID}, 404),
    "am_following_dataset": ("GET", lambda w: {"id": PRIVATE.id}, 409),
    "dataset_purge": ("POST", lambda w: {"id": PRIVATE.id}, 404),
    "follow_dataset": ("POST", lambda w: {"id": PRIVATE.id}, 404),
    "member_create": (
        "POST",
        lambda w: {
            "id": "organizacao-b",
            "object": PRIVATE.id,
            "object_type": "package",
            "capacity": "public",
        },
        404,
    ),
    "package_relationship_create": (
        "POST",
        lambda w: {"subject": PRIVATE.id, "object": PUBLIC.id, "type": "child_of"},
        404,
    ),
    "unfollow_dataset": ("POST", lambda w: {"id": PRIVATE.id}, 404),
    "dataset_follower_list": ("GET", lambda w: {"id": PRIVATE.id}, 403),
    "package_activity_list": ("GET", lambda w: {"id": PRIVATE.id}, 404),
    "package_relationships_list": ("GET", lambda w: {"id": PRIVATE.id}, 404),
    "resource_view_list": ("GET", lambda w: {"id": PRIVATE.resource}, 404),
    "package_collaborator_create": (
        "POST",
        lambda w: {"id": PRIVATE.id, "user_id": "x", "capacity": "editor"},
        404,
    ),
    "package_collaborator_delete": ("POST", lambda w: {"id": PRIVATE.id, "user_id": "x"}, 404),
    "package_delete": ("POST", lambda w: {"id": PRIVATE.id}, 404),
    "package_owner_org_update": (
        "POST",
        lambda w: {"id": PRIVATE.id, "organization_id": "organizacao-a"},
        404,
    ),
    "package_resource_reorder": ("POST", lambda w: {"id": PRIVATE.id, "order": []}, 404),
    "resource_delete": ("POST", lambda w: {"id": PRIVATE.resource}, 404),
    "resource_view_create": (
        "POST",
        lambda w: {"resource_id": PRIVATE.resource, "title": "x", "view_type": "text_view"},
        404,
    ),
}


def test_every_action_and_auth_function_of_the_plugin_has_an_anonymous_answer():
    registered = set(enti_actions()) | set(enti_auth.__all__)
    undecided = registered - set(ANONYMOUS_ANSWERS)
    assert not undecided, f"decide who may call {sorted(undecided)}: add to ANONYMOUS_ANSWERS"


def test_each_action_answers_anonymous_callers_as_decided(app, world):
    problems = []
    for action, (method, params, expected) in ANONYMOUS_ANSWERS.items():
        if method == "GET":
            answer = get(app, world, ANONYMOUS, f"/api/3/action/{action}", **params(world))
        else:
            answer = post(app, world, ANONYMOUS, action, **params(world))
        if answer.status_code != expected:
            problems.append((action, f"{answer.status_code}, not {expected}", answer.body[:160]))
    assert_none(problems)
