"""What a table field expects, in words a publisher reads: "a valid date (expected format
DD/MM/AAAA)", "a valid number (use "," as the decimal separator …)"."""

from __future__ import annotations

import re
from typing import Any

# (pt, en) phrases completing «"x" não é …» / «"x" is not …»
_TYPES = {
    "integer": ("um número inteiro válido", "a valid whole number"),
    "number": ("um número válido", "a valid number"),
    "date": ("uma data válida", "a valid date"),
    "datetime": ("uma data e hora válidas", "a valid date and time"),
    "time": ("uma hora válida", "a valid time"),
    "year": ("um ano válido", "a valid year"),
    "yearmonth": ("um ano e mês válidos", "a valid year and month"),
    "boolean": ("um valor lógico válido", "a valid true/false value"),
    "geopoint": ("um ponto geográfico válido", "a valid geographic point"),
    "geojson": ("um objeto GeoJSON válido", "a valid GeoJSON object"),
    "object": ("um objeto JSON válido", "a valid JSON object"),
    "array": ("uma lista JSON válida", "a valid JSON array"),
    "duration": ("uma duração ISO 8601 válida", "a valid ISO 8601 duration"),
}
_STRING_FORMATS = {
    "email": ("um endereço de email válido", "a valid email address", "nome@dominio.pt"),
    "uri": ("um URI válido", "a valid URI", "https://… ou urn:…"),
    "uuid": ("um UUID válido", "a valid UUID", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
    "binary": ("texto base64 válido", "valid base64 text", "base64"),
    "wkt": ("uma geometria WKT válida", "a valid WKT geometry", "POINT (-9.14 38.72)"),
}
_DIRECTIVES_PT = {"d": "DD", "m": "MM", "Y": "AAAA", "y": "AA", "H": "hh", "M": "mm", "S": "ss"}
_DIRECTIVES_EN = {**_DIRECTIVES_PT, "Y": "YYYY", "y": "YY"}
_DEFAULT_FORMATS = {
    "date": "%Y-%m-%d",
    "datetime": "%Y-%m-%dT%H:%M:%S",
    "time": "%H:%M:%S",
    "year": "%Y",
    "yearmonth": "%Y-%m",
}


def expected(field: Any) -> tuple[str, str, str, str]:
    """What the field expects: phrase pt/en and a « (formato esperado …)» suffix pt/en."""
    if field is None:
        return "um valor válido", "a valid value", "", ""
    kind, fmt = field.type, getattr(field, "format", "default")
    if kind == "string" and fmt in _STRING_FORMATS:
        pt, en, shape = _STRING_FORMATS[fmt]
        return pt, en, f" (formato esperado {shape})", f" (expected format {shape})"
    pt, en = _TYPES.get(kind, (f"do tipo {kind}", f"of type {kind}"))
    if kind in _DEFAULT_FORMATS:
        pattern = _DEFAULT_FORMATS[kind] if fmt in ("default", None) else fmt
        if fmt == "any":
            return pt, en, "", ""
        return pt, en, *_shapes(pattern)
    if kind == "number":
        decimal = getattr(field, "decimal_char", ".")
        group = getattr(field, "group_char", "")
        example = f"1{group}234{decimal}5" if group else f"1234{decimal}5"
        return (
            pt,
            en,
            f' (use «{decimal}» como separador decimal, p. ex. "{example}")',
            f' (use "{decimal}" as the decimal separator, e.g. "{example}")',
        )
    if kind == "integer":
        return pt, en, ' (só algarismos, p. ex. "42")', ' (digits only, e.g. "42")'
    if kind == "boolean":
        allowed = ", ".join([*field.true_values, *field.false_values])
        return pt, en, f" (use um de: {allowed})", f" (use one of: {allowed})"
    return pt, en, "", ""


def _shapes(pattern: str) -> tuple[str, str]:
    def render(table: dict[str, str]) -> str:
        return re.sub(r"%(\w)", lambda m: table.get(m.group(1), m.group(0)), pattern)

    return (
        f" (formato esperado {render(_DIRECTIVES_PT)})",
        f" (expected format {render(_DIRECTIVES_EN)})",
    )
