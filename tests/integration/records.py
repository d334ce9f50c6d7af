"""Complete records of each ENTI type, as a publisher would send them through the API."""

from __future__ import annotations

import json

from .conftest import LISBON, bbox_polygon

EU = "http://publications.europa.eu/resource/authority/"
WASTE_MODEL = (
    "https://github.com/amagovpt/CATALOGO_MODELOS_DADOS_TI/tree/main/Ambiente/Res%C3%ADduos/"
    "N%C3%ADveis%20de%20enchimento%20dos%20contentores"
)


def distribution(**overrides):
    return {
        "url": "https://dados.cm-lisboa.example/contentores.json",
        "name": "Contentores (NGSI-LD)",
        "format": "json",
        "temporal_resolution": "PT1H",
        **overrides,
    }


def dataset(owner_org: str, **overrides):
    return {
        "type": "dataset",
        "name": "contentores-lisboa",
        "title": "Níveis de enchimento dos contentores de resíduos",
        "notes": "Nível de enchimento dos contentores de resíduos urbanos, de hora a hora.",
        "owner_org": owner_org,
        "license_id": "cc-by",
        "tag_string": "resíduos,contentores",
        "theme": [EU + "data-theme/ENVI"],
        "frequency": EU + "frequency/HOURLY",
        "spatial_coverage": [{"text": "Lisboa", "bbox": bbox_polygon(*LISBON)}],
        "spatial_resolution_in_meters": "1",
        "temporal_coverage": [{"start": "2024-01-01", "end": "2024-12-31"}],
        "contact": [{"name": "Plataforma de gestão urbana", "email": "pgu@cm-lisboa.example"}],
        "conforms_to": [WASTE_MODEL],
        "resources": [distribution()],
        **overrides,
    }


def dataservice(owner_org: str, **overrides):
    return {
        "type": "dataservice",
        "name": "api-pgu-lisboa",
        "title": "API NGSI-LD da plataforma de gestão urbana",
        "owner_org": owner_org,
        "license_id": "cc-by",
        "endpoint_url": "https://pgu.cm-lisboa.example/ngsi-ld/v1/entities",
        "endpoint_description": "https://pgu.cm-lisboa.example/openapi.json",
        "conforms_to": ["https://uri.etsi.org/ngsi-ld/"],
        "theme": [EU + "data-theme/ENVI"],
        "contact": [{"name": "Plataforma de gestão urbana", "email": "pgu@cm-lisboa.example"}],
        **overrides,
    }


def series(owner_org: str, **overrides):
    return {
        "type": "dataset_series",
        "name": "contentores-lisboa-anual",
        "title": "Contentores de resíduos de Lisboa (edições anuais)",
        "notes": "Uma edição por ano dos níveis de enchimento dos contentores.",
        "owner_org": owner_org,
        "frequency": EU + "frequency/ANNUAL",
        "spatial_coverage": [{"text": "Lisboa", "bbox": bbox_polygon(*LISBON)}],
        "temporal_coverage": [{"start": "2023-01-01", "end": "2024-12-31"}],
        "contact": [{"name": "Plataforma de gestão urbana", "email": "pgu@cm-lisboa.example"}],
        **overrides,
    }


def as_json(record: dict) -> str:
    return json.dumps(record)
