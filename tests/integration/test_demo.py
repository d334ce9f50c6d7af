"""Demo content: 333 territorial organizations and real datasets, loaded idempotently."""

from __future__ import annotations

import json

import pytest
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib import Graph

from ckanext.enti import config, demo
from enti.validators.metadata.shacl import validate_graph


def test_every_municipality_cim_and_am_gets_a_unique_organization():
    orgs = list(demo.organization_dicts())
    assert len(orgs) == 308 + 23 + 2
    assert len({o["name"] for o in orgs}) == len(orgs)
    by_dico = {o.get("dico"): o for o in orgs}
    assert by_dico["0101"]["title"] == "Município de Águeda"
    lisboa = by_dico["1106"]
    assert lisboa["member_of"] == [
        "Comunidade Intermunicipal da Grande Lisboa",
        "Área Metropolitana de Lisboa",
    ]
    lagoas = sorted(o["name"] for o in orgs if o["title"] == "Município de Lagoa")
    assert lagoas == ["lagoa-faro", "lagoa-ilha-de-sao-miguel"]


@pytest.mark.usefixtures("clean_db", "clean_index", "with_test_worker")
def test_demo_loads_once_with_real_files_and_coverage(app):
    jobs.get_queue().empty()
    admin = factories.Sysadmin()
    context = {"user": admin["name"], "ignore_auth": True}
    assert demo.load_organizations(context) == 333
    assert demo.load_datasets(context, config.demo_data_dir()) == 8
    # A second run creates nothing and breaks nothing.
    assert demo.load_organizations(context) == 0
    assert demo.load_datasets(context, config.demo_data_dir()) == 0

    assert len(call_action("organization_list", limit=1000)) == 333
    lisboa = call_action("organization_show", id="lisboa")
    assert lisboa["dico"] == "1106" and lisboa["enti_kind"] == "municipio"
    assert "Área Metropolitana de Lisboa" in lisboa["member_of"]

    found = call_action("package_search", q="residuos", fq="dataset_type:dataset")["results"]
    assert [d["name"] for d in found] == ["residuos-niveis-enchimento-contentores-lisboa"]
    series = call_action("package_show", id="acidentes-rodoviarios-ansr-distritos")
    member = call_action("package_show", id="acidentes-rodoviarios-distrito-porto-2017")
    assert member["in_series"] == [series["id"]]
    service = call_action("package_show", id="api-catalogo-enti")
    assert service["type"] == "dataservice" and len(service["serves_dataset"]) == 6

    # The Azores boundaries' coverage was computed from the file, reprojected from EPSG:5014.
    flores = call_action("package_show", id="limites-concelhos-flores-corvo")
    bbox = json.loads(flores["spatial_coverage"][0]["bbox"])["coordinates"][0]
    west, south = bbox[0]
    east, north = bbox[2]
    assert -31.3 < west < east < -31.0 and 39.3 < south < north < 39.8
    in_azores = call_action(
        "package_search", ext_bbox="-31.5,39.0,-30.9,40.0", fq="dataset_type:dataset"
    )["results"]
    assert {d["name"] for d in in_azores} == {
        "limites-concelhos-flores-corvo",
        "limites-freguesias-flores-corvo",
    }

    # The uploaded file is served back byte for byte.
    resource = flores["resources"][0]
    assert resource["name"] == "Concelhos (GeoJSON, EPSG:5014)"
    assert resource["url_type"] == "upload" and resource["format"] == "GEOJSON"
    download = app.get(resource["url"].replace("http://test.ckan.net", ""))
    assert download.status_code == 200
    original = (config.demo_data_dir() / "data" / "AcoresOcidentalConcelhos.geojson").read_bytes()
    assert download.get_data() == original

    # Every demo file is validated; the container CSV is in its CNMD model's tabular form.
    jobs.Worker(["default"]).work(burst=True)
    waste = call_action("package_show", id="residuos-niveis-enchimento-contentores-lisboa")
    table = next(r for r in waste["resources"] if r["format"] == "CSV")
    summary = call_action("enti_validation_show", id=table["id"])
    assert summary["status"] == "valid", summary
    report = next(r for r in summary["reports"] if r["kind"] == "table")
    assert report["stats"]["table_schema"] == "WasteContainer"

    # The demo catalogue conforms to DCAT-AP 3.0.1 (mandatory + ranges) and the ENTI overlay,
    # and its high-value records to the HVD shapes.
    graph = Graph().parse(data=app.get("/catalog.ttl").body, format="turtle")
    report = validate_graph(graph)
    assert report.conforms, [(v.focus, v.path, v.message) for v in report.violations]
    assert validate_graph(graph, hvd=True).conforms
