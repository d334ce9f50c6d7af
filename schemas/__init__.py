"""Declarative data of ckanext-enti: scheming YAML, vocabularies, Table Schemas, CNMD schemas.

Nothing here imports CKAN. :func:`path` locates a shipped file whatever the install mode.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Return the path of a file shipped under ``schemas/``."""
    return ROOT.joinpath(*parts)
