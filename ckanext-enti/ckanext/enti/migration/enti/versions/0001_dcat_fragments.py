"""The DCAT fragment cache: ready-to-send RDF of each record, per output format.

Revision ID: 0001_dcat_fragments
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_dcat_fragments"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enti_dcat_fragment",
        # No foreign key into core tables: rows of purged records are dropped by the hooks.
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("fmt", sa.UnicodeText, primary_key=True),
        sa.Column("signature", sa.UnicodeText, nullable=False),
        sa.Column("modified", sa.UnicodeText, nullable=False),
        sa.Column("deps", postgresql.ARRAY(sa.UnicodeText), nullable=False),
        sa.Column("body", sa.UnicodeText, nullable=False),
    )
    op.create_index(
        "enti_dcat_fragment_deps_idx",
        "enti_dcat_fragment",
        ["deps"],
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_table("enti_dcat_fragment")
