#!/usr/bin/env python3
"""Parse a DCAT catalogue the way udata's DCAT harvester does, offline.

Run with the udata virtualenv's python (see README.md next to this file):

    .state/udata-venv/bin/python tests/udata_check/udata_parse.py URL_OR_FILE [--format turtle]

What runs is udata's own code, not a re-implementation: the catalogue goes through
`udata.harvest.backends.dcat.DcatBackend.harvest()` in dry-run mode, which is what udata's
"preview" of a harvest source does (`udata.harvest.actions.preview`):

* `DcatBackend.walk_paginated_graph` loads page 1 and follows `hydra:next`
  (`hydra:PartialCollectionView`) or `hydra:nextPage` (`hydra:PagedCollection`);
* each `dcat:Dataset`/`dcat:DatasetSeries` node is keyed on its `dct:identifier`
  (`process_one_datasets_page`), built by `udata.core.dataset.rdf.dataset_from_rdf`, then
  validated by mongoengine's `Document.validate()` (`BaseBackend.process_item`, dry run);
* in a second pass each `dcat:DataService` node that is not a distribution's
  `dcat:accessService` goes through `udata.core.dataservices.rdf.dataservice_from_rdf`.

Only the surroundings are replaced: MongoDB by mongomock (in memory), the network fetch by a
file read for local files, and contact points are created (as a real, non-dry-run harvest does)
just before each item is parsed, so that the dry run attaches them. Licences are matched against
the small table in licenses.json (a portal's own licence table decides in real life).

Prints one JSON object on stdout. Exit status: 0 when every item was harvested, 1 when an item
failed or was skipped (or a page could not be parsed), 2 on a usage or fetch error.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import logging
import os
import socket
import sys
import traceback
import warnings
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
DEFAULT_LICENSES = HERE / "licenses.json"


class UsageError(Exception):
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Parse a DCAT catalogue with udata's DCAT harvester (dry run, offline)."
    )
    p.add_argument("source", help="http(s) URL of the first page, or a local file path")
    p.add_argument(
        "--format",
        help="RDF format (turtle, xml, json-ld, nt, n3, trig); default: guessed by udata "
        "from the extension, then from the Content-Type",
    )
    p.add_argument(
        "--language",
        default="pt",
        help="udata DEFAULT_LANGUAGE, used to pick among language-tagged literals (default: pt)",
    )
    p.add_argument(
        "--allow-local-urls",
        action="store_true",
        help="accept localhost/private URLs in items (URLS_ALLOW_LOCAL/PRIVATE). A production "
        "udata refuses them, so leave this off except for a local demo catalogue.",
    )
    p.add_argument(
        "--licenses",
        default=str(DEFAULT_LICENSES),
        help="JSON licence table (udata /api/1/datasets/licenses/ format) to match dct:license "
        "against (default: licenses.json next to this script)",
    )
    p.add_argument("--max-pages", type=int, default=500, help="stop after this many pages")
    p.add_argument("--timeout", type=float, default=30, help="network timeout in seconds")
    p.add_argument("--verbose", action="store_true", help="udata logs on stderr")
    return p.parse_args(argv)


def quiet(verbose):
    warnings.filterwarnings("ignore")
    logging.captureWarnings(True)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    else:
        root.addHandler(logging.NullHandler())
        root.setLevel(logging.INFO)  # udata's per-item log catcher still sees warnings


def make_app(args):
    import mongomock
    from udata.app import create_app

    class OfflineSettings:
        # In-memory MongoDB: udata's models and queries run, nothing is reachable or written.
        MONGODB_HOST = "mongodb://localhost:27017/udata-offline-check"
        MONGODB_SETTINGS: ClassVar[dict] = {
            "host": "mongodb://localhost:27017/udata-offline-check",
            "mongo_client_class": mongomock.MongoClient,
        }
        SECRET_KEY = "udata-offline-check"
        API_TOKEN_SECRET = "udata-offline-check"
        SECURITY_PASSWORD_SALT = "udata-offline-check"
        DEFAULT_LANGUAGE = args.language
        URLS_ALLOW_LOCAL = bool(args.allow_local_urls)
        URLS_ALLOW_PRIVATE = bool(args.allow_local_urls)
        HARVEST_MAX_ITEMS = None
        # Offline: no Redis cache, no DNS. udata resolves URL host names only to refuse those
        # that point at private addresses, and accepts names that do not resolve.
        CACHE_TYPE = "flask_caching.backends.NullCache"
        URLS_RESOLVE_HOSTNAME = False
        SCHEMA_CATALOG_URL = None
        HVD_SUPPORT = True
        INSPIRE_SUPPORT = True

    # udata also reads ./udata.cfg or $UDATA_SETTINGS: keep the run independent of both.
    os.environ["UDATA_SETTINGS"] = os.devnull + ".absent"
    return create_app(override=OfflineSettings, init_logging=lambda app: app)


def seed(licenses_path):
    """Licences and an owning organisation, in the in-memory database."""
    from udata.core.dataset.constants import DEFAULT_LICENSE
    from udata.models import License, Organization

    entries = json.loads(Path(licenses_path).read_text(encoding="utf-8"))
    if not any(e["id"] == DEFAULT_LICENSE["id"] for e in entries):
        entries.append(DEFAULT_LICENSE)
    for e in entries:
        License(
            id=e["id"],
            title=e["title"],
            url=e.get("url") or None,
            maintainer=e.get("maintainer"),
            flags=e.get("flags", []),
            active=e.get("active", True),
            alternate_urls=e.get("alternate_urls", []),
            alternate_titles=e.get("alternate_titles", []),
        ).save()
    org = Organization(name="udata offline check", description="harvesting organisation")
    org.save()
    return org


def build_backend(args, org, is_file):
    import requests
    from rdflib import Graph
    from rdflib.namespace import RDF
    from udata.harvest.backends.dcat import KNOWN_PAGINATION, DcatBackend
    from udata.harvest.models import HarvestSource
    from udata.http import ssrf_policy_for
    from udata.rdf import (
        CONTACT_POINT_ENTITY_TO_ROLE,
        contact_points_from_rdf,
        guess_format,
        url_from_rdf,
    )
    from udata.ssrf import SSRFProtectedSession

    # udata stores the source URL on each item (`harvest.source_url`, a validated URLField), so a
    # local file stands behind a placeholder http URL; its name keeps the extension udata uses to
    # guess the RDF format.
    source_url = (
        "https://offline-check.example.org/" + quote(Path(args.source).name)
        if is_file
        else args.source
    )
    source = HarvestSource(name="offline check", url=source_url, backend="dcat", organization=org)

    class OfflineDcatBackend(DcatBackend):
        """udata's DcatBackend; only the fetching and the bookkeeping are added."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            # Fetch through udata's SSRF-guarded session, but let it reach this machine: the
            # catalogue under test may be served on localhost. Items are still validated with
            # the URLS_ALLOW_* settings above.
            self.session = SSRFProtectedSession(
                ssrf_policy_for(local=True, private=True, schemes=("http", "https"))
            )
            self.page_urls = []
            self.next_page_not_followed = None
            self.truncated = False
            self.records = []  # (harvest item, kind, node, graph)
            self.responses = []

        def get(self, url, headers=None, **kwargs):
            if is_file and url == source_url:
                resp = requests.models.Response()
                resp.status_code = 200
                resp.url = url
                resp._content = Path(args.source).read_bytes()
                resp.encoding = "utf-8"
                return resp
            kwargs.setdefault("timeout", args.timeout)
            resp = super().get(url, headers=dict(headers or {}), **kwargs)
            # udata parses `response.text`: requests decodes it with the charset of the
            # Content-Type, ISO-8859-1 for a text/* type without one, else a guess.
            self.responses.append(
                {
                    "url": url,
                    "status": resp.status_code,
                    "content_type": resp.headers.get("Content-Type"),
                    "decoded_as": resp.encoding or f"guessed {resp.apparent_encoding}",
                }
            )
            return resp

        def head(self, url, headers=None, **kwargs):
            kwargs.setdefault("timeout", args.timeout)
            return super().head(url, headers=dict(headers or {}), **kwargs)

        def walk_paginated_graph(self, url):
            for graph, number in super().walk_paginated_graph(url):
                self.page_urls.append(url if number == 0 else self._next_of_previous)
                self._next_of_previous = next_page(graph)
                yield graph, number
                if self._next_of_previous and is_file:
                    # A local file has no sibling pages to fetch.
                    self.next_page_not_followed = self._next_of_previous
                    return
                if self._next_of_previous and len(self.page_urls) >= args.max_pages:
                    self.truncated = True
                    self.next_page_not_followed = self._next_of_previous
                    return

        def process_item(self, remote_id, item_processor, *a, **kw):
            before = len(self.job.items)
            super().process_item(remote_id, item_processor, *a, **kw)
            if len(self.job.items) > before:
                kind = "dataservice" if item_processor == self.process_dataservice else "dataset"
                self.records.append((self.job.items[-1], kind, kw.get("node"), kw.get("graph")))

        def _create_contact_points(self, graph, node):
            # A real harvest creates missing contact points (`get_or_create`); a dry run only
            # reuses existing ones. Create them first, with the same udata function, so the
            # dry run below attaches them.
            owner = self.source.organization
            d = graph.resource(node)
            for predicate, role in CONTACT_POINT_ENTITY_TO_ROLE.items():
                list(contact_points_from_rdf(d, predicate, role, owner, dryrun=False))

        def process_dataset(self, harvest_item, node, graph, page_number):
            self._create_contact_points(graph, node)
            return super().process_dataset(harvest_item, node, graph, page_number)

        def process_dataservice(self, harvest_item, node, graph, page_number):
            self._create_contact_points(graph, node)
            return super().process_dataservice(harvest_item, node, graph, page_number)

    def next_page(graph: Graph):
        # Same lookup as DcatBackend.walk_paginated_graph.
        for cls, prop in KNOWN_PAGINATION:
            if (None, RDF.type, cls) in graph:
                pagination = graph.resource(graph.value(predicate=RDF.type, object=cls))
                return url_from_rdf(pagination, prop)
        return None

    backend = OfflineDcatBackend(source, dryrun=True)
    backend._next_of_previous = None
    if args.format:
        backend.format = args.format
    elif is_file and not guess_format(source_url):
        raise UsageError("cannot tell the RDF format from the file name: pass --format")
    return backend


