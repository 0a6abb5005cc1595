"""`kronik extract`: stream documents through the pipeline and write one JSON record per input document."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import TextIO

from kronik.executors import run
from kronik.model import Record
from kronik.readers import read_paths


def _progress(records: Iterable[Record], enabled: bool) -> Iterator[Record]:
    if not enabled:
        yield from records
        return
    from tqdm import tqdm

    yield from tqdm(records, unit="doc", file=sys.stderr, desc="extract")


def write_records(records: Iterable[Record], out: TextIO, fmt: str) -> dict[str, int]:
    """Write records as JSON Lines (or one JSON array) and count them for the summary line."""
    counts = {"read": 0, "written": 0, "failed": 0}
    if fmt == "json":
        out.write("[\n")
    for rec in records:
        counts["read"] += 1
        counts["failed"] += rec.article is None
        line = json.dumps(rec.to_dict(), ensure_ascii=False)
        if fmt == "json":
            out.write(("," if counts["written"] else "") + line + "\n")
        else:
            out.write(line + "\n")
        counts["written"] += 1
    if fmt == "json":
        out.write("]\n")
    return counts


def command(args: argparse.Namespace) -> int:
    """Run the pipeline over the paths and print a one-line summary on stderr."""
    docs = read_paths(args.paths)
    records = run(docs, workers=args.workers)
    show = not args.no_progress and sys.stderr.isatty()
    target = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    with nullcontext(target) if target is sys.stdout else target as out:
        counts = write_records(_progress(records, show), out, args.format)
    print(f"kronik extract: {counts['read']} documents read, {counts['written']} written, {counts['failed']} failed", file=sys.stderr)
    return 0
