"""Polite HTTP for `kronik watch`, with httpx (HTTP/2 where offered, gzip and brotli) and protego (robots.txt).

Per host: robots.txt read first (RFC 9309: a 4xx means no rules, a 5xx or no answer means stay away this round),
one request at a time, and `delay` seconds (or the robots.txt Crawl-delay / Request-rate, if longer) between the end
of one request and the start of the next. Redirects are followed by hand, so each hop is checked against its own
host's robots.txt, waits its turn and is archived. A 429 or 503 names a time to come back (Retry-After, else a
doubling backoff) instead of blocking the crawl of other hosts. Responses are streamed and cut at `max_bytes`, and a
response that takes longer than `timeout` in all is abandoned. Every response received goes to the archive.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from protego import Protego

from kronik.archive import Archive, Exchange
from kronik.sources import WatchConfig
from kronik.urls import normalize

REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_MAX_BYTES = 500 * 1024
"""robots.txt is read up to this size (RFC 9309 asks crawlers to read at least 500 KiB)."""
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
LISTING_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"


@dataclass(slots=True)
class Fetched:
    """What came of asking for one URL (after redirects)."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    crawled_at: str | None = None
    """The WARC-Date of the response (the page's crawled_at)."""
    warc: str | None = None
    """The archive file holding the response."""
    error: str | None = None
    transient: bool = False
    """The failure may pass (5xx, timeout, connection error, a stop): try again in a later round."""
    wait: float | None = None
    """Seconds a 429/503 answer asked to wait (Retry-After)."""
    retry_at: float | None = None
    """429/503 with retries left: ask again at this time.monotonic() value."""

    @property
    def html(self) -> bool:
        """An HTML page (the same test as kronik's WARC reader: 'html' in the Content-Type)."""
        return "html" in self.content_type.lower()

    @property
    def page(self) -> bool:
        """A page to ingest: a 200 answer with an HTML body read whole."""
        return self.status == 200 and self.error is None and self.html


