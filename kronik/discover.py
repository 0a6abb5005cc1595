"""Article URLs from an outlet's listings: RSS/Atom feeds with feedparser, sitemaps (news sitemaps, sitemap indexes,
plain-text and gzipped sitemaps) with ultimate-sitemap-parser.

Both libraries read damaged XML as far as it goes; what they could not read is reported as the listing's problem,
and the URLs found before it are kept. Each URL comes with the date the listing gives it (a sitemap's lastmod, else
its news publication date; a feed entry's updated, else published), in UTC: a later date for a stored URL is how
`kronik watch` learns that an article changed. Dates without an offset are read in the outlet's home zone.
"""

from __future__ import annotations

import calendar
import gzip
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

from kronik.urls import normalize


@dataclass(slots=True)
class Listed:
    """A URL a listing gives, with the date it gives it (ISO 8601 UTC) if any."""

    url: str
    modified: str | None = None


@dataclass(slots=True)
class Listing:
    """What one feed or sitemap lists: pages, further sitemaps (of an index), and what could not be read."""

    pages: list[Listed] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    problem: str | None = None


def iso_utc(when: datetime | None, zone: tzinfo) -> str | None:
    """A datetime as ISO 8601 UTC to the second; a naive one is taken to be in `zone`."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _raw_date(text: str | None) -> datetime | None:
    """An RFC 822 or ISO 8601 date as written (naive when it has no offset), else None."""
    if not text:
        return None
    text = text.strip()
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _entry_date(entry: Any, zone: tzinfo) -> str | None:
    """The entry's updated (else published) date: as written when Python reads it (so a date without an offset is
    read in the outlet's zone), else feedparser's reading of it (UTC)."""
    for key in ("updated", "published"):  # `in` first: feedparser's get('updated') falls back to published, warning
        if key in entry and (when := _raw_date(entry[key])) is not None:
            return iso_utc(when, zone)
        if f"{key}_parsed" in entry and (parsed := entry[f"{key}_parsed"]) is not None:
            return iso_utc(datetime.fromtimestamp(calendar.timegm(parsed), UTC), zone)
    return None


def read_feed(body: bytes, url: str, zone: tzinfo) -> Listing:
    """The entries of an RSS or Atom feed (links resolved against the feed's URL)."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    listing = Listing()
    for entry in parsed.entries:
        link = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if link and (page := normalize(link, url)):
            listing.pages.append(Listed(page, _entry_date(entry, zone)))
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, feedparser.CharacterEncodingOverride):
        listing.problem = f"malformed feed ({type(exc).__name__}: {exc}); {len(listing.pages)} entries read"
    elif not parsed.entries and not parsed.get("version"):
        listing.problem = "not an RSS or Atom feed"
    return listing


class _Problems(logging.Handler):
    """Collects what ultimate-sitemap-parser logs about a sitemap it could not (wholly) read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "failed" in message or "No parsers" in message or "Unsupported" in message:
            self.messages.append(message.replace("http://usp-local-dummy.local/", "the sitemap"))


@contextmanager
def _usp_problems() -> Iterator[_Problems]:
    logger = logging.getLogger("usp")
    handler = _Problems()
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = propagate, level


def _gunzip(body: bytes, limit: int) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz served as a file), at most `limit` bytes of it."""
    unpack = zlib.decompressobj(wbits=31)
    out = unpack.decompress(body, limit + 1)
    if len(out) > limit:
        raise ValueError(f"larger than {limit} bytes once unpacked")
    if not unpack.eof:
        raise ValueError("the gzip data is cut off")
    return out


def read_sitemap(body: bytes, url: str, zone: tzinfo, limit: int = 50_000_000) -> Listing:
    """The pages (or, for an index, the sitemaps) a sitemap lists; XML urlsets with news extensions, indexes,
    plain-text lists, and RSS/Atom given as sitemaps, gzipped or not."""
    from usp.objects.sitemap import AbstractIndexSitemap, InvalidSitemap
    from usp.tree import sitemap_from_str

    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body, limit)
        except (zlib.error, ValueError, EOFError, gzip.BadGzipFile) as exc:
            return Listing(problem=f"bad gzip: {exc}")
    with _usp_problems() as problems:
        tree = sitemap_from_str(body.decode("utf-8", errors="replace"))
    listing = Listing()
    if isinstance(tree, InvalidSitemap):
        listing.problem = f"not a sitemap: {tree.reason.replace('http://usp-local-dummy.local/', 'the sitemap')}"
        return listing
    if isinstance(tree, AbstractIndexSitemap):
        listing.sitemaps = [u for sub in tree.sub_sitemaps if (u := normalize(sub.url, url))]
    else:
        for page in tree.all_pages():
            if target := normalize(page.url, url):
                story = page.news_story.publish_date if page.news_story is not None else None
                listing.pages.append(Listed(target, iso_utc(page.last_modified or story, zone)))
    if problems.messages:
        found = len(listing.sitemaps) or len(listing.pages)
        listing.problem = f"{problems.messages[0]}; {found} entries read"
    return listing
