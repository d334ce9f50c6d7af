"""Bilingual messages: every finding a publisher reads exists in Portuguese and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    pt: str
    en: str

    def in_lang(self, lang: str | None) -> str:
        """The message in ``lang`` (``pt``, ``pt_PT``, ``en`` …); Portuguese by default."""
        return self.en if (lang or "pt").lower().startswith("en") else self.pt

    def __str__(self) -> str:
        return self.pt
