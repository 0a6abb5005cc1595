"""Near-duplicate detection (syndicated copies), as pure functions: word shingles, MinHash signatures, LSH band
buckets and the exact Jaccard similarity that decides. The store keeps the buckets and the links."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from functools import lru_cache

from kronik.settings import Settings

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, the unit of both shingles and the search index."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of a body; a body shorter than n words is one shingle."""
    words = tokens(text)
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def comparable(text: str, settings: Settings) -> set[bytes]:
    """The shingles a body is compared by; empty for a body too short to say anything about syndication."""
    if len(tokens(text)) < settings.near_duplicate_min_words:
        return set()
    return shingles(text, settings.near_duplicate_shingle)


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=4)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band: the widest bands that still make a pair at the threshold a candidate with
    probability >= 0.99 (candidates are then verified against the threshold, so recall is what matters here)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= 0.99:
            return bands, rows
    return num_perm, 1


def minhashes(shingle_sets: Sequence[set[bytes]], settings: Settings) -> list[bytes | None]:
    """MinHash signatures (uint32 bytes) of shingle sets; None for an empty set.

    Shingles are hashed with CRC-32 (C speed) before MinHash's random permutations; SHA-1, the default, is
    twice as slow and buys nothing here."""
    from datasketch import MinHash

    found = MinHash.bulk([list(s) for s in shingle_sets if s], num_perm=settings.minhash_perm, hashfunc=zlib.crc32)
    it = iter(found)
    return [next(it).hashvalues.astype("<u4").tobytes() if s else None for s in shingle_sets]


def band_buckets(signature: bytes, settings: Settings) -> list[int]:
    """One bucket hash per LSH band: articles sharing any bucket are near-duplicate candidates."""
    bands, rows = lsh_params(settings.near_duplicate_threshold, settings.minhash_perm)
    width = rows * 4
    return [int.from_bytes(hashlib.blake2b(signature[i * width : (i + 1) * width], digest_size=8).digest(), "little")
            for i in range(bands)]
