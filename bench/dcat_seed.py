"""Seed a CKAN database with N realistic ENTI datasets (3 distributions each) for the catalogue
benchmark: `python bench/dcat_seed.py INI N [PART PARTS]` (PARTS processes, each creating the
records whose number is PART modulo PARTS). Idempotent: it creates only the missing ones and prints
how many it created.

Records go through `package_create` with the ENTI schema (validation, indexing), spread over the
333 territorial organizations, with varied verticals, themes, frequencies, boxes inside mainland
Portugal, temporal coverages and, for one in ten, an HVD category.
"""

from __future__ import annotations

import json
import random
import sys
import time
from typing import Any

EU = "http://publications.europa.eu/resource/authority/"
TOPICS = [
    ("Níveis de enchimento dos contentores", "resíduos,contentores,ambiente", "ENVI", "HOURLY"),
    ("Consumo da iluminação pública", "iluminação pública,energia", "ENER", "DAILY"),
    ("Qualidade do ar", "qualidade do ar,poluição,ambiente", "ENVI", "HOURLY"),
    ("Contagens de tráfego", "mobilidade,tráfego,transportes", "TRAN", "HOURLY"),
    ("Rega de espaços verdes", "rega,água,espaços verdes", "AGRI", "DAILY"),
    ("Ocupação dos parques de estacionamento", "estacionamento,mobilidade", "TRAN", "UPDATE_CONT"),
    ("Ocorrências de proteção civil", "proteção civil,segurança", "JUST", "DAILY"),
    ("Consumo de água por freguesia", "água,abastecimento", "ENVI", "MONTHLY"),
    ("Equipamentos culturais", "cultura,equipamentos", "EDUC", "ANNUAL"),
    ("Validações nos transportes públicos", "transportes,mobilidade,bilhética", "TRAN", "DAILY"),
]
HVD = ["http://data.europa.eu/bna/c_dd313021", "http://data.europa.eu/bna/c_b79e35eb"]
FORMATS = [("csv", "CSV"), ("json", "JSON (NGSI-LD)"), ("geojson", "GeoJSON")]


def record(i: int, org: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    title, tags, theme, frequency = TOPICS[i % len(TOPICS)]
    year = 2015 + i % 10
    west, south = rng.uniform(-9.4, -7.0), rng.uniform(37.0, 41.6)
    box = [[west, south], [west + 0.2, south], [west + 0.2, south + 0.2], [west, south + 0.2]]
    name = f"bench-{i:05d}"
    fields: dict[str, Any] = {
        "type": "dataset",
        "name": name,
        "title": f"{title} — {org['title']} ({year})",
        "notes": (
            f"{title} recolhidos pela plataforma de gestão urbana de {org['title']} em {year}. "
            "Dados abertos publicados no âmbito da Estratégia Nacional para os Territórios "
            "Inteligentes, atualizados automaticamente a partir dos sensores."
        ),
        "owner_org": org["id"],
        "license_id": "cc-by",
        "tag_string": tags,
        "theme": [EU + "data-theme/" + theme],
        "frequency": EU + "frequency/" + frequency,
        "spatial_coverage": [
            {
                "text": org["title"],
                "bbox": json.dumps({"type": "Polygon", "coordinates": [[*box, box[0]]]}),
            }
        ],
        "spatial_resolution_in_meters": str(rng.choice([1, 10, 100])),
        "temporal_coverage": [{"start": f"{year}-01-01", "end": f"{year}-12-31"}],
        "contact": [{"name": "Plataforma de gestão urbana", "email": f"pgu@{org['name']}.example"}],
        "resources": [
            {
                "url": f"https://dados.{org['name']}.example/{name}.{fmt}",
                "name": f"{title} ({label})",
                "format": fmt,
                "temporal_resolution": "PT1H",
            }
            for fmt, label in FORMATS
        ],
    }
    if i % 10 == 0:
        fields["hvd_category"] = [HVD[i % 2]]
    return fields


def main(ini: str, target: int, part: int = 0, parts: int = 1) -> None:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    config = load_config(ini)
    # Seeding speed: no Solr commit per record (one commit at the end). The activity plugin stays:
    # ckanext-enti chains its actions (package_activity_list), which fail to load without it.
    config["ckan.search.solr_commit"] = "false"
    app = make_app(config)
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        import ckan.plugins.toolkit as tk

        from ckanext.enti import demo

        context: dict[str, Any] = {"user": "admin", "ignore_auth": True}
        if part == 0:
            demo.ensure_admin("admin", "admin@bench.example", "bench-admin-password")
            demo.load_organizations(dict(context))
        orgs = tk.get_action("organization_list")(
            dict(context), {"all_fields": True, "limit": 1000}
        )
        from ckan import model

        names = model.Session.query(model.Package.name).filter(model.Package.name.like("bench-%"))
        existing = {name for (name,) in names}
        todo = [i for i in range(part, target, parts) if f"bench-{i:05d}" not in existing]
        started = time.time()
        create = tk.get_action("package_create")
        for n, i in enumerate(todo, 1):
            create(dict(context), record(i, orgs[i % len(orgs)], random.Random(i)))  # noqa: S311 (test data)
            if n % 500 == 0:
                rate = n / (time.time() - started)
                print(f"  part {part}: {n}/{len(todo)} ({rate:.1f}/s)", file=sys.stderr, flush=True)
        from ckan.lib.search import commit

        commit()
        print(len(todo))


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:5]))
