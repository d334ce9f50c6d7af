"""The catalogue served from per-record fragments (issue 4, speed): every page is the same graph as
ckanext-dcat's live serialisation, in each format, and no change to a record, its organization or
its series is ever served stale."""

from __future__ import annotations

import pytest
from ckan.plugins import toolkit as tk
from ckan.tests.helpers import call_action
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ckanext.enti.dcat.cache import clear
from ckanext.enti.dcat.fragments import RDFLIB_FORMATS

from . import records

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

FAST = "ckanext.enti.dcat.fragment_cache"
# Endpoint extension -> the fragment format it is served from.
FORMATS = {"ttl": "ttl", "rdf": "xml", "jsonld": "jsonld", "n3": "ttl"}
DCT = "http://purl.org/dc/terms/"


def _page(app, url: str, fmt: str) -> Graph:
    response = app.get(url)
    assert response.status_code == 200, response.body
    return Graph().parse(data=response.body, format=RDFLIB_FORMATS[FORMATS[fmt]])


def _same_graph(fast: Graph, live: Graph) -> None:
    if not isomorphic(fast, live):
        _, only_fast, only_live = graph_diff(to_isomorphic(fast), to_isomorphic(live))
        pytest.fail(f"cached page only: {list(only_fast)[:5]}; live only: {list(only_live)[:5]}")


@pytest.mark.ckan_config("ckanext.dcat.datasets_per_page", "2")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cached_pages_are_the_live_graph(app, catalogue, sysadmin, monkeypatch, fmt):
    call_action(
        "package_create",
        {"user": sysadmin["name"]},
        **records.dataset(
            catalogue["id"],
            name="outro",
            title='Aspas " e \\ barra',
            conforms_to=[],
        ),
    )
    for page in (1, 2):
        url = f"/catalog.{fmt}?page={page}"
        cold = _page(app, url, fmt)  # builds the fragments
        warm = _page(app, url, fmt)  # served from them
        monkeypatch.setitem(tk.config, FAST, False)
        live = _page(app, url, fmt)
        monkeypatch.setitem(tk.config, FAST, True)
        _same_graph(cold, live)
        _same_graph(warm, live)
        assert len(set(live.objects(None, URIRef("http://www.w3.org/ns/dcat#dataset")))) >= 1


def _titles(app) -> set[str]:
    graph = _page(app, "/catalog.ttl", "ttl")
    return {str(o) for o in graph.objects(None, URIRef(DCT + "title"))}


def test_an_edited_record_is_never_served_stale(app, catalogue, sysadmin):
    assert "Níveis de enchimento dos contentores de resíduos" in _titles(app)
    call_action(
        "package_patch", {"user": sysadmin["name"]}, id="contentores-lisboa", title="Novo título"
    )
    titles = _titles(app)
    assert "Novo título" in titles
    assert "Níveis de enchimento dos contentores de resíduos" not in titles


def test_a_new_publisher_uri_reaches_every_record_of_the_organization(app, catalogue, sysadmin):
    assert "<https://www.lisboa.pt/>" in app.get("/catalog.ttl").body
    call_action(
        "organization_patch",
        {"user": sysadmin["name"]},
        id=catalogue["id"],
        publisher_uri="https://dados.lisboa.pt/",
    )
    text = app.get("/catalog.ttl").body
    assert "<https://dados.lisboa.pt/>" in text and "<https://www.lisboa.pt/>" not in text


def test_a_renamed_series_is_renamed_in_its_editions(app, catalogue, sysadmin):
    app.get("/catalog.ttl")
    call_action(
        "package_patch",
        {"user": sysadmin["name"]},
        id="contentores-lisboa-anual",
        title="Série renomeada",
    )
    graph = _page(app, "/catalog.ttl", "ttl")
    series = next(graph.objects(None, URIRef("http://www.w3.org/ns/dcat#inSeries")))
    assert {str(t) for t in graph.objects(series, URIRef(DCT + "title"))} == {"Série renomeada"}


def test_warm_command_builds_every_public_record(app, catalogue, cli):
    from ckan.cli.cli import ckan

    clear()
    result = cli.invoke(ckan, ["enti", "dcat-cache", "warm"])
    assert result.exit_code == 0, result.output
    assert "3 records listed, fragments built for 3" in result.output
    again = cli.invoke(ckan, ["enti", "dcat-cache", "warm"])
    assert "fragments built for 0" in again.output


def test_a_bad_page_is_a_clear_error(app, catalogue):
    response = app.get("/catalog.ttl?page=abc")
    assert response.status_code in (400, 409)
    assert "Traceback" not in response.body
    assert app.get("/catalog.ttl?modified_since=not-a-date").status_code in (400, 409)


@pytest.fixture
def fresh_signature():
    from ckanext.enti.dcat import cache

    cache._inputs_digest.cache_clear()
    yield cache
    cache._inputs_digest.cache_clear()


def test_a_vocabulary_edit_changes_the_fragment_signature(fresh_signature, monkeypatch, tmp_path):
    """Issue 11: the signature covers the vocabularies (labels and URIs in every fragment), so
    a vocabulary edit leaves no cached page stale."""
    from enti.schemas import path

    cache = fresh_signature
    inputs = cache.rdf_inputs()
    assert set(path("vocabularies").glob("*.yaml")) <= set(inputs)
    before = cache.signature()
    edited = tmp_path / "licence.yaml"
    edited.write_text(path("vocabularies", "licence.yaml").read_text() + "\n# editado\n")
    monkeypatch.setattr(
        cache, "rdf_inputs", lambda: [edited if p.name == edited.name else p for p in inputs]
    )
    cache._inputs_digest.cache_clear()
    assert cache.signature() != before
