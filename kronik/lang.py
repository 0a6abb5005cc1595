"""Language identification of whole documents with py3langid (lines alone confuse Indonesian and Malay)."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

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
_identifier: Any = None


def _model() -> Any:
    """The py3langid model, loaded once per process on first use (it takes about half a second)."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
        ident.set_languages([lang for lang in LANGUAGES if lang in set(ident.nb_classes)])
        _identifier = ident
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
    lang, _ = _model().classify(sample)
    return str(lang)
