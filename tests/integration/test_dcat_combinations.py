"""A generated catalogue covering every optional part of the ENTI schemas, in every pairwise
combination, passes DCAT-AP 3.0.1 (mandatory + ranges) and the ENTI overlay with 0 violations,
its HVD records pass the HVD shapes, and no literal stands where an EU vocabulary URI belongs."""

from __future__ import annotations

import itertools
import json

import pytest
from ckan.tests.helpers import call_action
from rdflib import Graph, URIRef

from enti.validators.metadata.shacl import validate_graph

from . import records
from .conftest import AZORES_WEST, PORTO, bbox_polygon
from .test_dcat import URI_ONLY

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

EU = "http://publications.europa.eu/resource/authority/"
HVD = {
    "hvd_category": ["http://data.europa.eu/bna/c_dd313021"],
    "documentation": ["https://pgu.example/docs"],
}
# Each optional part of a dataset, with the values it can take (None: left out).
PARTS: dict[str, list[dict | None]] = {
    "hvd": [None, HVD],
    "inspire": [
        None,
        {
            "enti_geographic": True,
            "inspire_topic_category": (
                "http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/boundaries"
            ),
            "inspire_crs": "http://www.opengis.net/def/crs/EPSG/0/5014",
        },
    ],
    "coverage": [
        {"spatial_coverage": [{"text": "Porto", "bbox": bbox_polygon(*PORTO)}]},
        {
            "spatial_coverage": [
                {"text": "Flores", "geom": bbox_polygon(*AZORES_WEST)},
                {"uri": "http://data.europa.eu/nuts/code/PT1"},
            ]
        },
    ],
    "time": [
        {"temporal_coverage": []},
        {"temporal_coverage": [{"start": "2020-01-01", "end": "2020-12-31"}]},
        {"temporal_coverage": [{"start": "2021-01-01"}], "frequency": EU + "frequency/DAILY"},
    ],
    "extras": [
        None,
        {
            "enti_vertical": ["https://w3id.org/enti/vertical/street-lighting"],
            "theme": [EU + "data-theme/ENER", EU + "data-theme/ENVI"],
            "version": "1.0",
            "provenance": "Sensores da rede municipal.",
            "related_resource": ["https://example.org/relacionado"],
            "access_rights": EU + "access-right/PUBLIC",
            "language": [EU + "language/POR", EU + "language/ENG"],
            "conforms_to": [],
        },
    ],
    "distributions": [
        {"resources": [records.distribution()]},
        {
            "license_id": "cc-zero",
            "resources": [
                records.distribution(format="csv", url="https://example.org/a.csv"),
                records.distribution(
                    format="geojson",
                    url="https://example.org/a.geojson",
                    download_url="https://example.org/download/a.geojson",
                    description="Geometrias.",
                ),
                records.distribution(format="xml", url="https://example.org/a.xml"),
            ],
        },
    ],
}


def pairwise_variants() -> list[dict]:
    """Enough records that every pair of values of two parts occurs in at least one."""
    names = list(PARTS)
    pending = {
        (a, i, b, j)
        for a, b in itertools.combinations(names, 2)
        for i in range(len(PARTS[a]))
        for j in range(len(PARTS[b]))
    }
    variants = []
    for choice in itertools.product(*(range(len(PARTS[n])) for n in names)):
        picked = dict(zip(names, choice, strict=True))
        covers = {
            (a, picked[a], b, picked[b]) for a, b in itertools.combinations(names, 2)
        } & pending
        if covers:
            pending -= covers
            variants.append(picked)
        if not pending:
            break
    return variants


@pytest.fixture
def generated(catalogue, sysadmin):
    context = {"user": sysadmin["name"]}
    created = []
    for n, picked in enumerate(pairwise_variants()):
        fields: dict = {"name": f"variante-{n}", "title": f"Variante {n}", "in_series": []}
        for part, index in picked.items():
            fields.update(PARTS[part][index] or {})
        if n % 3 == 0:
            fields["in_series"] = ["contentores-lisboa-anual"]
        created.append(
            call_action("package_create", context, **records.dataset(catalogue["id"], **fields))
        )
    call_action(
        "package_create",
        context,
        **records.dataservice(catalogue["id"], name="api-simples", conforms_to=[]),
    )
    call_action(
        "package_create",
        context,
        **records.dataservice(
            catalogue["id"],
            name="api-hvd",
            serves_dataset=[d["name"] for d in created[:3]],
            **HVD,
        ),
    )
    return created


def test_every_combination_conforms(app, generated):
    assert len(generated) >= 6  # the covering array is not trivial
    graph = Graph().parse(data=app.get("/catalog.ttl").body, format="turtle")
    listed = set(graph.objects(None, URIRef("http://www.w3.org/ns/dcat#dataset")))
    assert len(listed) == len(generated) + 2  # + the series and the catalogue fixture's dataset
    report = validate_graph(graph)
    assert report.conforms, [(v.focus, v.path, v.message) for v in report.violations]
    hvd = validate_graph(graph, hvd=True)
    assert hvd.conforms, [(v.focus, v.path, v.message) for v in hvd.violations]
    assert not list(graph.query(URI_ONLY))


def test_the_variants_cover_every_pair():
    variants = pairwise_variants()
    for a, b in itertools.combinations(PARTS, 2):
        seen = {(v[a], v[b]) for v in variants}
        assert len(seen) == len(PARTS[a]) * len(PARTS[b]), (a, b, json.dumps(sorted(seen)))
