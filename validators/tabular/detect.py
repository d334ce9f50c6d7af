"""What a table file is before it is parsed: emptiness, zip safety, encoding, CSV dialect.

Everything here reads the file in bounded chunks, so memory does not grow with its size.
Portuguese publishers often export ISO-8859-1 or Windows-1252 with ``;`` and decimal commas;
the encoding scan looks at every byte (not a sample), so an accent on line 900,000 still counts.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHUNK = 1 << 20
SAMPLE_BYTES = 64 * 1024
SAMPLE_LINES = 200
DELIMITERS = (";", ",", "\t", "|")
WESTERN_LANGS = ("pt", "es", "fr", "it", "de", "en", "nl", "ca", "gl")

# Codec used to read a file that mixes UTF-8 with single-byte text: bad bytes become U+FFFD.
REPLACING_UTF8 = "enti_utf_8_replace"

_HIGH = bytes(range(0x80, 0x100))
_UTF8_LEADS = bytes(range(0xC2, 0xF5))
_C1 = bytes(range(0x80, 0xA0))
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # no character in Windows-1252
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_DOT_DECIMAL = re.compile(r"[+-]?\d+\.\d+")


@dataclass(frozen=True)
class ZipLimits:
    """Caps applied to XLSX and ODS (zip) files before any parser opens them."""

    max_uncompressed: int = 512 * 1024 * 1024  # bytes, all members together
    max_ratio: float = 100.0  # uncompressed / compressed, per member (Apache POI's default)
    max_members: int = 10_000
    grace: int = 100 * 1024  # members smaller than this are not ratio-checked


@dataclass(frozen=True)
class ZipVerdict:
    ok: bool
    reason: str = ""  # "size", "ratio", "members" or "corrupt"
    uncompressed: int = 0
    ratio: float = 0.0


@dataclass(frozen=True)
class EncodingScan:
    encoding: str  # the name to report ("utf-8", "iso-8859-1", "windows-1252" …)
    codec: str  # the codec to read with (differs from ``encoding`` for mixed files)
    mixed: bool = False  # UTF-8 text with stray non-UTF-8 bytes


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal_char: str


def is_empty(path: Path) -> bool:
    """True when the file has no content at all (nothing, or only a BOM and whitespace)."""
    if path.stat().st_size > 4096:
        return False
    data = path.read_bytes()
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        data = data.removeprefix(bom)
    return not data.replace(b"\x00", b"").strip()


def check_zip(path: Path, limits: ZipLimits) -> ZipVerdict:
    """Refuse zip bombs by the sizes the archive declares (Python's zipfile never inflates a
    member past its declared size, so the declaration bounds what a parser can be made to read).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return ZipVerdict(False, "corrupt")
    total = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    ratio = total / compressed
    if len(members) > limits.max_members:
        return ZipVerdict(False, "members", total, ratio)
    if total > limits.max_uncompressed:
        return ZipVerdict(False, "size", total, ratio)
    for member in members:
        if member.file_size > limits.grace:
            member_ratio = member.file_size / max(member.compress_size, 1)
            if member_ratio > limits.max_ratio:
                return ZipVerdict(False, "ratio", total, member_ratio)
    return ZipVerdict(True, "", total, ratio)


