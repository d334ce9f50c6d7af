"""Validators of the ENTI schemas, named in the scheming YAML under ``schemas/scheming``.

Field validators are small and read their options from the field definition (``enti_vocabulary``,
``enti_default``); ``enti_record_rules`` is the after-validator that checks what spans fields.
The rules themselves live in the CKAN-free core (``enti.validators``); here they are applied to
CKAN's flattened data and their messages given in the user's language.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.enti.i18n_messages import localize
from ckanext.enti.logic import visibility
from ckanext.enti.logic.organization_rules import (
    enti_organization_defaults,
    enti_organization_rules,
)
from ckanext.enti.logic.rules import enti_record_defaults, enti_record_rules, is_draft
from ckanext.scheming.validation import scheming_validator
from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.messages import Message
from enti.validators.metadata import values as metadata
from enti.validators.metadata.links import link_error
from enti.validators.metadata.terms import conforms_to_error, dico_error, membership_error
from enti.validators.openness import file_type

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


def _label(field: dict[str, Any] | None, name: str = "") -> Message:
    label = (field or {}).get("label") or name
    if isinstance(label, dict):
        return Message(pt=label.get("pt_PT") or label.get("en", name), en=label.get("en", name))
    return Message(pt=str(label), en=str(label))


def _empty(value: Any) -> bool:
    """CNMD: "", " ", null, {} and [] are no value."""
    if value is missing or value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in ("[]", "{}")
    return isinstance(value, (list, dict)) and not value


def _as_list(value: Any) -> list[str]:
    if value is missing or value is None or value == "":
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                return [text]
        else:
            return [v.strip() for v in text.split(",") if v.strip()] if "," in text else [text]
    return [str(v).strip() for v in value if str(v).strip()]


# -- field validators -------------------------------------------------------------------------


@scheming_validator
def enti_required(field: dict[str, Any], schema: dict[str, Any]):
    """Mandatory in the metadata model; a draft may leave it empty for now."""
    label = _label(field)

    def validator(key, data, errors, context):
        if not _empty(data.get(key)):
            return
        if is_draft(data, context):
            data.pop(key, None)
            raise StopOnError
        errors[key].append(localize(metadata.missing(label)))
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
    for item in items:
        if not item.startswith(("http://", "https://", "urn:")):
            errors[key].append(
                localize(
                    Message(
                        pt=f"«{item}» não é um URI (comece por http://, https:// ou urn:)",
                        en=f"«{item}» is not a URI (start with http://, https:// or urn:)",
                    )
                )
            )
        elif claim := conforms_to_error(item):
            errors[key].append(localize(claim))
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


enti_duration = _core_check(metadata.duration_error)
enti_positive_number = _core_check(metadata.positive_number_error)
enti_dico = _core_check(dico_error)


def enti_geometry(value: Any, context: dict[str, Any]) -> Any:
    """A coverage geometry (GeoJSON or WKT, WGS84, in Portugal), stored as GeoJSON text."""
    if _empty(value):
        return value
    problem = metadata.geometry_error(value)
    if problem:
        raise tk.Invalid(localize(problem))
    return json.dumps(metadata.parse_geometry(value))


def enti_file_format(key, data, errors, context) -> None:
    """A resource format must be an EU file-type code (``csv``, ``GeoJSON`` … stored upper-case).

    CKAN's facets and previews key on the code; the RDF profile emits the authority URI. An empty
    format is taken from the file name or link when it names a known type (``mapa.geojson``).
    """
    value = data.get(key)
    if _empty(value):
        url = data.get((*key[:-1], "url"))
        name = PurePosixPath(urlparse(str(url)).path).name if not _empty(url) else ""
        guessed = file_type(name) if "." in name else None  # a real extension only
        if guessed is not None:
            data[key] = guessed.code
            return
        if is_draft(data, context):
            data.pop(key, None)
            raise StopOnError
        errors[key].append(localize(metadata.missing(Message(pt="Formato", en="Format"))))
        raise StopOnError
    text = str(value).strip().lstrip(".")
    term = file_type(text)  # a code, URI, alias ("Excel") or file extension
    if term is None:
        errors[key].append(localize(membership_error("file-type", text)))
        raise StopOnError
    data[key] = term.code


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
    term = vocabulary("file-type").get(str(data.get((*key[:-1], "format")) or ""))
    if term and term.extra.get("mimetype"):
        data[key] = term.extra["mimetype"]
    else:
        data.pop(key, None)


def enti_resource_license(key, data, errors, context) -> None:
    """A distribution's licence defaults to the dataset's (CKAN licence id mapped to its URI)."""
    if not _empty(data.get(key)):
        return
    dataset_license = data.get(("license_id",))
    for term in vocabulary("licence").terms:
        if dataset_license and term.extra.get("ckan_id") == dataset_license:
            data[key] = term.uri
            return
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
    message = Message(
        pt="Não são séries de conjuntos de dados deste catálogo",
        en="Not dataset series of this catalogue",
    )
    _records(key, data, errors, context, "dataset_series", message, by_id=True)


def enti_served_datasets(key, data, errors, context) -> None:
    """Datasets a data service serves: existing datasets of this catalogue, stored by name."""
    message = Message(
        pt="Estes conjuntos de dados não existem no catálogo",
        en="These datasets are not in the catalogue",
    )
    _records(key, data, errors, context, "dataset", message, by_id=False)


def enti_publication_state(key, data, errors, context) -> None:
    """Whoever may create or edit a record may keep it as a draft or publish it (``draft`` and
    ``active``); any other state change stays with CKAN's package-admin rule."""
    if data.get(key) in ("draft", "active"):
        return
    tk.get_validator("ignore_not_package_admin")(key, data, errors, context)


def enti_open_license(value: Any, context: dict[str, Any]) -> Any:
    """ENTI publishes under open licences: the CKAN licence must be one of the open set."""
    if any(t.extra.get("ckan_id") == value for t in vocabulary("licence").terms):
        return value
    terms = [t for t in vocabulary("licence").terms if t.extra.get("ckan_id")]
    pt = ", ".join(f"{t.pt} ({t.extra['ckan_id']})" for t in terms)
    en = ", ".join(f"{t.en} ({t.extra['ckan_id']})" for t in terms)
    raise tk.Invalid(
        localize(
            Message(
                pt=f"«{value}» não é uma licença aberta aceite no ENTI; escolha uma de: {pt}",
                en=f"«{value}» is not an open licence accepted by ENTI; choose one of: {en}",
            )
        )
    )
