"""Reference data, next to the files it indexes: controlled vocabularies (``vocabularies``),
the 308 municipalities and their CIM/AM (``territories``), the CNMD model catalogue
(``cnmd``), the RDF prefixes and namespaces (``rdf``) and bilingual labels (``labels``).
Imports nothing from the other core packages."""
