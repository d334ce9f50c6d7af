"""The rules of the ENTI metadata model that span several fields of one record.

They work on a plain record (the dict a publisher sends: ``contact``, ``spatial_coverage`` and
``temporal_coverage`` as lists of entries) and return ``(field path, Message)`` pairs, e.g.
``(("contact", 0, "email"), Message(...))``. What they need to know beyond the record's own fields
(is it a draft, does it have a stored distribution, who else uses its identifier, how many of its
files failed validation) comes in :class:`RecordFacts`, gathered by the caller. A schema's
``enti_rules`` block says which rules apply (:class:`RecordRules`):

* ``composite_required`` — repeating fields that need at least one complete entry
  (``contact``: name and email; ``spatial_coverage``: a geometry or a box; ``temporal_coverage``);
* ``needs_distribution`` — an active record needs at least one distribution;
* ``identifier`` — unique in the catalogue; :func:`record_defaults` fills it in as
  ``urn:<organization>:<Type>:<name>`` when left empty;
* ``inspire`` — when ``enti_geographic`` is set, the INSPIRE block is mandatory;
* ``hvd_needs_documentation`` — an HVD data service must link its documentation;
* an HVD category always brings the HVD regulation into ``applicable_legislation``.

A draft skips the "missing" checks, never the checks of values it has.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.geometry.coordinates import UNIT_BOXES
from enti.validators.messages import Message
from enti.validators.metadata import values
from enti.validators.values import as_list, is_empty, is_true

HVD_LEGISLATION = "http://data.europa.eu/eli/reg_impl/2023/138/oj"

# A complete entry of a repeating field: all (or any) of these subfields filled.
ENTRY_NEEDS = {
    "contact": (("name", "email"), all),
    "spatial_coverage": (("geom", "bbox"), any),
    "temporal_coverage": (("start",), all),
}

FieldPath = tuple[str | int, ...]
Problem = tuple[FieldPath, Message]
Record = Mapping[str, Any]


def label_of(field_def: Mapping[str, Any] | None, name: str = "") -> Message:
    """The bilingual label of a scheming field definition (``label: {pt_PT, en}`` or text)."""
    label = (field_def or {}).get("label") or name
    if isinstance(label, dict):
        return Message(pt=label.get("pt_PT") or label.get("en", name), en=label.get("en", name))
    return Message(pt=str(label), en=str(label))


@dataclass(frozen=True)
class RecordRules:
    """Which record rules a schema applies (its ``enti_rules`` block) and its field labels."""

    composite_required: tuple[str, ...] = ()
    needs_distribution: bool = False
    identifier: str | None = None  # the record type named in its URN (``Dataset`` …)
    inspire: bool = False
    hvd_needs_documentation: bool = False
    labels: Mapping[FieldPath, Message] = field(default_factory=dict)

    @classmethod
    def from_schema(cls, schema: Mapping[str, Any]) -> RecordRules:
        """The rules of a scheming schema (its ``enti_rules`` block and ``dataset_fields``)."""
        rules = schema.get("enti_rules") or {}
        labels: dict[FieldPath, Message] = {}
        for f in schema.get("dataset_fields", []):
            name = f["field_name"]
            labels[(name,)] = label_of(f, name)
            for sub in f.get("repeating_subfields", []):
                labels[(name, sub["field_name"])] = label_of(sub, sub["field_name"])
        return cls(
            composite_required=tuple(rules.get("composite_required", ())),
            needs_distribution=bool(rules.get("needs_distribution")),
            identifier=rules.get("identifier"),
            inspire=bool(rules.get("inspire")),
            hvd_needs_documentation=bool(rules.get("hvd_needs_documentation")),
            labels=labels,
        )

    def label(self, *path: str) -> Message:
        return self.labels.get(path) or Message(pt=path[-1], en=path[-1])


@dataclass(frozen=True)
class RecordFacts:
    """What the catalogue knows about a record beyond its fields."""

    draft: bool = False
    has_distribution: bool = True
    # Another record with the same identifier: its name when the user may read it, else "".
    identifier_taken_by: str | None = None
    failed_files: int = 0  # counted only when invalid files keep a record from being published


def entries(record: Record, name: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The filled entries of a repeating field, with their index."""
    rows = record.get(name)
    if not isinstance(rows, list):
        return []
    return [
        (i, row)
        for i, row in enumerate(rows)
        if isinstance(row, Mapping) and any(not is_empty(v) for v in row.values())
    ]


