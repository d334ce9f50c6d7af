"""ENTI metadata: the three record types, mandatory properties, bad values, drafts (issue 3)."""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from . import records
from .conftest import bbox_polygon

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

HVD_LAW = "http://data.europa.eu/eli/reg_impl/2023/138/oj"


@pytest.fixture
def org():
    return factories.Organization(name="lisboa", enti_kind="municipio", dico="1106")


@pytest.fixture
def publisher(org):
    user = factories.UserWithToken()
    call_action("organization_member_create", id=org["id"], username=user["name"], role="editor")
    return user


def _create(app, publisher, record, lang=""):
    """POST through the API as the publisher; returns (status, body)."""
    response = app.post(
        f"{lang}/api/3/action/package_create",
        json=record,
        headers={"Authorization": publisher["token"]},
    )
    return response.status_code, response.json


def test_the_three_types_are_published(app):
    types = call_action("scheming_dataset_schema_list")
    assert set(types) == {"dataset", "dataservice", "dataset_series"}


def test_complete_dataset_is_created_shown_and_updated(app, org, publisher):
    status, body = _create(app, publisher, records.dataset(org["id"]))
    assert status == 200, body
    shown = call_action("package_show", id="contentores-lisboa")
    assert shown["state"] == "active"
    assert shown["theme"] == [records.EU + "data-theme/ENVI"]
    assert shown["identifier"] == "urn:lisboa:Dataset:contentores-lisboa"
    assert shown["language"] == [records.EU + "language/POR"]  # default
    assert shown["access_rights"] == records.EU + "access-right/PUBLIC"
    resource = shown["resources"][0]
    assert resource["format"] == "JSON" and resource["mimetype"] == "application/json"
    assert resource["license"]  # inherited from the dataset's cc-by
    assert resource["issued"] and resource["modified"]

    call_action(
        "package_patch",
        {"user": publisher["name"]},
        id=shown["id"],
        frequency=records.EU + "frequency/DAILY",
    )
    assert call_action("package_show", id=shown["id"])["frequency"].endswith("/DAILY")


def test_vocabulary_codes_are_stored_as_authority_uris(app, org, publisher):
    status, body = _create(app, publisher, records.dataset(org["id"], theme=["ENVI", "TRAN"]))
    assert status == 200, body
    assert body["result"]["theme"] == [
        records.EU + "data-theme/ENVI",
        records.EU + "data-theme/TRAN",
    ]


MANDATORY = [
    ("notes", None),
    ("theme", None),
    ("frequency", None),
    ("spatial_coverage", None),
    ("spatial_resolution_in_meters", None),
    ("contact", None),
    ("license_id", None),
    ("resources", []),
]


@pytest.mark.parametrize(("field", "empty"), MANDATORY)
def test_each_mandatory_dataset_property_is_enforced(app, org, publisher, field, empty):
    record = records.dataset(org["id"])
    if empty is None:
        record.pop(field)
    else:
        record[field] = empty
    status, body = _create(app, publisher, record)
    assert status == 409
    assert field in body["error"], body["error"]


@pytest.mark.parametrize("field", ["url", "format", "temporal_resolution"])
def test_each_mandatory_distribution_property_is_enforced(app, org, publisher, field):
    # a link without a file extension: no format can be taken from it ("csv" is a path word)
    resource = records.distribution(url="https://dados.cm-lisboa.example/api/csv")
    resource.pop(field)
    status, body = _create(app, publisher, records.dataset(org["id"], resources=[resource]))
    assert status == 409
    assert field in body["error"]["resources"][0], body["error"]


def test_a_missing_format_is_taken_from_the_file_name(app, org, publisher):
    resource = records.distribution(url="https://dados.cm-lisboa.example/contentores.geojson")
    resource.pop("format")
    status, body = _create(app, publisher, records.dataset(org["id"], resources=[resource]))
    assert status == 200 and body["result"]["resources"][0]["format"] == "GEOJSON"


