"""Language identification of whole documents with py3langid (lines alone confuse Indonesian and Malay)."""

from __future__ import annotations

import re
from typing import Any

LANGUAGES: tuple[str, ...] = (
    "id", "ms", "jv", "su", "tl", "en", "nl", "de", "fr", "es", "pt", "it", "ru", "uk", "pl",
    "ar", "fa", "tr", "zh", "ja", "ko", "th", "vi", "hi",
)
"""Candidate languages: Indonesian and its neighbours, plus the languages of foreign pages a crawl meets."""

MAX_CHARS = 10_000
"""Enough text for a stable decision; longer documents are cut for speed."""

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


def detect(text: str) -> str | None:
    """ISO 639-1 code of the document's language, or None when there are no letters to judge by."""
    sample = text[:MAX_CHARS]
    if len(_LETTER.findall(sample, 0, 2000)) < 20:
        return None
    lang, _ = _model().classify(sample)
    return str(lang)
