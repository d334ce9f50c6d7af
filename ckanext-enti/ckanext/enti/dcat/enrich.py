"""What a record's DCAT-AP output needs beyond the record: gathered here, once for a batch of
records, and added to copies of their dicts, so that the profile reads no database.

- :data:`PUBLISHER`: the organization's publisher URI, homepage and kind (organization extras);
- :data:`LINKS`: the records it links to (series, served datasets) that a public document may
  name (public and active, for every viewer), by id and by name: ``id``, ``name``, ``title``,
  ``notes``;
- :data:`DEPENDS_ON`: the ids and names whose change can change its output: its organization and
  every record it links to as stored, readable or not (a link to a private record is not in the
  output, but must be once that record is made public).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ckan import model

from ckanext.enti.logic.visibility import LINK_FIELDS, links_of, public_records, stored_links

PUBLISHER = "enti_publisher"
LINKS = "enti_links"
DEPENDS_ON = "enti_depends_on"


def enrich(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of ``records`` (validated dicts) with :data:`PUBLISHER`, :data:`LINKS` and
    :data:`DEPENDS_ON` added."""
    records = list(records)
    publishers = _publishers({o for r in records if (o := _organization_id(r))})
    named = [[v for f in LINK_FIELDS for v in links_of(r, f)] for r in records]
    linked = _summaries([v for refs in named for v in refs])
    stored = stored_links([r["id"] for r in records if r.get("id")])
    enriched = []
    for record, refs in zip(records, named, strict=True):
        links = stored.get(record.get("id", ""), [])
        enriched.append(
            {
                **record,
                PUBLISHER: publishers.get(_organization_id(record) or ""),
                LINKS: {ref: linked[ref] for ref in refs if ref in linked},
                DEPENDS_ON: sorted({d for d in [record.get("owner_org"), *links] if d}),
            }
        )
    return enriched


def enrich_record(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of one record, enriched as by :func:`enrich`."""
    return enrich([record])[0]


def _organization_id(record: dict[str, Any]) -> str | None:
    organization = record.get("organization")
    if not isinstance(organization, dict):
        return None
    return organization.get("id") or None


def _publishers(ids: set[str]) -> dict[str, dict[str, str | None]]:
    """Each organization's publisher URI, homepage and kind (from its extras)."""
    if not ids:
        return {}
    groups = model.Session.query(model.Group).filter(model.Group.id.in_(ids)).all()
    publishers = {}
    for group in groups:
        extras = group.extras or {}
        publishers[group.id] = {
            "uri": extras.get("publisher_uri"),
            "homepage": extras.get("url"),
            "kind": extras.get("enti_kind"),
        }
    return publishers


def _summaries(refs: list[str]) -> dict[str, dict[str, str | None]]:
    """The public, active records among ``refs``, by id and by name."""
    summaries = {}
    for row in public_records(refs):
        summary = {"id": row.id, "name": row.name, "title": row.title, "notes": row.notes}
        summaries[row.id] = summaries[row.name] = summary
    return summaries
