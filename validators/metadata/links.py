"""Links a record may carry: where a distribution is, where to read more."""

from __future__ import annotations

from urllib.parse import urlsplit

from enti.validators.messages import Message, brief

# What a browser, a harvester and a download manager can all follow. Not javascript:, data:,
# file: (the reader's own disk) or gopher: (a classic smuggling scheme).
LINK_SCHEMES = ("http", "https", "ftp")


def link_error(url: str) -> Message | None:
    """Why ``url`` cannot be a link of the catalogue, or ``None`` when it can."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts and parts.scheme.lower() in LINK_SCHEMES and parts.netloc:
        return None
    shown = brief(url)
    return Message(
        pt=f"«{shown}» não é uma ligação aceite: use um endereço http://, https:// ou ftp:// "
        "completo, ou carregue o ficheiro",
        en=f"«{shown}» is not an accepted link: use a full http://, https:// or ftp:// address, "
        "or upload the file",
    )
