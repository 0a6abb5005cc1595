"""`kronik watch`: keep a database current from the outlets themselves.

A round: for each source, read its feeds and sitemaps (conditional requests; sitemap indexes whole, their sitemaps
conditionally) and put the article URLs they list in the frontier (kronik.frontier); then fetch the pending pages
(kronik.fetch: robots.txt, one request at a time per host with a delay, hosts taken in turn), archive every response
(kronik.archive) and ingest the pages through the same driver as `kronik ingest` (kronik.ingest.ingest_docs).

Fetching runs in a thread of its own while the pages already fetched are ingested, `batch` pages (or
`flush_seconds` or BATCH_BYTES worth) at a time. The database is opened only to write (a listing's URLs, a batch of pages), so
`kronik serve` and `kronik sql` can read it between writes. A stop (SIGINT, SIGTERM) lets the request under way
finish, stores what was fetched, closes the archive file and ends the command; a second signal stops at once
(nothing half-written either: batches are transactions and the next run recovers the archive file).
"""

from __future__ import annotations

import argparse
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from kronik import frontier
from kronik.archive import Archive, recover
from kronik.db import format_table, open_for_reading
from kronik.discover import read_feed, read_sitemap
from kronik.fetch import Fetched, Fetcher, host_key
from kronik.frontier import Outcome, Page, SourceRound
from kronik.ingest import ingest_docs
from kronik.model import RawDoc
from kronik.sources import Source, SourcesError, WatchConfig, load
from kronik.store import connect, table_counts
from kronik.urls import article_like
from kronik.warc import _decode_html

MAX_INDEX_DEPTH = 3
"""Sitemap indexes listing indexes are followed this deep."""
BATCH_BYTES = 64 * 2**20
"""Fetched pages held in memory before they are stored, at most."""
QUEUE = 64
"""Fetched pages waiting for the main thread, at most (the fetch thread waits beyond that)."""
DB_WAIT = 120.0
"""Seconds to keep trying to open a database another process holds (a dashboard request, a `kronik sql`)."""


@dataclass(slots=True)
class Watch:
    """One watcher's settings and the stop flag its signal handlers set."""

    db: str
    archive: Path
    config: WatchConfig
    sources: list[Source]
    workers: int = 1
    stop: threading.Event = field(default_factory=threading.Event)
    log: Callable[[str], None] = lambda line: print(f"kronik watch: {line}", file=sys.stderr)
    verbose: bool = False


@contextmanager
def session(w: Watch) -> Iterator[duckdb.DuckDBPyConnection]:
    """The database, open for one write: retried while another process holds it, closed right after."""
    deadline = time.monotonic() + DB_WAIT
    while True:
        try:
            con = connect(w.db)
            break
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


# ---------------------------------------------------------------- listings


def discover(w: Watch, source: Source, fetcher: Fetcher, rnd: SourceRound) -> bool:
    """Read a source's feeds and sitemaps into the frontier; True when at least one listing could be read."""
    with session(w) as con:
        known = frontier.listings(con, source.name)
    todo: deque[tuple[str, str, str | None, int]] = deque(
        [(u, "feed", None, 0) for u in source.feeds] + [(u, "sitemap", None, 0) for u in source.sitemaps])
    seen: set[str] = set()
    sitemaps = 0
    read_any = False
    while todo and not w.stop.is_set():
        url, kind, via, depth = todo.popleft()
        if url in seen:
            continue
        seen.add(url)
        if kind != "feed":
            if sitemaps >= w.config.max_sitemaps:
                rnd.error(f"more than {w.config.max_sitemaps} sitemaps; the others wait for the next round")
                continue
            sitemaps += 1
        row = known.get(url) or {}
        whole = row.get("kind") == "index"  # an index is read whole: its sitemaps change while it does not
        got = fetcher.fetch(url, None if whole else row.get("etag"), None if whole else row.get("last_modified"), listing=True)
        if got.error == "stopped":
            break
        kind, pages, problem = row.get("kind") or kind, [], got.error
        if got.status == 200 and not got.error:
            if kind == "feed":
                listing = read_feed(got.body, got.final_url, source.tz())
            else:
                listing = read_sitemap(got.body, got.final_url, source.tz(), w.config.max_bytes)
                kind = "index" if listing.sitemaps else "sitemap"
                todo.extend((sub, "sitemap", url, depth + 1) for sub in listing.sitemaps if depth < MAX_INDEX_DEPTH)
            pages = [p for p in listing.pages if article_like(p.url) and source.wants(p.url)]
            problem = listing.problem
        elif got.status not in (200, 304) and not problem:
            problem = f"HTTP {got.status}"
        read_any |= got.status in (200, 304)
        with session(w) as con:
            found = frontier.record_listing(con, source.name, url, kind, got.status, got.etag, got.last_modified, problem,
                                            via, pages)
        rnd.found += found
        if problem:
            rnd.error(f"{url}: {problem}")
        if w.verbose:
            w.log(f"{source.name}: {url}: {got.status or got.error} ({len(pages)} article URLs, {found} new or changed)")
    return read_any


