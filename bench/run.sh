#!/usr/bin/env bash
# Benchmarks: each prints `BENCH <name> <value> <unit> baseline=<value> speedup=<x>` lines.
# No issue has set a performance target yet, so there is nothing to measure; the issues that
# do (DCAT catalogue, validation) add their scripts here.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
scripts=(bench/bench_*.py)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "no benchmarks yet"
  exit 0
fi
for script in "${scripts[@]}"; do .venv/bin/python "$script"; done
