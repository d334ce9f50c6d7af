"""Table findings in Portuguese and English, each saying what to change.

:func:`from_error` turns a frictionless error (its ``type`` kept as the finding type) into a
:class:`Finding`; the other functions build the findings frictionless has no name for.
"""

from __future__ import annotations

import re
from typing import Any

from enti.validators.messages import Message
from enti.validators.report import Finding
from enti.validators.tabular.expected import expected

_AS_WRITTEN = ("blank-label", "duplicate-label", "extra-label")
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_POSITION = re.compile(r"at position (\d+)")


def from_error(
    error: Any, fields: dict[str, Any], *, row: int | None = None, other_row: int | None = None
) -> Finding:
    """A finding for one frictionless error; ``fields`` maps names to frictionless fields.

    ``row`` and ``other_row`` replace the error's own row numbers when the error was found in
    an extract of the file (the vectorised path describes only the failing rows).
    """
    kind = error.type
    row = row if row is not None else getattr(error, "row_number", None)
    name = getattr(error, "field_name", None) or None
    builder = _BUILDERS.get(kind, _generic)
    message = builder(error, fields.get(name or ""), row, other_row)
    if kind in _AS_WRITTEN:  # name the column as the file does, not frictionless's stand-in
        name = error.label or None
    return Finding(type=kind, message=message, row=row, field=name)


def empty_file() -> Finding:
    return Finding(
        type="empty-file",
        message=Message(
            pt="O ficheiro está vazio; carregue o ficheiro com os dados "
            "(uma linha de cabeçalho com os nomes das colunas e as linhas de dados).",
            en="The file is empty; upload the file holding the data "
            "(a header line with the column names, then the data rows).",
        ),
    )


def zip_refused(reason: str, uncompressed: int, ratio: float, limits: Any) -> Finding:
    if reason == "corrupt":
        return Finding(
            type="format-error",
            message=Message(
                pt="O ficheiro não é um XLSX/ODS válido (o arquivo zip está danificado); "
                "volte a exportá-lo da folha de cálculo ou publique-o em CSV.",
                en="The file is not a valid XLSX/ODS (its zip archive is damaged); "
                "export it again from the spreadsheet or publish it as CSV.",
            ),
        )
    size, cap = _mib(uncompressed), _mib(limits.max_uncompressed)
    why_pt = {
        "size": f"descomprime para {size}, acima do limite de {cap}",
        "ratio": f"tem uma parte que cresce {ratio:.0f} vezes ao descomprimir "
        f"(limite {limits.max_ratio:.0f})",
        "members": f"tem mais de {limits.max_members} partes",
    }[reason]
    why_en = {
        "size": f"inflates to {size}, over the {cap} limit",
        "ratio": f"has a part that grows {ratio:.0f} times when inflated "
        f"(limit {limits.max_ratio:.0f})",
        "members": f"has more than {limits.max_members} parts",
    }[reason]
    return Finding(
        type="zip-bomb",
        message=Message(
            pt=f"O ficheiro foi recusado sem ser aberto: {why_pt}. "
            "Divida os dados em ficheiros mais pequenos ou publique-os em CSV.",
            en=f"The file was refused without opening it: {why_en}. "
            "Split the data into smaller files or publish it as CSV.",
        ),
    )


def mixed_encoding(line: int) -> Finding:
    return Finding(
        type="encoding-error",
        row=line,
        message=Message(
            pt=f"Linha {line}: tem caracteres que não são UTF-8, num ficheiro que no resto está "
            "em UTF-8 (codificações misturadas); guarde o ficheiro inteiro em UTF-8.",
            en=f"Line {line}: holds characters that are not UTF-8 in a file otherwise in UTF-8 "
            "(mixed encodings); save the whole file as UTF-8.",
        ),
    )


def invalid_schema(note: str) -> Finding:
    return Finding(
        type="schema-error",
        message=Message(
            pt=f"O Table Schema indicado é inválido ({note}); corrija-o antes de validar.",
            en=f"The Table Schema given is invalid ({note}); fix it before validating.",
        ),
    )


# Builders: (error, field or None, row, other row) -> Message


def _where(row: int | None, name: str | None) -> tuple[str, str]:
    if row is not None and name:
        return f'Linha {row}, coluna "{name}"', f'Row {row}, column "{name}"'
    if row is not None:
        return f"Linha {row}", f"Row {row}"
    return f'Coluna "{name}"', f'Column "{name}"'