# ---------------------------------------------------------------- pages


def crawl(fetcher: Fetcher, pages: Sequence[Page], *stops: threading.Event) -> Iterator[tuple[Page, Fetched]]:
    """Fetch pages, hosts in turn (always the host that may be asked soonest), so one slow or rate-limited host
    holds up no other; a 429/503 with tries left goes back to the front of its host's queue."""
    queues: dict[str, deque[Page]] = {}
    for page in pages:
        queues.setdefault(host_key(page.url), deque()).append(page)
    while queues and not any(s.is_set() for s in stops):
        key = min(queues, key=lambda k: (fetcher.ready_at(queues[k][0].url), k))
        page = queues[key].popleft()
        got = fetcher.fetch(page.url, page.etag, page.last_modified)
        if got.error == "stopped":
            return
        if got.retry_at is not None:
            queues[key].appendleft(page)
        else:
            yield page, got
        if not queues[key]:
            del queues[key]


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type, as kronik's WARC reader reads it."""
    low = content_type.lower()
    return low.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") if "charset=" in low else None


def page_doc(got: Fetched) -> RawDoc:
    """The document of a fetched page: what `kronik ingest` reads from its archived response (id and url the URL
    fetched, crawled_at the WARC-Date, source the archive file)."""
    html, err = _decode_html(got.body, _charset(got.content_type))
    return RawDoc(id=got.final_url, url=got.final_url, html=html, crawled_at=got.crawled_at, source=got.warc or "", error=err)


def outcome(page: Page, got: Fetched, rnd: SourceRound) -> Outcome:
    """The frontier state a fetch leads to; counts it in the source's round."""
    rnd.fetched += got.status is not None
    if got.page:
        rnd.ingested += 1
        return Outcome(page, "done", got.status, got.final_url, got.etag, got.last_modified)
    if got.status == 304:
        return Outcome(page, "done", 304, page.doc_id or page.url, got.etag or page.etag, got.last_modified or page.last_modified)
    if got.error and got.error.startswith("disallowed"):
        return Outcome(page, "skipped", None, error=got.error, attempted=False)
    if got.error and got.error.startswith("robots.txt"):  # the host is down or refuses all: not the page's fault
        rnd.failed += 1
        rnd.error(f"{page.url}: {got.error}")
        return Outcome(page, "failed", None, error=got.error, attempted=False)
    if got.status == 200 and not got.error:
        return Outcome(page, "skipped", 200, error=f"not HTML ({got.content_type or 'no Content-Type'})")
    error = got.error or f"HTTP {got.status}"
    rnd.failed += 1
    rnd.error(f"{page.url}: {error}")
    return Outcome(page, "failed" if got.transient else "skipped", got.status, error=error)


