"""NGSI-LD and NGSI-v2 entities (normalized or key-values) checked against the CNMD JSON Schemas
and the CNMD rules the schemas do not express (URN identifiers, empty values).

Entry points: :func:`validate_entities` (a payload file), :func:`check_examples` and
:func:`format_examples_table` (the CNMD's own examples).
"""

from enti.validators.entities.examples import check_examples, format_examples_table
from enti.validators.entities.validate import validate_entities

__all__ = ["check_examples", "format_examples_table", "validate_entities"]
