"""Language identification of whole documents with py3langid (lines alone confuse Indonesian and Malay)."""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from typing import Any

import numpy as np

LANGUAGES: tuple[str, ...] = (
    "id", "ms", "jv", "su", "tl", "en", "nl", "de", "fr", "es", "pt", "it", "ru", "uk", "pl",
    "ar", "fa", "tr", "zh", "ja", "ko", "th", "vi", "hi",
)
"""Candidate languages: Indonesian and its neighbours, plus the languages of foreign pages a crawl meets."""

MAX_CHARS = 1_200
"""Enough prose for a stable decision: on the dev, corpus and HTML-benchmark pages 1,200 characters of prose
give the same language as 10,000 (800 turned one Indonesian page Malay); more only costs time."""
MIN_SAMPLE = 200
"""Below this much prose, the whole start of the document is classified instead."""

MIN_LETTERS = 20
"""Fewer letters than this in the sample: nothing to judge by."""

_LETTER = re.compile(r"[^\W\d_]")

DFA_DEPTH = 6
"""Length of the longest byte n-gram in py3langid's tokeniser automaton (its states' greatest distance from the
start state): the state after any byte is the state reached from the start by the last DFA_DEPTH bytes alone."""


class _Model:
    """py3langid's model as NumPy arrays, so that its tokeniser walk runs over all bytes at once instead of one
    byte at a time in Python (a tenth of the pipeline's time); same features, same order, same scores."""

    def __init__(self, ident: Any) -> None:
        self.nextmove = np.frombuffer(ident.tk_nextmove, dtype=f"u{ident.tk_nextmove.itemsize}")
        self.rowbase = np.asarray(ident._rowbase, dtype=np.intp)
        self.output = np.asarray(ident.tk_output, dtype=np.intp)
        self.ptc = np.ascontiguousarray(ident.nb_ptc, dtype=np.float32)
        """Feature-by-language log-probabilities, widened from float16 (exactly) and stored row by row: a page's rows
        are gathered whole and go to the product without conversion (scoring takes a sixth of the time; 4.6 MB more)."""
        self.pc, self.classes = ident.nb_pc, list(ident.nb_classes)
        assert not ident._alias_pairs, "no aliased labels among LANGUAGES"

    def features(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(feature ids, counts) in order of first occurrence, as py3langid's visit_counts gives them."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        state = np.zeros(len(text), dtype=np.intp)
        for back in range(min(DFA_DEPTH, len(text)) - 1, -1, -1):
            state[back:] = self.nextmove[self.rowbase[state[back:]] + text[: len(text) - back]]
        found = self.output[state]
        found = found[found >= 0]
        ids, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return ids[order], counts[order]

    def classify(self, text: str) -> str:
        """py3langid's LanguageIdentifier.classify(text)[0] (raw scores, no aliases)."""
        if text.isupper():
            text = text.lower()
        ids, counts = self.features(unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass"))
        if not len(ids):
            return self.classes[0]  # py3langid scores a featureless text the same for every class
        scores = np.log1p(counts.astype(np.float32)) @ self.ptc.take(ids, axis=0) + self.pc
        return str(self.classes[int(scores.argmax())])


_identifier: _Model | None = None


def _model() -> _Model:
    """The py3langid model, loaded once per process on first use (it takes about half a second)."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
        ident.set_languages([lang for lang in LANGUAGES if lang in set(ident.nb_classes)])
        _identifier = _Model(ident)
    return _identifier


def _sample(text: str) -> str:
    """The document's longer lines (its prose, not its menus) up to MAX_CHARS; the whole start if it has none."""
    picked: list[str] = []
    size = 0
    for line in text[: MAX_CHARS * 4].split("\n"):
        if line.count(" ") >= 7:
            picked.append(line)
            size += len(line)
            if size >= MAX_CHARS:
                break
    return "\n".join(picked)[:MAX_CHARS] if size >= MIN_SAMPLE else text[:MAX_CHARS]


def detect(text: str) -> str | None:
    """ISO 639-1 code of the document's language, or None when there are no letters to judge by."""
    sample = _sample(text)
    if next(islice(_LETTER.finditer(sample, 0, 2000), MIN_LETTERS - 1, None), None) is None:  # stops at the 20th
        return None
    return _model().classify(sample)