@pytest.mark.parametrize(
    ("field", "empty_value"), [("notes", " "), ("frequency", ""), ("theme", [])]
)
def test_empty_values_count_as_missing(app, org, publisher, field, empty_value):
    status, body = _create(app, publisher, records.dataset(org["id"], **{field: empty_value}))
    assert status == 409 and field in body["error"]


BAD_VALUES = [
    (
        {"temporal_coverage": [{"start": "2024-06-01", "end": "2024-01-01"}]},
        "temporal_coverage",
        "anterior à data de início",
        "before the start date",
    ),
    (
        {"spatial_coverage": [{"bbox": bbox_polygon(38.69, -9.23, 38.80, -9.09)}]},
        "spatial_coverage",
        "latitude e longitude trocadas",
        "latitude and longitude were swapped",
    ),
    (
        {"spatial_coverage": [{"bbox": bbox_polygon(2.2, 48.8, 2.4, 48.9)}]},
        "spatial_coverage",
        "fora de Portugal",
        "outside Portugal",
    ),
    (
        {"spatial_coverage": [{"text": "Lisboa"}]},
        "spatial_coverage",
        "não basta um nome de lugar",
        "a place name is not enough",
    ),
    (
        {"theme": ["http://example.org/themes/waste"]},
        "theme",
        "não pertence ao vocabulário",
        "is not in the vocabulary",
    ),
    (
        {"conforms_to": ["https://smart-data-models.github.io/dataModel.Foo/Bar/schema.json"]},
        "conforms_to",
        "Catálogo Nacional de Modelos de Dados",
        "national data-model catalogue",
    ),
    (
        {"license_id": "notspecified"},
        "license_id",
        "não é uma licença aberta",
        "is not an open licence",
    ),
    (
        {"spatial_resolution_in_meters": "dez"},
        "spatial_resolution_in_meters",
        "número positivo",
        "positive number",
    ),
    (
        {
            "temporal_coverage": [{"start": "2024-01-01"}],
            "frequency": records.EU + "frequency/NEVER",
        },
        "temporal_coverage",
        "data de fim",
        "end date",
    ),
]


@pytest.mark.parametrize(("change", "field", "pt", "en"), BAD_VALUES)
def test_bad_values_get_a_message_per_field_in_both_languages(
    app, org, publisher, change, field, pt, en
):
    record = records.dataset(org["id"], **change)
    status, body = _create(app, publisher, record)
    assert status == 409
    assert pt in json.dumps(body["error"][field], ensure_ascii=False), body["error"]
    record["name"] = record["name"] + "-en"
    status, body = _create(app, publisher, record, lang="/en")
    assert status == 409
    assert en in json.dumps(body["error"][field], ensure_ascii=False), body["error"]


def test_open_end_is_allowed_while_data_are_collected(app, org, publisher):
    record = records.dataset(org["id"], temporal_coverage=[{"start": "2024-01-01"}])
    status, body = _create(app, publisher, record)  # HOURLY: still collected
    assert status == 200, body


def test_identifiers_are_unique(app, org, publisher):
    assert (
        _create(app, publisher, records.dataset(org["id"], identifier="urn:lisboa:Dataset:1"))[0]
        == 200
    )
    other = records.dataset(org["id"], name="outro", identifier="urn:lisboa:Dataset:1")
    status, body = _create(app, publisher, other)
    assert status == 409 and "contentores-lisboa" in body["error"]["identifier"][0]


def test_hvd_category_brings_the_hvd_regulation(app, org, publisher):
    record = records.dataset(org["id"], hvd_category=["http://data.europa.eu/bna/c_dd313021"])
    status, body = _create(app, publisher, record)
    assert status == 200, body
    assert HVD_LAW in body["result"]["applicable_legislation"]


def test_geographic_data_need_the_inspire_block(app, org, publisher):
    record = records.dataset(org["id"], enti_geographic=True)
    status, body = _create(app, publisher, record)
    assert status == 409
    assert {"inspire_topic_category", "inspire_crs"} <= set(body["error"])
    record.update(
        inspire_topic_category="http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/environment",
        inspire_crs="http://www.opengis.net/def/crs/EPSG/0/3763",
    )
    status, body = _create(app, publisher, record)
    assert status == 200, body
    assert body["result"]["inspire_metadata_date"]  # defaults to today


