"""Typed accessors for ckanext-enti's config options (declared in config_declaration.yaml)."""

from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk

# The repository layout puts deploy/demo three levels above this package (editable install).
_REPO_DEMO = Path(__file__).resolve().parents[3] / "deploy" / "demo"


def demo_data_dir() -> Path:
    configured = tk.config.get("ckanext.enti.demo.data_dir")
    return Path(configured) if configured else _REPO_DEMO


def demo_admin_name() -> str:
    return tk.config.get("ckanext.enti.demo.admin_name")


def catalog_publisher_uri() -> str:
    return tk.config.get("ckanext.enti.catalog.publisher_uri")


def catalog_publisher_name() -> str:
    return tk.config.get("ckanext.enti.catalog.publisher_name")


def catalog_licence() -> str:
    return tk.config.get("ckanext.enti.catalog.licence")


def catalog_spatial() -> str:
    return tk.config.get("ckanext.enti.catalog.spatial")


def dcat_fragment_cache() -> bool:
    return tk.asbool(tk.config.get("ckanext.enti.dcat.fragment_cache"))


def dcat_datasets_per_page() -> int:
    """Records a catalogue page (ckanext-dcat's option, declared by ckanext-dcat)."""
    return int(tk.config.get("ckanext.dcat.datasets_per_page"))


def validation_enabled() -> bool:
    return tk.asbool(tk.config.get("ckanext.enti.validation.enabled"))


def validation_max_bytes() -> int:
    return int(tk.config.get("ckanext.enti.validation.max_bytes"))


def validation_allow() -> list[str]:
    return list(tk.aslist(tk.config.get("ckanext.enti.validation.allow_hosts")))


def validation_max_findings() -> int:
    return int(tk.config.get("ckanext.enti.validation.max_findings"))


def validation_block_invalid() -> bool:
    return tk.asbool(tk.config.get("ckanext.enti.validation.block_invalid"))
