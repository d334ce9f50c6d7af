"""Issue 10, "Nothing private leaks": links between records. A link to a record one cannot read
is refused as a link to a missing one, and a public record shows the hidden records it links to
only to those who may read them (its public documents: to no one).

The world (organizations, users, records) is ``private_world``'s.
"""

from __future__ import annotations

import json

import pytest
from ckan.plugins.toolkit import config
from ckan.tests.helpers import call_action
from rdflib import DCAT, Graph, URIRef

from .private_world import (
    ANONYMOUS,
    DRAFT,
    DRAFT_SERIES,
    EDITOR_A,
    EDITOR_B,
    HIDDEN,
    LINKS,
    MISSING_ID,
    MISSING_NAME,
    OUTSIDERS,
    PRIVATE,
    PRIVATE_SERIES,
    PUBLIC,
    PUBLIC_SERIES,
    READERS,
    ROLES,
    SYSADMIN,
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


# -- 1. a link to a record one cannot read is refused as a link to a missing one -------------------

LINK_ATTEMPTS = (  # (type of B's new record, its link field, the hidden record of A it names)
    ("dataservice", "serves_dataset", PRIVATE),
    ("dataservice", "serves_dataset", DRAFT),
    ("dataset", "in_series", PRIVATE_SERIES),
    ("dataset", "in_series", DRAFT_SERIES),
)


def test_a_link_to_a_record_one_cannot_read_is_refused_as_a_link_to_a_missing_one(app, world):
    problems, created = [], []
    for kind, link_field, target in LINK_ATTEMPTS:
        for by, ref, missing in (
            ("name", target.name, MISSING_NAME),
            ("id", target.id, MISSING_ID),
        ):
            messages = {}
            for value in (ref, missing):
                created.append(f"b-liga-{len(created)}")
                data = new_record(kind, world.org_b, created[-1], **{link_field: [value]})
                answer = post(app, world, EDITOR_B, "package_create", **data)
                where = (target.name, f"by {by}", "hidden" if value == ref else "missing")
                if answer.status_code != 409:
                    problems.append((*where, f"{answer.status_code}, not 409"))
                rest = error_of(answer)[1]
                messages[value] = modulo(
                    rest.get(link_field) if isinstance(rest, dict) else rest, value
                )
                if leaked := leaks(answer.body, target, asked=ref):
                    problems.append((*where, f"the answer names its {leaked}"))
            if messages[ref] != messages[missing] or messages[ref] == "null":
                problems.append((target.name, by, messages[ref], "missing:", messages[missing]))
    purge(world, *created)
    assert_none(problems)


def test_a_publisher_links_the_hidden_records_of_their_own_organization(app, world):
    service = new_record("dataservice", world.org_a, "a-serve", serves_dataset=[PRIVATE.name])
    edition = new_record("dataset", world.org_a, "a-edicao", in_series=[PRIVATE_SERIES.id])
    try:
        for data, link_field, target in (
            (service, "serves_dataset", PRIVATE),
            (edition, "in_series", PRIVATE_SERIES),
        ):
            answer = post(app, world, EDITOR_A, "package_create", **data)
            assert answer.status_code == 200, answer.body
            shown = json.loads(answer.body)["result"][link_field]
            assert {target.name, target.id} & set(shown), shown
    finally:
        purge(world, service["name"], edition["name"])


# -- 2. a public record never shows the hidden records it links to ---------------------------------


def test_a_linking_record_lists_only_the_links_its_viewer_may_read(app, world):
    problems = []
    for role in ROLES:
        for linking, link_field, public, hidden in LINKS:
            answer = get(app, world, role, "/api/3/action/package_show", id=linking.name)
            shown = set(json.loads(answer.body)["result"][link_field])
            where = (role, linking.name, link_field)
            if not {public.name, public.id} & shown:
                problems.append((*where, f"lost the public link: {shown}"))
            if role in READERS:
                if not {hidden.name, hidden.id} & shown:
                    problems.append((*where, f"may read {hidden.name}, but it is not listed"))
            elif leaked := leaks(answer.body, hidden):
                problems.append((*where, f"names the hidden record's {leaked}"))
    assert_none(problems)


# Public documents are the same for every viewer: no hidden link for anyone, sysadmin included.
RECORD_DOCUMENTS = ("{name}.ttl", "{name}.rdf", "{name}.jsonld", "{name}/cnmd.json")
CATALOGUE_DOCUMENTS = ("/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/catalog/cnmd.json")


def test_record_documents_never_show_hidden_links_to_anyone(app, world):
    problems = []
    for template in RECORD_DOCUMENTS:
        for role in ROLES:
            for linking, link_field, public, hidden in LINKS:
                url = "/dataset/" + template.format(name=linking.name)
                answer = get(app, world, role, url)
                carries = not (url.endswith("cnmd.json") and link_field == "in_series")
                if answer.status_code != 200:
                    problems.append((role, url, answer.status_code))
                elif carries and public.id not in answer.body:  # CNMD has no dcat:inSeries
                    problems.append((role, url, f"lost the link to the public {public.name}"))
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, url, f"names {hidden.name}'s {leaked}"))
    assert_none(problems)


