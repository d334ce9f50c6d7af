"""CKAN core actions narrowed so they expose only what the caller may read.

As configured here, stock CKAN answers "not authorized" for a private record and "not found" for a
missing one (an existence oracle), lists the tags of private and draft records to anyone, lists an
organization's private dataset ids to anyone, and fails with a 500 on a few inputs. Each action is
chained, never copied: the original does the work and its answer is filtered.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.enti.dcat import cache
from ckanext.enti.logic import visibility

# Actions that take a record (or a resource of one): a record the caller may not read is
# answered as a missing one. Reads are asked about a record that does not exist, so that each
# answers exactly as it does for one (404 for most, 409 for some); writes answer 404.
HIDDEN_AS_MISSING_READS = [
    "am_following_dataset",
    "dataset_follower_count",
    "dataset_follower_list",
    "package_activity_list",
    "package_collaborator_list",
    "package_relationships_list",
    "resource_view_list",
]
# Writes on a record: (the parameter naming the record, or a resource of it). A record that is
# missing or that the caller may not read gets the same 404 before CKAN looks at it (CKAN's own
# answers for a missing one vary, and some are 500s).
RECORD_WRITES = {
    "dataset_purge": "id",
    "follow_dataset": "id",
    "member_create": "object",
    "package_collaborator_create": "id",
    "package_collaborator_delete": "id",
    "package_delete": "id",
    "package_owner_org_update": "id",
    "package_relationship_create": "subject",
    "package_resource_reorder": "id",
    "resource_delete": "id",
    "resource_view_create": "resource_id",
    "unfollow_dataset": "id",
}

__all__ = [
    *HIDDEN_AS_MISSING_READS,
    *RECORD_WRITES,
    "activity_data_show",
    "activity_show",
    "member_list",
    "package_show",
    "resource_show",
    "tag_autocomplete",
    "tag_list",
    "tag_search",
    "tag_show",
]


def _not_found() -> tk.ObjectNotFound:
    """Exactly what CKAN raises for a missing record, resource or tag (no message)."""
    return tk.ObjectNotFound()


def _one_id(data_dict: DataDict) -> None:
    """CKAN looks an id up as given: a list or an object there is a database error (a 500)."""
    for key in ("id", "name_or_id"):
        if key in data_dict and not isinstance(data_dict[key], str):
            raise tk.ValidationError({key: [tk._("Give one value as text")]})


@tk.chained_action
@tk.side_effect_free
def package_show(original_action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A record the caller may not read answers as one that does not exist; links to records
    the caller may not read are left out (``after_dataset_show``)."""
    _one_id(data_dict)
    try:
        return original_action(context, data_dict)
    except tk.NotAuthorized:
        raise _not_found() from None


