"""Geometry validation: GeoJSON, coordinate CSVs and NGSI GeoProperties (no CKAN, offline)."""

import json
import math

import numpy as np
import pytest
from pyproj import Transformer

from enti.schemas import path as schema_path
from enti.validators.geometry.coordinates import crs_candidates, crs_from_prj, detect_crs, to_wgs84
from enti.validators.geometry.geojson import validate_entity_geometries, validate_geojson
from enti.validators.geometry.points_csv import coordinate_columns, validate_coordinates_csv
from tests.unit.testdata import AZORES, DATA

GEOM = DATA / "geometry"
CNMD = schema_path("cnmd")

# Approximate town-hall coordinates (lon, lat), spread over each territory.
MAINLAND = [(-9.1365, 38.7077), (-8.6109, 41.1496), (-8.4291, 40.2111), (-7.9350, 37.0160),
            (-8.4201, 41.5503), (-6.7567, 41.8061), (-7.9087, 38.5714), (-8.8329, 41.6932),
            (-7.8632, 38.0151), (-7.4909, 39.8222)]  # fmt: skip
FLORES_CORVO = [(-31.1264, 39.4537), (-31.1997, 39.3814), (-31.1051, 39.6726)]
AZORES_CE = [(-25.6756, 37.7412), (-27.2206, 38.6551), (-28.6263, 38.5363), (-25.15, 36.95)]
MADEIRA = [(-16.9086, 32.6496), (-16.34, 33.07), (-15.87, 30.14)]
MADRID = (-3.7038, 40.4168)


def projected(points, epsg):
    """The points in ``epsg`` (pyproj forward projection, to build test input)."""
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(*np.array(points).T)
    return x, y


def feature_collection(points, crs=None):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": p}}
            for p in points
        ],
    }
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def types(report):
    return [f.type for f in report.findings]


# -- reprojection ----------------------------------------------------------------------------


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


def test_azores_file_in_ptra08_gives_a_flores_and_corvo_bbox():
    report = validate_geojson(AZORES.read_bytes())
    assert report.crs == "EPSG:5014" and report.stats["crs_source"] == "crs"
    west, south, east, north = report.bbox
    assert west == pytest.approx(-31.27, abs=0.01) and east == pytest.approx(-31.08, abs=0.01)
    assert south == pytest.approx(39.37, abs=0.01) and north == pytest.approx(39.73, abs=0.01)
    # The legacy member is read, and the publisher told to drop it: a warning, not an error.
    assert report.valid and types(report) == ["legacy-crs"]
    assert "sem o membro «crs»" in report.findings[0].message.pt
    json.dumps(report.to_dict("en"))


# -- CRS detection ------------------------------------------------------------------------------


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


# -- declared CRS: legacy member, .prj, mismatch ----------------------------------------------


@pytest.mark.parametrize(
    "member",
    [
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3763"}},
        {"type": "name", "properties": {"name": "http://www.opengis.net/def/crs/EPSG/0/3763"}},
        {"type": "EPSG", "properties": {"code": 3763}},
        {"type": "link", "properties": {"href": "http://spatialreference.org/ref/epsg/3763/"}},
    ],
)
def test_legacy_crs_member_forms_are_read(member):
    x, y = projected(MAINLAND, 3763)
    doc = feature_collection(np.column_stack([x, y]).tolist()) | {"crs": member}
    report = validate_geojson(json.dumps(doc), source="legacy.geojson")
    assert report.crs == "EPSG:3763" and report.valid and types(report) == ["legacy-crs"]


def test_unreadable_crs_member_is_reported_and_ranges_take_over():
    x, y = projected(FLORES_CORVO, 5014)
    doc = feature_collection(np.column_stack([x, y]).tolist(), crs="Hayford-Gauss local")
    report = validate_geojson(doc)
    assert types(report)[:2] == ["unknown-crs", "undeclared-crs"] and report.crs == "EPSG:5014"


def test_a_prj_names_the_crs_of_a_file_without_member():
    x, y = projected(MAINLAND, 3763)
    prj = (GEOM / "pt-tm06.prj").read_text()
    report = validate_geojson(feature_collection(np.column_stack([x, y]).tolist()), prj=prj)
    assert report.crs == "EPSG:3763" and report.stats["crs_source"] == ".prj" and report.valid


def test_an_esri_prj_without_epsg_code_is_matched_to_its_epsg_twin():
    # ArcGIS's Lisboa_Hayford_Gauss_IGeoE (ESRI:102164) is the "militares" grid, EPSG:20790.
    assert crs_from_prj((GEOM / "lisboa-hayford-gauss-igeoe.prj").read_text()) == "EPSG:20790"
    assert crs_from_prj((GEOM / "pt-tm06.prj").read_text()) == "EPSG:3763"
    with pytest.raises(ValueError):
        crs_from_prj("PROJCS[nonsense")


def test_declared_crs_the_coordinates_do_not_fit_is_a_mismatch():
    doc = feature_collection(MAINLAND, crs="EPSG:3763")  # says PT-TM06, holds degrees
    report = validate_geojson(doc)
    assert "crs-mismatch" in types(report) and report.crs == "EPSG:4326"
    mismatch = report.findings[types(report).index("crs-mismatch")]
    assert "EPSG:3763 (PT-TM06/ETRS89)" in mismatch.message.en
    assert report.bbox == pytest.approx((-9.1365, 37.016, -6.7567, 41.8061))


