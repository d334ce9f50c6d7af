"""Actions of ckanext-enti."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.dcat.utils import CONTENT_TYPES
from ckanext.enti import config, resource_checks
from ckanext.enti.dcat.cache import PAGE_FORMATS, catalog_page
from ckanext.enti.dcat.catalog import CatalogQuery, catalog_search, per_page
from ckanext.enti.dcat.enrich import enrich, enrich_record
from ckanext.enti.dcat.private_api import pagination_info
from ckanext.enti.dcat.serializer import EntiRDFSerializer
from ckanext.enti.language import current_lang
from ckanext.enti.logic.schema import record_id_schema, validated
from enti.harvesters.cnmd_jsonld import catalog_entities, to_cnmd
from enti.validators.metadata.shacl import validate_graph

__all__ = [
    "dcat_catalog_search",
    "dcat_catalog_show",
    "dcat_dataset_show",
    "enti_cnmd_catalog_show",
    "enti_cnmd_metadata_show",
    "enti_dcat_conformance",
    "enti_validation_run",
    "enti_validation_show",
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
    data_dict = validated(data_dict, record_id_schema(), context)
    _check_read("enti_dcat_conformance", context, data_dict)
    record = tk.get_action("package_show")(context, {"id": data_dict["id"]})
    serializer = EntiRDFSerializer()
    serializer.graph_from_dataset(enrich_record(record))
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


def _check_read(action: str, context: Context, data_dict: DataDict) -> None:
    """``check_access`` for a read: what the caller may not read answers as missing."""
    try:
        tk.check_access(action, context, data_dict)
    except tk.NotAuthorized:
        raise tk.ObjectNotFound() from None  # as CKAN answers a missing record


def _known_profiles(data_dict: DataDict) -> None:
    """Only registered RDF profiles (ckanext-dcat fails with a 500 on any other name)."""
    profiles = data_dict.get("profiles")
    if not profiles:
        return
    names = profiles.split(",") if isinstance(profiles, str) else profiles
    known = {e.name for e in entry_points(group="ckan.rdf.profiles")}
    if not isinstance(names, list) or any(n not in known for n in names):
        listed = ", ".join(sorted(known))
        raise tk.ValidationError({"profiles": [f"Unknown RDF profile: use some of {listed}"]})


def _known_format(data_dict: DataDict) -> None:
    """The endpoints answer only in the formats they can label (ckanext-dcat would serialise an
    unlisted one and then fail with a 500 looking up its content type)."""
    fmt = data_dict.get("format")
    if fmt and fmt not in CONTENT_TYPES:
        known = ", ".join(sorted(CONTENT_TYPES))
        raise tk.ValidationError({"format": [f"Unknown format {fmt!r}: use one of {known}"]})


def _catalog(context: Context, data_dict: DataDict) -> str:
    _known_format(data_dict)
    _known_profiles(data_dict)
    query = CatalogQuery.from_params(data_dict)
    fmt = data_dict.get("format") or "xml"
    if config.dcat_fragment_cache() and not data_dict.get("profiles") and fmt in PAGE_FORMATS:
        return catalog_page(context, query, fmt)
    result = catalog_search(context, query)
    serializer = EntiRDFSerializer(profiles=data_dict.get("profiles"))
    return serializer.serialize_catalog(
        {},
        enrich(result["results"]),
        _format=data_dict.get("format"),
        pagination_info=pagination_info(result, query.page),
    )


@tk.chained_action
@tk.side_effect_free
def dcat_dataset_show(original_action, context: Context, data_dict: DataDict) -> str:
    """ckanext-dcat's record endpoint, refusing unknown formats with a clear error. Done here
    rather than by ckanext-dcat's action: the record is enriched
    (:func:`~ckanext.enti.dcat.enrich.enrich`) between ``package_show`` and serialisation."""
    data_dict = validated(data_dict, record_id_schema(), context)
    _known_format(data_dict)
    _known_profiles(data_dict)
    tk.check_access("dcat_dataset_show", context, data_dict)
    record = tk.get_action("package_show")(context, data_dict)
    serializer = EntiRDFSerializer(profiles=data_dict.get("profiles"))
    return serializer.serialize_dataset(enrich_record(record), _format=data_dict.get("format"))


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


@tk.side_effect_free
def enti_cnmd_metadata_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A record as the CNMD ``Comuns/Metadata`` JSON-LD entity PGUs and the national integrator
    exchange (built from the record's DCAT-AP output, so the two always agree).

    :param id: the id or name of the dataset, data service or series
    :type id: string
    :returns: the ``dcat:Dataset``, ``dcat:DataService`` or ``dcat:DatasetSeries`` entity
    :rtype: dictionary
    """
    data_dict = validated(data_dict, record_id_schema(), context)
    _check_read("enti_cnmd_metadata_show", context, data_dict)
    record = tk.get_action("package_show")(context, {"id": data_dict["id"]})
    serializer = EntiRDFSerializer()
    return to_cnmd(serializer.g, serializer.graph_from_dataset(enrich_record(record)))


