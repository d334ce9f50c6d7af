"""Controlled vocabularies shipped in ``schemas/vocabularies/*.yaml``: authority URIs, pt/en labels.

Each file has ``name``, ``title`` ({pt, en}), ``scheme``, ``source``, ``licence`` and ``terms``; a
term has ``uri``, ``code``, ``pt``, ``en`` and vocabulary-specific keys (``ongoing`` for frequency,
``mimetype`` for file types, ``spdx`` for licences …), kept in :attr:`Term.extra`.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from enti.schemas import path
from enti.validators.messages import Message


@dataclass(frozen=True)
class Term:
    uri: str
    code: str
    pt: str
    en: str
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def label(self, lang: str | None) -> str:
        return self.en if str(lang or "pt").lower().startswith("en") else self.pt


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: Message
    scheme: str | None
    source: str
    terms: tuple[Term, ...]

    def get(self, value: object) -> Term | None:
        """The term whose URI (or code) is ``value``; ``None`` when it is not in the vocabulary or
        not a string at all (a list, a number, an object sent to the API)."""
        if not isinstance(value, str) or not value:
            return None
        return self._index().get(value.strip())

    def _index(self) -> dict[str, Term]:
        return _index(self.name)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and self.get(value) is not None

    def examples(self, n: int = 2) -> str:
        return ", ".join(t.uri for t in self.terms[:n])


_KNOWN = {"uri", "code", "pt", "en"}


@cache
def vocabulary(name: str) -> Vocabulary:
    """Load ``schemas/vocabularies/<name>.yaml`` (cached)."""
    raw = yaml.safe_load(path("vocabularies", f"{name}.yaml").read_text(encoding="utf-8"))
    terms = tuple(
        Term(
            uri=t["uri"],
            code=str(t.get("code", "")),
            pt=t["pt"],
            en=t["en"],
            extra={k: v for k, v in t.items() if k not in _KNOWN},
        )
        for t in raw["terms"]
    )
    title = raw.get("title") or {}
    return Vocabulary(
        name=raw.get("name", name),
        title=Message(pt=title.get("pt", name), en=title.get("en", name)),
        scheme=raw.get("scheme"),
        source=raw.get("source", ""),
        terms=terms,
    )


@cache
def _index(name: str) -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in vocabulary(name).terms:
        index[term.uri] = term
        # Authority URIs are also accepted without a trailing slash variant or by code.
        if term.code:
            index.setdefault(term.code, term)
    return index


def vocabulary_names() -> list[str]:
    return sorted(p.stem for p in path("vocabularies").glob("*.yaml"))


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 3, 4, 4, 40, 40


def brief(value: object, limit: int = 80) -> str:
    """``value`` as a message may quote it: a string as given, anything else as a short repr, on
    one line and at most ``limit`` characters. Never raises (a hostile value is only named)."""
    try:
        text = value if isinstance(value, str) else _REPR.repr(value)
    except Exception:  # e.g. an int too long to print, a failing __repr__
        text = f"<{type(value).__name__}>"
    text = " ".join(text[: limit * 4].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


@cache
def _all_terms() -> dict[str, Term]:
    index: dict[str, Term] = {}
    for name in vocabulary_names():
        for term in vocabulary(name).terms:
            index.setdefault(term.uri, term)
    return index


def term_for_uri(uri: object) -> Term | None:
    """The term with this URI in any shipped vocabulary; ``None`` for anything else."""
    return _all_terms().get(uri) if isinstance(uri, str) else None
