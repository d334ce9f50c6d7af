"""dados.gov.pt (udata) harvests our catalogue: udata 17.18.0's own DCAT harvester, in a dry run
(tests/udata_check/udata_parse.py), follows every page of /catalog.{ttl,rdf,jsonld} served over
HTTP by the real CKAN app, and each public record arrives once, whole and readable."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from ckan.tests.helpers import call_action
from werkzeug.serving import make_server

from . import records
from .conftest import PORTO, bbox_polygon

REPO = Path(__file__).resolve().parents[2]
UDATA_PYTHON = Path(os.environ.get("ENTI_STATE_DIR", REPO / ".state")) / "udata-venv/bin/python"
UDATA_PARSE = REPO / "tests/udata_check/udata_parse.py"
PER_PAGE = 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Chosen once, at import, so that ckan.site_url (and so every hydra:next) points at the server.
PORT = _free_port()
SITE = f"http://127.0.0.1:{PORT}"

pytestmark = [
    pytest.mark.usefixtures("clean_db", "clean_index"),
    pytest.mark.ckan_config("ckan.site_url", SITE),
    pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", str(PER_PAGE)),
]


@pytest.fixture
def served(app):
    """The CKAN test app's whole WSGI stack (not its test client) on SITE, in a thread."""
    server = make_server("127.0.0.1", PORT, app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE
    server.shutdown()
    server.server_close()
    thread.join(10)


def _dataset(context: dict, org_id: str, name: str, title: str, **fields) -> None:
    url = f"https://dados.cm-lisboa.pt/{name}.csv"
    resources = [records.distribution(url=url, format="csv", name=title)]
    data = records.dataset(org_id, name=name, title=title, conforms_to=[], resources=resources)
    call_action("package_create", context, **{**data, **fields})


@pytest.fixture
def public(catalogue, sysadmin, served):
    """Three more datasets and a private one; the six public records, as package_search returns
    them in catalogue order (three pages).

    udata refuses the reserved .example domain of records.py ("Invalid TLD example"); a
    publisher's URLs are real, so the fixture's resource and endpoint URLs move to .pt."""
    context = {"user": sysadmin["name"]}
    _dataset(context, catalogue["id"], "ocupacao-parques", "Ocupação dos parques de estacionamento")
    porto = [{"text": "Porto", "bbox": bbox_polygon(*PORTO)}]
    _dataset(
        context,
        catalogue["id"],
        "qualidade-ar-porto",
        "Qualidade do ar no Porto",
        license_id="cc-by-sa",
        spatial_coverage=porto,
    )
    resources = [records.distribution(url="https://dados.cm-lisboa.pt/contentores.json")]
    call_action("package_patch", context, id="contentores-lisboa", resources=resources)
    _dataset(context, catalogue["id"], "arvores", "Árvores em espaço público", temporal_coverage=[])
    call_action(
        "package_patch",
        context,
        id="api-pgu-lisboa",
        endpoint_url="https://pgu.cm-lisboa.pt/ngsi-ld/v1/entities",
        endpoint_description="https://pgu.cm-lisboa.pt/openapi.json",
    )
    call_action(
        "package_create", context, **records.dataset(catalogue["id"], name="privado", private=True)
    )
    found = call_action("package_search", rows=100, sort="metadata_modified desc")["results"]
    # The catalogue's order: links cross pages, each to a later one. The service (page 1) serves
    # contentores-lisboa (page 2), a member of the series on page 3.
    assert [r["name"] for r in found] == [
        "api-pgu-lisboa",
        "arvores",
        "contentores-lisboa",
        "qualidade-ar-porto",
        "ocupacao-parques",
        "contentores-lisboa-anual",
    ]
    return found


@pytest.fixture
def udata_python() -> Path:
    """The udata venv's python; its absence fails the test (the check is part of `make test`)."""
    if not UDATA_PYTHON.exists():
        pytest.fail(f"{UDATA_PYTHON} missing: create it with deploy/udata_venv.sh", pytrace=False)
    return UDATA_PYTHON


def _udata(python: Path, fmt: str) -> tuple[int, dict]:
    done = subprocess.run(
        [str(python), str(UDATA_PARSE), f"{SITE}/catalog.{fmt}", "--allow-local-urls"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"udata_parse.py exited {done.returncode} without JSON: {done.stderr[-2000:]}")


def _bbox(record: dict) -> list[float]:
    ring = json.loads(record["spatial_coverage"][0]["bbox"])["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return [min(xs), min(ys), max(xs), max(ys)]


def _temporal(record: dict) -> dict | None:
    periods = record.get("temporal_coverage") or []
    return {"start": periods[0]["start"], "end": periods[0]["end"]} if periods else None


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_udata_harvests_every_public_record_once_and_whole(udata_python, public, fmt):
    code, out = _udata(udata_python, fmt)
    problems = {k: out.get(k) for k in ("failed", "skipped", "job_errors", "encoding_problems")}
    assert code == 0, problems
    assert not any(problems.values()), problems
    assert out["pages"] == -(-len(public) // PER_PAGE) == 3, out["page_urls"]

    ours = {r["identifier"]: r for r in public}
    harvested = [x["identifier"] for x in out["datasets"] + out["dataservices"]]
    assert sorted(harvested) == sorted(ours), "each public record exactly once, by dct:identifier"
    # Besides, udata meets the series and the served dataset as links on pages other than their
    # own (typed and named only, no identifier) and skips them there: never a second copy.
    assert out["items"] == len(ours) + len(out["references"])
    assert all(not r["identifier"] for r in out["references"])

    # Accents arrive as written ("Níveis", "gestão", "Ocupação", "Árvores").
    assert {x["identifier"]: x["title"] for x in out["datasets"] + out["dataservices"]} == {
        i: r["title"] for i, r in ours.items()
    }
    assert {r["decoded_as"] for r in out["http_responses"]} == {"utf-8"}

    for item in out["datasets"]:
        record = ours[item["identifier"]]
        assert item["spatial"]["bbox"] == pytest.approx(_bbox(record)), record["name"]
        assert item["temporal"] == _temporal(record), record["name"]
        if record["type"] != "dataset":
            continue
        assert (item["license"], item["license_is_fallback"]) == (record["license_id"], False)
        assert sorted((r["url"], r["format"]) for r in item["resource_details"]) == sorted(
            (r["url"], r["format"].lower()) for r in record["resources"]
        ), record["name"]

    assert [x["identifier"] for x in out["datasets"] if x["hvd"]] == [
        ours_id for ours_id, r in ours.items() if r.get("hvd_category")
    ]
    (service,) = out["dataservices"]
    record = ours[service["identifier"]]
    assert record["type"] == "dataservice" and service["license"] == "cc-by"
    assert service["base_api_url"] == record["endpoint_url"]
    assert service["datasets"] == [
        ours_id for ours_id, r in ours.items() if r["name"] == "contentores-lisboa"
    ]
