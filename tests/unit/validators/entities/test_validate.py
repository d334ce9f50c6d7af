"""NGSI-LD / NGSI-v2 / key-values entities against the CNMD (no CKAN, no network).

Every model passes with its own example (the examples' known defects fixed in the test copy, at
the very pointers the validator reports) and fails for a missing mandatory property, an empty
value and a non-URN identifier. The compiled schemas are held to jsonschema's verdicts.
"""

import copy
import json
import socket
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from enti.schemas import path
from enti.schemas.reference.cnmd import load_schema, models, refs_registry
from enti.validators.entities.schema import catalogue, compile_schema, format_checker
from enti.validators.entities.validate import (
    check_examples,
    format_examples_table,
    normalize,
    validate_entities,
)
from tests.unit.testdata import DATA as TESTDATA

DATA = TESTDATA / "entities"
CNMD = path("cnmd")
MODELS = [m.entity_type for m in models()]
WEATHER = (
    CNMD
    / "Ambiente"
    / "Meteorologia"
    / "Observações metereológicas"
    / "exemplos"
    / "WeatherObserved-n-ld-ref.json"
)

# Models with no valid example: the defects, at the pointers the validator reports, and the fix.
FIXES = {
    "WasteContainerIsle": {"/dateCreated/value/@value": "2024-10-10T10:00:00Z"},
    "WasteContainer": {"/dateCreated/value/@value": "2024-10-10T10:00:00Z"},
    "RiverBasin": {
        "/relatedHydroObject/object/2": "urn:apa:Reservoir:PT:Lucefecit:001",
        "/relatedHydroObject/object/5": "urn:apa:Reservoir:PT:Enxoe:003",
    },
    "WaterConsumptionObserved": {"/alarmFlowPersistence": "Nothing to report"},
    "Garden": {
        "/id": "urn:env:Garden:jardim_sa_da_bandeira",
        "/dateLastWatering/value/@value": "2025-01-02T08:00:00Z",
        "/nextWateringDeadline/value/@value": "2025-02-01T08:00:00Z",
    },
    "GreenspaceRecord": {"/dateObserved/value/@value": "2025-01-01T18:00:00Z"},
    "EventObserved": {"/dateModified/value": "2025-05-22T18:00:00Z"},
    "ServiceInteraction": {
        "/dateModified/value": "2025-09-24T12:00:00Z",
        "/ticketDate/value": "2025-09-24T09:30:00Z",
    },
    "EmergencyIncident": {"/startDate/value": "2025-01-09T09:58:00Z"},
    "Incident": {"/expectedResponseTime/value": "2025-01-09T13:58:00Z"},  # schema: date-time
    "WaterNetworkMonitoring": {"/license/value": "https://spdx.org/licenses/CC-BY-4.0"},
    "DrainageJunction": {
        "/dateCreated/value": "2023-01-01T08:45:00Z",
        "/dateModified/value": "2024-03-02T11:24:00Z",
    },
    "EVChargingStation": {
        "/endDateTime/value/@value": "2024-05-02T20:28:41Z",
        "/startDateTime/value/@value": "2024-05-02T20:29:41Z",
        "/observationDateTime/value/@value": "2024-05-02T20:28:41Z",
    },
    "TransportOnDemand": {
        "/seeAlso/value/0": "https://mediotejo.pt/images/pdf/Brochura_Ma%C3%A7%C3%A3o_vf.pdf"
    },
    "TrafficFlowObserved": {"/id": "urn:ip:TrafficFlowObserved:11123232"},
}


