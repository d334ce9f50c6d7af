"""Coordinates and geometries: CRS detection and reprojection to WGS84 (PT-TM06, the Azores and
Madeira systems …), GeoJSON and CSV points checked to land in Portugal, the RFC 7946 rules of a
coverage geometry and its simplified copy for pages and exports.

Entry points: :func:`validate_geojson`, :func:`validate_coordinates_csv`,
:func:`validate_entity_geometries`.
"""

from enti.validators.geometry.geojson import validate_entity_geometries, validate_geojson
from enti.validators.geometry.points_csv import validate_coordinates_csv

__all__ = ["validate_coordinates_csv", "validate_entity_geometries", "validate_geojson"]
