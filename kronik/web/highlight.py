"""Marking evidence sentences and search words in article text, as (text, marked) segments.

Templates escape every segment and wrap marked ones in <mark>: the text itself never becomes HTML.
"""

from __future__ import annotations

import re

Segment = tuple[str, bool]


def _pattern(needle: str) -> re.Pattern[str] | None:
    """The needle's words with any whitespace between them: the body may wrap lines where the sentence did not."""
    words = needle.split()
    return re.compile(r"\s+".join(map(re.escape, words))) if words else None


def find_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Sorted, merged character spans of the needles in text (exact case first, then ignoring case)."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        pat = _pattern(needle)
        if pat is None:
            continue
        m = pat.search(text) or re.compile(pat.pattern, re.IGNORECASE).search(text)
        if m:
            spans.append(m.span())
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _segments(text: str, offset: int, spans: list[tuple[int, int]]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if e <= 0 or s >= len(text):
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[max(s, pos):e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def paragraphs(body: str, needles: list[str]) -> list[list[Segment]]:
    """The body's paragraphs (blank-line separated), each as segments with the needles marked."""
    spans = find_spans(body, needles)
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", body):
        text = m.group().strip()
        if text:
            out.append(_segments(text, m.start() + m.group().index(text), spans))
    return out


def snippet(text: str, query: str, width: int = 240) -> list[Segment]:
    """A window of text around the first query word, every query word marked; ellipses where cut.

    Words match whole (as the search index matches them), so "AS" does not light up inside "kerjasama".
    """
    words = re.findall(r"\w+", query)
    if not words or not text:
        return [(text[:width], False)] if text else []
    alternatives = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    pat = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    first = pat.search(text)
    start = max((first.start() if first else 0) - width // 3, 0)
    end = min(start + width, len(text))
    window = " ".join(text[start:end].split())
    segs = _segments(window, 0, [m.span() for m in pat.finditer(window)])
    if start > 0:
        segs.insert(0, ("… ", False))
    if end < len(text):
        segs.append((" …", False))
    return segs
