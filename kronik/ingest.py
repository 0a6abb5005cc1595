"""`kronik ingest`: run the pipeline over pages and store the records; writing the database is the run's last step.

Documents already stored with the same raw content are skipped before the pipeline runs, which keeps
re-ingesting a folder cheap. Parquet record partitions (what `kronik extract --engine dask -o DIR` writes)
are loaded as they are, without running the pipeline. The pipeline always runs in worker processes (one by
default), so that this process writes the database while they clean and code the next documents.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from kronik.executors import run
from kronik.model import RawDoc, Record
from kronik.readers import ReadReport, missing, read_paths
from kronik.settings import DEFAULT, Settings
from kronik.store import IngestStats, connect, raw_hash, store_records, table_counts


def is_parquet(path: str) -> bool:
    """A Parquet file, or a folder of Parquet partitions (what the Dask engine writes)."""
    p = Path(path)
    return p.suffix == ".parquet" or (p.is_dir() and any(p.rglob("*.parquet")))


def _unseen(items: Iterable[tuple[str, str, Any]], known: dict[str, str], force: bool, stats: IngestStats) -> Iterator[Any]:
    """Drop (id, raw hash, payload) items already stored with the same raw hash; a later duplicate in the run too."""
    for doc_id, rhash, payload in items:
        stats.read += 1
        if not force and known.get(doc_id) == rhash:
            stats.skipped += 1
            continue
        known[doc_id] = rhash
        yield payload


def _parquet_items(path: str) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """(id, raw hash, (record JSON, raw hash)) of each row of a Parquet file or folder of partitions, in file order."""
    import pyarrow.dataset as ds

    p = Path(path)
    files = sorted(str(f) for f in p.rglob("*.parquet")) if p.is_dir() else [str(p)]
    for batch in ds.dataset(files, format="parquet").to_batches(columns=["id", "record"]):
        for doc_id, text in zip(batch.column("id").to_pylist(), batch.column("record").to_pylist(), strict=True):
            rhash = hashlib.sha1(text.encode()).hexdigest()
            yield doc_id, rhash, (text, rhash)


def _parse(pair: tuple[str, str]) -> tuple[Record, str]:
    """A record's JSON is parsed only once the skip check has let it through."""
    return Record.from_dict(json.loads(pair[0])), pair[1]


def ingest_paths(con: duckdb.DuckDBPyConnection, paths: Sequence[str], workers: int = 1, settings: Settings = DEFAULT,
                 force: bool = False, progress: bool = False, engine: str = "local", scheduler: str | None = None,
                 report: ReadReport | None = None) -> IngestStats:
    """Run the pipeline over new or changed documents (Parquet record partitions are loaded as they are) and store
    them; paths that cannot be read go to `report`."""
    stats = IngestStats()
    known = {} if force else dict(con.execute("SELECT doc_id, raw_hash FROM documents").fetchall())
    pages = [p for p in paths if not is_parquet(p)]
    if pages:
        ingest_docs(con, read_paths(pages, report), workers, settings, force, progress, engine, scheduler, known, stats)
    for p in paths:
        if is_parquet(p):
            store_records(con, _progress(map(_parse, _unseen(_parquet_items(p), known, force, stats)), progress), settings, stats)
    stats.counts = table_counts(con)
    return stats


def ingest_docs(con: duckdb.DuckDBPyConnection, docs: Iterable[RawDoc], workers: int = 1, settings: Settings = DEFAULT,
                force: bool = False, progress: bool = False, engine: str = "local", scheduler: str | None = None,
                known: dict[str, str] | None = None, stats: IngestStats | None = None) -> IngestStats:
    """Run the pipeline over the new or changed documents of a stream and store them: what `kronik ingest` does with
    the pages it reads and `kronik watch` with the pages it fetches. `known` maps stored doc ids to raw hashes (the
    whole documents table when not given)."""
    stats = stats if stats is not None else IngestStats()
    if known is None:
        known = {} if force else dict(con.execute("SELECT doc_id, raw_hash FROM documents").fetchall())
    pending: dict[str, deque[str]] = {}

    def fresh_docs() -> Iterator[RawDoc]:
        hashed = ((d.id, h, (d, h)) for d in docs for h in (raw_hash(d),))
        for doc, rhash in _unseen(hashed, known, force, stats):
            pending.setdefault(doc.id, deque()).append(rhash)
            yield doc

    def paired(records: Iterable[Record]) -> Iterator[tuple[Record, str]]:
        for rec in records:
            yield rec, pending[rec.id].popleft()

    store_records(con, _progress(paired(run(fresh_docs(), workers, settings, engine, scheduler, background=True)), progress),
                  settings, stats)
    stats.counts = table_counts(con)
    return stats


def _progress(items: Iterable[Any], enabled: bool) -> Iterable[Any]:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr, desc="ingest")


def command(args: argparse.Namespace) -> int:
    """`kronik ingest`: run, store, and print a one-line summary on stderr; the exit status follows the README's rule.
    Given only paths that do not exist, it stops before creating the database."""
    absent = missing(args.paths)
    if len(absent) == len(args.paths):
        for p in absent:
            print(f"kronik ingest: {p}: no such file or folder", file=sys.stderr)
        return 2
    batch = getattr(args, "batch_size", None)
    settings = replace(DEFAULT, ingest_batch_size=batch) if batch else DEFAULT
    report = ReadReport()
    try:
        con = connect(args.db)
    except (OSError, duckdb.Error) as exc:
        print(f"kronik ingest: cannot open the database {args.db}: {exc}", file=sys.stderr)
        return 2
    with con:
        stats = ingest_paths(
            con, args.paths, workers=args.workers, settings=settings, force=getattr(args, "force", False),
            progress=not getattr(args, "no_progress", False) and sys.stderr.isatty(),
            engine=getattr(args, "engine", "local"), scheduler=getattr(args, "scheduler", None), report=report)
    c = stats.counts
    print(f"kronik ingest: {stats.read} documents read, {stats.skipped} skipped as already stored, {stats.added} added, "
          f"{stats.updated} updated, {stats.unchanged} unchanged, {stats.errors} errors; database {args.db}: "
          f"{c['articles']} articles, {c['mentions']} mentions, {c['events']} events", file=sys.stderr)
    for note in report.notes():
        print(f"kronik ingest: {note}", file=sys.stderr)
    return report.exit_status(stats.errors, getattr(args, "strict", False))
