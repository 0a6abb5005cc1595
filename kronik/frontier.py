"""The state `kronik watch` keeps in the database (tables watch_urls and watch_sources, created by kronik.store).

watch_urls holds every URL a source's listings gave and every listing itself. A page is `pending` until fetched,
then `done` (stored; its doc_id is the URL it was stored under, after redirects), `skipped` (robots.txt, not HTML,
4xx, too large: not asked again unless its listing shows a newer date) or `failed` (5xx, timeouts: tried again in
later rounds, given up after max_attempts). Listings (`feed`, `sitemap`, `index`) keep their ETag and Last-Modified
for conditional requests. A listing's URLs are written with its validators in one transaction, and a page turns
`done` only after its article is committed, so a crawl killed at any point loses nothing: the next round fetches
again what was not stored. watch_sources holds each source's last round. `watch_status` is the read side, for
`kronik watch --status` and the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from kronik.db import query_rows
from kronik.discover import Listed

COLUMNS = ("url", "source", "kind", "state", "listed", "etag", "last_modified", "http_status", "doc_id", "attempts", "error",
           "via", "discovered_at", "fetched_at")


def now() -> datetime:
    """UTC now, naive, as the TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(slots=True)
class Page:
    """A page to fetch, with what is known of it."""

    url: str
    source: str
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    state: str = "pending"
    doc_id: str | None = None


@dataclass(slots=True)
class SourceRound:
    """What one round did for one source (the watch_sources row)."""

    source: str
    started: datetime = field(default_factory=now)
    finished: datetime | None = None
    found: int = 0
    fetched: int = 0
    ingested: int = 0
    failed: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None

    def error(self, message: str) -> None:
        self.last_error, self.last_error_at = message[:500], now()


