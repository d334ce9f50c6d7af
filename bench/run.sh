#!/usr/bin/env bash
# Benchmarks: each prints `BENCH <name> <value> <unit> baseline=<value> speedup=<x>` lines.
# bench_dcat_catalog.py: crawling the DCAT catalogue of 10,000 datasets, ours against stock
#   ckanext-dcat (the first run seeds the bench environment, about 12 minutes on 2 cores).
# bench_entities.py: 100,000 NGSI-LD entities against the CNMD schemas, ours against a
#   jsonschema validator built per entity.
# bench_reproject.py: 1,000,000 PT-TM06 points to WGS84, vectorised against a per-point loop.
# bench_tables.py: a 1,000,000-row Portuguese CSV with a Table Schema, ours against the
#   `frictionless validate` CLI.
# Run one alone with `.venv/bin/python bench/bench_<name>.py`.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
scripts=(bench/bench_*.py)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "no benchmarks yet"
  exit 0
fi
for script in "${scripts[@]}"; do .venv/bin/python "$script"; done
