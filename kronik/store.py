"""The event database (DuckDB): articles, their event mentions, and events clustered across articles.

`kronik ingest` writes it in batches, one transaction each, so a crash never leaves half an article and a
rerun converges on the database one clean run would have built. Documents already stored with the same
raw content are skipped before the pipeline runs, which keeps re-ingesting a folder cheap.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import zlib
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kronik.model import Event, RawDoc, Record
from kronik.settings import DEFAULT, Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles(
    article_id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, authors VARCHAR[], language VARCHAR,
    published VARCHAR, published_date DATE, updated VARCHAR, body VARCHAR, dateline VARCHAR,
    content_hash VARCHAR, canonical_id VARCHAR, source VARCHAR, ingested_at TIMESTAMP);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_source VARCHAR;
CREATE TABLE IF NOT EXISTS mentions(
    mention_id VARCHAR PRIMARY KEY, article_id VARCHAR, event_id VARCHAR,
    actors VARCHAR[], recipients VARCHAR[], type VARCHAR, mode VARCHAR, status VARCHAR,
    date VARCHAR, date_start DATE, date_end DATE,
    location VARCHAR, location_country VARCHAR, latitude DOUBLE, longitude DOUBLE,
    sentence VARCHAR, actor_text VARCHAR, recipient_text VARCHAR, quad VARCHAR, cameo VARCHAR, intensity DOUBLE,
    parties VARCHAR[], quad_class TINYINT, cluster_key VARCHAR, span_start DATE, span_end DATE);
CREATE TABLE IF NOT EXISTS events(
    event_id VARCHAR PRIMARY KEY, actors VARCHAR[], recipients VARCHAR[], parties VARCHAR[],
    type VARCHAR, mode VARCHAR, status VARCHAR, date VARCHAR, date_start DATE, date_end DATE,
    location VARCHAR, location_country VARCHAR, latitude DOUBLE, longitude DOUBLE,
    quad VARCHAR, cameo VARCHAR, intensity DOUBLE, source_count INTEGER, outlets VARCHAR[],
    first_reported VARCHAR, last_reported VARCHAR, sentence VARCHAR, article_id VARCHAR,
    quad_class TINYINT, mention_count INTEGER, article_count INTEGER, actor_text VARCHAR, recipient_text VARCHAR,
    cluster_key VARCHAR);
CREATE TABLE IF NOT EXISTS errors(doc_id VARCHAR, source VARCHAR, error VARCHAR, seen_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS documents(doc_id VARCHAR PRIMARY KEY, raw_hash VARCHAR, seen_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS lsh_bands(article_id VARCHAR, band SMALLINT, bucket UBIGINT);
CREATE TABLE IF NOT EXISTS near_duplicates(article_id VARCHAR, duplicate_id VARCHAR, similarity DOUBLE);
CREATE TABLE IF NOT EXISTS terms(article_id VARCHAR, term VARCHAR, tf INTEGER);
"""

# PLOVER type -> quad class (1-4, GDELT's QuadClass numbering) as ANNOTATION.md section 3 assigns them.
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
# Type-level PLOVER conflict-cooperation scores (PLOVER manual, score table), used when the coder gave none.
# The manual prints ACCUSE as +3, evidently a lost minus sign: its modes score -2 to -3.5.
PLOVER_SCORE = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0, "RETREAT": 6.5,
    "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5, "PROTEST": -5.0, "SANCTION": -6.0,
    "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}
EVENT_FIELDS = tuple(Event.__dataclass_fields__)
_TOKEN = re.compile(r"\w+")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# ---------------------------------------------------------------- pure helpers


def party(code: str) -> str:
    """The state (or intergovernmental body) an actor code stands for: `KORGOV` -> `KOR`, `IGO:ASEAN` stays."""
    return code if code.startswith("IGO:") else code[:3]


def parties(actors: Iterable[str], recipients: Iterable[str]) -> list[str]:
    """Sorted distinct parties of an event, the key that clustering and the scorer compare."""
    return sorted({party(c) for c in (*actors, *recipients) if c})


def _one_span(text: str) -> tuple[date, date] | None:
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            d = date(year, month, day)
            return d, d
        if month:
            first = date(year, month, 1)
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def date_span(value: str | None) -> tuple[date | None, date | None]:
    """First and last day an ISO date, month, year or `start/end` interval covers; (None, None) if unparseable."""
    if not value:
        return None, None
    ends = [_one_span(p) for p in value.split("/", 1)]
    if any(e is None for e in ends):
        return None, None
    start, end = ends[0][0], ends[-1][1]  # type: ignore[index]
    return (start, end) if start <= end else (end, start)


