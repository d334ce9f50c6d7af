"""Benchmark: validating a 1,000,000-row Portuguese CSV, ours against frictionless (issue 5).

Generates once into .state/bench/tables/ an ISO-8859-1, ``;``-separated CSV with decimal commas
and DD-MM-YYYY dates (about 90 MB; air-quality observations shaped on the CNMD model
AirQualityObserved, a few rows deliberately wrong) and its Table Schema (primary key ``id``, as
ENTI's shipped schemas have). Then times, each in its own process:

- ours:     ``validate_table(file, schema=…)`` (vectorised screen, frictionless on failing rows);
- baseline: ``frictionless validate --schema … file`` (frictionless 5, row by row).

Wall time and the peak RSS of each process (``os.wait4``) give two ``BENCH`` lines (speedup > 1:
ours is better). Both must find the same number of errors, or the run fails.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STATE = Path(os.environ.get("ENTI_STATE_DIR", REPO / ".state"))
WORK = STATE / "bench" / "tables"
VENV = REPO / ".venv" / "bin"
ROWS = int(os.environ.get("ENTI_BENCH_TABLE_ROWS", "1000000"))
DATA = WORK / f"air_quality_{ROWS}.csv"
SCHEMA = WORK / "air_quality.schema.json"
PLACES = [
    ("Évora", 38.5714, -7.9135),
    ("Bragança", 41.8061, -6.7567),
    ("Setúbal", 38.5244, -8.8882),
    ("Guimarães", 41.4425, -8.2918),
    ("Loulé", 37.1377, -8.0197),
    ("Lisboa", 38.7223, -9.1393),
    ("Porto", 41.1579, -8.6291),
    ("Viseu", 40.6566, -7.9125),
]
LEVELS = ["good", "moderate", "unhealthyForSensitiveGroups", "unhealthy"]
BAD_EVERY = 50_000  # one deliberately wrong row in this many

OURS = """
import json, sys
from enti.validators.tabular.validate import validate_table
report = validate_table(sys.argv[1], schema=sys.argv[2])
print(json.dumps({"errors": report.stats["findings"], "rows": report.stats["rows"],
                  "encoding": report.encoding, "engine": report.stats.get("engine")}))
"""


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def schema() -> dict:
    def number(name: str, **constraints: float) -> dict:
        item = {"name": name, "type": "number", "decimalChar": ","}
        return {**item, "constraints": constraints} if constraints else item

    return {
        "fields": [
            {"name": "id", "type": "string", "constraints": {"required": True}},
            {
                "name": "dateObserved",
                "type": "date",
                "format": "%d-%m-%Y",
                "constraints": {"required": True},
            },
            {"name": "address_addressLocality", "type": "string"},
            number("latitude", minimum=-90, maximum=90),
            number("longitude", minimum=-180, maximum=180),
            number("no2", minimum=0),
            number("pm10", minimum=0),
            number("pm25", minimum=0),
            number("o3", minimum=0),
            number("temperature"),
            number("relativeHumidity", minimum=0, maximum=1),
            {"name": "airQualityLevel", "type": "string", "constraints": {"enum": LEVELS}},
        ],
        "primaryKey": ["id"],
    }


def generate() -> None:
    if DATA.exists() and SCHEMA.exists():
        return
    log(f"generating {DATA} ({ROWS:,} rows)")
    WORK.mkdir(parents=True, exist_ok=True)
    SCHEMA.write_text(json.dumps(schema(), indent=2) + "\n", encoding="utf-8")
    rng = random.Random(5)  # noqa: S311 - test data, not secrets
    header = [f["name"] for f in schema()["fields"]]
    partial = DATA.with_suffix(".partial")
    with open(partial, "w", encoding="iso-8859-1", newline="") as out:
        out.write(";".join(header) + "\r\n")
        for n in range(ROWS):
            place, lat, lon = PLACES[n % len(PLACES)]
            day, month = 1 + n % 28, 1 + (n // 28) % 12
            cells = [
                f"urn:enti:AQO:{n:07d}",
                f"{day:02d}-{month:02d}-2024",
                place,
                f"{lat:.4f}".replace(".", ","),
                f"{lon:.4f}".replace(".", ","),
                f"{rng.uniform(0, 90):.1f}".replace(".", ","),
                f"{rng.uniform(0, 60):.1f}".replace(".", ","),
                f"{rng.uniform(0, 35):.1f}".replace(".", ","),
                f"{rng.uniform(10, 120):.1f}".replace(".", ","),
                f"{rng.uniform(-2, 38):.1f}".replace(".", ","),
                f"{rng.uniform(0.1, 1):.2f}".replace(".", ","),
                LEVELS[n % len(LEVELS)],
            ]
            if n % BAD_EVERY == BAD_EVERY - 1:
                cells[[1, 5, 10, 11][(n // BAD_EVERY) % 4]] = ["31-02-2024", "12.5", "1,4", "ok"][
                    (n // BAD_EVERY) % 4
                ]
            out.write(";".join(cells) + "\r\n")
    partial.rename(DATA)
    log(f"generated {DATA.stat().st_size / 1e6:.0f} MB")


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=WORK, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, output


def main() -> None:
    generate()
    log("ours: validate_table")
    ours_s, ours_mb, out = measure([str(VENV / "python"), "-c", OURS, DATA.name, SCHEMA.name])
    ours = json.loads(out)
    log(f"ours: {ours_s:.1f} s, {ours_mb:.0f} MB, {ours}")
    log("baseline: frictionless validate")
    cli = [str(VENV / "frictionless"), "validate", "--json", "--schema", SCHEMA.name, DATA.name]
    base_s, base_mb, out = measure(cli)
    theirs = json.loads(out)
    task = theirs["tasks"][0]
    log(f"baseline: {base_s:.1f} s, {base_mb:.0f} MB, {task['stats']}")
    if task["stats"]["errors"] != ours["errors"] or task["stats"]["rows"] != ours["rows"]:
        sys.exit(f"error counts differ: ours {ours} frictionless {task['stats']}")
    rows = ours["rows"]
    print(
        f"BENCH table_validate_rows_per_s {rows / ours_s:.0f} rows/s "
        f"baseline={rows / base_s:.0f} speedup={base_s / ours_s:.2f}"
    )
    print(
        f"BENCH table_validate_peak_rss {ours_mb:.0f} MB "
        f"baseline={base_mb:.0f} speedup={base_mb / ours_mb:.2f}"
    )


if __name__ == "__main__":
    main()
