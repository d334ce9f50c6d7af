"""Reading an entities payload: a JSON array decoded one entity at a time, so a 200 MB download
is never held as a 400 MB string or a million objects at once. Also one entity, or an NGSI-LD
JSON-LD document (``@graph``).

A UTF-8 array takes the fast path: msgspec checks the whole document's syntax and splits it into
one raw span per entity (no copy), then decodes each span when its turn comes. Anything that path
refuses (another encoding, a ``NaN``, a lone surrogate escape, a syntax error, deep nesting) is
read again by the standard library through a window of about a megabyte of text, which says where
the error is. Nesting deeper than the parser can follow is a :data:`TOO_DEEP` error.

Errors are :class:`PayloadError` (a ``ValueError``) with the line and column in the whole payload.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

import msgspec

CHUNK = 1 << 20  # bytes decoded at a time
MARGIN = 64  # a decoding error this close to the end of the window may be the window's cut
_SPACE = re.compile(r"[ \t\n\r]*")


TOO_DEEP = "nested too deeply to be read"  # a RecursionError of the JSON parser


class PayloadError(ValueError):
    def __init__(self, msg: str, lineno: int, colno: int) -> None:
        super().__init__(f"{msg}: line {lineno} column {colno}")
        self.msg, self.lineno, self.colno = msg, lineno, colno


def read_entities(data: bytes | str | list[Any] | dict[str, Any]) -> Iterator[tuple[int, Any]]:
    """(index, item) of a payload; raises :class:`PayloadError` where it is not JSON."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        encoding = json.detect_encoding(raw)
        items = _split(raw) if encoding == "utf-8" else None
        if items is not None:
            yield from _spans(raw, items)
            return
        try:
            window = _Window(raw, encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise PayloadError(f"not UTF-8 text ({exc})", 1, 1) from exc
        yield from _document(window)
        return
    if isinstance(data, str):
        yield from _document(_Window(data.lstrip("\ufeff")))
        return
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data = data["@graph"]
    yield from enumerate(data if isinstance(data, list) else [data])


_SPLIT = msgspec.json.Decoder(list[msgspec.Raw])
_DECODE = msgspec.json.Decoder()
_ARRAY_START = re.compile(rb"[ \t\n\r]*\[")  # matched in place: no copy of a large payload


def _split(raw: bytes) -> list[msgspec.Raw] | None:
    """The entities of a JSON array as raw spans, or ``None`` when it is not a well-formed array
    msgspec reads (the standard library then reads it, and locates the error), or when its items
    are so small that a span object per item would outweigh the payload itself."""
    start = _ARRAY_START.match(raw)
    if not start or _small_items(raw, start.end()):
        return None
    try:
        return _SPLIT.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None  # msgspec's depth limit is below the standard library's: let it try


SAMPLE = 64 * 1024  # bytes looked at to estimate the size of an item
MIN_ITEM = 256  # bytes: below this average, the windowed reader serves (an entity is ~1-2 KB)


def _small_items(raw: bytes, position: int) -> bool:
    """Whether the first items of the array average under :data:`MIN_ITEM` bytes (a span object
    costs about 60 bytes: a payload of millions of tiny items would multiply its size)."""
    text = raw[position : position + SAMPLE].decode("utf-8", "ignore")
    decode, at, count = json.JSONDecoder().raw_decode, 0, 0
    while True:
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
        try:
            _, at = decode(text, at)
        except (ValueError, RecursionError):  # the sample's cut (or not JSON: the split says)
            return count > 0 and at / count < MIN_ITEM
        count += 1
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
        if not text.startswith(",", at):
            return False  # the whole array fits in the sample: small anyway
        at += 1


def _spans(raw: bytes, items: list[msgspec.Raw]) -> Iterator[tuple[int, Any]]:
    for index, item in enumerate(items):
        try:
            yield index, _DECODE.decode(item)
        except msgspec.ValidationError:  # a number beyond a double: the standard library's inf
            yield index, json.loads(bytes(item), parse_constant=_no_constant)
        except RecursionError as exc:
            line = raw.count(b"\n", 0, _offset(raw, items, index)) + 1
            raise PayloadError(TOO_DEEP, line, 1) from exc
        except UnicodeDecodeError as exc:  # the split does not look inside strings
            start = _offset(raw, items, index)
            try:
                bytes(item).decode("utf-8")
            except UnicodeDecodeError as located:
                start += located.start
            line = raw.count(b"\n", 0, start) + 1
            raise PayloadError(f"not UTF-8 text ({exc.reason})", line, 1) from exc


def _offset(raw: bytes, items: list[msgspec.Raw], index: int) -> int:
    """Where ``items[index]`` starts in ``raw`` (found again from the start: errors only)."""
    position = 0
    for item in items[: index + 1]:
        span = bytes(item)
        position = raw.find(span, position) + (len(span) if item is not items[index] else 0)
    return position


def _document(window: _Window) -> Iterator[tuple[int, Any]]:
    position = window.skip(0)
    if window.text.startswith("[", position):
        yield from _array(window, position + 1)
        return
    window.fill(None)  # one object: decode it whole
    try:
        data = json.loads(window.text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise window.error(exc.msg, exc.pos) from exc
    except RecursionError as exc:
        raise PayloadError(TOO_DEEP, 1, 1) from exc
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data = data["@graph"]
    yield from enumerate(data if isinstance(data, list) else [data])


def _array(window: _Window, position: int) -> Iterator[tuple[int, Any]]:
    decode = json.JSONDecoder(parse_constant=_no_constant).raw_decode
    position = window.skip(position)
    index = 0
    if window.text.startswith("]", position):
        position += 1
    else:
        while True:
            position = window.keep(position)
            while True:
                try:
                    item, end = decode(window.text, position)
                except RecursionError as exc:
                    raise window.error(TOO_DEEP, position) from exc
                except json.JSONDecodeError as exc:
                    if window.more and window.maybe_cut(exc):
                        window.grow()
                        continue
                    raise window.error(exc.msg, exc.pos) from exc
                if window.more and end > len(window.text) - MARGIN:
                    window.grow()  # a number or literal may go on past the window
                    continue
                break
            yield index, item
            index += 1
            position = window.skip(end)
            if window.text.startswith(",", position):
                position = window.skip(position + 1)
            elif window.text.startswith("]", position):
                position += 1
                break
            else:
                raise window.error("Expecting ',' delimiter", position)
    position = window.skip(position)
    if position != len(window.text):
        raise window.error("Extra data", position)


class _Window:
    """The part of the payload being read, as text; ``lines``/``column`` say where it starts."""

    def __init__(self, data: bytes | str, encoding: str | None = None) -> None:
        self.data = data
        self.offset = 0
        self.decoder = codecs.getincrementaldecoder(encoding or "utf-8")("strict")
        self.text = ""
        self.lines = 0  # newlines before the window
        self.column = 0  # characters between the last of them and the window
        if isinstance(data, str):
            self.text, self.offset = data, len(data)
        else:
            self.fill(CHUNK)

    @property
    def more(self) -> bool:
        return self.offset < len(self.data)

    def fill(self, size: int | None) -> None:
        """Decode ``size`` more bytes (all the rest if ``None``)."""
        if isinstance(self.data, str):
            return  # all there already
        end = len(self.data) if size is None else min(self.offset + size, len(self.data))
        chunk = self.data[self.offset : end]
        self.offset = end
        try:
            self.text += self.decoder.decode(chunk, final=not self.more)
        except UnicodeDecodeError as exc:
            raise PayloadError(f"not UTF-8 text ({exc.reason})", self.lines + 1, 1) from exc

    def grow(self) -> None:
        self.fill(max(CHUNK, len(self.text)))

    def keep(self, position: int) -> int:
        """Drop what is before ``position`` once it is most of the window; the new position."""
        if position > CHUNK // 2 and position > len(self.text) // 2:
            dropped = self.text[:position]
            newlines = dropped.count("\n")
            self.lines += newlines
            last = dropped.rfind("\n")
            self.column = self.column + len(dropped) if newlines == 0 else len(dropped) - last - 1
            self.text = self.text[position:]
            position = 0
        if self.more and len(self.text) - position < CHUNK // 2:
            self.fill(CHUNK)
        return position

    def skip(self, position: int) -> int:
        """The position of the next non-blank character (reading on as needed)."""
        while True:
            position = _SPACE.match(self.text, position).end()  # type: ignore[union-attr]
            if position < len(self.text) or not self.more:
                return position
            position = self.keep(position)

    def maybe_cut(self, exc: json.JSONDecodeError) -> bool:
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self.text) - MARGIN

    def error(self, msg: str, position: int) -> PayloadError:
        before = self.text[:position]
        newlines = before.count("\n")
        column = position - before.rfind("\n") if newlines else self.column + position + 1
        return PayloadError(msg, self.lines + newlines + 1, column)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")
