"""Refuse XML documents that declare entities, before an RDF/XML parser reads them.

rdflib's RDF/XML parser (``enti-validate --dcat``, ckanext-dcat's harvester) reads through
``xml.sax`` and expat. Expat (2.4 and later) stops a "billion laughs" document at its
amplification limit, but only after delivering megabytes of expanded text in small pieces, which
rdflib joins one piece at a time: 45 s to 5 min of CPU for a 1.4 KB document (measured with
rdflib 7.6, expat 2.5). External entities are not
fetched (``xml.sax`` leaves them unresolved), yet no DCAT document needs any entity. So a document
whose DOCTYPE declares one (internal, external, parameter or unparsed) is refused here, reading
only up to its root element and expanding nothing.
"""

from __future__ import annotations

from typing import Any, BinaryIO
from xml.parsers import expat

from enti.validators.messages import Message, brief


class _Stop(Exception):
    def __init__(self, message: Message | None) -> None:
        super().__init__()
        self.message = message


def xml_entities_error(document: bytes | str | BinaryIO) -> Message | None:
    """Why the XML ``document`` (its bytes, text or an open binary file) is refused, or ``None``
    for one without entity declarations. Only the prolog is read, up to the root element."""
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _entity_declared
    parser.UnparsedEntityDeclHandler = _entity_declared
    parser.StartElementHandler = _root_reached
    try:
        if isinstance(document, (bytes, str)):
            parser.Parse(document, True)
        else:
            parser.ParseFile(document)
    except _Stop as stop:
        return stop.message
    except expat.ExpatError as exc:
        return Message(
            pt=f"O documento não é XML bem formado ({exc}): corrija-o ou exporte-o de novo",
            en=f"The document is not well-formed XML ({exc}): correct it or export it again",
        )
    return None


def _entity_declared(name: str, *_: Any) -> None:
    name = brief(name, 40)
    raise _Stop(
        Message(
            pt=f"O documento declara a entidade XML «{name}» no DOCTYPE, que o catálogo não lê "
            "por segurança (expansão de entidades, leitura de ficheiros): escreva os valores por "
            "extenso e retire as declarações <!ENTITY>",
            en=f"The document declares the XML entity «{name}» in its DOCTYPE, which the "
            "catalogue does not read, for safety (entity expansion, file disclosure): write the "
            "values out in full and remove the <!ENTITY> declarations",
        )
    )


def _root_reached(*_: Any) -> None:
    raise _Stop(None)