def _blank_label(error: Any, field: Any, row: Any, other: Any) -> Message:
    n = error.field_number
    return Message(
        pt=f"Coluna {n}: o nome no cabeçalho está vazio; dê um nome a esta coluna "
        "(ou apague-a, se não tiver dados).",
        en=f"Column {n}: the header name is blank; give this column a name "
        "(or delete it if it holds no data).",
    )


def _duplicate_label(error: Any, field: Any, row: Any, other: Any) -> Message:
    n, label = error.field_number, error.label
    return Message(
        pt=f'Coluna {n}: o nome "{label}" repete o de outra coluna; '
        "dê a cada coluna um nome diferente.",
        en=f'Column {n}: the name "{label}" repeats another column\'s; '
        "give each column a different name.",
    )


def _missing_label(error: Any, field: Any, row: Any, other: Any) -> Message:
    name = error.field_name
    return Message(
        pt=f'Falta a coluna "{name}" que o Table Schema exige; acrescente-a ao cabeçalho.',
        en=f'The column "{name}" that the Table Schema requires is missing; add it to the header.',
    )


def _extra_label(error: Any, field: Any, row: Any, other: Any) -> Message:
    n, label = error.field_number, error.label
    return Message(
        pt=f'Coluna {n} ("{label}"): não está prevista no Table Schema; '
        "remova-a ou corrija o nome para um dos previstos.",
        en=f'Column {n} ("{label}"): not in the Table Schema; '
        "remove it or rename it to one the schema defines.",
    )


def _incorrect_label(error: Any, field: Any, row: Any, other: Any) -> Message:
    n, label, name = error.field_number, error.label, error.field_name
    return Message(
        pt=f'Coluna {n}: o cabeçalho diz "{label}" mas o Table Schema espera "{name}" nesta '
        "posição; corrija o nome ou a ordem das colunas.",
        en=f'Column {n}: the header says "{label}" but the Table Schema expects "{name}" in this '
        "position; fix the name or the order of the columns.",
    )


def _blank_header(error: Any, field: Any, row: Any, other: Any) -> Message:
    return Message(
        pt="A linha de cabeçalho está vazia; a primeira linha deve ter os nomes das colunas.",
        en="The header row is blank; the first row must hold the column names.",
    )


def _missing_cell(error: Any, field: Any, row: Any, other: Any) -> Message:
    pt, en = _where(row, error.field_name)
    return Message(
        pt=f"{pt}: falta o valor (a linha tem menos colunas do que o cabeçalho); "
        "acrescente o valor ou o separador em falta.",
        en=f"{en}: the value is missing (the row has fewer columns than the header); "
        "add the value or the missing separator.",
    )


def _extra_cell(error: Any, field: Any, row: Any, other: Any) -> Message:
    n, cell = error.field_number, _short(error.cell)
    return Message(
        pt=f'Linha {row}: tem um valor a mais na coluna {n} ("{cell}"), sem nome no cabeçalho; '
        "remova-o, ou ponha entre aspas o texto que contém o separador.",
        en=f'Row {row}: has an extra value in column {n} ("{cell}") with no header name; '
        "remove it, or quote the text that contains the separator.",
    )


def _blank_row(error: Any, field: Any, row: Any, other: Any) -> Message:
    return Message(
        pt=f"Linha {row}: está vazia; apague-a.",
        en=f"Row {row}: is empty; delete it.",
    )


def _type_error(error: Any, field: Any, row: Any, other: Any) -> Message:
    pt, en = _where(row, error.field_name)
    cell = _short(error.cell)
    what_pt, what_en, shape_pt, shape_en = expected(field)
    return Message(
        pt=f'{pt}: "{cell}" não é {what_pt}{shape_pt}; corrija o valor.',
        en=f'{en}: "{cell}" is not {what_en}{shape_en}; fix the value.',
    )


