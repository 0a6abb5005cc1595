"""Benchmark of the dashboard (`kronik serve`): every kind of request it answers, against a generated database of
at least 100,000 events, the server on one core.

The database is built once (kept at --db) from kronik.generate pages through the real pipeline (`kronik ingest`):
13,000 pages of seed 1, 10% of them undated and 2% syndicated copies (bench/ingest.py's corpus), about 105,000
events. The server is `kronik serve --threads 1` pinned to one CPU; the client runs in this process on the other
CPUs and times each request over loopback HTTP (what a browser waits for, server-side rendering included). Each
URL is requested once to warm up, then --repeat times; printed per URL: median, 95th percentile and maximum
milliseconds and the response size, and for downloads the time to the first byte beside the time to the last.

Usage: .venv/bin/python bench/dashboard.py [--db out/bench/dashboard.duckdb] [--repeat 10] [--cpu 0]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import write_corpus  # noqa: E402  (bench/ is on sys.path when a bench script runs)

from kronik import db as kdb  # noqa: E402
from kronik.web import queries  # noqa: E402

BUDGET_MS = 300
"""Every interactive request (pages, API, static files, the first byte of a download) must answer within this."""
BIN = Path(sys.executable).parent


def build(path: Path, pages: int) -> None:
    """The benchmark database: generated pages through `kronik ingest`, as a user would build one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    corpus = path.with_suffix(".jsonl")
    counts = write_corpus(corpus, pages, seed=1, copies=0.02, undated=0.1)
    print(f"building {path} from {counts['lines']} generated documents (kronik ingest) …", file=sys.stderr)
    subprocess.run([str(BIN / "kronik"), "ingest", str(corpus), "--db", str(path), "--no-progress"], check=True)
    corpus.unlink()


