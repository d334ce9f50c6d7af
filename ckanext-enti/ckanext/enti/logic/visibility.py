"""What a viewer may see of records other than the one asked for: linked records, tags, members.

One rule for every output: a record the viewer cannot read is never named, counted or described,
and answers exactly as a record that does not exist. Public documents (DCAT, CNMD JSON-LD, search
results) are the same for every viewer, so there a linked record appears only if it is public and
active.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context
from sqlalchemy import or_

from enti.validators.geometry_simplify import simplified_coverage

# Fields of the ENTI schemas that name other records (by id or name).
LINK_FIELDS = ("serves_dataset", "in_series")


def viewer_context(context: Context | dict[str, Any]) -> Context:
    """A fresh context for the same viewer: CKAN's auth reuses ``context["package"]``, which
    belongs to the record being shown or saved, not to the one being checked."""
    user = context.get("user") or ""
    user_obj = context.get("auth_user_obj")
    if user_obj is None and user:  # CKAN's read auth goes by the user object's labels
        user_obj = model.User.get(user)
    return {
        "model": model,
        "user": user,
        "auth_user_obj": user_obj,
        "ignore_auth": bool(context.get("ignore_auth")),
    }


def readable(context: Context | dict[str, Any], ref: str) -> bool:
    """May the viewer of ``context`` read the record ``ref`` (id or name)?"""
    if not isinstance(ref, str) or not ref:
        return False
    ctx = viewer_context(context)
    if ctx["ignore_auth"]:
        return model.Package.get(ref) is not None
    return authz.is_authorized_boolean("package_show", ctx, {"id": ref})


def public_refs(refs: Iterable[str]) -> set[str]:
    """The ids and names among ``refs`` of records that are public and active."""
    wanted = [r for r in set(refs) if isinstance(r, str) and r]
    if not wanted:
        return set()
    rows = (
        model.Session.query(model.Package.id, model.Package.name)
        .filter(or_(model.Package.id.in_(wanted), model.Package.name.in_(wanted)))
        .filter(model.Package.state == "active", model.Package.private.is_(False))
        .all()
    )
    return {value for row in rows for value in row}


def links_of(record: dict[str, Any], field: str) -> list[str]:
    """The values of a link field, whether shown (a list) or stored (JSON text)."""
    value = record.get(field)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def hide_unreadable_links(context: Context | dict[str, Any], record: dict[str, Any]) -> None:
    """``package_show``: links to records the viewer cannot read are left out."""
    for field in LINK_FIELDS:
        if field in record and isinstance(record[field], list):
            record[field] = [r for r in links_of(record, field) if readable(context, r)]


def hide_non_public_links(records: list[dict[str, Any]]) -> None:
    """Search results and public documents: only links to public, active records remain."""
    present = [r for r in records if any(isinstance(r.get(f), list) for f in LINK_FIELDS)]
    if not present:
        return
    allowed = public_refs(v for r in present for f in LINK_FIELDS for v in links_of(r, f))
    for record in present:
        for field in LINK_FIELDS:
            if isinstance(record.get(field), list):
                record[field] = [v for v in links_of(record, field) if v in allowed]


def stored_links(ids: list[str]) -> dict[str, list[str]]:
    """The links each of these records stores, whoever may read them (one query)."""
    if not ids:
        return {}
    rows = (
        model.Session.query(model.Package.id, model.Package.extras)
        .filter(model.Package.id.in_(ids))
        .all()
    )
    return {
        row.id: [v for f in LINK_FIELDS for v in links_of(dict(row.extras or {}), f)]
        for row in rows
    }


def kept_hidden_links(context: Context | dict[str, Any], field: str) -> list[str]:
    """Links stored on the record being updated that its editor cannot read: kept as they are
    (the editor was never shown them, so leaving them out of the update removes nothing)."""
    package = context.get("package")
    if package is None:
        return []
    stored = links_of({field: (package.extras or {}).get(field)}, field)
    return [ref for ref in stored if not readable(context, ref)]


def as_shown(record: dict[str, Any]) -> dict[str, Any]:
    """A record as pages and exports show it: coverage geometries of at most 1,000 vertices
    (a 200,000-vertex boundary would make a 10 MB page); the stored record keeps them all."""
    if isinstance(record.get("spatial_coverage"), list):
        record = {**record, "spatial_coverage": simplified_coverage(record["spatial_coverage"])}
    return record


RECORD_KEYS = ("id", "name_or_id", "package_id", "resource_id")


def hidden_key(context: Context | dict[str, Any], data_dict: Any) -> str | None:
    """The parameter of an action naming a record, or a resource of one, that the caller may
    not read (``None`` when there is none): such a call must answer as for a missing record."""
    if not isinstance(data_dict, dict) or context.get("ignore_auth"):
        return None
    for key in RECORD_KEYS:
        value = data_dict.get(key)
        if not isinstance(value, str) or not value:
            continue
        package = model.Package.get(value)
        if package is None:
            resource = model.Resource.get(value)
            package = model.Package.get(resource.package_id) if resource else None
        if package is not None and not readable(context, package.id):
            return key
    return None


# -- tags and members ---------------------------------------------------------------------------


def visible_tag_names(context: Context) -> set[str]:
    """Free tags of the records ``package_search`` shows this caller (active; private ones only
    where the caller may read them)."""
    result = tk.get_action("package_search")(
        viewer_context(context),
        {
            "q": "*:*",
            "rows": 0,
            "include_private": True,
            "facet.field": ["tags"],
            "facet.limit": -1,
        },
    )
    return set(result["facets"].get("tags", {}))


def sees_all_members(context: Context, group_id: str) -> bool:
    """Sysadmins and members of the organization may list all its datasets."""
    ctx = viewer_context(context)
    if ctx["ignore_auth"] or authz.is_sysadmin(ctx["user"]):
        return True
    user = ctx["auth_user_obj"] or (model.User.get(ctx["user"]) if ctx["user"] else None)
    if user is None or not getattr(user, "id", None):
        return False
    return authz.has_user_permission_for_group_or_org(group_id, user.name, "read")
