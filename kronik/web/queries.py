"""Read-only SQL behind the dashboard: every query the web layer runs lives here, as plain dicts out.

Kept apart from the routes so that the pages and the JSON API share one definition of
"the events between A and B", and so the queries can be tested without HTTP.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from kronik import store

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

# An event's date for charts: when it happened, else when it was first reported.
EVENT_DAY = "coalesce(e.date_start, try_cast(left(CAST(e.first_reported AS VARCHAR), 10) AS DATE))"
# Events that involve an actor: a country code (parties) or a full actor code such as KORGOV.
INVOLVES = "(list_contains(e.parties, ?) OR list_contains(e.actors, ?) OR list_contains(e.recipients, ?))"


@contextmanager
def open_db(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request, so `kronik ingest` can write between requests."""
    con = store.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def period_bound(text: str | None, *, end: bool = False) -> date | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first (or, with end, the last) day it covers."""
    if text is None or not text.strip():
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not m:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if day:
        return date(year, month, day)
    if not end:
        return date(year, month or 1, 1)
    month = month or 12
    return date(year, month, calendar.monthrange(year, month)[1])


def code(text: str | None) -> str:
    """Actor codes as the database stores them (upper case; `IGO:` prefix kept)."""
    return (text or "").strip().upper()


@dataclass(slots=True)
class EventFilter:
    """The event table's filters; empty fields do not filter."""

    start: date | None = None
    end: date | None = None
    actor: str = ""
    other: str = ""
    type: str = ""
    status: str = ""
    outlet: str = ""
    quad: str = ""

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition over `events e` and its parameters."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        for who in (self.actor, self.other):
            if who:
                parts.append(INVOLVES)
                params += [who, who, who]
        if self.start:
            parts.append(f"coalesce(e.date_end, {EVENT_DAY}) >= ?")
            params.append(self.start)
        if self.end:
            parts.append(f"{EVENT_DAY} <= ?")
            params.append(self.end)
        for column, value in (("type", self.type), ("status", self.status), ("quad", self.quad)):
            if value:
                parts.append(f"e.{column} = ?")
                params.append(value)
        if self.outlet:
            parts.append("list_contains(e.outlets, ?)")
            params.append(self.outlet)
        return " AND ".join(parts), params


def actors(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every country or body that takes part in an event, busiest first."""
    return _rows(con, """
        SELECT p AS code, count(*) AS events
        FROM (SELECT unnest(parties) AS p FROM events)
        GROUP BY p ORDER BY events DESC, code
    """)


def top_dyad(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """The pair with most events: what the dashboard shows before anyone picks."""
    edges = network(con, limit=1)["edges"]
    return (edges[0]["source"], edges[0]["target"]) if edges else None


def choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Values present in the data, for the filter drop-downs."""
    out: dict[str, list[str]] = {}
    for column in ("type", "status", "quad"):
        out[column] = [r["v"] for r in _rows(con, f"SELECT DISTINCT {column} AS v FROM events WHERE {column} IS NOT NULL ORDER BY v")]
    out["outlet"] = [r["v"] for r in _rows(con, "SELECT DISTINCT unnest(outlets) AS v FROM events ORDER BY v") if r["v"]]
    return out


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(con: duckdb.DuckDBPyConnection, a: str, b: str = "", start: date | None = None,
             end: date | None = None) -> list[dict[str, Any]]:
    """Per month: events between a and b by quad class and their mean intensity; empty months included."""
    where, params = EventFilter(start=start, end=end, actor=a, other=b).where()
    counts = ", ".join(f"count(*) FILTER (WHERE e.quad = '{q}') AS {q}" for q in QUADS)
    rows = _rows(con, f"""
        SELECT strftime({EVENT_DAY}, '%Y-%m') AS month, count(*) AS events, {counts},
               avg(e.intensity) AS mean_intensity
        FROM events e WHERE {where} AND {EVENT_DAY} IS NOT NULL
        GROUP BY month ORDER BY month
    """, params)
    if not rows:
        return []
    by_month = {r["month"]: r for r in rows}
    empty = {"events": 0, **dict.fromkeys(QUADS, 0), "mean_intensity": None}
    return [by_month.get(m) or {"month": m, **empty} for m in _months(rows[0]["month"], rows[-1]["month"])]


def network(con: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None, limit: int = 120) -> dict[str, Any]:
    """Actor graph: an edge per pair of parties that share events, weighted by count and scored by mean intensity."""
    where, params = EventFilter(start=start, end=end).where()
    edges = _rows(con, f"""
        WITH p AS (SELECT e.event_id, e.intensity, unnest(e.parties) AS party FROM events e WHERE {where})
        SELECT x.party AS source, y.party AS target, count(*) AS events, avg(x.intensity) AS mean_intensity
        FROM p x JOIN p y ON x.event_id = y.event_id AND x.party < y.party
        GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?
    """, [*params, limit])
    totals: dict[str, int] = {}
    for e in edges:
        for side in ("source", "target"):
            totals[e[side]] = totals.get(e[side], 0) + e["events"]
    nodes = [{"id": k, "events": v} for k, v in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


EVENT_COLUMNS = f"""e.event_id, e.date, CAST({EVENT_DAY} AS VARCHAR) AS day, e.actors, e.recipients, e.parties, e.type, e.mode,
    e.status, e.quad, e.intensity, e.location, e.source_count, e.outlets, e.sentence, e.article_id"""


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of the event table (newest first) and how many events match in all."""
    where, params = flt.where()
    total = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    rows = _rows(con, f"""
        SELECT {EVENT_COLUMNS} FROM events e WHERE {where}
        ORDER BY {EVENT_DAY} DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?
    """, [*params, limit, offset])
    return rows, int(total[0]) if total else 0


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every report of it (mentions), each with its article's title and outlet."""
    found = _rows(con, f"SELECT {EVENT_COLUMNS}, e.first_reported, e.last_reported FROM events e WHERE e.event_id = ?", [event_id])
    if not found:
        return None
    out = found[0]
    out["mentions"] = _rows(con, """
        SELECT m.mention_id, m.article_id, m.sentence, m.actor_text, m.recipient_text, a.title, a.outlet, a.published
        FROM mentions m LEFT JOIN articles a USING (article_id)
        WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.mention_id
    """, [event_id])
    return out


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article and the events reported in it, with the sentence each was read from."""
    found = _rows(con, """
        SELECT article_id, url, outlet, title, authors, language, published, updated, body, dateline
        FROM articles WHERE article_id = ?
    """, [article_id])
    if not found:
        return None
    out = found[0]
    out["mentions"] = _rows(con, """
        SELECT m.mention_id, m.event_id, m.sentence, m.type, m.status, m.date, m.actors, m.recipients, m.quad
        FROM mentions m WHERE m.article_id = ? ORDER BY m.mention_id
    """, [article_id])
    return out


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles holding every word of the query, best first (the store's index), each with its full body for snippets."""
    hits = store.search_articles(con, query, limit)
    bodies = dict(con.execute(
        "SELECT article_id, body FROM articles WHERE list_contains(?, article_id)", [[h["article_id"] for h in hits]],
    ).fetchall())
    return [{**h, "body": bodies.get(h["article_id"]) or ""} for h in hits]
