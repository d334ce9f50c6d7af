"""Auth functions of ckanext-enti, one per action, delegating to CKAN's own permissions."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.types import AuthResult, Context, DataDict

__all__ = ["enti_cnmd_catalog_show", "enti_cnmd_metadata_show", "enti_dcat_conformance"]


@tk.auth_allow_anonymous_access
def enti_dcat_conformance(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may see a record may see its conformance."""
    return authz.is_authorized("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def enti_cnmd_metadata_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may see a record may see its CNMD entity."""
    return authz.is_authorized("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def enti_cnmd_catalog_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may read the DCAT catalogue (everyone, by default) may read its CNMD form."""
    return authz.is_authorized("dcat_catalog_show", context, data_dict)
