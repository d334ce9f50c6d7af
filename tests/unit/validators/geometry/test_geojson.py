"""GeoJSON files and NGSI entity GeoProperties (:mod:`enti.validators.geometry.geojson`): the
legacy ``crs`` member and a .prj, invalid geometries, encodings, the CNMD examples."""

import json

import numpy as np
import pytest

from enti.schemas import path as schema_path
from enti.validators.geometry.geojson import validate_entity_geometries, validate_geojson
from tests.unit.testdata import AZORES

from .places import GEOM, MAINLAND, feature_collection, projected, types

CNMD = schema_path("cnmd")


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


def test_a_prj_names_the_crs_of_a_file_without_member():
    x, y = projected(MAINLAND, 3763)
    prj = (GEOM / "pt-tm06.prj").read_text()
    report = validate_geojson(feature_collection(np.column_stack([x, y]).tolist()), prj=prj)
    assert report.crs == "EPSG:3763" and report.stats["crs_source"] == ".prj" and report.valid


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


def test_geojson_bytes_in_windows_1252_or_with_bom_are_read():
    doc = {"type": "Point", "coordinates": [-7.9087, 38.5714], "name": "Évora"}
    legacy = validate_geojson(json.dumps(doc, ensure_ascii=False).encode("cp1252"))
    assert legacy.encoding == "cp1252" and legacy.findings == [] and legacy.bbox
    with_bom = validate_geojson(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    assert with_bom.findings == [] and with_bom.crs == "EPSG:4326"


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
