"""Coordinates in CSV files (:mod:`enti.validators.geometry.points_csv`): the columns found by
their Portuguese or English names, the CRS from the header or by ranges, problems by row."""

import pytest

from enti.validators.geometry.points_csv import coordinate_columns, validate_coordinates_csv
from tests.unit.testdata import DATA

from .places import GEOM, MAINLAND, projected, types


def test_csv_with_semicolons_and_decimal_commas_is_read():
    report = validate_coordinates_csv(GEOM / "sedes-concelho-wgs84.csv")
    assert report.valid and report.findings == [] and report.crs == "EPSG:4326"
    assert report.stats["delimiter"] == ";" and report.stats["rows_with_coordinates"] == 15
    assert (report.stats["x_column"], report.stats["y_column"]) == ("Longitude", "Latitude")
    assert report.bbox == pytest.approx((-31.1264, 32.6496, -6.7567, 41.8061))


def test_csv_problems_are_reported_by_row(tmp_path):
    lines = (GEOM / "sedes-concelho-wgs84.csv").read_text(encoding="utf-8").splitlines()
    lines += [
        "Madrid;40,4168;-3,7038",
        "Porto trocado;-8,6109;41,1496",
        "Sem local;;",
        "Erro;38,7;abc",
    ]
    path = tmp_path / "sedes.csv"
    path.write_text("\n".join(lines), encoding="cp1252")
    report = validate_coordinates_csv(path)
    found = {(f.row, f.type) for f in report.findings}
    assert found == {
        (17, "outside-portugal"),
        (18, "swapped-coordinates"),
        (19, "missing-coordinates"),
        (20, "invalid-geometry"),
    }
    swapped = next(f for f in report.findings if f.type == "swapped-coordinates")
    assert "troque os valores das colunas «Longitude» e «Latitude»" in swapped.message.pt
    assert report.encoding == "cp1252"


def test_csv_in_ptra08_from_real_caop_vertices_is_detected_and_told_to_declare():
    report = validate_coordinates_csv(GEOM / "flores-corvo-vertices-ptra08.csv")
    assert report.crs == "EPSG:5014" and report.valid  # undeclared in a CSV: a warning
    assert types(report) == ["undeclared-crs"] and report.findings[0].severity == "warning"
    west, south, east, north = report.bbox
    assert -31.3 < west < east < -31.0 and 39.3 < south < north < 39.8


def test_csv_header_may_name_the_epsg_code(tmp_path):
    x, y = projected(MAINLAND, 20790)
    rows = "\n".join(f"{a:.2f},{b:.2f}" for a, b in zip(x, y, strict=True))
    path = tmp_path / "militares.csv"
    path.write_text(f"x_epsg20790,y_epsg20790\n{rows}\n")
    report = validate_coordinates_csv(path)
    assert report.crs == "EPSG:20790" and report.stats["crs_source"] == "header"
    assert report.findings == []


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (["Município", "Latitude", "Longitude"], (2, 1)),
        (["X", "Y", "Latitude", "Longitude"], (3, 2)),  # degrees preferred
        (["Coordenada X (PT-TM06)", "Coordenada Y (PT-TM06)"], (0, 1)),
        (["GPS Lat", "GPS Long", "long_name"], (1, 0)),
        (["id", "M", "P"], (1, 2)),  # meridiana, perpendicular
        (["Concelho", "Datahora", "M", "FG", "Via", "Km"], None),  # ANSR: M = mortos
    ],
)
def test_coordinate_columns_are_found_by_portuguese_and_english_names(header, columns):
    assert coordinate_columns(header) == columns


def test_pt_tm06_named_in_the_header_is_honoured(tmp_path):
    x, y = projected(MAINLAND, 3763)
    rows = "\n".join(f"{a:.2f};{b:.2f}".replace(".", ",") for a, b in zip(x, y, strict=True))
    path = tmp_path / "pontos.csv"
    path.write_text(f"Coordenada X (PT-TM06);Coordenada Y (PT-TM06)\n{rows}\n")
    report = validate_coordinates_csv(path)
    assert report.crs == "EPSG:3763" and report.findings == []


def test_real_accident_csv_without_coordinates_says_how_to_add_them():
    # ANSR's "M" column is deaths (mortos), not a PT-TM06 M: it needs its P to count.
    report = validate_coordinates_csv(DATA / "Lisboa_2017_24h.csv")
    assert types(report) == ["missing-coordinates"] and report.encoding == "cp1252"
    assert "latitude e longitude" in report.findings[0].message.pt
