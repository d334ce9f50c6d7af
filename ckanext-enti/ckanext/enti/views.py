"""Web routes of ckanext-enti."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from flask import Blueprint, Response, make_response

from ckanext.dcat.utils import CONTENT_TYPES
from ckanext.enti.language import localize
from enti.validators.metadata.links import link_error
from enti.validators.metadata.shape import (
    MAX_BODY_DEPTH,
    body_too_deep,
    json_depth,
    nul_character,
)

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

JSON_LD = "application/ld+json; charset=utf-8"


def _json(body: Any, status: int = 200, content_type: str = JSON_LD) -> Response:
    response = make_response(json.dumps(body, ensure_ascii=False, indent=2), status)
    response.headers["Content-Type"] = content_type
    return response


def _json_error(status: int, error: dict[str, Any]) -> Response:
    """An error in the shape of CKAN's API answers, never an HTML page or a traceback."""
    return _json({"success": False, "error": error}, status, "application/json; charset=utf-8")


def cnmd_record(id: str) -> Response:
    """A record (dataset, data service or series) as its CNMD ``Comuns/Metadata`` entity. A record
    the user may not see answers like one that does not exist."""
    try:
        entity = tk.get_action("enti_cnmd_metadata_show")({}, {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return _json_error(404, {"__type": "Not Found Error", "message": tk._("Not found")})
    return _json(entity)


def cnmd_catalog() -> Response:
    """One page of the catalogue as the JSON array of CNMD entities (the catalogue first), the
    next page in an RFC 8288 ``Link`` header. Same parameters as ``/catalog.<format>``."""
    args = tk.request.args
    data_dict = {k: args[k] for k in ("page", "modified_since", "q", "fq") if args.get(k)}
    try:
        result = tk.get_action("enti_cnmd_catalog_show")({}, data_dict)
    except tk.ValidationError as error:
        return _json_error(409, {"__type": "Validation Error", **error.error_dict})
    response = _json(result["entities"])
    if result["next"]:
        response.headers["Link"] = f'<{result["next"]}>; rel="next"'
    return response


enti.add_url_rule("/dataset/<id>/cnmd.json", view_func=cnmd_record)
enti.add_url_rule("/catalog/cnmd.json", view_func=cnmd_catalog)


def validation_run(resource_id: str) -> Response:
    """The resource page's "Validate again" button."""
    try:
        tk.get_action("enti_validation_run")({}, {"id": resource_id})
        found = tk.get_action("resource_show")({}, {"id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not authorized to validate this resource"))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    return tk.redirect_to(
        "resource.read",
        id=found["package_id"],
        resource_id=resource_id,
        _anchor="validation-report",
    )


enti.add_url_rule("/resource/<resource_id>/validate", view_func=validation_run, methods=["POST"])


@enti.before_app_request
def api_request_guard() -> Response | None:
    """Inputs no action can take are answered before CKAN reads them: a body nested deeper than
    any record (Python's JSON parser fails with a RecursionError: a 500) and a NUL character in
    a parameter (PostgreSQL refuses it inside any query: a 500) are 400s; an id given as a list
    or an object is a 409 on that parameter."""
    request = tk.request
    if "/api/" not in request.path:
        return None
    if any("\x00" in value for values in request.args.listvalues() for value in values):
        return _json_error(400, {"__type": "Bad Request", "message": localize(nul_character())})
    repeated = [k for k in ID_PARAMETERS if len(request.args.getlist(k)) > 1]
    if repeated:  # CKAN's API turns a repeated parameter into a list
        return _ids_not_text({key: [] for key in repeated})
    if request.method in ("GET", "HEAD", "OPTIONS") or request.mimetype == "multipart/form-data":
        return None  # uploads: files, and fields CKAN reads flat
    body = request.get_data(cache=True)
    if b"\x00" in body or b"\\u0000" in body:
        return _json_error(400, {"__type": "Bad Request", "message": localize(nul_character())})
    if json_depth(body) > MAX_BODY_DEPTH:
        return _json_error(400, {"__type": "Bad Request", "message": localize(body_too_deep())})
    return _ids_not_text(request.get_json(force=True, silent=True))


# Parameters that name one object in CKAN's actions: looked up as given, a list or an object
# there is a database error (a 500) in CKAN core, whatever the action.
ID_PARAMETERS = ("id", "name_or_id", "package_id", "resource_id", "org_id", "organization_id")


def _ids_not_text(body: Any) -> Response | None:
    """A 409 naming each id parameter given as something other than text."""
    if not isinstance(body, dict):
        return None
    wrong = [k for k in ID_PARAMETERS if body.get(k) is not None and not isinstance(body[k], str)]
    if not wrong:
        return None
    errors = {key: [tk._("Give one value as text")] for key in wrong}
    return _json_error(409, {"__type": "Validation Error", **errors})


@enti.before_app_request
def unsafe_download() -> None:
    """A link stored before links were checked (``javascript:``, ``file:``) is not followed:
    CKAN would redirect to it, or fail building the redirect (a 500)."""
    if not (tk.request.endpoint or "").endswith("resource.download"):
        return
    resource = model.Resource.get(str((tk.request.view_args or {}).get("resource_id")))
    if resource and resource.url_type != "upload" and link_error(resource.url or ""):
        tk.abort(404, tk._("No download is available"))


RDF_TYPES = set(CONTENT_TYPES.values())


@enti.after_app_request
def rdf_charset(response: Response) -> Response:
    """RDF answers are UTF-8 and say so: a harvester that trusts HTTP's default for text/*
    (ISO-8859-1, as udata's does) would otherwise garble every accented title."""
    if response.mimetype in RDF_TYPES and "charset" not in response.headers["Content-Type"]:
        response.headers["Content-Type"] = f"{response.mimetype}; charset=utf-8"
    return response


__all__ = ["enti"]