def _value(record: Record, name: str) -> Any:
    value = record.get(name)
    return None if is_empty(value) else value


def record_problems(record: Record, rules: RecordRules, facts: RecordFacts) -> list[Problem]:
    """Everything to fix in ``record`` under ``rules``, in the order a form shows it."""
    required = not facts.draft
    found: list[Problem] = []
    for name in rules.composite_required:
        found += _composite(record, rules, name, required=required)
    found += _contacts(record) + _temporal(record)
    if rules.needs_distribution and required and not facts.has_distribution:
        found.append((("resources",), NEEDS_DISTRIBUTION))
    if rules.identifier and facts.identifier_taken_by is not None:
        taken_by = facts.identifier_taken_by or None
        found.append((("identifier",), identifier_taken(str(record.get("identifier")), taken_by)))
    if rules.inspire and required:
        found += _inspire(record, rules)
    if rules.hvd_needs_documentation and required and _hvd_undocumented(record):
        found.append((("documentation",), HVD_NEEDS_DOCUMENTATION))
    if required and facts.failed_files:
        found.append((("state",), invalid_files(facts.failed_files)))
    return found


def _composite(record: Record, rules: RecordRules, name: str, *, required: bool) -> list[Problem]:
    needs, check = ENTRY_NEEDS[name]
    rows = entries(record, name)
    if not rows:
        return [((name,), values.missing(rules.label(name)))] if required else []
    if any(check(not is_empty(row.get(n)) for n in needs) for _, row in rows):
        return []
    index, row = rows[0]
    if name == "spatial_coverage":
        return [((name, index, "bbox"), COVERAGE_NEEDS_GEOMETRY)]
    if not required:
        return []
    sub = next(n for n in needs if is_empty(row.get(n)))
    return [((name, index, sub), values.missing(rules.label(name, sub)))]


def _contacts(record: Record) -> list[Problem]:
    found: list[Problem] = []
    for index, row in entries(record, "contact"):
        email = row.get("email")
        if not is_empty(email) and (problem := values.email_error(str(email))):
            found.append((("contact", index, "email"), problem))
    return found


def _temporal(record: Record) -> list[Problem]:
    frequency = vocabulary("frequency").get(_value(record, "frequency"))
    open_end = bool(frequency and frequency.extra.get("ongoing"))
    found: list[Problem] = []
    for index, row in entries(record, "temporal_coverage"):
        start = None if is_empty(row.get("start")) else row.get("start")
        end = None if is_empty(row.get("end")) else row.get("end")
        problem = values.temporal_error(start, end, open_end_allowed=open_end)
        if problem:
            found.append(
                (("temporal_coverage", index, "start" if start is None else "end"), problem)
            )
    return found


def _inspire(record: Record, rules: RecordRules) -> list[Problem]:
    if not is_true(_value(record, "enti_geographic")):
        return []
    found: list[Problem] = [
        ((name,), values.missing(rules.label(name)))
        for name in ("inspire_topic_category", "inspire_crs")
        if not _value(record, name)
    ]
    rows = entries(record, "spatial_coverage")
    if not any(not is_empty(r.get("bbox") or r.get("geom")) for _, r in rows):
        where: FieldPath = (
            ("spatial_coverage", rows[0][0], "bbox") if rows else ("spatial_coverage",)
        )
        found.append((where, INSPIRE_NEEDS_BOX))
    return found


