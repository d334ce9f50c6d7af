"""The national data-model catalogue (CNMD) shipped in ``schemas/cnmd``: which models exist.

A model is one JSON Schema, ``<area>/<theme>[/<subtheme>…]/schema/<EntityType>.schema.json``.
A dataset claims a model in ``conforms_to`` with the model's canonical URI (its folder in the CNMD
repository), the raw URL of its schema there, or the schema's own ``$id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from enti.schemas import path

REPOSITORY = "https://github.com/amagovpt/CATALOGO_MODELOS_DADOS_TI"
RAW = "https://raw.githubusercontent.com/amagovpt/CATALOGO_MODELOS_DADOS_TI/main"
SMART_DATA_MODELS = "https://smart-data-models.github.io/"
METADATA_FOLDER = "Comuns/Metadata"


@dataclass(frozen=True)
class Model:
    entity_type: str
    folder: str  # the model's folder, relative to schemas/cnmd: "<area>/<theme>/…"
    schema_file: str  # relative to schemas/cnmd
    schema_id: str

    @property
    def uri(self) -> str:
        """Canonical URI: the model's folder in the CNMD repository."""
        return f"{REPOSITORY}/tree/main/{quote(self.folder)}"

    @property
    def label(self) -> str:
        return f"{self.entity_type} — {self.folder.replace('/', ' / ')}"


def models() -> tuple[Model, ...]:
    """The data models of the CNMD copy shipped in ``schemas/cnmd``."""
    return models_in(path("cnmd"))


@cache
def models_in(root: Path) -> tuple[Model, ...]:
    """The data models of a CNMD tree (ours, or a newer release checked out elsewhere)."""
    found = []
    for schema in sorted(root.glob("**/schema/*.schema.json")):
        rel = schema.relative_to(root)
        folder = "/".join(rel.parts[:-2])
        if folder == METADATA_FOLDER:  # the metadata model describes records, not data
            continue
        schema_id = json.loads(schema.read_text(encoding="utf-8")).get("$id", "")
        entity = schema.name.removesuffix(".schema.json").split(".")[-1]
        found.append(Model(entity, folder, rel.as_posix(), schema_id))
    return tuple(found)


@cache
def _by_uri() -> dict[str, Model]:
    index: dict[str, Model] = {}
    for m in models():
        index[m.uri] = m
        index[unquote(m.uri)] = m
        index[f"{RAW}/{quote(m.schema_file)}"] = m
        index[f"{RAW}/{m.schema_file}"] = m
        if m.schema_id and "example.org" not in m.schema_id:
            index.setdefault(m.schema_id, m)
    return index


def model_for(uri: str) -> Model | None:
    return _by_uri().get(uri.strip().rstrip("/"))


def claims_cnmd(uri: str) -> bool:
    """Does this conforms-to URI point into the CNMD (or the Smart Data Models it builds on)?"""
    return uri.startswith((REPOSITORY, RAW, SMART_DATA_MODELS))


def model_named(name: str, root: Path | None = None) -> Model | None:
    """The model an entity type names (``WeatherObserved``, an expanded or prefixed IRI ending in
    it, any letter case) or a conforms-to URI of the model; ``None`` when no model matches."""
    name = name.strip()
    if root is None and (found := model_for(name)):
        return found
    index = _by_type(root or path("cnmd"))
    if name in index:
        return index[name]
    local = name.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]
    return index.get(local) or index.get(local.lower())


@cache
def _by_type(root: Path) -> dict[str, Model]:
    index = {m.entity_type: m for m in models_in(root)}
    index |= {m.entity_type.lower(): m for m in models_in(root)}
    return index


def load_schema(model: Model, root: Path | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        ((root or path("cnmd")) / model.schema_file).read_text(encoding="utf-8")
    )
    return schema


# --- the remote documents the schemas $ref, resolved from schemas/cnmd-refs only ---------------


def retrieve(uri: str) -> Resource:
    """Map ``http(s)://<host>/<path>`` to ``schemas/cnmd-refs/<host>/<path>``; refuse anything else.

    The retrieve function of :func:`refs_registry`: nothing is ever fetched from the network.
    """
    parts = urlsplit(uri)
    relative = PurePosixPath(parts.netloc + unquote(parts.path))
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or ".." in relative.parts
        or not (local := path("cnmd-refs", *relative.parts)).is_file()
    ):
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
    contents = json.loads(local.read_text(encoding="utf-8"))
    return Resource.from_contents(contents, default_specification=DRAFT202012)


@cache
def refs_registry() -> Registry[Any]:
    """Every document of ``schemas/cnmd-refs`` under its ``https://<host>/<path>`` URI, loaded once;
    other URIs go through :func:`retrieve`, which refuses what has no local copy."""
    root = path("cnmd-refs")
    uris = ["https://" + file.relative_to(root).as_posix() for file in sorted(root.rglob("*.json"))]
    registry: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    return registry.with_resources((uri, retrieve(uri)) for uri in uris)
