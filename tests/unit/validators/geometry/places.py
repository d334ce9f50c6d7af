"""Places in Portugal (and one outside) to build geometry test input from, and a report's
finding types in short."""

import numpy as np
from pyproj import Transformer

from tests.unit.testdata import DATA

GEOM = DATA / "geometry"

# Approximate town-hall coordinates (lon, lat), spread over each territory.
MAINLAND = [(-9.1365, 38.7077), (-8.6109, 41.1496), (-8.4291, 40.2111), (-7.9350, 37.0160),
            (-8.4201, 41.5503), (-6.7567, 41.8061), (-7.9087, 38.5714), (-8.8329, 41.6932),
            (-7.8632, 38.0151), (-7.4909, 39.8222)]  # fmt: skip
FLORES_CORVO = [(-31.1264, 39.4537), (-31.1997, 39.3814), (-31.1051, 39.6726)]
AZORES_CE = [(-25.6756, 37.7412), (-27.2206, 38.6551), (-28.6263, 38.5363), (-25.15, 36.95)]
MADEIRA = [(-16.9086, 32.6496), (-16.34, 33.07), (-15.87, 30.14)]
MADRID = (-3.7038, 40.4168)
# A square in Lisbon whose ring does not end on its first position.
OPEN_RING = [[-9.2, 38.7], [-9.1, 38.7], [-9.1, 38.8], [-9.2, 38.8]]


def projected(points, epsg):
    """The points in ``epsg`` (pyproj forward projection, to build test input)."""
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(*np.array(points).T)
    return x, y


def feature_collection(points, crs=None):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": p}}
            for p in points
        ],
    }
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def types(report):
    return [f.type for f in report.findings]
