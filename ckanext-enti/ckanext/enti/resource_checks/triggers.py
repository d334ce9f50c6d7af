"""What saving or deleting a record, or asking again, does to the checks of its files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.enti import config
from ckanext.enti.resource_checks.coverage import FILLED_FROM_FILES
from ckanext.enti.resource_checks.jobs import check_resource
from ckanext.enti.resource_checks.storage import ResourceCheck, fingerprint


def queue_check(resource: dict[str, Any], package_id: str, *, commit: bool = False) -> None:
    """Mark a resource's check pending and queue it. From a record's save hooks the row is
    written in the save's own transaction (``commit`` False); the job waits until it is there."""
    ResourceCheck.mark_pending(resource, package_id)
    if commit:
        model.Session.commit()
    tk.enqueue_job(
        check_resource, [resource["id"]], title=f"Validation of resource {resource['id']}"
    )


def queue_checks_for(record: dict[str, Any], context: Mapping[str, Any]) -> None:
    """After a record is saved: queue the checks of the files or links that are new or changed
    (none when the save only filled the coverage from the files already checked)."""
    if not config.validation_enabled() or not record.get("id") or context.get(FILLED_FROM_FILES):
        return
    resources = record.get("resources") or []
    if any(not r.get("id") for r in resources):
        record = tk.get_action("package_show")({"ignore_auth": True}, {"id": record["id"]})
        resources = record.get("resources") or []
    for resource in resources:
        known = ResourceCheck.of(resource["id"])
        if known is None or known.fingerprint != fingerprint(resource):
            queue_check(resource, record["id"])


def forget_checks_of(record: dict[str, Any]) -> None:
    """After a record is deleted: drop the checks of its files."""
    ResourceCheck.forget_record(record.get("id") or "")
