"""Demo content: the 308 municipalities, 23 CIM and 2 AM as organizations, and a handful of real
datasets (deploy/demo/datasets.yaml). Loading is idempotent: what exists is left untouched."""

from __future__ import annotations

import json
import logging
import mimetypes
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from slugify import slugify
from werkzeug.datastructures import FileStorage

from enti.schemas.reference.territories import (
    Intermunicipal,
    Municipality,
    intermunicipal_entities,
    members_of,
    municipalities,
)
from enti.validators.geometry.coordinates import BBox, geojson_bbox_wgs84

log = logging.getLogger(__name__)


def municipality_slug(m: Municipality, taken: Counter[str]) -> str:
    """URL name of a municipality; names shared by two municipalities get their district/island."""
    base = slugify(m.name)
    return f"{base}-{slugify(m.district)}" if taken[base] > 1 else base


def entity_slug(e: Intermunicipal) -> str:
    return slugify(e.name) if e.kind == "AM" else "cim-" + slugify(e.nuts3)


def _memberships(m: Municipality) -> list[str]:
    return [name for name in (m.cim, m.am) if name]


def organization_dicts() -> Iterator[dict[str, Any]]:
    """organization_create payloads for every municipality, CIM and AM."""
    taken = Counter(slugify(m.name) for m in municipalities())
    for m in municipalities():
        member_of = _memberships(m)
        where = f"distrito de {m.district}" if not m.district.startswith("Ilha") else m.district
        belongs = f" Integra: {'; '.join(member_of)}." if member_of else ""
        yield {
            "name": municipality_slug(m, taken),
            "title": f"Município de {m.name}",
            "description": f"Município de {m.name} ({where}), código DICO {m.dico}.{belongs}",
            "enti_kind": "municipio",
            "dico": m.dico,
            "member_of": member_of,
        }
    for e in intermunicipal_entities():
        names = ", ".join(m.name for m in members_of(e.name))
        yield {
            "name": entity_slug(e),
            "title": e.name,
            "description": f"{e.name} (NUTS III {e.nuts3}). {e.members} municípios: {names}.",
            "enti_kind": e.kind.lower(),
        }


def _org_name_index() -> dict[str, str]:
    """Map DICO codes and CIM/AM official names to organization URL names."""
    taken = Counter(slugify(m.name) for m in municipalities())
    index = {m.dico: municipality_slug(m, taken) for m in municipalities()}
    index.update({e.name: entity_slug(e) for e in intermunicipal_entities()})
    return index


def ensure_admin(name: str, email: str, password: str) -> bool:
    """Create the sysadmin ``name`` unless it exists; return True when created."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    context = {"user": site_user, "ignore_auth": True}
    try:
        tk.get_action("user_show")(context, {"id": name})
        return False
    except tk.ObjectNotFound:
        pass
    tk.get_action("user_create")(
        context, {"name": name, "email": email, "password": password, "fullname": "ENTI admin"}
    )
    tk.get_action("user_patch")(context, {"id": name, "sysadmin": True})
    return True


def _dataset_exists(context: dict[str, Any], name: str) -> bool:
    try:
        tk.get_action("package_show")(dict(context), {"id": name})
        return True
    except tk.ObjectNotFound:
        return False


def load_organizations(context: dict[str, Any]) -> int:
    existing = set(tk.get_action("organization_list")(dict(context), {"limit": 1000}))
    created = 0
    for org in organization_dicts():
        if org["name"] not in existing:
            tk.get_action("organization_create")(dict(context), org)
            created += 1
    return created


def _bbox(spec: dict[str, Any], data_dir: Path) -> BBox:
    if spec["bbox"] == "from-file":
        source = data_dir / "data" / spec["resources"][0]["file"]
        return geojson_bbox_wgs84(json.loads(source.read_text(encoding="utf-8")))
    return BBox(*spec["bbox"])


def _fill(value: Any) -> Any:
    """Replace ``{site_url}`` in demo field values."""
    if isinstance(value, str):
        return value.replace("{site_url}", tk.config.get("ckan.site_url").rstrip("/"))
    if isinstance(value, list):
        return [_fill(v) for v in value]
    return value


def dataset_dict(spec: dict[str, Any], data_dir: Path, orgs: dict[str, str]) -> dict[str, Any]:
    """package_create payload for one entry of datasets.yaml (without its resources)."""
    bbox = _bbox(spec, data_dir)
    coverage = {"text": spec.get("place", ""), "bbox": json.dumps(bbox.as_geojson())}
    dataset = {
        "type": spec.get("type", "dataset"),
        "name": spec["name"],
        "title": spec["title"],
        "notes": spec["notes"].strip(),
        "owner_org": orgs[str(spec["organization"])],
        "license_id": spec.get("license_id", "cc-by"),
        "tag_string": ",".join(spec.get("tags", [])),
        "spatial_coverage": [coverage],
    }
    if spec.get("temporal"):
        start, end = (str(day) for day in spec["temporal"])
        dataset["temporal_coverage"] = [{"start": start, "end": end}]
    dataset.update({key: _fill(value) for key, value in spec.get("fields", {}).items()})
    return dataset


def _upload(path: Path) -> FileStorage:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileStorage(stream=path.open("rb"), filename=path.name, content_type=content_type)


def load_datasets(context: dict[str, Any], data_dir: Path) -> int:
    specs = yaml.safe_load((data_dir / "datasets.yaml").read_text(encoding="utf-8"))
    orgs = _org_name_index()
    created = 0
    for spec in specs:
        if _dataset_exists(context, spec["name"]):
            continue
        payload = dataset_dict(spec, data_dir, orgs)
        resources = spec.get("resources", [])
        if resources:
            # As in the web form: a draft first, then its distributions, then publish.
            payload["state"] = "draft"
        dataset = tk.get_action("package_create")(dict(context), payload)
        for res in resources:
            _create_resource(context, dataset["id"], res, data_dir)
        if resources:
            tk.get_action("package_patch")(dict(context), {"id": dataset["id"], "state": "active"})
        created += 1
    return created


def _create_resource(context: dict[str, Any], dataset_id: str, res: dict[str, Any], data_dir: Path):
    upload = _upload(data_dir / "data" / res["file"])
    fields = {k: v for k, v in res.items() if k != "file"}
    try:
        tk.get_action("resource_create")(
            dict(context),
            {"package_id": dataset_id, "url": res["file"], "upload": upload, **fields},
        )
    finally:
        upload.close()
