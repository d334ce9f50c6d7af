"""Command lines of the core: ``enti-validate`` (:mod:`.validate`: files, URLs, DCAT documents,
the CNMD examples) and ``enti-bbox`` (:mod:`.bbox`: the WGS84 box of a GeoJSON file). ``files``
renders file reports for the terminal. The only core modules that fetch a URL, through
:mod:`enti.harvesters.http`."""
