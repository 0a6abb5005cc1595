"""Read-only queries behind the dashboard, as plain dicts out; the routes only parse and render.

Every view asks about one kronik.selection.Selection (the filters in the URL), so the timeline, the map, the
lists, the network, the country view and the downloads always describe the same events. With a selection of
two actors and nothing else, the timeline and the network give the numbers of `kronik timeline` and
`kronik network` (the tests check it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from kronik import analysis, db
from kronik.analysis import QUAD_COUNTS
from kronik.plover import quad_names
from kronik.selection import Selection
from kronik.sentences import split

QUADS = tuple(quad_names().values())
COOPERATION = tuple(n for n, q in quad_names().items() if q.endswith("_coop"))
"""Quad classes counted as cooperation in the country view's balance (the others are conflict)."""

# An event's day (when it happened, else when first reported), the one the timeline counts it under.
EVENT_DAY = db.EVENT_DAY

FREQS = ("week", "month", "quarter", "year")
MAX_PERIODS = 60
"""The automatic granularity is the finest whose bars over the data's span number at most this many: a few
months by week, five years by month, fifteen by quarter, more by year (bars stay wider than a few pixels)."""

MAP_EVENTS = 2000
"""Up to this many located events the map draws one marker per event; above, one per place with its counts."""


def connect(path: str | Path, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection using at most `threads` threads (DuckDB's default: all cores)."""
    con = db.connect_read(path)
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


@contextmanager
def open_db(path: str | Path, threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request, so `kronik ingest` can write between requests."""
    con = connect(path, threads)
    try:
        yield con
    finally:
        con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[Any, ...]:
    row = con.execute(sql, params).fetchone()
    assert row is not None
    return row


# ---------------------------------------------------------------- facts of the whole database (cached by the app)


def actor_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every party that takes part in an event -> its number of events, busiest first."""
    return dict(con.execute("""
        SELECT p, count(*) AS events FROM (SELECT unnest(parties) AS p FROM events)
        GROUP BY p ORDER BY events DESC, p
    """).fetchall())


def choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Values present in the data, for the filters' check boxes (quads are always the four)."""
    out: dict[str, list[str]] = {"quad": list(QUADS)}
    for column in ("type", "status"):
        out[column] = [r[0] for r in con.execute(f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL ORDER BY 1").fetchall()]
    out["outlet"] = [r[0] for r in con.execute("SELECT DISTINCT unnest(outlets) AS v FROM events ORDER BY v").fetchall() if r[0]]
    return out


def top_dyad(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """The pair of parties with most events (suggested on an empty dashboard), as `kronik top` ranks them."""
    top = analysis.top_dyads(con, limit=1)
    return (top[0]["a"], top[0]["b"]) if top else None


# ---------------------------------------------------------------- counts and granularity


def counts(con: duckdb.DuckDBPyConnection, sel: Selection) -> dict[str, Any]:
    """How many events the selection holds, how many have a place, and the first and last day among them; `undated`:
    events matching the selection but its dates that have no day (outside any date range, in no timeline bar)."""
    where, params = sel.where()
    total, located, first, last = _one(con, f"SELECT count(*), count(e.latitude), min({EVENT_DAY}), max({EVENT_DAY}) "
                                            f"FROM events e WHERE {where}", params)
    return {"total": total, "located": located, "first": first, "last": last, "undated": undated(con, sel)}


def undated(con: duckdb.DuckDBPyConnection, sel: Selection) -> int:
    """Events the selection's other filters match that have no day (no event date, no dated report)."""
    where, params = sel.where(dated=False)
    return db.undated_events(con, where, params)


def _period_start(day: date, freq: str) -> date:
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _next(period: date, freq: str) -> date:
    """The first day of the period after the one starting on `period`."""
    if freq == "week":
        return period + timedelta(days=7)
    if freq == "year":
        return date(period.year + 1, 1, 1)
    month = period.month - 1 + (3 if freq == "quarter" else 1)
    return date(period.year + month // 12, month % 12 + 1, 1)


def periods(first: date, last: date, freq: str) -> list[date]:
    """The first days of the periods from the one holding `first` to the one holding `last`."""
    out, p = [], _period_start(first, freq)
    while p <= last:
        out.append(p)
        p = _next(p, freq)
    return out


def auto_freq(first: date | None, last: date | None) -> str:
    """The finest granularity that draws the span in at most MAX_PERIODS bars (month for no span at all)."""
    if first is None or last is None:
        return "month"
    for freq in FREQS:
        start, n = _period_start(first, freq), 0
        while start <= last and n <= MAX_PERIODS:
            start, n = _next(start, freq), n + 1
        if n <= MAX_PERIODS:
            return freq
    return "year"


def label(period: date, freq: str) -> str:
    """How a period is written on the axis: 2024-02-12 (a week's Monday), 2024-02, 2024-Q1, 2024."""
    if freq == "quarter":
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    return period.strftime({"week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[freq])


def timeline(con: duckdb.DuckDBPyConnection, sel: Selection, freq: str) -> list[dict[str, Any]]:
    """Per period from the selection's first to its last dated event: events by quad class and their mean PLOVER
    score (-10 conflict … +10 cooperation), empty periods included, each with its label and first and last day."""
    where, params = sel.where()
    rows = db.query_rows(con, f"""
        SELECT CAST(date_trunc(?, {EVENT_DAY}) AS DATE) AS period, {QUAD_COUNTS}, count(*) AS events,
               round(avg(intensity), 2) AS score
        FROM events e WHERE {where} AND ({EVENT_DAY}) IS NOT NULL GROUP BY period ORDER BY period""", [freq, *params])
    if not rows:
        return []
    found = {r["period"]: r for r in rows}
    empty = dict.fromkeys(QUADS, 0) | {"events": 0, "score": None}
    return [{**found.get(p, {"period": p, **empty}), "label": label(p, freq), "from": p, "to": _next(p, freq) - timedelta(days=1)}
            for p in periods(rows[0]["period"], rows[-1]["period"], freq)]


# ---------------------------------------------------------------- lists, map, network, partners

EVENT_COLUMNS = f"""e.event_id, e.date, CAST({EVENT_DAY} AS VARCHAR) AS day, e.actors, e.recipients, e.parties, e.type, e.mode,
    e.status, e.quad, e.intensity, e.location, e.source_count, e.outlets, e.sentence, e.article_id"""


def events(con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of the selection's events (newest first, undated last) and how many there are in all."""
    where, params = sel.where()
    total = _one(con, f"SELECT count(*) FROM events e WHERE {where}", params)[0]
    rows = db.query_rows(con, f"""
        SELECT {EVENT_COLUMNS} FROM events e WHERE {where}
        ORDER BY {EVENT_DAY} DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?
    """, [*params, limit, offset])
    return rows, int(total)


def map_points(con: duckdb.DuckDBPyConnection, sel: Selection, most: int = MAP_EVENTS) -> dict[str, Any]:
    """The selection's located events: one point per event `[id, lat, lon, quad class, type, day, place]` when there
    are at most `most`, else one per place `[lat, lon, place, events, n per quad class 1-4]`; with the counts."""
    where, params = sel.where()
    total, located = _one(con, f"SELECT count(*), count(e.latitude) FROM events e WHERE {where}", params)
    out: dict[str, Any] = {"total": total, "located": located, "undated": undated(con, sel), "limit": most}
    if located <= most:
        out["mode"] = "events"
        out["points"] = [list(r) for r in con.execute(f"""
            SELECT e.event_id, e.latitude, e.longitude, e.quad_class, e.type, CAST({EVENT_DAY} AS VARCHAR), e.location
            FROM events e WHERE {where} AND e.latitude IS NOT NULL
            ORDER BY {EVENT_DAY} DESC NULLS LAST, e.event_id""", params).fetchall()]
    else:
        by_quad = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {n})" for n in quad_names())
        out["mode"] = "places"
        out["points"] = [list(r) for r in con.execute(f"""
            SELECT e.latitude, e.longitude, any_value(e.location), count(*) AS n, {by_quad}
            FROM events e WHERE {where} AND e.latitude IS NOT NULL
            GROUP BY e.latitude, e.longitude ORDER BY n DESC, 1, 2""", params).fetchall()]
    return out


_PAIRS = """
    WITH p AS (SELECT e.event_id, e.intensity, unnest(e.parties) AS party FROM events e WHERE {where}),
    pairs AS (SELECT x.party AS a, y.party AS b, x.intensity FROM p x JOIN p y ON x.event_id = y.event_id AND x.party < y.party)
    SELECT a, b, count(*) AS events, avg(intensity) AS score FROM pairs GROUP BY a, b ORDER BY events DESC, a, b
"""


def network(con: duckdb.DuckDBPyConnection, sel: Selection, limit: int = 120) -> dict[str, Any]:
    """Parties as nodes (events shared with any other party) and the `limit` heaviest pairs as edges (count, mean score)."""
    where, params = sel.where()
    pairs = db.query_rows(con, _PAIRS.format(where=where), params)
    totals: dict[str, int] = {}
    for p in pairs:
        for x in (p["a"], p["b"]):
            totals[x] = totals.get(x, 0) + p["events"]
    edges = [{"source": p["a"], "target": p["b"], "events": p["events"], "score": p["score"]} for p in pairs[:limit]]
    shown = {x for e in edges for x in (e["source"], e["target"])}
    nodes = sorted(({"id": n, "events": totals[n]} for n in shown), key=lambda n: (-n["events"], n["id"]))
    return {"nodes": nodes, "edges": edges, "pairs": len(pairs)}


def partners(con: duckdb.DuckDBPyConnection, sel: Selection, freq: str, limit: int = 12) -> dict[str, Any]:
    """The selection's actor against each other party: events, counts per quad class, cooperation and conflict, mean
    score and the latest day, busiest first; and, for the periods of the timeline, each partner's mean score."""
    where, params = sel.where()
    coop = ", ".join(map(str, COOPERATION))
    rows = db.query_rows(con, f"""
        WITH p AS (SELECT e.quad_class, e.intensity, {EVENT_DAY} AS day, unnest(e.parties) AS partner FROM events e WHERE {where})
        SELECT partner, count(*) AS events, {QUAD_COUNTS}, count(*) FILTER (WHERE quad_class IN ({coop})) AS cooperation,
               count(*) FILTER (WHERE quad_class NOT IN ({coop})) AS conflict, round(avg(intensity), 2) AS score,
               CAST(max(day) AS VARCHAR) AS last
        FROM p WHERE partner <> ? GROUP BY partner ORDER BY events DESC, partner LIMIT ?""", [*params, sel.actor, limit])
    span = _one(con, f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) FROM events e WHERE {where}", params)
    starts = periods(span[0], span[1], freq) if span[0] else []
    series: dict[str, dict[date, tuple[int, float | None]]] = {r["partner"]: {} for r in rows}
    if rows and starts:
        for partner, period, n, score in con.execute(f"""
                WITH p AS (SELECT e.intensity, {EVENT_DAY} AS day, unnest(e.parties) AS partner FROM events e
                           WHERE {where} AND ({EVENT_DAY}) IS NOT NULL)
                SELECT partner, CAST(date_trunc(?, day) AS DATE), count(*), round(avg(intensity), 2) FROM p
                WHERE list_contains(?, partner) GROUP BY ALL""", [*params, freq, list(series)]).fetchall():
            series[partner][period] = (n, score)
    for r in rows:
        r["series"] = [series[r["partner"]].get(p, (0, None))[1] for p in starts]
        r["series_events"] = [series[r["partner"]].get(p, (0, None))[0] for p in starts]
    others = _one(con, f"SELECT count(DISTINCT partner) FROM (SELECT unnest(e.parties) AS partner FROM events e WHERE {where}) "
                       "WHERE partner <> ?", [*params, sel.actor])[0]
    return {"actor": sel.actor, "freq": freq, "periods": [label(p, freq) for p in starts], "partners": rows, "count": others}


# ---------------------------------------------------------------- events, articles, search


def lead_sentence(body: str | None, most: int = 160) -> str:
    """The first sentence of an article's first paragraph, cut at a word near `most` characters: what stands for
    a title when the page had none."""
    first = next((p for p in re.split(r"\n\s*\n", body or "") if p.strip()), "")
    sentence = next(iter(split(first)), "")
    if len(sentence) <= most:
        return sentence
    return sentence[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _titled(row: dict[str, Any], body: str | None) -> dict[str, Any]:
    """Give a row a `headline`: its title, else its first sentence (`untitled` says which)."""
    row["untitled"] = not (row.get("title") or "").strip()
    row["headline"] = lead_sentence(body) if row["untitled"] else row["title"]
    return row


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every report of it (mentions), each with its article's headline and outlet."""
    sql = f"SELECT {EVENT_COLUMNS}, e.first_reported, e.last_reported FROM events e WHERE e.event_id = ?"
    found = db.query_rows(con, sql, [event_id])
    if not found:
        return None
    out = found[0]
    out["mentions"] = [_titled(m, m.pop("lead")) for m in db.query_rows(con, """
        SELECT m.mention_id, m.article_id, m.sentence, m.actor_text, m.recipient_text, a.title, a.outlet, a.published,
               left(a.body, 1000) AS lead
        FROM mentions m LEFT JOIN articles a USING (article_id)
        WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.mention_id
    """, [event_id])]
    return out


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article (with a headline: its title or first sentence) and the events reported in it."""
    found = db.query_rows(con, """
        SELECT article_id, url, outlet, title, authors, language, published, updated, body, dateline
        FROM articles WHERE article_id = ?
    """, [article_id])
    if not found:
        return None
    out = _titled(found[0], found[0]["body"])
    out["mentions"] = db.query_rows(con, """
        SELECT m.mention_id, m.event_id, m.sentence, m.type, m.status, m.date, m.actors, m.recipients, m.quad
        FROM mentions m WHERE m.article_id = ? ORDER BY m.mention_id
    """, [article_id])
    return out


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles holding every word of the query, best first (the store's index), each with its headline and full body."""
    hits = db.search_articles(con, query, limit)
    bodies = dict(con.execute(
        "SELECT article_id, body FROM articles WHERE list_contains(?, article_id)", [[h["article_id"] for h in hits]],
    ).fetchall())
    return [_titled({**h, "body": bodies.get(h["article_id"]) or ""}, bodies.get(h["article_id"])) for h in hits]
