"""Benchmark of `kronik ingest`: N synthetic pages (kronik.generate) into a fresh DuckDB file.

A share of the pages is undated (no date line, only relative date phrases: neither page nor events have a date)
and a share is repeated under a new id and URL (syndicated copies), so near-duplicate linking and the merging of
copies' events, dated and undated, are exercised. Prints, each on its own line:
- the end-to-end rate (pages/s) and how the time splits between the pipeline (cleaning + coding) and the
  database writer (batches, near-duplicates, index, re-clustering), and the peak resident memory of the run;
- near-duplicate rows against the number of copies, and whether every copy's events merged with its original's;
- the rate of a second run over the same file (everything skipped before the pipeline), the database size and rows.

Usage: .venv/bin/python bench/ingest.py [--pages 10000] [--workers 1] [--copies 0.02] [--undated 0.1] [--keep DIR]
       .venv/bin/python bench/ingest.py --syndicate ../shared/corpus/input.jsonl --times 150
       (every page of a JSONL file carried by N outlets: N copies of each under new ids and URLs)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kronik import ingest, store  # noqa: E402
from kronik.generate import page  # noqa: E402
from kronik.settings import Settings  # noqa: E402


def write_corpus(path: Path, n: int, seed: int, copies: float, undated: float) -> dict[str, int]:
    """n generated pages as JSONL (a share `undated` without any date), each repeated under another id and URL with
    probability `copies`; returns counts of lines, copies and undated copies."""
    rng = random.Random(seed)
    counts = {"lines": 0, "copies": 0, "undated_copies": 0}
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            dated = rng.random() >= undated
            text = page(i, seed, dated)
            doc_id = f"gen-{seed}-{i:07d}"
            copy = rng.random() < copies
            for suffix in ("", "-copy")[: 1 + copy]:
                fh.write(json.dumps({"id": doc_id + suffix, "url": f"https://contoh.example/{doc_id}{suffix}", "text": text},
                                    ensure_ascii=False) + "\n")
                counts["lines"] += 1
            counts["copies"] += copy
            counts["undated_copies"] += copy and not dated
    return counts


def write_syndicated(path: Path, source: Path, times: int) -> dict[str, int]:
    """Every document of a JSONL file `times` times (the first keeps its id, the others are copies under new ids and
    URLs); returns counts of lines and copies."""
    counts = {"lines": 0, "copies": 0}
    with path.open("w", encoding="utf-8") as fh:
        for line in source.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for k in range(times):
                copy = {**doc, "id": doc["id"] if k == 0 else f"{doc['id']}-salinan-{k:03d}",
                        "url": f"https://salinan{k}.example/{doc['id']}" if k else doc.get("url")}
                fh.write(json.dumps(copy, ensure_ascii=False) + "\n")
                counts["lines"] += 1
            counts["copies"] += times - 1
    return counts


def timed(fn: Callable[..., Any], clock: dict[str, float]) -> Callable[..., Any]:
    """Wrap a function so the time spent inside it adds up: clock['s'] wall, clock['cpu'] CPU of the calling thread
    (on a shared machine the CPU time is the cost; wall time also counts waiting for a core)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            clock["s"] += time.perf_counter() - t
            clock["cpu"] += time.thread_time() - c

    return wrapper