def store(w: Watch, items: Sequence[tuple[Page, Fetched]], rounds: dict[str, SourceRound]) -> None:
    """Ingest the fetched pages, then settle every item's frontier state and the rounds' counts; a crash between
    the two leaves pages pending, which the next round fetches again and finds stored."""
    outcomes = [outcome(page, got, rounds[page.source]) for page, got in items]
    docs = [page_doc(got) for _, got in items if got.page]
    with session(w) as con:
        if docs:
            ids = sorted({d.id for d in docs})
            known = dict(con.execute("SELECT doc_id, raw_hash FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall())
            ingest_docs(con, docs, workers=w.workers, known=known)
        con.begin()
        try:
            frontier.settle(con, outcomes, w.config.max_attempts)
            frontier.save_rounds(con, rounds.values())
            con.commit()
        except BaseException:
            con.rollback()
            raise
    if w.verbose:
        for o in outcomes:
            w.log(f"{o.page.source}: {o.page.url}: {o.state} {o.http_status or ''} {o.error or ''}".rstrip())


def fetch_and_store(w: Watch, fetcher: Fetcher, pages: Sequence[Page], rounds: dict[str, SourceRound]) -> None:
    """Fetch in a thread while the main thread stores what was fetched, `batch` pages or `flush_seconds` at a time."""
    items: queue.Queue[tuple[Page, Fetched] | None] = queue.Queue(maxsize=QUEUE)
    failure: list[BaseException] = []
    halt = threading.Event()  # set by a stop, or by a failure to store (the next round may go on)

    def produce() -> None:
        try:
            for page, got in crawl(fetcher, pages, w.stop, halt):
                if not got.page:
                    got.body = b""
                items.put((page, got))
        except BaseException as exc:
            failure.append(exc)
        finally:
            items.put(None)

    thread = threading.Thread(target=produce, name="kronik-watch-fetch", daemon=True)
    thread.start()
    try:
        batch: list[tuple[Page, Fetched]] = []
        deadline: float | None = None
        while True:
            try:
                item = items.get(timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
            except queue.Empty:  # the first page of the batch has waited flush_seconds
                store(w, batch, rounds)
                batch, deadline = [], None
                continue
            if item is None:
                break
            batch.append(item)
            deadline = deadline or time.monotonic() + w.config.flush_seconds
            full = sum(got.page for _, got in batch) >= w.config.batch or sum(len(got.body) for _, got in batch) >= BATCH_BYTES
            if full:
                store(w, batch, rounds)
                batch, deadline = [], None
        if batch:
            store(w, batch, rounds)
    except BaseException:
        halt.set()
        while thread.is_alive():
            with suppress(queue.Empty):
                items.get(timeout=0.1)
        raise
    finally:
        thread.join()
    if failure:
        raise failure[0]


# ---------------------------------------------------------------- rounds


def round_once(w: Watch) -> tuple[dict[str, SourceRound], bool]:
    """One round over every source; returns the rounds and whether any listing could be read."""
    for path in recover(w.archive):
        w.log(f"recovered {path} (left open by a run that was killed)")
    rounds = {s.name: SourceRound(s.name) for s in w.sources}
    read_any = False
    archive = Archive(w.archive, w.config.agent())
    try:
        with Fetcher(w.config, archive, w.stop) as fetcher:
            for source in w.sources:
                if w.stop.is_set():
                    break
                read_any |= discover(w, source, fetcher, rounds[source.name])
            with session(w) as con:
                pages = [p for s in w.sources for p in frontier.pending(con, s.name, w.config.max_pages)]
            if not w.stop.is_set():
                fetch_and_store(w, fetcher, pages, rounds)
    finally:
        archive.close()
        finished = frontier.now()
        for r in rounds.values():
            r.finished = finished
        with session(w) as con:
            frontier.save_rounds(con, rounds.values())
    return rounds, read_any


def _summary(w: Watch, n: int, took: float, rounds: dict[str, SourceRound]) -> None:
    parts = [f"{r.source} {r.found} found, {r.fetched} fetched, {r.ingested} stored, {r.failed} failed" for r in rounds.values()]
    w.log(f"round {n} ({took:.1f} s): " + "; ".join(parts))


def run(w: Watch, once: bool, interval: float) -> int:
    """Rounds until a stop (or one, with `once`); 1 when a round could read no listing of any source."""
    from kronik.executors import warm_up

    warm_up()  # pool workers forked later start warm
    n, status = 0, 0
    while not w.stop.is_set():
        n += 1
        start = time.monotonic()
        try:
            rounds, read_any = round_once(w)
        except duckdb.IOException as exc:  # another process held the database past DB_WAIT: try again next round
            w.log(f"round {n} stopped: the database stayed busy: {exc}")
            status = 1
        else:
            _summary(w, n, time.monotonic() - start, rounds)
            status = 0 if read_any or w.stop.is_set() else 1
        if once:
            break
        w.stop.wait(max(0.0, interval - (time.monotonic() - start)))
    with session(w) as con:
        c = table_counts(con)
    w.log(f"database {w.db}: {c['articles']} articles, {c['events']} events; archive {w.archive}")
    return status


# ---------------------------------------------------------------- command


STATUS_COLUMNS = {"source": "source", "round_finished": "last round (UTC)", "found": "found", "fetched": "fetched",
                  "ingested": "stored", "failed": "failed", "pending": "pending", "done": "done", "skipped": "skipped",
                  "given_up": "given up", "last_error": "last error"}
"""watch_status columns printed by --status: the last round's counts, then the pages by state."""


def print_status(db: str) -> int:
    """`kronik watch --status`: each source's last round and its pages by state."""
    con = open_for_reading(db, "watch --status")
    if con is None:
        return 2
    with con:
        try:
            rows = frontier.watch_status(con)
        except duckdb.CatalogException:
            rows = []
    if not rows:
        print(f"kronik watch: {db} has not been watched yet (no watch_sources rows)", file=sys.stderr)
        return 0
    body = [[str(r[c])[:19] if c == "round_finished" and r[c] else r[c] for c in STATUS_COLUMNS] for r in rows]
    print(format_table(list(STATUS_COLUMNS.values()), body, max_width=80))
    return 0


def command(args: argparse.Namespace) -> int:
    """`kronik watch`: check the sources file, then run rounds until --once is done or a signal stops it."""
    if args.status:
        return print_status(args.db)
    if not args.sources:
        print("kronik watch: give a sources file (see kronik/data/sources.toml), or --status", file=sys.stderr)
        return 2
    try:
        config, sources = load(args.sources)
    except SourcesError as exc:
        print(f"kronik watch: {args.sources}: {exc}", file=sys.stderr)
        return 2
    if args.delay is not None:
        config = replace(config, delay=args.delay)
    archive = Path(args.archive) if args.archive else Path(args.db).with_name(Path(args.db).stem + "-warc")
    w = Watch(db=args.db, archive=archive, config=config, sources=sources, workers=args.workers, verbose=args.verbose)
    try:
        with session(w):
            pass
    except (OSError, duckdb.Error) as exc:
        print(f"kronik watch: cannot open the database {args.db}: {exc}", file=sys.stderr)
        return 2

    def on_signal(signum: int, frame: Any) -> None:
        if w.stop.is_set():
            raise KeyboardInterrupt
        w.stop.set()
        w.log(f"{signal.Signals(signum).name}: stopping after the request under way (again to stop at once)")

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        return run(w, args.once, args.interval)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
