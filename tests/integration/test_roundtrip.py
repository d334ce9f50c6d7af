"""Round trip (issue 4): records exported by this catalogue and harvested back by ckanext-dcat's
`dcat_rdf_harvester` into a clean catalogue keep every metadata field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import responses
from ckan.lib import search
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.dcat.harvesters.rdf import DCATRDFHarvester
from ckanext.harvest.tests.factories import HarvestJobObj, HarvestSourceObj
from ckanext.harvest.tests.lib import run_harvest_job

from . import records
from .conftest import GEO

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

PEER = "http://peer.example/catalog.ttl"
# What CKAN itself sets on each side (ids, names made from titles, dates of the copy, counts).
INTERNAL = {
    "id",
    "name",
    "metadata_created",
    "metadata_modified",
    "organization",
    "owner_org",
    "creator_user_id",
    "num_resources",
    "num_tags",
    "state",
    "private",
    "isopen",
    "license_title",
    "license_url",
    "relationships_as_object",
    "relationships_as_subject",
    "groups",
    "extras",  # ckanext-dcat's harvest bookkeeping (uri, homepage of the source)
    "url",  # the landing page of the copy is the source's record page
}
RESOURCE_FIELDS = (
    "url",
    "name",
    "description",
    "format",
    "mimetype",
    "license",
    "issued",
    "modified",
    "temporal_resolution",
    "download_url",
)
COMPLETE = {
    **GEO,
    "name": "completo",
    "title": "Consumo energético da iluminação pública",
    "enti_vertical": ["https://w3id.org/enti/vertical/street-lighting"],
    "version": "2.1",
    "provenance": "Contadores inteligentes dos quadros de iluminação pública.",
    "related_resource": ["https://www.cm-lisboa.example/iluminacao"],
    "access_rights": "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
    "temporal_coverage": [{"start": "2023-01-01", "end": "2023-12-31"}],
    "resources": [
        records.distribution(
            description="Leituras horárias.", download_url="https://dados.example/c.json"
        ),
        records.distribution(
            url="https://dados.cm-lisboa.example/consumo.csv",
            name="Consumo (CSV)",
            format="csv",
            temporal_resolution="P1D",
        ),
    ],
}


def _by_identifier(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["identifier"]: r for r in found}


def _comparable(record: dict[str, Any], identifiers: dict[str, str]) -> dict[str, Any]:
    """A record's metadata, with links to other records by identifier (ids and names differ
    between catalogues) and geometries as parsed GeoJSON."""
    record = copy.deepcopy(record)
    out = {k: v for k, v in record.items() if k not in INTERNAL and v not in (None, "", [])}
    out["tags"] = sorted(t["name"] for t in record.get("tags") or [])
    # DCAT distributions have no order: compare them sorted.
    out["resources"] = sorted(
        ({k: r.get(k) for k in RESOURCE_FIELDS if r.get(k)} for r in record.get("resources") or []),
        key=lambda r: r["url"],
    )
    for key in ("in_series", "serves_dataset"):
        if key in out:
            out[key] = sorted(identifiers[v] for v in out[key])
    for place in out.get("spatial_coverage") or []:
        for key in ("bbox", "geom", "centroid"):
            if place.get(key):
                place[key] = json.loads(place[key])
    return out


def _public() -> list[dict[str, Any]]:
    return call_action("package_search", rows=100, include_private=False)["results"]


def _link_keys(found: list[dict[str, Any]]) -> dict[str, str]:
    """id and name -> identifier, for comparing links."""
    keys = {r["id"]: r["identifier"] for r in found}
    keys.update({r["name"]: r["identifier"] for r in found})
    return keys


def _harvest_into_clean_catalogue(body: str, reset_db, migrate_db_for) -> list[dict]:
    reset_db()
    for plugin in ("activity", "harvest", "enti"):
        migrate_db_for(plugin)
    search.clear_all()
    org = factories.Organization(
        name="lisboa", enti_kind="municipio", dico="1106", publisher_uri="https://www.lisboa.pt/"
    )
    source = HarvestSourceObj(url=PEER, source_type="dcat_rdf", owner_org=org["id"])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru("http://127.0.0.1")  # Solr
        mock.add(responses.GET, PEER, body=body, content_type="text/turtle; charset=utf-8")
        mock.add(responses.HEAD, PEER, content_type="text/turtle; charset=utf-8")
        results = run_harvest_job(HarvestJobObj(source=source, run=False), DCATRDFHarvester())
    errors = [e.message for r in results.values() for e in r["errors"]]
    assert not errors, errors
    return [r["dataset"] for r in results.values()]


def test_exported_records_harvest_back_with_every_field(
    app, catalogue, sysadmin, reset_db, migrate_db_for
):
    call_action(
        "package_create",
        {"user": sysadmin["name"]},
        **records.dataset(catalogue["id"], **COMPLETE),
    )
    call_action(
        "package_patch",
        {"user": sysadmin["name"]},
        id="api-pgu-lisboa",
        serves_dataset=["contentores-lisboa", "completo"],
    )
    exported = _public()
    body = app.get("/catalog.ttl").body

    harvested = _harvest_into_clean_catalogue(body, reset_db, migrate_db_for)

    originals = _by_identifier(exported)
    copies = _by_identifier(harvested)
    assert set(copies) == set(originals)
    assert {r["type"] for r in harvested} == {"dataset", "dataservice", "dataset_series"}
    before, after = _link_keys(exported), _link_keys(harvested)
    for identifier, original in originals.items():
        expected = _comparable(original, before)
        assert _comparable(copies[identifier], after) == expected, identifier
    # The comparison covered the fields a publisher fills in, not an empty intersection.
    complete = _comparable(originals["urn:lisboa:Dataset:completo"], before)
    assert {
        "title",
        "notes",
        "identifier",
        "theme",
        "enti_vertical",
        "frequency",
        "spatial_coverage",
        "spatial_resolution_in_meters",
        "temporal_coverage",
        "contact",
        "license_id",
        "access_rights",
        "language",
        "conforms_to",
        "hvd_category",
        "applicable_legislation",
        "version",
        "documentation",
        "provenance",
        "related_resource",
        "enti_geographic",
        "inspire_topic_category",
        "inspire_crs",
        "inspire_metadata_date",
        "tags",
        "resources",
    } <= set(complete)
    assert len(complete["resources"]) == 2
    assert any("download_url" in r and "description" in r for r in complete["resources"])
    assert "in_series" in _comparable(originals["urn:lisboa:Dataset:contentores-lisboa"], before)
    service = _comparable(originals["urn:lisboa:DataService:api-pgu-lisboa"], before)
    assert {"endpoint_url", "endpoint_description", "serves_dataset"} <= set(service)
