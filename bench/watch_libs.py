"""The libraries `kronik watch` uses, measured against the alternatives on the same inputs (offline, one core).

- sitemaps: ultimate-sitemap-parser (`usp.tree.sitemap_from_str`) against trafilatura's sitemap helpers
  (`trafilatura.sitemaps.SitemapObject`): URLs found, dates kept, a cut-off file, an index, a 50,000-URL sitemap;
- feeds: feedparser against trafilatura's feed helpers (`trafilatura.feeds.extract_links`): URLs, dates, a cut-off feed;
- robots.txt: protego against the standard library's urllib.robotparser on rules news sites write;
- WARC writing: fastwarc against warcio, records per second, and whether each reader reads the other's files.

Usage: .venv/bin/python bench/watch_libs.py
"""

from __future__ import annotations

import io
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SITE = "https://www.contoh.co.id"
START = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)


def news_sitemap(n: int) -> str:
    urls = "".join(f"<url><loc>{SITE}/berita/{i}/judul-berita-{i}</loc><lastmod>{(START + timedelta(minutes=i)).isoformat()}</lastmod>"
                   "<news:news><news:publication><news:name>Contoh</news:name><news:language>id</news:language></news:publication>"
                   f"<news:publication_date>{(START + timedelta(minutes=i)).isoformat()}</news:publication_date>"
                   f"<news:title>Judul {i}</news:title></news:news></url>" for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def feed(n: int) -> str:
    items = "".join(f"<item><title>Judul {i}</title><link>{SITE}/berita/{i}/judul-berita-{i}</link>"
                    f"<pubDate>{(START + timedelta(minutes=i)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>" for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Contoh</title><link>{SITE}/</link>{items}</channel></rss>'


def best_of(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def usp(text: str) -> tuple[int, int, int]:
    """(pages, pages with a date, sub-sitemaps)."""
    from usp.objects.sitemap import AbstractIndexSitemap
    from usp.tree import sitemap_from_str

    tree = sitemap_from_str(text)
    if isinstance(tree, AbstractIndexSitemap):
        return 0, 0, len(tree.sub_sitemaps)
    pages = list(tree.all_pages())
    return len(pages), sum(p.last_modified is not None for p in pages), 0


def trafilatura_sitemap(text: str) -> tuple[int, int, int]:
    from trafilatura.sitemaps import SitemapObject

    obj = SitemapObject(SITE, "contoh.co.id", [])
    obj.current_url, obj.content = f"{SITE}/sitemap.xml", text
    obj.process()
    return len(obj.urls), 0, len(obj.sitemap_urls)


def feedparser_links(text: str) -> tuple[int, int]:
    import feedparser

    parsed = feedparser.parse(text.encode(), sanitize_html=False, resolve_relative_uris=False)
    return len(parsed.entries), sum("published_parsed" in e for e in parsed.entries)


def trafilatura_feed(text: str) -> tuple[int, int]:
    from trafilatura.feeds import FeedParameters, extract_links

    return len(extract_links(text, FeedParameters(SITE, "contoh.co.id", SITE))), 0


ROBOTS = """User-agent: *
Disallow: /*?cari=
Disallow: /rahasia/
Allow: /rahasia/terbuka$
Disallow: /*.pdf$
Crawl-delay: 3
"""
ROBOT_CASES = [("/berita/1?cari=perang", False), ("/berita/1", True), ("/rahasia/x", False), ("/rahasia/terbuka", True),
               ("/dokumen/laporan.pdf", False), ("/dokumen/laporan.pdf?v=2", True)]


def robots() -> None:
    from urllib.robotparser import RobotFileParser

    from protego import Protego

    rp = Protego.parse(ROBOTS)
    std = RobotFileParser()
    std.parse(ROBOTS.splitlines())
    right = {"protego": sum(rp.can_fetch(SITE + path, "kronik") == want for path, want in ROBOT_CASES),
             "urllib.robotparser": sum(std.can_fetch("kronik", SITE + path) == want for path, want in ROBOT_CASES)}
    print(f"robots.txt ({len(ROBOT_CASES)} URLs against wildcard, end-anchor and Allow rules): "
          + ", ".join(f"{k} {v} right" for k, v in right.items())
          + f"; Crawl-delay read: protego {rp.crawl_delay('kronik')}, urllib.robotparser {std.crawl_delay('kronik')}")


def warc() -> None:
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import ArchiveIterator as FastIterator
    from fastwarc.warc import WarcRecord, WarcRecordType
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("<html><body>" + "<p>Menteri Luar Negeri bertemu mitranya di Jakarta.</p>" * 80 + "</body></html>").encode()
    n = 2000
    with tempfile.TemporaryDirectory() as tmp:
        fast, slow = Path(tmp) / "fastwarc.warc.gz", Path(tmp) / "warcio.warc.gz"

        def write_fast() -> None:
            with fast.open("wb") as fh:
                gz = GzipWriter(fh)
                for i in range(n):
                    rec = WarcRecord()
                    rec.init_headers(WarcRecordType.response)
                    rec.headers.set("WARC-Target-URI", f"{SITE}/berita/{i}")
                    rec.headers.set("Content-Type", "application/http; msgtype=response")
                    rec.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                    rec.write(gz, checksum_data=True)
                    gz.finish()
                gz.close()

        def write_warcio() -> None:
            with slow.open("wb") as fh:
                writer = WARCWriter(fh, gzip=True)
                for i in range(n):
                    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(f"{SITE}/berita/{i}", "response", payload=io.BytesIO(body),
                                                                  http_headers=headers))

        t_fast, _ = best_of(write_fast)
        t_slow, _ = best_of(write_warcio)

        def count_fast(path: Path) -> int:
            with path.open("rb") as fh:
                return sum(1 for _ in FastIterator(fh))

        def count_warcio(path: Path) -> int:
            with path.open("rb") as fh:
                return sum(1 for _ in WarcioIterator(fh))

        print(f"WARC writing ({n} gzip response records of {len(body) / 1e3:.1f} kB, digests computed): fastwarc {n / t_fast:,.0f} "
              f"records/s, warcio {n / t_slow:,.0f} records/s; warcio reads fastwarc's file: {count_warcio(fast) == n}, "
              f"fastwarc reads warcio's: {count_fast(slow) == n}")


def main() -> int:
    logging.getLogger("usp").setLevel(logging.CRITICAL)
    print(f"machine: one core of a shared machine; {datetime.now(UTC):%Y-%m-%d}")
    small, big = news_sitemap(1000), news_sitemap(50_000)
    cut = small[: len(small) // 2]
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + "".join(f"<sitemap><loc>{SITE}/sitemap-news-{i}.xml</loc></sitemap>" for i in range(20)) + "</sitemapindex>")
    for name, fn in (("ultimate-sitemap-parser", usp), ("trafilatura.sitemaps", trafilatura_sitemap)):
        t_small, (pages, dated, _) = best_of(lambda fn=fn: fn(small))
        t_big, (big_pages, _, _) = best_of(lambda fn=fn: fn(big), runs=1)
        _, (cut_pages, _, _) = best_of(lambda fn=fn: fn(cut), runs=1)
        _, (_, _, subs) = best_of(lambda fn=fn: fn(index), runs=1)
        print(f"sitemaps, {name}: news sitemap of 1,000 URLs {pages} found, {dated} with their date, {t_small * 1e3:.0f} ms; "
              f"cut in the middle: {cut_pages} found; index of 20: {subs} sitemaps; 50,000 URLs: {big_pages} in {t_big:.2f} s")
    rss, rss_cut = feed(200), feed(200)[: len(feed(200)) // 2]
    for name, fn in (("feedparser", feedparser_links), ("trafilatura.feeds", trafilatura_feed)):
        t, (links, dated) = best_of(lambda fn=fn: fn(rss))
        _, (cut_links, _) = best_of(lambda fn=fn: fn(rss_cut), runs=1)
        print(f"feeds, {name}: RSS of 200 items {links} links, {dated} with their date, {t * 1e3:.0f} ms; "
              f"cut in the middle: {cut_links} links")
    robots()
    warc()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
