"""Bilingual text and the one rule for choosing its language.

Every label of the reference data (a vocabulary's title, a term) and every message a publisher reads
exists in Portuguese and English; :func:`is_english` is how a language code picks between them.
"""

from __future__ import annotations

from dataclasses import dataclass


def is_english(lang: object) -> bool:
    """Does this language code (``pt``, ``pt_PT``, ``en``, ``en_GB`` …) ask for English? Portuguese
    is the default for anything else, ``None`` included."""
    return str(lang or "pt").lower().startswith("en")


@dataclass(frozen=True)
class Bilingual:
    pt: str
    en: str

    def in_lang(self, lang: str | None) -> str:
        """The text in ``lang``; Portuguese by default."""
        return self.en if is_english(lang) else self.pt

    def __str__(self) -> str:
        return self.pt
