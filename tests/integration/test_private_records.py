"""Issue 10, "Nothing private leaks": a private or draft record is, to whoever may not read it,
a record that does not exist — in every answer, list, tag, catalogue and activity.

Each test is a row of the contract: it collects every (role, record, endpoint) that answers
otherwise and reports them all at once. The world (organizations, users, records) is
``private_world``'s.
"""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests.helpers import call_action

from .private_world import (
    ADMIN_A,
    ANONYMOUS,
    EDITOR_A,
    EDITOR_B,
    HIDDEN,
    HIDDEN_TAGS,
    MISSING_ID,
    MISSING_NAME,
    OUTSIDERS,
    PRIVATE,
    PUBLIC,
    PUBLIC_TAG,
    READERS,
    ROLES,
    SYSADMIN,
    Record,
    World,
    assert_none,
    build_world,
    error_of,
    get,
    leaks,
    modulo,
    new_record,
    post,
    purge,
)


@pytest.fixture(scope="module")
def world(reset_db, reset_index, migrate_db_for) -> World:
    """The world, built once for the module (conftest's ``clean_db`` is per test)."""
    return build_world(reset_db, reset_index, migrate_db_for)


# -- 1. a record one cannot read answers exactly as a missing one ----------------------------------

# endpoint -> URL: {key} is the record's name or id, {resource} its resource's id.
READS = {
    "API actions": {
        "package_show": "/api/3/action/package_show?id={key}",
        "resource_show": "/api/3/action/resource_show?id={resource}",
        "enti_dcat_conformance": "/api/3/action/enti_dcat_conformance?id={key}",
        "enti_cnmd_metadata_show": "/api/3/action/enti_cnmd_metadata_show?id={key}",
        "enti_validation_show": "/api/3/action/enti_validation_show?id={resource}",
        "dcat_dataset_show": "/api/3/action/dcat_dataset_show?id={key}",
    },
    "DCAT documents": {
        "record.ttl": "/dataset/{key}.ttl",
        "record.rdf": "/dataset/{key}.rdf",
        "record.jsonld": "/dataset/{key}.jsonld",
    },
    "CNMD entity and page": {
        "record/cnmd.json": "/dataset/{key}/cnmd.json",
        "record page": "/{type}/{key}",
    },
}


def _keys(role: str, record: Record, by_resource: bool) -> list[tuple[str, str]]:
    if by_resource:
        return [("id", record.resource)] if record.resource else []  # series: no resources
    if role in READERS:
        return [("name", record.name)]  # by id, the page redirects to the name
    return [("name", record.name), ("id", record.id)]


def _unlike_missing(answer, record: Record, key: str, missing: tuple[Any, ...]) -> list[str]:
    """How an answer about a record one cannot read differs from the answer about a missing one
    (``missing``: its ``(status, __type, rest of the error, key asked)``)."""
    found = []
    if answer.status_code != 404:
        found.append(f"{answer.status_code}, not 404")
    if leaked := leaks(answer.body, record, asked=key):
        found.append(f"the answer names its {leaked}")
    if missing[1] == "not JSON":  # a page or an RDF document: the status says it all
        return found
    kind, rest = error_of(answer)
    if kind != "Not Found Error" or kind != missing[1]:
        found.append(f"error {kind!r}, missing: {missing[1]!r}")
    if modulo(rest, key) != modulo(missing[2], missing[3]):
        found.append(f"error {rest}, missing: {missing[2]}")
    return found


@pytest.mark.parametrize("group", list(READS))
def test_a_record_one_cannot_read_answers_exactly_as_a_missing_one(app, world, group):
    problems = []
    for endpoint, template in READS[group].items():
        by_resource = "{resource}" in template
        for role in ROLES:
            missing = {}  # by name / by id -> (status, __type, rest of the error, key asked)
            for by, key in (("name", MISSING_NAME), ("id", MISSING_ID)):
                answer = get(
                    app, world, role, template.format(key=key, resource=key, type="dataset")
                )
                missing[by] = (answer.status_code, *error_of(answer), key)
                if answer.status_code != 404:
                    problems.append((endpoint, role, f"missing, by {by}", answer.status_code))
            for label, record in HIDDEN.items():
                for by, key in _keys(role, record, by_resource):
                    url = template.format(key=key, resource=key, type=record.type)
                    answer = get(app, world, role, url)
                    if role not in READERS:
                        found = _unlike_missing(answer, record, key, missing[by])
                    else:
                        found = (
                            [] if answer.status_code == 200 else [f"{answer.status_code}, not 200"]
                        )
                    problems += [(endpoint, role, label, f"by {by}", f) for f in found]
    assert_none(problems)


