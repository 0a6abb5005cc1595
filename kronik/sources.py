"""The sources file of `kronik watch` (TOML): how to crawl, and one [[source]] table per outlet.

    [watch]                      # all optional; the defaults are WatchConfig's
    contact = "mailto:me@example.org"
    delay = 1.0

    [[source]]
    name = "antaranews"          # required, unique
    zone = "Asia/Jakarta"        # the outlet's home time zone (IANA name), for dates without an offset
    feeds = ["https://.../rss/terkini.xml"]
    sitemaps = ["https://.../sitemap-news.xml"]      # news sitemaps or sitemap indexes
    include = ['/berita/\\d+/']  # regexes (searched in the URL); when given, an article URL must match one
    exclude = ['/video/']        # regexes; an URL matching one is never fetched

A mistake in the file is a SourcesError naming the entry and the key, raised before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kronik import __version__
from kronik.settings import DEFAULT

DEFAULT_ZONE = "Asia/Jakarta"
"""WIB, the home zone of most Indonesian outlets."""


class SourcesError(ValueError):
    """The sources file cannot be used; the message names the entry and the key."""


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How `kronik watch` crawls; every value can be set in the [watch] table of the sources file."""

    contact: str = ""
    """A URL or mailto: address appended to the User-Agent, so a site's operators can reach whoever runs the crawl."""
    user_agent: str = ""
    """The whole User-Agent header, replacing the default `kronik/VERSION (+CONTACT)`; keep 'kronik' in it."""
    robots_token: str = "kronik"
    """The name robots.txt rules are matched against."""
    delay: float = 1.0
    """Seconds between the end of one request to a host and the start of the next (robots.txt's Crawl-delay wins when longer)."""
    timeout: float = 30.0
    """Seconds to wait for a connection, for each read, and for a whole response."""
    max_bytes: int = 5_000_000
    """Largest page or listing read (after decompression); a larger one is archived without its body and not ingested."""
    max_redirects: int = 5
    """Redirects followed from one URL."""
    retries: int = 2
    """Further tries of a URL in the same round after a 429 or 503."""
    backoff: float = 5.0
    """Seconds before the first retry when the server gives no Retry-After (doubled each time)."""
    max_retry_after: float = 600.0
    """Longest wait honoured within a round; a later Retry-After leaves the URL for the next round."""
    max_attempts: int = 3
    """Rounds in which a page may fail (5xx, timeout, connection error) before it is given up."""
    max_pages: int = 500
    """Pages fetched per source per round; the rest wait for the next round (a first round on a deep sitemap)."""
    max_sitemaps: int = 50
    """Sitemaps read per source per round (an index and the sitemaps it lists)."""
    batch: int = DEFAULT.ingest_batch_size
    """Fetched pages stored at a time, in one ingest (the database is held only while they are coded and written);
    fewer when they hold more than BATCH_BYTES or the first of them has waited flush_seconds."""
    flush_seconds: float = 60.0
    """Fetched pages are written at the latest this long after the first of them, so they reach the dashboard."""

    def agent(self) -> str:
        """The User-Agent header."""
        if self.user_agent:
            return self.user_agent
        contact = f"; +{self.contact}" if self.contact else ""
        return f"kronik/{__version__} (news event coder{contact})"


@dataclass(frozen=True, slots=True)
class Source:
    """One outlet: where its new articles are listed and which URLs are articles."""

    name: str
    zone: str = DEFAULT_ZONE
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    hosts: tuple[str, ...] = ()
    """Hosts its articles may be on (default: the hosts of its feeds and sitemaps); subdomains count."""

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def wants(self, url: str) -> bool:
        """An article URL of this outlet: on one of its hosts, matching `include` (when given), not `exclude`."""
        host = (urlsplit(url).hostname or "").lower()
        if not any(host == h or host.endswith("." + h) for h in self.hosts):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


def _site(host: str) -> str:
    """A listing's host without a leading www./rss./feed(s)./m., so that articles on the bare domain count."""
    return re.sub(r"^(www|rss|feeds?|m|sitemap)\.", "", host.lower())


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _urls(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    urls = _strings(entry, key, where)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where}: '{key}' holds {url!r}, which is not an http(s) URL")
    return urls


def _patterns(entry: dict[str, Any], key: str, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for text in _strings(entry, key, where):
        try:
            out.append(re.compile(text))
        except re.error as exc:
            raise SourcesError(f"{where}: '{key}' pattern {text!r} is not a regular expression: {exc}") from None
    return tuple(out)


def _source(entry: Any, n: int) -> Source:
    where = f"[[source]] #{n}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: 'name' is missing")
    where = f"source {name!r}"
    known = {f.name for f in fields(Source)}
    if unknown := sorted(set(entry) - known):
        raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    zone = entry.get("zone", DEFAULT_ZONE)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise SourcesError(f"{where}: 'zone' {zone!r} is not an IANA time zone such as Asia/Jakarta") from None
    feeds, sitemaps = _urls(entry, "feeds", where), _urls(entry, "sitemaps", where)
    if not feeds and not sitemaps:
        raise SourcesError(f"{where}: give at least one of 'feeds' and 'sitemaps'")
    hosts = _strings(entry, "hosts", where) or tuple(dict.fromkeys(_site(urlsplit(u).hostname or "") for u in (*feeds, *sitemaps)))
    return Source(name=name.strip(), zone=zone, feeds=feeds, sitemaps=sitemaps, include=_patterns(entry, "include", where),
                  exclude=_patterns(entry, "exclude", where), hosts=tuple(h.lower() for h in hosts))


def _config(table: Any) -> WatchConfig:
    if not isinstance(table, dict):
        raise SourcesError("[watch]: not a table")
    config = WatchConfig()
    types = {f.name: type(getattr(config, f.name)) for f in fields(WatchConfig)}
    if unknown := sorted(set(table) - set(types)):
        raise SourcesError(f"[watch]: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(types))})")
    values: dict[str, Any] = {}
    for key, value in table.items():
        want = types[key]
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool):
            raise SourcesError(f"[watch]: '{key}' must be a {want.__name__}")
        if (want in (int, float) and value < 0) or (key in ("max_bytes", "batch", "max_attempts", "timeout") and value <= 0):
            raise SourcesError(f"[watch]: '{key}' must be positive")
        values[key] = value
    return replace(config, **values)


def load(path: str | Path) -> tuple[WatchConfig, list[Source]]:
    """Read and check a sources file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path} is not valid TOML: {exc}") from None
    if unknown := sorted(set(data) - {"watch", "source"}):
        raise SourcesError(f"unknown table(s) {', '.join(unknown)}: the file holds [watch] and [[source]] tables")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError("no [[source]] tables: nothing to watch")
    sources = [_source(e, n) for n, e in enumerate(entries, 1)]
    names = [s.name for s in sources]
    if dupes := sorted({n for n in names if names.count(n) > 1}):
        raise SourcesError(f"source name(s) used twice: {', '.join(dupes)}")
    return _config(data.get("watch", {})), sources
