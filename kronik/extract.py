"""`kronik extract`: stream documents through the pipeline and write one JSON record per input document.

Output is JSON Lines (or one JSON array) on stdout or a file; with `--engine dask -o DIR`, a folder of
Parquet partitions (`id`, `record` = the JSON record) that `kronik ingest` loads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kronik.executors import batched, run
from kronik.model import Record
from kronik.readers import ReadReport, missing, read_paths

PART_ROWS = 5_000
"""Records per Parquet partition: ~15-25 MB per file for news pages."""


def _progress(records: Iterable[Record], enabled: bool) -> Iterator[Record]:
    if not enabled:
        yield from records
        return
    from tqdm import tqdm

    yield from tqdm(records, unit="doc", file=sys.stderr, desc="extract", mininterval=0.5)


def record_json(rec: Record) -> str:
    """The output line of one record (ensure_ascii=False: Indonesian text stays readable)."""
    return json.dumps(rec.to_dict(), ensure_ascii=False)


def write_records(records: Iterable[Record], out: TextIO, fmt: str) -> dict[str, int]:
    """Write records as JSON Lines (or one JSON array) and count them for the summary line."""
    counts = {"read": 0, "written": 0, "failed": 0}
    if fmt == "json":
        out.write("[\n")
    for rec in records:
        counts["read"] += 1
        counts["failed"] += rec.article is None
        line = record_json(rec)
        if fmt == "json":
            out.write(("," if counts["written"] else "") + line + "\n")
        else:
            out.write(line + "\n")
        counts["written"] += 1
    if fmt == "json":
        out.write("]\n")
    return counts


def write_partitions(records: Iterable[Record], folder: Path, rows: int = PART_ROWS) -> dict[str, int]:
    """Parquet partitions part-00000.parquet… (columns id, record), each written to a temporary name and renamed,
    so a folder never holds half a partition; stale partitions of an earlier run are removed first."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    schema = pa.schema([("id", pa.string()), ("record", pa.string())])
    counts = {"read": 0, "written": 0, "failed": 0}
    for n, part in enumerate(batched(records, rows)):
        counts["read"] += len(part)
        counts["failed"] += sum(rec.article is None for rec in part)
        table = pa.table({"id": [rec.id for rec in part], "record": [record_json(rec) for rec in part]}, schema=schema)
        tmp = folder / f".part-{n:05d}.parquet.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, folder / f"part-{n:05d}.parquet")
        counts["written"] += len(part)
    return counts


def command(args: argparse.Namespace) -> int:
    """Run the pipeline over the paths and print a one-line summary on stderr; the exit status follows the README's rule."""
    absent = missing(args.paths)
    if len(absent) == len(args.paths):
        for p in absent:
            print(f"kronik extract: {p}: no such file or folder", file=sys.stderr)
        return 2
    report = ReadReport()
    docs = read_paths(args.paths, report)
    engine = getattr(args, "engine", "local")
    records = run(docs, workers=args.workers, engine=engine, scheduler=getattr(args, "scheduler", None))
    records = _progress(records, not args.no_progress and sys.stderr.isatty())
    try:
        if engine == "dask" and args.output != "-":
            counts = write_partitions(records, Path(args.output))
        elif args.output == "-":
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
            counts = write_records(records, sys.stdout, args.format)
        else:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            with open(args.output, "w", encoding="utf-8", errors="replace") as out:
                counts = write_records(records, out, args.format)
    except OSError as exc:
        print(f"kronik extract: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"kronik extract: {counts['read']} documents read, {counts['written']} written, {counts['failed']} failed", file=sys.stderr)
    for note in report.notes():
        print(f"kronik extract: {note}", file=sys.stderr)
    return report.exit_status(counts["failed"], getattr(args, "strict", False))