# --------------------------------------------------------------------------------------------
# Summaries of what udata filled


def _iso(value):
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _contacts(obj):
    out = []
    for c in obj.contact_points or []:
        out.append(
            {"role": c.role, "name": c.name, "email": c.email, "contact_form": c.contact_form}
        )
    return out


def _spatial(dataset):
    sp = dataset.spatial
    if not sp:
        return None
    geom = sp.geom or None
    out = {"zones": [str(z) for z in (sp.zones or [])], "granularity": sp.granularity}
    if geom:
        xs, ys = [], []

        def walk(c):
            if c and isinstance(c[0], (int, float)):
                xs.append(c[0])
                ys.append(c[1])
            else:
                for sub in c:
                    walk(sub)

        walk(geom.get("coordinates", []))
        out.update(
            {
                "type": geom.get("type"),
                "polygons": len(geom.get("coordinates", [])),
                "bbox": [min(xs), min(ys), max(xs), max(ys)] if xs else None,
            }
        )
    return out


def _dcat_extras(obj):
    return dict((obj.extras or {}).get("dcat", {}))


def _harvest(h):
    if not h:
        return {}
    return {
        "uri": h.uri,
        "remote_url": h.remote_url,
        "created_at": _iso(getattr(h, "created_at", None)),
        "issued_at": _iso(getattr(h, "issued_at", None)),
        "modified_at": _iso(getattr(h, "modified_at", None)),
    }


