"""``enti_record_rules``: the metadata-model rules that span several fields of a record.

Declared per schema with ``after_validators: enti_record_rules`` and configured by the schema's
``enti_rules`` block:

* ``composite_required`` — repeating fields that need at least one complete entry
  (``contact``: name and email; ``spatial_coverage``: a geometry or a box; ``temporal_coverage``);
* ``needs_distribution`` — an active record needs at least one resource;
* ``identifier`` — unique in the catalogue (``enti_record_defaults`` fills it in as
  ``urn:<organization>:<Type>:<name>`` when left empty);
* ``inspire`` — when ``enti_geographic`` is set, the INSPIRE block is mandatory;
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

from ckanext.enti import config, validation
from ckanext.enti.i18n_messages import localize
from ckanext.enti.logic import visibility
from ckanext.scheming.validation import scheming_validator
from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.geometry.coordinates import UNIT_BOXES
from enti.validators.messages import Message
from enti.validators.metadata import values as metadata

HVD_LEGISLATION = "http://data.europa.eu/eli/reg_impl/2023/138/oj"

ENTRY_NEEDS = {
    "contact": (("name", "email"), "all"),
    "spatial_coverage": (("geom", "bbox"), "any"),
    "temporal_coverage": (("start",), "all"),
}


def _rows(data: dict[Any, Any], field: str) -> list[tuple[int, dict[str, Any]]]:
    """The filled entries of a repeating field, with their index."""
    rows: dict[int, dict[str, Any]] = {}
    for key, value in data.items():
        if len(key) == 3 and key[0] == field and isinstance(key[1], int):
            rows.setdefault(key[1], {})[key[2]] = value
    return [(i, rows[i]) for i in sorted(rows) if any(_filled(v) for v in rows[i].values())]


def _filled(value: Any) -> bool:
    return value not in (None, tk.missing) and str(value).strip() not in ("", "[]", "{}")


def _value(data: dict[Any, Any], field: str) -> Any:
    value = data.get((field,))
    return value if _filled(value) else None


def _add(errors: dict[Any, Any], field: str, message: Message) -> None:
    errors.setdefault((field,), []).append(localize(message))


def _add_at(errors: dict[Any, Any], key: tuple[Any, ...], message: Message) -> None:
    """An error on one subfield of a repeating field (CKAN nests those per entry)."""
    errors.setdefault(key, []).append(localize(message))


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
            _check_distribution(data, errors, context)
        if rules.get("identifier"):
            _check_identifier(data, errors, context)
        if rules.get("inspire"):
            _check_inspire(schema, data, errors, required=not draft)
        if rules.get("hvd_needs_documentation") and not draft:
            _check_hvd_documentation(schema, data, errors)
        if not draft and config.validation_block_invalid():
            _check_validation(data, errors)

    return validator


def _check_validation(data, errors) -> None:
    """With ckanext.enti.validation.block_invalid, a dataset whose files failed validation stays
    a draft until they are fixed."""
    package_id = data.get(("id",))
    if not package_id:
        return
    failed = [r for r in validation.rows_for(package_id) if r["status"] == "invalid"]
    if failed:
        _add(errors, "state", invalid_files(len(failed)))


def invalid_files(count: int) -> Message:
    return Message(
        pt=f"{count} ficheiro(s) não passaram na validação: corrija-os (veja o relatório de cada "
        "recurso) ou guarde o conjunto de dados como rascunho",
        en=f"{count} file(s) failed validation: fix them (see each resource's report) or keep "
        "the dataset as a draft",
    )


def _check_composite(schema, name, data, errors, *, required: bool) -> None:
    needs, mode = ENTRY_NEEDS[name]
    rows = _rows(data, name)
    if not rows:
        if required:
            _add(errors, name, metadata.missing(_label(schema, name)))
        return
    check = all if mode == "all" else any
    if any(check(_filled(row.get(n)) for n in needs) for _, row in rows):
        return
    if name != "spatial_coverage" and not required:
        return
    index, row = rows[0]
    if name == "spatial_coverage":
        _add_at(errors, (name, index, "bbox"), _coverage_needs_geometry())
        return
    sub = next(n for n in needs if not _filled(row.get(n)))
    _add_at(errors, (name, index, sub), metadata.missing(_subfield_label(schema, name, sub)))


def _subfield_label(schema, name: str, sub: str) -> Message:
    for f in schema.get("dataset_fields", []):
        if f["field_name"] == name:
            return _label({"dataset_fields": f.get("repeating_subfields", [])}, sub)
    return Message(pt=sub, en=sub)


def _coverage_needs_geometry() -> Message:
    return Message(
        pt="A cobertura geográfica tem de ser uma geometria ou um retângulo envolvente (não basta "
        "um nome de lugar): desenhe-a no mapa ou cole GeoJSON/WKT em WGS84",
        en="Geographical coverage must be a geometry or a bounding box (a place name is not "
        "enough): draw it on the map or paste GeoJSON/WKT in WGS84",
    )


def _check_contacts(data, errors) -> None:
    for index, row in _rows(data, "contact"):
        email = row.get("email")
        if _filled(email):
            problem = metadata.email_error(str(email))
            if problem:
                _add_at(errors, ("contact", index, "email"), problem)


def _check_temporal(data, errors) -> None:
    frequency = vocabulary("frequency").get(_value(data, "frequency"))
    open_end = bool(frequency and frequency.extra.get("ongoing"))
    for index, row in _rows(data, "temporal_coverage"):
        start = row.get("start") if _filled(row.get("start")) else None
        end = row.get("end") if _filled(row.get("end")) else None
        problem = metadata.temporal_error(start, end, open_end_allowed=open_end)
        if problem:
            _add_at(
                errors, ("temporal_coverage", index, "start" if start is None else "end"), problem
            )


def _check_distribution(data, errors, context) -> None:
    if any(len(k) >= 2 and k[0] == "resources" for k in data):
        return
    # On update CKAN leaves unchanged resources out of validation: count the stored ones.
    package = context.get("package")
    if package and any(r.state == "active" for r in package.resources_all):
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


def _check_identifier(data, errors, context) -> None:
    identifier = _value(data, "identifier")
    if identifier is None:
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
        # The other record is named only to a user who may read it (no existence oracle).
        other = clash.name if visibility.readable(context, clash.id) else None
        _add(errors, "identifier", identifier_taken(identifier, other))


def identifier_taken(identifier: str, other: str | None) -> Message:
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


def _owner_name(data) -> str | None:
    owner = _value(data, "owner_org")
    if not owner:
        return None
    group = model.Group.get(owner)
    return group.name if group else None


def _check_inspire(schema, data, errors, *, required: bool) -> None:
    if not _truthy(_value(data, "enti_geographic")) or not required:
        return
    for name in ("inspire_topic_category", "inspire_crs"):
        if not _value(data, name):
            _add(errors, name, metadata.missing(_label(schema, name)))
    rows = _rows(data, "spatial_coverage")
    if not any(_filled(r.get("bbox") or r.get("geom")) for _, r in rows):
        message = Message(
            pt="Dados geográficos (INSPIRE) precisam de um retângulo envolvente em WGS84",
            en="Geographic data (INSPIRE) need a WGS84 bounding box",
        )
        if rows:
            _add_at(errors, ("spatial_coverage", rows[0][0], "bbox"), message)
        else:
            _add(errors, "spatial_coverage", message)


def _check_hvd_documentation(schema, data, errors) -> None:
    if _as_list(_value(data, "hvd_category")) and not _value(data, "documentation"):
        _add(
            errors,
            "documentation",
            Message(
                pt="Um serviço de dados de elevado valor (HVD) tem de indicar a sua documentação",
                en="A high-value (HVD) data service must give its documentation",
            ),
        )


@scheming_validator
def enti_record_defaults(field: None, schema: dict[str, Any]):
    """Before-validator: values the model requires that the catalogue can fill in itself."""
    rules = schema.get("enti_rules", {})

    def validator(key, data, errors, context):
        if rules.get("identifier") and not _value(data, "identifier"):
            org, name = _owner_name(data), _value(data, "name")
            if org and name:
                data[("identifier",)] = f"urn:{org}:{rules['identifier']}:{name}"
        if rules.get("inspire") and _truthy(_value(data, "enti_geographic")):
            if not _value(data, "inspire_metadata_date"):
                data[("inspire_metadata_date",)] = date.today().isoformat()
        _add_hvd_legislation(data)
        _add_unit_boxes(data)

    return validator


def _add_unit_boxes(data) -> None:
    """A coverage given only as Portugal, the mainland, the Azores or Madeira gets its box."""
    for index, row in _rows(data, "spatial_coverage"):
        box = UNIT_BOXES.get(str(row.get("uri") or ""))
        if box and not (_filled(row.get("bbox")) or _filled(row.get("geom"))):
            data[("spatial_coverage", index, "bbox")] = json.dumps(box.as_geojson())


def _truthy(value: Any) -> bool:
    return str(value or "").strip().lower() in ("true", "on", "1", "yes")


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        return [str(v) for v in json.loads(text)]
    return [v.strip() for v in text.split(",") if v.strip()]


def _add_hvd_legislation(data) -> None:
    """An HVD category implies the HVD implementing regulation as applicable legislation."""
    if not _as_list(_value(data, "hvd_category")):
        return
    laws = _as_list(_value(data, "applicable_legislation"))
    if HVD_LEGISLATION not in laws:
        data[("applicable_legislation",)] = [*laws, HVD_LEGISLATION]
