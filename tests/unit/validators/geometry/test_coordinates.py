"""Coordinates: placement in Portugal, legacy GeoJSON CRS, reprojection (no CKAN)."""

import json

import numpy as np
import pytest

from enti.validators.geometry.coordinates import (
    Placement,
    geojson_bbox_wgs84,
    geojson_epsg,
    place,
    to_wgs84,
)
from tests.unit.testdata import AZORES


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (-9.139, 38.722, Placement.INSIDE),  # Lisboa
        (-16.91, 32.65, Placement.INSIDE),  # Funchal
        (-25.67, 37.74, Placement.INSIDE),  # Ponta Delgada
        (38.722, -9.139, Placement.SWAPPED),
        (2.35, 48.85, Placement.OUTSIDE),  # Paris
    ],
)
def test_points_are_placed(lon, lat, expected):
    assert place(lon, lat) is expected


def test_legacy_crs_member_is_read():
    assert geojson_epsg({"type": "FeatureCollection", "features": []}) == 4326
    named = {"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3763"}}}
    assert geojson_epsg(named) == 3763
    with pytest.raises(ValueError):
        geojson_epsg({"crs": {"type": "name", "properties": {"name": "nonsense"}}})


def test_azores_file_in_ptra08_lands_on_flores_and_corvo():
    doc = json.loads(AZORES.read_text(encoding="utf-8"))
    assert geojson_epsg(doc) == 5014
    bbox = geojson_bbox_wgs84(doc)
    # Flores and Corvo: about 31.27-31.08 W, 39.37-39.73 N.
    assert -31.3 < bbox.west < bbox.east < -31.0
    assert 39.3 < bbox.south < bbox.north < 39.8


def test_pt_tm06_origin_reprojects_within_centimetres():
    # PT-TM06/ETRS89 has its false origin (0, 0) at the Melriça point, 39°40'05.73" N 8°07'59.19" W.
    lon, lat = to_wgs84(np.array([[0.0, 0.0]]), 3763)[0]
    # 1e-7 degree is about 1 cm.
    assert abs(lon - (-8.1331083)) < 1e-7 and abs(lat - 39.6682583) < 1e-7
    assert place(lon, lat) is Placement.INSIDE
