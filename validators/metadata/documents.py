"""What a harvested RDF document must not make the parser do: expand XML entities (a "billion
laughs" document keeps rdflib busy for minutes) or fetch a remote JSON-LD context (rdflib would
request any URL the document names, past the harvester's SSRF guard)."""

from __future__ import annotations

import json
from typing import Any

from enti.validators.messages import Message, brief
from enti.validators.metadata.xml_safety import xml_entities_error

__all__ = ["document_error", "remote_contexts"]


def document_error(content: str | bytes) -> Message | None:
    """Why a downloaded RDF document is refused before parsing, or ``None``."""
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "<":
        return xml_entities_error(content)
    if start in ("{", "["):
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            return None  # not JSON-LD after all: the RDF parser reports it
        remote = remote_contexts(doc)
        if remote:
            return _remote_context(remote[0])
    return None


def remote_contexts(doc: Any, depth: int = 0) -> list[str]:
    """The remote contexts a JSON-LD document refers to (``@context`` or ``@import`` URLs),
    anywhere in it."""
    if depth > 64:
        return []
    found: list[str] = []
    if isinstance(doc, list):
        for item in doc:
            found += remote_contexts(item, depth + 1)
    elif isinstance(doc, dict):
        for key, value in doc.items():
            if key in ("@context", "@import"):
                found += [
                    v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
                ]
            found += remote_contexts(value, depth + 1) if key != "@import" else []
    return found


def _remote_context(url: str) -> Message:
    shown = brief(url)
    return Message(
        pt=f"O documento JSON-LD usa o contexto remoto «{shown}», que o catálogo não vai buscar "
        "(segurança): inclua o contexto no próprio documento",
        en=f"The JSON-LD document uses the remote context «{shown}», which the catalogue does not "
        "fetch (for safety): include the context in the document itself",
    )
