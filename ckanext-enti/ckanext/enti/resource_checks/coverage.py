"""A record whose publisher drew no coverage gets the box of the geometry found in its files.

The record is saved through ``package_patch`` (its schema, search index, activity and catalogue
fragments stay as for any save) with :data:`FILLED_FROM_FILES` in the context, which tells the
record's save hooks not to queue its files' checks again: the job that fills the coverage never
re-fires the checks that queued it.
"""

from __future__ import annotations

import json
import logging
from typing import Any, cast

import ckan.plugins.toolkit as tk
import numpy as np
from ckan.types import Context

from enti.validators.geometry.coordinates import BBox, bbox_of
from enti.validators.report import ValidationReport

log = logging.getLogger(__name__)

#: Context key of a save that only fills the coverage from the checked files.
FILLED_FROM_FILES = "enti_coverage_from_files"


def fill_coverage(dataset: dict[str, Any], reports: list[ValidationReport]) -> None:
    """Save the union of the reports' geometry boxes as the dataset's coverage, unless its
    publisher drew one (or it is a data service, which has none)."""
    box = _geometry_box(reports)
    if box is None or dataset.get("type") == "dataservice" or _drawn(dataset):
        return
    places = [dict(p) for p in dataset.get("spatial_coverage") or []] or [{}]
    places[0]["bbox"] = json.dumps(box.as_geojson())
    context = cast(Context, {"ignore_auth": True, "user": _site_user(), FILLED_FROM_FILES: True})
    try:
        tk.get_action("package_patch")(context, {"id": dataset["id"], "spatial_coverage": places})
    except tk.ValidationError as error:
        log.warning("coverage of %s not filled from its files: %s", dataset["id"], error)


def _geometry_box(reports: list[ValidationReport]) -> BBox | None:
    boxes = [r.bbox for r in reports if r.bbox and r.kind in ("geometry", "entities")]
    if not boxes:
        return None
    corners = np.array([corner for b in boxes for corner in ((b[0], b[1]), (b[2], b[3]))])
    return BBox(*bbox_of(corners))


def _drawn(dataset: dict[str, Any]) -> bool:
    return any(
        place.get("bbox") or place.get("geom") for place in dataset.get("spatial_coverage") or []
    )


def _site_user() -> str:
    return tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
