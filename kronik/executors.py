"""Executors keep *where* the per-document function runs apart from *what* it does (pipeline.process).

`run_local` is the reference: the process pool and Dask yield the same records in the same order.
All of them stream: the input iterator is read in chunks and at most a bounded window of chunks is
in flight, so memory stays flat however long the input is. (Pool.imap would not do: its feeder
thread drains the whole input iterator into the task queue.)
"""

from __future__ import annotations

import gc
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kronik.model import RawDoc, Record
from kronik.pipeline import process
from kronik.settings import DEFAULT, Settings

CHUNK = 32
"""Documents per task: big enough to amortise pickling and queueing, small enough to keep order latency low."""
WINDOW_PER_WORKER = 4
"""Chunks in flight per worker: keeps every worker busy while the parent writes, bounds memory."""
BACKGROUND_WINDOW = 8
"""Chunks in flight for a lone background worker: more than a database batch (200 documents), so the worker still has
work queued while the caller writes one."""
DOC_TIMEOUT = 300.0
"""Seconds a document may take in a pool worker before the worker counts as hung (a 50 MB page takes ~10 s)."""
DASK_CHUNK = 256
"""Documents per Dask task: Dask's per-task overhead (~1 ms) is larger than a pool's."""
SCATTER_CHARS = 4_000_000
"""Chunks with more text than this are scattered first: Dask warns about (and slows down on) large task graphs."""

_WARM_UP_PAGE = (
    "Jakarta - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo, Senin (3/2/2020).\n"
    "Kedua menteri sepakat memperkuat kerja sama ekonomi dan keamanan maritim di kawasan.\n"
    "Amerika Serikat menjatuhkan sanksi terhadap Korea Utara pekan lalu, kata juru bicara Kementerian Luar Negeri."
)


def warm_up(settings: Settings = DEFAULT) -> None:
    """Run one small page so that each process loads its heavy state (language model, gazetteer, patterns) up front;
    then move that state out of the garbage collector's sight: it lives as long as the process, and every full
    collection would otherwise walk all of it again."""
    process(RawDoc(id="warm-up", text=_WARM_UP_PAGE), settings)
    gc.freeze()


def process_batch(docs: list[RawDoc], settings: Settings = DEFAULT) -> list[Record]:
    """The unit of work shipped to a pool or Dask worker."""
    return [process(doc, settings) for doc in docs]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter), pulled lazily."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_local(docs: Iterable[RawDoc], settings: Settings = DEFAULT) -> Iterator[Record]:
    """One core, in order."""
    for doc in docs:
        yield process(doc, settings)


class _Pool:
    """A process pool that is replaced when a worker dies (OOM kill, segfault in a C extension) or hangs.

    A hang (catastrophic regex backtracking, say) cannot be interrupted inside the worker: a signal handler only
    runs between bytecodes. So a chunk that overruns its time limit gets the pool's processes killed.
    """

    def __init__(self, workers: int, settings: Settings, timeout: float) -> None:
        self.workers, self.settings, self.timeout = workers, settings, timeout
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=warm_up, initargs=(self.settings,))

    def submit(self, chunk: list[RawDoc]) -> Future[list[Record]]:
        """Queue a chunk; on a pool that broke meanwhile, a future that fails when its turn comes."""
        try:
            return self.executor.submit(process_batch, chunk, self.settings)
        except BrokenProcessPool as exc:
            failed: Future[list[Record]] = Future()
            failed.set_exception(exc)
            return failed

    def result(self, future: Future[list[Record]], docs: int) -> list[Record]:
        """The chunk's records; BrokenProcessPool when a worker died, or hung and was killed for it."""
        try:
            return future.result(timeout=self.timeout + docs)
        except FuturesTimeout:
            # ProcessPoolExecutor has no public way to stop a running task: end its processes, the pool breaks
            for proc in list(getattr(self.executor, "_processes", {}).values()):
                proc.kill()
            raise BrokenProcessPool("a document took longer than the time limit") from None

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

    def isolate(self, chunk: list[RawDoc]) -> Iterator[Record]:
        """Rerun a chunk whose worker died one document at a time; the document that kills or hangs a worker
        gets an error record."""
        for doc in chunk:
            try:
                yield from self.result(self.submit([doc]), 1)
            except BrokenProcessPool as exc:
                self.restart()
                yield Record(id=doc.id, error=f"worker process died while processing this document ({exc})", source=doc.source)


