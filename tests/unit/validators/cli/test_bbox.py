"""enti-bbox: readable output, exit codes 0/1/2, one-line errors (no CKAN)."""

import json

from enti.validators.cli.bbox import main
from tests.unit.testdata import AZORES


def test_azores_file_is_reprojected_and_in_portugal(capsys):
    assert main([str(AZORES)]) == 0
    out = capsys.readouterr().out
    assert "EPSG:5014 -> WGS84 W -31.26" in out and "(em Portugal)" in out


def test_swapped_coordinates_are_named(tmp_path, capsys):
    swapped = tmp_path / "swapped.geojson"
    swapped.write_text(json.dumps({"type": "Point", "coordinates": [38.72, -9.14]}))
    assert main(["--lang", "en", str(swapped)]) == 1
    assert "latitude and longitude look swapped" in capsys.readouterr().out


def test_unreadable_input_is_one_line_and_exit_2(tmp_path, capsys):
    broken = tmp_path / "broken.geojson"
    broken.write_text("not json")
    empty = tmp_path / "empty.geojson"
    empty.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    assert main([str(broken), str(empty), str(tmp_path / "missing.geojson")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("enti-bbox: ") for line in err)
    assert "Traceback" not in "\n".join(err)
