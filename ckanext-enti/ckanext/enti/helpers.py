"""Template helpers of ckanext-enti (registered by the plugin's blanket)."""

from __future__ import annotations

from enti.validators.territories import municipality


def enti_municipality_name(dico: str | None) -> str:
    """Name of the municipality with this DICO code, or an empty string."""
    found = municipality(dico) if dico else None
    return found.name if found else ""
