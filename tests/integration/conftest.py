"""Integration tests run against the real stack: PostgreSQL, Solr and Redis started by deploy/."""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories

# Lisbon municipality and the Flores/Corvo group of the Azores, WGS84 west/south/east/north.
LISBON = (-9.2298, 38.6913, -9.0866, 38.7958)
PORTO = (-8.6914, 41.1383, -8.5526, 41.1859)
AZORES_WEST = (-31.27, 39.37, -31.08, 39.73)


def bbox_polygon(west: float, south: float, east: float, north: float) -> str:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """CKAN's clean_db, plus the migrations of the plugins that own tables."""
    reset_db()
    for plugin in ("activity", "harvest", "enti"):
        migrate_db_for(plugin)


@pytest.fixture(autouse=True)
def _enti_plugins(with_plugins):
    """Every integration test runs with the plugins of test.ini (enti, scheming, dcat, …)."""


@pytest.fixture
def organization(clean_db, clean_index):
    return factories.Organization(
        name="municipio-de-lisboa", title="Município de Lisboa", enti_kind="municipio", dico="1106"
    )


@pytest.fixture
def make_dataset(organization):
    """Create a dataset through the API with the ENTI schema; keyword arguments override fields."""
    from ckan.tests.helpers import call_action

    sysadmin = factories.Sysadmin()

    def make(**fields):
        from . import records

        data = records.dataset(organization["id"])
        # Neutral text, so that searches find only what each test names.
        data.update({"notes": "Descrição.", "tag_string": "", "conforms_to": [], **fields})
        return call_action("package_create", {"user": sysadmin["name"]}, **data)

    return make


GEO = {
    "enti_geographic": True,
    "inspire_topic_category": "http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/environment",
    "inspire_crs": "http://www.opengis.net/def/crs/EPSG/0/3763",
    "hvd_category": ["http://data.europa.eu/bna/c_dd313021"],
    "documentation": ["https://pgu.cm-lisboa.example/docs"],
}


@pytest.fixture
def sysadmin():
    return factories.Sysadmin()


@pytest.fixture
def catalogue(sysadmin):
    """Lisbon with a series, an HVD geographic dataset in it and a data service serving it."""
    org = factories.Organization(
        name="lisboa", enti_kind="municipio", dico="1106", publisher_uri="https://www.lisboa.pt/"
    )
    from ckan.tests.helpers import call_action

    from . import records

    context = {"user": sysadmin["name"]}
    call_action("package_create", context, **records.series(org["id"]))
    call_action(
        "package_create",
        context,
        **records.dataset(org["id"], in_series=["contentores-lisboa-anual"], **GEO),
    )
    call_action(
        "package_create",
        context,
        **records.dataservice(org["id"], serves_dataset=["contentores-lisboa"]),
    )
    return org


@pytest.fixture
def hidden(catalogue, sysadmin):
    """A private dataset and a draft one in Lisbon, by name."""
    from ckan.tests.helpers import call_action

    from . import records

    context = {"user": sysadmin["name"]}
    call_action(
        "package_create", context, **records.dataset(catalogue["id"], name="privado", private=True)
    )
    call_action(
        "package_create",
        context,
        type="dataset",
        name="rascunho",
        title="Rascunho",
        owner_org=catalogue["id"],
        state="draft",
    )
    return {name: call_action("package_show", id=name)["id"] for name in ("privado", "rascunho")}