def report_time(published: str | None) -> datetime | None:
    """A publication stamp as an aware UTC datetime for ordering reports (a bare date counts as 00:00 UTC)."""
    if not published:
        return None
    try:
        t = datetime.fromisoformat(published)
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC)


def published_date(published: str | None) -> date | None:
    """The calendar date the page itself gives (local, not converted to UTC)."""
    s = date_span((published or "")[:10])
    return s[0] if s[0] == s[1] else None


def quad_class(event_type: str | None, coder_quad: str | None = None) -> int | None:
    """Quad class from the PLOVER type (authoritative), else from the coder's own quad label."""
    if event_type in QUAD_CLASS:
        return QUAD_CLASS[event_type]
    label = (coder_quad or "").lower().replace(" ", "_").replace("-", "_")
    for n, name in QUAD_NAMES.items():
        if label in (str(n), name, name.replace("coop", "cooperation")):
            return n
    return None


def content_hash(record: Record) -> str:
    """Hash of everything the record says (what to_dict writes), so the same page again is a no-op and a changed
    one an update; built from the fields directly, as dataclasses.asdict's deep copies cost a third of a batch."""
    a = record.article
    article = None if a is None else [a.url, a.language, a.outlet, a.title, list(a.authors), a.published, a.updated,
                                      a.body, a.dateline, a.published_source]
    events = [[getattr(e, f) for f in EVENT_FIELDS] for e in record.events]
    payload = json.dumps([record.id, record.error, article, events], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


def raw_hash(doc: RawDoc) -> str:
    """Hash of what the reader found, checked before the pipeline runs."""
    payload = json.dumps([doc.url, doc.text, doc.html, doc.error], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, the unit of both shingles and the search index."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of a body; a body shorter than n words is one shingle."""
    words = tokens(text)
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band: the widest bands that still make a pair at the threshold a candidate with
    probability >= 0.99 (candidates are then verified against the threshold, so recall is what matters here)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= 0.99:
            return bands, rows
    return num_perm, 1


def minhashes(bodies: Sequence[str], settings: Settings) -> list[bytes | None]:
    """MinHash signatures (uint32 bytes) of the bodies' shingles; None for a body too short to compare.

    Shingles are hashed with CRC-32 (C speed) before MinHash's random permutations; SHA-1, the default, is
    twice as slow and buys nothing here."""
    from datasketch import MinHash

    sets = [shingles(b, settings.near_duplicate_shingle) if len(tokens(b)) >= settings.near_duplicate_min_words else set()
            for b in bodies]
    found = MinHash.bulk([list(s) for s in sets if s], num_perm=settings.minhash_perm, hashfunc=zlib.crc32)
    it = iter(found)
    return [next(it).hashvalues.astype("<u4").tobytes() if s else None for s in sets]


def band_buckets(signature: bytes, settings: Settings) -> list[int]:
    """One bucket hash per LSH band: articles sharing any bucket are near-duplicate candidates."""
    bands, rows = _lsh_params(settings.near_duplicate_threshold, settings.minhash_perm)
    width = rows * 4
    return [int.from_bytes(hashlib.blake2b(signature[i * width : (i + 1) * width], digest_size=8).digest(), "little")
            for i in range(bands)]


# ---------------------------------------------------------------- connection and search


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; a writable connection creates the schema (idempotent)."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        con.execute(SCHEMA).fetchall()
    return con


def open_for_reading(path: str, command: str) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection for a reporting command, or None after saying why not (no file, or a writer holds it)."""
    if not Path(path).exists():
        print(f"kronik {command}: no database at {path}", file=sys.stderr)
        return None
    try:
        return connect(path, read_only=True)
    except duckdb.Error as exc:
        print(f"kronik {command}: cannot open {path} (is an ingest writing it?): {exc}", file=sys.stderr)
        return None


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """A query's rows as dicts keyed by column name (what the analyses, exports and dashboard hand around)."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def search_articles(con: duckdb.DuckDBPyConnection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles holding every word of the query, best first (BM25-like tf-idf over the `terms` table).

    DuckDB's `fts` extension is not bundled in the wheel and cannot be installed offline, so ingest keeps
    its own inverted index: one row per (article, word) with the word's count.
    """
    words = sorted(set(tokens(query)))
    if not words:
        return []
    return query_rows(con, """
        WITH n AS (SELECT greatest(count(*), 1) AS n FROM articles),
        df AS (SELECT term, count(*) AS df FROM terms WHERE term IN (SELECT unnest(?)) GROUP BY term),
        hits AS (
            SELECT t.article_id, sum(t.tf / (t.tf + 1.2) * ln(1 + (n.n - df.df + 0.5) / (df.df + 0.5))) AS score,
                   count(*) AS matched
            FROM terms t JOIN df USING (term), n GROUP BY t.article_id)
        SELECT a.article_id, a.outlet, a.title, a.published, a.canonical_id, round(h.score, 4) AS score,
               left(a.body, 240) AS snippet
        FROM hits h JOIN articles a USING (article_id)
        WHERE h.matched = ?
        ORDER BY h.score DESC, a.published DESC NULLS LAST, a.article_id LIMIT ?
    """, [words, len(words), limit])


# ---------------------------------------------------------------- ingest


@dataclass(slots=True)
class IngestStats:
    """What one ingest run did, for the summary line and the benchmark."""

    read: int = 0
    skipped: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    batches: int = 0
    counts: dict[str, int] = field(default_factory=dict)


ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
    ("authors", pa.list_(pa.string())), ("language", pa.string()), ("published", pa.string()),
    ("published_date", pa.date32()), ("updated", pa.string()), ("body", pa.string()), ("dateline", pa.string()),
    ("content_hash", pa.string()), ("canonical_id", pa.string()), ("source", pa.string()),
    ("ingested_at", pa.timestamp("us")), ("published_source", pa.string())])


def _article_rows(records: Sequence[tuple[Record, str]], now: datetime) -> pa.Table:
    """Article rows of records that have an article; each starts as its own canonical article."""
    return pa.Table.from_pylist([
        {"article_id": rec.id, "url": a.url, "outlet": a.outlet, "title": a.title, "authors": list(a.authors),
         "language": a.language, "published": a.published, "published_date": published_date(a.published),
         "updated": a.updated, "body": a.body, "dateline": a.dateline, "content_hash": chash, "canonical_id": rec.id,
         "source": rec.source, "ingested_at": now, "published_source": a.published_source}
        for rec, chash in records if (a := rec.article) is not None], schema=ARTICLE_SCHEMA)


MENTION_SCHEMA = pa.schema([
    ("mention_id", pa.string()), ("article_id", pa.string()), ("event_id", pa.string()),
    ("actors", pa.list_(pa.string())), ("recipients", pa.list_(pa.string())), ("type", pa.string()),
    ("mode", pa.string()), ("status", pa.string()), ("date", pa.string()), ("date_start", pa.date32()),
    ("date_end", pa.date32()), ("location", pa.string()), ("location_country", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("sentence", pa.string()), ("actor_text", pa.string()),
    ("recipient_text", pa.string()), ("quad", pa.string()), ("cameo", pa.string()), ("intensity", pa.float64()),
    ("parties", pa.list_(pa.string())), ("quad_class", pa.int8()), ("cluster_key", pa.string()),
    ("span_start", pa.date32()), ("span_end", pa.date32())])


def cluster_key(party_list: Sequence[str], event_type: str, status: str) -> str:
    """Mentions can only be one event if they share parties, type and occurred/not-occurred status."""
    return f"{'|'.join(party_list)}/{event_type}/{'occurred' if status == 'occurred' else 'not-occurred'}"


def mention_rows(record: Record, settings: Settings = DEFAULT) -> list[dict[str, Any]]:
    """One row per coded event of a record; quad and intensity are filled from the PLOVER type when missing."""
    reported = report_time(record.article.published if record.article else None)
    rows = []
    for i, e in enumerate(record.events):
        start, end = date_span(e.date)
        qc = quad_class(e.type, e.quad)
        ps = parties(e.actors, e.recipients)
        span = effective_span(start, end, reported, settings) or (None, None)
        row = {f: getattr(e, f) for f in EVENT_FIELDS}
        row.update(
            mention_id=f"{record.id}#{i}", article_id=record.id, event_id=None, actors=list(e.actors),
            recipients=list(e.recipients), date_start=start, date_end=end, parties=ps, quad_class=qc,
            quad=QUAD_NAMES.get(qc or 0, e.quad),
            intensity=e.intensity if e.intensity is not None else PLOVER_SCORE.get(e.type),
            cluster_key=cluster_key(ps, e.type, e.status), span_start=span[0], span_end=span[1])
        rows.append({k: row.get(k) for k in MENTION_SCHEMA.names})
    return rows


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    if data.num_rows:
        con.register("_batch", data)
        con.execute(f"INSERT INTO {table} ({', '.join(data.column_names)}) SELECT * FROM _batch").fetchall()
        con.unregister("_batch")


def _in(con: duckdb.DuckDBPyConnection, sql: str, ids: Iterable[str]) -> list[tuple[Any, ...]]:
    """Run a query whose single `?` is a list of ids."""
    return con.execute(sql, [sorted(set(ids))]).fetchall()


def _store_near_duplicates(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str]], settings: Settings) -> None:
    """LSH bands and near-duplicate links for freshly written articles.

    MinHash LSH only proposes candidates; the exact Jaccard similarity of the two shingle sets decides, so a pair
    near the threshold is not linked or left by the luck of the hash draw.
    """
    sigs = minhashes([body for _, body in rows], settings)
    bands = [(aid, b, bucket) for (aid, _), sig in zip(rows, sigs, strict=True) if sig is not None
             for b, bucket in enumerate(band_buckets(sig, settings))]
    if not bands:
        return
    _insert(con, "lsh_bands", pa.table({
        "article_id": [r[0] for r in bands], "band": pa.array([r[1] for r in bands], pa.int16()),
        "bucket": pa.array([r[2] for r in bands], pa.uint64())}))
    pairs = _in(con, """
        SELECT DISTINCT least(n.article_id, o.article_id), greatest(n.article_id, o.article_id)
        FROM lsh_bands n JOIN lsh_bands o ON n.band = o.band AND n.bucket = o.bucket AND n.article_id <> o.article_id
        WHERE n.article_id IN (SELECT unnest(?))""", {r[0] for r in bands})
    if not pairs:
        return
    bodies = dict(_in(con, "SELECT article_id, body FROM articles WHERE article_id IN (SELECT unnest(?))", [x for p in pairs for x in p]))
    sets = {aid: shingles(body, settings.near_duplicate_shingle) for aid, body in bodies.items()}
    links = [(a, b, round(sim, 4)) for a, b in sorted(pairs)
             if (sim := len(sets[a] & sets[b]) / len(sets[a] | sets[b])) >= settings.near_duplicate_threshold]
    if links:
        _insert(con, "near_duplicates", pa.table({
            "article_id": [x[0] for x in links], "duplicate_id": [x[1] for x in links],
            "similarity": pa.array([x[2] for x in links], pa.float64())}))


def _components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find over near-duplicate links: article -> a representative of its group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _canonical_order(published: str | None, article_id: str) -> tuple[bool, datetime, str]:
    t = report_time(published)
    return t is None, t or datetime.max.replace(tzinfo=UTC), article_id


def _relink(con: duckdb.DuckDBPyConnection, touched: set[str]) -> set[str]:
    """Recompute canonical_id for the near-duplicate groups touching these articles; returns articles that changed.

    The canonical article of a group is its earliest published member (then the smallest id), so the result does
    not depend on the order pages were ingested in.
    """
    group = _components(con.execute("SELECT article_id, duplicate_id FROM near_duplicates").fetchall())
    roots = {group.get(a, a) for a in touched}
    members = {a for a, r in group.items() if r in roots} | touched
    info = _in(con, "SELECT article_id, published, canonical_id FROM articles WHERE article_id IN (SELECT unnest(?))", members)
    by_root: dict[str, list[tuple[str, str | None]]] = {}
    for aid, pub, _ in info:
        by_root.setdefault(group.get(aid, aid), []).append((aid, pub))
    canonical = {root: min(m, key=lambda x: _canonical_order(x[1], x[0]))[0] for root, m in by_root.items()}
    changed = [(aid, canonical[group.get(aid, aid)]) for aid, _, old in info if canonical[group.get(aid, aid)] != old]
    if changed:
        con.register("_canon", pa.table({"article_id": [c[0] for c in changed], "canonical_id": [c[1] for c in changed]}))
        con.execute("UPDATE articles SET canonical_id = c.canonical_id FROM _canon c WHERE articles.article_id = c.article_id").fetchall()
        con.unregister("_canon")
    return {c[0] for c in changed}


def _index_terms(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str]]) -> None:
    ids: list[str] = []
    terms: list[str] = []
    tfs: list[int] = []
    for aid, text in rows:
        for term, tf in sorted(Counter(tokens(text)).items()):
            ids.append(aid)
            terms.append(term)
            tfs.append(tf)
    _insert(con, "terms", pa.table({"article_id": ids, "term": terms, "tf": pa.array(tfs, pa.int32())}))


def _classify(con: duckdb.DuckDBPyConnection, latest: dict[str, tuple[Record, str]],
              stats: IngestStats) -> tuple[list[tuple[Record, str]], list[Record]]:
    """Split a batch into new or changed articles (with their content hash) and failed documents."""
    stored = dict(_in(con, "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?))", latest))
    fresh: list[tuple[Record, str]] = []
    failed: list[Record] = []
    for rec, _ in latest.values():
        if rec.article is None:
            failed.append(rec)
        elif (chash := content_hash(rec)) == stored.get(rec.id):
            stats.unchanged += 1
        else:
            fresh.append((rec, chash))
            stats.updated += int(rec.id in stored)
            stats.added += int(rec.id not in stored)
    stats.errors += len(failed)
    return fresh, failed


def _record_documents(con: duckdb.DuckDBPyConnection, latest: dict[str, tuple[Record, str]], failed: Sequence[Record],
                      now: datetime) -> None:
    """Remember every document's raw hash (the incremental check) and its error, if it failed."""
    ids = list(latest)
    stamps = pa.array([now] * len(ids), pa.timestamp("us"))
    _in(con, "DELETE FROM errors WHERE doc_id IN (SELECT unnest(?))", ids)
    _insert(con, "errors", pa.table({
        "doc_id": [r.id for r in failed], "source": [r.source for r in failed],
        "error": [r.error or "unknown error" for r in failed], "seen_at": stamps[: len(failed)]}))
    _in(con, "DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", ids)
    _insert(con, "documents", pa.table({"doc_id": ids, "raw_hash": [h for _, h in latest.values()], "seen_at": stamps}))


_PER_ARTICLE = (("articles", "article_id"), ("mentions", "article_id"), ("lsh_bands", "article_id"), ("terms", "article_id"),
                ("near_duplicates", "article_id"), ("near_duplicates", "duplicate_id"))


def _replace_articles(con: duckdb.DuckDBPyConnection, fresh: Sequence[tuple[Record, str]], settings: Settings,
                      now: datetime) -> set[str]:
    """Write new and changed articles with their mentions, links and index rows; returns the events made stale."""
    ids = [r.id for r, _ in fresh]
    stale = {e for (e,) in _in(con, "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT unnest(?))", ids)}
    old_links = _in(con, """SELECT article_id, duplicate_id FROM near_duplicates
                            WHERE article_id IN (SELECT unnest($1)) OR duplicate_id IN (SELECT unnest($1))""", ids)
    for table, column in _PER_ARTICLE:
        _in(con, f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", ids)
    _insert(con, "articles", _article_rows(fresh, now))
    mentions = [m for rec, _ in fresh for m in mention_rows(rec, settings)]
    _insert(con, "mentions", pa.Table.from_pylist(mentions, schema=MENTION_SCHEMA))
    articles = [(rec.id, rec.article) for rec, _ in fresh if rec.article is not None]
    _store_near_duplicates(con, [(aid, a.body) for aid, a in articles], settings)
    _index_terms(con, [(aid, f"{a.title or ''}\n{a.body}") for aid, a in articles])
    relinked = _relink(con, set(ids) | {x for link in old_links for x in link})
    return stale | {e for (e,) in _in(con, "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT unnest(?))", relinked)}


def _write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[tuple[Record, str]], settings: Settings,
                 stats: IngestStats) -> None:
    """Write one batch (records with their raw hashes) and re-cluster what it touched, in one transaction."""
    now = datetime.now(UTC).replace(tzinfo=None)
    latest: dict[str, tuple[Record, str]] = {}
    for rec, rhash in batch:  # a page crawled twice in one batch: the later copy wins
        latest.pop(rec.id, None)
        latest[rec.id] = (rec, rhash)
    con.begin()
    try:
        fresh, failed = _classify(con, latest, stats)
        _record_documents(con, latest, failed, now)
        stale = _replace_articles(con, fresh, settings, now)
        recluster(con, stale, settings)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    stats.batches += 1


# ---------------------------------------------------------------- cross-article event clustering


@dataclass(slots=True)
class _Mention:
    mention_id: str
    row: dict[str, Any]
    reported: datetime | None
    start: date | None
    end: date | None

    @property
    def order(self) -> tuple[bool, datetime, str, int]:
        """Report order: earliest published first; undated reports last; then article id and ordinal."""
        aid, _, n = self.mention_id.rpartition("#")
        return self.reported is None, self.reported or datetime.max.replace(tzinfo=UTC), aid, int(n or 0)


def effective_span(start: date | None, end: date | None, reported: datetime | None,
                   settings: Settings) -> tuple[date, date] | None:
    """The days a mention's event may lie in, for comparing it with others.

    A precise date is its own span. An undated mention, or one dated only by a long span (a year),
    stands for the days just before its report: [published - event_cluster_undated_days, published].
    Without either it cannot be placed and stays an event of its own.
    """
    if start and end and (end - start).days <= settings.event_cluster_max_span_days:
        return start, end
    if reported is not None:
        day = reported.date()
        return day - timedelta(days=settings.event_cluster_undated_days), day
    return (start, end) if start and end else None


def cluster(mentions: Sequence[_Mention], settings: Settings) -> list[list[_Mention]]:
    """Group mentions of one cluster key into events: sorted by span, a mention joins the open event when its
    span starts at most event_cluster_days after the end of the event's first span (so events cannot chain
    across a long run of daily reports). Mentions without a span are events of their own."""
    groups: list[list[_Mention]] = [[m] for m in mentions if m.start is None or m.end is None]
    placed = sorted((m for m in mentions if m.start is not None and m.end is not None),
                    key=lambda m: (m.start, m.end, m.order))
    anchor_end: date | None = None
    for m in placed:  # groups[-1] is the open placed event: unplaceable singletons were put first
        assert m.start is not None and m.end is not None
        if anchor_end is not None and m.start <= anchor_end + timedelta(days=settings.event_cluster_days):
            groups[-1].append(m)
        else:
            groups.append([m])
            anchor_end = m.end
    return groups


def event_id(first_mention_id: str) -> str:
    """Stable id of an event: a hash of its first-reported mention, which later reports do not change."""
    return hashlib.sha1(first_mention_id.encode()).hexdigest()[:16]


def _event_row(group: list[_Mention], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    group = sorted(group, key=lambda m: m.order)
    rep = group[0].row
    dated = [m for m in group if m.row["date_start"] is not None]
    precise = min(dated, key=lambda m: ((m.row["date_end"] - m.row["date_start"]).days, m.order)).row if dated else rep
    placed = next((m.row for m in group if m.row["location"]), rep)
    arts = [articles[m.row["article_id"]] for m in group]
    stamps = sorted((t, a["published"]) for a in arts if (t := report_time(a["published"])) is not None)
    return {
        "event_id": event_id(group[0].mention_id), "actors": rep["actors"], "recipients": rep["recipients"],
        "parties": rep["parties"], "type": rep["type"], "mode": rep["mode"], "status": rep["status"],
        "date": precise["date"], "date_start": precise["date_start"], "date_end": precise["date_end"],
        "location": placed["location"], "location_country": placed["location_country"],
        "latitude": placed["latitude"], "longitude": placed["longitude"],
        "quad": rep["quad"], "cameo": rep["cameo"], "intensity": rep["intensity"],
        "source_count": len({a["canonical_id"] for a in arts}),
        "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
        "first_reported": stamps[0][1] if stamps else None, "last_reported": stamps[-1][1] if stamps else None,
        "sentence": rep["sentence"], "article_id": rep["article_id"], "quad_class": rep["quad_class"],
        "mention_count": len(group), "article_count": len({m.row["article_id"] for m in group}),
        "actor_text": rep["actor_text"], "recipient_text": rep["recipient_text"], "cluster_key": rep["cluster_key"],
    }


EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("actors", pa.list_(pa.string())), ("recipients", pa.list_(pa.string())),
    ("parties", pa.list_(pa.string())), ("type", pa.string()), ("mode", pa.string()), ("status", pa.string()),
    ("date", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()), ("location", pa.string()),
    ("location_country", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()), ("quad", pa.string()),
    ("cameo", pa.string()), ("intensity", pa.float64()), ("source_count", pa.int32()), ("outlets", pa.list_(pa.string())),
    ("first_reported", pa.string()), ("last_reported", pa.string()), ("sentence", pa.string()), ("article_id", pa.string()),
    ("quad_class", pa.int8()), ("mention_count", pa.int32()), ("article_count", pa.int32()), ("actor_text", pa.string()),
    ("recipient_text", pa.string()), ("cluster_key", pa.string())])


# Mentions of the touched cluster keys, cut into chunks: runs of spans that overlap (within event_cluster_days)
# the furthest span before them. Events never cross a chunk border, so only the chunks that hold a new
# mention (event_id NULL) or a mention of a stale event need rebuilding.
_CHUNKS = """
    WITH m AS (
        SELECT mention_id, cluster_key, span_start, span_end, event_id FROM mentions
        WHERE cluster_key IN (SELECT cluster_key FROM mentions WHERE event_id IS NULL OR event_id IN (SELECT unnest($1)))),
    reach AS (
        SELECT *, max(span_end) OVER (PARTITION BY cluster_key ORDER BY span_start, span_end, mention_id
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM m),
    chunked AS (
        SELECT *, sum(CASE WHEN span_start IS NULL OR reach IS NULL OR span_start > reach + $2 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY cluster_key ORDER BY span_start, span_end, mention_id ROWS UNBOUNDED PRECEDING) AS chunk
        FROM reach),
    hit AS (SELECT DISTINCT cluster_key, chunk FROM chunked WHERE event_id IS NULL OR event_id IN (SELECT unnest($1)))
    SELECT mentions.*, chunked.chunk FROM chunked JOIN hit USING (cluster_key, chunk) JOIN mentions USING (mention_id)
    ORDER BY mentions.mention_id
"""


def recluster(con: duckdb.DuckDBPyConnection, stale: Iterable[str] = (), settings: Settings = DEFAULT) -> None:
    """Rebuild the events that new mentions (event_id NULL) or the given stale events take part in.

    The result equals clustering every mention from scratch (deterministic, so reruns are idempotent);
    only the affected chunks are read and rewritten, so a batch costs the same in a small or a large database.
    """
    stale_ids = sorted(set(stale) - {None})
    rows = query_rows(con, _CHUNKS, [stale_ids, settings.event_cluster_days])
    if not rows and not stale_ids:
        return
    articles = {r["article_id"]: r for r in query_rows(con, """
        SELECT article_id, published, canonical_id, outlet FROM articles WHERE article_id IN (SELECT unnest(?))""",
        [sorted({r["article_id"] for r in rows})])}
    chunks: dict[tuple[str, int], list[_Mention]] = {}
    for r in rows:
        chunks.setdefault((r["cluster_key"], r["chunk"]), []).append(_Mention(
            r["mention_id"], r, report_time(articles[r["article_id"]]["published"]), r["span_start"], r["span_end"]))
    events: list[dict[str, Any]] = []
    assignment: dict[str, str] = {}
    for k in sorted(chunks):
        for group in cluster(chunks[k], settings):
            events.append(_event_row(group, articles))
            assignment.update((m.mention_id, events[-1]["event_id"]) for m in group)
    old = set(stale_ids) | {r["event_id"] for r in rows if r["event_id"]}
    con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [sorted(old)]).fetchall()
    _insert(con, "events", pa.Table.from_pylist(events, schema=EVENT_SCHEMA))
    if assignment:
        con.register("_assign", pa.table({"mention_id": list(assignment), "event_id": list(assignment.values())}))
        con.execute("UPDATE mentions SET event_id = a.event_id FROM _assign a WHERE mentions.mention_id = a.mention_id").fetchall()
        con.unregister("_assign")


