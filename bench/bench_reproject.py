"""Benchmark: reprojecting PT-TM06 points to WGS84, vectorised against a per-point loop (issue 5).

Ours: :func:`enti.validators.geometry.coordinates.to_wgs84` on 1,000,000 points spread over mainland
Portugal (EPSG:3763), one call. Baseline: the same cached pyproj ``Transformer``, called once per
point — what a row-by-row validator does. The loop is timed on the first 50,000 points and
extrapolated to points per second (it would take minutes on the full million). Both give the
same coordinates (checked on the loop's sample). Prints one ``BENCH`` line on stdout; details
go to stderr.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from enti.validators.geometry.coordinates import _to_wgs84, to_wgs84

N, LOOP_N, RUNS = 1_000_000, 50_000, 5


def points(n: int) -> np.ndarray:
    rng = np.random.default_rng(5)
    # PT-TM06 extent of the mainland, metres.
    return np.column_stack([rng.uniform(-119_000, 162_000, n), rng.uniform(-300_000, 276_000, n)])


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    xy = points(N)
    to_wgs84(xy[:10], 3763)  # build and cache the transformer outside the timing

    transformer = _to_wgs84(3763)  # the very Transformer to_wgs84 uses
    sample = [(float(x), float(y)) for x, y in xy[:LOOP_N]]
    looped: list[tuple[float, float]] = []

    def loop() -> None:
        looped.clear()
        looped.extend(transformer.transform(x, y) for x, y in sample)

    # Interleaved, best of RUNS each: a busy machine slows both sides alike.
    rounds = [(timed(lambda: to_wgs84(xy, 3763)), timed(loop)) for _ in range(RUNS)]
    ours_s, loop_s = min(r[0] for r in rounds), min(r[1] for r in rounds)
    assert np.allclose(np.array(looped), to_wgs84(xy[:LOOP_N], 3763), rtol=0, atol=1e-12)

    ours, baseline = N / ours_s, LOOP_N / loop_s
    print(
        f"# {N:,} points vectorised in {ours_s:.3f} s; loop: {LOOP_N:,} points in {loop_s:.3f} s,"
        f" extrapolated to {N / baseline:.1f} s for {N:,} (best of {RUNS})",
        file=sys.stderr,
    )
    print(
        f"BENCH reproject_points_per_s {ours:.0f} points/s baseline={baseline:.0f} "
        f"speedup={ours / baseline:.1f}"
    )


if __name__ == "__main__":
    main()
