"""The user's language: which one a request asks for, and a core message in it."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

from enti.validators.messages import Message


def current_lang() -> str:
    """The request's language (``pt_PT``, ``en`` …), or the site default outside a request."""
    try:
        return tk.h.lang() or tk.config.get("ckan.locale_default")
    except RuntimeError:  # no request context (CLI, background job)
        return tk.config.get("ckan.locale_default")


def localize(message: Message) -> str:
    return message.in_lang(current_lang())
