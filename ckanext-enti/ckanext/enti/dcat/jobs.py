"""Background jobs of the DCAT fragment cache (CKAN's RQ queue). Jobs take ids."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.enti.dcat import cache


def refresh_dcat_fragments(record_id: str) -> None:
    """Build a record's catalogue fragments ahead of the next harvest (a page would otherwise
    build them when it first lists the record)."""
    try:
        record = tk.get_action("package_show")({"ignore_auth": True}, {"id": record_id})
    except tk.ObjectNotFound:
        return
    if record.get("state") == "active" and not record.get("private"):
        cache.store([record])
