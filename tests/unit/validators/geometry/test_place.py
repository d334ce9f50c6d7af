"""What the geometry validators share (:mod:`enti.validators.geometry.place`), seen through GeoJSON:
the CRS declared or found by ranges (undeclared, unknown, mismatched), points outside Portugal or
swapped, findings beyond the limit counted."""

import numpy as np
import pytest

from enti.validators.geometry.coordinates import crs_candidates
from enti.validators.geometry.geojson import validate_geojson

from .places import FLORES_CORVO, MADRID, MAINLAND, feature_collection, projected, types


def test_datum73_grid_cannot_be_told_from_pt_tm06_and_is_offered_as_an_alternative():
    # Datum 73 / Modified Portuguese Grid and PT-TM06 differ by about 200 m: ranges fit both.
    x, y = projected(MAINLAND, 27493)
    assert [code for code, _ in crs_candidates(x, y)] == ["EPSG:3763", "EPSG:27493"]
    report = validate_geojson(feature_collection(np.column_stack([x, y]).tolist()))
    assert report.crs == "EPSG:3763" and "undeclared-crs" in types(report)
    assert "também compatíveis com EPSG:27493" in report.findings[0].message.pt


def test_coordinates_fitting_no_portuguese_crs_are_an_unknown_crs():
    x, y = projected(MAINLAND, 32633)  # UTM 33N: central Europe's zone, far from Portugal
    report = validate_geojson(feature_collection(np.column_stack([x, y]).tolist()))
    assert types(report) == ["unknown-crs"] and report.crs is None and report.bbox is None
    assert "publique em WGS84" in report.findings[0].message.pt


def test_geojson_in_pt_tm06_without_declaration_is_an_error_but_still_gets_its_bbox():
    x, y = projected(MAINLAND, 3763)
    report = validate_geojson(feature_collection(np.column_stack([x, y]).tolist()))
    assert not report.valid and report.crs == "EPSG:3763"
    assert "reproject to EPSG:4326" in report.findings[0].message.en
    assert report.bbox == pytest.approx((-9.1365, 37.016, -6.7567, 41.8061), abs=1e-6)


def test_unreadable_crs_member_is_reported_and_ranges_take_over():
    x, y = projected(FLORES_CORVO, 5014)
    doc = feature_collection(np.column_stack([x, y]).tolist(), crs="Hayford-Gauss local")
    report = validate_geojson(doc)
    assert types(report)[:2] == ["unknown-crs", "undeclared-crs"] and report.crs == "EPSG:5014"


def test_declared_crs_the_coordinates_do_not_fit_is_a_mismatch():
    doc = feature_collection(MAINLAND, crs="EPSG:3763")  # says PT-TM06, holds degrees
    report = validate_geojson(doc)
    assert "crs-mismatch" in types(report) and report.crs == "EPSG:4326"
    mismatch = report.findings[types(report).index("crs-mismatch")]
    assert "EPSG:3763 (PT-TM06/ETRS89)" in mismatch.message.en
    assert report.bbox == pytest.approx((-9.1365, 37.016, -6.7567, 41.8061))


def test_swapped_latitude_and_longitude_are_flagged_per_feature():
    points = [list(p) for p in MAINLAND[:3]]
    points.insert(1, [41.1496, -8.6109])  # Porto, written lat, lon
    report = validate_geojson(feature_collection(points))
    (finding,) = report.findings
    assert finding.type == "swapped-coordinates" and finding.feature == 1
    assert finding.severity == "error" and not report.valid
    assert "[longitude, latitude]" in finding.message.pt
    # The swapped point counts where it belongs: Porto is the northern edge of the coverage.
    assert report.bbox[3] == pytest.approx(41.1496)


def test_a_point_in_spain_is_outside_portugal():
    report = validate_geojson(feature_collection([MAINLAND[0], MADRID]))
    (finding,) = report.findings
    assert finding.type == "outside-portugal" and finding.feature == 1
    assert "fora de Portugal (-3.7038, 40.4168)" in finding.message.pt
    assert report.bbox == pytest.approx((-9.1365, 38.7077, -9.1365, 38.7077))


def test_projected_points_outside_are_shown_in_wgs84_too():
    x, y = projected([MAINLAND[0], MADRID], 3763)
    doc = feature_collection(np.column_stack([x, y]).tolist(), crs="EPSG:3763")
    finding = validate_geojson(doc).findings[-1]
    assert finding.type == "outside-portugal" and "lon -3.70380, lat 40.41680" in finding.message.en


def test_findings_beyond_the_limit_are_counted_not_kept():
    report = validate_geojson(feature_collection([MADRID] * 2500), max_findings=10)
    assert len(report.findings) == 10 and report.truncated
    assert report.stats["finding_counts"]["outside-portugal"] == 2500
