"""Read-only queries behind the dashboard, as plain dicts out; the routes only parse and render.

The timeline and the network come from kronik.analysis, so the dashboard shows the same numbers as
`kronik timeline` and `kronik network`; the event table, articles and search are the web layer's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from kronik import analysis, db
from kronik.calendar import month_end
from kronik.gazetteer import resolve_actor
from kronik.plover import quad_names

QUADS = tuple(quad_names().values())

# An event's day (when it happened, else when first reported), the one the timeline counts it under.
EVENT_DAY = db.EVENT_DAY


@contextmanager
def open_db(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request, so `kronik ingest` can write between requests."""
    con = db.connect_read(path)
    try:
        yield con
    finally:
        con.close()


def bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first and last day they cover (ValueError if unreadable)."""
    return analysis.bounds(start or None, end or None)


def actor(text: str | None) -> str:
    """A party code from a code or a name analysts type (`KOR`, `korgov`, `Korea Selatan`, `PBB`); '' for none."""
    return resolve_actor(text) if text and text.strip() else ""


@dataclass(slots=True)
class EventFilter:
    """The event table's filters; empty fields do not filter. Dates filter on the day the timeline uses,
    so clicking a timeline bar lists exactly the events it counts."""

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
                parts.append("list_contains(e.parties, ?)")
                params.append(who)
        if self.start:
            parts.append(f"{EVENT_DAY} >= ?")
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
    return db.query_rows(con, """
        SELECT p AS code, count(*) AS events
        FROM (SELECT unnest(parties) AS p FROM events)
        GROUP BY p ORDER BY events DESC, code
    """)


def top_dyad(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """The pair with most events: what the dashboard shows before anyone picks."""
    top = analysis.top_dyads(con, limit=1)
    return (top[0]["a"], top[0]["b"]) if top else None


def choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Values present in the data, for the filter drop-downs."""
    out: dict[str, list[str]] = {}
    for column in ("type", "status", "quad"):
        sql = f"SELECT DISTINCT {column} AS v FROM events WHERE {column} IS NOT NULL ORDER BY v"
        out[column] = [r["v"] for r in db.query_rows(con, sql)]
    out["outlet"] = [r["v"] for r in db.query_rows(con, "SELECT DISTINCT unnest(outlets) AS v FROM events ORDER BY v") if r["v"]]
    return out


def _period_end(first: date, freq: str) -> date:
    if freq == "week":
        return first + timedelta(days=6)
    if freq == "year":
        return date(first.year, 12, 31)
    return month_end(first.year, first.month)


def timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month", start: date | None = None,
             end: date | None = None) -> list[dict[str, Any]]:
    """kronik.analysis's dyad timeline, each period with a label and the days it covers (for the chart's clicks)."""
    label = {"week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[freq]
    return [{**r, "label": r["period"].strftime(label), "from": r["period"], "to": _period_end(r["period"], freq)}
            for r in analysis.timeline(con, a, b, freq, start, end)]


def network(con: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None, limit: int = 120) -> dict[str, Any]:
    """kronik.analysis's actor graph as nodes and its `limit` heaviest edges (count and mean score)."""
    graph = analysis.network(con, start, end)
    edges = sorted(({"source": u, "target": v, "events": d["events"], "score": d.get("score")} for u, v, d in graph.edges(data=True)),
                   key=lambda e: (-e["events"], e["source"], e["target"]))[:limit]
    shown = {x for e in edges for x in (e["source"], e["target"])}
    nodes = sorted(({"id": n, "events": graph.nodes[n]["events"]} for n in shown), key=lambda n: (-n["events"], n["id"]))
    return {"nodes": nodes, "edges": edges}


EVENT_COLUMNS = f"""e.event_id, e.date, CAST({EVENT_DAY} AS VARCHAR) AS day, e.actors, e.recipients, e.parties, e.type, e.mode,
    e.status, e.quad, e.intensity, e.location, e.source_count, e.outlets, e.sentence, e.article_id"""


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of the event table (newest first) and how many events match in all."""
    where, params = flt.where()
    total = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    rows = db.query_rows(con, f"""
        SELECT {EVENT_COLUMNS} FROM events e WHERE {where}
        ORDER BY {EVENT_DAY} DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?
    """, [*params, limit, offset])
    return rows, int(total[0]) if total else 0


def undated(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many of the events the filter matches are undated (no event date, no dated report): the timeline has no
    bar for them, the event list shows them last, marked undated."""
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM events e WHERE {where} AND ({EVENT_DAY}) IS NULL", params).fetchone()
    return int(row[0]) if row else 0


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every report of it (mentions), each with its article's title and outlet."""
    sql = f"SELECT {EVENT_COLUMNS}, e.first_reported, e.last_reported FROM events e WHERE e.event_id = ?"
    found = db.query_rows(con, sql, [event_id])
    if not found:
        return None
    out = found[0]
    out["mentions"] = db.query_rows(con, """
        SELECT m.mention_id, m.article_id, m.sentence, m.actor_text, m.recipient_text, a.title, a.outlet, a.published
        FROM mentions m LEFT JOIN articles a USING (article_id)
        WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.mention_id
    """, [event_id])
    return out


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article and the events reported in it, with the sentence each was read from."""
    found = db.query_rows(con, """
        SELECT article_id, url, outlet, title, authors, language, published, updated, body, dateline
        FROM articles WHERE article_id = ?
    """, [article_id])
    if not found:
        return None
    out = found[0]
    out["mentions"] = db.query_rows(con, """
        SELECT m.mention_id, m.event_id, m.sentence, m.type, m.status, m.date, m.actors, m.recipients, m.quad
        FROM mentions m WHERE m.article_id = ? ORDER BY m.mention_id
    """, [article_id])
    return out


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles holding every word of the query, best first (the store's index), each with its full body for snippets."""
    hits = db.search_articles(con, query, limit)
    bodies = dict(con.execute(
        "SELECT article_id, body FROM articles WHERE list_contains(?, article_id)", [[h["article_id"] for h in hits]],
    ).fetchall())
    return [{**h, "body": bodies.get(h["article_id"]) or ""} for h in hits]
