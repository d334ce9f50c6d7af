"""Openness of a distribution: format (MQA lists) and licence (no CKAN)."""

import json

import pytest

from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.openness import assess, file_type, licence_openness, openness_report

EU = "http://publications.europa.eu/resource/authority/"


@pytest.mark.parametrize(
    ("given", "code", "non_proprietary", "machine_readable"),
    [
        ("relatorio.pdf", "PDF", False, False),
        ("dados.xls", "XLS", False, True),
        ("CSV", "CSV", True, True),
        ("json", "JSON", True, True),
        ("https://dados.cm-lisboa.pt/mapa.geojson?v=2", "GEOJSON", True, True),
        ("freguesias.gpkg", "GPKG", True, True),
        ("ODS", "ODS", True, True),
        ("contagens.parquet", "PARQUET", True, True),
        ("Excel", "XLSX", False, True),
        ("ESRI Shapefile", "SHP", False, True),
        ("RDF/XML", "RDF_XML", True, True),
        (EU + "file-type/JSON_LD", "JSON_LD", True, True),
    ],
)
def test_formats_are_judged_as_the_issue_lists(given, code, non_proprietary, machine_readable):
    result = assess(given, licence="CC-BY-4.0")
    assert result.format == code and result.format_uri == EU + "file-type/" + code
    assert (result.non_proprietary, result.machine_readable) == (non_proprietary, machine_readable)


def test_xls_is_told_to_publish_also_in_csv_or_ods():
    (finding,) = assess("orcamento.xls", licence="CC-BY-4.0").findings
    assert finding.type == "proprietary-format" and finding.severity == "warning"
    assert "publique também em CSV ou ODS" in finding.message.pt
    assert "also publish it as CSV or ODS" in finding.message.en


def test_pdf_is_neither_and_says_what_to_publish_instead():
    result = assess("relatorio.pdf", licence="CC-BY-4.0")
    assert [f.type for f in result.findings] == ["not-machine-readable", "proprietary-format"]
    assert "CSV ou JSON (tabelas)" in result.findings[0].message.pt


def test_open_formats_missing_from_the_mqa_lists_are_flagged_for_the_score():
    # GeoPackage is an OGC standard, but data.europa.eu's lists do not (yet) name it: the
    # publisher learns both facts and how to score.
    result = assess("freguesias.gpkg", licence="CC-BY-4.0")
    assert result.non_proprietary and result.machine_readable
    assert not result.mqa_non_proprietary and not result.mqa_machine_readable
    (finding,) = result.findings
    assert finding.type == "not-on-mqa-list" and "GeoJSON" in finding.message.pt


def test_mqa_flags_follow_the_lists_literally():
    types = vocabulary("file-type")
    # Every format on the copied MQA machine-readable list is in the vocabulary and flagged.
    listed = ["CSV", "GEOJSON", "ICS", "JSON", "JSON_LD", "KML", "KMZ", "NETCDF", "ODS", "RDFA",
              "RDF_N_QUADS", "RDF_N_TRIPLES", "RDF_TRIG", "RDF_TURTLE", "RDF_XML", "RSS", "SHP",
              "XLS", "XLSX", "XML"]  # fmt: skip
    assert all(types.get(code).extra["machine_readable"] for code in listed)
    flagged = {t.code for t in types.terms if t.extra.get("machine_readable")}
    assert flagged == set(listed)
    assert {"BMP", "RTF", "RDF_TRIG"} <= {t.code for t in types.terms if t.extra["non_proprietary"]}


def test_archives_and_unknown_formats():
    archive = assess("dados.csv.zip", licence="CC-BY-4.0")
    assert archive.format == "ZIP" and archive.machine_readable is False
    assert [f.type for f in archive.findings] == ["archive-format"]
    unknown = assess("export.sav", licence="CC-BY-4.0")
    assert unknown.format is None and unknown.non_proprietary is None
    assert unknown.findings[0].type == "unknown-format"
    assert "file-type/CSV" in unknown.findings[0].message.en


def test_media_type_is_used_when_the_name_says_nothing_and_checked_when_it_does():
    assert file_type("download", "text/csv; charset=utf-8").code == "CSV"
    mismatch = assess("dados.csv", licence="CC-BY-4.0", mimetype="application/vnd.ms-excel")
    assert [f.type for f in mismatch.findings] == ["format-mismatch"]


@pytest.mark.parametrize(
    ("licence", "is_open", "uri"),
    [
        ("CC-BY-4.0", True, EU + "licence/CC_BY_4_0"),
        ("cc-by", True, EU + "licence/CC_BY_4_0"),
        ("https://creativecommons.org/licenses/by/4.0/", True, EU + "licence/CC_BY_4_0"),
        ("odc-odbl", True, EU + "licence/ODC_BL"),
        (EU + "licence/CC_BY_3_0_AT", True, EU + "licence/CC_BY_3_0_AT"),
        ("https://creativecommons.org/licenses/by/3.0/pt/", True, None),
        ("CC-BY-NC-4.0", False, None),
        ("https://creativecommons.org/licenses/by-nd/4.0/deed.pt", False, None),
        ("other-closed", False, None),
        ("Licença da Câmara", None, None),
        (None, None, None),
    ],
)
def test_licences_are_open_closed_or_unknown(licence, is_open, uri):
    assert licence_openness(licence) == (is_open, uri)


def test_licence_findings_say_which_licence_to_use():
    closed = assess("dados.csv", licence="CC-BY-NC-4.0")
    assert closed.open_licence is False and closed.findings[0].type == "closed-licence"
    assert "CC BY 4.0" in closed.findings[0].message.pt
    missing = assess("dados.csv")
    assert missing.open_licence is None and missing.findings[0].type == "missing-licence"
    assert assess("dados.csv", licence="CC-BY-4.0").findings == []


def test_openness_report_carries_the_facts():
    report = openness_report("dados.xlsx", licence="CC-BY-4.0", source="orcamento")
    assert report.kind == "openness" and report.valid  # warnings only
    assert report.stats["format"] == "XLSX" and report.stats["non_proprietary"] is False
    assert report.stats["machine_readable"] is True and report.stats["open_licence"] is True
    assert json.loads(json.dumps(report.to_dict("en")))["warning_count"] == 1
