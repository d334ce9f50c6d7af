"""Validation reports of resources (issue 5): one row per resource, the latest run.

Revision ID: 0002_validation_reports
Revises: 0001_dcat_fragments
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_validation_reports"
down_revision = "0001_dcat_fragments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enti_validation",
        # No foreign keys into core tables: the hooks drop rows of deleted resources.
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        # pending, running, valid, invalid, error (could not read or fetch)
        sa.Column("status", sa.UnicodeText, nullable=False),
        # What was validated (URL, size, last modification): a new upload or link is validated
        # again, an unchanged one is not.
        sa.Column("fingerprint", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("finished", sa.DateTime, nullable=True),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("warning_count", sa.Integer, nullable=False, server_default="0"),
        # JSON: {"reports": [ValidationReport.to_dict(), ...]} or {"error": {...}}
        sa.Column("report", sa.UnicodeText, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("enti_validation")
