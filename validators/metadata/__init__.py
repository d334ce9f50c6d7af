"""The metadata model (CNMD ``Comuns/Metadata``: DCAT-AP 3 + INSPIRE) on records and documents.

* ``record`` — the rules spanning a record's fields, on a plain record: :func:`record_problems`
  returns ``(field path, Message)`` pairs, :func:`record_defaults` what the catalogue fills in;
* ``fields``, ``values``, ``terms``, ``links`` — single-field rules (dates, durations, emails,
  geometries, vocabulary terms, DICO codes, URI lists, licences, formats, links);
* ``shape`` — the shape of a record sent to the API (types, lengths, nesting);
* ``shacl`` — a DCAT-AP graph against the official and HVD SHACL shapes;
* ``cnmd_schema`` — a CNMD JSON-LD metadata entity against the CNMD JSON Schemas;
* ``documents``, ``xml_safety`` — documents refused before parsing (entities, remote contexts).
"""

from enti.validators.metadata.record import (
    RecordFacts,
    RecordRules,
    record_defaults,
    record_problems,
)

__all__ = ["RecordFacts", "RecordRules", "record_defaults", "record_problems"]
