"""A news site on 127.0.0.1 for trying `kronik watch` offline, its tests and its benchmark.

Articles are kronik.generate's synthetic Indonesian pages rendered as HTML; an RSS feed lists the first half of
them, a sitemap index lists two news sitemaps (the first and second half), robots.txt disallows /rahasia/. Feeds,
sitemaps and articles carry ETag and Last-Modified and answer conditional requests with 304; pages are sent gzipped
and listings brotli-compressed to a client that accepts it. With `faults`, the listings also give what a crawler
must survive: a disallowed page, a redirect, a redirect loop, a page answering 429 with Retry-After once, a page
always answering 500, a page slower than any sane timeout, a page larger than the test's size limit once unpacked,
a JSON document at an article-like URL, a malformed sitemap, a tag page and a page on another host. Every request
is logged (arrival and end time, path, status, request headers) for the tests to check.

    python -m kronik.newssite --pages 50 --port 8800     # then: kronik watch <printed sources file> --once
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kronik.generate import page_lines

BASE_TIME = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)
"""The site's articles are published a minute apart from this time on (10:00 WIB)."""
UPDATE_NOTE = ("Pembaruan: kedua pihak dijadwalkan bertemu kembali bulan depan untuk menindaklanjuti hasil pembicaraan "
               "tersebut, kata seorang pejabat yang mengetahui rencana itu.")
FAULT_PAGES = {
    "/rahasia/dokumen-internal": "disallowed by robots.txt: must never be requested",
    "/lama/pindah-alamat": "301 to /berita/pindah-alamat",
    "/lama/berputar": "302 to /lama/berputar-lagi, which redirects back: a loop",
    "/berita/antre-dulu": "429 with Retry-After: 1 on the first request, then the article",
    "/berita/galat-server": "always 500",
    "/berita/lambat-sekali": "answers after `slow` seconds",
    "/berita/raksasa": "larger than `huge` bytes",
    "/berita/data-ekspor": "a JSON document",
    "/tag/politik": "a tag page: not an article",
}
OFF_SITE = "https://situs-lain.example/berita/bukan-milik-kita"


@dataclass(slots=True)
class Hit:
    """One request the site received."""

    start: float
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    end: float = 0.0


@dataclass(slots=True)
class _Article:
    slug: str
    index: int
    modified: datetime
    extra: list[str] = field(default_factory=list)


def render(lines: list[tuple[str, str]], url: str, published: datetime, extra: list[str]) -> str:
    """A generated page as an outlet's HTML: menus and footer around an <article> with headline, date line, byline,
    caption and paragraphs."""
    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    title = next(text for label, text in lines if label == "title")
    head_seen, parts = False, []
    for label, text in lines:
        if label == "title":
            head_seen = True
            parts.append(f"<h1>{esc(text)}</h1>")
        elif label == "meta":
            parts.append(f'<div class="byline">{esc(text)}</div>')
        elif label == "caption":
            parts.append(f"<figure><figcaption>{esc(text)}</figcaption></figure>")
        elif label == "body":
            parts.append(f"<p>{esc(text)}</p>")
        elif head_seen:
            parts.append(f'<div class="related">{esc(text)}</div>')
        else:
            parts.append(f"<nav>{esc(text)}</nav>")
    parts += [f"<p>{esc(text)}</p>" for text in extra]
    return (f'<!doctype html>\n<html lang="id"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta property="og:title" content="{esc(title)}"><link rel="canonical" href="{esc(url)}">'
            f'<meta property="article:published_time" content="{published.isoformat()}"></head>\n'
            f'<body><article>{"".join(parts)}</article></body></html>\n')


