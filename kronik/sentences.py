"""Sentence splitting for Indonesian news paragraphs: sentencex ('id') with fixes for what it gets wrong.

sentencex already handles quotes, "dll." and "Sept. 2021"; before it we unglue sentences that lost their
space ("Korea Utara.Dalam") and after it we re-join splits after street, number and title abbreviations
("Jl. Sudirman No. 5", "Prof. H. Amin") that it treats as sentence ends.
"""

from __future__ import annotations

from sentencex import segment

from kronik import datafiles
from kronik.rx import Rx

ABBREVIATIONS: frozenset[str] = frozenset(
    w.strip() for w in datafiles.text("abbreviations_id.txt").splitlines()
    if w.strip() and not w.startswith("#")
)
"""Lower-cased abbreviations (without the final dot) after which a sentence does not end."""

_GLUED = Rx(r"([.!?])(?<=[a-z\)\]\"”%]{2}[.!?])(?=[A-Z][a-z])")
"""A sentence end with no space after it: 'Utara.Dalam' (a lower-case word, then a capitalised one). The mark comes
first in the pattern so that the search skips ahead to the next mark instead of trying every position."""
_LAST_WORD = Rx(r"(?:^|[\s(\"“])([A-Za-z][A-Za-z.]{0,7})\.\s*$")
_INITIAL = Rx(r"(?:^|\s)[A-Z]\.\s*$")


def _ends_with_abbreviation(sentence: str) -> bool:
    body = sentence.rstrip()
    if not body.endswith("."):
        return False
    # the word, its dot and the character before it are the last ten at most (an initial's, the last three): only
    # they are searched
    m = _LAST_WORD.search(sentence, max(0, len(body) - 10))
    return bool(m and (m.group(1).lower() in ABBREVIATIONS or _INITIAL.search(sentence, max(0, len(body) - 3))))


def split(text: str) -> list[str]:
    """The sentences of one paragraph, stripped, in order; empty input gives an empty list."""
    text = " ".join(text.split())  # every run of spaces (no-break and thin ones too) made one plain space
    if not text:
        return []
    text = _GLUED.sub(r"\1 ", text)
    out: list[str] = []
    for part in segment("id", text):
        part = part.strip()
        if not part:
            continue
        if out and _ends_with_abbreviation(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