@tk.chained_action
@tk.side_effect_free
def resource_show(original_action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A resource of a record the caller may not read answers as one that does not exist."""
    _one_id(data_dict)
    try:
        return original_action(context, data_dict)
    except tk.NotAuthorized:
        raise _not_found() from None


def _free_tags(data_dict: DataDict) -> bool:
    """Vocabulary terms are a sysadmin's controlled list, public by nature; free tags are the
    publishers' own words and follow their records."""
    return not data_dict.get("vocabulary_id")


def _paging(data_dict: DataDict) -> tuple[int, int | None]:
    """``offset`` and ``limit`` checked here: CKAN hands them to SQL as given (a 500)."""
    try:
        offset = int(data_dict.get("offset") or 0)
        limit = int(data_dict["limit"]) if data_dict.get("limit") not in (None, "") else None
    except (TypeError, ValueError):
        raise tk.ValidationError({"limit": [tk._("Must be a whole number")]}) from None
    if offset < 0 or (limit is not None and limit < 0):
        raise tk.ValidationError({"limit": [tk._("Must be a whole number")]})
    return offset, limit


def _page(items: list[Any], data_dict: DataDict) -> list[Any]:
    offset, limit = _paging(data_dict)
    return items[offset : offset + limit if limit is not None else None]


def _unpaged(data_dict: DataDict) -> DataDict:
    return {k: v for k, v in data_dict.items() if k not in ("limit", "offset")}


def _tag_name(tag: Any) -> Any:
    return tag["name"] if isinstance(tag, dict) else tag


def _visible_tags(context: Context, data_dict: DataDict, tags: list[Any]) -> list[Any]:
    """Free tags only where ``package_search`` shows the caller a record using them."""
    if not _free_tags(data_dict):
        return tags
    visible = visibility.visible_tag_names(context)
    return [t for t in tags if _tag_name(t) in visible]


@tk.chained_action
@tk.side_effect_free
def tag_list(original_action, context: Context, data_dict: DataDict) -> list[Any]:
    """Only the tags of records ``package_search`` would show the caller."""
    _paging(data_dict)
    for key in ("query", "q", "vocabulary_id"):
        if data_dict.get(key) is not None and not isinstance(data_dict[key], str):
            raise tk.ValidationError({key: [tk._("Give one value as text")]})
    tags = original_action(context, _unpaged(data_dict))
    return _page(_visible_tags(context, data_dict, tags), data_dict)


@tk.chained_action
@tk.side_effect_free
def tag_search(original_action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Only the tags of records ``package_search`` would show the caller (counted after)."""
    _paging(data_dict)
    found = original_action(context, _unpaged(data_dict))
    results = _visible_tags(context, data_dict, found["results"])
    return {"count": len(results), "results": _page(results, data_dict)}


@tk.chained_action
@tk.side_effect_free
def tag_autocomplete(original_action, context: Context, data_dict: DataDict) -> list[str]:
    """Only the tags of records ``package_search`` would show the caller."""
    _paging(data_dict)
    names = original_action(context, _unpaged(data_dict))
    return _page(_visible_tags(context, data_dict, names), data_dict)


@tk.chained_action
@tk.side_effect_free
def tag_show(original_action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A tag used only by records the caller may not read does not exist for them; its list of
    datasets holds only the readable ones."""
    _one_id(data_dict)
    shown = original_action(context, data_dict)
    if not _free_tags(data_dict):
        return shown
    if shown.get("name") not in visibility.visible_tag_names(context):
        raise _not_found()
    if "packages" in shown:
        shown["packages"] = [
            p for p in shown["packages"] if visibility.readable(context, p.get("id", ""))
        ]
    return shown


@tk.chained_action
@tk.side_effect_free
def member_list(original_action, context: Context, data_dict: DataDict) -> list[Any]:
    """An organization's private and draft datasets are listed only to its members."""
    _one_id(data_dict)
    members = original_action(context, data_dict)
    group = model.Group.get(str(data_dict.get("id")))
    if group is None or visibility.sees_all_members(context, group.id):
        return members
    packages = [m[0] for m in members if m[1] == "package"]
    public = visibility.public_refs(packages)
    return [m for m in members if m[1] != "package" or m[0] in public]


@tk.chained_action
@tk.side_effect_free
def activity_show(original_action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """``include_data`` is optional, as documented (CKAN reads it unconditionally); the
    activity's copy of a record names only the linked records the caller may read."""
    shown = original_action(context, {"include_data": False, **data_dict})
    return _activity_links(context, shown)


def _read_as_missing():
    @tk.chained_action
    @tk.side_effect_free
    def chain(original_action, context: Context, data_dict: DataDict) -> Any:
        return original_action(context, visibility.as_missing(context, data_dict))

    return chain


def _write_as_missing(key: str):
    @tk.chained_action
    def chain(original_action, context: Context, data_dict: DataDict) -> Any:
        if key != "object" or data_dict.get("object_type") == "package":
            value = data_dict.get(key)
            if not isinstance(value, str):
                raise tk.ValidationError({key: [tk._("Give one value as text")]})
            if not visibility.readable_record(context, value):
                raise _not_found()
        return original_action(context, data_dict)

    return chain


def _purge(key: str):
    """A purge runs no dataset hook: the catalogue fragments that describe the record go too."""
    write = _write_as_missing(key)

    def chain(original_action, context: Context, data_dict: DataDict) -> Any:
        package = model.Package.get(str(data_dict.get(key)))
        keys = [package.id, package.name] if package else []
        result = write(original_action, context, data_dict)
        cache.invalidate(keys)
        return result

    return tk.chained_action(chain)


globals().update({name: _read_as_missing() for name in HIDDEN_AS_MISSING_READS})
globals().update({name: _write_as_missing(key) for name, key in RECORD_WRITES.items()})
globals()["dataset_purge"] = _purge(RECORD_WRITES["dataset_purge"])


@tk.chained_action
@tk.side_effect_free
def activity_data_show(original_action, context: Context, data_dict: DataDict) -> Any:
    """An activity's copy of a record names only the linked records the caller may read."""
    return _activity_links(context, original_action(context, data_dict))


def _activity_links(context: Context, shown: Any) -> Any:
    data = shown.get("data", shown) if isinstance(shown, dict) else None
    if isinstance(data, dict) and isinstance(data.get("package"), dict):
        visibility.hide_unreadable_links(context, data["package"])
    return shown
