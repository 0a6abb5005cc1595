"""Executors keep *where* the per-document function runs apart from *what* it does.

`run_local` is the reference: the process pool and Dask must yield the same records in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kronik.model import RawDoc, Record
from kronik.pipeline import process
from kronik.settings import DEFAULT, Settings


def run_local(docs: Iterable[RawDoc], settings: Settings = DEFAULT) -> Iterator[Record]:
    """One core, in order."""
    for doc in docs:
        yield process(doc, settings)


def run(docs: Iterable[RawDoc], workers: int = 1, settings: Settings = DEFAULT) -> Iterator[Record]:
    """Dispatch on the number of workers."""
    return run_local(docs, settings)
