"""Actions of ckanext-enti."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.dcat.logic import _pagination_info, _search_ckan_datasets
from ckanext.dcat.processors import RDFSerializer
from ckanext.dcat.utils import CONTENT_TYPES
from ckanext.enti import config
from ckanext.enti.dcat.cache import PAGE_FORMATS, catalog_page
from ckanext.enti.dcat.serializer import EntiRDFSerializer
from enti.validators.shacl import validate_graph

__all__ = [
    "dcat_catalog_search",
    "dcat_catalog_show",
    "dcat_dataset_show",
    "enti_dcat_conformance",
]


@tk.side_effect_free
def enti_dcat_conformance(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Check a record's DCAT-AP output against the official DCAT-AP 3.0.1 shapes (and the HVD
    shapes when it declares an HVD category).

    :param id: the id or name of the dataset, data service or series
    :type id: string
    :returns: ``conforms`` (bool), ``hvd`` (bool), ``violations`` and ``warnings`` (lists of
        ``{focus, path, message}``)
    :rtype: dictionary
    """
    tk.check_access("enti_dcat_conformance", context, data_dict)
    record = tk.get_action("package_show")(context, {"id": tk.get_or_bust(data_dict, "id")})
    serializer = RDFSerializer()
    serializer.graph_from_dataset(record)
    hvd = bool(record.get("hvd_category"))
    report = validate_graph(serializer.g, recommended=True, hvd=hvd)

    def rows(severity: str) -> list[dict[str, str]]:
        return [
            {"focus": f.focus, "path": f.path, "message": f.message}
            for f in report.findings
            if f.severity == severity
        ]

    return {
        "conforms": report.conforms,
        "hvd": hvd,
        "violations": rows("Violation"),
        "warnings": rows("Warning"),
    }


def _known_format(data_dict: DataDict) -> None:
    """The endpoints answer only in the formats they can label (ckanext-dcat would serialise an
    unlisted one and then fail with a 500 looking up its content type)."""
    fmt = data_dict.get("format")
    if fmt and fmt not in CONTENT_TYPES:
        known = ", ".join(sorted(CONTENT_TYPES))
        raise tk.ValidationError({"format": [f"Unknown format {fmt!r}: use one of {known}"]})


def _catalog(context: Context, data_dict: DataDict) -> str:
    _known_format(data_dict)
    fast = data_dict.get("format") or "xml"
    if config.dcat_fragment_cache() and not data_dict.get("profiles") and fast in PAGE_FORMATS:
        return catalog_page(context, data_dict)
    query = _search_ckan_datasets(context, data_dict)
    serializer = EntiRDFSerializer(profiles=data_dict.get("profiles"))
    return serializer.serialize_catalog(
        {},
        query["results"],
        _format=data_dict.get("format"),
        pagination_info=_pagination_info(query, data_dict),
    )


@tk.chained_action
@tk.side_effect_free
def dcat_dataset_show(original_action, context: Context, data_dict: DataDict) -> str:
    """ckanext-dcat's record endpoint, refusing unknown formats with a clear error."""
    _known_format(data_dict)
    return original_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(original_action, context: Context, data_dict: DataDict) -> str:
    """ckanext-dcat's catalogue, with data services as ``dcat:service`` (same parameters)."""
    tk.check_access("dcat_catalog_show", context, data_dict)
    return _catalog(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_search(original_action, context: Context, data_dict: DataDict) -> str:
    """ckanext-dcat's catalogue search, with data services as ``dcat:service``."""
    tk.check_access("dcat_catalog_search", context, data_dict)
    return _catalog(context, data_dict)
