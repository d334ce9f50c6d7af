"""Input schemas of the ckanext-enti actions (validated with ``tk.navl_validate``)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict, Schema

MAX_ID_LENGTH = 200


def one_text(value: Any, context: Context) -> Any:
    """One value given as text (a query parameter repeated, a list or an object is refused)."""
    if value is tk.missing or value is None:
        return value
    if not isinstance(value, str):
        raise tk.Invalid(tk._("Give one value as text"))
    if len(value) > MAX_ID_LENGTH:
        raise tk.Invalid(tk._("Too long: at most {} characters").format(MAX_ID_LENGTH))
    return value.strip()


def record_id_schema() -> Schema:
    """Actions that take the id or name of a record (or of a resource)."""
    return {"id": [tk.get_validator("not_empty"), one_text], "__extras": [_keep]}


def _keep(key, data, errors, context) -> None:
    """Other parameters pass through untouched (the action reads them itself)."""


def validated(data_dict: DataDict, schema: Schema, context: Context) -> dict[str, Any]:
    """``data_dict`` checked against ``schema``; a ``ValidationError`` naming each bad field."""
    data, errors = tk.navl_validate(dict(data_dict), schema, context)
    if errors:
        raise tk.ValidationError(errors)
    extras = data.pop("__extras", {}) or {}
    return {**extras, **data}