def _hvd_undocumented(record: Record) -> bool:
    return bool(as_list(_value(record, "hvd_category"))) and not _value(record, "documentation")


def record_defaults(
    record: Record, rules: RecordRules, *, owner: str | None, today: date
) -> dict[FieldPath, Any]:
    """Values the model requires that the catalogue fills in itself, by field path: the
    identifier URN, the INSPIRE metadata date, the HVD regulation, the box of a coverage given
    only as Portugal, the mainland, the Azores or Madeira."""
    filled: dict[FieldPath, Any] = {}
    name = _value(record, "name")
    if rules.identifier and not _value(record, "identifier") and owner and name:
        filled[("identifier",)] = f"urn:{owner}:{rules.identifier}:{name}"
    geographic = is_true(_value(record, "enti_geographic"))
    if rules.inspire and geographic and not _value(record, "inspire_metadata_date"):
        filled[("inspire_metadata_date",)] = today.isoformat()
    if as_list(_value(record, "hvd_category")):
        laws = as_list(_value(record, "applicable_legislation"))
        if HVD_LEGISLATION not in laws:
            filled[("applicable_legislation",)] = [*laws, HVD_LEGISLATION]
    for index, row in entries(record, "spatial_coverage"):
        box = UNIT_BOXES.get(str(row.get("uri") or ""))
        if box and is_empty(row.get("bbox")) and is_empty(row.get("geom")):
            filled[("spatial_coverage", index, "bbox")] = json.dumps(box.as_geojson())
    return filled


# -- messages ----------------------------------------------------------------------------------

NEEDS_DISTRIBUTION = Message(
    pt="Um conjunto de dados ativo tem de ter pelo menos uma distribuição (recurso): "
    "acrescente um ficheiro ou uma ligação, ou guarde-o como rascunho",
    en="An active dataset needs at least one distribution (resource): add a file or a "
    "link, or save it as a draft",
)
COVERAGE_NEEDS_GEOMETRY = Message(
    pt="A cobertura geográfica tem de ser uma geometria ou um retângulo envolvente (não basta "
    "um nome de lugar): desenhe-a no mapa ou cole GeoJSON/WKT em WGS84",
    en="Geographical coverage must be a geometry or a bounding box (a place name is not "
    "enough): draw it on the map or paste GeoJSON/WKT in WGS84",
)
INSPIRE_NEEDS_BOX = Message(
    pt="Dados geográficos (INSPIRE) precisam de um retângulo envolvente em WGS84",
    en="Geographic data (INSPIRE) need a WGS84 bounding box",
)
HVD_NEEDS_DOCUMENTATION = Message(
    pt="Um serviço de dados de elevado valor (HVD) tem de indicar a sua documentação",
    en="A high-value (HVD) data service must give its documentation",
)


def invalid_files(count: int) -> Message:
    return Message(
        pt=f"{count} ficheiro(s) não passaram na validação: corrija-os (veja o relatório de cada "
        "recurso) ou guarde o conjunto de dados como rascunho",
        en=f"{count} file(s) failed validation: fix them (see each resource's report) or keep "
        "the dataset as a draft",
    )


def identifier_taken(identifier: str, other: str | None) -> Message:
    """The identifier is used by another record, named only when ``other`` is given (a record
    the user may not read is not named: no existence oracle)."""
    if other is None:
        return Message(
            pt=f"O identificador «{identifier}» já é usado por outro registo; cada registo do "
            "catálogo tem um identificador próprio",
            en=f"The identifier «{identifier}» is already used by another record; every record "
            "of the catalogue needs its own identifier",
        )
    return Message(
        pt=f"O identificador «{identifier}» já é usado pelo registo «{other}»; cada registo do "
        "catálogo tem um identificador próprio",
        en=f"The identifier «{identifier}» is already used by «{other}»; every record of the "
        "catalogue needs its own identifier",
    )
