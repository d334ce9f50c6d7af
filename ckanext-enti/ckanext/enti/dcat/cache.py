"""The DCAT fragment cache: catalogue pages assembled from per-record fragments.

Each public record has, per output format, a fragment (see :mod:`.fragments`) stored in the
``enti_dcat_fragment`` table with the record's ``metadata_modified``, a *signature* of everything
else its RDF depends on (site URL, DCAT config, the code and vocabularies it is written with) and
the ids/names of the other objects it describes (:data:`.enrich.DEPENDS_ON`). A catalogue page
asks Solr for the ids on the page only, takes their fragments, rebuilds on the spot the few that
are missing or stale (so a page is never out of date, whatever the job queue is doing), and joins
them.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context
from rdflib import URIRef
from sqlalchemy import text

import enti.schemas.reference
from ckanext.dcat.profiles import DCAT
from ckanext.dcat.utils import catalog_uri
from ckanext.enti.dcat.catalog import CatalogQuery, catalog_search, every_record, records_by_id
from ckanext.enti.dcat.enrich import DEPENDS_ON, enrich
from ckanext.enti.dcat.fragments import Fragment, assemble, graph_fragment, record_fragments
from ckanext.enti.dcat.private_api import pagination_info
from ckanext.enti.dcat.serializer import EntiRDFSerializer
from enti import schemas

# Bump when the fragment storage changes; changes to the code and vocabularies a record's RDF is
# written with are caught by hashing them (see rdf_inputs()).
FRAGMENT_VERSION = "1"
# Endpoint format -> fragment format (N3 is a superset of Turtle).
PAGE_FORMATS = {"ttl": "ttl", "n3": "ttl", "rdf": "xml", "xml": "xml", "jsonld": "jsonld"}


def signature() -> str:
    """What, besides the record itself, decides its RDF: the site and catalogue URIs, every
    ckanext-dcat and ckanext-enti option, the installed profile versions, the code and the
    vocabularies its RDF is written with."""
    options = {
        key: str(value)
        for key, value in tk.config.items()
        if key.startswith(("ckanext.dcat.", "ckanext.enti.", "ckan.site_url", "ckan.locale"))
    }
    facts = [
        FRAGMENT_VERSION,
        _inputs_digest(),
        catalog_uri(),
        version("ckanext-dcat"),
        version("ckanext-enti"),
        sorted(options.items()),
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def rdf_inputs() -> list[Path]:
    """The files a record's RDF is written with: this package's code, the reference data code
    (prefix table, vocabulary lookups) and the vocabularies (labels, URIs of terms)."""
    reference = Path(enti.schemas.reference.__file__).parent
    return [
        *sorted(Path(__file__).parent.glob("*.py")),
        *sorted(reference.glob("*.py")),
        *sorted(schemas.path("vocabularies").glob("*.yaml")),
    ]


@functools.cache
def _inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in rdf_inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def stamp(value: str | None) -> str:
    """``metadata_modified`` at millisecond precision, as Solr and the database both know it."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value.rstrip("Z"))
    return moment.isoformat(timespec="milliseconds")


def _record_fragments(record: dict[str, Any]) -> dict[str, Fragment]:
    """A record's fragments (an enriched dict): exactly the triples the live catalogue adds."""
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
    for record in enrich(records):
        built[record["id"]] = fragments = _record_fragments(record)
        rows += [
            {
                "id": record["id"],
                "fmt": fmt,
                "sig": sig,
                "modified": stamp(record.get("metadata_modified")),
                "deps": record[DEPENDS_ON],
                "body": fragment.to_json(),
            }
            for fmt, fragment in fragments.items()
        ]
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


def _fresh(records: list[dict[str, Any]], fmt: str) -> dict[str, Fragment]:
    """The stored fragments of these records (``id`` and ``metadata_modified`` are enough) that
    are still up to date."""
    modified = {r["id"]: stamp(r.get("metadata_modified")) for r in records}
    if not modified:
        return {}
    sig = signature()
    rows = model.Session.execute(
        text(
            "SELECT package_id, signature, modified, body FROM enti_dcat_fragment"
            " WHERE fmt = :fmt AND package_id = ANY(:ids)"
        ),
        {"fmt": fmt, "ids": list(modified)},
    )
    return {
        row.package_id: Fragment.from_json(row.body)
        for row in rows
        if row.signature == sig and row.modified == modified.get(row.package_id)
    }


def catalog_page(context: Context, query: CatalogQuery, endpoint_format: str) -> str:
    """One page of the catalogue, in ``endpoint_format`` (one of :data:`PAGE_FORMATS`)."""
    fmt = PAGE_FORMATS[endpoint_format]
    result = catalog_search(context, query, fields=["id", "metadata_modified"])
    listed = result["results"]
    fragments = _fresh(listed, fmt)
    missing = [r["id"] for r in listed if r["id"] not in fragments]
    if missing:
        for record_id, built in store(records_by_id(context, missing)).items():
            fragments[record_id] = built[fmt]
    serializer = EntiRDFSerializer()
    serializer.graph_from_catalog({})
    serializer.add_paging(pagination_info(result, query.page))
    parts = [graph_fragment(serializer.g, fmt)]
    parts.extend(fragments[r["id"]] for r in listed if r["id"] in fragments)
    return assemble(fmt, parts)


def warm(batch: int = 500) -> tuple[int, int]:
    """Build what is missing or stale; returns (records seen, records built)."""
    seen = built = 0
    for records in every_record(batch):
        seen += len(records)
        fresh = _fresh(records, "ttl")
        built += len(store(r for r in records if r["id"] not in fresh))
    return seen, built


def clear() -> None:
    model.Session.execute(text("DELETE FROM enti_dcat_fragment"))
    model.Session.commit()
