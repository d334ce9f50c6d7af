"""Validating NGSI-LD entities against the CNMD: ours against the naive jsonschema approach.

Generates 100,000 normalized NGSI-LD entities of mixed CNMD types from the CNMD examples (every
example whose type has a model, its defects included, each copy with its own URN), as the JSON
array a PGU publishes (UTF-8 bytes), then in a fresh process each:

* ours: ``validate_entities(payload)`` over all 100,000, the CNMD schemas compiled beforehand
  (once per process: the compile time is logged, not counted, as the naive side's schema
  loading is not);
* naive: the document parsed whole, each entity normalised, a jsonschema ``Draft202012Validator``
  built for it (schemas loaded once, offline registry, same format checker) and all its errors
  listed; on the first 2,000 entities, extrapolated per second.

Throughput is entities per CPU-second of the (single-threaded) process, so that other load on
the machine does not count; wall-clock figures go to stderr. Peak RSS is the process's maximum
resident set (both processes hold the same 100,000-entity payload). Prints only BENCH lines.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 100_000
NAIVE_SAMPLE = 2_000


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def generate(target: Path) -> None:
    from enti.schemas import path
    from enti.validators.entities.schema import catalogue

    examples = []
    for file in sorted(path("cnmd").glob("**/exemplos/**/*.json")):
        if "Comuns/Metadata" in file.as_posix():
            continue
        data = json.loads(file.read_text(encoding="utf-8"))
        for entity in data if isinstance(data, list) else [data]:
            if isinstance(entity, dict) and catalogue().model_for_type(entity.get("type")):
                examples.append(entity)
    entities = []
    for i in range(COUNT):
        entity = dict(examples[i % len(examples)])
        entity["id"] = f"{entity['id']}-{i}"
        entities.append(entity)
    target.write_bytes(json.dumps(entities, ensure_ascii=False).encode("utf-8"))
    log(f"generated {COUNT} entities of {len(examples)} examples, {target.stat().st_size >> 20} MB")


def peak_rss_mb() -> float:
    """VmHWM of this process. (``ru_maxrss`` would also count the parent's memory at fork time,
    which Linux carries over exec.)"""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ours(payload: Path) -> dict[str, float]:
    from enti.validators.entities.schema import catalogue
    from enti.validators.entities.validate import validate_entities

    data = payload.read_bytes()
    start = time.process_time()
    catalogue().compile_all()  # once per process, as a worker does at its first payload
    log(
        f"ours: compiling the {len(catalogue().models)} CNMD schemas took "
        f"{time.process_time() - start:.2f} s CPU (not in the throughput)"
    )
    before = loop_seconds()
    wall, cpu = time.perf_counter(), time.process_time()
    report = validate_entities(data, source=str(payload))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = loop_seconds()
    log(f"machine: a 10**7-step Python loop took {before:.2f} s before, {after:.2f} s after")
    stats = report.stats
    assert stats["entities"] == COUNT, stats
    log(
        f"ours: {stats['valid']} valid, {stats['invalid']} invalid, "
        f"{stats['findings_total']} findings; {wall:.1f} s wall, {cpu:.1f} s CPU"
    )
    return {"per_s": COUNT / cpu, "wall_per_s": COUNT / wall, "rss": peak_rss_mb()}


def naive(payload: Path) -> dict[str, float]:
    from jsonschema import Draft202012Validator

    from enti.schemas.reference.cnmd import load_schema, model_named, refs_registry
    from enti.validators.entities.ngsi import normalize
    from enti.validators.entities.schema import format_checker

    registry, checker = refs_registry(), format_checker()
    schemas: dict[str, dict[str, object]] = {}  # loaded once: only the validator is not cached
    entities = json.loads(payload.read_bytes())
    wall, cpu = time.perf_counter(), time.process_time()
    errors = []
    for entity in entities[:NAIVE_SAMPLE]:
        kv = normalize(entity)
        kv.pop("@context", None)
        model = model_named(kv["type"])
        assert model is not None
        schema = schemas.setdefault(model.entity_type, load_schema(model))
        validator = Draft202012Validator(schema, registry=registry, format_checker=checker)
        errors.extend(validator.iter_errors(kv))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    seconds = f"{wall:.1f} s wall, {cpu:.1f} s CPU"
    log(f"naive: {len(errors)} errors in {NAIVE_SAMPLE} entities; {seconds}")
    return {"per_s": NAIVE_SAMPLE / cpu, "wall_per_s": NAIVE_SAMPLE / wall, "rss": peak_rss_mb()}


def loop_seconds() -> float:
    """A yardstick for the machine's speed at the time (an idle recent laptop: about 0.4 s)."""
    start, total = time.process_time(), 0
    for i in range(10**7):
        total += i
    return time.process_time() - start


def child(kind: str, payload: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, kind, str(payload)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    sys.stderr.write(output.stderr)
    output.check_returncode()
    result: dict[str, float] = json.loads(output.stdout)
    return result


def main() -> None:
    if len(sys.argv) == 3:  # a child: one measurement in a fresh process
        run = ours if sys.argv[1] == "ours" else naive
        print(json.dumps(run(Path(sys.argv[2]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        payload = Path(folder) / "entities.json"
        generate(payload)
        log("validating (ours) …")
        fast = child("ours", payload)
        log(f"validating (naive, {NAIVE_SAMPLE} entities) …")
        slow = child("naive", payload)
    log(f"wall-clock: ours {fast['wall_per_s']:.0f}/s, naive {slow['wall_per_s']:.1f}/s")
    print(
        f"BENCH entities_validate_per_s {fast['per_s']:.0f} entities/s "
        f"baseline={slow['per_s']:.1f} speedup={fast['per_s'] / slow['per_s']:.1f}"
    )
    print(
        f"BENCH entities_validate_peak_rss {fast['rss']:.0f} MB "
        f"baseline={slow['rss']:.0f} speedup={slow['rss'] / fast['rss']:.2f}"
    )


if __name__ == "__main__":
    main()
