"""What record and organization changes do to the DCAT fragment cache."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.enti.dcat import cache
from ckanext.enti.dcat.jobs import refresh_dcat_fragments


def record_changed(record: dict[str, Any]) -> None:
    """Drop the fragments of the record and of those that describe it (a series' title appears in
    its editions' RDF, a dataset's in its services'), then rebuild its own in the background."""
    cache.invalidate([record.get("id", ""), record.get("name", "")])
    if record.get("id"):
        tk.enqueue_job(refresh_dcat_fragments, [record["id"]], title="DCAT fragments")


def record_deleted(record: dict[str, Any]) -> None:
    cache.invalidate([record.get("id", ""), record.get("name", "")])


def organization_changed(organization: Any) -> None:
    """The organization's publisher URI and kind are in its records' RDF."""
    cache.invalidate([organization.id, organization.name])