@pytest.fixture(autouse=True, scope="module")
def no_network():
    """The whole module runs with sockets unable to connect: nothing may be fetched."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in test_entities")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        yield


def load(file):
    return json.loads(Path(file).read_text(encoding="utf-8"))


@cache
def examples():
    """(file, entity) of every CNMD data example, in file order (copy before changing one)."""
    found = []
    for file in sorted(CNMD.glob("**/exemplos/**/*.json")):
        relative = file.relative_to(CNMD).as_posix()
        if not relative.startswith("Comuns/Metadata/"):
            data = load(file)
            found += [(relative, e) for e in (data if isinstance(data, list) else [data])]
    return found


def example_of(model):
    """The model's first example (file order); for a model with no valid one, fixed."""
    mine = [e for _, e in examples() if isinstance(e, dict) and e.get("type") == model]
    for entity in mine:
        if model not in FIXES and validate_entities([entity]).valid:
            return copy.deepcopy(entity)
    entity = copy.deepcopy(mine[0])
    for pointer, value in FIXES[model].items():
        put(entity, pointer, value)
    return entity


def put(document, pointer, value):
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]
    for part in parents:
        document = document[int(part)] if isinstance(document, list) else document[part]
    document[int(last) if isinstance(document, list) else last] = value


def mandatory(model):
    """A mandatory member other than id and type, by the schema's own required lists."""
    required = catalogue().schema(catalogue().model_named(model)).tree.required - {"id", "type"}
    return min(required) if required else None


def errors(report):
    return {(f.type, f.pointer) for f in report.errors}


# --- every model ------------------------------------------------------------------------------


def test_every_model_is_covered():
    assert len(MODELS) == 84
    assert {e.get("type") for _, e in examples() if isinstance(e, dict)} >= set(MODELS)


@pytest.mark.parametrize("model", MODELS)
def test_the_example_of_every_model_is_valid(model):
    report = validate_entities([example_of(model)], source=model)
    assert report.valid, [(f.type, f.pointer, f.message.en) for f in report.errors]
    assert report.stats["models"] == {model: 1}
    assert report.stats["valid"] == 1


@pytest.mark.parametrize("model", MODELS)
def test_a_missing_mandatory_property_is_an_error(model):
    entity = example_of(model)
    name = mandatory(model) or "id"
    del entity[name]
    report = validate_entities([entity])
    assert not report.valid
    assert ("missing-required", f"/{name}") in errors(report)
    finding = next(f for f in report.errors if f.pointer == f"/{name}")
    assert name in finding.message.pt and name in finding.message.en


@pytest.mark.parametrize("model", MODELS)
def test_an_empty_mandatory_value_is_an_error(model):
    entity = example_of(model)
    name = mandatory(model)
    if name is None:  # no mandatory property but id and type: an empty optional one warns
        name = next(k for k in entity if k not in ("id", "type", "@context"))
        entity[name] = {"type": "Property", "value": " "}
        report = validate_entities([entity])
        assert report.valid
        assert [(f.type, f.pointer) for f in report.warnings] == [
            ("empty-optional", f"/{name}/value")
        ]
        return
    entity[name] = {"type": "Property", "value": ""}
    report = validate_entities([entity])
    assert errors(report) == {("empty-value", f"/{name}/value")}  # and no schema noise about it


@pytest.mark.parametrize("model", MODELS)
def test_a_non_urn_identifier_is_an_error(model):
    entity = example_of(model)
    entity["id"] = "estacao-579"
    report = validate_entities([entity])
    assert ("non-urn-id", "/id") in errors(report)
    finding = next(f for f in report.errors if f.type == "non-urn-id")
    assert f"urn:<organização>:{model}:<id-local>" in finding.message.pt
    assert finding.entity == "estacao-579"


@pytest.mark.parametrize("model", sorted(FIXES))
def test_the_defects_of_the_examples_are_reported_where_they_are(model):
    """The unfixed example: errors exactly at the pointers the fixes above repair."""
    entity = next(e for _, e in examples() if isinstance(e, dict) and e.get("type") == model)
    report = validate_entities([entity])
    assert {f.pointer for f in report.errors} == set(FIXES[model])