def scan_encoding(path: Path, lang_hint: str | None = None) -> EncodingScan:
    """Decide the encoding from every byte of the file, in one streaming pass.

    UTF-8 when every byte decodes; a file that is mostly valid UTF-8 but has stray bytes is
    *mixed* (reported line by line by :func:`undecodable_lines`); otherwise a single-byte
    Western encoding — Windows-1252 when bytes 0x80–0x9F (€, “”, –) occur, ISO-8859-1 when not
    — unless ``lang_hint`` names a non-Western language, in which case chardet decides.
    """
    head = _read_head(path, 4)
    if head.startswith(codecs.BOM_UTF8):
        return EncodingScan("utf-8-sig", "utf-8-sig")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingScan("utf-16", "utf-16")
    valid = invalid = c1 = 0
    undefined = False
    for block in _line_blocks(path):
        if len(block.translate(None, _HIGH)) == len(block):
            continue  # ASCII only
        try:
            block.decode("utf-8")
            valid += len(block) - len(block.translate(None, _UTF8_LEADS))
        except UnicodeDecodeError:
            text = block.decode("utf-8", "replace")
            bad = text.count("\ufffd")
            invalid += bad
            valid += len(text) - len(text.encode("ascii", "ignore")) - bad
            c1 += len(block) - len(block.translate(None, _C1))
            undefined = undefined or len(block.translate(None, _CP1252_UNDEFINED)) < len(block)
    if not invalid:
        return EncodingScan("utf-8", "utf-8")
    if valid >= 3 and valid >= 0.02 * (valid + invalid):
        return EncodingScan("utf-8", REPLACING_UTF8, mixed=True)
    lang = (lang_hint or "pt").lower()[:2]
    if lang not in WESTERN_LANGS:
        guessed = _chardet_guess(path)
        if guessed:
            return EncodingScan(guessed, guessed)
    if c1 and not undefined:
        return EncodingScan("windows-1252", "windows-1252")
    return EncodingScan("iso-8859-1", "iso-8859-1")


def undecodable_lines(path: Path) -> Iterator[int]:
    """Yield the 1-based numbers of the lines holding bytes that are not valid UTF-8."""
    line = 1
    for block in _line_blocks(path):
        try:
            block.decode("utf-8")
        except UnicodeDecodeError:
            for number, text in enumerate(block.split(b"\n"), start=line):
                try:
                    text.decode("utf-8")
                except UnicodeDecodeError:
                    yield number
        line += block.count(b"\n")


def sniff_dialect(path: Path, codec: str, *, tsv: bool = False) -> Dialect:
    """Delimiter (the candidate giving the most consistent column count over the first lines,
    header included) and decimal character (``,`` when comma decimals outnumber dot ones)."""
    with open(path, encoding=codec, errors="replace", newline="") as handle:
        text = handle.read(SAMPLE_BYTES)
    lines = text.splitlines(keepends=True)
    if len(text) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    lines = lines[:SAMPLE_LINES]
    delimiter = "\t" if tsv else _best_delimiter(lines)
    commas = dots = 0
    for record in csv.reader(lines, delimiter=delimiter):
        for cell in record:
            cell = cell.strip()
            if _COMMA_DECIMAL.fullmatch(cell):
                commas += 1
            elif _DOT_DECIMAL.fullmatch(cell):
                dots += 1
    return Dialect(delimiter, "," if commas > dots else ".")


def _best_delimiter(lines: list[str]) -> str:
    best, best_score = ",", (0.0, 0)
    for candidate in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=candidate) if r]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (counts.count(mode) / len(counts) + (counts[0] == mode), mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_head(path: Path, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _line_blocks(path: Path) -> Iterator[bytes]:
    """Chunks of about ``CHUNK`` bytes, each ending at a line break (or at the end of file)."""
    carry = b""
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            data = carry + chunk
            cut = data.rfind(b"\n")
            if cut < 0:
                carry = data
                continue
            carry = data[cut + 1 :]
            yield data[: cut + 1]
    if carry:
        yield carry


def _chardet_guess(path: Path) -> str | None:
    import chardet  # frictionless depends on it; only non-Western hints need it

    with open(path, "rb") as handle:
        result = chardet.detect(handle.read(SAMPLE_BYTES))
    name = result.get("encoding")
    if not name:
        return None
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return f"windows-{name[2:]}" if name.startswith("cp125") else name


class _ReplacingDecoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, input: Any, errors: str, final: bool) -> tuple[str, int]:
        return codecs.utf_8_decode(input, "replace", final)


def _search(name: str) -> codecs.CodecInfo | None:
    if name != REPLACING_UTF8:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=REPLACING_UTF8,
        encode=utf8.encode,
        decode=lambda data, errors="replace": codecs.utf_8_decode(data, "replace", True),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_ReplacingDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


def column_words(name: str) -> str:
    """A column name folded for matching: ASCII, lower case, words joined by ``_``
    (``"Coordenada X (PT-TM06)"`` → ``coordenada_x_pt_tm06``)."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")
