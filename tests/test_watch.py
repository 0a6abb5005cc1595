"""`kronik watch` against a local news site (kronik.newssite) on 127.0.0.1, checked from the site's request log,
the database and the WARC archive; plus the units it is built from."""

from __future__ import annotations

import gzip
import itertools
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import duckdb
import pytest

from kronik import frontier
from kronik.archive import Archive, Exchange, recover
from kronik.cli import build_parser
from kronik.discover import Listed, read_feed, read_sitemap
from kronik.fetch import retry_after
from kronik.newssite import FAULT_PAGES, OFF_SITE, UPDATE_NOTE, Hit, NewsSite
from kronik.sources import SourcesError, load
from kronik.store import connect
from kronik.urls import article_like, normalize

CRAWL_DELAY = 0.2
TIMEOUT = 1.0
MAX_BYTES = 200_000
JAKARTA = ZoneInfo("Asia/Jakarta")


def watch(*args: str) -> subprocess.CompletedProcess[str]:
    """`kronik watch` in a process of its own, as cron or systemd would run it."""
    done = subprocess.run([sys.executable, "-m", "kronik", "watch", *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def warc_responses(folder: Path) -> list[dict[str, Any]]:
    """Every response record of every archive file, in file order, read with warcio (kronik's WARC reader)."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    out.append({"path": urlsplit(rec.rec_headers.get_header("WARC-Target-URI")).path,
                                "status": int(rec.http_headers.get_statuscode()),
                                "truncated": rec.rec_headers.get_header("WARC-Truncated"),
                                "encoding": rec.http_headers.get_header("X-Crawler-Content-Encoding"),
                                "payload": rec.content_stream().read()})
    return out


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@dataclass
class Crawl:
    site: NewsSite
    db: Path
    archive: Path
    round1: list[Hit]
    round2: list[Hit]
    changed: str
    status: str


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """Two rounds over a site with every fault: between them one article is corrected."""
    tmp = tmp_path_factory.mktemp("watch")
    with NewsSite(pages=12, faults=True, crawl_delay=CRAWL_DELAY, slow=3.0, huge=300_000) as site:
        sources = tmp / "sources.toml"
        sources.write_text(site.sources_toml(delay=0.05, timeout=TIMEOUT, max_bytes=MAX_BYTES, batch=5, max_redirects=3,
                                             contact="mailto:uji@contoh.id"))
        db, archive = tmp / "watch.duckdb", tmp / "warc"
        watch(str(sources), "--db", str(db), "--archive", str(archive), "--once")
        first = len(site.log)
        changed = "/berita/0-00009"  # listed in the second news sitemap only (the feed lists the first half)
        site.change(changed)
        watch(str(sources), "--db", str(db), "--archive", str(archive), "--once")
        status = watch("--status", "--db", str(db)).stdout
        yield Crawl(site, db, archive, site.log[:first], site.log[first:], changed, status)


def _articles(site: NewsSite) -> set[str]:
    """The site's articles kronik may store: generated ones, the one behind a redirect, the one after a 429."""
    return {site.url + p for p in site.articles} | {site.url + "/berita/pindah-alamat", site.url + "/berita/antre-dulu"}


def test_every_allowed_article_ingested_once(crawl: Crawl) -> None:
    stored = [r[0] for r in rows(crawl.db, "SELECT article_id FROM articles")]
    assert sorted(stored) == sorted(_articles(crawl.site))
    ok = Counter(h.path for h in crawl.round1 if h.status == 200 and h.path.startswith("/berita/"))
    assert all(n == 1 for n in ok.values()), ok
    for path, why in FAULT_PAGES.items():
        if path not in ("/lama/pindah-alamat", "/berita/antre-dulu"):
            assert crawl.site.url + path not in stored, why


def test_disallowed_and_unwanted_urls_never_requested(crawl: Crawl) -> None:
    paths = [h.path for h in crawl.round1 + crawl.round2]
    assert not [p for p in paths if p.startswith("/rahasia/")]
    assert "/tag/politik" not in paths
    assert urlsplit(OFF_SITE).path not in paths
    state = dict(rows(crawl.db, "SELECT url, error FROM watch_urls WHERE state = 'skipped'"))
    assert state[crawl.site.url + "/rahasia/dokumen-internal"] == "disallowed by robots.txt"


def test_crawl_delay_between_requests(crawl: Crawl) -> None:
    """robots.txt's Crawl-delay (longer than the configured delay) separates the end of one request from the start
    of the next; the requests never overlap (one at a time per host). The slow page's response is excluded: the
    crawler stopped waiting for it after its timeout, the server went on sleeping."""
    for hits in (crawl.round1, crawl.round2):
        hits = sorted(hits, key=lambda h: h.start)
        for before, after in itertools.pairwise(hits):
            assert after.start - before.start >= CRAWL_DELAY, (before.path, after.path)
            if before.path != "/berita/lambat-sekali":
                # the server stamps a response's end after writing it; on a loaded machine its thread may get the core
                # back late, so the stamp may be late by some tens of milliseconds (half the delay is still a delay)
                assert after.start - before.end >= CRAWL_DELAY / 2, (before.path, after.path, after.start - before.end)


def test_user_agent_names_kronik(crawl: Crawl) -> None:
    (agent,) = {h.headers.get("User-Agent", "") for h in crawl.round1 + crawl.round2}
    assert agent.startswith("kronik/") and "mailto:uji@contoh.id" in agent


def test_retry_after_is_honoured(crawl: Crawl) -> None:
    hits = [h for h in crawl.round1 if h.path == "/berita/antre-dulu"]
    assert [h.status for h in hits] == [429, 200]
    assert hits[1].start - hits[0].end >= 1.0


def test_failures_are_recorded_not_ingested(crawl: Crawl) -> None:
    state = {url: (st, status, error, attempts) for url, st, status, error, attempts in rows(
        crawl.db, "SELECT url, state, http_status, error, attempts FROM watch_urls WHERE kind = 'page'")}
    url = crawl.site.url
    assert state[url + "/berita/galat-server"] == ("pending", 500, "HTTP 500", 2)  # failed in both rounds, tried again
    assert state[url + "/berita/lambat-sekali"][0] == "pending" and "no answer within" in state[url + "/berita/lambat-sekali"][2]
    assert state[url + "/berita/raksasa"][:2] == ("skipped", 200) and "larger than" in state[url + "/berita/raksasa"][2]
    assert state[url + "/berita/data-ekspor"][:3] == ("skipped", 200, "not HTML (application/json)")
    assert state[url + "/lama/berputar"][0] == "skipped" and state[url + "/lama/berputar"][2] == "more than 3 redirects"
    assert len([h for h in crawl.round1 if h.path.startswith("/lama/berputar")]) == 4  # the first request and 3 redirects
    broken = rows(crawl.db, f"SELECT error FROM watch_urls WHERE url = '{url}/sitemap-rusak.xml'")[0][0]
    assert "failed" in broken and "1 entries read" in broken
    ((last_error,),) = rows(crawl.db, "SELECT last_error FROM watch_sources")
    assert last_error
    header, _, row = crawl.status.splitlines()
    assert header.split()[:5] == ["source", "last", "round", "(UTC)", "found"] and row.startswith("warta-contoh")
    assert last_error.split(": ", 1)[1] in row


def test_second_round_fetches_no_unchanged_page(crawl: Crawl) -> None:
    pages = {h.path for h in crawl.round2 if h.path.startswith(("/berita/", "/lama/"))}
    assert pages == {crawl.changed, "/berita/galat-server", "/berita/lambat-sekali"}
    listings = {h.path: h for h in crawl.round2 if h.path.endswith(".xml")}
    for unchanged in ("/rss.xml", "/sitemap-berita-1.xml", "/sitemap-rusak.xml"):
        assert listings[unchanged].status == 304 and "If-None-Match" in listings[unchanged].headers, unchanged
    assert listings["/sitemap-berita-2.xml"].status == 200  # it lists the corrected article with a later date
    assert listings["/sitemap-index.xml"].status == 200  # an index is read whole: its sitemaps change while it does not
    page = next(h for h in crawl.round2 if h.path == crawl.changed)
    assert "If-None-Match" in page.headers and page.status == 200


def test_changed_page_updates_its_article(crawl: Crawl) -> None:
    ((body,),) = rows(crawl.db, f"SELECT body FROM articles WHERE article_id = '{crawl.site.url}{crawl.changed}'")
    assert UPDATE_NOTE in body
    assert rows(crawl.db, "SELECT count(*) FROM articles")[0][0] == len(_articles(crawl.site))


def test_every_response_is_archived(crawl: Crawl) -> None:
    assert not list(crawl.archive.glob("*.open"))
    records = warc_responses(crawl.archive)
    received = [h for h in crawl.round1 + crawl.round2 if h.path != "/berita/lambat-sekali"]
    assert Counter((r["path"], r["status"]) for r in records) == Counter((h.path, h.status) for h in received)
    huge = next(r for r in records if r["path"] == "/berita/raksasa")
    assert huge["truncated"] == "length" and huge["payload"] == b""  # over the limit once unpacked, though sent gzipped
    page = next(r for r in records if r["path"] == crawl.changed)
    assert page["encoding"] == "gzip" and page["payload"].startswith(b"<!doctype html>")  # stored decoded


def test_archive_reads_with_fastwarc(crawl: Crawl) -> None:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    for path in sorted(crawl.archive.glob("*.warc.gz")):
        with path.open("rb") as fh:
            assert all(rec.verify_block_digest() for rec in ArchiveIterator(fh, parse_http=False))
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                assert rec.verify_payload_digest()
                n += 1
    assert n == len(warc_responses(crawl.archive))


ARTICLE_COLUMNS = "article_id, url, outlet, title, authors, language, published, published_date, updated, body, dateline, content_hash"


def test_ingest_of_the_archive_rebuilds_the_same_articles(crawl: Crawl, tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.duckdb"
    done = subprocess.run([sys.executable, "-m", "kronik", "ingest", str(crawl.archive), "--db", str(rebuilt), "--no-progress"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for sql in (f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY article_id",
                "SELECT * EXCLUDE (event_id) FROM mentions ORDER BY mention_id",
                "SELECT * EXCLUDE (event_id) FROM events ORDER BY cluster_key, date_start, sentence",
                "SELECT * FROM near_duplicates ORDER BY 1, 2"):
        assert rows(rebuilt, sql) == rows(crawl.db, sql), sql
    sources = {r[0] for r in rows(crawl.db, "SELECT DISTINCT source FROM articles")}
    assert sources <= {str(p) for p in crawl.archive.glob("*.warc.gz")}


# ---------------------------------------------------------------- units


def test_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[watch]\ndelay = 2\n\n[[source]]\nname = "a"\nzone = "Asia/Makassar"\nfeeds = ["https://www.contoh.co.id/rss"]\n'
                    "include = ['/berita/']\n")
    config, (source,) = load(path)
    assert config.delay == 2.0 and source.zone == "Asia/Makassar" and source.hosts == ("contoh.co.id",)
    assert source.wants("https://contoh.co.id/berita/a") and source.wants("https://m.contoh.co.id/berita/a")
    assert not source.wants("https://contoh.co.id/video/a") and not source.wants("https://lain.co.id/berita/a")
    for text, error in [
        ("", "no [[source]]"),
        ('[[source]]\nfeeds = ["https://a.co.id/rss"]\n', "'name' is missing"),
        ('[[source]]\nname = "a"\n', "at least one of"),
        ('[[source]]\nname = "a"\nfeeds = ["ftp://a.co.id/rss"]\n', "not an http(s) URL"),
        ('[[source]]\nname = "a"\nzone = "WIB"\nfeeds = ["https://a.co.id/rss"]\n', "IANA time zone"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.co.id/rss"]\ninclude = ["("]\n', "not a regular expression"),
        ('[[source]]\nname = "a"\nfeed = ["https://a.co.id/rss"]\n', "unknown key(s) feed"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.co.id/rss"]\n[[source]]\nname = "a"\nfeeds = ["https://b.co.id/r"]\n', "used twice"),
        ('[watch]\ndelay = "cepat"\n[[source]]\nname = "a"\nfeeds = ["https://a.co.id/rss"]\n', "'delay' must be a float"),
        ('[watch]\nbatch = 0\n[[source]]\nname = "a"\nfeeds = ["https://a.co.id/rss"]\n', "'batch' must be positive"),
        ("[[source]\n", "not valid TOML"),
    ]:
        path.write_text(text)
        with pytest.raises(SourcesError, match=error.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
            load(path)


def test_shipped_sources_file_loads() -> None:
    config, sources = load(Path(__file__).resolve().parent.parent / "kronik" / "data" / "sources.toml")
    assert config.delay >= 1.0 and len(sources) >= 5
    assert all(s.zone.startswith("Asia/") for s in sources)


def test_bad_sources_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[[source]]\nname = 'a'\n")
    done = subprocess.run([sys.executable, "-m", "kronik", "watch", str(path), "--db", str(tmp_path / "x.duckdb"), "--once"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "at least one of 'feeds' and 'sitemaps'" in done.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_interval_and_delay_arguments() -> None:
    parser = build_parser()
    assert parser.parse_args(["watch", "s.toml", "--interval", "1h30m"]).interval == 5400
    assert parser.parse_args(["watch", "s.toml", "--interval", "90"]).interval == 90
    for bad in (["--interval", "15x"], ["--interval", "0"], ["--delay", "-1"]):
        with pytest.raises(SystemExit):
            parser.parse_args(["watch", "s.toml", *bad])


def test_urls() -> None:
    assert normalize("HTTP://WWW.Contoh.co.id:80/berita/a?utm_source=rss&id=5#atas") == "http://www.contoh.co.id/berita/a?id=5"
    assert normalize("/berita/b", "https://contoh.co.id/rss.xml") == "https://contoh.co.id/berita/b"
    assert normalize("mailto:redaksi@contoh.co.id") is None
    assert article_like("https://contoh.co.id/berita/2026/01/05/judul-berita")
    for url in ("https://contoh.co.id/", "https://contoh.co.id/tag/politik", "https://contoh.co.id/foto/a.jpg",
                "https://contoh.co.id/kategori/dunia", "https://contoh.co.id/feed"):
        assert not article_like(url), url


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>/berita/satu?utm_medium=rss</link><pubDate>Mon, 05 Jan 2026 10:00:00 +0700</pubDate></item>
<item><link>https://contoh.co.id/berita/dua</link><pubDate>2026-01-05 11:00</pubDate></item>
<item><link>https://contoh.co.id/berita/tiga</link></item></channel></rss>"""


def test_read_feed() -> None:
    listing = read_feed(FEED, "https://contoh.co.id/rss.xml", JAKARTA)
    assert listing.problem is None
    assert listing.pages == [Listed("https://contoh.co.id/berita/satu", "2026-01-05T03:00:00+00:00"),
                             Listed("https://contoh.co.id/berita/dua", "2026-01-05T04:00:00+00:00"),  # no offset: WIB
                             Listed("https://contoh.co.id/berita/tiga", None)]
    broken = read_feed(FEED[:-40], "https://contoh.co.id/rss.xml", JAKARTA)
    assert broken.problem and "malformed feed" in broken.problem and broken.pages == listing.pages[:2]
    assert read_feed(b"<html><body>bukan umpan</body></html>", "https://contoh.co.id/rss.xml", JAKARTA).problem


NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://contoh.co.id/berita/satu</loc><lastmod>2026-01-05T10:00:00</lastmod></url>
<url><loc>https://contoh.co.id/berita/dua</loc><news:news><news:publication><news:name>Contoh</news:name>
<news:language>id</news:language></news:publication><news:publication_date>2026-01-05T09:00:00+07:00</news:publication_date>
<news:title>Dua</news:title></news:news></url></urlset>"""


def test_read_sitemap() -> None:
    listing = read_sitemap(NEWS, "https://contoh.co.id/sitemap-news.xml", JAKARTA)
    assert listing.problem is None and listing.sitemaps == []
    assert listing.pages == [Listed("https://contoh.co.id/berita/satu", "2026-01-05T03:00:00+00:00"),
                             Listed("https://contoh.co.id/berita/dua", "2026-01-05T02:00:00+00:00")]
    assert read_sitemap(gzip.compress(NEWS), "https://contoh.co.id/sitemap-news.xml.gz", JAKARTA).pages == listing.pages
    index = read_sitemap(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         b"<sitemap><loc>https://contoh.co.id/s1.xml</loc></sitemap></sitemapindex>", "https://contoh.co.id/i.xml", JAKARTA)
    assert index.sitemaps == ["https://contoh.co.id/s1.xml"] and not index.pages
    cut = read_sitemap(NEWS[:330], "https://contoh.co.id/sitemap-news.xml", JAKARTA)
    assert cut.problem and [p.url for p in cut.pages] == ["https://contoh.co.id/berita/satu"]
    assert read_sitemap(b"<html>bukan peta situs</html>", "https://contoh.co.id/s.xml", JAKARTA).problem.startswith("not a sitemap")
    assert read_sitemap(b"\x1f\x8b\x08\x00rusak", "https://contoh.co.id/s.xml.gz", JAKARTA).problem.startswith("bad gzip")
    text = read_sitemap(b"https://contoh.co.id/berita/satu\nhttps://contoh.co.id/berita/dua\n", "https://contoh.co.id/s.txt", JAKARTA)
    assert [p.url for p in text.pages] == ["https://contoh.co.id/berita/satu", "https://contoh.co.id/berita/dua"]


def test_retry_after() -> None:
    from datetime import UTC, datetime

    assert retry_after("120") == 120.0
    assert retry_after("Mon, 05 Jan 2026 10:01:00 GMT", datetime(2026, 1, 5, 10, 0, tzinfo=UTC)) == 60.0
    assert retry_after("Mon, 05 Jan 2026 09:00:00 GMT", datetime(2026, 1, 5, 10, 0, tzinfo=UTC)) == 0.0
    assert retry_after("besok") is None and retry_after(None) is None


def _exchange(path: str, body: bytes, **kw: Any) -> Exchange:
    return Exchange(url=f"https://contoh.co.id{path}", method="GET", request_target=path,
                    request_headers=[(b"Host", b"contoh.co.id"), (b"User-Agent", b"kronik/test")], http_version="HTTP/1.1",
                    status=200, reason="OK", headers=[(b"Content-Type", b"text/html; charset=utf-8"), (b"Content-Encoding", b"gzip"),
                                                      (b"Content-Length", b"12")], payload=body, **kw)


def test_archive_rotates_and_a_killed_file_is_recovered(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    with Archive(tmp_path, "kronik/test", max_file_bytes=1) as archive:
        archive.write(_exchange("/berita/a", b"<p>Satu</p>"))
        archive.write(_exchange("/berita/b", b"<p>Dua</p>"))
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) == 2 and files == archive.files
    with files[0].open("rb") as fh:
        kinds = [(r.rec_type, r.http_headers and r.http_headers.get_header("X-Crawler-Content-Encoding"),
                  r.http_headers and r.http_headers.get_header("Content-Length"), r.content_stream().read())
                 for r in ArchiveIterator(fh)]
    assert kinds == [("warcinfo", None, None, kinds[0][3]), ("request", None, None, b""), ("response", "gzip", "11", b"<p>Satu</p>")]
    # a run killed in the middle of a record leaves an .open file whose last gzip member is cut
    whole = files[1].read_bytes()
    files[1].unlink()
    cut = tmp_path / (files[1].name + ".open")
    cut.write_bytes(whole[:-25])
    assert recover(tmp_path) == [files[1]]
    with files[1].open("rb") as fh:
        assert [r.rec_type for r in ArchiveIterator(fh)] == ["warcinfo", "request"]
    (tmp_path / "x.warc.gz.open").write_bytes(b"\x1f\x8b\x08")
    assert recover(tmp_path) == [] and not list(tmp_path.glob("*.open"))


def test_frontier_marks_new_changed_and_stored_urls(tmp_path: Path) -> None:
    con = connect(str(tmp_path / "f.duckdb"))
    con.execute("INSERT INTO documents VALUES ('https://contoh.co.id/berita/lama', 'x', now())")
    pages = [Listed("https://contoh.co.id/berita/a", "2026-01-05T03:00:00+00:00"), Listed("https://contoh.co.id/berita/lama")]
    assert frontier.record_listing(con, "s", "https://contoh.co.id/rss", "feed", 200, '"e1"', None, None, None, pages) == 1
    assert [(p.url, p.state) for p in frontier.pending(con, "s", 10)] == [("https://contoh.co.id/berita/a", "pending")]
    page = frontier.pending(con, "s", 10)[0]
    frontier.settle(con, [frontier.Outcome(page, "done", 200, page.url, '"p1"')], max_attempts=3)
    assert frontier.pending(con, "s", 10) == []
    # listed again with the same date: nothing to do; with a later one: pending again, with its validators
    assert frontier.record_listing(con, "s", "https://contoh.co.id/rss", "feed", 200, '"e2"', None, None, None, pages) == 0
    later = [Listed("https://contoh.co.id/berita/a", "2026-01-06T03:00:00+00:00")]
    assert frontier.record_listing(con, "s", "https://contoh.co.id/rss", "feed", 200, '"e3"', None, None, None, later) == 1
    (again,) = frontier.pending(con, "s", 10)
    assert again.etag == '"p1"'
    # a 304 keeps the listing's validators
    frontier.record_listing(con, "s", "https://contoh.co.id/rss", "feed", 304)
    assert frontier.listings(con, "s")["https://contoh.co.id/rss"]["etag"] == '"e3"'
    # transient failures: pending until the third round that fails, then given up
    for n in range(3):
        frontier.settle(con, [frontier.Outcome(again, "failed", 500, error="HTTP 500")], max_attempts=3)
        state = con.execute("SELECT state, attempts FROM watch_urls WHERE url = ?", [again.url]).fetchone()
        assert state == (("pending", n + 1) if n < 2 else ("failed", 3))
    frontier.save_rounds(con, [frontier.SourceRound("s", found=1, fetched=1, failed=1, last_error="x")])
    (status,) = frontier.watch_status(con)
    assert (status["source"], status["done"], status["given_up"], status["last_error"], status["rounds"]) == ("s", 1, 1, "x", 0)
    con.close()