def _constraint_error(error: Any, field: Any, row: Any, other: Any) -> Message:
    pt, en = _where(row, error.field_name)
    cell = _short(error.cell)
    match = _CONSTRAINT.search(error.note or "")
    name, value = (match.group(1), match.group(2)) if match else ("", "")
    if name == "required":
        return Message(
            pt=f"{pt}: o valor está em falta e esta coluna é obrigatória; preencha-o.",
            en=f"{en}: the value is missing and this column is required; fill it in.",
        )
    if name == "enum":
        allowed = ", ".join(str(v) for v in (field.constraints.get("enum") if field else []))
        return Message(
            pt=f'{pt}: "{cell}" não é um dos valores permitidos; use um de: {allowed}.',
            en=f'{en}: "{cell}" is not one of the allowed values; use one of: {allowed}.',
        )
    bounds = {
        "minimum": ("é menor do que o mínimo", "is below the minimum", "≥"),
        "maximum": ("é maior do que o máximo", "is above the maximum", "≤"),
        "exclusiveMinimum": ("não é maior do que", "is not greater than", ">"),
        "exclusiveMaximum": ("não é menor do que", "is not less than", "<"),
    }
    if name in bounds:
        bad_pt, bad_en, sign = bounds[name]
        return Message(
            pt=f'{pt}: "{cell}" {bad_pt} {value}; use um valor {sign} {value}.',
            en=f'{en}: "{cell}" {bad_en} {value}; use a value {sign} {value}.',
        )
    if name in ("minLength", "maxLength"):
        more = name == "minLength"
        return Message(
            pt=f'{pt}: "{cell}" tem {len(error.cell)} caracteres; use '
            f"{'pelo menos' if more else 'no máximo'} {value}.",
            en=f'{en}: "{cell}" has {len(error.cell)} characters; use '
            f"{'at least' if more else 'at most'} {value}.",
        )
    if name == "pattern":
        return Message(
            pt=f'{pt}: "{cell}" não segue o padrão exigido ({value}); corrija o valor.',
            en=f'{en}: "{cell}" does not match the required pattern ({value}); fix the value.',
        )
    return _generic(error, field, row, other)


def _unique_error(error: Any, field: Any, row: Any, other: Any) -> Message:
    pt, en = _where(row, error.field_name)
    cell = _short(error.cell)
    other = other or repeated_row(error.note)
    return Message(
        pt=f'{pt}: o valor "{cell}" repete o da linha {other}; '
        "os valores desta coluna têm de ser únicos.",
        en=f'{en}: the value "{cell}" repeats row {other}\'s; '
        "the values of this column must be unique.",
    )


def _primary_key(error: Any, field: Any, row: Any, other: Any) -> Message:
    other = other or repeated_row(error.note)
    if other is None:
        return Message(
            pt=f"Linha {row}: o identificador (chave primária) está vazio; preencha-o.",
            en=f"Row {row}: the identifier (primary key) is empty; fill it in.",
        )
    return Message(
        pt=f"Linha {row}: o identificador (chave primária) repete o da linha {other}; "
        "cada linha precisa de um identificador único.",
        en=f"Row {row}: the identifier (primary key) repeats row {other}'s; "
        "each row needs a unique identifier.",
    )


def _encoding_error(error: Any, field: Any, row: Any, other: Any) -> Message:
    return Message(
        pt=f"O ficheiro não pôde ser lido com a codificação detetada ({error.note}); "
        "guarde-o em UTF-8 e volte a carregá-lo.",
        en=f"The file could not be read with the detected encoding ({error.note}); "
        "save it as UTF-8 and upload it again.",
    )


def _source_error(error: Any, field: Any, row: Any, other: Any) -> Message:
    return Message(
        pt=f"O ficheiro não pôde ser lido como tabela ({error.type}: {error.note}); "
        "verifique que é CSV, TSV, XLSX, XLS, ODS ou JSON bem formado.",
        en=f"The file could not be read as a table ({error.type}: {error.note}); "
        "check that it is well-formed CSV, TSV, XLSX, XLS, ODS or JSON.",
    )


def _generic(error: Any, field: Any, row: Any, other: Any) -> Message:
    pt, en = _where(row, getattr(error, "field_name", None) or None)
    if row is None and not getattr(error, "field_name", None):
        pt, en = "Tabela", "Table"
    return Message(
        pt=f"{pt}: {error.title} ({error.type}): {error.note or error.description}; "
        "corrija conforme indicado.",
        en=f"{en}: {error.title} ({error.type}): {error.note or error.description}; "
        "fix as indicated.",
    )


_BUILDERS = {
    "blank-label": _blank_label,
    "duplicate-label": _duplicate_label,
    "missing-label": _missing_label,
    "extra-label": _extra_label,
    "incorrect-label": _incorrect_label,
    "blank-header": _blank_header,
    "missing-cell": _missing_cell,
    "extra-cell": _extra_cell,
    "blank-row": _blank_row,
    "type-error": _type_error,
    "constraint-error": _constraint_error,
    "unique-error": _unique_error,
    "primary-key": _primary_key,
    "encoding-error": _encoding_error,
    "source-error": _source_error,
    "format-error": _source_error,
    "scheme-error": _source_error,
}


def repeated_row(note: str | None) -> int | None:
    match = _POSITION.search(note or "")
    return int(match.group(1)) if match else None


def _short(cell: Any, limit: int = 80) -> str:
    text = "" if cell is None else str(cell)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"
