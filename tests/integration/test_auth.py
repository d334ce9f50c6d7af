"""Issue 10, "Nothing private leaks": the catalogue's authorization matrix.

One world is built for the module (users and organizations are slow to make): organization A
with public, private and draft records of each type and public records that link to its hidden
ones, organization B, and a user of each role. Each test is a row of the contract: it collects
every (role, record, endpoint) that answers otherwise and reports them all at once.

The hidden records have ASCII-only names, titles and descriptions (JSON answers escape accents)
and tags of their own, so a leak is found by searching an answer's text. Echoing back the key a
caller asked with (a 404 page links to its own URL) tells them nothing and is not a leak.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins
import pytest
from ckan.plugins.toolkit import ObjectNotFound, config
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib import DCAT, Graph, URIRef

from ckanext.enti.logic import actions as enti_actions
from ckanext.enti.logic import auth as enti_auth

from . import records
from .conftest import GEO

ANONYMOUS, PLAIN, SYSADMIN = "anonymous", "plain", "sysadmin"
MEMBER_A, EDITOR_A, ADMIN_A, EDITOR_B = "member_a", "editor_a", "admin_a", "editor_b"
ROLES = (ANONYMOUS, PLAIN, MEMBER_A, EDITOR_A, ADMIN_A, EDITOR_B, SYSADMIN)
# Who reads A's private and draft records: sysadmins and A's members of every capacity (CKAN's
# permission labels give an organization's records that are not public to all its members).
READERS = (MEMBER_A, EDITOR_A, ADMIN_A, SYSADMIN)
OUTSIDERS = (ANONYMOUS, PLAIN, EDITOR_B)

MISSING_NAME = "nao-existe-em-lado-nenhum"
MISSING_ID = "0f0e0d0c-0b0a-4909-8807-060504030201"


@dataclass
class Record:
    """A record of the world; ``id`` and ``resource`` (its resource's id) are set on creation."""

    type: str
    name: str
    title: str
    notes: str
    fields: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    resource: str = ""

    def secrets(self) -> dict[str, str]:
        return {
            "name": self.name,
            "id": self.id,
            "title": self.title,
            "notes": self.notes,
            "identifier": self.fields.get("identifier", ""),
            "resource id": self.resource,
        }


def leaks(text: str, record: Record, asked: str = "") -> list[str]:
    """What of ``record`` appears in ``text``, but the key the caller asked with."""
    return [k for k, v in record.secrets().items() if v and v != asked and v in text]


# -- the world -----------------------------------------------------------------------------------

PUBLIC_TAG = "segredo-revelado"  # public: a search for "segredo" must still find it
HIDDEN_TAGS = ("segredo-privado", "segredo-rascunho", "segredo-serie-priv", "segredo-serie-rasc")


def _hidden(kind: str, name: str, title: str, tag: str, **fields: Any) -> Record:
    notes = f"Descricao confidencial {name.split('-')[0].upper()}, so para a organizacao."
    identifier = "urn:enti:teste:" + tag.replace("segredo", "reservado")
    return Record(kind, name, title, notes, {"tag_string": tag, "identifier": identifier, **fields})


PUBLIC = Record("dataset", "aberto-a", "Dados abertos de A", "Publicos.")
PUBLIC_SERIES = Record("dataset_series", "serie-aberta-a", "Serie aberta de A", "Publica.")
SERVICE = Record("dataservice", "servico-aberto-a", "Servico aberto de A", "Publico.")
PRIVATE = _hidden("dataset", "xq7-privado", "Titulo XQ7 confidencial", HIDDEN_TAGS[0], private=True)
DRAFT = _hidden("dataset", "zk4-rascunho", "Titulo ZK4 por publicar", HIDDEN_TAGS[1], state="draft")
PRIVATE_SERIES = _hidden(
    "dataset_series", "pw2-serie", "Serie PW2 confidencial", HIDDEN_TAGS[2], private=True
)
DRAFT_SERIES = _hidden(
    "dataset_series", "mv9-serie", "Serie MV9 por publicar", HIDDEN_TAGS[3], state="draft"
)
HIDDEN = {
    "private": PRIVATE,
    "draft": DRAFT,
    "private series": PRIVATE_SERIES,
    "draft series": DRAFT_SERIES,
}
# Public records of A that link to a hidden record, and to a public one (so a link field that
# is merely emptied for everyone does not pass).
SERVES_PRIVATE = Record("dataservice", "servico-liga-a", "Servico que liga", "Serve dados de A.")
IN_PRIVATE_SERIES = Record("dataset", "edicao-liga-a", "Edicao que liga", "Edicao de A.")
LINKS = (  # (linking record, its link field, the public record linked, the hidden one)
    (SERVES_PRIVATE, "serves_dataset", PUBLIC, PRIVATE),
    (IN_PRIVATE_SERIES, "in_series", PUBLIC_SERIES, PRIVATE_SERIES),
)


@dataclass
class World:
    org_a: str
    org_b: str
    users: dict[str, str]  # role -> user name
    tokens: dict[str, str]  # role -> API token

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": self.tokens[role]} if role in self.tokens else {}


MAKERS = {
    "dataset": records.dataset,
    "dataservice": records.dataservice,
    "dataset_series": records.series,
}


def _create(user: str, record: Record, owner_org: str, **fields: Any) -> None:
    texts = {"name": record.name, "title": record.title, "notes": record.notes}
    data = {**MAKERS[record.type](owner_org, **texts, **record.fields), **fields}
    if record.type == "dataset":
        data["resources"] = [records.distribution(name=f"Distribuicao de {record.name}")]
    created = call_action("package_create", {"user": user}, **data)
    record.id = created["id"]
    record.resource = created["resources"][0]["id"] if created.get("resources") else ""


@pytest.fixture(scope="module")
def world(reset_db, reset_index, migrate_db_for) -> World:
    """The whole world, built once for the module (conftest's ``clean_db`` is per test)."""
    ckan.plugins.load_all()
    reset_db()
    for plugin in ("activity", "harvest", "enti"):
        migrate_db_for(plugin)
    reset_index()

    users = {role: factories.User()["name"] for role in ROLES[1:-1]}
    users[SYSADMIN] = factories.Sysadmin()["name"]
    tokens = {
        role: call_action(
            "api_token_create", {"user": name, "ignore_auth": True}, user=name, name="t"
        )["token"]
        for role, name in users.items()
    }
    in_a = [{"name": users[r], "capacity": r.split("_")[0]} for r in (MEMBER_A, EDITOR_A, ADMIN_A)]
    in_b = [{"name": users[EDITOR_B], "capacity": "editor"}]
    org_a = factories.Organization(
        name="organizacao-a", title="Organizacao A", enti_kind="municipio", dico="1106", users=in_a
    )["id"]
    org_b = factories.Organization(
        name="organizacao-b", title="Organizacao B", enti_kind="municipio", dico="1312", users=in_b
    )["id"]

    sysadmin = users[SYSADMIN]
    _create(sysadmin, PUBLIC, org_a, tag_string=f"{PUBLIC_TAG},abertos", **GEO)
    _create(sysadmin, PUBLIC_SERIES, org_a)
    _create(sysadmin, SERVICE, org_a, serves_dataset=[PUBLIC.name])
    _create(sysadmin, PRIVATE, org_a, **GEO)  # HVD too: /catalog/hvd.ttl would list it
    _create(sysadmin, DRAFT, org_a, **GEO)
    _create(sysadmin, PRIVATE_SERIES, org_a)
    _create(sysadmin, DRAFT_SERIES, org_a)
    _create(sysadmin, SERVES_PRIVATE, org_a, serves_dataset=[PUBLIC.name, PRIVATE.name])
    _create(sysadmin, IN_PRIVATE_SERIES, org_a, in_series=[PUBLIC_SERIES.id, PRIVATE_SERIES.id])
    return World(org_a=org_a, org_b=org_b, users=users, tokens=tokens)


# -- calling the site ----------------------------------------------------------------------------


def get(app, world: World, role: str, url: str, **params: Any):
    return app.get(url, params=params or None, headers=world.headers(role))


def post(app, world: World, role: str, action: str, **data: Any):
    return app.post(f"/api/3/action/{action}", json=data, headers=world.headers(role))


def error_of(response) -> tuple[str, Any]:
    """``(__type, the rest of the error)`` of a JSON error answer."""
    try:
        body = json.loads(response.body)
    except ValueError:
        return "not JSON", response.body[:200]
    error = body.get("error", {}) if isinstance(body, dict) else {}
    return error.get("__type", "no __type"), {k: v for k, v in error.items() if k != "__type"}


def _modulo(value: Any, key: str) -> str:
    """``value`` as text with ``key`` (the id or name asked for) replaced by a placeholder."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False).replace(key, "<key>")


def _new_record(kind: str, owner_org: str, name: str, **fields: Any) -> dict[str, Any]:
    return MAKERS[kind](owner_org, name=name, **{"identifier": f"urn:enti:teste:{name}", **fields})


def _purge(world: World, *names: str) -> None:
    """Remove what a test created (or what a refusal that did not happen created)."""
    for name in names:
        with contextlib.suppress(ObjectNotFound):
            call_action("dataset_purge", {"user": world.users[SYSADMIN]}, id=name)


def _assert_none(problems: list[Any]) -> None:
    assert not problems, "\n" + "\n".join(map(str, problems))


# -- 1. a record one cannot read answers exactly as a missing one --------------------------------

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
    if _modulo(rest, key) != _modulo(missing[2], missing[3]):
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
    _assert_none(problems)


# -- 2. a link to a record one cannot read is refused as a link to a missing one -----------------

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
                data = _new_record(kind, world.org_b, created[-1], **{link_field: [value]})
                answer = post(app, world, EDITOR_B, "package_create", **data)
                where = (target.name, f"by {by}", "hidden" if value == ref else "missing")
                if answer.status_code != 409:
                    problems.append((*where, f"{answer.status_code}, not 409"))
                rest = error_of(answer)[1]
                messages[value] = _modulo(
                    rest.get(link_field) if isinstance(rest, dict) else rest, value
                )
                if leaked := leaks(answer.body, target, asked=ref):
                    problems.append((*where, f"the answer names its {leaked}"))
            if messages[ref] != messages[missing] or messages[ref] == "null":
                problems.append((target.name, by, messages[ref], "missing:", messages[missing]))
    _purge(world, *created)
    _assert_none(problems)


def test_a_publisher_links_the_hidden_records_of_their_own_organization(app, world):
    service = _new_record("dataservice", world.org_a, "a-serve", serves_dataset=[PRIVATE.name])
    edition = _new_record("dataset", world.org_a, "a-edicao", in_series=[PRIVATE_SERIES.id])
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
        _purge(world, service["name"], edition["name"])


# -- 3. a public record never shows the hidden records it links to -------------------------------


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
    _assert_none(problems)


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
    _assert_none(problems)


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
    _assert_none(problems)


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
    _assert_none(problems)


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
    served = _new_record("dataset", world.org_a, "ida-e-volta", title="Ida e volta XR5")
    service = _new_record("dataservice", world.org_a, "servico-iv", serves_dataset=[served["name"]])
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
        _purge(world, "servico-iv", "ida-e-volta")


def _uri(record_id: str) -> str:
    return f"{config['ckan.site_url']}/dataset/{record_id}"


def _graph(response) -> Graph:
    assert response.status_code == 200
    return Graph().parse(data=response.body, format="turtle")


# -- 4. a duplicate identifier does not tell whose it is -----------------------------------------


def test_a_duplicate_identifier_does_not_name_the_hidden_record(app, world):
    problems = []
    for label, hidden in HIDDEN.items():
        identifier = hidden.fields["identifier"]
        data = _new_record("dataset", world.org_b, "b-duplicado", identifier=identifier)
        answer = post(app, world, EDITOR_B, "package_create", **data)
        _purge(world, "b-duplicado")
        kind, rest = error_of(answer)
        if answer.status_code != 409 or kind != "Validation Error" or "identifier" not in rest:
            problems.append((label, answer.status_code, kind, rest))
        if leaked := leaks(answer.body, hidden, asked=identifier):
            problems.append((label, f"the message names its {leaked}: {rest}"))
    _assert_none(problems)


# -- 5. CKAN's tag and member lists --------------------------------------------------------------

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
    _assert_none(problems)


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
            if _modulo(rest, tag) != _modulo(missing[1], MISSING_NAME):
                problems.append((role, tag, rest, "missing:", missing[1]))
            for hidden in HIDDEN.values():
                if leaked := leaks(answer.body, hidden):
                    problems.append((role, tag, f"names {hidden.name}'s {leaked}"))
    _assert_none(problems)


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
    _assert_none(problems)


# -- 6. the catalogue is public, whoever asks and however it is filtered -------------------------

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
    _assert_none(problems)


# -- 7. organizations --------------------------------------------------------------------------

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
    _assert_none(problems)


# -- 8. no 500 ---------------------------------------------------------------------------------


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
    _assert_none(problems)


# -- 9. validating again -----------------------------------------------------------------------

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
    _assert_none(problems)


# -- 10. every action and auth function of the plugin has an authorization decision -------------


def _dataset_fields(world: World) -> dict[str, Any]:
    return _new_record("dataset", world.org_a, "anonimo")


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
    _assert_none(problems)


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
    _assert_none(problems)
