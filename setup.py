"""Packaging for ckanext-enti.

One distribution, four import roots mapped from the repository's fixed layout:

* ``ckanext.enti``     <- ckanext-enti/ckanext/enti  (the CKAN adapter)
* ``enti.validators``  <- validators/                (CKAN-free validation core)
* ``enti.harvesters``  <- harvesters/                (CKAN-free harvesting core)
* ``enti.schemas``     <- schemas/                   (declarative data, shipped as package data)

Exact versions of the whole stack live in ``constraints.txt``.
"""

from setuptools import setup

PACKAGE_DATA_PATTERNS = ["*.yaml", "*.yml", "*.json", "*.csv", "*.md", "*.txt", "*.ttl"]

setup(
    name="ckanext-enti",
    version="0.1.0",
    description=(
        "Open-data and algorithm-sharing catalogue of Portugal's smart-territories "
        "strategy (ENTI), built on CKAN"
    ),
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    python_requires=">=3.11,<3.12",
    package_dir={
        "ckanext.enti": "ckanext-enti/ckanext/enti",
        "enti.validators": "validators",
        "enti.harvesters": "harvesters",
        "enti.schemas": "schemas",
    },
    packages=[
        "ckanext.enti",
        "ckanext.enti.dcat",
        "ckanext.enti.logic",
        "ckanext.enti.resource_checks",
        "enti.validators",
        "enti.validators.cli",
        "enti.validators.entities",
        "enti.validators.geometry",
        "enti.validators.metadata",
        "enti.validators.tabular",
        "enti.harvesters",
        "enti.harvesters.cnmd_jsonld",
        "enti.schemas",
        "enti.schemas.reference",
    ],
    include_package_data=True,
    package_data={
        "ckanext.enti": [
            "config_declaration.yaml",
            "templates/**/*",
            "i18n/**/*",
            "public/**/*",
            "assets/**/*",
            "migration/**/*",
        ],
        "enti.schemas": [f"**/{pattern}" for pattern in PACKAGE_DATA_PATTERNS],
    },
    install_requires=[
        "ckan[requirements]==2.12.0",
        "ckanext-scheming==3.1.0",
        "ckanext-dcat==2.4.4",
        "ckanext-spatial==2.3.2",
        "ckanext-harvest==1.6.3",
        "frictionless==5.21.0",
        "pyproj",
        "shapely",
        "rdflib",
        "pyshacl",
        "jsonschema",
        "referencing",
        # tables: XLSX, XLS and ODS readers, streaming JSON, the vectorised fast path
        "openpyxl",
        "xlrd",
        "ezodf",
        "ijson",
        "pyarrow",
        "requests",
        # entities: the whole array split into raw spans, each decoded in turn
        "msgspec",
    ],
    extras_require={
        "dev": [
            # CKAN's pytest plugin and factories (the test-only part of ckan[dev])
            "pytest",
            "hypothesis",
            "pytest-factoryboy",
            "factory-boy",
            "Faker",
            "freezegun",
            "responses",
            "beautifulsoup4",
            "ruff",
            "mypy",
            "types-requests",
            "types-PyYAML",
        ],
        "server": ["gunicorn"],
    },
    entry_points={
        "console_scripts": [
            "enti-bbox = enti.validators.cli.bbox:main",
            "enti-validate = enti.validators.cli.validate:main",
        ],
        "ckan.rdf.profiles": [
            "enti_dcat_ap = ckanext.enti.dcat.profile:EntiDCATAPProfile",
        ],
        "ckan.plugins": [
            "enti = ckanext.enti.plugin:EntiPlugin",
        ],
        "babel.extractors": [
            "ckan = ckan.lib.extract:extract_ckan",
        ],
    },
    message_extractors={
        "ckanext-enti/ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
