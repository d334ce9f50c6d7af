"""Web routes of ckanext-enti."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, make_response

from ckanext.dcat.utils import CONTENT_TYPES

enti = Blueprint("enti", __name__)

# High-value datasets: the records that declare an HVD category (a scheming extra in the index).
HVD_FILTER = "extras_hvd_category:[* TO *]"


def hvd_catalog(_format: str) -> Response:
    """The DCAT-AP catalogue of high-value datasets only, for the HVD reporting portals."""
    if _format not in CONTENT_TYPES:
        return tk.abort(404, tk._("Unknown format"))
    args = tk.request.args
    data_dict = {
        "page": args.get("page"),
        "modified_since": args.get("modified_since"),
        "q": args.get("q"),
        "fq": HVD_FILTER + (f" AND ({args['fq']})" if args.get("fq") else ""),
        "format": _format,
    }
    try:
        body = tk.get_action("dcat_catalog_show")({}, data_dict)
    except tk.ValidationError as error:
        return tk.abort(409, str(error))
    response = make_response(body)
    response.headers["Content-Type"] = CONTENT_TYPES[_format]
    return response


enti.add_url_rule("/catalog/hvd.<_format>", view_func=hvd_catalog)

RDF_TYPES = set(CONTENT_TYPES.values())


@enti.after_app_request
def rdf_charset(response: Response) -> Response:
    """RDF answers are UTF-8 and say so: a harvester that trusts HTTP's default for text/*
    (ISO-8859-1, as udata's does) would otherwise garble every accented title."""
    if response.mimetype in RDF_TYPES and "charset" not in response.headers["Content-Type"]:
        response.headers["Content-Type"] = f"{response.mimetype}; charset=utf-8"
    return response


__all__ = ["enti"]
