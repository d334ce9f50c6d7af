"""Rules of single fields of a record that go beyond a value's own shape: URI lists and the CNMD
models they claim, open licences, file formats and media types, a distribution's licence.
Each returns what to store or a bilingual :class:`~enti.validators.messages.Message` saying what
to change; none raises, whatever the value."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlparse

from enti.schemas.reference.vocabularies import licence, vocabulary
from enti.validators.messages import Message
from enti.validators.metadata.terms import conforms_to_error, membership_error
from enti.validators.openness import file_type

FORMAT = Message(pt="Formato", en="Format")
NOT_SERIES = Message(
    pt="Não são séries de conjuntos de dados deste catálogo",
    en="Not dataset series of this catalogue",
)
NOT_DATASETS = Message(
    pt="Estes conjuntos de dados não existem no catálogo",
    en="These datasets are not in the catalogue",
)


def uri_problems(items: list[str]) -> list[Message]:
    """What is wrong with a list of URIs (documentation, legislation, standards): each must be a
    URI, and one that claims a CNMD model must name an existing one."""
    found: list[Message] = []
    for item in items:
        if not item.startswith(("http://", "https://", "urn:")):
            found.append(
                Message(
                    pt=f"«{item}» não é um URI (comece por http://, https:// ou urn:)",
                    en=f"«{item}» is not a URI (start with http://, https:// or urn:)",
                )
            )
        elif claim := conforms_to_error(item):
            found.append(claim)
    return found


def _open_licences() -> list[tuple[str, str, str]]:
    return [
        (t.extra["ckan_id"], t.pt, t.en)
        for t in vocabulary("licence").terms
        if t.extra.get("ckan_id")
    ]


def open_licence_error(license_id: object) -> Message | None:
    """ENTI publishes under open licences: a CKAN licence id must be one of the open set."""
    if any(ckan_id == license_id for ckan_id, _, _ in _open_licences()):
        return None
    pt = ", ".join(f"{name} ({ckan_id})" for ckan_id, name, _ in _open_licences())
    en = ", ".join(f"{name} ({ckan_id})" for ckan_id, _, name in _open_licences())
    return Message(
        pt=f"«{license_id}» não é uma licença aberta aceite no ENTI; escolha uma de: {pt}",
        en=f"«{license_id}» is not an open licence accepted by ENTI; choose one of: {en}",
    )


def distribution_licence(license_id: object) -> str | None:
    """A distribution's default licence: the URI of its dataset's CKAN licence id."""
    term = licence(license_id) if license_id else None
    return term.uri if term and term.extra.get("ckan_id") == license_id else None


def format_code(value: str) -> tuple[str | None, Message | None]:
    """A resource format as its EU file-type code (``CSV``, ``GEOJSON`` …), from a code, URI,
    alias (``Excel``) or file extension; or why it is none."""
    text = value.strip().lstrip(".")
    term = file_type(text)
    if term is None:
        return None, membership_error("file-type", text)
    return term.code, None


def format_from_link(url: object) -> str | None:
    """The file-type code a file name or link names by its extension (``mapa.geojson``)."""
    name = PurePosixPath(urlparse(str(url)).path).name if url else ""
    term = file_type(name) if "." in name else None  # a real extension only
    return term.code if term is not None else None


def mimetype_for(format_code: object) -> str | None:
    """The media type registered for a file-type code."""
    term = vocabulary("file-type").get(str(format_code or ""))
    return term.extra.get("mimetype") if term else None
