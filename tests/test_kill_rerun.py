"""`kill -9` in the middle of `kronik ingest`, then a rerun, gives the same database as one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kronik.generate import write_jsonl

pytest.importorskip("kronik.store", reason="kronik.store (kronik ingest) has not landed")
duckdb = pytest.importorskip("duckdb")

N = 600
SCHEMA_BYTES = 64 * 1024
"""Database plus write-ahead log hold less than this before the first batch is committed (~2 MB after it)."""
TABLES = ("articles", "mentions", "events", "errors", "documents", "near_duplicates")


def _ingest(src: Path, db: Path) -> subprocess.Popen[str]:
    """One `kronik ingest` in its own process group, so that the kill reaches its pool workers too."""
    cmd = [sys.executable, "-m", "kronik", "ingest", str(src), "--db", str(db), "--workers", "2", "--no-progress"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish(proc: subprocess.Popen[str]) -> None:
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-2000:]


def _snapshot(db: Path) -> dict[str, Any]:
    """Every table's rows, sorted, without the columns that record when a row was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, Any] = {}
        for table in TABLES:
            cols = [name for name, ctype, *_ in con.execute(f"DESCRIBE {table}").fetchall() if not ctype.startswith("TIMESTAMP")]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def _stored_bytes(db: Path) -> int:
    return sum(f.stat().st_size for f in (db, db.with_name(db.name + ".wal")) if f.exists())


def _killed_mid_run(src: Path, db: Path) -> int:
    """Start an ingest, SIGKILL its process group just after its first commit, return the documents stored by then.

    The first batch's commit shows as the database files growing past the empty schema (a few KiB); waiting for
    it, rather than for a fixed time, keeps the kill mid-run however loaded the machine is."""
    proc = _ingest(src, db)
    deadline = time.monotonic() + 300
    while proc.poll() is None and _stored_bytes(db) < SCHEMA_BYTES and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    assert proc.poll() is None, "ingest finished before it could be killed: make the batch bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    con = duckdb.connect(str(db))  # read-write: a read-only connection would not replay the write-ahead log
    try:
        return con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.slow
def test_kill_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl"
    write_jsonl(src, N, seed=11, bad=0.02)

    clean = tmp_path / "clean.duckdb"
    _finish(_ingest(src, clean))

    crashed = tmp_path / "crashed.duckdb"
    stored = _killed_mid_run(src, crashed)
    assert 0 < stored < N, f"the kill should land mid-run ({stored} of {N} documents stored)"
    _finish(_ingest(src, crashed))

    want, got = _snapshot(clean), _snapshot(crashed)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in want.items()}
    for table in TABLES:
        assert got[table] == want[table], f"table {table} differs after kill and rerun"
