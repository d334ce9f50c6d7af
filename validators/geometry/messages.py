"""The messages of the geometry validators (:mod:`enti.validators.geometry.geojson`,
:mod:`enti.validators.geometry.points_csv`), in Portuguese and English, by key."""

from __future__ import annotations

from typing import Any

from enti.schemas.reference.vocabularies import vocabulary
from enti.validators.messages import Message

TEXTS = {
    "not-json": (
        "O ficheiro não é JSON válido ({exc}): exporte-o de novo como GeoJSON",
        "The file is not valid JSON ({exc}): export it again as GeoJSON",
    ),
    "not-geojson": (
        "O ficheiro não é GeoJSON: esperava-se um objeto FeatureCollection, Feature ou geometria",
        "The file is not GeoJSON: expected a FeatureCollection, a Feature or a geometry object",
    ),
    "missing-geometry": (
        "{subject} não tem geometria: indique a sua localização ou retire-o do ficheiro",
        "{subject} has no geometry: give its location or leave it out of the file",
    ),
    "invalid": (
        "{subject}: {reason}; corrija-a, p. ex. com «Corrigir geometrias» no QGIS ou ST_MakeValid",
        "{subject}: {reason}; fix it, e.g. with «Fix geometries» in QGIS or ST_MakeValid",
    ),
    "legacy-crs": (
        "O ficheiro declara {crs} no membro «crs», abandonado pelo RFC 7946: publique-o em WGS84 "
        "(EPSG:4326) e sem o membro «crs»",
        "The file declares {crs} in a «crs» member, dropped by RFC 7946: publish it in WGS84 "
        "(EPSG:4326) without the «crs» member",
    ),
    "unknown-crs": (
        "«{crs}» não é um sistema de coordenadas conhecido: publique em WGS84 (EPSG:4326) ou "
        "indique o código EPSG certo (p. ex. EPSG:3763 para PT-TM06)",
        "«{crs}» is not a known coordinate system: publish in WGS84 (EPSG:4326) or give the "
        "right EPSG code (e.g. EPSG:3763 for PT-TM06)",
    ),
    "unrecognised-crs": (
        "Os valores não correspondem a nenhum sistema de coordenadas usado em Portugal: publique "
        "em WGS84 (EPSG:4326, longitude/latitude) ou declare o código EPSG",
        "The values fit no coordinate system used in Portugal: publish in WGS84 (EPSG:4326, "
        "longitude/latitude) or declare the EPSG code",
    ),
    "crs-mismatch": (
        "O sistema declarado ({how}: {declared}) não corresponde às coordenadas, que parecem estar "
        "em {found}: corrija a declaração (foram lidas em {code})",
        "The declared system ({how}: {declared}) does not fit the coordinates, which look like "
        "{found}: correct the declaration (they were read as {code})",
    ),
    "undeclared-crs": (
        "As coordenadas parecem estar em {crs}{also}, mas o sistema não está declarado: {fix}",
        "The coordinates look like {crs}{also}, but the system is not declared: {fix}",
    ),
    "fix-geojson": (
        "o GeoJSON deve estar em WGS84 (RFC 7946), reprojete para EPSG:4326",
        "GeoJSON must be WGS84 (RFC 7946), reproject to EPSG:4326",
    ),
    "fix-csv": (
        "publique em WGS84 (colunas latitude/longitude) ou ponha o código EPSG no nome das "
        "colunas, p. ex. «x_epsg3763»",
        "publish in WGS84 (latitude/longitude columns) or put the EPSG code in the column "
        "names, e.g. «x_epsg3763»",
    ),
    "also": (" (também compatíveis com {crs})", " (also compatible with {crs})"),
    "outside-portugal": (
        "{subject} fica fora de Portugal {seen}: corrija as coordenadas ou o sistema declarado",
        "{subject} lies outside Portugal {seen}: correct the coordinates or the declared system",
    ),
    "swapped-coordinates": (
        "{subject} tem latitude e longitude (x e y) trocadas {seen}: {hint}",
        "{subject} has latitude and longitude (x and y) swapped {seen}: {hint}",
    ),
    "order-geojson": (
        "troque-as — cada posição é [longitude, latitude]",
        "swap them — every position is [longitude, latitude]",
    ),
    "order-csv": (
        "troque os valores das colunas «{x}» e «{y}»",
        "swap the values of the «{x}» and «{y}» columns",
    ),
    "no-columns": (
        "Não há colunas de coordenadas: chame-lhes latitude e longitude (WGS84) ou x e y (com o "
        "código EPSG, p. ex. «x_epsg3763»)",
        "No coordinate columns: name them latitude and longitude (WGS84) or x and y (with the "
        "EPSG code, e.g. «x_epsg3763»)",
    ),
    "missing-coordinates": (
        "A linha {row} não tem coordenadas: preencha «{x}» e «{y}» ou retire a linha",
        "Row {row} has no coordinates: fill in «{x}» and «{y}» or remove the row",
    ),
    "unreadable": (
        "A linha {row} tem «{value}» em «{field}», que não é um número: escreva p. ex. -9.1393 "
        "ou -9,1393",
        "Row {row} has «{value}» in «{field}», which is not a number: write e.g. -9.1393 or "
        "-9,1393",
    ),
    # reasons a geometry is invalid
    "malformed": (
        "cada posição deve ter 2 ou 3 números, [longitude, latitude(, altitude)], sem texto",
        "each position must hold 2 or 3 numbers, [longitude, latitude(, altitude)], no text",
    ),
    "not-finite": ("há coordenadas NaN ou infinitas", "some coordinates are NaN or infinite"),
    "nesting": (
        "as coordenadas têm o aninhamento errado para o tipo {type}",
        "the coordinates are nested wrongly for the type {type}",
    ),
    "type": (
        "tipo de geometria «{type}» desconhecido (use Point, LineString, Polygon, Multi… ou "
        "GeometryCollection)",
        "unknown geometry type «{type}» (use Point, LineString, Polygon, Multi… or "
        "GeometryCollection)",
    ),
    "line": ("uma linha precisa de 2 ou mais posições", "a line needs 2 or more positions"),
    "ring": (
        "cada anel de polígono precisa de 4 ou mais posições e de acabar onde começa",
        "every polygon ring needs 4 or more positions and must end where it starts",
    ),
    "geos": ("polígono inválido ({reason})", "invalid polygon ({reason})"),
    "feature": ("O elemento (feature) {i}", "Feature {i}"),
    "row": ("A linha {i}", "Row {i}"),
    "attribute": (
        "O atributo «{name}» da entidade {entity}",
        "Attribute «{name}» of entity {entity}",
    ),
}


def m(key: str, **values: Any) -> Message:
    """The message ``key`` of :data:`TEXTS`; Message values are filled in their own language."""
    pt, en = TEXTS[key]
    return Message(
        pt=pt.format(**{k: v.pt if isinstance(v, Message) else v for k, v in values.items()}),
        en=en.format(**{k: v.en if isinstance(v, Message) else v for k, v in values.items()}),
    )


def crs_label(crs: str) -> Message:
    """``EPSG:3763 (PT-TM06/ETRS89)``: the code and the short name from the ``crs`` vocabulary."""
    term = vocabulary("crs").get(crs)
    if term is None:
        return Message(pt=crs, en=crs)
    return Message(pt=f"{crs} ({term.pt.split(' — ')[0]})", en=f"{crs} ({term.en.split(' — ')[0]})")
