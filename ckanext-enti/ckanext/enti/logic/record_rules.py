"""``enti_record_rules`` and ``enti_record_defaults``: the record rules of the core
(:mod:`enti.validators.metadata.record`) applied to CKAN's flattened data.

Declared per schema with ``before_validators: enti_record_defaults`` and ``after_validators:
enti_record_rules``; the schema's ``enti_rules`` block says which rules apply. This module only
converts CKAN's flattened dict into a plain record, gathers what the rules need from the database
(stored distributions, who else uses the identifier, failed files) and reports the problems in the
user's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.enti import config
from ckanext.enti.language import localize
from ckanext.enti.logic import visibility
from ckanext.enti.resource_checks import ResourceCheck
from ckanext.scheming.validation import scheming_validator
from enti.validators.metadata.record import (
    RecordFacts,
    RecordRules,
    record_defaults,
    record_problems,
)
from enti.validators.values import is_empty

Flat = dict[Any, Any]


def plain_record(data: Flat) -> dict[str, Any]:
    """CKAN's flattened data as a plain record: top-level values, and repeating fields as lists
    whose positions are CKAN's entry indexes. CKAN's ``missing`` and a form's ``[]``/``{}``
    text are no value (``None``)."""
    record: dict[str, Any] = {}
    entries: dict[str, dict[int, dict[str, Any]]] = {}
    for key, value in data.items():
        if value is tk.missing or (isinstance(value, str) and value.strip() in ("[]", "{}")):
            value = None
        if len(key) == 1:
            record[key[0]] = value
        elif len(key) == 3 and isinstance(key[1], int):
            entries.setdefault(key[0], {}).setdefault(key[1], {})[key[2]] = value
    for name, rows in entries.items():
        record[name] = [rows.get(i, {}) for i in range(max(rows) + 1)]
    return record


def is_draft(data: Flat, context: dict[str, Any]) -> bool:
    """Is the record being saved as a draft (given state, or the stored one on update)?"""
    state = data.get(("state",))
    if state in (None, tk.missing, ""):
        state = getattr(context.get("package"), "state", None)
    return state == "draft"


@scheming_validator
def enti_record_rules(field: None, schema: dict[str, Any]):
    rules = RecordRules.from_schema(schema)

    def validator(key, data, errors, context):
        record = plain_record(data)
        facts = _facts(data, context, rules, record)
        for path, message in record_problems(record, rules, facts):
            errors.setdefault(path, []).append(localize(message))

    return validator


@scheming_validator
def enti_record_defaults(field: None, schema: dict[str, Any]):
    """Before-validator: values the model requires that the catalogue can fill in itself."""
    rules = RecordRules.from_schema(schema)

    def validator(key, data, errors, context):
        record = plain_record(data)
        owner = _owner_name(record.get("owner_org"))
        data.update(record_defaults(record, rules, owner=owner, today=date.today()))

    return validator


def _facts(
    data: Flat, context: dict[str, Any], rules: RecordRules, record: dict[str, Any]
) -> RecordFacts:
    draft = is_draft(data, context)
    return RecordFacts(
        draft=draft,
        has_distribution=not rules.needs_distribution or _has_distribution(data, context),
        identifier_taken_by=_identifier_owner(record, context) if rules.identifier else None,
        failed_files=0 if draft else _failed_files(record.get("id")),
    )


def _has_distribution(data: Flat, context: dict[str, Any]) -> bool:
    if any(len(k) >= 2 and k[0] == "resources" for k in data):
        return True
    # On update CKAN leaves unchanged resources out of validation: count the stored ones.
    package = context.get("package")
    return bool(package and any(r.state == "active" for r in package.resources_all))


def _identifier_owner(record: dict[str, Any], context: dict[str, Any]) -> str | None:
    """Another record using this record's identifier: its name when the user may read it, ``""``
    when not (no existence oracle), ``None`` when there is none."""
    identifier = record.get("identifier")
    if is_empty(identifier):
        return None
    own_id = record.get("id") or getattr(context.get("package"), "id", None)
    query = model.Session.query(model.Package.id, model.Package.name).filter(
        model.Package.extras["identifier"].astext == identifier,
        model.Package.state != "deleted",
    )
    if own_id:
        query = query.filter(model.Package.id != own_id)
    clash = query.first()
    if clash is None:
        return None
    return clash.name if visibility.readable(context, clash.id) else ""


def _failed_files(package_id: Any) -> int:
    """With ckanext.enti.validation.block_invalid, how many of the record's files failed."""
    if is_empty(package_id) or not config.validation_block_invalid():
        return 0
    return ResourceCheck.count_invalid(package_id)


def _owner_name(owner: Any) -> str | None:
    if is_empty(owner):
        return None
    group = model.Group.get(owner)
    return group.name if group else None