def summarise_dataset(ds, default_license_id):
    extras = _dcat_extras(ds)
    resources = []
    for r in ds.resources:
        resources.append(
            {
                "title": r.title,
                "url": r.url,
                "format": r.format,
                "mime": r.mime,
                "type": r.type,
                "filesize": r.filesize,
                "description_length": len(r.description or ""),
                "checksum": (
                    {"type": r.checksum.type, "value": r.checksum.value} if r.checksum else None
                ),
                "schema": r.schema.url if r.schema else None,
                "dcat": _dcat_extras(r),
                "issued_at": _iso(r.harvest.issued_at) if r.harvest else None,
                "modified_at": _iso(r.harvest.modified_at) if r.harvest else None,
            }
        )
    tc = ds.temporal_coverage
    license_id = ds.license.id if ds.license else None
    return {
        "identifier": ds.harvest.dct_identifier if ds.harvest else None,
        "title": ds.title,
        "acronym": ds.acronym,
        "description_length": len(ds.description or ""),
        "tags": list(ds.tags or []),
        "hvd": "hvd" in (ds.tags or []),
        "resources": len(ds.resources),
        "resource_details": resources,
        "spatial": _spatial(ds),
        "spatial_resolution": extras.get("spatial_resolution"),
        "temporal": {"start": _iso(tc.start), "end": _iso(tc.end)} if tc else None,
        "frequency": str(ds.frequency) if ds.frequency else None,
        "license": license_id,
        "license_is_fallback": license_id == default_license_id,
        "license_strings": extras.get("license", []),
        "rights": extras.get("rights", []),
        "access_rights": extras.get("accessRights", []),
        "provenance": extras.get("provenance", []),
        "access_type": ds.access_type,
        "schema": ds.schema.url if ds.schema else None,
        "contact_points": _contacts(ds),
        "doi": ds.harvest.doi if ds.harvest else None,
        **_harvest(ds.harvest),
    }


