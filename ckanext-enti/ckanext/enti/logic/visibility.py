"""What a viewer may see of records other than the one asked for: linked records, tags, members.

One rule for every output: a record the viewer cannot read is never named, counted or described,
and answers exactly as a record that does not exist. Public documents (DCAT, CNMD JSON-LD, search
results) are the same for every viewer, so there a linked record appears only if it is public and
active.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context
from sqlalchemy import or_
from sqlalchemy.engine import Row

from enti.validators.geometry.simplify import simplified_coverage

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


# The rule of public documents: a record is listed or named only if it is public and active, for
# every viewer. In the search index (package_search adds +capacity:public when include_private is
# false; a state filter in fq keeps it from adding drafts, whatever a caller's fq_list says):
PUBLIC_ACTIVE_SEARCH: dict[str, Any] = {
    "fq": "+state:active",
    "include_private": False,
    "include_drafts": False,
}


def public_records(refs: Iterable[str]) -> list[Row]:
    """The records named by ``refs`` (ids or names) that are public and active, as rows of
    ``id``, ``name``, ``title`` and ``notes`` (the same rule in the database)."""
    wanted = [r for r in set(refs) if isinstance(r, str) and r]
    if not wanted:
        return []
    package = model.Package
    return (
        model.Session.query(package.id, package.name, package.title, package.notes)
        .filter(or_(package.id.in_(wanted), package.name.in_(wanted)))
        .filter(package.state == "active", package.private.is_(False))
        .all()
    )


def public_refs(refs: Iterable[str]) -> set[str]:
    """The ids and names among ``refs`` of records that are public and active."""
    return {value for row in public_records(refs) for value in (row.id, row.name)}


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


# What a search can return beside the dict fields: the index's stored copies of the record,
# its extras (``use_default_schema``) and facets on the link fields.
INDEX_COPIES = ("data_dict", "validated_data_dict")


def hide_non_public_links(records: list[dict[str, Any]]) -> None:
    """Search results and public documents: only links to public, active records remain, in
    the record and in whatever copy of it a search returns (``fl``, ``use_default_schema``)."""
    copies = [_index_copy(r, key) for r in records for key in INDEX_COPIES if key in r]
    views = [*records, *(c for _, _, c in copies if c is not None)]
    values = [v for r in views for f in LINK_FIELDS for v in _link_values(r, f)]
    allowed = public_refs(values) if values else set()
    for record in views:
        _keep_links(record, allowed)
    for record, key, copy in copies:
        record[key] = json.dumps(copy) if copy is not None else None


def hide_link_facets(search_results: dict[str, Any]) -> None:
    """Facets on link fields would count and name every linked record: never answered."""
    for key in ("facets", "search_facets"):
        facets = search_results.get(key)
        if isinstance(facets, dict):
            for name in list(facets):
                if any(field in name for field in LINK_FIELDS):
                    del facets[name]


def _index_copy(record: dict[str, Any], key: str) -> tuple[dict[str, Any], str, Any]:
    try:
        copy = json.loads(record[key]) if isinstance(record[key], str) else None
    except ValueError:
        copy = None
    return record, key, copy if isinstance(copy, dict) else None


def _link_values(record: dict[str, Any], field: str) -> list[str]:
    values = links_of(record, field) + links_of(record, f"extras_{field}")
    for extra in record.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") == field:
            values += links_of({field: extra.get("value")}, field)
    return values


def _keep_links(record: dict[str, Any], allowed: set[str]) -> None:
    for field in LINK_FIELDS:
        for key in (field, f"extras_{field}"):
            if record.get(key):
                kept = [v for v in links_of(record, key) if v in allowed]
                record[key] = kept if isinstance(record[key], list) else json.dumps(kept)
        for extra in record.get("extras") or []:
            if isinstance(extra, dict) and extra.get("key") == field:
                kept = [v for v in links_of({field: extra.get("value")}, field) if v in allowed]
                extra["value"] = json.dumps(kept)


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


RECORD_KEYS = ("id", "name_or_id", "package_id", "resource_id", "subject", "object", "id2")


def hidden_key(context: Context | dict[str, Any], data_dict: Any) -> str | None:
    """The parameter of an action naming a record, or a resource of one, that the caller may
    not read (``None`` when there is none): such a call must answer as for a missing record."""
    if not isinstance(data_dict, dict) or context.get("ignore_auth"):
        return None
    for key in RECORD_KEYS:
        value = data_dict.get(key)
        if value is not None and not isinstance(value, str):
            raise tk.ValidationError({key: [tk._("Give one value as text")]})
        if not value:
            continue
        package = model.Package.get(value)
        if package is None:
            resource = model.Resource.get(value)
            package = model.Package.get(resource.package_id) if resource else None
        if package is not None and not readable(context, package.id):
            return key
    return None


def readable_record(context: Context | dict[str, Any], ref: str) -> bool:
    """Does ``ref`` name a record, or a resource of one, that the caller may read?"""
    package = model.Package.get(ref)
    if package is None:
        resource = model.Resource.get(ref)
        package = model.Package.get(resource.package_id) if resource else None
    return package is not None and readable(context, package.id)


def as_missing(context: Context | dict[str, Any], data_dict: Any) -> Any:
    """``data_dict`` with a record the caller may not read replaced by one that does not exist:
    the action then answers exactly as it does for a missing record, whatever that answer is
    (404 for most, 409 for some)."""
    if isinstance(data_dict, dict) and isinstance(data_dict.get("id"), Row):
        data_dict = {**data_dict, "id": str(data_dict["id"][0])}  # CKAN's bulk updates pass rows
    key = hidden_key(context, data_dict)
    return {**data_dict, key: str(uuid.uuid4())} if key else data_dict


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