# -- 2. a duplicate identifier does not tell whose it is -------------------------------------------


def test_a_duplicate_identifier_does_not_name_the_hidden_record(app, world):
    problems = []
    for label, hidden in HIDDEN.items():
        identifier = hidden.fields["identifier"]
        data = new_record("dataset", world.org_b, "b-duplicado", identifier=identifier)
        answer = post(app, world, EDITOR_B, "package_create", **data)
        purge(world, "b-duplicado")
        kind, rest = error_of(answer)
        if answer.status_code != 409 or kind != "Validation Error" or "identifier" not in rest:
            problems.append((label, answer.status_code, kind, rest))
        if leaked := leaks(answer.body, hidden, asked=identifier):
            problems.append((label, f"the message names its {leaked}: {rest}"))
    assert_none(problems)


# -- 3. CKAN's tag and member lists ----------------------------------------------------------------

TAG_LISTS = (
    ("tag_list", {}),
    ("tag_list", {"all_fields": "true"}),
    ("tag_search", {"query": "segredo"}),
    ("tag_autocomplete", {"q": "segredo"}),
)


def test_tag_lists_hold_no_tag_of_hidden_records_for_outsiders(app, world):
    problems = []
    for action, params in TAG_LISTS:
        for role in ROLES:
            answer = get(app, world, role, f"/api/3/action/{action}", **params)
            where = (role, action, params)
            if answer.status_code != 200 or PUBLIC_TAG not in answer.body:
                problems.append((*where, answer.status_code, f"{PUBLIC_TAG} is not listed"))
            if role in OUTSIDERS and (listed := [t for t in HIDDEN_TAGS if t in answer.body]):
                problems.append((*where, f"lists {listed}"))
    assert_none(problems)


def test_a_tag_of_hidden_records_only_is_not_found_for_outsiders(app, world):
    problems = []
    for role in OUTSIDERS:
        public = get(app, world, role, "/api/3/action/tag_show", id=PUBLIC_TAG)
        if public.status_code != 200:
            problems.append((role, PUBLIC_TAG, public.status_code))
        missing = error_of(get(app, world, role, "/api/3/action/tag_show", id=MISSING_NAME))
        for tag in HIDDEN_TAGS:
            answer = get(app, world, role, "/api/3/action/tag_show", id=tag)
            kind, rest = error_of(answer)
            if answer.status_code != 404 or kind != missing[0]:
                problems.append((role, tag, answer.status_code, kind, "missing:", missing[0]))
            if modulo(rest, tag) != modulo(missing[1], MISSING_NAME):
                problems.append((role, tag, rest, "missing:", missing[1]))
            for hidden in HIDDEN.values():
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, tag, f"names {hidden.name}'s {leaked}"))
    assert_none(problems)


def test_an_organization_lists_its_hidden_datasets_only_to_its_own(app, world):
    problems = []
    for params in ({"object_type": "package"}, {}):
        for role in ROLES:
            url = "/api/3/action/member_list"
            answer = get(app, world, role, url, id="organizacao-a", **params)
            where = (role, params)
            if answer.status_code >= 500 or (
                role in (ADMIN_A, SYSADMIN) and answer.status_code != 200
            ):
                problems.append((*where, answer.status_code))
            if role not in OUTSIDERS:
                continue
            if listed := [label for label, h in HIDDEN.items() if h.id in answer.body]:
                problems.append((*where, f"lists the {listed} records"))
            if answer.status_code == 200 and PUBLIC.id not in answer.body:
                problems.append((*where, "the public dataset is not listed"))
    assert_none(problems)


# -- 4. the catalogue is public, whoever asks and however it is filtered ---------------------------