def test_a_text_typed_value_is_explained():
    entity = next(e for _, e in examples() if e.get("type") == "WaterConsumptionObserved")
    (finding,) = validate_entities([entity]).errors
    assert finding.type == "schema" and finding.pointer == "/alarmFlowPersistence"
    assert 'deixe só o valor: "Nothing to report"' in finding.message.pt
    assert "keep only the value" in finding.message.en


def test_an_enum_value_the_schema_does_not_list_is_reported_with_the_choices():
    entity = next(e for f, e in examples() if f.endswith("AirQualityStation-n-ld.json"))
    report = validate_entities([entity])
    assert errors(report) == {("schema", "/category/value/0"), ("schema", "/category/value/1")}
    assert "Paragem de autocarro" in report.errors[0].message.pt
    assert [(f.type, f.pointer) for f in report.warnings] == [("urn-type-mismatch", "/id")]


# --- the CNMD rules the schemas leave out ------------------------------------------------------


def test_an_ngsi_ld_urn_is_accepted_and_a_foreign_type_in_it_warned():
    entity = load(WEATHER)
    entity["id"] = "urn:ngsi-ld:WeatherObserved:579"
    assert [f for f in validate_entities([entity]).findings if f.pointer == "/id"] == []
    entity["id"] = "urn:ngsi-ld:WeatherStation:579"
    report = validate_entities([entity])
    assert report.valid
    assert [f.type for f in report.warnings if f.pointer == "/id"] == ["urn-type-mismatch"]


@pytest.mark.parametrize("empty", ["", " ", None, {}])
def test_every_kind_of_empty_mandatory_value_is_an_error(empty):
    entity = load(WEATHER)
    entity["address"]["value"] = empty
    assert errors(validate_entities([entity])) == {("empty-value", "/address/value")}


def test_an_empty_mandatory_member_of_an_object_is_an_error():
    entity = load(WEATHER)
    entity["dataProvider"]["value"] = "IPMA"
    entity["address"]["value"]["addressLocality"] = " "
    report = validate_entities([entity])
    assert errors(report) == {("empty-value", "/address/value/addressLocality")}


def test_an_empty_optional_property_is_a_warning_and_left_out_it_is_fine():
    entity = load(WEATHER)
    entity["stationName"]["value"] = ""
    report = validate_entities([entity])
    assert report.valid
    assert [
        (f.type, f.severity, f.pointer) for f in report.findings if f.type != "non-urn-ref"
    ] == [("empty-optional", "warning", "/stationName/value")]
    assert "omita-a" in report.warnings[-1].message.pt or "omita-a" in report.warnings[0].message.pt
    del entity["stationName"]
    assert [f.type for f in validate_entities([entity]).findings] == ["non-urn-ref"]


def test_an_end_date_may_be_null_but_not_blank():
    entity = example_of("SocialSupportObservation")
    assert (
        "validTo"
        in catalogue().schema(catalogue().model_named("SocialSupportObservation")).tree.required
    )
    entity["validTo"] = {"type": "Property", "value": None}
    report = validate_entities([entity])
    assert report.valid and report.findings == []
    entity["validTo"] = {"type": "Property", "value": ""}
    assert errors(validate_entities([entity])) == {("empty-value", "/validTo/value")}
    entity["validFrom"] = {"type": "Property", "value": None}  # a start date is no end date
    assert ("empty-value", "/validFrom/value") in errors(validate_entities([entity]))


def test_a_relationship_to_a_non_urn_is_a_warning():
    report = validate_entities([load(WEATHER)])
    assert report.valid
    (finding,) = report.warnings
    assert (finding.type, finding.pointer) == ("non-urn-ref", "/refPointOfInterest/object")
    assert "urn:ipma:WeatherStation-579" in finding.message.en


def test_a_repeated_identifier_is_a_warning():
    entity = load(WEATHER)
    report = validate_entities([entity, entity])
    assert [f.type for f in report.warnings if f.type == "duplicate-id"] == ["duplicate-id"]
    assert report.stats["valid"] == 2


