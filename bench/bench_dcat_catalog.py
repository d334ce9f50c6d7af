"""Benchmark: crawling the whole DCAT catalogue, ours against stock ckanext-dcat (issue 4).

Seeds ENTI_BENCH_DATASETS (default 10,000) realistic datasets with 3 distributions each into the
`bench` environment (own database, Solr core and Redis db; seeding runs once, later runs reuse
it), then starts two production web servers (gunicorn, one worker each) on the same data:

- ours:  the `enti_dcat_ap` profile, pages assembled from the fragment cache;
- stock: ckanext-dcat's `euro_dcat_ap_3` profile, its own live serialisation per page.

It crawls every page of /catalog.ttl on each (following hydra:next), then a sample of pages in
RDF/XML and JSON-LD, and prints `BENCH` lines (speedup > 1: ours is better). It also checks that
our sampled pages are the same graphs as our profile's live output, that the crawl listed every
public dataset exactly once, and reports the web worker's peak RSS.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests
from rdflib import Graph
from rdflib.compare import isomorphic

REPO = Path(__file__).resolve().parents[1]
STATE = Path(os.environ.get("ENTI_STATE_DIR", REPO / ".state"))
VENV = REPO / ".venv" / "bin"
INI = STATE / "bench.ini"
STOCK_INI = STATE / "bench-stock.ini"
N = int(os.environ.get("ENTI_BENCH_DATASETS", "10000"))
OURS_PORT, STOCK_PORT = 5011, 5012
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
NEXT = {
    "ttl": re.compile(r"hydra:next \"([^\"]+)\""),
    "rdf": re.compile(r"<hydra:next>([^<]+)</hydra:next>"),
    "jsonld": re.compile(r'"http://www.w3.org/ns/hydra/core#next":\s*\[\{"@value":\s*"([^"]+)"'),
}


def run(*cmd: str | Path, **kw) -> str:
    return subprocess.run(
        [str(c) for c in cmd], check=True, text=True, capture_output=True, **kw
    ).stdout


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def prepare() -> None:
    run(REPO / "deploy/stack.sh", "services")
    run(REPO / "deploy/ckan.sh", "configure", "bench")
    run(REPO / "deploy/ckan.sh", "migrate", "bench")
    seed = [VENV / "python", REPO / "bench/dcat_seed.py", INI]
    run(*seed, "0")  # organizations and admin first
    started = time.time()
    parts = [
        subprocess.Popen([*map(str, seed), str(N), str(k), "2"], stdout=subprocess.DEVNULL)
        for k in range(2)
    ]
    if any(p.wait() for p in parts):
        sys.exit("seeding failed")
    log(f"{N} datasets in the bench catalogue (seeding took {time.time() - started:.0f} s)")
    run(VENV / "ckan", "-c", INI, "jobs", "clear")
    STOCK_INI.write_text(INI.read_text())
    options = STATE / "bench-stock.options.ini"
    options.write_text(
        "[app:main]\nckanext.dcat.rdf.profiles = euro_dcat_ap_3\n"
        "ckanext.enti.dcat.fragment_cache = false\n"
    )
    run(VENV / "ckan", "config-tool", STOCK_INI, "-f", options)


class Server:
    """One gunicorn worker serving an ini, as in production (deploy/ckan.sh)."""

    def __init__(self, ini: Path, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "--chdir",
                str(REPO / "deploy/ckan"),
                "wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "600",
            ],
            env={**os.environ, "CKAN_INI": str(ini)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(120):
            try:
                requests.get(self.base + "/api/3/action/status_show", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(1)
        children = run("pgrep", "-P", str(self.proc.pid)).split()
        self.worker = int(children[0])
        self.session = requests.Session()

    def rss_mb(self, field: str = "VmRSS") -> float:
        status = Path(f"/proc/{self.worker}/status").read_text()
        return int(re.search(rf"{field}:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]

    def get(self, path: str) -> tuple[float, str]:
        started = time.perf_counter()
        response = self.session.get(self.base + path, timeout=600)
        content = response.content
        elapsed = time.perf_counter() - started
        body = content.decode("utf-8")
        response.raise_for_status()
        return elapsed, body

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def crawl(server: Server, fmt: str) -> dict:
    """Every page from page 1, following hydra:next; the ids listed and the latencies."""
    times, listed, rss = [], [], []
    path: str | None = f"/catalog.{fmt}?page=1"
    while path:
        elapsed, body = server.get(path)
        times.append(elapsed)
        listed += re.findall(r"/dataset/([0-9a-f-]{36})> \.", body)
        rss.append(server.rss_mb())
        following = NEXT[fmt].search(body)
        path = re.sub(r"^https?://[^/]+", "", following.group(1)) if following else None
    return {"times": times, "listed": listed, "rss": rss}


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def bench(name: str, ours: float, stock: float, unit: str) -> None:
    speedup = stock / ours if ours else float("inf")
    print(f"BENCH {name} {ours:.3f} {unit} baseline={stock:.3f} speedup={speedup:.1f}", flush=True)


def main() -> None:
    prepare()
    started = time.time()
    warm = run(VENV / "ckan", "-c", INI, "enti", "dcat-cache", "warm").strip().splitlines()[-1]
    log(f"fragment cache warm-up: {warm} in {time.time() - started:.0f} s")
    results = {}
    for label, ini, port in (("ours", INI, OURS_PORT), ("stock", STOCK_INI, STOCK_PORT)):
        server = Server(ini, port)
        try:
            server.get("/catalog.ttl?page=1")  # first request loads the app lazily
            idle = server.rss_mb()
            ttl = crawl(server, "ttl")
            pages = len(ttl["times"])
            samples = sorted({2, pages // 2, pages})
            others = {
                fmt: [server.get(f"/catalog.{fmt}?page={k}")[0] for k in samples]
                for fmt in ("rdf", "jsonld")
            }
            results[label] = {
                "ttl": ttl,
                "others": others,
                "idle": idle,
                "peak": server.rss_mb("VmHWM"),
            }
            if label == "ours":
                results["iso"] = same_graphs(server, samples)
                search = server.base + "/api/3/action/package_search?rows=0"
                results["public"] = server.session.get(search, timeout=60).json()["result"]["count"]
        finally:
            server.stop()
        log(f"{label}: crawled {pages} pages")
    report(results)


def same_graphs(server: Server, pages: list[int]) -> str:
    """Our cached pages against our profile's live output (ckanext-dcat's serialiser)."""
    checked = same = 0
    for fmt, rdflib_format in FORMATS.items():
        for k in pages:
            fast = server.get(f"/catalog.{fmt}?page={k}")[1]
            live = server.get(f"/catalog.{fmt}?profiles=enti_dcat_ap&page={k}")[1]
            live = re.sub(r"profiles=enti_dcat_ap&(amp;)?", "", live)
            checked += 1
            same += isomorphic(
                Graph().parse(data=fast, format=rdflib_format),
                Graph().parse(data=live, format=rdflib_format),
            )
    return f"{same}/{checked}"


def report(results: dict) -> None:
    ours, stock = results["ours"], results["stock"]
    listed = ours["ttl"]["listed"]
    log(
        f"ours: {len(listed)} datasets listed over hydra:next, {len(set(listed))} distinct; "
        f"package_search counts {results['public']} public records"
    )
    o, s = ours["ttl"]["times"], stock["ttl"]["times"]
    bench("dcat_catalog_ttl_crawl_total", sum(o), sum(s), "s")
    bench("dcat_catalog_ttl_page_p50", p(o, 50), p(s, 50), "s")
    bench("dcat_catalog_ttl_page_p95", p(o, 95), p(s, 95), "s")
    for fmt in ("rdf", "jsonld"):
        bench(
            f"dcat_catalog_{fmt}_page_median",
            statistics.median(ours["others"][fmt]),
            statistics.median(stock["others"][fmt]),
            "s",
        )
    bench("dcat_catalog_worker_peak_rss", ours["peak"], stock["peak"], "MB")
    rss = ours["ttl"]["rss"]
    log(
        f"ours RSS: idle {ours['idle']:.0f} MB, after page 1 {rss[0]:.0f} MB, "
        f"page {len(rss) // 2} {rss[len(rss) // 2]:.0f} MB, last page {rss[-1]:.0f} MB"
    )
    log(f"sampled pages isomorphic to the live profile output: {results['iso']}")


if __name__ == "__main__":
    main()
