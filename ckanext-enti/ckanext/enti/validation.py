"""Validation of resources in the background (CKAN's RQ jobs), and its reports.

A record's save enqueues a job for each resource whose file or link changed; the job takes a
local copy (the upload itself, or the link fetched with timeouts, a size cap and the SSRF guard),
runs the CKAN-free validators (:mod:`enti.validators.dispatch`), stores the reports in the
``enti_validation`` table and, when the publisher drew no coverage, fills the dataset's coverage
from the geometry it found. A file that cannot be read or fetched is a report too, never a crash.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import numpy as np
from ckan import model
from ckan.lib import uploader
from sqlalchemy import text

from ckanext.enti import config
from enti.harvesters.http import FetchRefused, fetch
from enti.validators.dispatch import validate_path
from enti.validators.geometry.coordinates import BBox, bbox_of
from enti.validators.messages import Message
from enti.validators.report import Finding, ValidationReport

log = logging.getLogger(__name__)


def fingerprint(resource: dict[str, Any]) -> str:
    parts = (resource.get("url"), resource.get("size"), resource.get("last_modified"))
    return json.dumps(parts, default=str)


def row(resource_id: str) -> dict[str, Any] | None:
    found = model.Session.execute(
        text("SELECT * FROM enti_validation WHERE resource_id = :id"), {"id": resource_id}
    ).mappings()
    first = found.first()
    return dict(first) if first else None


def rows_for(package_id: str) -> list[dict[str, Any]]:
    found = model.Session.execute(
        text("SELECT * FROM enti_validation WHERE package_id = :id"), {"id": package_id}
    ).mappings()
    return [dict(r) for r in found]


def _save(resource_id: str, package_id: str, **values: Any) -> None:
    """Update the resource's row, or create it (PostgreSQL checks NOT NULL before ON CONFLICT,
    so a partial upsert cannot be used)."""
    assignments = ", ".join(f"{k} = :{k}" for k in values)
    params = {"resource_id": resource_id, "package_id": package_id, **values}
    updated = model.Session.execute(
        text(
            f"UPDATE enti_validation SET {assignments}, package_id = :package_id"  # noqa: S608
            " WHERE resource_id = :resource_id"
        ),
        params,
    )
    if updated.rowcount:
        return
    row_values = {
        "created": datetime.now(UTC).replace(tzinfo=None),
        "fingerprint": "",
        **params,
    }
    names = ", ".join(row_values)
    placeholders = ", ".join(f":{k}" for k in row_values)
    model.Session.execute(
        text(f"INSERT INTO enti_validation ({names}) VALUES ({placeholders})"),  # noqa: S608
        row_values,
    )


def enqueue(resource: dict[str, Any], package_id: str, *, commit: bool = False) -> None:
    """Mark a resource pending and queue its validation. From a record's save hooks the row is
    written in the save's own transaction (``commit`` False); the job waits until it is there."""
    _save(
        resource["id"],
        package_id,
        status="pending",
        created=datetime.now(UTC).replace(tzinfo=None),
        finished=None,
        fingerprint=fingerprint(resource),
        error_count=0,
        warning_count=0,
        report=None,
    )
    if commit:
        model.Session.commit()
    tk.enqueue_job(run, [resource["id"]], title=f"Validation of resource {resource['id']}")


def record_changed(record: dict[str, Any]) -> None:
    """After a record is saved: queue the resources whose file or link is new or changed."""
    if not config.validation_enabled() or not record.get("id"):
        return
    resources = record.get("resources") or []
    if any(not r.get("id") for r in resources):
        record = tk.get_action("package_show")({"ignore_auth": True}, {"id": record["id"]})
        resources = record.get("resources") or []
    for resource in resources:
        known = row(resource["id"])
        if known is None or known["fingerprint"] != fingerprint(resource):
            enqueue(resource, record["id"])


def forget(record: dict[str, Any]) -> None:
    model.Session.execute(
        text("DELETE FROM enti_validation WHERE package_id = :id"), {"id": record.get("id")}
    )


def validation_summary(resource_id: str, lang: str | None = None) -> dict[str, Any]:
    """What the action and the pages show: the stored run, messages in ``lang``."""
    stored = row(resource_id)
    if stored is None:
        return {"status": "not-validated", "error_count": 0, "warning_count": 0, "reports": []}
    data = json.loads(stored["report"] or "{}")
    reports = data.get("reports") or []
    english = (lang or "pt").lower().startswith("en")
    for report in reports:
        for finding in report.get("findings") or []:
            finding["message"] = finding["message_en" if english else "message_pt"]
    return {
        "status": stored["status"],
        "error_count": stored["error_count"],
        "warning_count": stored["warning_count"],
        "created": stored["created"].isoformat() if stored["created"] else None,
        "finished": stored["finished"].isoformat() if stored["finished"] else None,
        "reports": reports,
    }


# -- the job -----------------------------------------------------------------------------------


