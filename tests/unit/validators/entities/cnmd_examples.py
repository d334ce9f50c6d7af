"""The CNMD's own entity examples as the entities tests use them: every model's first example,
fixed where the catalogue's copy is wrong (at the very pointers the validator reports), the
WeatherObserved example, and what a report's errors are in short."""

import copy
import json
from functools import cache
from pathlib import Path

from enti.schemas import path
from enti.schemas.reference.cnmd import models
from enti.validators.entities.schema import catalogue
from enti.validators.entities.validate import validate_entities
from tests.unit.testdata import DATA

ENTITY_FILES = DATA / "entities"
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
