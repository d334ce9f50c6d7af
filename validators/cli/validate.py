"""``enti-validate``: files (tables, CNMD entities, geometry), CNMD example trees and DCAT-AP.

    enti-validate [--model TYPE | --schema FILE] [--format text|json] [--lang en] PATH_OR_URL...
    enti-validate --cnmd-examples DIR
    enti-validate --dcat FILE_OR_URL...

Files: see :mod:`enti.validators.cli.files`. ``--dcat``: DCAT-AP 3.0.1 conformance of RDF documents.

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
from pathlib import Path
from typing import BinaryIO, NoReturn

from rdflib import Graph
from rdflib.exceptions import ParserError

from enti.harvesters.http import FetchRefused, fetch
from enti.validators.cli import files as files_cli
from enti.validators.metadata.documents import document_error
from enti.validators.metadata.shacl import Report, validate_graph
from enti.validators.metadata.xml_safety import xml_entities_error

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
    """Parse a local file or an http(s) URL into a graph; raises ValueError with the reason.
    RDF/XML that declares entities is refused before parsing
    (:mod:`enti.validators.metadata.xml_safety`).
    """
    graph = Graph()
    try:
        if source.startswith(("http://", "https://")):
            response = fetch(source, allow=allow, headers={"Accept": ACCEPT})
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            fmt = CONTENT_TYPES.get(kind) or _by_extension(source)
            _refuse_unsafe_xml(fmt, response.content)
            graph.parse(data=response.content, format=fmt)
        else:
            fmt = _by_extension(source)
            if fmt in ("xml", "json-ld"):
                with open(source, "rb") as document:
                    _refuse_unsafe_xml(fmt, document)
            graph.parse(source, format=fmt)
    except FetchRefused as exc:
        raise ValueError(str(exc)) from exc
    except _Unsafe as exc:
        raise ValueError(f"refused {source}: {exc}") from exc
    except (OSError, ParserError, SyntaxError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise ValueError(f"could not read RDF from {source}: {reason}") from exc
    return graph


class _Unsafe(Exception):
    pass


def _refuse_unsafe_xml(fmt: str, document: bytes | BinaryIO) -> None:
    if fmt == "xml" and (problem := xml_entities_error(document)):
        raise _Unsafe(problem.en)
    if fmt == "json-ld":  # rdflib would fetch any remote @context, past the SSRF guard
        text = document if isinstance(document, bytes) else document.read()
        if problem := document_error(text):
            raise _Unsafe(problem.en)


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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Bad usage is one clear line and exit code 2."""
        self.exit(2, f"enti-validate: {message} (see enti-validate --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="enti-validate", description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="*", metavar="PATH_OR_URL", help="files to validate")
    forced = parser.add_mutually_exclusive_group()
    forced.add_argument(
        "--model", help="validate as entities of this CNMD model (e.g. Streetlight)"
    )
    forced.add_argument("--schema", help="validate as a table with this Table Schema (JSON file)")
    parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    parser.add_argument("--max-bytes", type=int, help="largest remote file to fetch")
    parser.add_argument("--cnmd-examples", metavar="DIR", help="check every example of a CNMD tree")
    parser.add_argument(
        "--dcat",
        nargs="+",
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
    modes = [bool(args.sources), bool(args.cnmd_examples), bool(args.dcat)]
    if sum(modes) != 1:
        parser.error("give files to validate, or --cnmd-examples DIR, or --dcat FILE_OR_URL")
    if args.cnmd_examples:
        return _examples(args.cnmd_examples, args.lang)
    if args.sources:
        results = files_cli.validate_sources(
            args.sources,
            model=args.model,
            schema=args.schema,
            allow=args.allow,
            max_bytes=args.max_bytes,
        )
        files_cli.print_results(results, args.output, args.lang)
        return files_cli.status_of(results)
    return _dcat(args)


def _examples(root: str, lang: str) -> int:
    from enti.validators.entities.validate import check_examples, format_examples_table

    if not Path(root).is_dir():
        print(f"enti-validate: no such directory: {root}", file=sys.stderr)
        return 2
    results = check_examples(root)
    print(format_examples_table(results, lang=lang))
    return 0


def _dcat(args: argparse.Namespace) -> int:
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
