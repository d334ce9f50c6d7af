"""``enti-validate PATH_OR_URL …``: tables, entities and geometry, as a readable or JSON report.

The kind of each file is detected (or forced with ``--model`` / ``--schema``); URLs are fetched
with the same safety as the catalogue's (timeouts, size cap, no private addresses unless
``--allow``). Exit codes: 0 every file valid, 1 some file invalid, 2 some file could not be read.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from enti.harvesters.http import FetchRefused, fetch
from enti.validators.dispatch import validate_path
from enti.validators.report import ValidationReport

KIND_LABELS = {
    "table": ("Tabela", "Table"),
    "entities": ("Entidades CNMD", "CNMD entities"),
    "geometry": ("Geometria", "Geometry"),
    "openness": ("Abertura", "Openness"),
}
PLACES = {
    "row": ("linha", "row"),
    "field": ("coluna", "column"),
    "entity": ("entidade", "entity"),
    "pointer": ("", ""),
    "feature": ("elemento", "feature"),
}


class Unreadable(Exception):
    """A source that could not be read at all (exit code 2)."""


def validate_sources(
    sources: Sequence[str],
    *,
    model: str | None = None,
    schema: str | None = None,
    allow: Sequence[str] = (),
    max_bytes: int | None = None,
) -> list[tuple[str, list[ValidationReport] | Unreadable]]:
    results: list[tuple[str, list[ValidationReport] | Unreadable]] = []
    for source in sources:
        try:
            results.append((source, _validate(source, model, schema, allow, max_bytes)))
        except Unreadable as unreadable:
            results.append((source, unreadable))
        except Exception as exc:  # a validator's own failure: one line, never a traceback
            results.append((source, Unreadable(f"could not validate {source}: {exc!r}"[:300])))
    return results


def _validate(
    source: str, model: str | None, schema: str | None, allow: Sequence[str], max_bytes: int | None
) -> list[ValidationReport]:
    schema_value: Any = None
    if schema:
        try:
            schema_value = json.loads(Path(schema).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Unreadable(f"could not read the Table Schema {schema}: {exc}") from exc
    if not source.startswith(("http://", "https://")):
        path = Path(source)
        if not path.is_file():
            raise Unreadable(f"no such file: {source}")
        if path.stat().st_size == 0:
            raise Unreadable(f"the file is empty: {source}")
        return validate_path(path, model=model, schema=schema_value, source=source)
    try:
        options: dict[str, Any] = {"allow": list(allow)}
        if max_bytes:
            options["max_bytes"] = max_bytes
        response = fetch(source, **options)
    except FetchRefused as refused:
        raise Unreadable(str(refused)) from refused
    name = Path(source.split("?")[0]).name or "download"
    with tempfile.TemporaryDirectory(prefix="enti-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(response.content)
        return validate_path(path, model=model, schema=schema_value, source=source)


def status_of(results: list[tuple[str, list[ValidationReport] | Unreadable]]) -> int:
    if any(isinstance(r, Unreadable) for _, r in results):
        return 2
    invalid = any(not rep.valid for _, reps in results for rep in reps)  # type: ignore[union-attr]
    return 1 if invalid else 0


def render_json(results: list[tuple[str, list[ValidationReport] | Unreadable]], lang: str) -> str:
    out = []
    for source, result in results:
        if isinstance(result, Unreadable):
            out.append({"source": source, "readable": False, "error": str(result)})
        else:
            out.append(
                {
                    "source": source,
                    "readable": True,
                    "valid": all(r.valid for r in result),
                    "reports": [r.to_dict(lang) for r in result],
                }
            )
    return json.dumps(out, ensure_ascii=False, indent=2)


def render_text(
    results: list[tuple[str, list[ValidationReport] | Unreadable]], lang: str, limit: int = 50
) -> str:
    en = lang == "en"
    lines: list[str] = []
    for source, result in results:
        if isinstance(result, Unreadable):
            lines.append(
                f"{source}: " + ("could not be read: " if en else "não foi lido: ") + str(result)
            )
            continue
        valid = all(r.valid for r in result)
        verdict = ("valid" if en else "válido") if valid else ("INVALID" if en else "INVÁLIDO")
        lines.append(f"{source}: {verdict}")
        for report in result:
            lines += _report_lines(report, en, limit)
    return "\n".join(lines)


def _report_lines(report: ValidationReport, en: bool, limit: int) -> list[str]:
    label = KIND_LABELS.get(report.kind, (report.kind, report.kind))[1 if en else 0]
    facts = [f"{k}={v}" for k, v in report.stats.items() if isinstance(v, (int, float, str))]
    if report.encoding:
        facts.append(("encoding=" if en else "codificação=") + report.encoding)
    if report.crs:
        facts.append(f"crs={report.crs}")
    if report.bbox:
        facts.append("bbox=" + ",".join(f"{v:.5f}" for v in report.bbox))
    errors = len(report.errors)
    count = f"{errors} " + ("error(s)" if en else "erro(s)")
    lines = [f"  {label}: {count}" + (f" ({', '.join(facts)})" if facts else "")]
    for finding in report.findings[:limit]:
        where = ", ".join(
            f"{PLACES[key][1 if en else 0]} {value}".strip()
            for key, value in (
                ("row", finding.row),
                ("field", finding.field),
                ("entity", finding.entity),
                ("pointer", finding.pointer),
                ("feature", finding.feature),
            )
            if value is not None
        )
        mark = "!" if finding.severity == "error" else "~"
        text = finding.message.in_lang("en" if en else "pt")
        lines.append(f"    {mark} [{finding.type}] {where + ': ' if where else ''}{text}")
    hidden = len(report.findings) - limit
    if hidden > 0 or report.truncated:
        more = ("… and more" if en else "… e mais") + (f" ({hidden})" if hidden > 0 else "")
        lines.append(f"    {more}")
    return lines


def print_results(
    results: list[tuple[str, list[ValidationReport] | Unreadable]], output: str, lang: str
) -> None:
    text = render_json(results, lang) if output == "json" else render_text(results, lang)
    print(text)
    for source, result in results:
        if isinstance(result, Unreadable) and output == "json":
            print(f"enti-validate: {source}: {result}", file=sys.stderr)
