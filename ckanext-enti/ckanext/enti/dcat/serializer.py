"""The catalogue serializer: ckanext-dcat's, with data services listed as ``dcat:service``.

ckanext-dcat's ``serialize_catalog`` links every record with ``dcat:dataset`` unless the
catalogue link (:meth:`~ckanext.enti.dcat.private_api.Serializer.link_to_catalog`) links it
otherwise; a data service is linked here with ``dcat:service`` (DCAT-AP's range shapes refuse a
``dcat:DataService`` under ``dcat:dataset``).
"""

from __future__ import annotations

from typing import Any

from rdflib.term import Node

from ckanext.dcat.profiles import DCAT
from ckanext.enti.dcat.private_api import Serializer


class EntiRDFSerializer(Serializer):
    def link_to_catalog(
        self, catalog_ref: Node, dataset_dict: dict[str, Any], dataset_ref: Node
    ) -> Node | None:
        if dataset_dict.get("type") == "dataservice":
            self.g.add((catalog_ref, DCAT.service, dataset_ref))
            return catalog_ref
        return super().link_to_catalog(catalog_ref, dataset_dict, dataset_ref)
