"""DCAT-AP SHACL gate (no CKAN): the official shapes find real defects and pass clean graphs."""

from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef

from enti.validators.shacl import validate_graph

DATA = Path(__file__).parent.parent / "data"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")


def test_official_example_has_its_known_range_defect():
    report = validate_graph(Graph().parse(DATA / "3.0.1-example-bee-population.ttl"))
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


def test_a_minimal_dataset_conforms_and_recommended_gaps_are_warnings():
    graph = Graph()
    dataset = URIRef("https://dados.example/dataset/1")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCT.title, Literal("Resíduos", lang="pt")))
    graph.add((dataset, DCT.description, Literal("Contentores.", lang="pt")))
    report = validate_graph(graph, recommended=True)
    assert report.conforms
    assert report.findings and all(f.severity == "Warning" for f in report.findings)