def test_a_draft_may_be_incomplete_but_cannot_be_published(app, org, publisher):
    draft = {
        "type": "dataset",
        "name": "rascunho",
        "title": "Rascunho",
        "owner_org": org["id"],
        "state": "draft",
    }
    status, body = _create(app, publisher, draft)
    assert status == 200, body
    assert body["result"]["state"] == "draft"

    headers = {"Authorization": publisher["token"]}
    publish = app.post(
        "/api/3/action/package_patch", json={"id": "rascunho", "state": "active"}, headers=headers
    )
    assert publish.status_code == 409
    assert {"notes", "theme", "frequency", "contact", "resources"} <= set(publish.json["error"])
    assert call_action("package_show", id="rascunho")["state"] == "draft"

    complete = records.dataset(org["id"], name="rascunho", title="Rascunho", state="active")
    done = app.post(
        "/api/3/action/package_update", json={"id": "rascunho", **complete}, headers=headers
    )
    assert done.status_code == 200, done.json
    assert call_action("package_show", id="rascunho")["state"] == "active"


def test_a_draft_still_gets_bad_values_refused(app, org, publisher):
    draft = {
        "type": "dataset",
        "name": "rascunho",
        "title": "Rascunho",
        "owner_org": org["id"],
        "state": "draft",
        "theme": ["nonsense"],
    }
    status, body = _create(app, publisher, draft)
    assert status == 409 and "theme" in body["error"]


def test_data_service_is_published_and_checked(app, org, publisher):
    assert _create(app, publisher, records.dataset(org["id"]))[0] == 200
    status, body = _create(
        app, publisher, records.dataservice(org["id"], serves_dataset=["contentores-lisboa"])
    )
    assert status == 200, body
    assert body["result"]["serves_dataset"] == ["contentores-lisboa"]

    for field in ("endpoint_url", "endpoint_description", "theme", "contact", "license_id"):
        record = records.dataservice(org["id"], name=f"api-{field.replace('_', '-')}")
        record.pop(field)
        status, body = _create(app, publisher, record)
        assert status == 409 and field in body["error"], (field, body)

    unknown = records.dataservice(org["id"], name="api-outra", serves_dataset=["nao-existe"])
    status, body = _create(app, publisher, unknown)
    assert status == 409 and "nao-existe" in body["error"]["serves_dataset"][0]

    hvd = records.dataservice(
        org["id"], name="api-hvd", hvd_category=["http://data.europa.eu/bna/c_b79e35eb"]
    )
    status, body = _create(app, publisher, hvd)
    assert status == 409 and "documentation" in body["error"]


def test_series_and_its_members(app, org, publisher):
    status, body = _create(app, publisher, records.series(org["id"]))
    assert status == 200, body
    series_id = body["result"]["id"]
    assert body["result"]["issued"] and body["result"]["modified"]  # default to today

    member = records.dataset(org["id"], in_series=["contentores-lisboa-anual"])
    status, body = _create(app, publisher, member)
    assert status == 200, body
    assert body["result"]["in_series"] == [series_id]

    for field in ("notes", "frequency", "spatial_coverage", "temporal_coverage", "contact"):
        record = records.series(org["id"], name=f"serie-{field.replace('_', '-')}")
        record.pop(field)
        status, body = _create(app, publisher, record)
        assert status == 409 and field in body["error"], (field, body)

    wrong = records.dataset(org["id"], name="outro", in_series=["contentores-lisboa"])
    status, body = _create(app, publisher, wrong)
    assert status == 409 and "in_series" in body["error"]


def test_coverage_chosen_as_a_region_gets_its_box(app, org, publisher):
    azores = [{"uri": "http://data.europa.eu/nuts/code/PT2"}]
    status, body = _create(app, publisher, records.dataset(org["id"], spatial_coverage=azores))
    assert status == 200, body
    box = json.loads(body["result"]["spatial_coverage"][0]["bbox"])
    assert box["type"] == "Polygon" and box["coordinates"][0][0] == [-31.4, 36.8]
