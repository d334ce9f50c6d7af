"""Auth functions of ckanext-enti, one per action, delegating to CKAN's own permissions."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import AuthResult, Context, DataDict

__all__ = [
    "enti_cnmd_catalog_show",
    "enti_cnmd_metadata_show",
    "enti_dcat_conformance",
    "enti_validation_run",
    "enti_validation_show",
    "package_collaborator_list",
]


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


@tk.auth_allow_anonymous_access
def enti_validation_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may see a resource may see its validation report."""
    return authz.is_authorized("resource_show", context, data_dict)


def enti_validation_run(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may edit a resource may have it validated again."""
    return authz.is_authorized("resource_update", context, data_dict)


@tk.chained_auth_function
def package_collaborator_list(next_auth, context: Context, data_dict: DataDict) -> AuthResult:
    """CKAN asserts a user and a record exist (a 500 for anonymous callers): refuse instead."""
    if not model.User.get(context.get("user") or "") or not model.Package.get(
        str(data_dict.get("id") or "")
    ):
        return {"success": False, "msg": tk._("Not authorized to list the collaborators")}
    return next_auth(context, data_dict)
