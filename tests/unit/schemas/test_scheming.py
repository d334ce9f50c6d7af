"""The scheming YAML is bilingual throughout: every label, help text and placeholder given as a
mapping has exactly a Portuguese and an English text (no key split off by a stray comma)."""

import pytest
import yaml

from enti.schemas import path
from enti.schemas.reference.vocabularies import vocabulary_names

SCHEMAS = sorted(path("scheming").glob("*.yaml"))
TEXT_KEYS = ("label", "help_text", "form_placeholder", "repeating_label")


def _fields(schema):
    for group in ("dataset_fields", "resource_fields", "fields"):
        for field in schema.get(group) or []:
            yield field
            yield from field.get("repeating_subfields", [])


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_texts_are_in_portuguese_and_english(path):
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in _fields(schema):
        for key in TEXT_KEYS:
            text = field.get(key)
            if isinstance(text, dict):
                assert set(text) == {"pt_PT", "en"}, (path.name, field["field_name"], key, text)
        for choice in field.get("choices", []):
            assert set(choice["label"]) == {"pt_PT", "en"}, (path.name, field["field_name"])


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_vocabulary_fields_name_a_shipped_vocabulary(path):
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in _fields(schema):
        if "enti_vocabulary" in field:
            assert field["enti_vocabulary"] in vocabulary_names(), field["field_name"]