@tk.side_effect_free
def enti_cnmd_catalog_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One page of the catalogue as CNMD entities: the same records, order, paging and filters
    as ``dcat_catalog_show`` (public, active records only, most recently modified first).

    :param page: the page, from 1 (optional, default 1; ``ckanext.dcat.datasets_per_page``
        records a page)
    :type page: int
    :param modified_since: only records modified since this ISO 8601 date or time (optional)
    :type modified_since: string
    :param q: a Solr query to select the records (optional)
    :type q: string
    :param fq: a Solr filter query to select the records (optional)
    :type fq: string
    :returns: ``entities`` (the catalogue entity first, then the page's records), ``count`` (the
        records matched on all pages), ``page`` and ``next`` (the URL of the next page of
        ``/catalog/cnmd.json``, or ``None`` on the last page)
    :rtype: dictionary
    """
    tk.check_access("enti_cnmd_catalog_show", context, data_dict)
    query = CatalogQuery.from_params(data_dict)
    result = catalog_search(context, query)
    serializer = EntiRDFSerializer()
    serializer.serialize_catalog({}, enrich(result["results"]), _format="nt")  # builds .g
    more = query.page * per_page() < result["count"]
    return {
        "entities": catalog_entities(serializer.g),
        "count": result["count"],
        "page": query.page,
        "next": tk.url_for(
            "enti.cnmd_catalog", page=query.page + 1, _external=True, **query.filters()
        )
        if more
        else None,
    }


@tk.side_effect_free
def enti_validation_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The latest validation of a resource: status and the reports of its file.

    :param id: the resource id
    :type id: string
    :returns: ``status`` (``pending``, ``running``, ``valid``, ``invalid``, ``error`` or
        ``not-validated``), ``error_count``, ``warning_count``, ``created``, ``finished`` and
        ``reports`` (each with ``kind``, ``valid``, ``findings`` — ``type``, ``message`` in the
        request's language, ``message_pt``, ``message_en``, and where: ``row``, ``field``,
        ``entity``, ``pointer``, ``feature`` —, ``stats``, ``encoding``, ``crs``, ``bbox``)
    :rtype: dictionary
    """
    resource_id = validated(data_dict, record_id_schema(), context)["id"]
    _check_read("enti_validation_show", context, {"id": resource_id})
    tk.get_action("resource_show")(context, {"id": resource_id})
    return resource_checks.summary_of(resource_id, current_lang())


def enti_validation_run(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Validate a resource again now (in the background); returns its pending status.

    :param id: the resource id
    :type id: string
    """
    resource_id = validated(data_dict, record_id_schema(), context)["id"]
    resource = tk.get_action("resource_show")(context, {"id": resource_id})  # 404 if unreadable
    tk.check_access("enti_validation_run", context, {"id": resource_id})
    resource_checks.queue_check(resource, resource["package_id"], commit=True)
    return resource_checks.summary_of(resource_id, current_lang())
