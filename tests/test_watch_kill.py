"""`kronik watch` killed (-9) in the middle of a round, then run again, gives the database of an uninterrupted round;
a SIGTERM finishes the request under way, stores what was fetched and leaves nothing half-written."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from kronik.newssite import NewsSite
from kronik.watch import QUEUE

PAGES = 200
BATCH = 10
KILL_AFTER = BATCH + QUEUE + 10
"""Article requests before the kill: the fetch thread runs at most QUEUE pages ahead of the batch being stored, so
by then at least one batch is committed, and most pages are not."""
TABLES = {
    "articles": "* EXCLUDE (source, ingested_at)",  # source names the archive file, which differs from run to run
    "mentions": "*", "events": "*", "near_duplicates": "*", "errors": "* EXCLUDE (source, seen_at)",
    "documents": "* EXCLUDE (seen_at)",
    "watch_urls": "url, source, kind, state, listed, etag, last_modified, doc_id, error, via, "
                  "CASE WHEN kind = 'page' THEN http_status END, CASE WHEN kind = 'page' THEN attempts END",
}


def _watch(sources: Path, db: Path, archive: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "kronik", "watch", str(sources), "--db", str(db), "--archive", str(archive), "--once"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish(proc: subprocess.Popen[str]) -> str:
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    return err


def _article_hits(site: NewsSite) -> int:
    return sum(h.path.startswith("/berita/") for h in site.log)


def _wait_for(site: NewsSite, n: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300
    while _article_hits(site) < n and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the round ended before the signal could be sent"


def _snapshot(db: Path) -> dict[str, Any]:
    con = duckdb.connect(str(db))  # read-write: a read-only connection would not replay the write-ahead log
    try:
        return {t: sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr) for t, cols in TABLES.items()}
    finally:
        con.close()


@pytest.mark.slow
def test_kill_mid_round_then_another_round_equals_an_uninterrupted_round(tmp_path: Path) -> None:
    with NewsSite(pages=PAGES) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml(delay=0.0, batch=BATCH))

        _finish(_watch(sources, tmp_path / "clean.duckdb", tmp_path / "clean-warc"))

        crashed, archive = tmp_path / "crashed.duckdb", tmp_path / "crashed-warc"
        proc = _watch(sources, crashed, archive)
        _wait_for(site, PAGES + KILL_AFTER, proc)  # the log holds the clean round's requests too
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        stored = len(_snapshot(crashed)["articles"])
        assert 0 < stored < PAGES, f"the kill should land mid-round ({stored} of {PAGES} articles stored)"
        assert list(archive.glob("*.warc.gz.open")), "the killed round's archive file should still be open"

        err = _finish(_watch(sources, crashed, archive))
        assert "recovered" in err

    want, got = _snapshot(tmp_path / "clean.duckdb"), _snapshot(crashed)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in want.items()}
    assert len(want["articles"]) == PAGES
    for table in TABLES:
        assert got[table] == want[table], f"table {table} differs after kill -9 and another round"
    assert not list(archive.glob("*.open"))


@pytest.mark.slow
def test_sigterm_finishes_the_page_in_hand_and_stores_what_was_fetched(tmp_path: Path) -> None:
    with NewsSite(pages=60) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml(delay=0.05, batch=100))
        db, archive = tmp_path / "w.duckdb", tmp_path / "warc"
        proc = _watch(sources, db, archive)
        _wait_for(site, 15, proc)
        os.killpg(proc.pid, signal.SIGTERM)  # the whole group, as systemd does: pipeline workers ignore it
        sent = time.monotonic()
        err = _finish(proc)
        assert "SIGTERM: stopping" in err
        fetched = {site.url + h.path for h in site.log if h.path.startswith("/berita/") and h.status == 200}
        late = [h for h in site.log if h.start > sent + 0.01]
        assert len(late) <= 1, late  # at most the request that was starting as the signal came
        con = duckdb.connect(str(db), read_only=True)
        stored = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        pending = con.execute("SELECT count(*) FROM watch_urls WHERE state = 'pending'").fetchone()[0]
        con.close()
        assert stored == fetched and 15 <= len(stored) < 60
        assert pending == 60 - len(stored)
        assert not list(archive.glob("*.open")) and list(archive.glob("*.warc.gz"))

        _finish(_watch(sources, db, archive))
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
        con.close()


@pytest.mark.slow
def test_rounds_repeat_every_interval_until_ctrl_c(tmp_path: Path) -> None:
    with NewsSite(pages=5) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml(delay=0.0))
        cmd = [sys.executable, "-m", "kronik", "watch", str(sources), "--db", str(tmp_path / "w.duckdb"), "--interval", "2s"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + 120
        while sum(h.path == "/robots.txt" for h in site.log) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        err = _finish(proc)
        robots = [h.start for h in site.log if h.path == "/robots.txt"]
        # a round starts every 2 s (its first request a few ms after its start)
        assert len(robots) >= 3 and all(1.8 <= b - a < 4 for a, b in itertools.pairwise(robots))
        assert "round 2 " in err and "SIGINT: stopping" in err
        assert sum(h.path.startswith("/berita/") for h in site.log) == 5  # later rounds fetch no stored page