@dataclass(slots=True)
class _Host:
    delay: float
    next_at: float = 0.0
    robots: Protego | None = None
    robots_read: bool = False
    blocked: str | None = None
    """Why every URL of the host is off limits this round (robots.txt unreachable or answered 5xx/429)."""
    backoff: dict[str, int] = field(default_factory=dict)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """One crawl's HTTP client: politeness state per host, robots.txt per host, the archive for every response."""

    def __init__(self, config: WatchConfig, archive: Archive | None, stop: threading.Event | None = None) -> None:
        self.config, self.archive = config, archive
        self.stop = stop or threading.Event()
        self.client = httpx.Client(http2=True, follow_redirects=False,
                                   timeout=httpx.Timeout(config.timeout),
                                   headers={"User-Agent": config.agent(), "Accept-Language": "id,en;q=0.5"})
        self.hosts: dict[str, _Host] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        if key not in self.hosts:
            self.hosts[key] = _Host(delay=self.config.delay)
        return self.hosts[key]

    def ready_at(self, url: str) -> float:
        """When the URL's host may next be asked (a time.monotonic() value)."""
        return self._host(url).next_at

    # ------------------------------------------------------------------ robots.txt

    def allowed(self, url: str) -> str | None:
        """None when robots.txt lets kronik fetch the URL, else why not."""
        host = self._host(url)
        if not host.robots_read and not self._read_robots(host_key(url), host):
            return "stopped"
        if host.blocked:
            return host.blocked
        if host.robots is not None and not host.robots.can_fetch(url, self.config.robots_token):
            return "disallowed by robots.txt"
        return None

    def _read_robots(self, key: str, host: _Host) -> bool:
        """Read a host's robots.txt (its first ROBOTS_MAX_BYTES); False when a stop came first."""
        got = self._get(f"{key}/robots.txt", {}, "text/plain,*/*;q=0.5", robots=False, limit=ROBOTS_MAX_BYTES)
        if got.error == "stopped":
            return False
        host.robots_read = True
        status = got.status or 0
        if got.status is None:
            host.blocked = f"robots.txt unreachable ({got.error}): the host is skipped this round"
        elif status >= 500 or status == 429:
            host.blocked = f"robots.txt answered HTTP {status}: the host is skipped this round"
        elif 200 <= status < 300:
            host.robots = Protego.parse(got.body.decode("utf-8", errors="replace"))
            delay = host.robots.crawl_delay(self.config.robots_token) or 0.0
            rate = host.robots.request_rate(self.config.robots_token)
            if rate is not None and rate.requests:
                delay = max(delay, rate.seconds / rate.requests)
            if delay > host.delay:  # the request for robots.txt itself already counts against the longer delay
                host.next_at += delay - host.delay
                host.delay = float(delay)
        return True

    # ------------------------------------------------------------------ requests

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None, listing: bool = False) -> Fetched:
        """Ask for a URL (conditionally when validators are given), following redirects within the limit."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, LISTING_ACCEPT if listing else PAGE_ACCEPT, robots=True, limit=self.config.max_bytes)

    def _wait(self, host: _Host) -> bool:
        """Sleep until the host may be asked; False when a stop came meanwhile."""
        while (left := host.next_at - time.monotonic()) > 0:
            if self.stop.wait(left):
                return False
        return not self.stop.is_set()

    def _get(self, url: str, headers: dict[str, str], accept: str, robots: bool, limit: int) -> Fetched:
        current = url
        for _ in range(self.config.max_redirects + 1):
            host = self._host(current)
            if robots and (why := self.allowed(current)):
                return Fetched(url, current, error=why, transient=why == "stopped" or why.startswith("robots.txt"))
            if not self._wait(host):
                return Fetched(url, current, error="stopped", transient=True)
            got = self._once(url, current, {**headers, "Accept": accept}, limit)
            host.next_at = time.monotonic() + host.delay
            status = got.status or 0
            if status in (429, 503):
                return self._come_back(got, host, current)
            host.backoff.pop(current, None)
            if status in REDIRECTS and got.final_url != current:
                current = got.final_url
                continue
            return got
        return Fetched(url, current, error=f"more than {self.config.max_redirects} redirects")

    def _come_back(self, got: Fetched, host: _Host, current: str) -> Fetched:
        """A 429 or 503: ask again after Retry-After (else a doubling backoff) while tries are left in this round."""
        tries = host.backoff.get(current, 0)
        wait = got.wait if got.wait is not None else self.config.backoff * 2 ** tries
        got.error, got.transient = f"HTTP {got.status} (come back in {wait:g} s)", True
        if tries < self.config.retries and wait <= self.config.max_retry_after:
            host.backoff[current] = tries + 1
            host.next_at = max(host.next_at, time.monotonic() + wait)
            got.retry_at = host.next_at
        else:
            host.backoff.pop(current, None)
        return got

    def _once(self, url: str, current: str, headers: dict[str, str], limit: int) -> Fetched:
        """One request; the response (cut at `limit` bytes) goes to the archive."""
        start = time.monotonic()
        try:
            with self.client.stream("GET", current, headers=headers) as r:
                date = datetime.now(UTC)
                body, truncated = self._read(r, limit, start)
                ex = Exchange(url=current, method="GET", request_target=r.request.url.raw_path.decode("ascii"),
                              request_headers=list(r.request.headers.raw), http_version=r.http_version,
                              status=r.status_code, reason=r.reason_phrase, headers=list(r.headers.raw),
                              payload=b"" if truncated else body, truncated=truncated, ip=_peer(r), date=date)
        except httpx.TimeoutException:
            return Fetched(url, current, error=f"no answer within {self.config.timeout:g} s", transient=True)
        except (httpx.HTTPError, OSError) as exc:
            return Fetched(url, current, error=f"{type(exc).__name__}: {exc}"[:300], transient=True)
        crawled_at, warc = self.archive.write(ex) if self.archive is not None else (ex.warc_date, None)
        got = Fetched(url, current, status=r.status_code, content_type=r.headers.get("content-type", ""), body=body,
                      etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"), crawled_at=crawled_at,
                      warc=warc)
        if truncated:
            got.error = f"larger than {limit} bytes"
        elif r.status_code in REDIRECTS:
            location = normalize(r.headers.get("location", ""), current)
            if location is None:
                got.error = f"HTTP {r.status_code} without a usable Location"
            else:
                got.final_url = location
        elif r.status_code in (429, 503):
            got.wait = retry_after(r.headers.get("retry-after"))
        elif r.status_code >= 500:
            got.error, got.transient = f"HTTP {r.status_code}", True
        elif r.status_code not in (200, 304):
            got.error = f"HTTP {r.status_code}"
        return got

    def _read(self, r: httpx.Response, limit: int, start: float) -> tuple[bytes, bool]:
        """The decoded body and False, or its first `limit` bytes and True when it is larger (robots.txt is read
        from them; a page is not). A response slower than the timeout in all is abandoned (a server trickling bytes
        would never trip the per-read timeout)."""
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return b"", True
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            chunks.append(chunk)
            if size > limit:
                return b"".join(chunks)[:limit], True
            if time.monotonic() - start > self.config.timeout:
                raise httpx.ReadTimeout("response took longer than the timeout", request=r.request)
        return b"".join(chunks), False


def _peer(r: httpx.Response) -> str | None:
    """The server's IP address, when the transport tells it."""
    stream = r.extensions.get("network_stream")
    try:
        addr = stream.get_extra_info("server_addr") if stream is not None else None
    except Exception:
        return None
    return str(addr[0]) if addr else None