# ---------------------------------------------------------------- driving an ingest run


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def is_parquet(path: str) -> bool:
    """A Parquet file, or a folder of Parquet partitions (what the Dask engine writes)."""
    p = Path(path)
    return p.suffix == ".parquet" or (p.is_dir() and any(p.rglob("*.parquet")))


def store_records(con: duckdb.DuckDBPyConnection, pairs: Iterable[tuple[Record, str]], settings: Settings = DEFAULT,
                  stats: IngestStats | None = None) -> IngestStats:
    """Write (record, raw hash) pairs in batches of settings.ingest_batch_size, one transaction each."""
    stats = stats or IngestStats()
    for chunk in _batched(pairs, settings.ingest_batch_size):
        _write_batch(con, chunk, settings, stats)
    stats.counts = table_counts(con)
    return stats


def ingest_records(con: duckdb.DuckDBPyConnection, records: Iterable[Record], settings: Settings = DEFAULT) -> IngestStats:
    """Store ready-made records (tests, other tools); the content hash stands in for the raw hash."""
    return store_records(con, ((r, content_hash(r)) for r in records), settings)


def _unseen(items: Iterable[tuple[str, str, Any]], known: dict[str, str], force: bool, stats: IngestStats) -> Iterator[Any]:
    """Drop (id, raw hash, payload) items already stored with the same raw hash; a later duplicate in the run too."""
    for doc_id, rhash, payload in items:
        stats.read += 1
        if not force and known.get(doc_id) == rhash:
            stats.skipped += 1
            continue
        known[doc_id] = rhash
        yield payload


