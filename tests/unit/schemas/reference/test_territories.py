"""Territorial units: the reference tables and DICO checks (no CKAN)."""

from enti.schemas.reference.territories import (
    intermunicipal_entities,
    members_of,
    municipalities,
    municipality,
)
from enti.validators.metadata.terms import dico_error


def test_all_municipalities_and_entities_are_known():
    assert len(municipalities()) == 308
    kinds = [e.kind for e in intermunicipal_entities()]
    assert kinds.count("CIM") == 23 and kinds.count("AM") == 2


def test_dico_keeps_its_leading_zero():
    agueda = municipality("0101")
    assert agueda is not None and agueda.name == "Águeda"
    assert agueda.cim == "Comunidade Intermunicipal da Região de Aveiro"


def test_member_counts_match_the_law():
    for entity in intermunicipal_entities():
        assert len(members_of(entity.name)) == entity.members, entity.name


def test_dico_errors_say_what_to_write():
    assert dico_error("1106") is None
    missing_zero = dico_error("101")
    assert missing_zero is not None and "0101" in missing_zero.pt and "0101" in missing_zero.en
    assert "4" in dico_error("ab12").en
    unknown = dico_error("9999")
    assert unknown is not None and "308" in unknown.in_lang("en")
