"""Bilingual messages: every finding a publisher reads exists in Portuguese and English."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

from enti.schemas.reference.labels import Bilingual


@dataclass(frozen=True)
class Message(Bilingual):
    """A finding's text, in Portuguese and English (:meth:`in_lang` picks one)."""


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
