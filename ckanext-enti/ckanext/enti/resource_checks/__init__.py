"""Checks of a record's files (issue 5): a saved file or link is checked by a background job
against the CKAN-free validators, its reports are kept and shown on the pages and through
``enti_validation_show``, and a record without a drawn coverage gets the box of its geometry.

* :mod:`.triggers` — what the record hooks and the "validate again" action call;
* :mod:`.jobs` — the background job and why a file could not be checked;
* :mod:`.coverage` — the coverage filled from the files' geometry;
* :mod:`.storage` — the ``enti_validation`` table (:class:`~.storage.ResourceCheck`);
* :mod:`.summary` — what the pages and the action show.
"""

from __future__ import annotations

from ckanext.enti.resource_checks.jobs import check_resource
from ckanext.enti.resource_checks.storage import ResourceCheck
from ckanext.enti.resource_checks.summary import (
    finding_place,
    kind_label,
    overview_of,
    summary_of,
)
from ckanext.enti.resource_checks.triggers import forget_checks_of, queue_check, queue_checks_for

__all__ = [
    "ResourceCheck",
    "check_resource",
    "finding_place",
    "forget_checks_of",
    "kind_label",
    "overview_of",
    "queue_check",
    "queue_checks_for",
    "summary_of",
]
