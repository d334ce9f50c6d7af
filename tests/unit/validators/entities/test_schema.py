"""The CNMD JSON Schemas compiled once per model (:mod:`enti.validators.entities.schema`) and held
to jsonschema's verdicts."""

from collections import Counter

import pytest
from jsonschema import Draft202012Validator

from enti.schemas.reference.cnmd import load_schema, models, refs_registry
from enti.validators.entities.ngsi import normalize
from enti.validators.entities.schema import catalogue, compile_schema, format_checker

from .cnmd_examples import MODELS, example_of


def test_each_schema_is_compiled_once():
    model = catalogue().model_named("WeatherObserved")
    assert catalogue().schema(model) is catalogue().schema(model)
    assert all(catalogue().schema(m).compiled for m in models())


def mutations(kv):
    """The entity, then each member missing or replaced by values of every JSON type."""
    yield kv
    for i, name in enumerate(k for k in kv if k not in ("id", "type")):
        bad = [None, "", -1.5, True, "x", [], {}, ["a", "a"], "2024-01-01", [{}]]
        yield from ({**kv, name: value} for value in bad[i % 3 :: 3])
        yield {k: v for k, v in kv.items() if k != name}
        if isinstance(kv[name], dict):
            for j, member in enumerate(kv[name]):
                yield {**kv, name: {**kv[name], member: [None, "", 7, "zz"][j % 4]}}


@pytest.mark.parametrize("model", MODELS)
def test_the_compiled_schema_agrees_with_jsonschema(model):
    entry = catalogue().model_named(model)
    compiled = catalogue().schema(entry)
    reference = Draft202012Validator(
        load_schema(entry), registry=refs_registry(), format_checker=format_checker()
    )
    kv = normalize(example_of(model))
    kv.pop("@context", None)
    for case in mutations(kv):
        ours = compiled.check(case) or []
        assert compiled.test(case) is (not ours)
        theirs = list(reference.iter_errors(case))
        assert Counter((e.path, e.keyword) for e in ours) == Counter(
            (tuple(e.relative_path), e.validator) for e in theirs
        )


def test_a_keyword_not_compiled_falls_back_to_jsonschema():
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "dependentRequired": {"endDate": ["startDate"]},
        "properties": {"endDate": {"type": "string", "format": "date-time"}},
    }
    compiled = compile_schema(schema, refs_registry(), format_checker())
    assert not compiled.compiled
    assert compiled.test({"startDate": "x"})
    (error,) = compiled.check({"endDate": "2024-01-01T00:00:00Z"})
    assert (error.path, error.keyword) == ((), "dependentRequired")
    (error,) = compiled.check({"endDate": "yesterday", "startDate": "x"})
    assert (error.path, error.keyword) == (("endDate",), "format")
