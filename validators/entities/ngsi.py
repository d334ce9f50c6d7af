"""NGSI-LD and NGSI-v2 entities to the key-values form the CNMD JSON Schemas describe, and back.

Three shapes arrive: NGSI-LD normalized (``{"type": "Property", "value": …}``, ``GeoProperty``,
``Relationship`` with ``object``, ``LanguageProperty`` with ``languageMap`` …; also the concise
``{"value": …}`` / ``{"object": …}`` and multi-attribute arrays with ``datasetId``), NGSI-v2
normalized (``{"type": "Number", "value": …, "metadata": {…}}``) and key-values. Sub-properties and
metadata are dropped, JSON-LD value objects (``{"@type": "DateTime", "@value": …}``) are unwrapped.
:func:`source_pointer` turns a path in the key-values form back into a JSON pointer into the
entity as published, so a finding points at what the publisher wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

LD = "ngsi-ld"
V2 = "ngsi-v2"
KEY_VALUES = "key-values"

CORE = frozenset({"id", "type", "@context", "@id", "@type"})
# NGSI-LD attribute type -> the member holding its value (NGSI-LD 1.8, clause 4.5).
LD_MEMBERS = {
    "Property": "value",
    "GeoProperty": "value",
    "Relationship": "object",
    "LanguageProperty": "languageMap",
    "VocabProperty": "vocab",
    "ListProperty": "valueList",
    "ListRelationship": "objectList",
    "JsonProperty": "json",
}
CONCISE = ("value", "object", "languageMap", "vocab", "valueList", "objectList", "json")
V2_MEMBERS = frozenset({"type", "value", "metadata"})
RELATIONSHIPS = frozenset({"Relationship", "ListRelationship"})
VALUE_OBJECT = frozenset({"@value", "@type", "@language"})


def normalize(entity: dict[str, Any]) -> dict[str, Any]:
    """The key-values form of an NGSI-LD / NGSI-v2 entity (a key-values entity comes back equal).

    ``id``, ``type`` and ``@context`` are kept as they are; every other attribute becomes its value.
    """
    return convert(entity, keep_context=True).values


def representation(entity: dict[str, Any]) -> str:
    """``ngsi-ld`` if some attribute is an NGSI-LD attribute, ``ngsi-v2`` if every attribute is
    ``{"type", "value", "metadata"}``, else ``key-values``."""
    return convert(entity).kind


@dataclass
class KeyValues:
    values: dict[str, Any]  # the key-values form
    kind: str  # the representation it came in
    relationships: list[str]  # the attributes that are relationships


def convert(entity: dict[str, Any], *, keep_context: bool = False) -> KeyValues:
    """One pass over the attributes, reading them as NGSI-LD; redone as NGSI-v2 or key-values
    when no attribute turns out to be NGSI-LD (rare: the CNMD default is NGSI-LD)."""
    out: dict[str, Any] = {}
    related: list[str] = []
    ld = concise = False
    v2 = True
    for name, value in entity.items():
        if name in CORE:
            if name != "@context" or keep_context:
                out[name] = value
            continue
        kind = type(value)
        if kind is dict:
            declared = value.get("type")
            member = LD_MEMBERS.get(declared) if type(declared) is str else None
            if member is not None:
                if member in value or declared in ("Property", "GeoProperty"):
                    ld = True
                elif "value" in value:  # NGSI-v2 Relationship, or a lenient NGSI-LD one
                    member = "value"
                if declared in RELATIONSHIPS:
                    related.append(name)
                if not ld:
                    v2 = v2 and value.keys() <= V2_MEMBERS
                value = value.get(member)
            elif declared is None and (member := _concise(value)) is not None:
                concise = True
                v2 = v2 and member == "value" and value.keys() <= V2_MEMBERS
                if member in ("object", "objectList"):
                    related.append(name)
                value = value.get(member)
            elif v2 and not ld:
                v2 = value.keys() <= V2_MEMBERS and ("value" in value or declared is not None)
        elif kind is list and _is_multi(value):
            ld = True
            inner = value[_default_instance(value)]
            if inner.get("type") in RELATIONSHIPS:
                related.append(name)
            value = inner.get(LD_MEMBERS[inner["type"]], inner.get("value"))
        else:
            v2 = False
        kind = type(value)
        out[name] = unwrap(value) if kind is dict or kind is list else value
    if not ld:
        if v2 and any(k not in CORE for k in entity):
            return _plain(entity, V2, keep_context)
        if concise or related:
            return _plain(entity, KEY_VALUES, keep_context)
        related = [n for n in out if n.startswith("ref") and n[3:4].isupper()]
    _core_aliases(out)
    return KeyValues(out, LD if ld else KEY_VALUES, related)


def _plain(entity: dict[str, Any], kind: str, keep_context: bool) -> KeyValues:
    out: dict[str, Any] = {}
    related = []
    for name, value in entity.items():
        if name in CORE:
            if name != "@context" or keep_context:
                out[name] = value
            continue
        if kind == V2:
            if value.get("type") == "Relationship":
                related.append(name)
            value = value.get("value")
        elif name.startswith("ref") and name[3:4].isupper():
            related.append(name)
        out[name] = unwrap(value)
    _core_aliases(out)
    return KeyValues(out, kind, related)


def _core_aliases(out: dict[str, Any]) -> None:
    if "id" not in out and "@id" in out:
        out["id"] = out.pop("@id")
    if "type" not in out and "@type" in out:
        out["type"] = out.pop("@type")


def unwrap(value: Any) -> Any:
    """``value`` with every JSON-LD value object ``{"@value": v, "@type"/"@language": …}`` as ``v``;
    the same object when there is nothing to unwrap."""
    kind = type(value)
    if kind is dict:
        if "@value" in value and value.keys() <= VALUE_OBJECT:
            return unwrap(value["@value"])
        changed = None
        for key, item in value.items():
            kind = type(item)
            if (kind is dict or kind is list) and key != "coordinates":  # GeoJSON has none
                new = unwrap(item)
                if new is not item:
                    changed = changed or dict(value)
                    changed[key] = new
        return value if changed is None else changed
    if kind is list:
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                break
        else:
            return value
        items = [unwrap(item) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def relationship_targets(converted: KeyValues) -> Iterable[tuple[list[Any], Any]]:
    """(key-values path, target) of every relationship: NGSI-LD ``Relationship`` objects, NGSI-v2
    attributes of type ``Relationship``, key-values ``ref…`` attributes (the Smart Data Models
    naming rule)."""
    for name in converted.relationships:
        value = converted.values.get(name)
        if isinstance(value, list):
            yield from (([name, i], t) for i, t in enumerate(value))
        else:
            yield [name], value


def source_pointer(entity: dict[str, Any], path: Iterable[Any], kind: str) -> str:
    """JSON pointer into ``entity`` as published for a path into its key-values form; a missing
    member is pointed at where it should be."""
    parts: list[Any] = []
    node: Any = entity
    for step in path:
        if parts and _is_value_object(node):
            parts.append("@value")
            node = node["@value"]
        parts.append(step)
        node = _child(node, step)
        if len(parts) == 1 and kind != KEY_VALUES and step not in CORE and node is not None:
            steps, node = _locate(node, kind)
            parts.extend(steps)
    if parts and _is_value_object(node):
        parts.append("@value")
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


# --- attributes ------------------------------------------------------------------------------


def _is_value_object(value: Any) -> bool:
    return type(value) is dict and "@value" in value and value.keys() <= VALUE_OBJECT


def _concise(value: dict[str, Any]) -> str | None:
    """The member of a concise NGSI-LD attribute (no ``type``) holding its value, if any."""
    return next((m for m in CONCISE if m in value), None)


def _ld_member(value: Any) -> str | None:
    """The member holding the value of an NGSI-LD attribute (normalized or concise), ``None`` if
    ``value`` is a plain value."""
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind is None:
        return next((m for m in CONCISE if m in value), None)
    member = LD_MEMBERS.get(kind) if isinstance(kind, str) else None
    if member is None:
        return None
    return member if member in value or "value" not in value else "value"


def _is_multi(value: Any) -> bool:
    """A multi-attribute: several instances of one NGSI-LD attribute, told apart by datasetId."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(i, dict) and i.get("type") in LD_MEMBERS for i in value)
    )


def _default_instance(instances: list[dict[str, Any]]) -> int:
    return next((i for i, item in enumerate(instances) if "datasetId" not in item), 0)


def _is_v2(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and ("value" in value or isinstance(value.get("type"), str))
        and value.keys() <= V2_MEMBERS
    )


def _locate(value: Any, kind: str) -> tuple[list[Any], Any]:
    """(steps from the attribute to its value, the value) in an NGSI-LD or NGSI-v2 entity."""
    if kind == V2:
        if _is_v2(value):
            return ["value"], value.get("value")
        return [], value
    if _is_multi(value):
        index = _default_instance(value)
        steps, inner = _locate(value[index], kind)
        return [index, *steps], inner
    member = _ld_member(value)
    if member is None:
        return [], value
    return [member], value.get(member)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None
