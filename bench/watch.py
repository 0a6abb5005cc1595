"""Benchmark of `kronik watch` against a local news site (kronik.newssite on 127.0.0.1), beside `kronik ingest`.

The site serves N generated articles listed by an RSS feed and two news sitemaps. One round of `kronik watch`
(politeness delay 0, one pipeline worker, the default batch) discovers, fetches, archives and ingests them into a
fresh database; then `kronik ingest` (one worker) reads the same pages from the WARC file the round wrote into
another fresh database. Prints, each on its own line:
- the pages, the site, the machine's load just before;
- the watch round: pages fetched and ingested per second end to end, and where its time went (the fetch thread's
  busy time, the main thread's storing time, the listings);
- fetching alone (robots.txt, listings, pages, WARC writing, no pipeline) with a fresh database, in pages/s;
- `kronik ingest` of the same pages, in pages/s, and whether both databases hold the same articles;
- a second round with nothing new (conditional requests): its time and requests.

Usage: .venv/bin/python bench/watch.py [--pages 1000] [--workers 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kronik import ingest, store, watch  # noqa: E402
from kronik.archive import Archive  # noqa: E402
from kronik.executors import warm_up  # noqa: E402
from kronik.fetch import Fetcher  # noqa: E402
from kronik.newssite import NewsSite  # noqa: E402
from kronik.sources import load  # noqa: E402


def timed(fn: Callable[..., Any], clock: dict[str, float]) -> Callable[..., Any]:
    """Wrap a function so the wall time spent inside it adds up in clock['s']."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            clock["s"] += time.perf_counter() - t

    return wrapper


def articles(db: Path) -> list[tuple[Any, ...]]:
    with store.connect(str(db)) as con:
        return con.execute("SELECT article_id, title, published, body, content_hash FROM articles ORDER BY 1").fetchall()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--keep", type=Path, default=None, help="folder to keep the databases and archives in")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp, NewsSite(pages=args.pages, seed=args.seed) as site:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sources = folder / "sources.toml"
        sources.write_text(site.sources_toml(delay=0.0, max_pages=args.pages))
        config, srcs = load(sources)
        size = sum(len(site.article_html(path)) for path in site.articles) / len(site.articles)
        print(f"site: {args.pages} generated articles of {size / 1e3:.1f} kB HTML on {site.url} (RSS feed + sitemap index with "
              f"two news sitemaps), politeness delay 0, {args.workers} pipeline worker(s), batches of {config.batch} pages")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} just before the run (other jobs share it)")
        warm_up()

        fetching, storing = {"s": 0.0}, {"s": 0.0}
        Fetcher.fetch = timed(Fetcher.fetch, fetching)  # type: ignore[method-assign]
        watch.store = timed(watch.store, storing)
        w = watch.Watch(db=str(folder / "watch.duckdb"), archive=folder / "warc", config=config, sources=srcs, workers=args.workers,
                        log=lambda line: None)
        hits = len(site.log)
        t = time.perf_counter()
        rounds, _ = watch.round_once(w)
        elapsed = time.perf_counter() - t
        (r,) = rounds.values()
        listings = sum(h.path.endswith((".xml", ".txt")) for h in site.log[hits:])
        print(f"kronik watch, one round: {r.ingested} pages fetched and ingested in {elapsed:.1f} s = {r.ingested / elapsed:.0f} "
              f"pages/s end to end ({len(site.log) - hits} requests, {listings} of them robots.txt and listings)")
        print(f"  time split (wall s): fetch thread busy {fetching['s']:.1f} (in parallel with) storing {storing['s']:.1f} "
              f"(pipeline worker + database writer); the rest is discovery and set-up")

        fetching["s"] = 0.0
        alone = watch.Watch(db=str(folder / "fetch-only.duckdb"), archive=folder / "warc-fetch-only", config=config, sources=srcs,
                            log=lambda line: None)
        with Fetcher(config, None, alone.stop) as fetcher:
            t = time.perf_counter()
            watch.discover(alone, srcs[0], fetcher, watch.SourceRound(srcs[0].name))
            with watch.session(alone) as con:
                pages = watch.frontier.pending(con, srcs[0].name, config.max_pages)
            with Archive(alone.archive, config.agent()) as archive:
                fetcher.archive = archive
                n = sum(1 for _ in watch.crawl(fetcher, pages, alone.stop))
            took = time.perf_counter() - t
        print(f"fetching alone (listings, pages, WARC, no pipeline): {n} pages in {took:.1f} s = {n / took:.0f} pages/s")

        again_hits = len(site.log)
        t = time.perf_counter()
        rounds2, _ = watch.round_once(w)
        rerun = time.perf_counter() - t
        print(f"second round, nothing new: {rerun:.2f} s, {len(site.log) - again_hits} requests "
              f"({sum(h.status == 304 for h in site.log[again_hits:])} answered 304), "
              f"{sum(x.fetched for x in rounds2.values())} pages fetched")

        db = folder / "ingest.duckdb"
        with store.connect(str(db)) as con:
            t = time.perf_counter()
            stats = ingest.ingest_paths(con, [str(w.archive)], workers=args.workers)
            took = time.perf_counter() - t
        print(f"kronik ingest of the same pages (the round's WARC, {args.workers} worker(s)): {stats.added} pages in {took:.1f} s = "
              f"{stats.added / took:.0f} pages/s")
        print(f"same articles in both databases: {articles(db) == articles(Path(w.db))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
