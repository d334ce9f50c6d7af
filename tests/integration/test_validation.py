"""Validation in the catalogue (issue 5): a saved file is validated by a background job, its report
reaches the action and the resource page in Portuguese, a dataset without a drawn coverage gets
the box of its geometry, and remote links that are private or too big are refused with a report."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action
from werkzeug.datastructures import FileStorage

from ckanext.enti.resource_checks import ResourceCheck

from . import records

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "with_test_worker")

DATA = Path(__file__).parent.parent / "data"
# A municipal export: Windows-1252, ";", 30 readings; row 4 has one cell too many and row 7
# is missing one.
ROWS = [f"{day:02d}-03-2024;Contentor Açores {day};{40 + day}" for day in range(1, 31)]
ROWS[2] = "03-03-2024;Contentor Açores 3;50;extra"
ROWS[5] = "06-03-2024;Contentor Açores 6"
BROKEN_CSV = ("data;contentor;nivel\n" + "\n".join(ROWS) + "\n").encode("cp1252")


def _work() -> None:
    """Run every queued job now, as the jobs worker would."""
    jobs.Worker(["default"]).work(burst=True)


@pytest.fixture(autouse=True)
def _empty_queue():
    jobs.get_queue().empty()


@pytest.fixture
def draft(organization, sysadmin):
    """A draft dataset (no distribution yet, no coverage drawn), as the web form first saves it."""
    return call_action(
        "package_create",
        {"user": sysadmin["name"]},
        **records.dataset(
            organization["id"], name="contentores", resources=[], spatial_coverage=[], state="draft"
        ),
    )


def _upload(sysadmin, dataset, name: str, content: bytes, fmt: str) -> dict:
    upload = FileStorage(stream=io.BytesIO(content), filename=name)
    return call_action(
        "resource_create",
        {"user": sysadmin["name"]},
        package_id=dataset["id"],
        url=name,
        upload=upload,
        name=name,
        format=fmt,
    )


def test_a_broken_csv_is_reported_by_row_and_column_in_portuguese(app, draft, sysadmin):
    resource = _upload(sysadmin, draft, "niveis.csv", BROKEN_CSV, "csv")
    assert call_action("enti_validation_show", id=resource["id"])["status"] == "pending"
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    assert summary["status"] == "invalid" and summary["error_count"] >= 2
    table = next(r for r in summary["reports"] if r["kind"] == "table")
    found = {(f["type"], f.get("row"), f.get("field")) for f in table["findings"]}
    assert any(kind == "extra-cell" and row == 4 for kind, row, _ in found)
    assert ("missing-cell", 7, "nivel") in found
    assert table["encoding"] in ("cp1252", "windows-1252", "iso-8859-1")
    # The publisher (the dataset is still a draft) reads the report on the resource page.
    token = call_action(
        "api_token_create", {"user": sysadmin["name"]}, user=sysadmin["name"], name="page"
    )["token"]
    as_publisher = {"Authorization": token}
    url = f"/dataset/contentores/resource/{resource['id']}"
    page = app.get(url, headers=as_publisher).body
    assert "Erros a corrigir" in page and "linha 4" in page and "linha 7" in page
    assert "nivel" in page
    english = app.get("/en" + url, headers=as_publisher).body
    assert "Errors to fix" in english and "row 7" in english
    summary_page = app.get("/dataset/contentores", headers=as_publisher).body
    assert "Validação dos ficheiros" in summary_page and "Erros a corrigir" in summary_page


def test_a_broken_csv_uploaded_through_the_web_form_gets_its_report(app, draft, sysadmin):
    """The publisher's path: the resource form of the draft, a file upload, the background job,
    then the resource page in Portuguese with the rows and the column to fix."""
    token = call_action(
        "api_token_create", {"user": sysadmin["name"]}, user=sysadmin["name"], name="form"
    )["token"]
    as_publisher = {"Authorization": token}  # token requests need no CSRF token
    response = app.post(
        "/dataset/contentores/resource/new",
        headers=as_publisher,
        data={
            "id": "",
            "upload": (io.BytesIO(BROKEN_CSV), "niveis.csv"),
            "url": "",
            "name": "Níveis",
            "format": "",
            "temporal_resolution": "PT1H",
            "save": "again",
        },
        follow_redirects=False,
    )
    assert response.status_code == 302, response.body
    (resource,) = call_action("package_show", id=draft["id"])["resources"]
    assert resource["format"] == "CSV" and resource["url_type"] == "upload"
    _work()
    page = app.get(f"/dataset/contentores/resource/{resource['id']}", headers=as_publisher).body
    assert "Erros a corrigir" in page and "linha 4" in page and "linha 7" in page
    assert "nivel" in page and "Validar de novo" in page


def test_a_table_is_held_to_the_table_schema_of_the_model_its_dataset_declares(
    app, draft, sysadmin
):
    """The draft conforms to the CNMD WasteContainer model: its CSV is checked column by column
    against that model's tabular form (allowed status values, numbers, unique ids)."""
    content = (DATA / "tables" / "waste_containers_bad.csv").read_bytes()
    resource = _upload(sysadmin, draft, "contentores.csv", content, "csv")
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    table = next(r for r in summary["reports"] if r["kind"] == "table")
    assert table["stats"]["table_schema"] == "WasteContainer"
    found = {(f["type"], f.get("row"), f.get("field")) for f in table["findings"]}
    assert {("constraint-error", 2, "status"), ("type-error", 3, "binCapacity")} <= found
    assert ("missing-label", None, "binFullnessThreshold") in found
    token = call_action(
        "api_token_create", {"user": sysadmin["name"]}, user=sysadmin["name"], name="page"
    )["token"]
    page = app.get(
        f"/dataset/contentores/resource/{resource['id']}", headers={"Authorization": token}
    ).body
    assert "Table Schema do modelo CNMD WasteContainer" in page and "cheio" in page


