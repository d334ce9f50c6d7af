"""Validation of CNMD ``Comuns/Metadata`` JSON-LD entities against the JSON Schemas copied in
``schemas/cnmd/Comuns/Metadata/schema``, offline, with messages that point at the property to fix.
CKAN-free; the shape itself is written and read by :mod:`enti.harvesters.cnmd_jsonld`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from enti.schemas import path

INS = "http://inspire.ec.europa.eu/ont/base#"
SCHEMAS = {
    "dcat:Catalog": "Catalog",
    "dcat:Catalogue": "Catalog",
    "dcat:DatasetSeries": "DatasetSeries",
    "dcat:DataService": "DataService",
    "dcat:Dataset": "Dataset",
    "dcat:Distribution": "Distribution",
}


def validate_cnmd(entity: dict[str, Any]) -> list[str]:
    """Check one CNMD entity against its copied JSON Schema, chosen by ``@type`` (the INSPIRE
    dataset schema when ``ins:`` keys are present; a series with ``ins:`` keys is also held to that
    schema's INSPIRE keys). Offline. Returns ``"<json pointer>: <message>"`` lines, ``/`` for the
    entity itself; a missing property is pointed at where it should be. Empty when valid."""
    kind = _schema_kind(entity.get("@type"))
    if kind is None:
        return [f"/@type: {entity.get('@type')!r} is not one of {', '.join(SCHEMAS)}"]
    inspire = any(key.startswith("ins:") for key in entity)
    schema = "Dataset.inspire" if inspire and kind == "Dataset" else kind
    errors = list(_validator(schema).iter_errors(entity))
    if inspire and kind == "DatasetSeries":
        errors += _inspire_validator().iter_errors(entity)
    return list(dict.fromkeys(sorted(m for error in errors for m in _messages(error))))


# --- validation --------------------------------------------------------------------------------


def _schema_kind(types: Any) -> str | None:
    given = types if isinstance(types, list) else [types]
    return next((SCHEMAS[t] for t in SCHEMAS if t in given), None)


@cache
def _validator(name: str) -> Draft202012Validator:
    schema_file = path("cnmd", "Comuns", "Metadata", "schema", f"Metadata.{name}.schema.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _inspire_validator() -> Draft202012Validator:
    """The INSPIRE keys of the dataset schema, for a series (CNMD has no INSPIRE series schema)."""
    dataset = _validator("Dataset.inspire").schema
    keys = [k for k in dataset["properties"] if k.startswith("ins:")]
    context = {"properties": {"ins": {"const": INS}}, "required": ["ins"]}
    properties = {"@context": context} | {k: dataset["properties"][k] for k in keys}
    schema = {"type": "object", "properties": properties, "required": keys}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _pointer(parts: Iterable[Any]) -> str:
    escaped = [str(p).replace("~", "~0").replace("/", "~1") for p in parts]
    return "/" + "/".join(escaped)


def _messages(error: ValidationError) -> list[str]:
    at = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        names = [n for n in error.validator_value if error.message.startswith(repr(n))]
        return [f"{_pointer([*at, n])}: required property is missing" for n in names]
    if error.validator in ("anyOf", "oneOf") and error.context:
        if all(e.validator == "required" for e in error.context):  # one of several spellings
            names = [n for e in error.context for n in e.validator_value]
            missing = f"required property is missing (give one of {', '.join(names)})"
            return [f"{_pointer([*at, names[0]])}: {missing}"]
        # the alternative the value was meant for: the one whose type it has
        best = best_match([e for e in error.context if e.validator != "type"] or error.context)
        return _messages(best) if best is not None else [f"{_pointer(at)}: {error.message}"]
    return [f"{_pointer(at)}: {error.message}"]