def _parquet_items(path: str) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """(id, raw hash, (record JSON, raw hash)) of each row of a Parquet file or folder of partitions, in file order."""
    import pyarrow.dataset as ds

    p = Path(path)
    files = sorted(str(f) for f in p.rglob("*.parquet")) if p.is_dir() else [str(p)]
    for batch in ds.dataset(files, format="parquet").to_batches(columns=["id", "record"]):
        for doc_id, text in zip(batch.column("id").to_pylist(), batch.column("record").to_pylist(), strict=True):
            rhash = hashlib.sha1(text.encode()).hexdigest()
            yield doc_id, rhash, (text, rhash)


def _parse(pair: tuple[str, str]) -> tuple[Record, str]:
    """A record's JSON is parsed only once the skip check has let it through."""
    return Record.from_dict(json.loads(pair[0])), pair[1]


def ingest_paths(con: duckdb.DuckDBPyConnection, paths: Sequence[str], workers: int = 1, settings: Settings = DEFAULT,
                 force: bool = False, progress: bool = False, engine: str = "local", scheduler: str | None = None) -> IngestStats:
    """Run the pipeline over new or changed documents (Parquet record partitions are loaded as they are) and store them."""
    from kronik.executors import run
    from kronik.readers import read_paths

    stats = IngestStats()
    known = {} if force else dict(con.execute("SELECT doc_id, raw_hash FROM documents").fetchall())
    pages = [p for p in paths if not is_parquet(p)]
    pending: dict[str, deque[str]] = {}

    def fresh_docs() -> Iterator[RawDoc]:
        hashed = ((d.id, h, (d, h)) for d in read_paths(pages) for h in (raw_hash(d),))
        for doc, rhash in _unseen(hashed, known, force, stats):
            pending.setdefault(doc.id, deque()).append(rhash)
            yield doc

    def paired(records: Iterable[Record]) -> Iterator[tuple[Record, str]]:
        for rec in records:
            yield rec, pending[rec.id].popleft()

    streams: list[Iterable[tuple[Record, str]]] = [paired(run(fresh_docs(), workers, settings, engine, scheduler))] if pages else []
    streams += [map(_parse, _unseen(_parquet_items(p), known, force, stats)) for p in paths if is_parquet(p)]
    for stream in streams:
        store_records(con, _progress(stream, progress), settings, stats)
    stats.counts = table_counts(con)
    return stats


