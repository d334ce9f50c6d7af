"""The national data-model catalogue (CNMD) shipped in ``schemas/cnmd``: which models exist.

A model is one JSON Schema, ``<area>/<theme>[/<subtheme>…]/schema/<EntityType>.schema.json``.
A dataset claims a model in ``conforms_to`` with the model's canonical URI (its folder in the CNMD
repository), the raw URL of its schema there, or the schema's own ``$id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, unquote

from enti.schemas import path
from enti.validators.messages import Message

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


@cache
def models() -> tuple[Model, ...]:
    root = path("cnmd")
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


def conforms_to_error(uri: str) -> Message | None:
    """Why a conforms-to URI that claims a CNMD model names none, or ``None``."""
    if not claims_cnmd(uri) or model_for(uri):
        return None
    return Message(
        pt=f"«{uri}» não corresponde a nenhum modelo do Catálogo Nacional de Modelos de Dados; "
        "escolha o modelo na lista (p. ex. " + models()[0].uri + ")",
        en=f"«{uri}» matches no model of the national data-model catalogue (CNMD); "
        "choose the model from the list (e.g. " + models()[0].uri + ")",
    )
