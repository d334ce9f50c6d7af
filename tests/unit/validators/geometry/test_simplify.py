"""Light copies of coverage geometries (:mod:`enti.validators.geometry.simplify`): a large one
simplified under the limit quickly, a small one unchanged, what cannot be simplified enough its
envelope, collections part by part."""

import json
import time

import numpy as np
from shapely.geometry import shape

from enti.validators.geometry import simplify
from enti.validators.metadata.values import geometry_error

from .places import OPEN_RING


def _coastline(vertices=200_000):
    """A closed, wiggly ring over mainland Portugal: ``vertices`` positions and the closing one."""
    angle = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    radius = 1 + 0.05 * np.sin(angle * 500) + 0.01 * np.sin(angle * 7919)
    ring = np.column_stack([-8 + radius * np.cos(angle), 39.5 + 1.2 * radius * np.sin(angle)])
    positions = ring.tolist()
    return {"type": "Polygon", "coordinates": [[*positions, positions[0]]]}


def test_large_polygon_is_simplified_under_the_limit_quickly():
    coast = _coastline()
    assert simplify.count_vertices(coast) == 200_001
    started = time.monotonic()
    light = simplify.simplified_geometry(coast)
    assert time.monotonic() - started < 2  # about 0.4 s here; shapely.shape() alone took 0.2 s
    assert light["type"] == "Polygon"
    assert 100 < simplify.count_vertices(light) <= simplify.MAX_EXPORT_VERTICES == 1000
    full, simple = shape(coast).bounds, shape(light).bounds
    assert all(abs(a - b) < 0.01 * 2.5 for a, b in zip(full, simple, strict=True))
    assert shape(light).is_valid and geometry_error(light) is None
    json.dumps(light)


def test_small_geometry_is_returned_unchanged():
    lisbon = {"type": "Polygon", "coordinates": [[*OPEN_RING, OPEN_RING[0]]]}
    assert simplify.simplified_geometry(lisbon) is lisbon
    assert simplify.simplified_geometry(lisbon, max_vertices=5) is lisbon


def test_what_cannot_be_simplified_enough_becomes_its_envelope():
    points = np.column_stack([np.linspace(-9, -7, 200_000), np.linspace(38, 41, 200_000)])
    cloud = {"type": "MultiPoint", "coordinates": points.tolist()}
    started = time.monotonic()
    envelope = simplify.simplified_geometry(cloud)
    assert time.monotonic() - started < 2
    assert envelope["type"] == "Polygon" and simplify.count_vertices(envelope) == 5
    assert shape(envelope).bounds == (-9.0, 38.0, -7.0, 41.0)


def test_collections_are_simplified_part_by_part():
    both = {
        "type": "GeometryCollection",
        "geometries": [_coastline(5000), {"type": "Point", "coordinates": [-9.14, 38.72]}],
    }
    assert simplify.count_vertices(both) == 5002
    light = simplify.simplified_geometry(both, max_vertices=200)
    assert light["type"] == "GeometryCollection" and simplify.count_vertices(light) <= 200
    assert light["geometries"][1] == {"type": "Point", "coordinates": [-9.14, 38.72]}