def _progress(items: Iterable[Any], enabled: bool) -> Iterable[Any]:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr, desc="ingest")


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main tables, for summaries, tests and the benchmark."""
    tables = ("articles", "mentions", "events", "errors", "documents", "near_duplicates")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


# ---------------------------------------------------------------- commands


def format_table(names: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """An aligned text table; long cells are cut with an ellipsis so rows stay on one line."""
    def cell(v: Any) -> str:
        text = "" if v is None else str(v).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(names))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(names), line(["-" * w for w in widths]), *(line(r) for r in body)])


def print_result(cur: duckdb.DuckDBPyConnection, as_csv: bool = False, out: Any = None) -> None:
    """Print a query result as an aligned table, or as CSV."""
    out = out or sys.stdout
    names = [d[0] for d in cur.description or []]
    rows = cur.fetchall() if names else []
    if as_csv:
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows(rows)
    elif names:
        print(format_table(names, rows), file=out)
        print(f"({len(rows)} row{'s' * (len(rows) != 1)})", file=out)


def _sql(args: argparse.Namespace) -> int:
    opened = open_for_reading(args.db, "sql")
    if opened is None:
        return 2
    with opened as con:
        try:
            print_result(con.execute(args.query), as_csv=getattr(args, "csv", False))
        except duckdb.Error as exc:
            print(f"kronik sql: {exc}", file=sys.stderr)
            return 1
    return 0


def _ingest(args: argparse.Namespace) -> int:
    batch = getattr(args, "batch_size", None)
    settings = replace(DEFAULT, ingest_batch_size=batch) if batch else DEFAULT
    with connect(args.db) as con:
        stats = ingest_paths(
            con, args.paths, workers=args.workers, settings=settings, force=getattr(args, "force", False),
            progress=not getattr(args, "no_progress", False) and sys.stderr.isatty(),
            engine=getattr(args, "engine", "local"), scheduler=getattr(args, "scheduler", None))
    c = stats.counts
    print(f"kronik ingest: {stats.read} documents read, {stats.skipped} skipped as already stored, {stats.added} added, "
          f"{stats.updated} updated, {stats.unchanged} unchanged, {stats.errors} errors; database {args.db}: "
          f"{c['articles']} articles, {c['mentions']} mentions, {c['events']} events", file=sys.stderr)
    return 0


def command(args: argparse.Namespace) -> int:
    """`kronik ingest` and `kronik sql`."""
    return _sql(args) if args.command == "sql" else _ingest(args)
