"""The CNMD rules the JSON Schemas do not express (FAQ v1.5), on the key-values form of an entity.

* Identifiers are URNs ``urn:<organisation>:<EntityType>:<local-id>`` (``urn:ngsi-ld:Type:id``
  fits the same shape). Not a URN: error. A URN naming another type: warning (the identifier is
  still unique and resolvable, but misleading). A relationship pointing at a non-URN: warning.
* Mandatory properties carry a valid value: ``""``, blank text, ``null``, ``{}`` (and ``[]``) are
  errors, at any depth the schema marks mandatory.
* Optional properties without a value are omitted. Sending one empty is a **warning**, not an
  error: the FAQ calls empty values *invalid* only for mandatory properties; for optional ones it
  prescribes a practice, and an entity with the empty member left out is exactly as complete.
  The schema's own complaints about that empty member are not repeated.
* The one exception: an end date (a date property named for an end: ``endDate``, ``validTo``,
  ``dateFinished``, ``endLifespanVersion`` …) may be ``null``: an interval still open.
"""

from __future__ import annotations

import re
from typing import Any

from enti.validators.entities.schema import RequiredTree
from enti.validators.values import is_empty

URN = re.compile(r"^urn:([a-z0-9][a-z0-9-]{0,30}[a-z0-9]):([^:\s]+):(\S+)$", re.IGNORECASE)
END_DATE = re.compile(r"^end|End|_end|^finish|Finish|(To|Through|Until)$")
CORE = frozenset({"id", "type", "@context"})


def urn_type(identifier: Any) -> str | None:
    """The entity type an identifier names, or ``None`` if it is not a CNMD URN."""
    if type(identifier) is not str:
        return None
    match = URN.match(identifier)
    return match.group(2) if match else None


def empties(
    kv: dict[str, Any], tree: RequiredTree
) -> list[tuple[tuple[Any, ...], Any, bool | None]]:
    """(path, value, mandatory) of every empty member: at the top level all of them, deeper the
    ones the schema declares. ``mandatory`` is ``None`` for a null end date (allowed)."""
    found: list[tuple[tuple[Any, ...], Any, bool | None]] = []
    _scan((), kv, tree, found, top=True)
    return found


def _scan(
    path: tuple[Any, ...],
    node: dict[str, Any],
    tree: RequiredTree,
    found: list[tuple[tuple[Any, ...], Any, bool | None]],
    top: bool = False,
) -> None:
    declared = tree.properties
    for name, value in node.items():
        if not is_empty(value):
            if type(value) is dict:
                sub = declared.get(name)
                if sub is not None and (sub.properties or sub.required):
                    _scan((*path, name), value, sub, found)
            continue
        if name in CORE if top else name not in declared and name not in tree.required:
            continue  # id, type; or a member the schema does not declare
        end_date = value is None and name in tree.dates and END_DATE.search(name)
        found.append(((*path, name), value, None if end_date else name in tree.required))
