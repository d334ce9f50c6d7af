"""DCAT-AP 3.0.1 (+ HVD) conformance of an RDF graph, with the official SHACL shapes shipped in
``schemas/dcat-ap`` (see its SOURCES.md). CKAN-free: takes an rdflib graph, returns findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import RDF, Graph, Namespace

from enti.schemas import path
from enti.schemas.reference.rdf import DCAT, DCATAP, SH, STUB_PREDICATES

MANDATORY = ("3.0.1/shapes.ttl", "3.0.1/range.ttl")
RECOMMENDED = ("3.0.1/shapes_recommended.ttl",)
HVD = ("3.0.0-hvd/hvd-SHACL.ttl",)
ENTI = ("enti/enti-overlay.ttl",)
ENTI_NS = Namespace("https://w3id.org/enti/shapes#")
RECORD_CLASSES = ("Catalog", "Dataset", "DataService", "DatasetSeries")


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


def validate_graph(
    data: Graph, *, recommended: bool = False, hvd: bool = False, enti: bool = True
) -> Report:
    """Check ``data`` against the DCAT-AP 3.0.1 mandatory and range shapes (recommended ones as
    warnings); with ``enti``, the ENTI overlay (the national metadata model's obligations) on the
    records described in full; with ``hvd``, the HVD shapes on the records that declare an HVD
    category and their distributions."""
    report = Report()
    _run(data, shapes(*(MANDATORY + (RECOMMENDED if recommended else ()))), None, report)
    if enti:
        _run(_with_enti_targets(data), shapes(*ENTI), None, report)
    if hvd:
        focus = [s for s in data.subjects(DCATAP.hvdCategory, None)]
        focus += [d for s in list(focus) for d in data.objects(s, DCAT.distribution)]
        if focus:
            _run(data, shapes(*HVD), sorted(set(focus)), report)
    return report


def _with_enti_targets(data: Graph) -> Graph:
    """A copy of ``data`` where each record described in full also has the ENTI class the overlay
    targets (a series is a series, not a plain dataset)."""
    marked = Graph()
    for triple in data:
        marked.add(triple)
    for name in RECORD_CLASSES:
        for record in data.subjects(RDF.type, DCAT[name]):
            if name == "Dataset" and (record, RDF.type, DCAT.DatasetSeries) in data:
                continue
            if set(data.predicates(record)) - STUB_PREDICATES:
                marked.add((record, RDF.type, ENTI_NS[name]))
    return marked


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
