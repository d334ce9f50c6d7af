"""``enti-validate`` (:mod:`enti.validators.cli.validate`, no CKAN): bad usage, the CNMD examples
table, ``--dcat`` with readable findings, exit codes 0/1/2 and one-line errors; hostile RDF/XML
refused in one line."""

import time

import pytest
from rdflib import Graph

from enti.schemas import path
from enti.validators.cli.validate import main
from tests.unit.testdata import BEE, LAUGHS, xxe_copy


def test_violation_is_reported_with_exit_1(capsys):
    assert main(["--dcat", str(BEE), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "8 violation(s)" in out and "publisher: Value does not have class foaf:Agent" in out
    assert "ENTI: a dataset needs a contact point" in out


def test_conforming_document_exits_0(tmp_path, capsys):
    doc = tmp_path / "ok.ttl"
    doc.write_text(
        "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
        '<https://dados.example/d/1> a dcat:Dataset ; dct:title "T"@pt ; dct:description "D"@pt .\n'
    )
    assert main(["--dcat", str(doc), "--no-enti"]) == 0
    assert "conforme com o DCAT-AP 3.0.1" in capsys.readouterr().out


def test_unreadable_inputs_are_one_line_each_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle at all")
    assert (
        main(["--dcat", str(bad), str(tmp_path / "missing.ttl"), "http://127.0.0.1:9/x.ttl"]) == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("enti-validate: ") for line in err)
    assert "non-public address" in err[2]


def test_bad_usage_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("enti-validate:")


def test_cnmd_examples_summary_table(capsys):
    assert main(["--cnmd-examples", str(path("cnmd"))]) == 0
    out = capsys.readouterr().out
    assert "Streetlight" in out and "WasteContainer" in out and "total" in out
    assert main(["--cnmd-examples", "/nao/existe"]) == 2


def test_cli_refuses_billion_laughs_in_one_line(capsys):
    started = time.monotonic()
    assert main(["--dcat", str(LAUGHS), "--lang", "en"]) == 2
    assert time.monotonic() - started < 5
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("enti-validate: refused ")
    assert "«lol0»" in lines[0] and "Traceback" not in captured.err
    assert "lollol" not in captured.out + captured.err


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "file-uri"])
def test_cli_refuses_xxe_and_never_prints_the_file(tmp_path, capsys, absolute):
    document, marker = xxe_copy(tmp_path, absolute)
    assert main(["--dcat", str(document)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "«host»" in lines[0] and "Traceback" not in captured.err
    assert marker not in captured.out + captured.err


def test_cli_still_reads_plain_rdf_xml(tmp_path, capsys):
    document = tmp_path / "bee.rdf"
    document.write_text(Graph().parse(BEE).serialize(format="xml"), encoding="utf-8")
    assert main(["--dcat", str(document), "--lang", "en"]) == 1
    assert "8 violation(s)" in capsys.readouterr().out
