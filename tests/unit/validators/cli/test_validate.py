"""enti-validate --dcat: readable findings, exit codes 0/1/2, one-line errors (no CKAN)."""

from enti.validators.cli.validate import main
from tests.unit.testdata import BEE


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