def test_catalogue_documents_never_show_hidden_records_to_anyone(app, world):
    problems = []
    for url in CATALOGUE_DOCUMENTS:
        for role in ROLES:
            answer = get(app, world, role, url)
            if answer.status_code != 200 or PUBLIC.id not in answer.body:
                problems.append((role, url, answer.status_code, "the public dataset is missing"))
            for label, hidden in HIDDEN.items():
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, url, f"names the {label} record's {leaked}"))
    assert_none(problems)


# Views that follow the viewer's rights: (URL, what shows the linking record is there).
OUTSIDER_VIEWS = (
    ("/api/3/action/package_search?q=*:*&rows=1000&include_private=1&include_drafts=1", "{name}"),
    # the index's copies of the record, its extras and facets (found by review)
    ("/api/3/action/package_search?q=name:{name}&fl=id,name,validated_data_dict", "{name}"),
    ("/api/3/action/package_search?q=name:{name}&fl=id,name,data_dict", "{name}"),
    ("/api/3/action/package_search?q=name:{name}&use_default_schema=true", "{name}"),
    (
        "/api/3/action/package_search?q=name:{name}&facet.field=%5B%22serves_dataset%22,"
        "%22in_series%22,%22extras_serves_dataset%22,%22extras_in_series%22%5D",
        "{name}",
    ),
    ("/{type}/{name}", "{title}"),
    ("/api/3/action/enti_dcat_conformance?id={name}", '"conforms"'),
)


def test_outsiders_see_no_hidden_link_in_search_pages_or_conformance(app, world):
    problems = []
    for template, shown in OUTSIDER_VIEWS:
        for role in OUTSIDERS:
            for linking, _, _, hidden in LINKS:
                names = {"type": linking.type, "name": linking.name, "title": linking.title}
                url = template.format(**names)
                answer = get(app, world, role, url)
                if answer.status_code != 200 or shown.format(**names) not in answer.body:
                    problems.append((role, url, answer.status_code, "the record is not shown"))
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, url, f"names {hidden.name}'s {leaked}"))
    assert_none(problems)


def test_the_dataset_form_offers_another_organization_only_public_series(app, world):
    """Beyond the brief's list of views: the form's choice of series is one too."""
    answer = get(app, world, EDITOR_B, "/dataset/new")
    assert answer.status_code == 200
    assert PUBLIC_SERIES.title in answer.body
    assert not leaks(answer.body, PRIVATE_SERIES) and not leaks(answer.body, DRAFT_SERIES)


def test_a_link_follows_the_visibility_of_the_record_it_names(app, world):
    """A served dataset made private leaves the service's documents; made public again, it is
    back (the link was kept, and no cached catalogue fragment is stale either way)."""
    sysadmin = {"user": world.users[SYSADMIN]}
    served = new_record("dataset", world.org_a, "ida-e-volta", title="Ida e volta XR5")
    service = new_record("dataservice", world.org_a, "servico-iv", serves_dataset=[served["name"]])
    documents = ("/dataset/servico-iv.ttl", "/catalog.ttl")
    try:
        served_id = call_action("package_create", sysadmin, **served)["id"]
        service_id = call_action("package_create", sysadmin, **service)["id"]
        link = (URIRef(_uri(service_id)), DCAT.servesDataset, URIRef(_uri(served_id)))
        for step, private in enumerate((False, True, False)):
            if step:
                call_action("package_patch", sysadmin, id=served_id, private=private)
            for url in documents:
                answer = get(app, world, ANONYMOUS, url)
                where = (
                    f"step {step}: {url} once the dataset is {'private' if private else 'public'}"
                )
                assert (link in _graph(answer)) is not private, where
                assert not private or "XR5" not in answer.body, where
    finally:
        purge(world, "servico-iv", "ida-e-volta")


def _uri(record_id: str) -> str:
    return f"{config['ckan.site_url']}/dataset/{record_id}"


def _graph(response) -> Graph:
    assert response.status_code == 200
    return Graph().parse(data=response.body, format="turtle")
