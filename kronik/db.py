"""Reading the event database: the helpers the analyses, the exports, the dashboard and `kronik sql` share.

The store (kronik.store) writes the database; everything here only reads it: opening it read-only with a
clear message when that cannot be done, rows as dicts, the day an event counts under, full-text search,
and printing a result as an aligned table or CSV.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from kronik.neardup import tokens

EVENT_DAY = "coalesce(date_start, try_cast(left(first_reported, 10) AS DATE))"
"""SQL for an event's day: when it happened, else the day it was first reported; NULL for an undated event
(neither its own date nor a dated report), which no period can hold."""


def connect_read(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (many readers may share the file while no one writes it)."""
    return duckdb.connect(str(path), read_only=True)


def open_for_reading(path: str, command: str) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection for a reporting command, or None after saying why not (no file, or a writer holds it)."""
    if not Path(path).is_file():
        print(f"kronik {command}: no database at {path}; build one with `kronik ingest PATHS --db {path}`", file=sys.stderr)
        return None
    try:
        return connect_read(path)
    except duckdb.Error as exc:
        print(f"kronik {command}: cannot open {path} (is an ingest writing it?): {exc}", file=sys.stderr)
        return None


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """A query's rows as dicts keyed by column name (what the analyses, exports and dashboard hand around)."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def undated_events(con: duckdb.DuckDBPyConnection, where: str = "TRUE", params: Sequence[Any] = ()) -> int:
    """How many events (of those matching `where`, over `events e`) have no day: no date of their own and no dated report."""
    row = con.execute(f"SELECT count(*) FROM events e WHERE ({EVENT_DAY}) IS NULL AND ({where})", list(params)).fetchone()
    return int(row[0]) if row else 0


def search_articles(con: duckdb.DuckDBPyConnection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles holding every word of the query, best first (BM25-like tf-idf over the `terms` table).

    DuckDB's `fts` extension is not bundled in the wheel and cannot be installed offline, so ingest keeps
    its own inverted index: one row per (article, word) with the word's count.
    """
    words = sorted(set(tokens(query)))
    if not words:
        return []
    return query_rows(con, """
        WITH n AS (SELECT greatest(count(*), 1) AS n FROM articles),
        df AS (SELECT term, count(*) AS df FROM terms WHERE term IN (SELECT unnest(?)) GROUP BY term),
        hits AS (
            SELECT t.article_id, sum(t.tf / (t.tf + 1.2) * ln(1 + (n.n - df.df + 0.5) / (df.df + 0.5))) AS score,
                   count(*) AS matched
            FROM terms t JOIN df USING (term), n GROUP BY t.article_id)
        SELECT a.article_id, a.outlet, a.title, a.published, a.canonical_id, round(h.score, 4) AS score,
               left(a.body, 240) AS snippet
        FROM hits h JOIN articles a USING (article_id)
        WHERE h.matched = ?
        ORDER BY h.score DESC, a.published DESC NULLS LAST, a.article_id LIMIT ?
    """, [words, len(words), limit])


def format_table(names: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """An aligned text table; long cells are cut with an ellipsis so rows stay on one line."""
    def cell(v: Any) -> str:
        text = "" if v is None else str(v).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(names))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(names), line(["-" * w for w in widths]), *(line(r) for r in body)])


def print_result(cur: duckdb.DuckDBPyConnection, as_csv: bool = False, out: Any = None) -> None:
    """Print a query result as an aligned table, or as CSV."""
    out = out or sys.stdout
    names = [d[0] for d in cur.description or []]
    rows = cur.fetchall() if names else []
    if as_csv:
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows(rows)
    elif names:
        print(format_table(names, rows), file=out)
        print(f"({len(rows)} row{'s' * (len(rows) != 1)})", file=out)


def command(args: argparse.Namespace) -> int:
    """`kronik sql`: 0, 1 when the query fails, 2 when there is no database to query."""
    opened = open_for_reading(args.db, "sql")
    if opened is None:
        return 2
    with opened as con:
        try:
            print_result(con.execute(args.query), as_csv=getattr(args, "csv", False))
        except duckdb.Error as exc:
            print(f"kronik sql: {exc}", file=sys.stderr)
            return 1
    return 0
