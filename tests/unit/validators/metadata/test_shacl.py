"""DCAT-AP SHACL gate (no CKAN): the official shapes find real defects and pass clean graphs."""

from rdflib import RDF, Graph, Literal, URIRef

from enti.validators.metadata.shacl import validate_graph
from tests.unit.testdata import BEE, DCAT, DCT


def test_official_example_has_its_known_range_defect():
    graph = Graph().parse(BEE)
    report = validate_graph(graph, enti=False)
    assert not report.conforms
    assert [(v.path.rsplit("/", 1)[-1], v.message) for v in report.violations] == [
        ("publisher", "Value does not have class foaf:Agent")
    ]


def test_a_dataset_without_title_and_description_is_refused():
    graph = Graph()
    dataset = URIRef("https://dados.example/dataset/1")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    report = validate_graph(graph)
    paths = {v.path for v in report.violations}
    assert str(DCT.title) in paths and str(DCT.description) in paths


def test_a_minimal_dataset_conforms_to_dcat_ap_and_recommended_gaps_are_warnings():
    graph = Graph()
    dataset = URIRef("https://dados.example/dataset/1")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCT.title, Literal("Resíduos", lang="pt")))
    graph.add((dataset, DCT.description, Literal("Contentores.", lang="pt")))
    report = validate_graph(graph, recommended=True, enti=False)
    assert report.conforms
    assert report.findings and all(f.severity == "Warning" for f in report.findings)


def test_enti_overlay_names_what_the_national_model_adds():
    report = validate_graph(Graph().parse(BEE))
    messages = {v.message for v in report.violations}
    for needed in ("identifier", "contact point", "spatial resolution", "distribution"):
        assert any(needed in m for m in messages), needed


def test_overlay_leaves_linked_stubs_alone():
    graph = Graph()
    service = URIRef("https://dados.example/service/1")
    served = URIRef("https://dados.example/dataset/9")
    graph.add((served, RDF.type, DCAT.Dataset))
    graph.add((served, DCT.title, Literal("Servido", lang="pt")))
    graph.add((served, DCT.description, Literal("Descrito noutro registo.", lang="pt")))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCT.title, Literal("API", lang="pt")))
    graph.add((service, DCAT.servesDataset, served))
    focus = {v.focus for v in validate_graph(graph).violations}
    assert str(service) in focus and str(served) not in focus
