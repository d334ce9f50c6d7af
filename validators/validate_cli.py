"""``enti-validate --dcat FILE_OR_URL …``: DCAT-AP 3.0.1 conformance of RDF documents.

Reads Turtle, RDF/XML, JSON-LD, N-Triples (by extension or content type), checks the official
mandatory and range shapes plus the ENTI overlay (the national metadata model's obligations;
``--no-enti`` leaves it out), ``--recommended`` adds the recommended shapes as warnings, ``--hvd``
the HVD shapes on records with an HVD category; prints the findings in plain words. Exit codes:
0 conforms, 1 violations found, 2 could not read (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rdflib import Graph
from rdflib.exceptions import ParserError

from enti.harvesters.http import FetchRefused, fetch
from enti.validators.shacl import Report, validate_graph

FORMATS = {
    ".ttl": "turtle",
    ".rdf": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".n3": "n3",
}
CONTENT_TYPES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"


def load(source: str, allow: Sequence[str] = ()) -> Graph:
    """Parse a local file or an http(s) URL into a graph; raises ValueError with the reason."""
    graph = Graph()
    try:
        if source.startswith(("http://", "https://")):
            response = fetch(source, allow=allow, headers={"Accept": ACCEPT})
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            fmt = CONTENT_TYPES.get(kind) or _by_extension(source)
            graph.parse(data=response.content, format=fmt)
        else:
            graph.parse(source, format=_by_extension(source))
    except FetchRefused as exc:
        raise ValueError(str(exc)) from exc
    except (OSError, ParserError, SyntaxError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise ValueError(f"could not read RDF from {source}: {reason}") from exc
    return graph


def _by_extension(source: str) -> str:
    for extension, fmt in FORMATS.items():
        if source.lower().split("?")[0].endswith(extension):
            return fmt
    return "turtle"


def render(source: str, report: Report, lang: str) -> str:
    english = lang == "en"
    lines = []
    if report.conforms:
        lines.append(
            f"{source}: "
            + ("conforms to DCAT-AP 3.0.1" if english else "conforme com o DCAT-AP 3.0.1")
        )
    else:
        count = len(report.violations)
        lines.append(f"{source}: {count} " + ("violation(s)" if english else "violação(ões)"))
    for finding in report.findings:
        label = (
            finding.severity
            if english
            else {"Violation": "Violação", "Warning": "Aviso"}[finding.severity]
        )
        lines.append(
            f"  [{label}] {finding.focus} {finding.path.rsplit('/', 1)[-1]}: {finding.message}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enti-validate", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dcat",
        nargs="+",
        required=True,
        metavar="FILE_OR_URL",
        help="RDF documents to check against DCAT-AP 3.0.1",
    )
    parser.add_argument("--recommended", action="store_true", help="also the recommended shapes")
    parser.add_argument("--hvd", action="store_true", help="also the HVD shapes")
    parser.add_argument(
        "--no-enti",
        action="store_true",
        help="DCAT-AP only, without the ENTI metadata-model overlay",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        help="host or network allowed although private (e.g. 127.0.0.1)",
    )
    parser.add_argument("--lang", choices=["pt", "en"], default="pt")
    args = parser.parse_args(argv)
    status = 0
    for source in args.dcat:
        try:
            graph = load(source, args.allow)
        except ValueError as exc:
            print(f"enti-validate: {exc}", file=sys.stderr)
            status = 2
            continue
        report = validate_graph(
            graph, recommended=args.recommended, hvd=args.hvd, enti=not args.no_enti
        )
        print(render(source, report, args.lang))
        if not report.conforms and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
