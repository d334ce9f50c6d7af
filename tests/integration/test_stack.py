"""The catalogue runs on the real stack with every plugin it builds on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from ckan.tests.helpers import call_action

REPO = Path(__file__).resolve().parents[2]


def test_status_lists_enti_and_the_extensions_it_builds_on():
    extensions = call_action("status_show")["extensions"]
    for plugin in (
        "enti",
        "scheming_datasets",
        "scheming_organizations",
        "dcat",
        "spatial_metadata",
        "spatial_query",
        "harvest",
        "dcat_rdf_harvester",
    ):
        assert plugin in extensions


def test_enti_cli_is_registered(cli):
    from ckan.cli.cli import ckan

    result = cli.invoke(ckan, ["enti", "--help"])
    assert result.exit_code == 0 and "load-demo" in result.output


@pytest.mark.usefixtures("clean_db")
def test_home_page_answers_in_portuguese(app):
    response = app.get("/")
    assert response.status_code == 200
    assert "Os 308 municípios" in response.body  # the ENTI introduction
    assert "placeholder-420x220" not in response.body


def test_services_bootstrap_survives_a_second_run():
    """deploy/stack.sh services is idempotent: rerun while everything is up, nothing breaks."""
    result = subprocess.run(
        ["bash", str(REPO / "deploy" / "stack.sh"), "services"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stdout
    # The database and the search index still answer after the rerun.
    assert call_action("package_search", q="*:*")["count"] >= 0
