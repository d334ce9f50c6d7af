"""Every ckanext-dcat name ENTI uses that is not ckanext-dcat's public API, in this one module.

ckanext-dcat offers no public way to page a catalogue as its endpoints do, to add the paging to
a graph without serialising it (``serialize_catalog`` does both, and refuses a paging URL its
writer finds invalid), to know a parser's profiles, to load profiles once per process, to link a
record from the catalogue otherwise than by ``dcat:dataset``, or to choose which subjects of a
graph a parser reads as records. The rest
of ckanext-enti uses the public names given here instead; ``tests/integration/
test_dcat_private_api.py`` fails when ckanext-dcat renames or changes any of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from rdflib.term import Node

from ckanext.dcat.logic import _pagination_info
from ckanext.dcat.processors import RDFParser, RDFProcessor, RDFSerializer

__all__ = ["Parser", "Serializer", "pagination_info", "profile_names"]


def pagination_info(result: dict[str, Any], page: int) -> dict[str, Any]:
    """The paging of a catalogue page as ckanext-dcat's endpoints state it (hydra URLs from the
    current request; ``{}`` when nothing matched), from its ``package_search`` result."""
    return _pagination_info(result, {"page": page})


def profile_names(processor: RDFProcessor) -> list[str]:
    """The names of the RDF profiles a parser or serializer was made with."""
    return [profile.name for profile in processor._profiles]


@functools.lru_cache(maxsize=8)
def _profile_classes(names: tuple[str, ...]) -> tuple[type, ...]:
    return tuple(RDFProcessor._load_profiles(None, list(names)))


class Serializer(RDFSerializer):
    """ckanext-dcat's serializer with its profile classes looked up once per process (it scans
    the installed entry points on every instantiation, ~20 ms), the paging of a page as
    :meth:`add_paging`, and its catalogue link as :meth:`link_to_catalog`, which subclasses
    override and callers use."""

    def add_paging(self, paging_info: dict[str, Any]) -> Node:
        """Add the hydra paging (:func:`pagination_info`) to the graph; returns its node."""
        return self._add_pagination_triples(paging_info)

    def _load_profiles(self, profile_names: list[str]) -> list[type]:
        return list(_profile_classes(tuple(profile_names)))

    def _add_source_catalog(
        self, root_catalog_ref: Node, dataset_dict: dict[str, Any], dataset_ref: Node
    ) -> Node | None:
        return self.link_to_catalog(root_catalog_ref, dataset_dict, dataset_ref)

    def link_to_catalog(
        self, catalog_ref: Node, dataset_dict: dict[str, Any], dataset_ref: Node
    ) -> Node | None:
        """Link a record from the catalogue; ``None`` leaves the link to ckanext-dcat
        (``dcat:dataset``). By default, its sub-catalogue when it was harvested from one."""
        return super()._add_source_catalog(catalog_ref, dataset_dict, dataset_ref)


class Parser(RDFParser):
    """ckanext-dcat's parser with the choice of the graph's records as a public method,
    :meth:`record_nodes`, that subclasses override."""

    def _datasets(self) -> Iterator[Node]:
        return self.record_nodes()

    def record_nodes(self) -> Iterator[Node]:
        """The subjects read as records (by default, every ``dcat:Dataset``)."""
        return super()._datasets()
