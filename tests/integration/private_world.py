"""The world of the authorization tests: two organizations, a user of each role, and public,
private and draft records, built once for a test module (users and organizations are slow to
make), and the helpers that ask the site as one of those users.

Organization A has public, private and draft records of each type and public records that link
to its hidden ones; organization B has an editor and an admin and no record. The hidden records
have ASCII-only names, titles and descriptions (JSON answers escape accents) and tags of their
own, so a leak is found by searching an answer's text. Echoing back the key a caller asked with
(a 404 page links to its own URL) tells them nothing and is not a leak.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins
from ckan.plugins.toolkit import ObjectNotFound
from ckan.tests import factories
from ckan.tests.helpers import call_action

from . import records
from .conftest import GEO

ANONYMOUS, PLAIN, SYSADMIN = "anonymous", "plain", "sysadmin"
MEMBER_A, EDITOR_A, ADMIN_A, EDITOR_B, ADMIN_B = (
    "member_a",
    "editor_a",
    "admin_a",
    "editor_b",
    "admin_b",
)
# The roles the leak tests ask as (the role matrix of test_auth.py asks as ADMIN_B too).
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


# -- the records ---------------------------------------------------------------------------------

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

MAKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "dataset": records.dataset,
    "dataservice": records.dataservice,
    "dataset_series": records.series,
}


@dataclass
class World:
    org_a: str
    org_b: str
    users: dict[str, str]  # role -> user name
    tokens: dict[str, str]  # role -> API token

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": self.tokens[role]} if role in self.tokens else {}


def _create(user: str, record: Record, owner_org: str, **fields: Any) -> None:
    texts = {"name": record.name, "title": record.title, "notes": record.notes}
    data = {**MAKERS[record.type](owner_org, **texts, **record.fields), **fields}
    if record.type == "dataset":
        data["resources"] = [records.distribution(name=f"Distribuicao de {record.name}")]
    created = call_action("package_create", {"user": user}, **data)
    record.id = created["id"]
    record.resource = created["resources"][0]["id"] if created.get("resources") else ""


def _organization(name: str, dico: str, users: dict[str, str], roles: tuple[str, ...]) -> str:
    """A municipality with a member of each role (``member_a`` is a member of it, and so on)."""
    members = [{"name": users[role], "capacity": role.split("_")[0]} for role in roles]
    title = f"Organizacao {name[-1].upper()}"
    return factories.Organization(
        name=name, title=title, enti_kind="municipio", dico=dico, users=members
    )["id"]


def build_world(reset_db, reset_index, migrate_db_for) -> World:
    """The whole world, in an emptied database and index (with CKAN's fixtures of those names)."""
    ckan.plugins.load_all()
    reset_db()
    for plugin in ("activity", "harvest", "enti"):
        migrate_db_for(plugin)
    reset_index()

    users = {role: factories.User()["name"] for role in (*ROLES[1:-1], ADMIN_B)}
    users[SYSADMIN] = factories.Sysadmin()["name"]
    tokens = {
        role: call_action(
            "api_token_create", {"user": name, "ignore_auth": True}, user=name, name="t"
        )["token"]
        for role, name in users.items()
    }
    org_a = _organization("organizacao-a", "1106", users, (MEMBER_A, EDITOR_A, ADMIN_A))
    org_b = _organization("organizacao-b", "1312", users, (EDITOR_B, ADMIN_B))

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


def modulo(value: Any, key: str) -> str:
    """``value`` as text with ``key`` (the id or name asked for) replaced by a placeholder."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False).replace(key, "<key>")


def new_record(kind: str, owner_org: str, name: str, **fields: Any) -> dict[str, Any]:
    return MAKERS[kind](owner_org, name=name, **{"identifier": f"urn:enti:teste:{name}", **fields})


def purge(world: World, *names: str) -> None:
    """Remove what a test created (or what a refusal that did not happen created)."""
    for name in names:
        with contextlib.suppress(ObjectNotFound):
            call_action("dataset_purge", {"user": world.users[SYSADMIN]}, id=name)


def assert_none(problems: list[Any]) -> None:
    assert not problems, "\n" + "\n".join(map(str, problems))
