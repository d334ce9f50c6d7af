"""Harvesting DCAT with ckanext-dcat's ``dcat_rdf_harvester``: what ENTI adds to its parser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import RDF
from rdflib.term import Node

from ckanext.dcat.processors import RDFParser
from ckanext.dcat.profiles import DCAT
from ckanext.enti.dcat.private_api import Parser, profile_names
from ckanext.enti.language import localize
from enti.schemas.reference.rdf import STUB_PREDICATES
from enti.validators.metadata.documents import document_error

# Series first, so that their editions find them; services last, so that they find what they serve.
RECORD_CLASSES = (DCAT.DatasetSeries, DCAT.Dataset, DCAT.DataService)


class EntiRDFParser(Parser):
    """ckanext-dcat's parser, also yielding ``dcat:DataService`` records, in link order, and
    skipping linked records the document only names."""

    def record_nodes(self) -> Iterator[Node]:
        seen: set[Node] = set()
        for cls in RECORD_CLASSES:
            for node in self.g.subjects(RDF.type, cls):
                if node in seen or set(self.g.predicates(node, None)) <= STUB_PREDICATES:
                    continue
                seen.add(node)
                yield node


def enti_parser(parser: RDFParser) -> tuple[RDFParser, list[Any]]:
    """The harvester's parser, as ours, over the same graph."""
    ours = EntiRDFParser(
        profiles=profile_names(parser),
        dataset_type=parser.dataset_type,
        compatibility_mode=parser.compatibility_mode,
    )
    ours.g = parser.g
    return ours, []


def checked_download(content: Any) -> tuple[Any, list[str]]:
    """A downloaded document the RDF parser must not read (XML entities, remote JSON-LD
    contexts) stops the gather stage with the reason as the harvest error; nothing is deleted."""
    problem = document_error(content) if isinstance(content, (str, bytes)) and content else None
    if problem:
        return None, [localize(problem)]
    return content, []
