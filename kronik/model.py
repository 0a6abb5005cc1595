"""The small typed data model passed from stage to stage.

RawDoc (readers) -> Article (clean) -> Event list (events) -> Record (pipeline output).
Every stage takes and returns these; nothing else crosses a module boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class RawDoc:
    """One input document as a reader found it, before any cleaning."""

    id: str
    url: str | None = None
    text: str | None = None
    html: str | None = None
    crawled_at: str | None = None
    source: str = ""
    error: str | None = None


@dataclass(slots=True)
class Article:
    """The article's own text and metadata, as the cleaner found them."""

    id: str
    url: str | None = None
    language: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    dateline: str | None = None
    reference_date: str | None = None

    @property
    def body(self) -> str:
        """Paragraphs separated by a blank line, as the output contract asks."""
        return "\n\n".join(self.paragraphs)


@dataclass(slots=True)
class Event:
    """One coded event; the first ten fields are the output contract's, the rest serve GDELT-style users."""

    actors: list[str]
    recipients: list[str]
    type: str
    mode: str | None = None
    status: str = "occurred"
    date: str | None = None
    location: str | None = None
    sentence: str = ""
    actor_text: str | None = None
    recipient_text: str | None = None
    quad: str | None = None
    cameo: str | None = None
    intensity: float | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
"""Event's fields in declaration order: the keys of an event in the output record."""


@dataclass(slots=True)
class Record:
    """What the pipeline yields for one input document: an article with events, or an error."""

    id: str
    article: Article | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (ANNOTATION.md section 2), or an error record."""
        if self.article is None:
            return {"id": self.id, "error": self.error or "unknown error", "source": self.source}
        a = self.article
        out: dict[str, Any] = {
            "id": self.id,
            "url": a.url,
            "language": a.language,
            "outlet": a.outlet,
            "title": a.title,
            "authors": list(a.authors),
            "published": a.published,
            "updated": a.updated,
            "body": a.body,
            "dateline": a.dateline,
            "reference_date": a.reference_date,
            "events": [{name: getattr(e, name) for name in EVENT_FIELDS} | {"actors": list(e.actors), "recipients": list(e.recipients)}
                       for e in self.events],
        }
        if self.error:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Inverse of to_dict, for records that travel as JSON (Parquet partitions, JSONL output)."""
        if "body" not in d:
            return cls(id=str(d["id"]), error=d.get("error"), source=d.get("source", ""))
        article = Article(
            id=str(d["id"]), url=d.get("url"), language=d.get("language"), outlet=d.get("outlet"), title=d.get("title"),
            authors=list(d.get("authors") or []), published=d.get("published"), updated=d.get("updated"),
            paragraphs=[p for p in (d.get("body") or "").split("\n\n") if p], dateline=d.get("dateline"),
            reference_date=d.get("reference_date"),
        )
        events = [Event(**{k: v for k, v in e.items() if k in EVENT_FIELDS}) for e in d.get("events") or []]
        return cls(id=str(d["id"]), article=article, events=events, error=d.get("error"))
