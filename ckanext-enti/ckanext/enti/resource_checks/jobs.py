"""The background job that checks one resource's file (CKAN's RQ queue).

It takes a resource id and runs small named steps: wait for the save that queued it, mark the
check running, take a local copy of the file (the upload itself, or the link fetched with
timeouts, a size cap and the SSRF guard), run the CKAN-free validators
(:func:`enti.validators.dispatch.validate_path`), store the reports and fill the record's coverage
when its publisher drew none. A file that cannot be read or fetched is a report, never a crash.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import uploader

from ckanext.enti import config
from ckanext.enti.resource_checks.coverage import fill_coverage
from ckanext.enti.resource_checks.storage import ResourceCheck
from enti.harvesters.http import FetchRefused, fetch
from enti.validators.dispatch import validate_path
from enti.validators.messages import Message
from enti.validators.report import Finding, ValidationReport
from enti.validators.values import as_list

log = logging.getLogger(__name__)


def check_resource(resource_id: str) -> None:
    """Background job: check one resource's file and store its reports."""
    resource = _resource_once_saved(resource_id)
    if resource is None:
        return
    ResourceCheck.mark_running(resource)
    model.Session.commit()
    dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": resource["package_id"]})
    reports = _reports(resource, dataset)
    ResourceCheck.store_result(resource_id, resource["package_id"], reports)
    model.Session.commit()
    fill_coverage(dataset, reports)


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


def _reports(resource: dict[str, Any], dataset: dict[str, Any]) -> list[ValidationReport]:
    """The validators' reports on the file, or the one report saying why it was not read."""
    try:
        with tempfile.TemporaryDirectory(prefix="enti-validation-") as tmp:
            return validate_path(
                _local_copy(resource, Path(tmp)),
                fmt=(resource.get("format") or "").lower() or None,
                licence=resource.get("license") or dataset.get("license_id"),
                declared=as_list(dataset.get("conforms_to")),
                source=resource.get("url") or resource["id"],
                max_findings=config.validation_max_findings(),
            )
    except FileNotChecked as failure:
        return [failure.report(resource)]
    except Exception:  # a validator's own failure: a report, never a check stuck "running"
        log.exception("validation of resource %s failed", resource["id"])
        return [CheckFailed().report(resource)]


def _local_copy(resource: dict[str, Any], folder: Path) -> Path:
    """The uploaded file itself, or the link fetched safely into ``folder``; either way under the
    link's file name, whose extension the validators use to tell the kind of file."""
    copy = folder / (Path((resource.get("url") or "").split("?")[0]).name or "resource")
    if resource.get("url_type") == "upload":
        upload = Path(str(uploader.get_resource_uploader(resource).get_path(resource["id"])))
        if not upload.is_file():
            raise MissingUpload()
        copy.symlink_to(upload)
        return copy
    try:
        response = fetch(
            resource["url"],
            allow=config.validation_allow(),
            max_bytes=config.validation_max_bytes(),
        )
    except FetchRefused as refused:
        raise LinkNotFetched(refused) from refused
    copy.write_bytes(response.content)
    return copy


# -- why a file was not checked ----------------------------------------------------------------


class FileNotChecked(Exception):
    """A file the validators did not get to read; the check stores it as a ``fetch`` report with
    one finding of this ``type`` and the ``template`` message."""

    type: ClassVar[str]
    title: ClassVar[str]
    template: ClassVar[Message]

    def report(self, resource: dict[str, Any]) -> ValidationReport:
        report = ValidationReport("fetch", resource.get("url") or resource["id"])
        report.add(self.finding())
        return report

    def finding(self) -> Finding:
        return Finding(self.type, self.template)


class MissingUpload(FileNotChecked):
    type = "missing-upload"
    title = "Uploaded file missing"
    template = Message(
        pt="O ficheiro carregado não foi encontrado no servidor: carregue-o de novo.",
        en="The uploaded file was not found on the server: upload it again.",
    )


class LinkNotFetched(FileNotChecked):
    """The link was refused or failed (private address, too large, timeout …): the finding's type
    is the refusal's reason (``too-large`` …)."""

    type = "fetch-refused"
    title = "Link not fetched"
    template = Message(pt="Não foi possível obter o ficheiro: {reason}", en="{reason}")

    def __init__(self, refused: FetchRefused) -> None:
        super().__init__(str(refused))
        self.refused = refused

    def finding(self) -> Finding:
        reason = str(self.refused)
        message = Message(
            pt=self.template.pt.format(reason=reason), en=self.template.en.format(reason=reason)
        )
        return Finding(self.refused.reason, message)


class CheckFailed(FileNotChecked):
    """A validator's own failure (a bug): the publisher is told to try again."""

    type = "validation-failed"
    title = "Validation failed"
    template = Message(
        pt="Não foi possível validar este ficheiro (erro interno): tente «Validar de novo»; se "
        "persistir, contacte a equipa do catálogo.",
        en="This file could not be validated (internal error): try «Validate again»; if it "
        "persists, contact the catalogue team.",
    )
