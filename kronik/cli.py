"""The `kronik` command line: argument parsing only; each command's work lives in its own module.

Commands import their module lazily so that `kronik --help` and `extract` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> module whose `command(args) -> int` does the work
COMMANDS = {
    "extract": "kronik.extract",
    "explain": "kronik.explain",
    "ingest": "kronik.ingest",
    "sql": "kronik.db",
    "timeline": "kronik.analysis",
    "top": "kronik.analysis",
    "network": "kronik.analysis",
    "export": "kronik.export",
    "serve": "kronik.web",
}


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="files (.txt .html .jsonl .warc[.gz]), directories, or - for stdin")
    p.add_argument("--workers", type=int, default=1, help="processes to use (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="where documents are processed")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --engine dask)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="kronik.duckdb", help="DuckDB database file (default kronik.duckdb)")


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", default=None, help="first date, YYYY[-MM[-DD]]")
    p.add_argument("--to", dest="end", default=None, help="last date, YYYY[-MM[-DD]]")


def build_parser() -> argparse.ArgumentParser:
    """All commands and their options."""
    parser = argparse.ArgumentParser(prog="kronik", description="Indonesian news pages to dated, coded events between states.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="clean pages and code their events; one JSON record per document")
    _run_options(p)
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    p.add_argument("-o", "--output", default="-", help="output file (default stdout); with --engine dask, a folder of Parquet partitions")

    p = sub.add_parser("explain", help="per sentence: actors found, how they were resolved, patterns fired, events")
    p.add_argument("paths", nargs="+")

    p = sub.add_parser("ingest", help="run the pipeline and store articles and events in the database")
    _run_options(p)
    _db_option(p)
    p.add_argument("--force", action="store_true", help="re-run the pipeline on documents already stored unchanged")
    p.add_argument("--batch-size", type=int, default=None, help="documents per database transaction (default 200)")

    p = sub.add_parser("sql", help="run an SQL query against the database")
    p.add_argument("query")
    _db_option(p)
    p.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")

    p = sub.add_parser("timeline", help="events between two actors per period, with a cooperation-conflict score")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--freq", choices=["week", "month", "year"], default="month")
    _period_options(p)
    p.add_argument("--plot", default=None, help="write a chart (.png or .svg)")
    _db_option(p)

    p = sub.add_parser("top", help="the most active dyads and event types")
    p.add_argument("--actor", default=None)
    p.add_argument("--limit", type=int, default=20)
    _db_option(p)

    p = sub.add_parser("network", help="actor graph: image and GraphML/JSON")
    _period_options(p)
    p.add_argument("--plot", default=None, help="write an image (.png or .svg)")
    p.add_argument("--graph", default=None, help="write the graph (.graphml or .json)")
    _db_option(p)

    p = sub.add_parser("export", help="export events as CSV or Parquet")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--schema", choices=["kronik", "polecat", "gdelt"], default="kronik")
    p.add_argument("-o", "--output", required=True)
    _db_option(p)

    p = sub.add_parser("serve", help="the web dashboard")
    _db_option(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and hand them to the command's module."""
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command])
    try:
        return int(module.command(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
