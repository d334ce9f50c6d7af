"""One entry point for a file of any kind: choose the validators by what the file is.

Tables (CSV, TSV, XLSX, XLS, ODS) go to frictionless, with a geometry check when they carry
coordinate columns; JSON is a GeoJSON document, CNMD/NGSI entities (an array, one entity,
NGSI-LD) or a JSON table; every file also gets the openness facts of its format and licence. Used
by the CLI and by the CKAN background job alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from enti.validators.messages import Message
from enti.validators.report import WARNING, Finding, ValidationReport

TABLE_FORMATS = {"csv", "tsv", "txt", "xlsx", "xls", "ods"}
JSON_FORMATS = {"json", "geojson", "jsonld", "ngsi-ld", "ngsild"}
# How much of a JSON file is looked at to tell GeoJSON, entities and JSON tables apart.
SNIFF_BYTES = 64 * 1024


def kind_of(path: Path, fmt: str | None = None) -> str:
    """``table``, ``geojson``, ``entities`` or ``unknown``."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt in TABLE_FORMATS:
        return "table"
    if fmt in JSON_FORMATS or fmt == "":
        return _json_kind(path)
    return "unknown"


def _json_kind(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if '"FeatureCollection"' in head[:4096] or '"Feature"' in head[:4096]:
        return "geojson"
    if head.startswith("{") or head.startswith("["):
        if '"type"' in head and ('"id"' in head or '"@context"' in head):
            return "entities"
        return "table" if head.startswith("[") else "entities"
    return "unknown"


def validate_path(
    path: str | Path,
    *,
    fmt: str | None = None,
    licence: str | None = None,
    model: str | None = None,
    schema: dict[str, Any] | str | Path | None = None,
    declared: Sequence[str] = (),
    source: str = "",
    max_findings: int = 1000,
) -> list[ValidationReport]:
    """Every report that applies to the file at ``path`` (``source`` names it in the reports).

    ``model`` forces a CNMD model: entities are validated against it whatever their ``type``, a
    table against the model's Table Schema. ``declared`` are the models a dataset says it
    conforms to (``dct:conformsTo``): a table without ``schema`` is held to the Table Schema of
    the first of them that has one; entities still go by their own ``type``."""
    from enti.validators import openness

    path = Path(path)
    source = source or str(path)
    reports: list[ValidationReport] = []
    if path.stat().st_size == 0:
        empty = ValidationReport("table", source)
        empty.add(Finding("empty-file", EMPTY))
        return [empty]
    kind = "table" if schema else kind_of(path, fmt)
    if model and not schema and (fmt or path.suffix.lstrip(".")).lower() not in TABLE_FORMATS:
        kind = "entities"  # a forced model: any JSON is entities, whatever the sniffing says
    if kind == "table":
        table_schema, named, note = _table_schema(schema, model, declared)
        reports += _table(path, table_schema, source, max_findings, named)
        if note is not None:
            reports[0].findings.insert(0, note)
            reports[0].stats["findings"] = reports[0].stats.get("findings", 0) + 1
    elif kind == "geojson":
        from enti.validators.geometry.geojson import validate_geojson

        reports.append(validate_geojson(path.read_bytes(), source=source, prj=_prj(path)))
    elif kind == "entities":
        reports += _entities(path, model, source, max_findings)
    else:
        unknown = ValidationReport("table", source)
        unknown.add(Finding("unknown-format", UNKNOWN, severity="warning"))
        reports.append(unknown)
    reports.append(openness.openness_report(fmt or path.name, licence=licence, source=source))
    return reports


def _table_schema(
    schema: Any, model: str | None, declared: Sequence[str]
) -> tuple[Any, str | None, Finding | None]:
    """The Table Schema a table is held to, the model it is of, and a warning when a forced
    model has none (then only the structure is checked)."""
    from enti.schemas.reference.cnmd import model_named
    from enti.validators.tabular.validate import table_schema_for

    if schema is not None:
        return schema, None, None
    for name in [model] if model else declared:
        found = model_named(name)
        entity_type = found.entity_type if found else name
        table_schema = table_schema_for(entity_type)
        if table_schema is not None:
            return table_schema, entity_type, None
        if model:
            return None, None, Finding("no-table-schema", no_schema_note(entity_type), WARNING)
    return None, None, None


def _table(
    path: Path, schema: Any, source: str, max_findings: int, model: str | None = None
) -> list[ValidationReport]:
    from enti.validators.geometry.points_csv import validate_coordinates_csv
    from enti.validators.tabular.validate import validate_table

    table = validate_table(path, schema=schema, max_findings=max_findings, model=model)
    table.source = source
    reports = [table]
    if path.suffix.lower() in (".csv", ".tsv", ".txt") or table.stats.get("format") == "csv":
        geometry = validate_coordinates_csv(path, source=source, max_findings=max_findings)
        if geometry.stats.get("points"):
            reports.append(geometry)
    return reports


def _entities(
    path: Path, model: str | None, source: str, max_findings: int
) -> list[ValidationReport]:
    from enti.validators.entities.validate import validate_entities
    from enti.validators.geometry.geojson import EntityGeometries

    geometries = EntityGeometries(source)  # gathered during the one reading of the payload
    entities = validate_entities(
        path.read_bytes(),
        source=source,
        model=model,
        max_findings=max_findings,
        each=geometries.add,
    )
    geometry = geometries.finish()
    if geometry.stats["entities"] and (geometry.stats.get("points") or geometry.findings):
        return [entities, geometry]
    return [entities]


def _prj(path: Path) -> str | None:
    prj = path.with_suffix(".prj")
    return prj.read_text(encoding="utf-8", errors="replace") if prj.is_file() else None


def no_schema_note(entity_type: str) -> Message:
    return Message(
        pt=f"O ENTI ainda não tem um Table Schema para o modelo «{entity_type}»: só a estrutura "
        "da tabela foi validada.",
        en=f"ENTI has no Table Schema for the model «{entity_type}» yet: only the table's "
        "structure was validated.",
    )


EMPTY = Message(
    pt="O ficheiro está vazio: publique-o de novo com os dados.",
    en="The file is empty: publish it again with the data.",
)
UNKNOWN = Message(
    pt="Formato não reconhecido: só tabelas (CSV, TSV, XLSX, XLS, ODS), GeoJSON e entidades JSON "
    "são validados.",
    en="Format not recognised: only tables (CSV, TSV, XLSX, XLS, ODS), GeoJSON and JSON entities "
    "are validated.",
)
