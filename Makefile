# ckanext-enti — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
STATE ?= .state
PY := $(VENV)/bin/python

.PHONY: demo test down token bench lint bootstrap test-unit test-integration udata-venv

## Install what is missing, start every service, load the demo content, print the URL and admin login.
demo: bootstrap
	deploy/stack.sh demo

## Same bootstrap, then lint and the whole test suite against the real services (own DB and Solr core).
test: bootstrap
	deploy/stack.sh test-prep
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-unit
	$(MAKE) --no-print-directory test-integration

bootstrap:
	deploy/bootstrap.sh

## udata's own harvester (tests/udata_check) runs in .state/udata-venv, remade when its requirements change.
udata-venv:
	deploy/udata_venv.sh

## CKAN-free core: validators/, harvesters/, schemas/ (no CKAN plugin loaded at all).
test-unit:
	$(PY) -m pytest -p no:ckan -p no:ckan_fixtures tests/unit

test-integration: udata-venv
	$(PY) -m pytest --ckan-ini=$(STATE)/test.ini tests/integration

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## Stop every process the stack started.
down:
	deploy/stack.sh down

## Print a fresh API token for the demo admin (for curl -H "Authorization: $$(make -s token)").
token:
	@deploy/stack.sh token

bench: bootstrap
	bench/run.sh
