"""Template helpers of ckanext-enti (registered by the plugin's blanket)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.enti import resource_checks
from ckanext.enti.language import current_lang
from enti.schemas.reference.cnmd import models
from enti.schemas.reference.territories import intermunicipal_entities
from enti.schemas.reference.vocabularies import vocabulary

__all__ = [
    "enti_catalogue_figures",
    "enti_cnmd_model_choices",
    "enti_dataset_extent",
    "enti_dcat_conformance",
    "enti_finding_place",
    "enti_intermunicipal_choices",
    "enti_series_choices",
    "enti_validation_kind",
    "enti_validation_overview",
    "enti_validation_summary",
    "enti_vocabulary_choices",
]


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


def enti_vocabulary_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Scheming ``choices_helper``: the terms of the field's ``enti_vocabulary``, labelled in the
    user's language (value = authority URI)."""
    lang = current_lang()
    terms = vocabulary(field["enti_vocabulary"]).terms
    return [{"value": t.uri, "label": t.label(lang)} for t in terms]


def enti_cnmd_model_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Scheming ``choices_helper``: the CNMD data models, by entity type."""
    return [{"value": m.uri, "label": m.label} for m in models()]


def enti_series_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Scheming ``choices_helper``: the dataset series the user can see."""
    result = tk.get_action("package_search")(
        {}, {"fq": "dataset_type:dataset_series", "rows": 1000, "include_private": True}
    )
    return [{"value": s["id"], "label": s["title"]} for s in result["results"]]


def enti_intermunicipal_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Scheming ``choices_helper``: the 23 CIM and 2 AM, by official name."""
    return [{"value": e.name, "label": e.name} for e in intermunicipal_entities()]


def enti_dcat_conformance(pkg: dict[str, Any]) -> dict[str, Any] | None:
    """The record's DCAT-AP conformance (action ``enti_dcat_conformance``), or None if not allowed.

    Cached per worker by id and modification time: the page does not rerun SHACL on every view.
    """
    try:
        tk.check_access("enti_dcat_conformance", {}, {"id": pkg["id"]})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return None
    return _conformance(pkg["id"], pkg.get("metadata_modified"))


@lru_cache(maxsize=512)
def _conformance(record_id: str, modified: str | None) -> dict[str, Any]:
    return tk.get_action("enti_dcat_conformance")({"ignore_auth": True}, {"id": record_id})


def enti_validation_summary(resource_id: str) -> dict[str, Any]:
    """A resource's latest validation, messages in the page's language."""
    return resource_checks.summary_of(resource_id, current_lang())


def enti_validation_overview(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """Each resource of a dataset with its validation status (empty when none was validated)."""
    return resource_checks.overview_of(pkg)


def enti_validation_kind(kind: str) -> str:
    """A validation report's kind in the page's language."""
    return resource_checks.kind_label(kind, current_lang())


def enti_finding_place(finding: dict[str, Any]) -> str:
    """Where a finding is, in words: «linha 12, coluna data», «entidade urn:…, /location»."""
    return resource_checks.finding_place(finding, current_lang())
