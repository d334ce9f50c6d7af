"""The shape of a record as sent to the catalogue, checked before anything reads it.

A field's validators expect text, a list of texts or a list of entries; a hostile or careless
client may send a number where a list is expected, a list where text is, an object nested ten
thousand deep or a title of a million characters. Each is answered here with a message on the
field, before CKAN's own code (which would fail with a 500, or store the text of a list) or a
search index (which refuses terms over 32 KB) sees it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from enti.validators.messages import Message

TEXT, LIST, ENTRIES = "text", "list", "entries"
MAX_ITEMS = 1000
MAX_DEPTH = 8


@dataclass(frozen=True)
class Shape:
    """What one field holds: ``text`` (one value), ``list`` (texts, or one text) or ``entries``
    (a list of objects whose keys have shapes of their own); ``max_length`` per text."""

    kind: str = TEXT
    max_length: int = 1000
    subfields: Mapping[str, Shape] = field(default_factory=dict)
    text_only: bool = False  # ids and names: a number or true/false is no name either


Errors = dict[str, Any]


def shape_errors(record: Any, shapes: Mapping[str, Shape]) -> Errors:
    """The fields of ``record`` whose value does not have its shape, each with its messages
    (entries: a list with one dict of errors per entry, CKAN's layout for resources). Fields
    without a shape only have to be plain JSON of modest depth."""
    if not isinstance(record, Mapping):
        return {"__root__": [_not_object()]}
    errors: Errors = {}
    for key, value in record.items():
        if value is None:
            continue
        shape = shapes.get(str(key))
        problem = _check(value, shape) if shape else _plain(value)
        if problem:
            errors[str(key)] = problem
    return errors


def _check(value: Any, shape: Shape) -> Any:
    if shape.kind == ENTRIES:
        return _entries(value, shape)
    if shape.kind == LIST and isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return [_too_many()]
        for item in value:
            problem = _text(item, shape.max_length, shape.text_only)
            if problem:
                return [problem]
        return None
    if shape.kind == LIST and not isinstance(value, str):
        return [_list_expected()]
    problem = _text(value, shape.max_length, shape.text_only)
    return [problem] if problem else None


def _entries(value: Any, shape: Shape) -> Any:
    if isinstance(value, str):  # entries sent as JSON text: the field's validators read them
        return [_too_long(shape.max_length)] if len(value) > shape.max_length else None
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        return [_entries_expected()]
    if len(value) > MAX_ITEMS:
        return [_too_many()]
    nested = [shape_errors(entry, shape.subfields) for entry in value]
    return nested if any(nested) else None


def _text(value: Any, max_length: int, text_only: bool = False) -> Message | None:
    if isinstance(value, (bool, int, float)) and not text_only:
        return None
    if not isinstance(value, str):
        return _text_expected()
    if len(value) > max_length:
        return _too_long(max_length)
    if "\x00" in value:
        return _nul()
    return None


def _plain(value: Any, depth: int = 0) -> list[Message] | None:
    if depth > MAX_DEPTH:
        return [_too_deep()]
    if isinstance(value, str) and "\x00" in value:
        return [_nul()]
    if isinstance(value, Mapping):
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        problem = _plain(item, depth + 1)
        if problem:
            return problem
    return None


def _text_expected() -> Message:
    return Message(
        pt="Indique um valor de texto (não uma lista nem um objeto)",
        en="Give a text value (not a list or an object)",
    )


def _list_expected() -> Message:
    return Message(
        pt="Indique uma lista de valores de texto (ou um só valor)",
        en="Give a list of text values (or a single value)",
    )


def _entries_expected() -> Message:
    return Message(
        pt="Indique uma lista de entradas, cada uma um objeto com os seus campos",
        en="Give a list of entries, each an object with its fields",
    )


def _too_long(max_length: int) -> Message:
    return Message(
        pt=f"Texto demasiado longo: no máximo {max_length:,} caracteres".replace(",", " "),
        en=f"Text too long: at most {max_length:,} characters",
    )


def _too_many() -> Message:
    return Message(
        pt=f"Demasiados valores: no máximo {MAX_ITEMS}",
        en=f"Too many values: at most {MAX_ITEMS}",
    )


def _too_deep() -> Message:
    return Message(
        pt=f"Valor demasiado aninhado: no máximo {MAX_DEPTH} níveis",
        en=f"Value nested too deeply: at most {MAX_DEPTH} levels",
    )


def _nul() -> Message:
    return Message(
        pt="O texto contém um carácter nulo (NUL, \\u0000): retire-o",
        en="The text contains a null character (NUL, \\u0000): remove it",
    )


def _not_object() -> Message:
    return Message(pt="Envie um objeto JSON", en="Send a JSON object")


# -- request bodies --------------------------------------------------------------------------

MAX_BODY_DEPTH = 64
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth(body: bytes) -> int:
    """How deeply a JSON text nests arrays and objects (brackets inside strings do not count),
    without parsing it: Python's parser fails with a ``RecursionError`` on deep input."""
    if body.count(b"[") + body.count(b"{") <= MAX_BODY_DEPTH:
        return 0
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRING.sub(b'""', body)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def nul_character() -> Message:
    return Message(
        pt="O pedido contém um carácter nulo (NUL, \\u0000), que nenhum campo aceita",
        en="The request contains a null character (NUL, \\u0000), which no field accepts",
    )


def body_too_deep() -> Message:
    return Message(
        pt=f"O pedido aninha listas ou objetos a mais de {MAX_BODY_DEPTH} níveis",
        en=f"The request nests lists or objects more than {MAX_BODY_DEPTH} levels deep",
    )
