"""Territorial units (:mod:`enti.schemas.reference.territories`): the reference tables (no CKAN)."""

from enti.schemas.reference.territories import (
    intermunicipal_entities,
    members_of,
    municipalities,
    municipality,
)


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