FILTERED_CATALOGUES = (
    "/catalog/cnmd.json?fq=%2Bstate:(draft OR active)",
    "/catalog/cnmd.json?fq=capacity:private",
    "/catalog/cnmd.json?q=segredo",
    "/catalog.ttl?fq=%2Bstate:draft",
    "/catalog.ttl?fq=capacity:private",
    "/catalog.ttl?q=*:*&fq=%2Bstate:(draft OR active)",
    "/catalog.jsonld?fq=capacity:private",
    "/catalog/hvd.ttl?fq=capacity:private",
    "/catalog/hvd.ttl?fq=%2Bstate:(draft OR active)",
)


def test_filters_do_not_bring_hidden_records_into_the_catalogue(app, world):
    problems = []
    for url in FILTERED_CATALOGUES:
        for role in (ANONYMOUS, EDITOR_A, SYSADMIN):
            answer = get(app, world, role, url)
            if answer.status_code >= 500:
                problems.append((role, url, answer.status_code))
            for label, hidden in HIDDEN.items():
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, url, f"lists the {label} record ({leaked})"))
    assert_none(problems)


# -- 5. no 500 -------------------------------------------------------------------------------------


def test_collaborators_and_activities_answer_without_a_crash(app, world):
    problems = []
    answer = get(app, world, ANONYMOUS, "/api/3/action/package_collaborator_list", id=PUBLIC.id)
    if answer.status_code not in (403, 404) or error_of(answer)[0] == "not JSON":
        problems.append(("package_collaborator_list", answer.status_code, answer.body[:200]))
    sysadmin = {"user": world.users[SYSADMIN]}
    for record in (PUBLIC, PRIVATE):
        activity = call_action("package_activity_list", sysadmin, id=record.id)[0]["id"]
        for role in ROLES:
            answer = get(app, world, role, "/api/3/action/activity_show", id=activity)
            where = ("activity_show", role, record.name)
            if not (answer.status_code == 200 or 400 <= answer.status_code < 500):
                problems.append((*where, answer.status_code))
            if record is PRIVATE and role in OUTSIDERS and answer.status_code == 200:
                problems.append((*where, "an outsider reads the activity of a private record"))
            if record is PRIVATE and role in OUTSIDERS and (leaked := leaks(answer.body, record)):
                problems.append((*where, f"names its {leaked}"))
    assert_none(problems)


# -- 6. CKAN core actions on a record the caller may not read --------------------------------------

# CKAN core actions on a record, as another organization's editor: (parameters naming the record;
# {key} is replaced by the private record's id, or its resource's, and then by a missing one).
ON_A_RECORD = {
    "am_following_dataset": {"id": "{id}"},
    "dataset_follower_count": {"id": "{id}"},
    "follow_dataset": {"id": "{id}"},
    "unfollow_dataset": {"id": "{id}"},
    "package_activity_list": {"id": "{id}"},
    "package_relationships_list": {"id": "{id}"},
    "package_relationship_create": {"subject": "{id}", "object": "aberto-a", "type": "child_of"},
    "member_create": {
        "id": "organizacao-b",
        "object": "{id}",
        "object_type": "package",
        "capacity": "public",
    },
    "package_patch": {"id": "{id}", "title": "X"},
    "package_delete": {"id": "{id}"},
    "dataset_purge": {"id": "{id}"},
    "resource_view_list": {"id": "{resource}"},
    "resource_patch": {"id": "{resource}", "name": "X"},
    "resource_delete": {"id": "{resource}"},
}


def test_core_actions_answer_a_private_record_as_a_missing_one(app, world):
    """Found by review: follow, relationship, member and purge calls told a private record from
    a missing one (403 or 200 against 404 or 409)."""
    problems = []
    for action, template in ON_A_RECORD.items():
        answers = []
        for record_id, resource in ((PRIVATE.id, PRIVATE.resource), (MISSING_ID, MISSING_ID)):
            data = {
                k: v.format(id=record_id, resource=resource) if isinstance(v, str) else v
                for k, v in template.items()
            }
            answer = post(app, world, EDITOR_B, action, **data)
            answers.append((answer.status_code, error_of(answer)[0]))
        if answers[0] != answers[1]:
            problems.append((action, f"private {answers[0]}, missing {answers[1]}"))
    assert_none(problems)
