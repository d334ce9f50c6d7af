"""The catalogue serializer: ckanext-dcat's, with data services listed as ``dcat:service``.

``RDFSerializer.serialize_catalog`` links every record with ``dcat:dataset`` unless
``_add_source_catalog`` links it otherwise; a data service is linked here with ``dcat:service``
(DCAT-AP's range shapes refuse a ``dcat:DataService`` under ``dcat:dataset``).
"""

from __future__ import annotations

from typing import Any

from rdflib.term import Node

from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.profiles import DCAT


class EntiRDFSerializer(RDFSerializer):
    def _add_source_catalog(
        self, root_catalog_ref: Node, dataset_dict: dict[str, Any], dataset_ref: Node
    ) -> Node | None:
        if dataset_dict.get("type") == "dataservice":
            self.g.add((root_catalog_ref, DCAT.service, dataset_ref))
            return root_catalog_ref
        return super()._add_source_catalog(root_catalog_ref, dataset_dict, dataset_ref)
