"""The one report shape every validator returns (tables, entities, geometry, openness).

A :class:`ValidationReport` holds findings a publisher can act on: each has a stable ``type`` (the
frictionless name for table errors, e.g. ``type-error``; ours otherwise, e.g. ``outside-portugal``),
a message in Portuguese and English that says what to change, and where: row/field for tables,
entity id + JSON pointer for entities, feature index for geometries. ``to_dict`` gives the JSON
the CLI prints, the job stores and the API returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enti.validators.messages import Message

ERROR = "error"
WARNING = "warning"


@dataclass
class Finding:
    type: str
    message: Message
    severity: str = ERROR
    row: int | None = None
    field: str | None = None
    entity: str | None = None
    pointer: str | None = None
    feature: int | None = None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        where = {
            key: value
            for key, value in (
                ("row", self.row),
                ("field", self.field),
                ("entity", self.entity),
                ("pointer", self.pointer),
                ("feature", self.feature),
            )
            if value is not None
        }
        return {
            "type": self.type,
            "severity": self.severity,
            "message": self.message.in_lang(lang),
            "message_pt": self.message.pt,
            "message_en": self.message.en,
            **where,
        }


@dataclass
class ValidationReport:
    """What one validator found in one source (a file, a URL, a payload)."""

    kind: str  # "table", "entities", "geometry", "openness"
    source: str
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    crs: str | None = None  # e.g. "EPSG:3763"
    bbox: tuple[float, float, float, float] | None = None  # WGS84 west, south, east, north
    truncated: bool = False  # findings beyond the limit were counted, not kept

    @property
    def valid(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "valid": self.valid,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "findings": [f.to_dict(lang) for f in self.findings],
            "stats": self.stats,
            "encoding": self.encoding,
            "crs": self.crs,
            "bbox": list(self.bbox) if self.bbox else None,
            "truncated": self.truncated,
        }
