#!/usr/bin/env bash
# Benchmarks: each prints `BENCH <name> <value> <unit> baseline=<value> speedup=<x>` lines.
# bench_dcat_catalog.py: crawling the DCAT catalogue of 10,000 datasets, ours against stock
# ckanext-dcat (the first run seeds the bench environment, about 12 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
scripts=(bench/bench_*.py)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "no benchmarks yet"
  exit 0
fi
for script in "${scripts[@]}"; do .venv/bin/python "$script"; done
