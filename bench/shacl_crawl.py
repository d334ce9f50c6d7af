"""What an outsider would check: every page of a catalogue's /catalog.ttl against the official
DCAT-AP 3.0.1 shapes (mandatory + ranges) with plain pyshacl, and the number of datasets it lists
against the site's own public count (package_search).

    python bench/shacl_crawl.py http://127.0.0.1:5011 [--enti]

--enti adds the ENTI overlay and the HVD shapes (through enti.validators.metadata.shacl). Prints
one line a
page and a summary; exits 1 if any page has a violation or the counts differ.
"""

from __future__ import annotations

import re
import sys
import time

import pyshacl
import requests
from rdflib import Graph, URIRef

from enti.schemas import path
from enti.validators.metadata.shacl import validate_graph

DCAT = "http://www.w3.org/ns/dcat#"
NEXT = re.compile(r"hydra:next \"([^\"]+)\"")


def official_shapes() -> Graph:
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(path("dcat-ap", "3.0.1", name), format="turtle")
    return shapes


def main(base: str, enti: bool) -> int:
    shapes = official_shapes()
    url: str | None = base + "/catalog.ttl?page=1"
    pages = violations = 0
    records: list[str] = []
    started = time.time()
    while url:
        body = requests.get(url, timeout=600).content.decode("utf-8")
        graph = Graph().parse(data=body, format="turtle")
        for predicate in ("dataset", "service"):
            records += [str(o) for o in graph.objects(None, URIRef(DCAT + predicate))]
        conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        found = len(list(report.subjects(URIRef("http://www.w3.org/ns/shacl#focusNode"), None)))
        if enti:
            extra = validate_graph(graph, hvd=True)
            found += len(extra.violations)
            conforms = conforms and extra.conforms
        violations += found
        pages += 1
        print(f"page {pages}: {'conforms' if conforms else f'{found} violations'}", flush=True)
        following = NEXT.search(body)
        url = re.sub(r"^https?://[^/]+", base, following.group(1)) if following else None
    search = requests.get(base + "/api/3/action/package_search?rows=0", timeout=60).json()
    public = search["result"]["count"]
    print(
        f"{pages} pages in {time.time() - started:.0f} s, {violations} violations; "
        f"{len(records)} records listed ({len(set(records))} distinct), "
        f"package_search counts {public} public records"
    )
    return 0 if violations == 0 and len(records) == len(set(records)) == public else 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(args[0].rstrip("/"), "--enti" in sys.argv))
