"""A table held to the tabular form of a CNMD model: its Table Schema fitted to the file's header.

ENTI's Table Schemas (``schemas/table-schemas``) list every scalar property of a model as a
column. A publisher's file carries some of them, in its own order, sometimes with columns of its
own. So the columns are matched by name (also ignoring letter case, accents and ``_``/``-``):
each column the model knows takes its field (type, format, constraints), any other column is read
as text and named in a warning, and a mandatory column that is missing is an error
(``missing-label``, as frictionless names it). A file that shares almost no column with the model
is not its tabular form (a summary table, a legend …): it is not held to the schema, and a
warning says so.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from enti.validators.messages import Message
from enti.validators.report import WARNING, Finding
from enti.validators.tabular.detect import column_words

# Below this share of the file's columns named as in the model, the file is not its tabular form.
MATCH_SHARE = 0.5


@dataclass
class Fitted:
    descriptor: dict[str, Any] | None  # the schema to validate with; None: structure only
    findings: list[Finding] = field(default_factory=list)


def fit(descriptor: dict[str, Any], labels: list[str], model: str) -> Fitted:
    """The Table Schema of ``model`` fitted to a file whose header is ``labels``. Blank and
    repeated labels get unique field names, as frictionless infers them (``field9``, ``obs2``),
    so its ``blank-label`` and ``duplicate-label`` findings still come."""
    by_key = {_key(f["name"]): f for f in descriptor.get("fields", [])}
    fields: list[dict[str, Any]] = []
    seen: dict[str, str] = {}  # model field name -> the file's label
    taken: set[str] = set()
    for position, label in enumerate(labels, start=1):
        known = by_key.get(_key(label)) if label.strip() else None
        if known is None or known["name"] in seen or label in taken:
            fields.append({"name": _unique(label, position, taken), "type": "any"})
            continue
        seen[known["name"]] = label
        taken.add(label)
        fields.append({**copy.deepcopy(known), "name": label})
    named = [label for label in labels if label.strip()]
    if not named or len(seen) < MATCH_SHARE * len(named):
        return Fitted(None, [Finding("not-model-table", _not_model(model, by_key), WARNING)])
    findings = [
        Finding("missing-label", _missing(model, f["name"]), field=f["name"])
        for f in descriptor.get("fields", [])
        if (f.get("constraints") or {}).get("required") and f["name"] not in seen
    ]
    findings += [  # a repeated model column is frictionless's duplicate-label, not unknown
        Finding("extra-column", _extra(model, label), WARNING, field=label)
        for label in dict.fromkeys(named)
        if _key(label) not in by_key
    ]
    fitted = {
        k: v for k, v in descriptor.items() if k not in ("fields", "primaryKey", "fieldsMatch")
    }
    fitted["fields"] = fields
    key = descriptor.get("primaryKey") or []
    if key and all(name in seen for name in key):
        fitted["primaryKey"] = [seen[name] for name in key]
    return Fitted(fitted, findings)


def _unique(label: str, position: int, taken: set[str]) -> str:
    base = label.strip() or f"field{position}"
    name, suffix = base, 2
    while name in taken:
        name, suffix = f"{base}{suffix}", suffix + 1
    taken.add(name)
    return name


def _key(name: str) -> str:
    return column_words(name).replace("_", "")


def _not_model(model: str, fields: dict[str, Any]) -> Message:
    some = ", ".join(f["name"] for f in list(fields.values())[:6])
    return Message(
        pt=f"As colunas deste ficheiro não são as da forma tabular do modelo CNMD «{model}» "
        f"({some} …), por isso só a estrutura foi validada; se o ficheiro é desse modelo, dê às "
        "colunas os nomes das propriedades do modelo.",
        en=f"This file's columns are not those of the tabular form of the CNMD model «{model}» "
        f"({some} …), so only its structure was validated; if the file is of that model, name "
        "the columns after the model's properties.",
    )


def _missing(model: str, name: str) -> Message:
    return Message(
        pt=f"Falta a coluna obrigatória «{name}» do modelo CNMD «{model}»; acrescente-a com um "
        "valor em cada linha.",
        en=f"The mandatory column «{name}» of the CNMD model «{model}» is missing; add it with a "
        "value on every row.",
    )


def _extra(model: str, label: str) -> Message:
    return Message(
        pt=f"A coluna «{label}» não é uma propriedade do modelo CNMD «{model}» e não foi "
        "validada; confirme o nome ou retire-a.",
        en=f"The column «{label}» is not a property of the CNMD model «{model}» and was not "
        "validated; check its name or remove it.",
    )
