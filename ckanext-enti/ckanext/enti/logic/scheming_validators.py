"""Validators of the ENTI schemas, named in the scheming YAML under ``schemas/scheming``.

Field validators are small and read their options from the field definition (``enti_vocabulary``,
``enti_default``); ``enti_record_rules`` (:mod:`ckanext.enti.logic.record_rules`) is the
after-validator that checks what spans fields. The rules themselves live in the CKAN-free core
(:mod:`enti.validators.metadata`); here they are applied to CKAN's flattened data, the records a
link names are looked up, and messages are given in the user's language.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.enti.language import localize
from ckanext.enti.logic import visibility
from ckanext.enti.logic.organization_rules import (
    enti_organization_defaults,
    enti_organization_rules,
)
from ckanext.enti.logic.record_rules import enti_record_defaults, enti_record_rules, is_draft
from ckanext.scheming.validation import scheming_validator
from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.messages import Message
from enti.validators.metadata import fields, values
from enti.validators.metadata.links import link_error
from enti.validators.metadata.record import label_of
from enti.validators.metadata.terms import dico_error, membership_error
from enti.validators.values import as_list, is_empty

missing = tk.missing
StopOnError = tk.StopOnError

__all__ = [
    "enti_default",
    "enti_dico",
    "enti_duration",
    "enti_file_format",
    "enti_geometry",
    "enti_in_series",
    "enti_link_url",
    "enti_mimetype",
    "enti_open_license",
    "enti_organization_defaults",
    "enti_organization_rules",
    "enti_positive_number",
    "enti_publication_state",
    "enti_record_defaults",
    "enti_record_rules",
    "enti_required",
    "enti_resource_license",
    "enti_served_datasets",
    "enti_uri_list",
    "enti_vocabulary",
]


# -- helpers -------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    """No value: CKAN's ``missing``, the core's empty values and a form's ``[]``/``{}`` text."""
    if value is missing or is_empty(value):
        return True
    return isinstance(value, str) and value.strip() in ("[]", "{}")


def _as_list(value: Any) -> list[str]:
    return [] if value is missing else as_list(value)


# -- field validators -------------------------------------------------------------------------


@scheming_validator
def enti_required(field: dict[str, Any], schema: dict[str, Any]):
    """Mandatory in the metadata model; a draft may leave it empty for now."""
    label = label_of(field)

    def validator(key, data, errors, context):
        if not _empty(data.get(key)):
            return
        if is_draft(data, context):
            data.pop(key, None)
            raise StopOnError
        errors[key].append(localize(values.missing(label)))
        raise StopOnError

    return validator


@scheming_validator
def enti_default(field: dict[str, Any], schema: dict[str, Any]):
    """Fill an empty field with ``enti_default`` from the schema (``today`` means today's date)."""
    default = field["enti_default"]

    def validator(key, data, errors, context):
        if _empty(data.get(key)):
            data[key] = date.today().isoformat() if default == "today" else default

    return validator


@scheming_validator
def enti_vocabulary(field: dict[str, Any], schema: dict[str, Any]):
    """Values must be terms of ``enti_vocabulary``; codes are accepted and stored as their URI.

    With ``enti_multiple: true`` the field holds a list, stored as JSON like scheming's
    multiple-choice fields (``scheming_load_json`` reads it back).
    """
    name = field["enti_vocabulary"]
    multiple = bool(field.get("enti_multiple"))

    def validator(key, data, errors, context):
        value = data.get(key)
        if _empty(value):
            data.pop(key, None)
            raise StopOnError
        values = _as_list(value) if multiple else [str(value).strip()]
        stored = []
        for item in values:
            term = vocabulary(name).get(item)
            if term is None:
                errors[key].append(localize(membership_error(name, item)))
            else:
                stored.append(term.uri)
        if not errors[key]:
            data[key] = json.dumps(stored) if multiple else stored[0]

    return validator


def enti_uri_list(key, data, errors, context) -> None:
    """A list of URIs (documentation, legislation, standards); claimed CNMD models must exist."""
    items = _as_list(data.get(key))
    if not items:
        data.pop(key, None)
        raise StopOnError
    errors[key] += [localize(problem) for problem in fields.uri_problems(items)]
    data[key] = json.dumps(items)


def _core_check(check):
    """Turn a core check returning ``Message | None`` into a CKAN validator of non-empty values."""

    def validator(value: Any, context: dict[str, Any]) -> Any:
        if _empty(value):
            return value
        problem = check(value if not isinstance(value, str) else value.strip())
        if problem:
            raise tk.Invalid(localize(problem))
        return value.strip() if isinstance(value, str) else value

    validator.__doc__ = check.__doc__
    return validator


