"""Organization rules: a municipality has a valid, unique DICO code and its CIM/AM are filled
in from it (``enti_organization_defaults``); a CIM or AM has no DICO code
(``enti_organization_rules``)."""

from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.enti.language import localize
from ckanext.scheming.validation import scheming_validator
from enti.schemas.reference.territories import municipality
from enti.validators.messages import Message


def _get(data: dict[Any, Any], name: str) -> str:
    value = data.get((name,))
    return value.strip() if isinstance(value, str) else ""


@scheming_validator
def enti_organization_rules(field: None, schema: dict[str, Any]):
    def validator(key, data, errors, context):
        kind, dico = _get(data, "enti_kind"), _get(data, "dico")
        if kind == "municipio" and not dico:
            errors.setdefault(("dico",), []).append(
                localize(
                    Message(
                        pt="Um município tem de indicar o código DICO (p. ex. 1106 para Lisboa)",
                        en="A municipality must give its DICO code (e.g. 1106 for Lisboa)",
                    )
                )
            )
        elif kind in ("cim", "am") and dico:
            errors.setdefault(("dico",), []).append(
                localize(
                    Message(
                        pt="O código DICO identifica municípios; deixe-o vazio para uma CIM ou AM",
                        en="DICO codes identify municipalities; leave it empty for a CIM or AM",
                    )
                )
            )
        if kind == "municipio" and dico and not errors.get(("dico",)):
            _check_unique(dico, data, errors, context)

    return validator


@scheming_validator
def enti_organization_defaults(field: None, schema: dict[str, Any]):
    """Before-validator: a municipality's CIM/AM come from its DICO code unless given."""

    def validator(key, data, errors, context):
        found = municipality(_get(data, "dico"))
        if _get(data, "enti_kind") == "municipio" and found and not data.get(("member_of",)):
            data[("member_of",)] = [n for n in (found.cim, found.am) if n]

    return validator


def _check_unique(dico: str, data, errors, context) -> None:
    own_id = data.get(("id",)) or getattr(context.get("group"), "id", None)
    query = model.Session.query(model.Group.name).filter(
        model.Group.is_organization.is_(True),
        model.Group.state != "deleted",
        model.Group.extras["dico"].astext == dico,
    )
    if own_id:
        query = query.filter(model.Group.id != own_id)
    clash = query.first()
    if clash:
        errors.setdefault(("dico",), []).append(
            localize(
                Message(
                    pt=f"O código DICO {dico} já pertence à organização «{clash.name}»",
                    en=f"The DICO code {dico} already belongs to the organization «{clash.name}»",
                )
            )
        )
