"""Controlled vocabularies shipped in ``schemas/vocabularies/*.yaml``: authority URIs, pt/en labels.

Each file has ``name``, ``title`` ({pt, en}), ``scheme``, ``source``, ``licence`` and ``terms``; a
term has ``uri``, ``code``, ``pt``, ``en`` and vocabulary-specific keys (``ongoing`` for frequency,
``mimetype`` for file types, ``spdx`` for licences …), kept in :attr:`Term.extra`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from enti.schemas import path
from enti.schemas.reference.labels import Bilingual, is_english


@dataclass(frozen=True)
class Term:
    uri: str
    code: str
    pt: str
    en: str
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def label(self, lang: str | None) -> str:
        return self.en if is_english(lang) else self.pt


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: Bilingual
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
        title=Bilingual(pt=title.get("pt", name), en=title.get("en", name)),
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


@cache
def _licence_index() -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in vocabulary("licence").terms:
        keys = [term.uri, term.code, term.extra.get("spdx"), term.extra.get("ckan_id")]
        keys += [*term.extra.get("spdx_alt", []), _url_key(term.extra.get("url", ""))]
        index.update({str(k).lower(): term for k in keys if k})
    # A CKAN licence id always means the term that declares it.
    for term in vocabulary("licence").terms:
        if term.extra.get("ckan_id"):
            index[str(term.extra["ckan_id"]).lower()] = term
    return index


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?|/?(legalcode(\.[a-z-]+)?)?/?$", "", url.strip().lower())


def licence(value: object) -> Term | None:
    """The licence term a value names, whichever way it is given: EU authority URI or code, SPDX
    id, CKAN licence id or licence URL (``None`` for anything else). The one licence lookup:
    CKAN id to URI, URI to CKAN id (``term.extra["ckan_id"]``), openness."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    return _licence_index().get(text.lower()) or _licence_index().get(_url_key(text))
