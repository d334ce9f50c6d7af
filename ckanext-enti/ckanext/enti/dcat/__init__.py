"""DCAT-AP in ckanext-enti: the ``enti_dcat_ap`` profile (:mod:`.profile`, :mod:`.parsing`), the
catalogue's one query (:mod:`.catalog`), what a record's RDF needs beyond the record
(:mod:`.enrich`), the fragment cache (:mod:`.fragments`, :mod:`.cache`, :mod:`.hooks`,
:mod:`.jobs`), the harvester's additions (:mod:`.harvest`) and ckanext-dcat's non-public names
(:mod:`.private_api`)."""
