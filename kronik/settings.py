"""One settings object for the whole pipeline, so thresholds live in one place and can be overridden."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Tunable limits and thresholds; the defaults are what the dev set and benchmarks were measured with."""

    max_bytes: int = 20_000_000
    """Documents larger than this are cut to it before cleaning (an error note is kept on the record)."""
    html_extractor: str = "auto"
    """Main-content extractor for HTML (kronik.htmltext.EXTRACTORS): 'auto' is resiliparse with trafilatura when its
    output fails the sanity checks; 'resiliparse' or 'trafilatura' force one (the cleaning benchmark compares them)."""
    min_body_chars: int = 1
    code_languages: tuple[str, ...] = ("id", "ms")
    """Languages whose articles go through the event coder; others are cleaned and marked only."""
    near_duplicate_threshold: float = 0.9
    """Jaccard similarity (MinHash estimate) at which two articles are one syndicated article."""
    event_cluster_days: int = 1
    """Two event mentions with the same actors, type and status are one event if their dates lie this close."""
    event_cluster_undated_days: int = 7
    """An undated mention (or one dated only to a year) stands for the days this far before its report."""
    event_cluster_max_span_days: int = 31
    """Date spans longer than this are too coarse to compare; the report date is used instead."""
    near_duplicate_shingle: int = 5
    """Words per shingle when comparing article bodies for near-duplicates."""
    near_duplicate_min_words: int = 25
    """Bodies shorter than this are never near-duplicates: two stubs alike say nothing about syndication."""
    minhash_perm: int = 128
    """MinHash permutations per body signature (the LSH bands are derived from this and the threshold)."""
    ingest_batch_size: int = 200
    """Documents written per database transaction by `kronik ingest`."""


DEFAULT = Settings()
