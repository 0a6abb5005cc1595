"""Executors: in-process, process pool and Dask give the same records in the same order, and the pool streams."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kronik import executors
from kronik.generate import bad_documents, pages
from kronik.model import RawDoc, Record
from kronik.readers import read_paths


def _docs(shared: Path | None, tmp: Path) -> list[RawDoc]:
    docs = [RawDoc(id=i, text=t) for i, t in pages(40, seed=7)]
    docs.append(RawDoc(id="bad", error="binary content (NUL bytes)"))
    bad = bad_documents(tmp / "bad", huge_mb=1)
    docs += list(read_paths([str(bad[k]) for k in ("broken", "malformed", "cp1252", "english", "truncated")]))
    if shared is not None:
        docs += list(read_paths([str(shared / "dev" / "input.jsonl")]))
    return docs


def _dicts(records: Iterator[Record]) -> list[str]:
    return [json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True) for r in records]


@pytest.fixture
def maybe_shared(request: pytest.FixtureRequest) -> Path | None:
    try:
        return request.getfixturevalue("shared")
    except pytest.skip.Exception:
        return None


def test_local_pool_and_dask_agree(tmp_path: Path, maybe_shared: Path | None) -> None:
    from dask.distributed import LocalCluster

    docs = _docs(maybe_shared, tmp_path)
    local = _dicts(executors.run(docs))
    assert len(local) == len(docs)
    assert [json.loads(x)["id"] for x in local] == [d.id for d in docs]
    assert _dicts(executors.run(docs, workers=2)) == local
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        assert _dicts(executors.run(docs, engine="dask", scheduler=cluster.scheduler_address)) == local


def test_pool_reads_input_lazily() -> None:
    """Taking the first records of an endless input must not drain it: at most the in-flight window is read ahead."""
    pulled = 0

    def endless() -> Iterator[RawDoc]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield RawDoc(id=str(i), text="Menlu RI bertemu Menlu Jepang di Tokyo.")

    got = list(itertools.islice(executors.run_pool(endless(), workers=2, chunksize=8, window=4), 50))
    assert [r.id for r in got] == [str(i) for i in range(50)]
    assert pulled <= 50 + 8 * 5


def _crash_on_killer(doc: RawDoc, settings: object = None) -> Record:
    if doc.id == "killer":
        os._exit(3)
    if doc.id == "hang":
        time.sleep(3600)
    return Record(id=doc.id, error="ok", source=doc.source)


def test_pool_survives_a_worker_death(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that kills its worker process gets an error record; the others are processed once, in order."""
    monkeypatch.setattr(executors, "process", _crash_on_killer)
    monkeypatch.setattr(executors, "warm_up", lambda settings=None: None)
    docs = [RawDoc(id=str(i)) for i in range(40)]
    docs.insert(21, RawDoc(id="killer"))
    out = list(executors.run_pool(docs, workers=2, chunksize=4, window=3))
    assert [r.id for r in out] == [d.id for d in docs]
    assert "worker process died" in (out[21].error or "")
    assert all(r.error == "ok" for i, r in enumerate(out) if i != 21)


def test_pool_survives_a_hung_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that never finishes is killed after the time limit and gets an error record; the batch goes on."""
    monkeypatch.setattr(executors, "process", _crash_on_killer)
    monkeypatch.setattr(executors, "warm_up", lambda settings=None: None)
    docs = [RawDoc(id=str(i)) for i in range(20)]
    docs.insert(5, RawDoc(id="hang"))
    started = time.monotonic()
    out = list(executors.run_pool(docs, workers=2, chunksize=4, window=3, timeout=1.0))
    assert [r.id for r in out] == [d.id for d in docs]
    assert "time limit" in (out[5].error or "")
    assert all(r.error == "ok" for i, r in enumerate(out) if i != 5)
    assert time.monotonic() - started < 60


def test_extract_cli_writes_parquet_partitions(tmp_path: Path) -> None:
    """`--engine dask -o DIR` on a real LocalCluster (spawned worker processes) writes what local extract writes."""
    import subprocess
    import sys

    import pyarrow.parquet as pq

    from kronik.generate import write_jsonl

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 30, seed=3, bad=0.1)
    out = tmp_path / "parts"
    base = [sys.executable, "-m", "kronik", "extract", str(src), "--no-progress"]
    proc = subprocess.run([*base, "--engine", "dask", "--workers", "1", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "kronik extract: 30 documents read, 30 written," in proc.stderr
    table = pq.read_table(out)
    assert table.column_names == ["id", "record"] and table.num_rows == 30
    local = subprocess.run(base, capture_output=True, text=True, timeout=300)
    assert table.column("record").to_pylist() == local.stdout.splitlines()
    assert table.column("id").to_pylist() == [json.loads(line)["id"] for line in local.stdout.splitlines()]


def test_records_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Dask's spawned workers and every new process get their own hash seed: records must not depend on it."""
    import subprocess
    import sys

    from kronik.generate import write_jsonl

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 200, seed=11)
    outputs = []
    for seed in ("1", "5", "9"):
        proc = subprocess.run([sys.executable, "-m", "kronik", "extract", str(src), "--no-progress"], capture_output=True,
                              text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout.splitlines())
    differing = [a[:80] for a, *others in zip(*outputs, strict=True) if any(a != b for b in others)]
    assert not differing, f"{len(differing)} of 200 records differ between hash seeds, e.g. {differing[0]}"


def test_warm_up_loads_everything_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """After warm-up a page is processed without opening a single file: models, gazetteer and patterns stay loaded."""
    import builtins
    import io
    import pathlib

    executors.warm_up()

    def no_files(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"file opened while processing a document: {args[:1]}")

    openers = [(builtins, "open"), (io, "open"), *((pathlib.Path, name) for name in ("open", "read_text", "read_bytes"))]
    for target, name in openers:
        monkeypatch.setattr(target, name, no_files)
    for doc_id, text in pages(5, seed=2):
        rec = executors.process(RawDoc(id=doc_id, text=text))
        assert rec.error is None and rec.article is not None, rec.error
