"""``enti_record_rules``: the metadata-model rules that span several fields of a record.

Declared per schema with ``after_validators: enti_record_rules`` and configured by the schema's
``enti_rules`` block:

* ``composite_required`` — repeating fields that need at least one complete entry
  (``contact``: name and email; ``spatial_coverage``: a geometry or a box; ``temporal_coverage``);
* ``needs_distribution`` — an active record needs at least one resource;
* ``identifier`` — defaulted to ``urn:<organization>:<Type>:<name>`` and unique in the catalogue;
* ``inspire`` — when ``enti_geographic`` is set, the INSPIRE block is mandatory;
* ``serves_dataset`` — data services point at datasets of this catalogue;
* ``hvd_needs_documentation`` — an HVD data service must link its documentation;
* an HVD category always brings the HVD regulation into ``applicable_legislation``.

A draft skips the "missing" checks, never the checks of values it has.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.enti.i18n_messages import localize
from ckanext.scheming.validation import scheming_validator
from enti.validators import metadata
from enti.validators.messages import Message
from enti.validators.vocabularies import vocabulary

HVD_LEGISLATION = "http://data.europa.eu/eli/reg_impl/2023/138/oj"

ENTRY_NEEDS = {
    "contact": (("name", "email"), "all"),
    "spatial_coverage": (("geom", "bbox"), "any"),
    "temporal_coverage": (("start",), "all"),
}


def _rows(data: dict[Any, Any], field: str) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for key, value in data.items():
        if len(key) == 3 and key[0] == field and isinstance(key[1], int):
            rows.setdefault(key[1], {})[key[2]] = value
    return [rows[i] for i in sorted(rows)]


def _filled(value: Any) -> bool:
    return value not in (None, tk.missing) and str(value).strip() not in ("", "[]", "{}")


def _value(data: dict[Any, Any], field: str) -> Any:
    value = data.get((field,))
    return value if _filled(value) else None


def _add(errors: dict[Any, Any], field: str, message: Message) -> None:
    errors.setdefault((field,), []).append(localize(message))


def _label(schema: dict[str, Any], field: str) -> Message:
    for f in schema.get("dataset_fields", []):
        if f["field_name"] == field:
            label = f.get("label", field)
            if isinstance(label, dict):
                return Message(pt=label.get("pt_PT", field), en=label.get("en", field))
            return Message(pt=label, en=label)
    return Message(pt=field, en=field)


def is_draft(data: dict[Any, Any], context: dict[str, Any]) -> bool:
    """Is the record being saved as a draft (given state, or the stored one on update)?"""
    state = data.get(("state",))
    if state in (None, tk.missing, ""):
        state = getattr(context.get("package"), "state", None)
    return state == "draft"


@scheming_validator
def enti_record_rules(field: None, schema: dict[str, Any]):
    rules = schema.get("enti_rules", {})

    def validator(key, data, errors, context):
        draft = is_draft(data, context)
        for name in rules.get("composite_required", []):
            _check_composite(schema, name, data, errors, required=not draft)
        _check_contacts(data, errors)
        _check_temporal(data, errors)
        if rules.get("needs_distribution") and not draft:
            _check_distribution(data, errors)
        if rules.get("identifier"):
            _check_identifier(rules["identifier"], data, errors, context)
        if rules.get("inspire"):
            _check_inspire(schema, data, errors, required=not draft)
        if rules.get("serves_dataset"):
            _check_served(data, errors)
        if rules.get("hvd_needs_documentation") and not draft:
            _check_hvd_documentation(schema, data, errors)
        _add_hvd_legislation(data)

    return validator


def _check_composite(schema, name, data, errors, *, required: bool) -> None:
    needs, mode = ENTRY_NEEDS[name]
    rows = [r for r in _rows(data, name) if any(_filled(v) for v in r.values())]
    complete = [
        r for r in rows if (all if mode == "all" else any)(_filled(r.get(n)) for n in needs)
    ]
    if complete or not required:
        if rows and not complete and name == "spatial_coverage":
            _add(errors, name, _coverage_needs_geometry())
        return
    if name == "spatial_coverage" and rows:
        _add(errors, name, _coverage_needs_geometry())
    else:
        _add(errors, name, metadata.missing(_label(schema, name)))


def _coverage_needs_geometry() -> Message:
    return Message(
        pt="A cobertura geográfica tem de ser uma geometria ou um retângulo envolvente (não basta "
        "um nome de lugar): desenhe-a no mapa ou cole GeoJSON/WKT em WGS84",
        en="Geographical coverage must be a geometry or a bounding box (a place name is not "
        "enough): draw it on the map or paste GeoJSON/WKT in WGS84",
    )


def _check_contacts(data, errors) -> None:
    for row in _rows(data, "contact"):
        email = row.get("email")
        if _filled(email):
            problem = metadata.email_error(str(email))
            if problem:
                _add(errors, "contact", problem)


def _check_temporal(data, errors) -> None:
    frequency = vocabulary("frequency").get(_value(data, "frequency"))
    open_end = bool(frequency and frequency.extra.get("ongoing"))
    for row in _rows(data, "temporal_coverage"):
        if not any(_filled(v) for v in row.values()):
            continue
        start = row.get("start") if _filled(row.get("start")) else None
        end = row.get("end") if _filled(row.get("end")) else None
        problem = metadata.temporal_error(start, end, open_end_allowed=open_end)
        if problem:
            _add(errors, "temporal_coverage", problem)


def _check_distribution(data, errors) -> None:
    if any(len(k) == 3 and k[0] == "resources" for k in data):
        return
    _add(
        errors,
        "resources",
        Message(
            pt="Um conjunto de dados ativo tem de ter pelo menos uma distribuição (recurso): "
            "acrescente um ficheiro ou uma ligação, ou guarde-o como rascunho",
            en="An active dataset needs at least one distribution (resource): add a file or a "
            "link, or save it as a draft",
        ),
    )


def _check_identifier(kind: str, data, errors, context) -> None:
    identifier = _value(data, "identifier")
    if identifier is None:
        org = _owner_name(data)
        name = _value(data, "name")
        if org and name:
            data[("identifier",)] = identifier = f"urn:{org}:{kind}:{name}"
        else:
            return
    own_id = _value(data, "id") or getattr(context.get("package"), "id", None)
    query = model.Session.query(model.Package.id, model.Package.name).filter(
        model.Package.extras["identifier"].astext == identifier,
        model.Package.state != "deleted",
    )
    if own_id:
        query = query.filter(model.Package.id != own_id)
    clash = query.first()
    if clash:
        _add(
            errors,
            "identifier",
            Message(
                pt=f"O identificador «{identifier}» já é usado pelo registo «{clash.name}»; "
                "cada registo do catálogo tem um identificador próprio",
                en=f"The identifier «{identifier}» is already used by «{clash.name}»; every "
                "record of the catalogue needs its own identifier",
            ),
        )


def _owner_name(data) -> str | None:
    owner = _value(data, "owner_org")
    if not owner:
        return None
    group = model.Group.get(owner)
    return group.name if group else None


def _check_inspire(schema, data, errors, *, required: bool) -> None:
    geographic = str(_value(data, "enti_geographic") or "").lower() in ("true", "on", "1", "yes")
    if not geographic:
        return
    if not _value(data, "inspire_metadata_date"):
        data[("inspire_metadata_date",)] = date.today().isoformat()
    if not required:
        return
    for name in ("inspire_topic_category", "inspire_crs"):
        if not _value(data, name):
            _add(errors, name, metadata.missing(_label(schema, name)))
    boxes = [r for r in _rows(data, "spatial_coverage") if _filled(r.get("bbox") or r.get("geom"))]
    if not boxes:
        _add(
            errors,
            "spatial_coverage",
            Message(
                pt="Dados geográficos (INSPIRE) precisam de um retângulo envolvente em WGS84",
                en="Geographic data (INSPIRE) need a WGS84 bounding box",
            ),
        )


def _check_served(data, errors) -> None:
    raw = _value(data, "serves_dataset")
    if raw is None:
        return
    names = json.loads(raw) if isinstance(raw, str) and raw.startswith("[") else raw
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in names if not _dataset_exists(n)]
    if unknown:
        _add(
            errors,
            "serves_dataset",
            Message(
                pt=f"Estes conjuntos de dados não existem no catálogo: {', '.join(unknown)}",
                en=f"These datasets are not in the catalogue: {', '.join(unknown)}",
            ),
        )
    else:
        data[("serves_dataset",)] = json.dumps(names)


def _dataset_exists(name_or_id: str) -> bool:
    pkg = model.Package.get(name_or_id)
    return bool(pkg and pkg.state != "deleted" and pkg.type == "dataset")


def _check_hvd_documentation(schema, data, errors) -> None:
    hvd = _value(data, "hvd_category")
    if hvd and hvd != "[]" and not _value(data, "documentation"):
        _add(
            errors,
            "documentation",
            Message(
                pt="Um serviço de dados de elevado valor (HVD) tem de indicar a sua documentação",
                en="A high-value (HVD) data service must give its documentation",
            ),
        )


def _add_hvd_legislation(data) -> None:
    """An HVD category implies the HVD implementing regulation as applicable legislation."""
    hvd = _value(data, "hvd_category")
    if not hvd or hvd == "[]":
        return
    current = _value(data, "applicable_legislation")
    laws = json.loads(current) if isinstance(current, str) and current.startswith("[") else []
    if isinstance(current, list):
        laws = current
    if HVD_LEGISLATION not in laws:
        data[("applicable_legislation",)] = json.dumps([*laws, HVD_LEGISLATION])
