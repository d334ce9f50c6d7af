"""What the pages and the ``enti_validation_show`` action show of the checks: a resource's latest
check with its messages in the reader's language, a record's files with their status, and the
words that name a report's kind and a finding's place."""

from __future__ import annotations

from typing import Any

from ckanext.enti.resource_checks.storage import ResourceCheck
from enti.schemas.reference.labels import Bilingual, is_english
from enti.validators.messages import Message

NOT_VALIDATED = "not-validated"


def summary_of(resource_id: str, lang: str | None = None) -> dict[str, Any]:
    """A resource's latest check: status, counts, times and its reports, each finding's
    ``message`` in ``lang`` (both languages stay in ``message_pt`` and ``message_en``)."""
    check = ResourceCheck.of(resource_id)
    if check is None:
        return {"status": NOT_VALIDATED, "error_count": 0, "warning_count": 0, "reports": []}
    reports = check.stored_reports()
    chosen = "message_en" if is_english(lang) else "message_pt"
    for report in reports:
        for finding in report.get("findings") or []:
            finding["message"] = finding[chosen]
    return {
        "status": check.status,
        "error_count": check.error_count,
        "warning_count": check.warning_count,
        "created": check.created.isoformat() if check.created else None,
        "finished": check.finished.isoformat() if check.finished else None,
        "reports": reports,
    }


def overview_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Each file of a record with its check's status and error count (empty when none of them was
    checked)."""
    checks = {c.resource_id: c for c in ResourceCheck.all_of(record["id"])}
    if not checks:
        return []
    overview = []
    for resource in record.get("resources") or []:
        check = checks.get(resource["id"])
        overview.append(
            {
                "id": resource["id"],
                "name": resource.get("name") or resource.get("url") or resource["id"],
                "summary": {
                    "status": check.status if check else NOT_VALIDATED,
                    "error_count": check.error_count if check else 0,
                },
            }
        )
    return overview


KINDS = {
    "table": Message(pt="Tabela", en="Table"),
    "entities": Message(pt="Entidades (modelos de dados CNMD)", en="Entities (CNMD data models)"),
    "geometry": Message(pt="Geometria e coordenadas", en="Geometry and coordinates"),
    "openness": Message(pt="Formato e licença abertos", en="Open format and licence"),
    "fetch": Message(pt="Obtenção do ficheiro", en="Fetching the file"),
}


def kind_label(kind: str, lang: str | None) -> str:
    """A report's kind in words (the kind itself when it has none)."""
    return KINDS[kind].in_lang(lang) if kind in KINDS else kind


#: The words that say where a finding is, in the order they are read.
PLACES = {
    "row": Bilingual(pt="linha", en="row"),
    "field": Bilingual(pt="coluna", en="column"),
    "entity": Bilingual(pt="entidade", en="entity"),
    "pointer": Bilingual(pt="", en=""),
    "feature": Bilingual(pt="elemento", en="feature"),
}


def finding_place(finding: dict[str, Any], lang: str | None) -> str:
    """Where a finding is, in words: «linha 12, coluna data», «entidade urn:…, /location»."""
    parts = [
        f"{word.in_lang(lang)} {finding[key]}".strip()
        for key, word in PLACES.items()
        if finding.get(key) is not None and finding.get(key) != ""
    ]
    return ", ".join(parts) or "—"
