"""``enti-validate --cnmd-examples DIR``: every example of a CNMD tree against its model.

The examples are the first thing a PGU copies, and they carry real defects; each is reported with
the entity, the JSON pointer and the rule, and the table sums them up per model. The metadata
examples (``Comuns/Metadata``) are DCAT records, checked by
:mod:`enti.validators.metadata.cnmd_schema`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from enti.schemas.reference.cnmd import METADATA_FOLDER, models_in
from enti.schemas.reference.labels import is_english
from enti.validators.entities.check import check_entity, read_entities
from enti.validators.entities.messages import not_json_message, show
from enti.validators.entities.schema import Catalogue, catalogue
from enti.validators.report import ERROR, Finding


@dataclass
class ExampleResult:
    """The entities of one example file that share a model (or an unknown type)."""

    path: str  # relative to the tree's root
    model: str | None  # the model's entity type; None when the type names no model
    declared: str  # the type the entities declare
    entities: int = 0
    valid: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return self.entities - self.valid


def check_examples(root: str | Path) -> list[ExampleResult]:
    """Check every ``exemplos/**/*.json`` under ``root`` against the models of that tree (the
    shipped CNMD copy when ``root`` holds no schemas): one result per file and model, then one
    with ``path == ""`` and no entity for each model no example uses."""
    root = Path(root).resolve()
    cat = catalogue(root) if models_in(root) else catalogue()
    results = []
    for file in sorted(root.glob("**/exemplos/**/*.json")):
        relative = file.relative_to(root).as_posix()
        if relative.startswith(METADATA_FOLDER + "/"):
            continue
        results.extend(_check_file(file, relative, cat))
    used = {r.model for r in results}
    results.extend(
        ExampleResult("", m.entity_type, m.entity_type)
        for m in cat.models
        if m.entity_type not in used
    )
    return results


def _check_file(file: Path, relative: str, cat: Catalogue) -> list[ExampleResult]:
    groups: dict[tuple[str | None, str], ExampleResult] = {}
    try:
        for index, entity in read_entities(file.read_bytes()):
            outcome = check_entity(index, entity, cat)
            name = outcome.model.entity_type if outcome.model else None
            given = outcome.declared
            declared = given if isinstance(given, str) else "" if given is None else show(given)
            result = groups.setdefault((name, declared), ExampleResult(relative, name, declared))
            result.entities += 1
            result.valid += outcome.valid
            result.findings.extend(outcome.findings)
    except ValueError as exc:
        broken = ExampleResult(relative, None, "")
        broken.findings.append(Finding("not-json", not_json_message(exc)))
        return [*groups.values(), broken]
    return list(groups.values())


COLUMNS = {
    "pt": ("modelo", "exemplos", "entidades", "válidas", "inválidas", "achado mais comum"),
    "en": ("model", "examples", "entities", "valid", "invalid", "most common finding"),
}


def format_examples_table(results: list[ExampleResult], lang: str = "pt") -> str:
    """One row per model (those with no example too), then per unknown type, then the totals."""
    english = is_english(lang)
    rows: dict[str, list[ExampleResult]] = {}
    for result in results:
        label = result.model or (
            f"{result.declared or '—'} ({'no model' if english else 'sem modelo'})"
        )
        rows.setdefault(label, []).append(result)
    ordered = sorted(rows, key=lambda label: (label.endswith(")"), label.lower()))
    table: list[tuple[str, ...]] = [COLUMNS["en" if english else "pt"]]
    for label in ordered:
        group = rows[label]
        table.append(_row(label, group, english))
    table.append(_row("total", results, english))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i in (0, 5) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(-1, lines[1])
    return "\n".join(lines)


def _row(label: str, group: list[ExampleResult], english: bool) -> tuple[str, ...]:
    files = len({r.path for r in group if r.path})
    entities = sum(r.entities for r in group)
    valid = sum(r.valid for r in group)
    if not files:
        common = "no example" if english else "sem exemplo"
    else:
        common = _most_common([f for r in group for f in r.findings], english)
    return (label, str(files), str(entities), str(valid), str(entities - valid), common)


def _most_common(findings: list[Finding], english: bool) -> str:
    errors = [f for f in findings if f.severity == ERROR]
    pool = errors or findings
    if not pool:
        return "—"
    counts = Counter((f.type, re.sub(r"/\d+(?=/|$)", "/*", f.pointer or "")) for f in pool)
    (kind, pointer), count = counts.most_common(1)[0]
    warning = "" if errors else (" (warning)" if english else " (aviso)")
    return f"{kind} {pointer}{warning} ×{count}".replace("  ", " ")
