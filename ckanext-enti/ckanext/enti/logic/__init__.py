"""The logic of ckanext-enti: its actions, auth functions, scheming validators and the adapter
of the record rules."""

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


def validators() -> dict[str, Any]:
    """Every validator the scheming YAML names (``scheming_validators.__all__``)."""
    from ckanext.enti.logic import scheming_validators

    return {name: getattr(scheming_validators, name) for name in scheming_validators.__all__}
