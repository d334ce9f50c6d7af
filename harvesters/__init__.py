"""``enti.harvesters``: the CKAN-free harvesting core — fetching remote documents safely
(:mod:`.http`: timeouts, size caps, no silent redirects, SSRF guard) and mapping what PGUs and
portals publish to and from DCAT (:mod:`.cnmd_jsonld`). It imports nothing from
``enti.validators``; the CKAN adapter checks what a harvest brings in."""
