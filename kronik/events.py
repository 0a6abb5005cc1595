"""Event coding stage (placeholder until the coder lands): Article -> list[Event]."""

from __future__ import annotations

from kronik.model import Article, Event
from kronik.settings import Settings


def code_events(article: Article, settings: Settings) -> list[Event]:
    """No events yet."""
    return []
