"""Coordinates (:mod:`enti.validators.geometry.coordinates`): placement in Portugal, legacy GeoJSON
CRS, reprojection checked against an independent computation, CRS detection from plausible ranges
and from a .prj."""

import json
import math

import numpy as np
import pytest

from enti.validators.geometry.coordinates import (
    Placement,
    crs_from_prj,
    detect_crs,
    geojson_bbox_wgs84,
    geojson_epsg,
    place,
    to_wgs84,
)
from tests.unit.testdata import AZORES

from .places import AZORES_CE, FLORES_CORVO, GEOM, MADEIRA, MAINLAND, projected


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


def kruger_inverse(x, y):
    """PT-TM06 (EPSG:3763) grid -> ETRS89 lon/lat by Krüger's n-series (Karney 2011, eqs. 11,
    15, 19), written here from the published projection parameters (GRS80; origin 39°40'05.73"N,
    8°07'59.19"W; k0 = 1; no false easting/northing): an independent check on PROJ's
    Poder/Engsager algorithm. To third order in n it is good to well under a millimetre
    within 1000 km of the central meridian. ETRS89 and WGS84 coincide to about a metre and
    PROJ applies a null transformation between them, so these are the expected WGS84 values."""
    a, f = 6378137.0, 1 / 298.257222101
    lat0, lon0 = 39 + 40 / 60 + 5.73 / 3600, -(8 + 7 / 60 + 59.19 / 3600)
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    alpha = (n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16, 13 * n**2 / 48 - 3 * n**3 / 5, 61 * n**3 / 240)
    beta = (n / 2 - 2 * n**2 / 3 + 37 * n**3 / 96, n**2 / 48 + n**3 / 15, 17 * n**3 / 480)
    delta = (2 * n - 2 * n**2 / 3 - 2 * n**3, 7 * n**2 / 3 - 8 * n**3 / 5, 56 * n**3 / 15)
    e = 2 * math.sqrt(n) / (1 + n)
    phi0 = math.radians(lat0)
    xi0 = math.atan(math.sinh(math.atanh(math.sin(phi0)) - e * math.atanh(e * math.sin(phi0))))
    y0 = big_a * (xi0 + sum(al * math.sin(2 * j * xi0) for j, al in enumerate(alpha, 1)))
    xi, eta = (y + y0) / big_a, x / big_a
    xi_p = xi - sum(
        b * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, b in enumerate(beta, 1)
    )
    eta_p = eta - sum(
        b * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, b in enumerate(beta, 1)
    )
    chi = math.asin(math.sin(xi_p) / math.cosh(eta_p))
    phi = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(delta, 1))
    return lon0 + math.degrees(math.atan2(math.sinh(eta_p), math.cos(xi_p))), math.degrees(phi)


@pytest.mark.parametrize(
    ("x", "y"),
    [(-87650.00, -104010.00), (150000.0, 250000.0), (-100000.0, -280000.0)],  # Lisboa, NE, S
)
def test_pt_tm06_reprojects_within_centimetres_of_an_independent_computation(x, y):
    lon, lat = to_wgs84(np.array([[x, y]]), 3763)[0]
    ref_lon, ref_lat = kruger_inverse(x, y)
    # 1e-7 degree is about 1 cm (8.7 mm of longitude, 1.1 cm of latitude here).
    assert abs(lon - ref_lon) < 1e-7 and abs(lat - ref_lat) < 1e-7
    if (x, y) == (-87650.00, -104010.00):
        assert (round(lon, 4), round(lat, 4)) == (-9.1411, 38.727)  # Baixa de Lisboa


@pytest.mark.parametrize(
    ("epsg", "points"),
    [
        (4326, MAINLAND + MADEIRA),
        (3763, MAINLAND),
        (20790, MAINLAND),
        (5014, FLORES_CORVO),
        (5015, AZORES_CE),
        (5016, MADEIRA),
        (3857, MAINLAND + AZORES_CE),
    ],
)
def test_crs_is_detected_from_plausible_ranges(epsg, points):
    x, y = np.array(points).T if epsg == 4326 else projected(points, epsg)
    assert detect_crs(x, y) == f"EPSG:{epsg}"


def test_an_esri_prj_without_epsg_code_is_matched_to_its_epsg_twin():
    # ArcGIS's Lisboa_Hayford_Gauss_IGeoE (ESRI:102164) is the "militares" grid, EPSG:20790.
    assert crs_from_prj((GEOM / "lisboa-hayford-gauss-igeoe.prj").read_text()) == "EPSG:20790"
    assert crs_from_prj((GEOM / "pt-tm06.prj").read_text()) == "EPSG:3763"
    with pytest.raises(ValueError):
        crs_from_prj("PROJCS[nonsense")
