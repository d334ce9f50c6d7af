"""The CNMD catalogue index (:mod:`enti.schemas.reference.cnmd`): every schema a known model, and
every remote ``$ref`` of the models resolved from the local copy, with the network off, and nothing
else."""

import socket

import pytest
from referencing.exceptions import Unresolvable

from enti.schemas.reference import cnmd
from enti.schemas.reference.cnmd import load_schema, models, refs_registry
from enti.validators.metadata import terms

pytestmark = pytest.mark.usefixtures("no_network")


def test_the_network_is_really_disabled():
    with pytest.raises(OSError, match="network disabled"):
        socket.create_connection(("smart-data-models.github.io", 443), timeout=1)


def test_every_remote_ref_of_the_cnmd_resolves_from_the_local_copy():
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and node["$ref"].startswith("http"):
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in models():
        walk(load_schema(model))
    resolver = refs_registry().resolver()
    assert len(refs) >= 10
    for ref in refs:
        assert resolver.lookup(ref).contents, ref


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.org/schema.json",
        "https://smart-data-models.github.io/data-models/missing.json",
        "https://smart-data-models.github.io/../../etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_anything_without_a_local_copy_is_refused(uri):
    with pytest.raises(Unresolvable):
        refs_registry().resolver().lookup(uri)


def test_every_cnmd_schema_is_a_known_model():
    models = cnmd.models()
    assert len(models) == 84  # 90 schemas, less the 6 of the metadata model itself
    waste = next(m for m in models if m.entity_type == "WasteContainer")
    assert cnmd.model_for(waste.uri) is waste
    assert cnmd.model_for(waste.schema_id) is waste
    assert terms.conforms_to_error(waste.uri) is None
