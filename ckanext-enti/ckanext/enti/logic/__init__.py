"""The logic of ckanext-enti: its actions, auth functions, validators and record rules."""

from __future__ import annotations

from typing import Any


def actions() -> dict[str, Any]:
    """Every action the plugin registers: its own (``action``), the CKAN core ones it narrows
    to what the caller may read (``core_actions``) and the writes checked for shape first
    (``shapes``)."""
    from ckanext.enti.logic import action, core_actions, shapes

    return {
        name: getattr(module, name)
        for module in (action, core_actions, shapes)
        for name in module.__all__
    }
