"""Plain values as publishers send them: what counts as no value, and a multiple value as a list.

CNMD: ``""``, ``" "``, ``null``, ``{}`` and ``[]`` are no value. A form or CKAN's flattened dict
may also carry a multiple value as JSON text (``'["a", "b"]'``) or comma-separated text.
"""

from __future__ import annotations

import json
from typing import Any


def is_empty(value: Any) -> bool:
    """Is this no value at all (CNMD)? ``None``, blank text, an empty list or object."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is dict or kind is list:
        return not value
    return False


def as_list(value: Any) -> list[str]:
    """A multiple value as a list of non-blank strings: a list as given, JSON list text parsed,
    other text split at commas; nothing for no value."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text.startswith("["):
            return [v.strip() for v in text.split(",") if v.strip()] if "," in text else [text]
        try:
            value = json.loads(text)
        except ValueError:
            return [text]
        if not isinstance(value, list):
            return [text]
    if not isinstance(value, (list, tuple)):
        return [str(value)]
    return [str(v).strip() for v in value if v is not None and str(v).strip()]


def is_true(value: Any) -> bool:
    """A checkbox or flag as forms and APIs send it: ``True``, ``"true"``, ``"on"``, ``"1"``,
    ``"yes"``; anything else is false."""
    return str(value or "").strip().lower() in ("true", "on", "1", "yes")