# --- normalized to key-values ------------------------------------------------------------------


def test_ngsi_ld_normalized_becomes_key_values():
    entity = {
        "id": "urn:ngsi-ld:Thing:1",
        "type": "Thing",
        "name": {"type": "Property", "value": "Sé"},
        "seen": {"type": "Property", "value": {"@type": "DateTime", "@value": "2024-10-20T04:00Z"}},
        "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [-9, 38]}},
        "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:1"},
        "label": {"type": "LanguageProperty", "languageMap": {"pt": "Sé", "en": "Cathedral"}},
        "temperature": {
            "type": "Property",
            "value": 16.7,
            "unitCode": "CEL",
            "observedAt": "2024-10-20T04:00:00Z",
            "accuracy": {"type": "Property", "value": 0.8},
        },
        "height": [
            {"type": "Property", "value": 3, "datasetId": "urn:ngsi-ld:Dataset:b"},
            {"type": "Property", "value": 2},
        ],
        "note": {"value": "concise"},
        "plain": "kept",
        "@context": ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"],
    }
    assert normalize(entity) == {
        "id": "urn:ngsi-ld:Thing:1",
        "type": "Thing",
        "name": "Sé",
        "seen": "2024-10-20T04:00Z",
        "location": {"type": "Point", "coordinates": [-9, 38]},
        "refDevice": "urn:ngsi-ld:Device:1",
        "label": {"pt": "Sé", "en": "Cathedral"},
        "temperature": 16.7,
        "height": 2,
        "note": "concise",
        "plain": "kept",
        "@context": ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"],
    }


def test_ngsi_v2_and_ngsi_ld_give_the_same_key_values():
    (v2,) = load(DATA / "weather-observed-ngsi-v2.json")
    ld = normalize(load(WEATHER))
    del ld["@context"]
    assert normalize(v2) == ld
    assert ld["dateObserved"] == "2024-10-20T04:00:00.00Z"
    assert ld["temperature"] == 16.7 and ld["refPointOfInterest"] == "urn:ipma:WeatherStation-579"
    report = validate_entities([v2])
    assert report.stats["representations"] == {"ngsi-v2": 1}
    assert [(f.type, f.pointer) for f in report.findings] == [
        ("non-urn-ref", "/refPointOfInterest/value")
    ]


def test_a_key_values_entity_is_unchanged_and_validated_as_is():
    kv = normalize(load(WEATHER))
    assert normalize(kv) == kv
    kv["temperature"] = "warm"
    report = validate_entities(kv)
    assert report.stats["representations"] == {"key-values": 1}
    assert errors(report) == {("schema", "/temperature")}


def test_pointers_lead_into_the_entity_as_published():
    entity = load(WEATHER)
    entity["dateObserved"]["value"]["@value"] = "20/10/2024"
    entity["location"]["value"]["coordinates"] = ["-9.1", 38.7]
    entity["address"]["value"]["district"] = "Lisbon"
    report = validate_entities(entity)
    assert errors(report) == {
        ("schema", "/dateObserved/value/@value"),
        ("schema", "/location/value/coordinates/0"),
        ("schema", "/address/value/district"),
    }
    by_pointer = {f.pointer: f for f in report.errors}
    assert "2024-10-20T04:00:00Z" in by_pointer["/dateObserved/value/@value"].message.pt
    assert 'Did you mean "Lisboa"?' in by_pointer["/address/value/district"].message.en
    assert all(f.entity == entity["id"] and f.field for f in report.errors)


# --- offline $ref resolution -------------------------------------------------------------------


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


# --- payloads, forced models, reports ---------------------------------------------------------


