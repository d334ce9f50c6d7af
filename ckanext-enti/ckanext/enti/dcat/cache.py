"""The DCAT fragment cache: catalogue pages assembled from per-record fragments.

Each public record has, per output format, a fragment (see :mod:`.fragments`) stored in the
``enti_dcat_fragment`` table with the record's ``metadata_modified``, a *signature* of everything
else its RDF depends on (site URL, DCAT config, profile code version) and the ids/names of the
other objects it describes (organization, series, served datasets). A catalogue page asks Solr
for the ids on the page only, takes their fragments, rebuilds on the spot the few that are missing
or stale (so a page is never out of date, whatever the job queue is doing), and joins them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import SearchError
from ckan.types import Context, DataDict
from dateutil.parser import parse as dateutil_parse
from rdflib import URIRef
from sqlalchemy import text

from ckanext.dcat.profiles import DCAT
from ckanext.dcat.utils import catalog_uri
from ckanext.enti.dcat.fragments import Fragment, assemble, graph_fragment, record_fragments
from ckanext.enti.dcat.private_api import pagination_info
from ckanext.enti.dcat.serializer import EntiRDFSerializer
from ckanext.enti.logic.visibility import stored_links

log = logging.getLogger(__name__)

# Bump when the fragment storage changes; code changes to the modules that write a record's RDF
# are caught by hashing their source (see signature()).
FRAGMENT_VERSION = "1"
RDF_MODULES = ("profile.py", "serializer.py", "private_api.py", "fragments.py", "cache.py")
# Endpoint format -> fragment format (N3 is a superset of Turtle).
PAGE_FORMATS = {"ttl": "ttl", "n3": "ttl", "rdf": "xml", "xml": "xml", "jsonld": "jsonld"}
DATASETS_PER_PAGE = 100


def signature() -> str:
    """What, besides the record itself, decides its RDF: the site and catalogue URIs, every
    ckanext-dcat and ckanext-enti option, the installed profile versions."""
    from importlib.metadata import version

    options = {
        key: str(value)
        for key, value in tk.config.items()
        if key.startswith(("ckanext.dcat.", "ckanext.enti.", "ckan.site_url", "ckan.locale"))
    }
    facts = [
        FRAGMENT_VERSION,
        _code_digest(),
        catalog_uri(),
        version("ckanext-dcat"),
        version("ckanext-enti"),
        sorted(options.items()),
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


@functools.cache
def _code_digest() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in RDF_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def stamp(value: str | None) -> str:
    """``metadata_modified`` at millisecond precision, as Solr and the database both know it."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value.rstrip("Z"))
    return moment.isoformat(timespec="milliseconds")


def _dependencies(record: dict[str, Any], links: list[str]) -> list[str]:
    """What the record's RDF depends on: its organization and every record it links to, as
    stored (a link to a private record is not in the RDF, but must be when that record is made
    public: its change has to reach this fragment)."""
    return sorted({str(d) for d in [record.get("owner_org"), *links] if d})


def record_fragment_set(record: dict[str, Any]) -> dict[str, Fragment]:
    """A record's fragments: exactly the triples the live catalogue adds for it."""
    serializer = EntiRDFSerializer()
    ref = serializer.graph_from_dataset(record)
    root = URIRef(catalog_uri())
    if not serializer.link_to_catalog(root, record, ref):
        serializer.g.add((root, DCAT.dataset, ref))
    own = {ref, root, *serializer.g.objects(ref, DCAT.distribution)}
    return record_fragments(serializer.g, record["id"], own)


def store(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Fragment]]:
    """Build and save the fragments of these records (validated dicts); returns them by id."""
    sig = signature()
    built: dict[str, dict[str, Fragment]] = {}
    rows = []
    records = list(records)
    links = stored_links([r["id"] for r in records])
    for record in records:
        fragments = record_fragment_set(record)
        built[record["id"]] = fragments
        for fmt, fragment in fragments.items():
            rows.append(
                {
                    "id": record["id"],
                    "fmt": fmt,
                    "sig": sig,
                    "modified": stamp(record.get("metadata_modified")),
                    "deps": _dependencies(record, links.get(record["id"], [])),
                    "body": fragment.to_json(),
                }
            )
    if rows:
        model.Session.execute(
            text(
                "INSERT INTO enti_dcat_fragment (package_id, fmt, signature, modified, deps, body)"
                " VALUES (:id, :fmt, :sig, :modified, :deps, :body)"
                " ON CONFLICT (package_id, fmt) DO UPDATE SET signature = EXCLUDED.signature,"
                " modified = EXCLUDED.modified, deps = EXCLUDED.deps, body = EXCLUDED.body"
            ),
            rows,
        )
        model.Session.commit()
    return built


def invalidate(keys: Iterable[str]) -> None:
    """Forget the fragments of these records and of every record that describes them
    (``keys`` are ids or names of records or organizations). Runs in the caller's transaction."""
    keys = [k for k in keys if k]
    if keys:
        model.Session.execute(
            text(
                "DELETE FROM enti_dcat_fragment WHERE package_id = ANY(:keys)"
                " OR deps && CAST(:keys AS text[])"
            ),
            {"keys": keys},
        )