class NewsSite:
    """The site: start() it (or use it as a context manager), read `url` and `log`, `change()` an article."""

    def __init__(self, pages: int = 20, seed: int = 0, faults: bool = False, crawl_delay: float | None = None,
                 slow: float = 5.0, huge: int = 300_000) -> None:
        self.seed, self.faults, self.crawl_delay, self.slow, self.huge = seed, faults, crawl_delay, slow, huge
        self.articles = {f"/berita/{seed}-{i:05d}": _Article(f"{seed}-{i:05d}", i, BASE_TIME + timedelta(minutes=i))
                         for i in range(pages)}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._told_to_wait: set[str] = set()
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    # ------------------------------------------------------------------ content

    def change(self, path: str) -> None:
        """Add a paragraph to an article and list it a day later: what an outlet's correction looks like."""
        with self._lock:
            article = self.articles[path]
            article.extra.append(UPDATE_NOTE)
            article.modified += timedelta(days=1)

    def article_html(self, path: str) -> str:
        a = self.articles[path]
        return render(page_lines(a.index, self.seed), self.url + path, BASE_TIME + timedelta(minutes=a.index), a.extra)

    def _listed(self, half: int | None) -> list[tuple[str, datetime]]:
        items = sorted(self.articles.items(), key=lambda kv: kv[1].index)
        mid = (len(items) + 1) // 2
        chosen = items if half is None else items[:mid] if half == 0 else items[mid:]
        return [(self.url + path, a.modified) for path, a in chosen]

    def _fault_urls(self, where: str) -> list[str]:
        """Fault pages listed in the feed ('feed') or in the first news sitemap ('sitemap')."""
        if not self.faults:
            return []
        paths = list(FAULT_PAGES)
        mine = paths[::2] if where == "feed" else paths[1::2]
        return [self.url + p for p in mine] + ([OFF_SITE] if where == "feed" else [])

    def feed(self) -> str:
        items = [f"<item><title>Berita {n}</title><link>{html.escape(u)}</link><pubDate>{format_datetime(m)}</pubDate></item>"
                 for n, (u, m) in enumerate(self._listed(0))]
        items += [f"<item><title>Lain</title><link>{html.escape(u)}</link></item>" for u in self._fault_urls("feed")]
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Warta Contoh</title>'
                f'<link>{self.url}/</link><description>Berita terkini</description>{"".join(items)}</channel></rss>\n')

    def sitemap_index(self) -> str:
        names = ["sitemap-berita-1.xml", "sitemap-berita-2.xml"] + (["sitemap-rusak.xml"] if self.faults else [])
        entries = "".join(f"<sitemap><loc>{self.url}/{n}</loc></sitemap>" for n in names)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n')

    def news_sitemap(self, half: int) -> str:
        urls = [f"<url><loc>{html.escape(u)}</loc><lastmod>{m.isoformat()}</lastmod><news:news><news:publication>"
                f"<news:name>Warta Contoh</news:name><news:language>id</news:language></news:publication>"
                f"<news:publication_date>{m.isoformat()}</news:publication_date><news:title>Berita</news:title>"
                "</news:news></url>" for u, m in self._listed(half)]
        urls += [f"<url><loc>{html.escape(u)}</loc></url>" for u in (self._fault_urls("sitemap") if half == 0 else [])]
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{"".join(urls)}</urlset>\n')

    def broken_sitemap(self) -> str:
        """A sitemap cut off in the middle of a tag: its first URL is readable, the rest is not."""
        first = next(iter(self.articles))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{self.url}{first}</loc></url><url><loc>{self.url}/berita/terpoto")

    def robots(self) -> str:
        delay = f"Crawl-delay: {self.crawl_delay}\n" if self.crawl_delay else ""
        return f"User-agent: *\nDisallow: /rahasia/\n{delay}\nSitemap: {self.url}/sitemap-index.xml\n"

    # ------------------------------------------------------------------ serving

    def respond(self, path: str) -> tuple[int, dict[str, str], bytes, datetime | None]:
        """Status, headers, body and last modification of a path (before conditional checks)."""
        xml = "application/xml; charset=utf-8"
        with self._lock:
            if path == "/robots.txt":
                return 200, {"Content-Type": "text/plain"}, self.robots().encode(), None
            if path == "/rss.xml":
                return 200, {"Content-Type": "application/rss+xml; charset=utf-8"}, self.feed().encode(), None
            if path == "/sitemap-index.xml":
                return 200, {"Content-Type": xml}, self.sitemap_index().encode(), None
            if path in ("/sitemap-berita-1.xml", "/sitemap-berita-2.xml"):
                return 200, {"Content-Type": xml}, self.news_sitemap(int(path[-5]) - 1).encode(), None
            if path == "/sitemap-rusak.xml" and self.faults:
                return 200, {"Content-Type": xml}, self.broken_sitemap().encode(), None
            if path in self.articles:
                return 200, {"Content-Type": "text/html; charset=utf-8"}, self.article_html(path).encode(), self.articles[path].modified
        return self._fault(path) if self.faults else (404, {"Content-Type": "text/plain"}, b"tidak ditemukan", None)

    def _fault(self, path: str) -> tuple[int, dict[str, str], bytes, datetime | None]:
        page = "text/html; charset=utf-8"
        lines = page_lines(9000 + len(path), self.seed)
        if path == "/lama/pindah-alamat":
            return 301, {"Location": "/berita/pindah-alamat", "Content-Type": page}, b"<p>Dipindahkan</p>", None
        if path in ("/lama/berputar", "/lama/berputar-lagi"):
            other = "/lama/berputar-lagi" if path == "/lama/berputar" else "/lama/berputar"
            return 302, {"Location": self.url + other, "Content-Type": page}, b"<p>Dipindahkan</p>", None
        if path == "/berita/pindah-alamat":
            return 200, {"Content-Type": page}, render(lines, self.url + path, BASE_TIME, []).encode(), None
        if path == "/berita/antre-dulu":
            with self._lock:
                first = path not in self._told_to_wait
                self._told_to_wait.add(path)
            if first:
                return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"terlalu banyak permintaan", None
            return 200, {"Content-Type": page}, render(page_lines(9100, self.seed), self.url + path, BASE_TIME, []).encode(), None
        if path == "/berita/galat-server":
            return 500, {"Content-Type": page}, b"<p>Galat server</p>", None
        if path == "/berita/lambat-sekali":
            time.sleep(self.slow)
            return 200, {"Content-Type": page}, render(lines, self.url + path, BASE_TIME, []).encode(), None
        if path == "/berita/raksasa":
            filler = "<p>" + "Paragraf pengisi halaman yang sangat panjang. " * 40 + "</p>\n"
            padding = filler * (self.huge // len(filler) + 1)
            body = render(lines, self.url + path, BASE_TIME, []).replace("</article>", padding + "</article>")
            return 200, {"Content-Type": page}, body.encode(), None
        if path == "/berita/data-ekspor":
            return 200, {"Content-Type": "application/json"}, b'{"ekspor": [1, 2, 3]}', None
        return 404, {"Content-Type": "text/plain"}, b"tidak ditemukan", None

    def start(self, port: int = 0) -> NewsSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                hit = Hit(time.monotonic(), "GET", self.path, dict(self.headers.items()))
                with site._lock:
                    site.log.append(hit)
                status, headers, body, modified = site.respond(self.path.split("?")[0])
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200:
                    headers["ETag"] = etag
                    if modified is not None:
                        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
                    if _not_modified(self.headers, etag, modified):
                        status, body = 304, b""
                    else:
                        body = _compressed(body, headers, self.headers.get("Accept-Encoding", ""))
                hit.status = status
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass
                hit.end = time.monotonic()

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, name="newssite", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> NewsSite:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def sources_toml(self, **watch: Any) -> str:
        """A sources file for this site (the [watch] table from keyword arguments)."""
        settings = "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in watch.items())
        return (f"[watch]\n{settings}\n[[source]]\nname = \"warta-contoh\"\nzone = \"Asia/Jakarta\"\n"
                f"feeds = [\"{self.url}/rss.xml\"]\nsitemaps = [\"{self.url}/sitemap-index.xml\"]\n")


def _compressed(body: bytes, headers: dict[str, str], accept: str) -> bytes:
    """Pages gzipped, listings brotli-compressed, for a client that accepts it (as outlets' CDNs do)."""
    kind = headers.get("Content-Type", "")
    if "html" in kind and "gzip" in accept:
        headers["Content-Encoding"] = "gzip"
        return gzip.compress(body)
    if "xml" in kind and "br" in accept:
        import brotli

        headers["Content-Encoding"] = "br"
        return brotli.compress(body)
    return body


def _not_modified(headers: Any, etag: str, modified: datetime | None) -> bool:
    """RFC 9110: If-None-Match decides when present, else If-Modified-Since."""
    if (match := headers.get("If-None-Match")) is not None:
        return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
    since = headers.get("If-Modified-Since")
    if since and modified is not None:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a local news site for `kronik watch`.")
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--faults", action="store_true", help="also list the pages a crawler must survive")
    args = parser.parse_args(argv)
    site = NewsSite(args.pages, args.seed, faults=args.faults).start(args.port)
    try:
        print(f"serving {site.url}; sources file:\n\n{site.sources_toml(delay=0.2)}", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
