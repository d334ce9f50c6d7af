"""Writes checked for shape first: each field's kind and maximum length read from the scheming
schema of the record type, checked by the core (``enti.validators.metadata.shape``) before CKAN's
own code, its auth functions or the search index see a value (a list as ``owner_org`` or a
million-character title would otherwise be a 500)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.enti.language import localize
from ckanext.enti.logic import visibility
from ckanext.scheming.helpers import scheming_get_dataset_schema, scheming_get_organization_schema
from enti.validators.messages import Message
from enti.validators.metadata.shape import ENTRIES, LIST, TEXT, Shape, shape_errors

__all__ = [
    "organization_create",
    "organization_patch",
    "organization_update",
    "package_create",
    "package_patch",
    "package_update",
    "resource_create",
    "resource_patch",
    "resource_update",
]

LIST_PRESETS = {
    "multiple_select",
    "multiple_checkbox",
    "multiple_text",
    "enti_multiple_select",
    "enti_uri_list",
}
# Lengths, in characters: titles and names are single search terms (Solr keeps at most 32 KB a
# term); descriptions are full text; a coverage geometry may be a detailed boundary.
TITLE, DEFAULT, URL, MARKDOWN, GEOMETRY = 500, 1_000, 2_048, 50_000, 10_000_000
ID = Shape(TEXT, 200, text_only=True)
# Validators that take a number or true/false as well as text; any other field takes text only
# (CKAN's converters split, strip and measure what they are given).
SCALAR_VALIDATORS = ("enti_positive_number", "boolean_validator", "int_validator")
CORE_DATASET = {
    "id": ID,
    "type": Shape(TEXT, 100, text_only=True),
    "private": Shape(TEXT, 10),  # true/false or their text
    "owner_org": ID,
    "tags": Shape(ENTRIES, subfields={"name": Shape(TEXT, 100), "vocabulary_id": ID}),
    "extras": Shape(ENTRIES, subfields={"key": Shape(TEXT, 200), "value": Shape(TEXT, MARKDOWN)}),
    "groups": Shape(ENTRIES, subfields={"id": ID, "name": ID}),
}
CORE_RESOURCE = {"id": ID, "package_id": ID, "url_type": Shape(TEXT, 100, text_only=True)}


def field_shape(field: Mapping[str, Any]) -> Shape:
    """The shape of one scheming field."""
    if field.get("repeating_subfields"):
        subfields = {f["field_name"]: field_shape(f) for f in field["repeating_subfields"]}
        return Shape(ENTRIES, GEOMETRY, subfields)
    kind = TEXT
    if (
        field.get("preset") in LIST_PRESETS
        or field.get("enti_multiple")
        or "multiple" in str(field.get("form_snippet") or "")
        or "scheming_load_json" in str(field.get("output_validators") or "")
    ):
        kind = LIST
    return Shape(
        kind,
        field.get("enti_max_length") or _length(field),
        text_only=not any(v in str(field.get("validators")) for v in SCALAR_VALIDATORS),
    )


def _length(field: Mapping[str, Any]) -> int:
    validators = str(field.get("validators") or "")
    name = field["field_name"]
    if "enti_geometry" in validators:
        return GEOMETRY
    if name == "title":
        return TITLE
    if "markdown" in str(field.get("form_snippet")) or "textarea" in str(field.get("form_snippet")):
        return MARKDOWN
    if name in ("url", "download_url") or "url_validator" in validators:
        return URL
    return DEFAULT


def shapes_of(fields: list[Mapping[str, Any]], core: Mapping[str, Shape]) -> dict[str, Shape]:
    return {**core, **{f["field_name"]: field_shape(f) for f in fields}}


def _dataset_shapes(record_type: Any) -> dict[str, Shape] | None:
    schema = scheming_get_dataset_schema(record_type) if isinstance(record_type, str) else None
    if not schema:
        return None  # not an ENTI record type (a harvest source…): CKAN's own checks only
    resources = shapes_of(schema.get("resource_fields") or [], CORE_RESOURCE)
    shapes = shapes_of(schema.get("dataset_fields") or [], CORE_DATASET)
    shapes["resources"] = Shape(ENTRIES, subfields=resources)
    return shapes


def _stored_type(ref: Any) -> str | None:
    package = model.Package.get(ref) if isinstance(ref, str) and ref else None
    return package.type if package else None


def _check(data_dict: Any, shapes: Mapping[str, Shape] | None) -> None:
    errors = _localized(shape_errors(data_dict, shapes or {}))
    if errors:
        if isinstance(errors.get("tags"), list):  # CKAN's ValidationError reads tags per entry
            errors["tags"] = [e if isinstance(e, dict) else {"name": [e]} for e in errors["tags"]]
        raise tk.ValidationError(errors)


def _localized(errors: Any) -> Any:
    if isinstance(errors, Message):
        return localize(errors)
    if isinstance(errors, dict):
        return {k: _localized(v) for k, v in errors.items()}
    if isinstance(errors, list):
        return [_localized(v) for v in errors]
    return errors


def check_dataset(data_dict: Any) -> None:
    if not isinstance(data_dict, Mapping):
        _check(data_dict, None)
        return
    record_type = data_dict.get("type") or _stored_type(data_dict.get("id")) or "dataset"
    _check(data_dict, _dataset_shapes(record_type) or CORE_DATASET)


def check_resource(data_dict: Any) -> None:
    if not isinstance(data_dict, Mapping):
        _check(data_dict, None)
        return
    package_ref = data_dict.get("package_id")
    if not package_ref and isinstance(data_dict.get("id"), str):
        resource = model.Resource.get(data_dict["id"])
        package_ref = resource.package_id if resource else None
    shapes = _dataset_shapes(_stored_type(package_ref))
    _check(data_dict, shapes["resources"].subfields if shapes else CORE_RESOURCE)


def check_organization(data_dict: Any) -> None:
    schema = scheming_get_organization_schema("organization") or {}
    _check(data_dict, shapes_of(schema.get("fields") or [], {"id": ID, "users": Shape(ENTRIES)}))


def _guarded(check):
    def chain(original_action, context: Context, data_dict: DataDict) -> Any:
        data_dict = visibility.as_missing(context, data_dict)  # another's private record
        check(data_dict)
        return original_action(context, data_dict)

    return tk.chained_action(chain)


package_create = _guarded(check_dataset)
package_update = _guarded(check_dataset)
package_patch = _guarded(check_dataset)
resource_create = _guarded(check_resource)
resource_update = _guarded(check_resource)
resource_patch = _guarded(check_resource)
organization_create = _guarded(check_organization)
organization_update = _guarded(check_organization)
organization_patch = _guarded(check_organization)