def test_a_payload_can_be_an_array_one_entity_or_json_ld_with_graph():
    entity = load(WEATHER)
    text = json.dumps([entity, entity | {"id": entity["id"] + "-2"}], ensure_ascii=False)
    for payload in (text, text.encode(), b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        assert validate_entities(payload).stats["entities"] == 2
    assert validate_entities(json.dumps(entity)).stats["entities"] == 1
    graph = {"@context": entity["@context"], "@graph": [entity]}
    assert validate_entities(graph).stats["valid"] == 1


def test_invalid_json_is_one_clear_finding():
    report = validate_entities((DATA / "broken-array.json").read_bytes(), source="broken")
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


def test_items_that_are_not_entities_and_unknown_types_are_reported():
    report = validate_entities([42, {"id": "urn:cm-porto:Foo:1", "type": "Foo"}, {"a": 1}])
    assert [(f.type, f.entity, f.pointer) for f in report.findings] == [
        ("not-entity", "[0]", None),
        ("unknown-model", "urn:cm-porto:Foo:1", "/type"),
        ("missing-required", "[2]", "/id"),
        ("unknown-model", "[2]", "/type"),
    ]
    assert report.stats["unknown_types"] == {'"Foo"': 1, "null": 1}
    assert validate_entities([]).findings[0].type == "no-entities"


def test_a_forced_model_overrides_the_type():
    entity = load(WEATHER)
    assert validate_entities([entity], model="WeatherObserved").valid
    model = catalogue().model_named("WeatherObserved")
    assert validate_entities([entity], model=model.uri).valid
    entity["type"] = "Observation"
    assert not validate_entities([entity]).valid  # unknown type
    report = validate_entities([entity], model="WeatherObserved")
    assert errors(report) == {("schema", "/type")}
    assert report.stats["models"] == {"WeatherObserved": 1}
    (finding,) = validate_entities([entity], model="NoSuchModel").findings
    assert finding.type == "unknown-model" and "NoSuchModel" in finding.message.pt


def test_the_report_counts_per_model_and_truncates():
    weather = load(WEATHER)
    broken = weather | {"id": "sem-urn"}
    payload = [weather | {"id": f"urn:ipma:WeatherObserved:{i}"} for i in range(3)]
    payload += [broken | {"id": f"sem-urn-{i}"} for i in range(20)]
    payload.append(example_of("Dam"))
    report = validate_entities(payload, max_findings=5, source="lote.json")
    assert report.kind == "entities" and report.source == "lote.json"
    assert report.stats["entities"] == 24 and report.stats["valid"] == 4
    assert report.stats["invalid"] == 20
    assert report.stats["models"] == {"WeatherObserved": 23, "Dam": 1}
    assert len(report.findings) == 5 and report.truncated
    assert report.stats["findings_total"] == 20 * 2 + 3
    assert all(f.message.pt for f in report.findings)
    as_json = report.to_dict("en")
    assert as_json["findings"][0]["message"] == report.findings[0].message.en


# --- the examples table ------------------------------------------------------------------------


def test_the_examples_table_sums_up_every_model():
    results = check_examples(CNMD)
    table = format_examples_table(results)
    lines = table.splitlines()
    assert lines[0].split() == [
        "modelo",
        "exemplos",
        "entidades",
        "válidas",
        "inválidas",
        "achado",
        "mais",
        "comum",
    ]
    rows = {line.split()[0]: line.split() for line in lines[2:-2]}
    assert set(MODELS) <= set(rows)
    assert rows["WeatherForecast"][1:5] == ["6", "6", "6", "0"]
    assert rows["PointOfInterest"][1:5] == ["5", "5", "3", "2"]
    assert "schema /category/value/* ×4" in table
    assert "PassengerCountAggregation (sem modelo)" in table
    total = lines[-1].split()
    assert total[0] == "total" and int(total[2]) == sum(r.entities for r in results)
    assert format_examples_table(results, lang="en").startswith("model ")
    garden = next(r for r in results if r.model == "Garden")
    assert {f.pointer for f in garden.findings if f.severity == "error"} == set(FIXES["Garden"])