def _fresh(ids: list[str], fmt: str, modified: dict[str, str]) -> dict[str, Fragment]:
    sig = signature()
    rows = model.Session.execute(
        text(
            "SELECT package_id, signature, modified, body FROM enti_dcat_fragment"
            " WHERE fmt = :fmt AND package_id = ANY(:ids)"
        ),
        {"fmt": fmt, "ids": ids},
    )
    return {
        row.package_id: Fragment.from_json(row.body)
        for row in rows
        if row.signature == sig and row.modified == modified.get(row.package_id)
    }


def _records(context: Context, ids: list[str]) -> list[dict[str, Any]]:
    """The validated dicts of these records, from the search index as the live path uses."""
    result = tk.get_action("package_search")(
        {**context},
        {"fq": "id:(" + " OR ".join(ids) + ")", "rows": len(ids), "include_private": False},
    )
    return result["results"]


def catalog_page(context: Context, data_dict: DataDict) -> str:
    """One page of the catalogue, in ``data_dict["format"]`` (one of :data:`PAGE_FORMATS`)."""
    fmt = PAGE_FORMATS[data_dict.get("format") or "xml"]
    query = _ids_query(context, data_dict)
    ids = [r["id"] for r in query["results"]]
    modified = {r["id"]: stamp(r.get("metadata_modified")) for r in query["results"]}
    fragments = _fresh(ids, fmt, modified) if ids else {}
    missing = [i for i in ids if i not in fragments]
    if missing:
        for record_id, built in store(_records(context, missing)).items():
            fragments[record_id] = built[fmt]
    serializer = EntiRDFSerializer()
    serializer.graph_from_catalog({})
    serializer.add_paging(pagination_info(query, int(data_dict.get("page") or 1)))
    parts = [graph_fragment(serializer.g, fmt)]
    parts.extend(fragments[i] for i in ids if i in fragments)
    return assemble(fmt, parts)


def _ids_query(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """ckanext-dcat's catalogue query for the page (same filters, order and paging), asking
    Solr for ids and dates only."""
    return catalog_search(context, data_dict, fields=["id", "metadata_modified"])


# A catalogue is public by contract: whatever a caller's ``fq`` says, only public active records.
PUBLIC_ACTIVE = "+state:active"


def catalog_search(
    context: Context, data_dict: DataDict, fields: list[str] | None = None
) -> dict[str, Any]:
    """The records of one catalogue page (parameters checked by the action's ``_catalog_query``),
    most recently modified first. The caller's ``fq`` is a Solr filter of its own, so it can
    narrow the page but never widen it to private or draft records, whoever asks."""
    per_page = int(tk.config.get("ckanext.dcat.datasets_per_page") or DATASETS_PER_PAGE)
    page = int(data_dict.get("page") or 1)
    fq_list = ["-dataset_type:harvest", "-dataset_type:showcase"]
    if data_dict.get("fq"):
        fq_list.append(data_dict["fq"])
    if data_dict.get("modified_since"):
        since = dateutil_parse(data_dict["modified_since"]).isoformat() + "Z"
        fq_list.append(f"metadata_modified:[{since} TO NOW]")
    search = {
        "q": data_dict.get("q") or "*:*",
        "fq": PUBLIC_ACTIVE,  # package_search adds +capacity:public (no include_private)
        "fq_list": fq_list,
        "rows": per_page,
        "start": per_page * (page - 1),
        "sort": "metadata_modified desc",
        "include_private": False,
        "include_drafts": False,
    }
    if fields:
        search["fl"] = fields
    try:
        return tk.get_action("package_search")(context, search)
    except SearchError as error:
        log.info("catalogue search refused: %s", error)
        bad = [k for k in ("q", "fq") if data_dict.get(k)] or ["q"]
        message = tk._("Not a valid search (Solr syntax), e.g. q=resíduos or fq=tags:ambiente")
        raise tk.ValidationError({key: [message] for key in bad}) from None


def public_records(batch: int = 500) -> Iterator[list[dict[str, Any]]]:
    """Every record the catalogue lists, in batches of validated dicts."""
    start = 0
    search = tk.get_action("package_search")
    while True:
        result = search(
            {"ignore_auth": True},
            {
                "q": "*:*",
                "fq": "-dataset_type:harvest -dataset_type:showcase",
                "rows": batch,
                "start": start,
                "sort": "id asc",
            },
        )
        if not result["results"]:
            return
        yield result["results"]
        start += batch


def warm(batch: int = 500) -> tuple[int, int]:
    """Build what is missing or stale; returns (records seen, records built)."""
    seen = built = 0
    for records in public_records(batch):
        seen += len(records)
        ids = [r["id"] for r in records]
        modified = {r["id"]: stamp(r.get("metadata_modified")) for r in records}
        fresh = _fresh(ids, "ttl", modified)
        stale = [r for r in records if r["id"] not in fresh]
        built += len(store(stale))
    return seen, built


def clear() -> None:
    model.Session.execute(text("DELETE FROM enti_dcat_fragment"))
    model.Session.commit()