# -- placement --------------------------------------------------------------------------------


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


# -- invalid geometries -----------------------------------------------------------------------


def test_invalid_geometries_say_what_is_wrong():
    bowtie = [[[-9.1, 38.7], [-9.0, 38.8], [-9.0, 38.7], [-9.1, 38.8], [-9.1, 38.7]]]
    geometries = [
        {"type": "Polygon", "coordinates": bowtie},
        {"type": "LineString", "coordinates": [["-9.1", "38.7"], ["-9.0", "38.8"]]},
        {"type": "Circle", "coordinates": [-9.1, 38.7]},
        {"type": "Polygon", "coordinates": [[[-9.1, 38.7], [-9.0, 38.8], [-9.0, 38.7]]]},
        None,
    ]
    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g} for g in geometries],
    }
    report = validate_geojson(doc)
    by_feature = {f.feature: f for f in report.findings}
    assert "Self-intersection" in by_feature[0].message.en
    assert "no text" in by_feature[1].message.en
    assert "«Circle»" in by_feature[2].message.pt
    assert "4 ou mais posições" in by_feature[3].message.pt
    assert by_feature[4].type == "missing-geometry" and by_feature[4].severity == "warning"


def test_not_geojson_is_one_finding():
    assert types(validate_geojson(b"not json")) == ["invalid-geometry"]
    assert types(validate_geojson({"type": "Topology"})) == ["invalid-geometry"]


# -- CSV ----------------------------------------------------------------------------------------


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


def test_geojson_bytes_in_windows_1252_or_with_bom_are_read():
    doc = {"type": "Point", "coordinates": [-7.9087, 38.5714], "name": "Évora"}
    legacy = validate_geojson(json.dumps(doc, ensure_ascii=False).encode("cp1252"))
    assert legacy.encoding == "cp1252" and legacy.findings == [] and legacy.bbox
    with_bom = validate_geojson(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    assert with_bom.findings == [] and with_bom.crs == "EPSG:4326"


def test_real_accident_csv_without_coordinates_says_how_to_add_them():
    # ANSR's "M" column is deaths (mortos), not a PT-TM06 M: it needs its P to count.
    report = validate_coordinates_csv(DATA / "Lisboa_2017_24h.csv")
    assert types(report) == ["missing-coordinates"] and report.encoding == "cp1252"
    assert "latitude e longitude" in report.findings[0].message.pt


# -- NGSI entities ------------------------------------------------------------------------------


def cnmd_example(*parts):
    return json.loads(CNMD.joinpath(*parts).read_text(encoding="utf-8"))


def test_cnmd_examples_with_coordinate_system_are_honoured():
    container = cnmd_example("Ambiente", "Resíduos", "Níveis de enchimento dos contentores",
                             "exemplos", "WasteContainer.json")  # fmt: skip
    water = cnmd_example("Ambiente", "Água", "Consumo de agua", "exemplos",
                         "WaterConsumptionObserved.json")  # fmt: skip
    report = validate_entity_geometries([container, water], source="cnmd")
    assert report.findings == [] and report.crs == "EPSG:4258"
    assert report.stats["geometries"] == 2
    assert report.bbox == pytest.approx((-9.1658245766, 38.7621018101, -8.6114406, 41.147272))


def test_cnmd_parking_example_has_an_open_ring():
    group = cnmd_example("Transportes e infraestruturas", "Mobilidade", "Estacionamento - Parque",
                         "exemplos", "ParkingGroup.json")  # fmt: skip
    (finding,) = validate_entity_geometries([group]).findings
    assert finding.type == "invalid-geometry" and finding.pointer == "/location/value"
    assert finding.entity == group["id"]


def test_entity_forms_and_coordinate_systems():
    x, y = projected([MAINLAND[0]], 3763)
    entities = [
        {
            "id": "urn:kv:1",
            "type": "Spot",
            "location": {"type": "Point", "coordinates": [38.7077, -9.1365]},
        },
        {
            "id": "urn:v2:1",
            "type": "Spot",
            "position": {"type": "geo:point", "value": "41.1496, -8.6109"},
        },
        {
            "id": "urn:ld:tm06",
            "type": "Spot",
            "coordinateSystem": {"type": "Property", "value": "EPSG:3763"},
            "location": {
                "type": "GeoProperty",
                "value": {"type": "Point", "coordinates": [x[0], y[0]]},
            },
        },
        {
            "id": "urn:ld:bad",
            "type": "Spot",
            "location": {
                "type": "GeoProperty",
                "value": {"type": "Point", "coordinates": [-9.1, 38.7]},
                "coordinateSystem": "Lisboa antigo",
            },
        },
    ]
    report = validate_entity_geometries(entities)
    found = {(f.entity, f.pointer, f.type) for f in report.findings}
    assert ("urn:kv:1", "/location", "swapped-coordinates") in found
    assert ("urn:ld:bad", "/location/value", "unknown-crs") in found
    assert not any(f.entity in {"urn:v2:1", "urn:ld:tm06"} for f in report.findings)
    assert sorted(report.stats["crs_all"]) == ["EPSG:3763", "EPSG:4326"]
