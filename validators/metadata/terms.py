"""A value checked against the reference data shipped in ``enti.schemas``: vocabulary terms,
municipality codes (DICO), CNMD models a record claims to conform to."""

from __future__ import annotations

from enti.schemas.reference.cnmd import claims_cnmd, model_for, models
from enti.schemas.reference.territories import DICO_PATTERN, by_dico
from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.messages import Message, brief


def membership_error(name: str, value: object) -> Message | None:
    """Why ``value`` is not a URI of vocabulary ``name``, or ``None`` when it is."""
    vocab = vocabulary(name)
    if value in vocab:
        return None
    shown = brief(value)
    if not isinstance(value, str):
        return Message(
            pt=f"«{shown}» não é um termo: indique um único URI de «{vocab.title.pt}» em texto, "
            f"p. ex. {vocab.examples(1)}",
            en=f"«{shown}» is not a term: give a single URI of «{vocab.title.en}» as text, "
            f"e.g. {vocab.examples(1)}",
        )
    if not value.startswith(("http://", "https://", "urn:")):
        return Message(
            pt=f"«{shown}» não é um URI: indique um termo de «{vocab.title.pt}», "
            f"p. ex. {vocab.examples(1)}",
            en=f"«{shown}» is not a URI: give a term of «{vocab.title.en}», "
            f"e.g. {vocab.examples(1)}",
        )
    return Message(
        pt=f"«{shown}» não pertence ao vocabulário «{vocab.title.pt}»; escolha um dos seus "
        f"termos, p. ex. {vocab.examples(1)}",
        en=f"«{shown}» is not in the vocabulary «{vocab.title.en}»; choose one of its terms, "
        f"e.g. {vocab.examples(1)}",
    )


def dico_error(value: object) -> Message | None:
    """Why ``value`` is not a valid DICO code, or ``None`` when it is one.

    >>> dico_error("0101") is None
    True
    >>> dico_error(101).en
    'DICO codes have 4 digits: write 101 with its leading zero, 0101'
    """
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 4):
        fixed = f"{int(value):04d}"
        return Message(
            pt=f"Os códigos DICO têm 4 algarismos: escreva {value} com o zero inicial, {fixed}",
            en=f"DICO codes have 4 digits: write {value} with its leading zero, {fixed}",
        )
    if not isinstance(value, str) or not DICO_PATTERN.match(value):
        return Message(
            pt=f"{value!r} não é um código DICO (4 algarismos, p. ex. 1106 para Lisboa)",
            en=f"{value!r} is not a DICO code (4 digits, e.g. 1106 for Lisboa)",
        )
    if value not in by_dico():
        return Message(
            pt=f"{value} não é o código DICO de nenhum dos 308 municípios",
            en=f"{value} is not the DICO code of any of the 308 municipalities",
        )
    return None


def conforms_to_error(uri: str) -> Message | None:
    """Why a conforms-to URI that claims a CNMD model names none, or ``None``."""
    if not claims_cnmd(uri) or model_for(uri):
        return None
    return Message(
        pt=f"«{uri}» não corresponde a nenhum modelo do Catálogo Nacional de Modelos de Dados; "
        "escolha o modelo na lista (p. ex. " + models()[0].uri + ")",
        en=f"«{uri}» matches no model of the national data-model catalogue (CNMD); "
        "choose the model from the list (e.g. " + models()[0].uri + ")",
    )
