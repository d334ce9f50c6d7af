"""``enti.validators``: the CKAN-free validation core of ENTI.

Entry points: :func:`validate_path` checks a file (a table, NGSI-LD entities, GeoJSON, a CSV of
points) and returns :class:`ValidationReport`\\ s of bilingual :class:`Finding`\\ s. One package per
concern: ``tabular`` (Frictionless tables), ``entities`` (NGSI-LD payloads against the CNMD JSON
Schemas), ``geometry`` (coordinates, CRSs, coverage geometries), ``metadata`` (the record rules of
the metadata model, DCAT-AP SHACL, documents, links), ``cli`` (``enti-validate``, ``enti-bbox``).
"""

from enti.validators.dispatch import validate_path
from enti.validators.messages import Message
from enti.validators.report import ERROR, WARNING, Finding, ValidationReport

__all__ = ["ERROR", "WARNING", "Finding", "Message", "ValidationReport", "validate_path"]
