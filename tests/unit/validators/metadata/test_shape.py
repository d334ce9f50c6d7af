"""The shape of a record, checked before CKAN reads it (issue 10): no CKAN needed."""

from __future__ import annotations

import json

from enti.validators.metadata.shape import (
    ENTRIES,
    LIST,
    MAX_BODY_DEPTH,
    TEXT,
    Shape,
    json_depth,
    shape_errors,
)

SHAPES = {
    "title": Shape(TEXT, 500),
    "theme": Shape(LIST),
    "contact": Shape(ENTRIES, subfields={"name": Shape(TEXT), "email": Shape(TEXT)}),
}


def _english(errors):
    return {
        k: [m.en for m in v] if isinstance(v, list) and v and hasattr(v[0], "en") else v
        for k, v in errors.items()
    }


def test_a_well_formed_record_has_no_errors():
    record = {
        "title": "Contentores",
        "theme": ["ENVI", "TRAN"],
        "contact": [{"name": "PGU", "email": "pgu@cm.example"}],
        "version": 2,
        "private": False,
        "unknown": {"a": [1, 2, {"b": 3}]},
    }
    assert shape_errors(record, SHAPES) == {}


def test_a_list_or_an_object_where_text_is_expected_is_named():
    errors = _english(shape_errors({"title": ["Um", "Dois"]}, SHAPES))
    assert errors == {"title": ["Give a text value (not a list or an object)"]}
    assert "title" in shape_errors({"title": {"pt": "Um"}}, SHAPES)


def test_a_number_or_a_nested_list_where_a_list_of_texts_is_expected():
    assert _english(shape_errors({"theme": 5}, SHAPES))["theme"] == [
        "Give a list of text values (or a single value)"
    ]
    assert "theme" in shape_errors({"theme": [["x"]]}, SHAPES)
    assert shape_errors({"theme": "ENVI"}, SHAPES) == {}


def test_text_over_its_maximum_length():
    errors = _english(shape_errors({"title": "T" * 100_000}, SHAPES))
    assert errors["title"] == ["Text too long: at most 500 characters"]


def test_entries_are_checked_one_by_one_in_ckans_layout():
    errors = shape_errors({"contact": [{"name": "ok"}, {"name": ["a"]}]}, SHAPES)
    assert errors["contact"][0] == {} and "name" in errors["contact"][1]
    assert shape_errors({"contact": '[{"name": "PGU"}]'}, SHAPES) == {}  # JSON text: read later
    assert "contact" in shape_errors({"contact": [1, 2]}, SHAPES)


def test_unknown_fields_may_not_nest_deeply():
    deep: list = []
    for _ in range(20):
        deep = [deep]
    assert "extra" in shape_errors({"extra": deep}, SHAPES)


def test_a_record_that_is_not_an_object():
    assert "__root__" in shape_errors(["a"], SHAPES)


def test_json_depth_counts_brackets_outside_strings_only():
    assert (
        json_depth(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == 0
    )
    deep = b"[" * 100_000 + b"]" * 100_000
    assert json_depth(deep) == 100_000 > MAX_BODY_DEPTH
    ordinary = json.dumps({"coordinates": [[[i, i] for i in range(5000)]]}).encode()
    assert json_depth(ordinary) == 4