def summarise_dataservice(svc, ids):
    license_id = svc.license.id if svc.license else None
    return {
        "identifier": svc.harvest.remote_id if svc.harvest else None,
        "title": svc.title,
        "description_length": len(svc.description or ""),
        "base_api_url": svc.base_api_url,
        "machine_documentation_url": svc.machine_documentation_url,
        "tags": list(svc.tags or []),
        "hvd": "hvd" in (svc.tags or []),
        "license": license_id,
        "contact_points": _contacts(svc),
        # Lazy references to the previewed (unsaved) datasets: map their ids, don't fetch.
        "datasets": [ids.get(d.pk, str(d.pk)) for d in (svc.datasets or [])],
        **_harvest(svc.harvest),
    }


def looks_mojibake(text):
    """UTF-8 bytes that were decoded as Latin-1 (e.g. "RÃ©sumÃ©")."""
    try:
        return text.encode("latin-1").decode("utf-8") != text
    except UnicodeError:
        return False


def mojibake_paths(obj, path=""):
    if isinstance(obj, str):
        return [path] if looks_mojibake(obj) else []
    if isinstance(obj, dict):
        return [p for k, v in obj.items() for p in mojibake_paths(v, f"{path}.{k}" if path else k)]
    if isinstance(obj, list):
        return [p for i, v in enumerate(obj) for p in mojibake_paths(v, f"{path}[{i}]")]
    return []