def test_a_geojson_fills_the_coverage_the_publisher_did_not_draw(draft, sysadmin):
    content = (DATA / "AcoresOcidentalConcelhos.geojson").read_bytes()
    resource = _upload(sysadmin, draft, "concelhos.geojson", content, "geojson")
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    geometry = next(r for r in summary["reports"] if r["kind"] == "geometry")
    assert geometry["crs"] == "EPSG:5014"
    west, south, east, north = geometry["bbox"]
    assert -31.3 < west < east < -31.0 and 39.3 < south < north < 39.8
    dataset = call_action("package_show", id=draft["id"])
    assert dataset["spatial_coverage"][0]["bbox"]


def test_filling_the_coverage_does_not_check_the_record_s_files_again(draft, sysadmin):
    """Issue 11: the coverage is saved without re-running the checks of the record's files.
    A table added while the checks were off is left unchecked when the map file's check fills
    the coverage, and that check does not queue another one; the record, its search index and
    the check's report show the filled coverage as before."""
    content = (DATA / "AcoresOcidentalConcelhos.geojson").read_bytes()
    with pytest.MonkeyPatch.context() as checks_off:
        checks_off.setitem(tk.config, "ckanext.enti.validation.enabled", False)
        table = _upload(sysadmin, draft, "niveis.csv", BROKEN_CSV, "csv")
        shapes = _upload(sysadmin, draft, "concelhos.geojson", content, "geojson")
    assert not ResourceCheck.all_of(draft["id"])
    call_action("enti_validation_run", {"user": sysadmin["name"]}, id=shapes["id"])
    checked = ResourceCheck.of(shapes["id"])
    assert checked is not None and checked.status == "pending"
    _work()
    assert call_action("package_show", id=draft["id"])["spatial_coverage"][0]["bbox"]
    found = call_action(
        "package_search",
        {"user": sysadmin["name"]},
        ext_bbox="-31.5,39.0,-30.9,40.0",
        include_drafts=True,
    )["results"]
    assert [d["id"] for d in found] == [draft["id"]]
    assert call_action("enti_validation_show", id=table["id"])["status"] == "not-validated"
    (check,) = ResourceCheck.all_of(draft["id"])
    assert check.resource_id == shapes["id"] and check.status == "valid"


class _Files(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"a;b\n" + b"1;2\n" * 50_000
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _link(sysadmin, dataset, url: str) -> dict:
    return call_action(
        "resource_create",
        {"user": sysadmin["name"]},
        package_id=dataset["id"],
        url=url,
        name="ligação",
        format="csv",
    )


def test_a_link_to_a_private_address_is_refused_with_a_report(draft, sysadmin, file_server):
    resource = _link(sysadmin, draft, file_server + "/dados.csv")
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    assert summary["status"] == "error"
    (finding,) = summary["reports"][0]["findings"]
    assert "127.0.0.1" in finding["message_en"]


@pytest.mark.ckan_config("ckanext.enti.validation.allow_hosts", "127.0.0.1")
@pytest.mark.ckan_config("ckanext.enti.validation.max_bytes", "1000")
def test_a_file_over_the_size_cap_is_refused_with_a_report(draft, sysadmin, file_server):
    resource = _link(sysadmin, draft, file_server + "/grande.csv")
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    assert summary["status"] == "error"
    assert summary["reports"][0]["findings"][0]["type"] == "too-large"


@pytest.mark.ckan_config("ckanext.enti.validation.allow_hosts", "127.0.0.1")
def test_an_allowed_link_is_fetched_and_validated(draft, sysadmin, file_server):
    resource = _link(sysadmin, draft, file_server + "/dados.csv")
    _work()
    summary = call_action("enti_validation_show", id=resource["id"])
    assert summary["status"] == "valid", summary
    table = next(r for r in summary["reports"] if r["kind"] == "table")
    assert table["stats"]["rows"] == 50_000


@pytest.mark.ckan_config("ckanext.enti.validation.block_invalid", "true")
def test_an_invalid_file_can_block_publication_when_configured(draft, sysadmin):
    _upload(sysadmin, draft, "niveis.csv", BROKEN_CSV, "csv")
    _work()
    patch = {
        "id": draft["id"],
        "state": "active",
        "spatial_coverage": records.dataset("x")["spatial_coverage"],
    }
    with pytest.raises(Exception) as refused:
        call_action("package_patch", {"user": sysadmin["name"]}, **patch)
    assert "validação" in str(refused.value)


def test_only_editors_may_run_a_validation_and_others_see_reports_of_public_files(
    app, draft, sysadmin
):
    resource = _upload(sysadmin, draft, "niveis.csv", BROKEN_CSV, "csv")
    stranger = factories.UserWithToken()
    response = app.post(
        "/api/3/action/enti_validation_run",
        json={"id": resource["id"]},
        headers={"Authorization": stranger["token"]},
    )
    # The resource is in a draft the stranger may not read: answered as missing (issue 10).
    assert response.status_code == 404
