"""NGSI-LD, NGSI-v2 and key-values brought to one form (:mod:`enti.validators.entities.ngsi`), and
the pointers that lead back into the entity as published."""

from enti.validators.entities.ngsi import normalize
from enti.validators.entities.validate import validate_entities

from .cnmd_examples import ENTITY_FILES, WEATHER, errors, load


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
    (v2,) = load(ENTITY_FILES / "weather-observed-ngsi-v2.json")
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
