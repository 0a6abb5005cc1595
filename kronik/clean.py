"""Cleaning stage (placeholder until the cleaner lands): RawDoc -> Article."""

from __future__ import annotations

from kronik.model import Article, RawDoc
from kronik.settings import Settings


def clean(raw: RawDoc, settings: Settings) -> Article:
    """Keep every non-empty line as a paragraph."""
    text = raw.text or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return Article(id=raw.id, url=raw.url, language="id", paragraphs=paragraphs)