def run(resource_id: str) -> None:
    """Background job: validate one resource and store its reports."""
    resource = _resource_once_saved(resource_id)
    if resource is None:
        return
    package_id = resource["package_id"]
    _save(
        resource_id,
        package_id,
        status="running",
        created=datetime.now(UTC).replace(tzinfo=None),
        fingerprint=fingerprint(resource),
    )
    model.Session.commit()
    dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": package_id})
    licence = resource.get("license") or dataset.get("license_id")
    try:
        with tempfile.TemporaryDirectory(prefix="enti-validation-") as tmp:
            path = _local_copy(resource, Path(tmp))
            reports = validate_path(
                path,
                fmt=(resource.get("format") or "").lower() or None,
                licence=licence,
                declared=_as_list(dataset.get("conforms_to")),
                source=resource.get("url") or resource_id,
                max_findings=config.validation_max_findings(),
            )
    except _Unreadable as unreadable:
        reports = [unreadable.report]
    except Exception:  # a validator's own failure: a report, never a job stuck "running"
        log.exception("validation of resource %s failed", resource_id)
        reports = [_refusal(resource, "validation-failed", VALIDATION_FAILED)]
    errors = sum(len(r.errors) for r in reports)
    status = (
        "error" if any(r.kind == "fetch" for r in reports) else ("invalid" if errors else "valid")
    )
    _save(
        resource_id,
        package_id,
        status=status,
        finished=datetime.now(UTC).replace(tzinfo=None),
        error_count=errors,
        warning_count=sum(len(r.warnings) for r in reports),
        report=json.dumps({"reports": [_stored(r) for r in reports]}, ensure_ascii=False),
    )
    model.Session.commit()
    _fill_coverage(dataset, reports)


def _as_list(value: Any) -> list[str]:
    """A scheming multiple value (a list, or JSON/comma text when read raw) as a list."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(parsed, list):
            return [str(v) for v in parsed if v is not None]
        return [str(parsed)] if parsed is not None else []
    return []


def _resource_once_saved(resource_id: str, wait: float = 30.0) -> dict[str, Any] | None:
    """The resource, once the save that queued this job has committed (the job can start first)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return tk.get_action("resource_show")({"ignore_auth": True}, {"id": resource_id})
        except tk.ObjectNotFound:
            if time.monotonic() > deadline:
                return None
            model.Session.rollback()
            time.sleep(0.5)


def _stored(report: ValidationReport) -> dict[str, Any]:
    data = report.to_dict()
    for finding in data["findings"]:
        finding.pop("message", None)  # both languages are kept; the page picks one
    return data


class _Unreadable(Exception):
    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.source)
        self.report = report


def _local_copy(resource: dict[str, Any], folder: Path) -> Path:
    """The uploaded file itself, or the link fetched safely into ``folder``."""
    name = Path((resource.get("url") or "").split("?")[0]).name or "resource"
    if resource.get("url_type") == "upload":
        local = uploader.get_resource_uploader(resource).get_path(resource["id"])
        path = Path(str(local))
        if not path.is_file():
            raise _Unreadable(_refusal(resource, "missing-upload", MISSING_UPLOAD))
        # keep the name's extension, which the validators use to tell the kind
        copy = folder / name
        copy.symlink_to(path)
        return copy
    try:
        response = fetch(
            resource["url"],
            allow=config.validation_allow(),
            max_bytes=config.validation_max_bytes(),
        )
    except FetchRefused as refused:
        message = Message(pt=f"Não foi possível obter o ficheiro: {refused}", en=str(refused))
        raise _Unreadable(_refusal(resource, refused.reason, message)) from refused
    copy = folder / name
    copy.write_bytes(response.content)
    return copy


def _refusal(resource: dict[str, Any], reason: str, message: Message) -> ValidationReport:
    report = ValidationReport("fetch", resource.get("url") or resource["id"])
    report.add(Finding(reason, message))
    return report


def _fill_coverage(dataset: dict[str, Any], reports: list[ValidationReport]) -> None:
    """A dataset whose publisher drew no coverage gets the box of the geometry in its files."""
    boxes = [r.bbox for r in reports if r.bbox and r.kind in ("geometry", "entities")]
    if not boxes or dataset.get("type") == "dataservice":
        return
    drawn = any(
        place.get("bbox") or place.get("geom") for place in dataset.get("spatial_coverage") or []
    )
    if drawn:
        return
    corners = np.array([corner for b in boxes for corner in ((b[0], b[1]), (b[2], b[3]))])
    geojson = json.dumps(BBox(*bbox_of(corners)).as_geojson())
    places = [dict(p) for p in dataset.get("spatial_coverage") or []] or [{}]
    places[0]["bbox"] = geojson
    try:
        tk.get_action("package_patch")(
            {"ignore_auth": True, "user": _site_user()},
            {"id": dataset["id"], "spatial_coverage": places},
        )
    except tk.ValidationError as error:
        log.warning("coverage of %s not filled from its files: %s", dataset["id"], error)


def _site_user() -> str:
    return tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]


VALIDATION_FAILED = Message(
    pt="Não foi possível validar este ficheiro (erro interno): tente «Validar de novo»; se "
    "persistir, contacte a equipa do catálogo.",
    en="This file could not be validated (internal error): try «Validate again»; if it "
    "persists, contact the catalogue team.",
)
MISSING_UPLOAD = Message(
    pt="O ficheiro carregado não foi encontrado no servidor: carregue-o de novo.",
    en="The uploaded file was not found on the server: upload it again.",
)
