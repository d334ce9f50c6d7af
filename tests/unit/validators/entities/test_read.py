"""Reading an entities payload (:mod:`enti.validators.entities.read`): its forms, a syntax error
named with its line, the fast and the standard reader agreeing."""

import json

from enti.validators.entities.validate import validate_entities

from .cnmd_examples import ENTITY_FILES, WEATHER, load


def test_a_payload_can_be_an_array_one_entity_or_json_ld_with_graph():
    entity = load(WEATHER)
    text = json.dumps([entity, entity | {"id": entity["id"] + "-2"}], ensure_ascii=False)
    for payload in (text, text.encode(), b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        assert validate_entities(payload).stats["entities"] == 2
    assert validate_entities(json.dumps(entity)).stats["entities"] == 1
    graph = {"@context": entity["@context"], "@graph": [entity]}
    assert validate_entities(graph).stats["valid"] == 1


def test_invalid_json_is_one_clear_finding():
    report = validate_entities((ENTITY_FILES / "broken-array.json").read_bytes(), source="broken")
    finding = report.findings[-1]
    assert (finding.type, finding.severity) == ("not-json", "error")
    # the comma missing after the "}" closing line 127: expected where the next "{" is
    assert (
        "linha 128, coluna 3" in finding.message.pt and "line 128, column 3" in finding.message.en
    )
    assert report.stats["entities"] == 1  # the entity before the error was still checked
    for broken in (b"", b"{", b"[1,]", b"[NaN]", b"\xff\xfe\xfa", b'[{"a": "\xe7"}]'):
        assert validate_entities(broken).findings[-1].type == "not-json"
    (finding,) = validate_entities(b'[{"name": "Jos\xe9"}]').findings
    assert "UTF-8" in finding.message.pt


def test_the_fast_and_the_standard_reader_agree():
    """bytes in UTF-8 take msgspec's path, text the standard library's: same entities, same
    report; what only one of them accepts falls back or is located the same way."""
    entity = load(WEATHER)
    entities = [entity | {"id": f"{entity['id']}-{i}"} for i in range(3)]
    entities[1]["temperature"] = {"type": "Property", "value": "quente"}
    text = json.dumps(entities, ensure_ascii=False, indent=1)
    fast, standard = validate_entities(text.encode()), validate_entities(text)
    assert fast.to_dict() == standard.to_dict() and fast.stats["invalid"] == 1
    huge = validate_entities(b'[{"id": "urn:a:B:1", "type": "B", "n": 1e400}]')
    assert huge.stats["entities"] == 1 and huge.findings[-1].type == "unknown-model"
    # a Latin-1 byte in the third entity, on line 5: the two before are still checked
    latin = b'[\n{"id": "urn:a:B:1", "type": "B"},\n{"id": "urn:a:B:2", "type": "B"},\n'
    latin += b'{"id": "urn:a:B:3",\n "name": "Jos\xe9"}\n]'
    report = validate_entities(latin)
    assert report.stats["entities"] == 2
    finding = report.findings[-1]  # after the two unknown-model findings
    assert finding.type == "not-json" and "na linha 5 " in finding.message.pt