def run(args):
    is_file = not args.source.startswith(("http://", "https://"))
    if is_file and not Path(args.source).is_file():
        return 2, {"error": f"no such file: {args.source}"}

    app = make_app(args)
    with app.app_context():
        from udata.core.dataset.constants import DEFAULT_LICENSE

        org = seed(args.licenses)
        backend = build_backend(args, org, is_file)
        # udata's item parsing never fetches, except a dct:temporal given as a URI (udata then
        # loads that URI): bound it.
        socket.setdefaulttimeout(args.timeout)
        job = backend.harvest()

        out = {
            "source": args.source,
            "udata_version": importlib.metadata.version("udata"),
            "format": backend.__dict__.get("format"),
            "pages": len(backend.page_urls),
            "page_urls": backend.page_urls,
            "next_page_not_followed": backend.next_page_not_followed,
            "pages_truncated": backend.truncated,
            "http_responses": backend.responses,
            "items": 0,
            "ok": 0,
            "failed": [],
            "skipped": [],
            "skipped_without_identifier": [],
            "job_status": job.status,
            "job_errors": [e.message for e in job.errors],
            "datasets": [],
            "dataservices": [],
        }

        dataset_ids = {
            item.dataset.pk: item.dataset.harvest.dct_identifier
            for item, kind, _, _ in backend.records
            if kind == "dataset" and item.status == "done" and item.dataset.harvest
        }
        for item, kind, node, _graph in backend.records:
            out["items"] += 1
            node_s = str(node) if node is not None else None
            logs = [f"{lg.level}: {lg.message}" for lg in item.logs if lg.level != "INFO"]
            if item.status == "done":
                out["ok"] += 1
                if kind == "dataset":
                    summary = summarise_dataset(item.dataset, DEFAULT_LICENSE["id"])
                else:
                    summary = summarise_dataservice(item.dataservice, dataset_ids)
                summary["node"] = node_s
                summary["warnings"] = logs
                obj = item.dataset if kind == "dataset" else item.dataservice
                texts = {"description": obj.description or ""}
                for i, r in enumerate(getattr(obj, "resources", None) or []):
                    texts[f"resource_details[{i}].description"] = r.description or ""
                summary["mojibake"] = mojibake_paths(summary) + [
                    k for k, v in texts.items() if looks_mojibake(v)
                ]
                out[kind + "s"].append(summary)
            elif item.status == "skipped":
                reason = "; ".join(e.message for e in item.errors)
                if not item.remote_id:
                    out["skipped_without_identifier"].append(node_s)
                out["skipped"].append(
                    {"node": node_s, "kind": kind, "identifier": item.remote_id, "reason": reason}
                )
            else:
                error = "; ".join(e.message for e in item.errors)
                details = [e.details for e in item.errors if e.details]
                entry = {"node": node_s, "kind": kind, "identifier": item.remote_id, "error": error}
                if details:
                    entry["traceback_tail"] = details[-1].strip().splitlines()[-3:]
                if logs:
                    entry["warnings"] = logs
                out["failed"].append(entry)

        out["encoding_problems"] = [
            {"identifier": x["identifier"], "fields": x["mojibake"]}
            for x in out["datasets"] + out["dataservices"]
            if x["mojibake"]
        ]
        notes = []
        if out["encoding_problems"]:
            served = sorted({r["content_type"] or "" for r in backend.responses})
            notes.append(
                "text decoded as Latin-1 although it is UTF-8: the catalogue was served as "
                f"{served}; a text/* Content-Type needs '; charset=utf-8' for udata (requests) "
                "to decode it right"
            )
        if not is_file and not args.allow_local_urls:
            from udata import uris

            try:
                uris.validate(args.source)
            except uris.ValidationError as e:
                notes.append(
                    f"the source URL itself is refused by udata ({e}): every item fails on "
                    "harvest.source_url; use --allow-local-urls for a local catalogue"
                )
        out["notes"] = notes

        if job.status == "failed":
            # Job-level failure: fetching (or format detection) is a usage/fetch error; anything
            # else (an unparsable page, a crash in udata) counts against the catalogue.
            details = " ".join(e.details or "" for e in job.errors)
            messages = " ".join(e.message for e in job.errors)
            if (
                "requests.exceptions" in details
                or "SSRF" in details
                or "Unsupported mime type" in messages
                or "Unable to detect format" in messages
                or "urlopen error" in messages  # e.g. a remote JSON-LD @context
            ):
                return 2, out
            return 1, out
        # A record a page only links to (a series, a served dataset: typed and named, without an
        # identifier) is skipped there and harvested from the page that describes it in full.
        harvested = {d.get("node") for d in out["datasets"] + out["dataservices"]}
        out["references"] = [
            s for s in out["skipped"] if not s["identifier"] and s["node"] in harvested
        ]
        out["skipped"] = [s for s in out["skipped"] if s not in out["references"]]
        bad = out["failed"] or out["skipped"] or out["job_errors"] or out["encoding_problems"]
        return (1 if bad else 0), out


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    quiet(args.verbose)
    # Anything a library prints goes to stderr: stdout carries the JSON object only.
    real_stdout = sys.stdout
    sys.stdout = sys.stderr if args.verbose else io.StringIO()
    try:
        code, out = run(args)
    except UsageError as e:
        code, out = 2, {"error": str(e)}
    except Exception as e:  # report as JSON rather than crash
        if args.verbose:
            traceback.print_exc()
        code, out = 2, {"error": f"{type(e).__name__}: {e}"}
    finally:
        sys.stdout = real_stdout
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
