"""DCAT-AP 3.0.1 (+ HVD) conformance of an RDF graph, with the official SHACL shapes shipped in
``schemas/dcat-ap`` (see its SOURCES.md). CKAN-free: takes an rdflib graph, returns findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import RDF, Graph, Namespace

from enti.schemas import path

SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
MANDATORY = ("3.0.1/shapes.ttl", "3.0.1/range.ttl")
RECOMMENDED = ("3.0.1/shapes_recommended.ttl",)
HVD = ("3.0.0-hvd/hvd-SHACL.ttl",)


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation" or "Warning"
    focus: str
    path: str
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


@cache
def shapes(*files: str) -> Graph:
    graph = Graph()
    for name in files:
        graph.parse(path("dcat-ap", name))
    return graph


def validate_graph(data: Graph, *, recommended: bool = False, hvd: bool = False) -> Report:
    """Check ``data`` against the DCAT-AP 3.0.1 mandatory and range shapes (recommended ones as
    warnings); with ``hvd``, also the HVD shapes on the records that declare an HVD category and
    their distributions (linked records described in the graph are not HVD by that)."""
    report = Report()
    _run(data, shapes(*(MANDATORY + (RECOMMENDED if recommended else ()))), None, report)
    if hvd:
        focus = [s for s in data.subjects(DCATAP.hvdCategory, None)]
        focus += [d for s in list(focus) for d in data.objects(s, DCAT.distribution)]
        if focus:
            _run(data, shapes(*HVD), sorted(set(focus)), report)
    return report


def _run(data: Graph, shacl: Graph, focus: list | None, report: Report) -> None:
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shacl, inference="none", allow_warnings=True, focus_nodes=focus
    )
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        report.findings.append(
            Finding(
                severity="Violation" if severity == "Violation" else "Warning",
                focus=str(results.value(result, SH.focusNode)),
                path=str(results.value(result, SH.resultPath) or ""),
                message=str(results.value(result, SH.resultMessage) or ""),
            )
        )
