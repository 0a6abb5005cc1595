"""Benchmark of `kronik ingest`: N synthetic pages (kronik.generate) into a fresh DuckDB file.

Prints the end-to-end rate (pages/s) and the part spent writing the database (batches, near-duplicates,
re-clustering), the rate of a second run over the same file (everything skipped before the pipeline),
the database size on disk and the row counts. A share of the pages is repeated under new ids (syndicated
copies) so that near-duplicate linking and multi-source events are exercised too.

Usage: .venv/bin/python bench/ingest.py [--pages 10000] [--workers 1] [--copies 0.02] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kronik import ingest, store  # noqa: E402
from kronik.generate import pages  # noqa: E402
from kronik.settings import Settings  # noqa: E402


def write_corpus(path: Path, n: int, seed: int, copies: float) -> int:
    """n generated pages as JSONL, plus a share of them again under another id and URL; returns the lines written."""
    rng = random.Random(seed)
    lines = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in pages(n, seed):
            for suffix in ("", "-copy")[: 1 + (rng.random() < copies)]:
                fh.write(json.dumps({"id": doc_id + suffix, "url": f"https://contoh.example/{doc_id}{suffix}", "text": text},
                                    ensure_ascii=False) + "\n")
                lines += 1
    return lines


def timed(fn: Callable[..., Any], clock: dict[str, float]) -> Callable[..., Any]:
    """Wrap a function so the time spent inside it adds up in clock['s']."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            clock["s"] += time.perf_counter() - t

    return wrapper


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--copies", type=float, default=0.02, help="share of pages repeated under a new id")
    p.add_argument("--batch", type=int, default=Settings().ingest_batch_size, help="documents per transaction")
    p.add_argument("--keep", type=Path, default=None, help="folder to keep the corpus and database in")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus, db = folder / "bench-corpus.jsonl", folder / "bench.duckdb"
        for f in (db, db.with_suffix(".duckdb.wal")):
            f.unlink(missing_ok=True)
        t = time.perf_counter()
        n = write_corpus(corpus, args.pages, args.seed, args.copies)
        print(f"corpus: {n} documents ({args.pages} pages + copies), {corpus.stat().st_size / 1e6:.1f} MB, "
              f"generated in {time.perf_counter() - t:.1f} s")

        settings = Settings(ingest_batch_size=args.batch)
        writing = {"s": 0.0}
        store._write_batch = timed(store._write_batch, writing)
        with store.connect(str(db)) as con:
            t = time.perf_counter()
            first = ingest.ingest_paths(con, [str(corpus)], workers=args.workers, settings=settings)
            elapsed = time.perf_counter() - t
            t = time.perf_counter()
            again = ingest.ingest_paths(con, [str(corpus)], workers=args.workers, settings=settings)
            rerun = time.perf_counter() - t
            con.execute("CHECKPOINT").fetchall()
            multi = con.execute("SELECT count(*) FROM events WHERE source_count > 1").fetchall()[0][0]
            linked = con.execute("SELECT count(*) FROM articles WHERE canonical_id <> article_id").fetchall()[0][0]
            terms = con.execute("SELECT count(*) FROM terms").fetchall()[0][0]
        size = sum(f.stat().st_size for f in folder.glob("bench.duckdb*"))

        print(f"ingest, {args.workers} worker(s), batches of {args.batch}: {first.read} documents in {elapsed:.1f} s = "
              f"{first.read / elapsed:.0f} pages/s; writing the database took {writing['s']:.1f} s "
              f"({100 * writing['s'] / elapsed:.0f}%, {first.read / writing['s']:.0f} pages/s on its own)")
        print(f"second run over the same file: {again.skipped} of {again.read} skipped in {rerun:.1f} s = "
              f"{again.read / rerun:.0f} pages/s; row counts unchanged: {again.counts == first.counts}")
        print(f"database: {size / 1e6:.1f} MB on disk ({size / max(first.read, 1) / 1e3:.1f} kB per page)")
        print("rows: " + ", ".join(f"{k} {v}" for k, v in first.counts.items()) + f", terms {terms}")
        print(f"near-duplicate copies linked to a canonical article: {linked}; events with 2+ sources: {multi}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
