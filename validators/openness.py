"""Openness: is a file's format non-proprietary and machine-readable, and is its licence open?

The facts follow data.europa.eu's metadata quality assessment (MQA), which scores a distribution's
format against two lists (``edp-non-proprietary-format.rdf``, ``edp-machine-readable-format.rdf``)
kept as ``non_proprietary`` / ``machine_readable`` in ``schemas/vocabularies/file-type.yaml``: a PDF
is not machine-readable, XLS is machine-readable but proprietary, CSV and JSON are both. A few open
standards the lists leave out (GeoPackage, Parquet, GML, GeoTIFF, and TSV for machine-readability)
carry ``practice_*`` flags there: :class:`Openness` reports the open-in-practice facts and, apart,
what the MQA will count (``mqa_*``), and warns when the two differ so the publisher can add a listed
format. Every finding is a warning that names an open alternative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from enti.schemas.reference.vocabularies import Term, vocabulary
from enti.schemas.reference.vocabularies import licence as licence_term
from enti.validators.messages import Message
from enti.validators.report import WARNING, Finding, ValidationReport

EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"
CC_BY = EU_LICENCE + "CC_BY_4_0"

# Common names of formats, normalised (upper case, words joined by _), to EU file-type codes.
ALIASES = {
    "EXCEL": "XLSX", "MS_EXCEL": "XLSX", "XLSM": "XLSX", "WORD": "DOCX", "SHAPEFILE": "SHP",
    "ESRI_SHAPEFILE": "SHP", "GEOPACKAGE": "GPKG", "GEO_JSON": "GEOJSON", "JSONLD": "JSON_LD",
    "RDF": "RDF_XML", "TURTLE": "RDF_TURTLE", "TTL": "RDF_TURTLE", "N_TRIPLES": "RDF_N_TRIPLES",
    "NTRIPLES": "RDF_N_TRIPLES", "N_QUADS": "RDF_N_QUADS", "TRIG": "RDF_TRIG", "TEXT": "TXT",
    "PLAIN_TEXT": "TXT", "WEB_PAGE": "HTML", "HTM": "HTML", "JPG": "JPEG", "JP2": "JPEG2000",
    "TIF": "TIFF", "GEO_TIFF": "GEOTIFF", "NC": "NETCDF", "GZ": "GZIP", "YML": "YAML",
    "WMS": "WMS_SRVC", "WFS": "WFS_SRVC", "WMTS": "WMTS_SRVC", "WCS": "WCS_SRVC",
}  # fmt: skip

# What to publish instead of (or besides) a format, for the suggestion in a finding.
ALTERNATIVES = {
    ("XLS", "XLSX"): ("CSV ou ODS", "CSV or ODS"),
    ("DOC", "DOCX", "RTF", "ODT"): (
        "CSV ou JSON, com os dados que o documento contém",
        "CSV or JSON, with the data the document holds",
    ),
    ("PDF",): (
        "CSV ou JSON (tabelas) e GeoJSON (mapas)",
        "CSV or JSON (tables) and GeoJSON (maps)",
    ),
    ("SHP", "DWG", "DXF", "GML", "GPKG"): ("GeoJSON", "GeoJSON"),
    ("HTML", "TXT", "SQL", "YAML", "TSV", "PARQUET"): ("CSV ou JSON", "CSV or JSON"),
    ("GEOTIFF",): ("NetCDF", "NetCDF"),
    ("JPEG", "PNG", "TIFF", "BMP", "JPEG2000"): (
        "CSV com os valores que a imagem mostra",
        "CSV with the values the image shows",
    ),
    ("WMS_SRVC", "WMTS_SRVC", "MAP_SRVC", "WFS_SRVC", "WCS_SRVC"): (
        "GeoJSON para descarregar",
        "downloadable GeoJSON",
    ),
}
ARCHIVES = {"ZIP", "GZIP", "TAR"}
# Licences outside the vocabulary whose openness is known (CKAN ids, SPDX ids, words in URIs).
OPEN_LICENCES = {"other-open", "other-pd", "other-at", "gfdl", "uk-ogl", "odc-odbl", "cc-zero"}
CLOSED_LICENCES = {"other-closed", "other-nc", "cc-nc", "notspecified"}
_OPEN_PATTERN = re.compile(
    r"^(CC[-_ ]?BY([-_ ]?SA)?([-_ ]?\d|$)|CC0|CC[-_]PDM|ODC|ODBL|PDDL)", re.I
)
_CLOSED_PATTERN = re.compile(r"(BY[-_]?NC|BY[-_]?ND|NON[-_ ]?COMMERCIAL|NO[-_ ]?DERIV)", re.I)
_CC_URL = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/", re.I)


@dataclass
class Openness:
    """The openness facts of one distribution (format + licence)."""

    format: str | None  # EU file-type code, None when the format is not recognised
    format_uri: str | None
    non_proprietary: bool | None  # open in practice; None when the format is unknown
    machine_readable: bool | None
    mqa_non_proprietary: bool  # on data.europa.eu's list: what its MQA counts
    mqa_machine_readable: bool
    open_licence: bool | None  # None when the licence is missing or not recognised
    licence: str | None  # EU licence URI when recognised
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "findings"}


@cache
def _format_index() -> tuple[dict[str, Term], dict[str, Term]]:
    """File-type terms by file extension and by media type."""
    by_ext: dict[str, Term] = {}
    by_mime: dict[str, Term] = {}
    for term in vocabulary("file-type").terms:
        for ext in term.extra.get("extensions", []):
            by_ext.setdefault(ext, term)
        for key in ("mimetype", "mediatype"):
            if term.extra.get(key):
                by_mime.setdefault(str(term.extra[key]).lower(), term)
    return by_ext, by_mime


def file_type(value: str | None, mimetype: str | None = None) -> Term | None:
    """The EU file-type term for a format code or URI (``CSV``, ``csv``, ``JSON-LD``, ``Excel``),
    a file name or download URL (``dados.xlsx``, ``…/mapa.geojson?x=1``) or, failing those, a
    media type (``text/csv; charset=utf-8``)."""
    types = vocabulary("file-type")
    by_ext, by_mime = _format_index()
    text = (value or "").strip()
    if text:
        code = re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")
        term = types.get(text) or types.get(code) or types.get(ALIASES.get(code, ""))
        if term:
            return term
        name = PurePosixPath(urlparse(text).path if "://" in text else text).name.lower()
        ext = name.rsplit(".", 1)[-1] if "." in name else name
        term = by_ext.get(ext) or types.get(ALIASES.get(ext.upper(), ""))
        if term:
            return term
    mime = (mimetype or "").split(";")[0].strip().lower()
    return by_mime.get(mime) or by_mime.get(f"http://www.iana.org/assignments/media-types/{mime}")


def licence_openness(licence: str | None) -> tuple[bool | None, str | None]:
    """(open?, EU URI) of a licence given as EU URI or code, SPDX id, CKAN id or licence URL;
    ``(None, None)`` when it is missing or not recognised."""
    text = (licence or "").strip()
    if not text:
        return None, None
    term = licence_term(text)
    if term:
        return bool(term.extra.get("open", False)), term.uri
    uri = text if text.startswith(EU_LICENCE) else None
    cc = _CC_URL.search(text)
    if cc:  # creativecommons.org/licenses/by-nc/3.0/pt/, …/publicdomain/zero/1.0/
        return cc.group(2).lower() in {"by", "by-sa", "zero", "mark"}, None
    name = text.removeprefix(EU_LICENCE)
    if text.lower() in CLOSED_LICENCES or _CLOSED_PATTERN.search(name):
        return False, uri
    if text.lower() in OPEN_LICENCES or _OPEN_PATTERN.match(name):
        return True, uri
    return None, None


def _alternative(code: str) -> tuple[str, str]:
    for codes, alternative in ALTERNATIVES.items():
        if code in codes:
            return alternative
    return "CSV, JSON ou GeoJSON", "CSV, JSON or GeoJSON"


def _format_findings(term: Term | None, given: str, result: Openness) -> list[Finding]:
    if term is None:
        return [_warn("unknown-format", given=given)]
    if term.code in ARCHIVES:
        return [_warn("archive-format", fmt=term.code)]
    alt = Message(*_alternative(term.code))
    found = []
    if not result.machine_readable:
        found.append(_warn("not-machine-readable", fmt=term.code, alt=alt))
    if not result.non_proprietary:
        found.append(_warn("proprietary-format", fmt=term.code, alt=alt))
    open_in_practice = result.machine_readable and result.non_proprietary
    if open_in_practice and not (result.mqa_machine_readable and result.mqa_non_proprietary):
        found.append(_warn("not-on-mqa-list", fmt=term.code, alt=alt))
    return found


def _licence_findings(licence: str | None, is_open: bool | None) -> list[Finding]:
    if not (licence or "").strip():
        return [_warn("missing-licence", uri=CC_BY)]
    if is_open is False:
        return [_warn("closed-licence", licence=licence, uri=CC_BY)]
    if is_open is None:
        return [_warn("unknown-licence", licence=licence, uri=CC_BY)]
    return []


def assess(
    fmt_or_filename: str, licence: str | None = None, mimetype: str | None = None
) -> Openness:
    """The openness of a distribution from its format (code, URI, file name or URL; the media
    type is used when the format says nothing) and its licence."""
    term = file_type(fmt_or_filename, mimetype)
    extra = term.extra if term else {}
    mqa_np, mqa_mr = bool(extra.get("non_proprietary")), bool(extra.get("machine_readable"))
    is_open, licence_uri = licence_openness(licence)
    result = Openness(
        format=term.code if term else None,
        format_uri=term.uri if term else None,
        non_proprietary=bool(extra.get("practice_non_proprietary", mqa_np)) if term else None,
        machine_readable=bool(extra.get("practice_machine_readable", mqa_mr)) if term else None,
        mqa_non_proprietary=mqa_np,
        mqa_machine_readable=mqa_mr,
        open_licence=is_open,
        licence=licence_uri,
    )
    result.findings = _format_findings(term, fmt_or_filename, result)
    declared = file_type(None, mimetype) if mimetype else None
    if term and declared and declared.extra.get("mimetype") != term.extra.get("mimetype"):
        result.findings.append(_warn("format-mismatch", fmt=term.code, mime=mimetype))
    result.findings += _licence_findings(licence, is_open)
    return result


def openness_report(
    fmt_or_filename: str,
    licence: str | None = None,
    mimetype: str | None = None,
    *,
    source: str = "",
) -> ValidationReport:
    """:func:`assess` as a report (``kind="openness"``): its findings, the facts in ``stats``."""
    result = assess(fmt_or_filename, licence, mimetype)
    report = ValidationReport(kind="openness", source=source or fmt_or_filename)
    report.findings = list(result.findings)
    report.stats = result.as_dict()
    return report


def _warn(type_: str, **values: Any) -> Finding:
    """A warning of type ``type_`` with its message from :data:`_TEXTS`."""
    pt, en = _TEXTS[type_]
    return Finding(
        type_,
        Message(
            pt=pt.format(**{k: v.pt if isinstance(v, Message) else v for k, v in values.items()}),
            en=en.format(**{k: v.en if isinstance(v, Message) else v for k, v in values.items()}),
        ),
        WARNING,
    )


_TEXTS = {
    "unknown-format": (
        "O formato «{given}» não foi reconhecido: indique-o com um termo do vocabulário de "
        "formatos da UE (p. ex. CSV, GeoJSON ou o URI "
        "http://publications.europa.eu/resource/authority/file-type/CSV)",
        "The format «{given}» was not recognised: give it as a term of the EU file-type "
        "vocabulary (e.g. CSV, GeoJSON or the URI "
        "http://publications.europa.eu/resource/authority/file-type/CSV)",
    ),
    "archive-format": (
        "{fmt} é um arquivo: a avaliação de qualidade não o conta como legível por máquina; "
        "publique também os ficheiros descomprimidos (p. ex. CSV) ou indique o formato do "
        "conteúdo no formato e o do arquivo em «formato de compressão/empacotamento»",
        "{fmt} is an archive: the quality assessment does not count it as machine-readable; "
        "also publish the files uncompressed (e.g. CSV) or give the content's format as the "
        "format and the archive's as the compression/packaging format",
    ),
    "not-machine-readable": (
        "{fmt} não é legível por máquina: publique também os dados em {alt}",
        "{fmt} is not machine-readable: also publish the data as {alt}",
    ),
    "proprietary-format": (
        "{fmt} é um formato proprietário: publique também em {alt}",
        "{fmt} is a proprietary format: also publish it as {alt}",
    ),
    "not-on-mqa-list": (
        "{fmt} é um formato aberto, mas a avaliação de qualidade do data.europa.eu ainda não o "
        "conta como aberto e legível por máquina: publique também em {alt} para pontuar",
        "{fmt} is an open format, but data.europa.eu's quality assessment does not yet count "
        "it as open and machine-readable: also publish it as {alt} to score",
    ),
    "format-mismatch": (
        "O tipo de media «{mime}» não corresponde ao formato {fmt}: corrija um dos dois",
        "The media type «{mime}» does not match the format {fmt}: correct one of them",
    ),
    "missing-licence": (
        "Indique a licença: para dados abertos use p. ex. CC BY 4.0 ({uri})",
        "Give the licence: for open data use e.g. CC BY 4.0 ({uri})",
    ),
    "closed-licence": (
        "A licença «{licence}» não é aberta (limita o uso comercial ou as obras derivadas): "
        "use p. ex. CC BY 4.0 ({uri}) ou CC0",
        "The licence «{licence}» is not open (it restricts commercial use or derivative works): "
        "use e.g. CC BY 4.0 ({uri}) or CC0",
    ),
    "unknown-licence": (
        "A licença «{licence}» não foi reconhecida: use o URI de uma licença do vocabulário da "
        "UE, p. ex. {uri}",
        "The licence «{licence}» was not recognised: use the URI of a licence of the EU "
        "vocabulary, e.g. {uri}",
    ),
}
