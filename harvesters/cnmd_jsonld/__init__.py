"""CNMD ``Comuns/Metadata`` JSON-LD: the metadata shape PGUs and the national integrator exchange.

:func:`to_cnmd` writes one catalogue, dataset, data service or dataset series of a DCAT-AP graph in
the key style of the CNMD examples; :func:`catalog_entities` writes a whole graph as the JSON array
of entities an API answers; :func:`from_cnmd` reads that shape back into DCAT RDF, tolerating the
defects the official examples carry (the ``https`` DCAT namespace, a theme given as a typed literal,
undeclared prefixes). :func:`enti.validators.metadata.cnmd_schema.validate_cnmd` checks one entity
against the CNMD JSON Schemas. CKAN-free.
"""

from enti.harvesters.cnmd_jsonld.read import from_cnmd
from enti.harvesters.cnmd_jsonld.write import catalog_entities, to_cnmd

__all__ = ["catalog_entities", "from_cnmd", "to_cnmd"]
