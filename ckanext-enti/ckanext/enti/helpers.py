"""Template helpers of ckanext-enti (registered by the plugin's blanket)."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

from enti.validators.territories import municipality

__all__ = ["enti_catalogue_figures", "enti_dataset_extent", "enti_municipality_name"]


def enti_municipality_name(dico: str | None) -> str:
    """Name of the municipality with this DICO code, or an empty string."""
    found = municipality(dico) if dico else None
    return found.name if found else ""


def enti_dataset_extent(pkg: dict[str, Any]) -> str:
    """GeoJSON of the dataset's coverage for the map: the first geometry, box or centroid given."""
    coverage = pkg.get("spatial_coverage") or []
    if isinstance(coverage, str):
        try:
            coverage = json.loads(coverage)
        except ValueError:
            return ""
    for item in coverage:
        for key in ("geom", "bbox", "centroid"):
            value = item.get(key)
            if value:
                return value if isinstance(value, str) else json.dumps(value)
    return pkg.get("spatial") or ""


def enti_catalogue_figures() -> dict[str, int]:
    """How many datasets the visitor can see, and how many publishing organizations there are."""
    datasets = tk.get_action("package_search")({}, {"rows": 0})["count"]
    organizations = len(tk.get_action("organization_list")({}, {"limit": 1000}))
    return {"datasets": datasets, "organizations": organizations}
