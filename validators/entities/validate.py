"""NGSI-LD / NGSI-v2 / key-values entities against the national data-model catalogue (CNMD).

A payload is a JSON array of entities (the FAQ's API answer), one entity, or an NGSI-LD JSON-LD
document with ``@graph``. Each entity is brought to key-values
(:mod:`enti.validators.entities.ngsi`),
validated against the JSON Schema of its model (chosen by ``type``, or forced; compiled once,
``$ref``s resolved from ``schemas/cnmd-refs`` only: :mod:`enti.validators.entities.schema`) and held
to the CNMD rules the schemas leave out (:mod:`enti.validators.entities.rules`). Every finding names
the entity (its ``id``, else ``[index]``) and a JSON pointer into the entity as published.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from typing import Any

from enti.validators.entities.check import Outcome, check_entity, duplicate, read_entities
from enti.validators.entities.examples import ExampleResult, check_examples, format_examples_table
from enti.validators.entities.messages import (
    NO_ENTITIES,
    TOO_DEEP_ENTITY,
    not_json_message,
    show,
    unknown_model_message,
)
from enti.validators.entities.ngsi import normalize
from enti.validators.entities.schema import catalogue
from enti.validators.report import WARNING, Finding, ValidationReport

__all__ = [
    "ExampleResult",
    "check_examples",
    "format_examples_table",
    "normalize",
    "validate_entities",
]


def validate_entities(
    data: bytes | str | list[Any] | dict[str, Any],
    *,
    source: str = "",
    model: str | None = None,
    max_findings: int = 1000,
    each: Callable[[int, Any], None] | None = None,
) -> ValidationReport:
    """Validate a payload of entities; ``model`` (an entity type or a model URI) forces the model
    instead of each entity's ``type``. Findings past ``max_findings`` are counted, not kept.
    ``each(index, entity)`` sees every item as it is read (e.g. to gather its geometry)."""
    report = ValidationReport(kind="entities", source=source)
    sink = _Sink(report, max_findings)
    forced = None
    if model is not None and (forced := catalogue().model_named(model)) is None:
        sink.add([Finding("unknown-model", unknown_model_message(model))])
        return sink.close()
    seen: dict[str, int] = {}
    cat = catalogue()
    collecting = gc.isenabled()
    gc.disable()  # a large payload allocates millions of short-lived objects and no cycles
    try:
        for index, entity in read_entities(data):
            if each is not None:
                each(index, entity)
            try:
                outcome = check_entity(index, entity, cat, forced, detail=sink.has_room())
            except RecursionError:  # parsed, but too deep for the checks: this entity only
                too_deep = Finding("too-deep", TOO_DEEP_ENTITY, entity=f"[{index}]")
                outcome = Outcome(None, None, "", [too_deep])
            if outcome.identifier is not None:
                first = seen.setdefault(outcome.identifier, index)
                if first != index:
                    outcome.findings.append(duplicate(outcome.identifier, first))
            sink.count(outcome)
    except ValueError as exc:
        sink.add([Finding("not-json", not_json_message(exc))])
    finally:
        if collecting:
            gc.enable()
    return sink.close()


# --- the report --------------------------------------------------------------------------------


class _Sink:
    def __init__(self, report: ValidationReport, limit: int) -> None:
        self.report, self.limit, self.total = report, limit, 0
        self.entities = self.valid = 0
        self.models: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()

    def count(self, outcome: Outcome) -> None:
        self.entities += 1
        self.valid += outcome.valid
        if outcome.model is not None:
            self.models[outcome.model.entity_type] += 1
        elif outcome.kind:
            self.unknown[show(outcome.declared, 80)] += 1
        if outcome.kind:
            self.kinds[outcome.kind] += 1
        if outcome.findings:
            self.add(outcome.findings)

    def has_room(self) -> bool:
        return len(self.report.findings) < self.limit

    def add(self, findings: list[Finding]) -> None:
        self.total += len(findings)
        room = self.limit - len(self.report.findings)
        if room > 0:
            self.report.findings.extend(findings[:room])
        if len(findings) > room:
            self.report.truncated = True

    def close(self) -> ValidationReport:
        if not self.entities and not self.report.findings:
            self.add([Finding("no-entities", NO_ENTITIES, WARNING)])
        self.report.stats = {
            "entities": self.entities,
            "valid": self.valid,
            "invalid": self.entities - self.valid,
            "models": dict(self.models.most_common()),
            "unknown_types": dict(self.unknown.most_common()),
            "representations": dict(self.kinds.most_common()),
            "findings_total": self.total,
        }
        return self.report
