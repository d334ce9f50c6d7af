"""Issue 10: who may create organizations and who may have a resource validated again.

The world (organizations, users, records) is ``private_world``'s; B is another organization.
"""

from __future__ import annotations

import contextlib

import pytest
from ckan.plugins.toolkit import ObjectNotFound
from ckan.tests.helpers import call_action

from .private_world import (
    ADMIN_A,
    ANONYMOUS,
    EDITOR_A,
    EDITOR_B,
    MEMBER_A,
    PLAIN,
    PRIVATE,
    PUBLIC,
    SYSADMIN,
    World,
    assert_none,
    build_world,
    post,
)


@pytest.fixture(scope="module")
def world(reset_db, reset_index, migrate_db_for) -> World:
    """The world, built once for the module (conftest's ``clean_db`` is per test)."""
    return build_world(reset_db, reset_index, migrate_db_for)


# -- 1. organizations ------------------------------------------------------------------------------

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


# -- 2. validating again ---------------------------------------------------------------------------

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
