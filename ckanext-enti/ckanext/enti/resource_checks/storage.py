"""Where the checks of resources are kept: one row per resource, its latest run.

The table is ``enti_validation``, created by the migration ``0002_validation_reports`` (never by
the model); :class:`ResourceCheck` maps it and every query is built with SQLAlchemy's expression
language. The ``report`` column holds ``{"reports": [ValidationReport.to_dict(), ...]}`` with both
languages of each message; :meth:`ResourceCheck.stored_reports` reads it back.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from sqlalchemy.orm import Mapped, mapped_column

from enti.validators.report import ValidationReport

#: The statuses of a check: queued, under way, and the three outcomes (``error``: the file could
#: not be read or fetched).
PENDING, RUNNING, VALID, INVALID, ERROR = "pending", "running", "valid", "invalid", "error"


def fingerprint(resource: dict[str, Any]) -> str:
    """What a check looked at (link, size, last modification): a new upload or link is checked
    again, an unchanged one is not."""
    parts = (resource.get("url"), resource.get("size"), resource.get("last_modified"))
    return json.dumps(parts, default=str)


def status_of(reports: list[ValidationReport]) -> str:
    """A finished check's status: ``error`` when the file was not read, else valid or invalid."""
    if any(r.kind == "fetch" for r in reports):
        return ERROR
    return INVALID if any(r.errors for r in reports) else VALID


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ResourceCheck(tk.BaseModel):
    """The latest check of one resource's file (no foreign key into core tables: the record's
    hooks drop the rows of deleted records)."""

    __tablename__ = "enti_validation"

    resource_id: Mapped[str] = mapped_column(sa.UnicodeText, primary_key=True)
    package_id: Mapped[str] = mapped_column(sa.UnicodeText, nullable=False, index=True)
    status: Mapped[str] = mapped_column(sa.UnicodeText, nullable=False)
    fingerprint: Mapped[str] = mapped_column(sa.UnicodeText, nullable=False, server_default="")
    created: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    finished: Mapped[datetime | None] = mapped_column(sa.DateTime, nullable=True)
    error_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, server_default="0")
    warning_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, server_default="0")
    report: Mapped[str | None] = mapped_column(sa.UnicodeText, nullable=True)

    # -- reading ---------------------------------------------------------------------------------

    @classmethod
    def of(cls, resource_id: str) -> ResourceCheck | None:
        """The resource's latest check, as the database has it now."""
        query = sa.select(cls).where(cls.resource_id == resource_id)
        return model.Session.scalars(_fresh(query)).first()

    @classmethod
    def all_of(cls, package_id: str) -> list[ResourceCheck]:
        """The latest check of each resource of a record that has one."""
        query = sa.select(cls).where(cls.package_id == package_id)
        return list(model.Session.scalars(_fresh(query)))

    @classmethod
    def count_invalid(cls, package_id: str) -> int:
        """How many of a record's files failed their latest check."""
        query = (
            sa.select(sa.func.count())
            .select_from(cls)
            .where(cls.package_id == package_id, cls.status == INVALID)
        )
        return int(model.Session.scalar(query) or 0)

    def stored_reports(self) -> list[dict[str, Any]]:
        """The reports of the check (none while it is pending or running)."""
        return json.loads(self.report or "{}").get("reports") or []

    # -- writing (in the caller's transaction) ---------------------------------------------------

    @classmethod
    def mark_pending(cls, resource: dict[str, Any], package_id: str) -> None:
        """A check is queued: the previous outcome is cleared."""
        cls._save(
            resource["id"],
            package_id,
            status=PENDING,
            created=_now(),
            finished=None,
            fingerprint=fingerprint(resource),
            error_count=0,
            warning_count=0,
            report=None,
        )

    @classmethod
    def mark_running(cls, resource: dict[str, Any]) -> None:
        cls._save(
            resource["id"],
            resource["package_id"],
            status=RUNNING,
            created=_now(),
            fingerprint=fingerprint(resource),
        )

    @classmethod
    def store_result(
        cls, resource_id: str, package_id: str, reports: list[ValidationReport]
    ) -> None:
        """A finished check: its status, counts and reports (both languages of each message)."""
        cls._save(
            resource_id,
            package_id,
            status=status_of(reports),
            finished=_now(),
            error_count=sum(len(r.errors) for r in reports),
            warning_count=sum(len(r.warnings) for r in reports),
            report=json.dumps({"reports": [_stored(r) for r in reports]}, ensure_ascii=False),
        )

    @classmethod
    def forget_record(cls, package_id: str) -> None:
        """Drop the checks of a deleted record's resources."""
        model.Session.execute(
            sa.delete(cls).where(cls.package_id == package_id), execution_options=_PLAIN
        )

    @classmethod
    def _save(cls, resource_id: str, package_id: str, **values: Any) -> None:
        """Update the resource's row, or create it (PostgreSQL checks NOT NULL before ON CONFLICT,
        so a partial upsert cannot be used)."""
        values = {**values, "package_id": package_id}
        update = sa.update(cls).where(cls.resource_id == resource_id).values(**values)
        if model.Session.execute(update, execution_options=_PLAIN).rowcount:
            return
        row = {"created": _now(), "fingerprint": "", **values, "resource_id": resource_id}
        model.Session.execute(sa.insert(cls).values(**row))


# Statements run as written: the ORM does not try to mirror them in objects already loaded
# (every read above asks the database again).
_PLAIN: dict[str, Any] = {"synchronize_session": False}


def _fresh(query: sa.Select[Any]) -> sa.Select[Any]:
    """A read that refreshes rows already loaded in the session (which outlive a commit)."""
    return query.execution_options(populate_existing=True)


def _stored(report: ValidationReport) -> dict[str, Any]:
    data = report.to_dict()
    for finding in data["findings"]:
        finding.pop("message", None)  # both languages are kept; the page picks one
    return data
