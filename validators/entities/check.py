"""One entity checked: key-values form, model, schema errors and the CNMD rules, as findings with
JSON pointers into the entity as published. Used by :mod:`enti.validators.entities.validate` and its
examples checker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enti.schemas.reference.cnmd import Model
from enti.validators.entities.messages import (
    best,
    empty_message,
    missing_message,
    not_entity_message,
    schema_message,
    show,
    unknown_type_message,
    urn_message,
)
from enti.validators.entities.ngsi import KeyValues, convert, relationship_targets, source_pointer
from enti.validators.entities.read import read_entities
from enti.validators.entities.rules import empties, urn_type
from enti.validators.entities.schema import Catalogue
from enti.validators.messages import Message
from enti.validators.report import ERROR, WARNING, Finding

QUIET = Message(pt="", en="")  # the message of a finding only counted (the report is full)


@dataclass
class Outcome:
    """What one entity came to: its model, representation and findings."""

    model: Model | None
    declared: Any  # the entity's type as given
    kind: str
    findings: list[Finding] = field(default_factory=list)
    identifier: str | None = None

    @property
    def valid(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)


def check_entity(
    index: int, entity: Any, cat: Catalogue, forced: Model | None = None, *, detail: bool = True
) -> Outcome:
    """Check one entity. ``detail=False`` (the report is full: findings are only counted) skips
    writing messages and pointers; the findings, their types and severities are the same."""
    if type(entity) is not dict:
        finding = Finding("not-entity", not_entity_message(entity), entity=f"[{index}]")
        return Outcome(None, None, "", [finding])
    converted = convert(entity)
    kv, kind = converted.values, converted.kind
    identifier = kv.get("id")
    label = identifier if type(identifier) is str and identifier else f"[{index}]"
    declared = kv.get("type")
    found = forced or cat.model_for_type(declared)
    outcome = Outcome(found, declared, kind, [], identifier if type(identifier) is str else None)
    named = found.entity_type if found else (declared if type(declared) is str else "")
    rules = _id_findings(kv, named, label, detail)
    if found is None:
        message = unknown_type_message(declared) if detail else QUIET
        rules.append(Finding("unknown-model", message, entity=label, pointer="/type"))
        outcome.findings = rules
        return outcome
    compiled = cat.schema(found)
    errors = None if compiled.test(kv) else compiled.check(kv)
    empty = list(empties(kv, compiled.tree))
    refs = _ref_findings(converted, label, detail) if converted.relationships else []
    if not errors and not empty and not refs:
        outcome.findings = rules
        return outcome
    placed: list[tuple[tuple[int, str], Finding]] = []
    order = {name: i for i, name in enumerate(kv)}

    def put(path: tuple[Any, ...], finding: Finding) -> None:
        if detail:
            finding.pointer = source_pointer(entity, path, kind)
            finding.field = str(path[0]) if path else None
        place = order.get(path[0], len(order)) if path else -1
        placed.append(((place, finding.pointer or ""), finding))

    silenced = []
    for path, value, mandatory in empty:
        silenced.append(path)
        if mandatory is not None:
            severity = ERROR if mandatory else WARNING
            kind_name = "empty-value" if mandatory else "empty-optional"
            message = empty_message(path, value, mandatory) if detail else QUIET
            put(path, Finding(kind_name, message, severity, entity=label))
    told: set[tuple[Any, ...]] = set()
    for error in sorted(errors or (), key=lambda e: e.keyword != "type"):
        if error.keyword == "required" and not error.path and error.expected == "id":
            continue  # reported by the identifier rule
        if any(error.path[: len(p)] == p for p in silenced):
            continue
        shown = best(error)
        missing = shown.keyword == "required"
        at = (*shown.path, shown.expected) if missing else shown.path
        if at in told:
            continue  # one finding per member: the same value broke several rules or branches
        told.add(at)
        kind_name = "missing-required" if missing else "schema"
        put(at, Finding(kind_name, schema_message(shown) if detail else QUIET, entity=label))
    for path, finding in refs:
        put(path, finding)
    outcome.findings = rules + [f for _, f in sorted(placed, key=lambda p: p[0])]
    return outcome


# --- the identifier rules ----------------------------------------------------------------------


def _id_findings(
    kv: dict[str, Any], entity_type: str, label: str, detail: bool = True
) -> list[Finding]:
    if "id" not in kv:
        message = missing_message(("id",)) if detail else QUIET
        return [Finding("missing-required", message, entity=label, pointer="/id")]
    named = urn_type(kv["id"])
    if named is None:
        message = urn_message(kv["id"], entity_type) if detail else QUIET
        return [Finding("non-urn-id", message, entity=label, pointer="/id")]
    if entity_type and named.lower() != entity_type.lower():
        message = (
            QUIET
            if not detail
            else Message(
                pt=f"O identificador indica o tipo «{named}», mas a entidade é «{entity_type}»; "
                f"use urn:<organização>:{entity_type}:<id-local>.",
                en=f"The identifier names the type «{named}», but the entity is «{entity_type}»; "
                f"use urn:<organisation>:{entity_type}:<local-id>.",
            )
        )
        return [Finding("urn-type-mismatch", message, WARNING, entity=label, pointer="/id")]
    return []


def _ref_findings(
    converted: KeyValues, label: str, detail: bool = True
) -> list[tuple[tuple[Any, ...], Finding]]:
    found = []
    for path, target in relationship_targets(converted):
        if urn_type(target) is None:
            message = (
                QUIET
                if not detail
                else Message(
                    pt=f"A relação «{path[0]}» aponta para {show(target)}, que não tem a forma "
                    "urn:<organização>:<Tipo>:<id-local>; use o identificador da entidade "
                    "relacionada.",
                    en=f"The relationship «{path[0]}» points at {show(target)}, which does not "
                    "have the form urn:<organisation>:<Type>:<local-id>; use the related "
                    "entity's id.",
                )
            )
            found.append((tuple(path), Finding("non-urn-ref", message, WARNING, entity=label)))
    return found


def duplicate(identifier: str, first: int) -> Finding:
    message = Message(
        pt=f"O identificador {show(identifier)} já foi usado pela entidade [{first}]; "
        "cada entidade precisa de um id próprio (numa série, acrescente p. ex. a data).",
        en=f"The identifier {show(identifier)} is already used by entity [{first}]; "
        "each entity needs its own id (in a series, append e.g. the date).",
    )
    return Finding("duplicate-id", message, WARNING, entity=identifier, pointer="/id")


__all__ = ["Outcome", "check_entity", "duplicate", "read_entities"]