class PeakRSS(threading.Thread):
    """Samples the resident memory of this process and its children (pool workers) every 50 ms; keeps the peak."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        me = psutil.Process(os.getpid())
        while not self.stop.is_set():
            try:
                total = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak = max(self.peak, total)
            self.stop.wait(0.05)


def copies_merged(con: Any) -> tuple[int, int, int, int]:
    """(copy mentions, of them in an event with a mention of their canonical article; the same two for undated copies)."""
    row = con.execute("""
        WITH cm AS (
            SELECT m.event_id, a.canonical_id, a.published IS NULL AS undated,
                   EXISTS (SELECT 1 FROM mentions o WHERE o.event_id = m.event_id AND o.article_id = a.canonical_id) AS merged
            FROM mentions m JOIN articles a USING (article_id) WHERE a.canonical_id <> a.article_id)
        SELECT count(*), count(*) FILTER (WHERE merged), count(*) FILTER (WHERE undated),
               count(*) FILTER (WHERE undated AND merged) FROM cm""").fetchone()
    return tuple(int(x) for x in row)  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--copies", type=float, default=0.02, help="share of pages repeated under a new id")
    p.add_argument("--undated", type=float, default=0.1, help="share of pages without any date")
    p.add_argument("--batch", type=int, default=Settings().ingest_batch_size, help="documents per transaction")
    p.add_argument("--keep", type=Path, default=None, help="folder to keep the corpus and database in")
    p.add_argument("--syndicate", type=Path, default=None, help="instead of generated pages: the pages of this JSONL file, "
                                                                 "each carried --times times")
    p.add_argument("--times", type=int, default=150, help="copies of each page with --syndicate (the first is the original)")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus, db = folder / "bench-corpus.jsonl", folder / "bench.duckdb"
        for f in (db, db.with_suffix(".duckdb.wal")):
            f.unlink(missing_ok=True)
        t = time.perf_counter()
        if args.syndicate:
            made = write_syndicated(corpus, args.syndicate, args.times)
            print(f"corpus: {made['lines']} documents (each page of {args.syndicate} {args.times} times: {made['copies']} "
                  f"syndicated copies), {corpus.stat().st_size / 1e6:.1f} MB")
        else:
            made = write_corpus(corpus, args.pages, args.seed, args.copies, args.undated)
            print(f"corpus: {made['lines']} documents ({args.pages} pages, {made['copies']} syndicated copies of which "
                  f"{made['undated_copies']} undated, {args.undated:.0%} of pages undated), {corpus.stat().st_size / 1e6:.1f} MB, "
                  f"generated in {time.perf_counter() - t:.1f} s")

        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} just before the run (other jobs share it)")
        settings = Settings(ingest_batch_size=args.batch)
        writing = {"s": 0.0, "cpu": 0.0}
        store._write_batch = timed(store._write_batch, writing)
        memory = PeakRSS()
        memory.start()
        with store.connect(str(db)) as con:
            cpu = psutil.Process().cpu_times()
            t = time.perf_counter()
            first = ingest.ingest_paths(con, [str(corpus)], workers=args.workers, settings=settings)
            elapsed = time.perf_counter() - t
            used = psutil.Process().cpu_times()
            memory.stop.set()
            t = time.perf_counter()
            again = ingest.ingest_paths(con, [str(corpus)], workers=args.workers, settings=settings)
            rerun = time.perf_counter() - t
            con.execute("CHECKPOINT").fetchall()
            multi = con.execute("SELECT count(*) FROM events WHERE source_count > 1").fetchall()[0][0]
            linked = con.execute("SELECT count(*) FROM articles WHERE canonical_id <> article_id").fetchall()[0][0]
            terms = con.execute("SELECT count(*) FROM terms").fetchall()[0][0]
            copy_mentions, merged, undated_mentions, undated_merged = copies_merged(con)
            lonely = con.execute("""SELECT count(*) FROM events e JOIN articles a USING (article_id)
                                    WHERE e.article_count = 1 AND a.canonical_id <> a.article_id""").fetchall()[0][0]
        size = sum(f.stat().st_size for f in folder.glob("bench.duckdb*"))

        own = (used.user - cpu.user) + (used.system - cpu.system)
        workers = (used.children_user - cpu.children_user) + (used.children_system - cpu.children_system)
        print(f"ingest, {args.workers} worker(s), batches of {args.batch}: {first.read} documents in {elapsed:.1f} s = "
              f"{first.read / elapsed:.0f} pages/s end to end; peak RSS {memory.peak / 2**20:.0f} MiB (process and workers)")
        pipeline = own - writing["s"] if args.workers == 1 and workers < 1 else workers
        print(f"time split (CPU s): pipeline {pipeline:.1f} = {first.read / max(pipeline, 1e-9):.0f} pages/s on its own; database "
              f"writer {writing['cpu']:.1f} = {first.read / max(writing['cpu'], 1e-9):.0f} pages/s on its own ({writing['s']:.1f} s wall); "
              f"main process in all {own:.1f} (reading, hashing, writing), workers {workers:.1f}")
        print(f"near_duplicates: {first.counts['near_duplicates']} rows for {made['copies']} copies "
              f"(<= 2 x copies: {first.counts['near_duplicates'] <= 2 * made['copies']}); copies linked to a canonical article: {linked}")
        print(f"copies' events merged with their original's: {merged} of {copy_mentions} copy mentions; "
              f"undated copies: {undated_merged} of {undated_mentions}")
        print(f"second run over the same file: {again.skipped} of {again.read} skipped in {rerun:.1f} s = "
              f"{again.read / rerun:.0f} pages/s; row counts unchanged: {again.counts == first.counts}")
        print(f"database: {size / 1e6:.1f} MB on disk ({size / max(first.read, 1) / 1e3:.1f} kB per page)")
        print("rows: " + ", ".join(f"{k} {v}" for k, v in first.counts.items()) + f", terms {terms}")
        print(f"events with 2+ independent sources: {multi}; events all of whose mentions come from one copy: {lonely}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