def run_pool(
    docs: Iterable[RawDoc],
    workers: int,
    settings: Settings = DEFAULT,
    chunksize: int = CHUNK,
    window: int | None = None,
    timeout: float = DOC_TIMEOUT,
) -> Iterator[Record]:
    """A process pool over chunks of documents, ordered output, at most `window` chunks in flight.

    A chunk may take `timeout` seconds plus one second per document before it counts as hung."""
    window = window or workers * WINDOW_PER_WORKER
    chunks = batched(docs, chunksize)
    pool = _Pool(workers, settings, timeout)
    pending: deque[tuple[list[RawDoc], Future[list[Record]]]] = deque()
    try:
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, pool.submit(chunk)))
            if not pending:
                pool.executor.shutdown(wait=True)
                return
            chunk, future = pending.popleft()
            try:
                records = pool.result(future, len(chunk))
            except BrokenProcessPool:
                pool.restart()
                yield from pool.isolate(chunk)
                pending = deque((c, pool.submit(c)) for c, _ in pending)
                continue
            yield from records
    finally:
        pool.close()


def run_dask(
    docs: Iterable[RawDoc],
    settings: Settings = DEFAULT,
    scheduler: str | None = None,
    workers: int = 1,
    chunksize: int = DASK_CHUNK,
    window: int | None = None,
) -> Iterator[Record]:
    """The same chunks on a Dask cluster (the one at `scheduler`, else a LocalCluster of `workers` processes), in order."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        client.run(warm_up, settings)
        window = window or 2 * max(sum(client.nthreads().values()), 1)
        pending: deque[tuple[list[RawDoc], Any]] = deque()
        for chunk in batched(docs, chunksize):
            # a chunk holding huge pages goes to the cluster as data, not inside the task graph
            payload = client.scatter([chunk])[0] if _chars(chunk) > SCATTER_CHARS else chunk
            pending.append((chunk, client.submit(process_batch, payload, settings, pure=False)))
            if len(pending) >= window:
                yield from _dask_result(client, *pending.popleft(), settings)
        while pending:
            yield from _dask_result(client, *pending.popleft(), settings)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _chars(chunk: list[RawDoc]) -> int:
    return sum(len(d.text or "") + len(d.html or "") for d in chunk)


def _dask_result(client: Any, chunk: list[RawDoc], future: Any, settings: Settings) -> list[Record]:
    """A chunk's records; when Dask gives up on it (KilledWorker after its retries), its documents one by one."""
    try:
        return list(future.result())
    except Exception:
        out = []
        for doc in chunk:
            try:
                out.extend(client.submit(process_batch, [doc], settings, pure=False).result())
            except Exception as exc:
                out.append(Record(id=doc.id, error=f"worker failed on this document: {type(exc).__name__}", source=doc.source))
        return out


def run(
    docs: Iterable[RawDoc], workers: int = 1, settings: Settings = DEFAULT, engine: str = "local", scheduler: str | None = None,
    background: bool = False,
) -> Iterator[Record]:
    """Dispatch on engine and workers: in-process, a process pool, or Dask; all yield one record per document, in order.

    `background` runs even a single worker in its own process, so that what the caller does with the records (the
    database writer of `kronik ingest`) overlaps with the pipeline instead of taking turns with it."""
    if engine == "dask":
        return run_dask(docs, settings, scheduler=scheduler, workers=workers)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}")
    if workers > 1:
        return run_pool(docs, workers, settings)
    if background:
        return run_pool(docs, 1, settings, window=BACKGROUND_WINDOW)
    return run_local(docs, settings)
