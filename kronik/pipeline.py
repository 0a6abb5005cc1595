"""The per-document function: RawDoc -> Record. Pure, picklable, and the same on every executor."""

from __future__ import annotations

from kronik.model import Article, RawDoc, Record
from kronik.settings import DEFAULT, Settings


def read_article(raw: RawDoc, settings: Settings = DEFAULT) -> Article:
    """One way through for a page: parse (lines and head) -> clean (labels, body) -> metadata (Article)."""
    from kronik import clean, meta, parse

    page = parse.parse(raw, settings)
    return meta.article(page, clean.clean(page))


def process(raw: RawDoc, settings: Settings = DEFAULT) -> Record:
    """Clean one document and code its events; any failure becomes an error record, never an exception."""
    if raw.error:
        return Record(id=raw.id, error=raw.error, source=raw.source)
    try:
        from kronik.events import code_events

        article = read_article(raw, settings)
        events = code_events(article, settings) if article.language in settings.code_languages else []
        return Record(id=raw.id, article=article, events=events, source=raw.source)
    except Exception as exc:
        return Record(id=raw.id, error=f"{type(exc).__name__}: {exc}", source=raw.source)