def _rows(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    return {r["url"]: r for r in query_rows(con, "SELECT * FROM watch_urls WHERE url IN (SELECT unnest(?))", [sorted(set(urls))])}


_SCHEMA = pa.schema([(c, pa.int32() if c in ("http_status", "attempts") else pa.timestamp("us") if c.endswith("_at") else pa.string())
                     for c in COLUMNS])


def _put(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace whole watch_urls rows, in one statement."""
    if rows:
        con.register("_watch_rows", pa.Table.from_pylist([{c: r.get(c) for c in COLUMNS} for r in rows], schema=_SCHEMA))
        con.execute(f"INSERT OR REPLACE INTO watch_urls ({', '.join(COLUMNS)}) SELECT * FROM _watch_rows").fetchall()
        con.unregister("_watch_rows")


def record_listing(con: duckdb.DuckDBPyConnection, source: str, url: str, kind: str, status: int | None,
                   etag: str | None = None, last_modified: str | None = None, error: str | None = None,
                   via: str | None = None, pages: Sequence[Listed] = ()) -> int:
    """Store what a listing gave, in one transaction: its validators and status, and its pages (new ones pending;
    stored ones pending again when listed with a later date than before). Returns the pages newly pending. Only a
    200 replaces the listing's validators; a 304 also keeps the problem its last reading found.

    A URL already in the documents table (stored by `kronik ingest` or an earlier watch) is `done` from the start."""
    stamp = now()
    con.begin()
    try:
        old = _rows(con, [url]).get(url) or {}
        validators = (etag, last_modified) if status == 200 else (old.get("etag"), old.get("last_modified"))
        problem = old.get("error") if status == 304 else error
        _put(con, [{**old, "url": url, "source": old.get("source") or source, "kind": kind, "state": "listing",
                    "etag": validators[0], "last_modified": validators[1], "http_status": status, "error": problem,
                    "via": via, "discovered_at": old.get("discovered_at") or stamp, "fetched_at": stamp}])
        found = _add_pages(con, source, url, pages, stamp)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return found


def _add_pages(con: duckdb.DuckDBPyConnection, source: str, via: str, pages: Sequence[Listed], stamp: datetime) -> int:
    latest: dict[str, str | None] = {}
    for p in pages:
        prev = latest.get(p.url)
        latest[p.url] = max(prev, p.modified) if prev and p.modified else prev or p.modified
    if not latest:
        return 0
    known = _rows(con, latest)
    stored = {d for (d,) in con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))",
                                        [sorted(set(latest) - set(known))]).fetchall()}
    rows, found = [], 0
    for url, listed in latest.items():
        row = known.get(url)
        if row is None:
            state = "done" if url in stored else "pending"
            found += state == "pending"
            rows.append({"url": url, "source": source, "kind": "page", "state": state, "listed": listed, "attempts": 0,
                         "doc_id": url if url in stored else None, "via": via, "discovered_at": stamp})
        elif row["kind"] == "page":
            newer = bool(listed and row["listed"] and listed > row["listed"])
            if newer and row["state"] != "pending":
                found += 1
                rows.append({**row, "state": "pending", "attempts": 0, "listed": listed, "via": via})
            elif listed and (not row["listed"] or listed > row["listed"]):
                rows.append({**row, "listed": listed})
    _put(con, rows)
    return found


def pending(con: duckdb.DuckDBPyConnection, source: str, limit: int) -> list[Page]:
    """A source's pages to fetch this round, newest listed first."""
    return [Page(**r) for r in query_rows(con, """
        SELECT url, source, etag, last_modified, attempts, state, doc_id FROM watch_urls
        WHERE source = ? AND kind = 'page' AND state = 'pending'
        ORDER BY listed DESC NULLS LAST, discovered_at, url LIMIT ?""", [source, limit])]


def listings(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, dict[str, Any]]:
    """The source's listings as last read (kind and validators), by URL."""
    return {r["url"]: r for r in query_rows(con, "SELECT * FROM watch_urls WHERE source = ? AND kind IN ('feed', 'sitemap', 'index')",
                                            [source])}


@dataclass(slots=True)
class Outcome:
    """How fetching a page ended, to be written once its article (if any) is committed."""

    page: Page
    state: str
    http_status: int | None = None
    doc_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempted: bool = True
    """False for a page never asked for (a stop came first): its attempts are not counted."""


def settle(con: duckdb.DuckDBPyConnection, outcomes: Sequence[Outcome], max_attempts: int) -> None:
    """Write fetched pages' outcomes (the caller holds the transaction, if any). A transient failure leaves the page
    pending until it has failed in max_attempts rounds."""
    stamp = now()
    known = _rows(con, [o.page.url for o in outcomes])
    rows = []
    for o in outcomes:
        row = dict(known.get(o.page.url) or {"url": o.page.url, "source": o.page.source, "kind": "page", "discovered_at": stamp})
        attempts = int(row.get("attempts") or 0)
        state = o.state
        if state == "failed":
            attempts += o.attempted
            state = "failed" if attempts >= max_attempts else "pending"
        elif state != "pending":
            attempts = 0
        row.update(state=state, attempts=attempts, http_status=o.http_status, error=o.error, fetched_at=stamp)
        if o.state == "done":
            row.update(doc_id=o.doc_id, etag=o.etag, last_modified=o.last_modified)
        rows.append(row)
    _put(con, rows)


def save_rounds(con: duckdb.DuckDBPyConnection, rounds: Iterable[SourceRound]) -> None:
    """Write each source's round (also while it runs, so --status shows it); the round count grows when a round
    finishes, and a round without an error keeps the last error of an earlier one."""
    for r in rounds:
        old = con.execute("""SELECT rounds, last_error, last_error_at, round_started, round_finished FROM watch_sources
                             WHERE source = ?""", [r.source]).fetchone()
        count = int(old[0] or 0) if old else 0
        counted = old is not None and old[3] == r.started and old[4] is not None
        count += r.finished is not None and not counted
        error, when = (r.last_error, r.last_error_at) if r.last_error else ((old[1], old[2]) if old else (None, None))
        con.execute("INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [r.source, r.started, r.finished, count, r.found, r.fetched, r.ingested, r.failed, error, when])


def watch_status(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per watched source: its last round (started, finished, found, fetched, ingested, failed, last error)
    and its pages by state (pending, done, skipped, failed). For `kronik watch --status` and the dashboard; an empty
    list for a database never watched."""
    return query_rows(con, """
        WITH pages AS (
            SELECT source, count(*) FILTER (WHERE state = 'pending') AS pending, count(*) FILTER (WHERE state = 'done') AS done,
                   count(*) FILTER (WHERE state = 'skipped') AS skipped, count(*) FILTER (WHERE state = 'failed') AS given_up
            FROM watch_urls WHERE kind = 'page' GROUP BY source)
        SELECT s.source, s.round_started, s.round_finished, s.rounds, s.found, s.fetched, s.ingested, s.failed,
               coalesce(p.pending, 0) AS pending, coalesce(p.done, 0) AS done, coalesce(p.skipped, 0) AS skipped,
               coalesce(p.given_up, 0) AS given_up, s.last_error, s.last_error_at
        FROM watch_sources s LEFT JOIN pages p USING (source) ORDER BY s.source""")