def urls(path: Path) -> list[tuple[str, str]]:
    """(what, URL) for every request the dashboard makes, with actors, ids and words taken from the database."""
    with kdb.connect_read(path) as con:
        a, b = queries.top_dyad(con) or ("", "")
        busiest = next(iter(queries.actor_counts(con)))
        event_id, article_id = con.execute(
            "SELECT event_id, article_id FROM events ORDER BY source_count DESC, event_id LIMIT 1").fetchone()
        last = con.execute(f"SELECT max({kdb.EVENT_DAY}) FROM events").fetchone()[0]
    year = str(last.year - 1)  # the last full year of the generated span
    pair = f"actor={a}&with={b}"
    return [
        ("page: dashboard, all events", "/"),
        ("page: dashboard, busiest pair", f"/?{pair}"),
        ("page: country view", f"/country?actor={busiest}"),
        ("page: event table", "/events"),
        ("page: event table, filtered, page 4", f"/events?actor={busiest}&type=ACCUSE&type=REJECT&page=3"),
        ("page: event with its article", f"/events/{event_id}"),
        ("page: article", f"/articles/{quote(article_id)}"),
        ("page: search", "/search?q=sanksi+kapal"),
        ("api: actor picker search", "/api/actors?q=kor"),
        ("api: timeline, all events (auto granularity)", "/api/timeline"),
        ("api: timeline, all events by week", "/api/timeline?freq=week"),
        ("api: timeline, pair", f"/api/timeline?{pair}"),
        ("api: timeline, quad + date filters", f"/api/timeline?quad=material_conflict&quad=verbal_conflict&from={int(year) - 3}"),
        ("api: map, all events (per place)", "/api/map"),
        ("api: map, pair (per event)", f"/api/map?{pair}"),
        ("api: map, one actor, last year (per event)", f"/api/map?actor={busiest}&from={year}"),
        ("api: events list, first 25", "/api/events?limit=25"),
        ("api: events list, one actor, 25 from 1,000", f"/api/events?actor={busiest}&limit=25&offset=1000"),
        ("api: network, all events", "/api/network"),
        ("api: network, one actor", f"/api/network?actor={busiest}"),
        ("api: country partners", f"/api/partners?actor={busiest}&limit=15"),
        ("api: country partners by week", f"/api/partners?actor={busiest}&limit=15&freq=week"),
        ("api: search", "/api/search?q=sanksi"),
        ("static: script", "/static/app.js"),
        ("static: world map", "/static/countries-110m.json"),
        ("download: pair, POLECAT CSV", f"/download?{pair}&layout=polecat&format=csv"),
        ("download: one actor, a year, GDELT Parquet", f"/download?actor={busiest}&from={year}&layout=gdelt&format=parquet"),
        ("download: all events, kronik CSV", "/download?layout=kronik&format=csv"),
        ("download: all events, GDELT CSV", "/download?layout=gdelt&format=csv"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(client: httpx.Client, url: str) -> tuple[float, float, int]:
    """Milliseconds to the first byte of the body and to the last, and the body's size."""
    t = time.perf_counter()
    with client.stream("GET", url) as r:
        r.raise_for_status()
        first, size = None, 0
        for chunk in r.iter_raw():
            first = first or time.perf_counter()
            size += len(chunk)
    end = time.perf_counter()
    return ((first or end) - t) * 1000, (end - t) * 1000, size


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", type=Path, default=ROOT / "out" / "bench" / "dashboard.duckdb")
    p.add_argument("--pages", type=int, default=13000, help="generated pages when the database must be built (default: 13000)")
    p.add_argument("--repeat", type=int, default=10, help="timed requests per URL after one warm-up (default: 10)")
    p.add_argument("--cpu", type=int, default=0, help="the CPU the server is pinned to (default: 0)")
    args = p.parse_args()
    if not args.db.exists():
        build(args.db, args.pages)
    with kdb.connect_read(args.db) as con:
        events, undated, located = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE ({kdb.EVENT_DAY}) IS NULL), count(latitude) FROM events").fetchone()
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"database: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB): {events:,} events ({undated:,} undated, "
          f"{located:,} with a place), {articles:,} articles")
    port = free_port()
    server = subprocess.Popen([str(BIN / "kronik"), "serve", "--db", str(args.db), "--port", str(port), "--threads", "1"],
                              preexec_fn=lambda: os.sched_setaffinity(0, {args.cpu}), stderr=subprocess.DEVNULL)
    others = set(range(os.cpu_count() or 1)) - {args.cpu}
    if others:
        os.sched_setaffinity(0, others)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    client.get("/static/app.css")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            print(f"server: kronik serve --threads 1 pinned to CPU {args.cpu}; client on CPUs {sorted(others) or [args.cpu]}; "
                  f"{args.repeat} timed requests per URL after one warm-up; load average before {os.getloadavg()[0]:.2f} "
                  f"(the machine is shared with other jobs)")
            print("\n| request | median ms | p95 ms | max ms | first byte ms (median) | size |\n|---|---:|---:|---:|---:|---:|")
            slowest: dict[str, float] = {}
            for what, url in urls(args.db):
                download = url.startswith("/download")
                timed(client, url)
                whole = what.startswith("download: all")  # tens of megabytes: fewer runs
                runs = [timed(client, url) for _ in range(max(2, args.repeat // 5) if whole else args.repeat)]
                totals = sorted(r[1] for r in runs)
                firsts = [r[0] for r in runs]
                p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
                first = statistics.median(firsts)
                print(f"| {what} `{url}` | {statistics.median(totals):.0f} | {p95:.0f} | {totals[-1]:.0f} | "
                      f"{f'{first:.0f}' if download else ''} | {runs[0][2] / 1000:,.0f} kB |")
                slowest[what] = max(firsts) if whole else totals[-1]
            print(f"\nload average after {os.getloadavg()[0]:.2f}")
            worst = max(slowest, key=lambda k: slowest[k])
            over = [k for k, v in slowest.items() if v >= BUDGET_MS]
            print(f"slowest answer (whole request; first byte for whole-database downloads): {slowest[worst]:.0f} ms, {worst}")
            print(f"every request within {BUDGET_MS} ms: {'yes' if not over else 'no: ' + '; '.join(over)}")
            return 0 if not over else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
