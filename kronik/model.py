"""The small typed data model passed from stage to stage.

RawDoc (readers) -> Page (parse) -> Cleaned (clean) -> Article (metadata, kronik.article) -> Event list (events)
-> Record (pipeline output). Every stage takes and returns these; nothing else crosses a module boundary.
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
class Head:
    """What an HTML page's markup says besides its text (meta tags, JSON-LD, <title>, <h1>); empty for plain text."""

    title: str | None = None
    """The headline its <title>, og:title, JSON-LD and <h1> agree on, site name stripped."""
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    """The page's own address (og:url or <link rel=canonical>), for pages read without one."""


@dataclass(slots=True)
class Page:
    """A document as text lines for the cleaner (parse stage): normalised, cut to size, with its HTML head."""

    id: str
    url: str | None = None
    lines: list[str] = field(default_factory=list)
    head: Head = field(default_factory=Head)
    extracted: bool = False
    """The lines are an extractor's main content of an HTML page (most page furniture already gone)."""
    reference_date: str | None = None


BODY, TITLE, META, CAPTION, BOILERPLATE, BLANK = "body", "title", "meta", "caption", "boilerplate", "blank"
"""The line labels of the clean stage (the gold files' labels, ANNOTATION.md section 4)."""


@dataclass(slots=True)
class Cleaned:
    """The clean stage's verdict on a page: a label per line, the body, the headline and the dateline."""

    language: str | None
    lines: list[str]
    labels: list[str]
    paragraphs: list[str]
    title: str | None = None
    title_at: int | None = None
    """Index of the headline line, when the headline is printed on the page."""
    dateline: str | None = None


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
    published_source: str | None = None
    """Where `published` was read: 'meta' (HTML meta tags/JSON-LD), 'dateline' (a date line on the page), 'url',
    'lead' (a reporting formula in the lead, e.g. 'dikutip dari AFP, Selasa (5/10/2021)'); None with no date."""

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
            "published_source": a.published_source,
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
            reference_date=d.get("reference_date"), published_source=d.get("published_source"),
        )
        events = [Event(**{k: v for k, v in e.items() if k in EVENT_FIELDS}) for e in d.get("events") or []]
        return cls(id=str(d["id"]), article=article, events=events, error=d.get("error"))