enti_duration = _core_check(values.duration_error)
enti_positive_number = _core_check(values.positive_number_error)
enti_dico = _core_check(dico_error)


def enti_geometry(value: Any, context: dict[str, Any]) -> Any:
    """A coverage geometry (GeoJSON or WKT, WGS84, in Portugal), stored as GeoJSON text."""
    if _empty(value):
        return value
    problem = values.geometry_error(value)
    if problem:
        raise tk.Invalid(localize(problem))
    return json.dumps(values.parse_geometry(value))


def enti_file_format(key, data, errors, context) -> None:
    """A resource format must be an EU file-type code (``csv``, ``GeoJSON`` … stored upper-case).

    CKAN's facets and previews key on the code; the RDF profile emits the authority URI. An empty
    format is taken from the file name or link when it names a known type (``mapa.geojson``).
    """
    value = data.get(key)
    if _empty(value):
        url = data.get((*key[:-1], "url"))
        guessed = fields.format_from_link(url) if not _empty(url) else None
        if guessed is not None:
            data[key] = guessed
            return
        if is_draft(data, context):
            data.pop(key, None)
            raise StopOnError
        errors[key].append(localize(values.missing(fields.FORMAT)))
        raise StopOnError
    code, problem = fields.format_code(str(value))  # a code, URI, alias or file extension
    if problem is not None:
        errors[key].append(localize(problem))
        raise StopOnError
    data[key] = code


def enti_link_url(key, data, errors, context) -> None:
    """A link must be http(s) or ftp; a resource's uploaded file (``url_type: upload``) is
    named by its file name instead."""
    value = data.get(key)
    if _empty(value) or data.get((*key[:-1], "url_type")) == "upload":
        return
    problem = link_error(str(value))
    if problem:
        errors[key].append(localize(problem))
        raise StopOnError


def enti_mimetype(key, data, errors, context) -> None:
    """Media type: given, or the one registered for the resource's file type."""
    if not _empty(data.get(key)):
        return
    mimetype = fields.mimetype_for(data.get((*key[:-1], "format")))
    if mimetype:
        data[key] = mimetype
    else:
        data.pop(key, None)


def enti_resource_license(key, data, errors, context) -> None:
    """A distribution's licence defaults to the dataset's (CKAN licence id mapped to its URI)."""
    if not _empty(data.get(key)):
        return
    uri = fields.distribution_licence(data.get(("license_id",)))
    if uri:
        data[key] = uri
    else:
        data.pop(key, None)


def _records(key, data, errors, context, kind: str, message: Message, *, by_id: bool) -> None:
    """Values must name records of type ``kind`` that the user may read (a record they may not
    read is answered exactly as a missing one); stored as a JSON list. Links already stored that
    the user may not read are kept: they were never shown to them."""
    items = _as_list(data.get(key))
    kept = visibility.kept_hidden_links(context, key[-1])
    if not items and not kept:
        data.pop(key, None)
        raise StopOnError
    stored, unknown = [], []
    for item in items:
        record = model.Package.get(item)
        if (
            not record
            or record.type != kind
            or record.state == "deleted"
            or not visibility.readable(context, record.id)
        ):
            unknown.append(item)
        else:
            stored.append(record.id if by_id else record.name)
    if unknown:
        errors[key].append(localize(message) + ": " + ", ".join(unknown))
    data[key] = json.dumps(list(dict.fromkeys(stored + kept)))


def enti_in_series(key, data, errors, context) -> None:
    """Dataset series this dataset belongs to: existing ``dataset_series`` records, stored by id."""
    _records(key, data, errors, context, "dataset_series", fields.NOT_SERIES, by_id=True)


def enti_served_datasets(key, data, errors, context) -> None:
    """Datasets a data service serves: existing datasets of this catalogue, stored by name."""
    _records(key, data, errors, context, "dataset", fields.NOT_DATASETS, by_id=False)


def enti_publication_state(key, data, errors, context) -> None:
    """Whoever may create or edit a record may keep it as a draft or publish it (``draft`` and
    ``active``); any other state change stays with CKAN's package-admin rule."""
    if data.get(key) in ("draft", "active"):
        return
    tk.get_validator("ignore_not_package_admin")(key, data, errors, context)


def enti_open_license(value: Any, context: dict[str, Any]) -> Any:
    """ENTI publishes under open licences: the CKAN licence must be one of the open set."""
    problem = fields.open_licence_error(value)
    if problem:
        raise tk.Invalid(localize(problem))
    return value
