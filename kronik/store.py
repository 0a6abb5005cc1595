"""The event database (DuckDB): its schema and its writer.

A run's records come here last (kronik.ingest drives the run): the writer stores them in batches, one
transaction each, so a crash never leaves half an article and a rerun converges on the database one clean
run would have built. Each batch links syndicated copies to their canonical article (kronik.neardup decides
which pages are copies) and rebuilds the events its mentions touch (kronik.clustering decides which mentions
are one event). Reading the database is kronik.db's.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kronik.calendar import date_span, published_date, report_time
from kronik.clustering import Mention, cluster, cluster_key, effective_span, event_row, parties
from kronik.db import query_rows
from kronik.model import EVENT_FIELDS, RawDoc, Record
from kronik.neardup import band_buckets, comparable, jaccard, minhashes, tokens
from kronik.plover import lookup, quad_names
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
-- kronik watch: the URLs it knows (its frontier) and each source's last round (kronik.frontier)
CREATE TABLE IF NOT EXISTS watch_urls(
    url VARCHAR PRIMARY KEY, source VARCHAR, kind VARCHAR, state VARCHAR, listed VARCHAR, etag VARCHAR,
    last_modified VARCHAR, http_status INTEGER, doc_id VARCHAR, attempts INTEGER, error VARCHAR, via VARCHAR,
    discovered_at TIMESTAMP, fetched_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS watch_sources(
    source VARCHAR PRIMARY KEY, round_started TIMESTAMP, round_finished TIMESTAMP, rounds INTEGER,
    found INTEGER, fetched INTEGER, ingested INTEGER, failed INTEGER, last_error VARCHAR, last_error_at TIMESTAMP);
"""

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
    ("authors", pa.list_(pa.string())), ("language", pa.string()), ("published", pa.string()),
    ("published_date", pa.date32()), ("updated", pa.string()), ("body", pa.string()), ("dateline", pa.string()),
    ("content_hash", pa.string()), ("canonical_id", pa.string()), ("source", pa.string()),
    ("ingested_at", pa.timestamp("us")), ("published_source", pa.string())])
MENTION_SCHEMA = pa.schema([
    ("mention_id", pa.string()), ("article_id", pa.string()), ("event_id", pa.string()),
    ("actors", pa.list_(pa.string())), ("recipients", pa.list_(pa.string())), ("type", pa.string()),
    ("mode", pa.string()), ("status", pa.string()), ("date", pa.string()), ("date_start", pa.date32()),
    ("date_end", pa.date32()), ("location", pa.string()), ("location_country", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("sentence", pa.string()), ("actor_text", pa.string()),
    ("recipient_text", pa.string()), ("quad", pa.string()), ("cameo", pa.string()), ("intensity", pa.float64()),
    ("parties", pa.list_(pa.string())), ("quad_class", pa.int8()), ("cluster_key", pa.string()),
    ("span_start", pa.date32()), ("span_end", pa.date32())])
EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("actors", pa.list_(pa.string())), ("recipients", pa.list_(pa.string())),
    ("parties", pa.list_(pa.string())), ("type", pa.string()), ("mode", pa.string()), ("status", pa.string()),
    ("date", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()), ("location", pa.string()),
    ("location_country", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()), ("quad", pa.string()),
    ("cameo", pa.string()), ("intensity", pa.float64()), ("source_count", pa.int32()), ("outlets", pa.list_(pa.string())),
    ("first_reported", pa.string()), ("last_reported", pa.string()), ("sentence", pa.string()), ("article_id", pa.string()),
    ("quad_class", pa.int8()), ("mention_count", pa.int32()), ("article_count", pa.int32()), ("actor_text", pa.string()),
    ("recipient_text", pa.string()), ("cluster_key", pa.string())])


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; a writable connection creates its folder and the schema (both idempotent)."""
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        con.execute(SCHEMA).fetchall()
    return con


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


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main tables, for summaries, tests and the benchmark."""
    tables = ("articles", "mentions", "events", "errors", "documents", "near_duplicates")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


# ---------------------------------------------------------------- rows of a record


def quad_class(event_type: str | None, coder_quad: str | None = None) -> int | None:
    """Quad class from the PLOVER type (kronik/data/plover.tsv), else from the coder's own quad label."""
    known = lookup(event_type)
    if known is not None:
        return known.quad_class
    label = (coder_quad or "").lower().replace(" ", "_").replace("-", "_")
    for n, name in quad_names().items():
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


def _article_rows(records: Sequence[tuple[Record, str]], now: datetime) -> pa.Table:
    """Article rows of records that have an article; each starts as its own canonical article."""
    return pa.Table.from_pylist([
        {"article_id": rec.id, "url": a.url, "outlet": a.outlet, "title": a.title, "authors": list(a.authors),
         "language": a.language, "published": a.published, "published_date": published_date(a.published),
         "updated": a.updated, "body": a.body, "dateline": a.dateline, "content_hash": chash, "canonical_id": rec.id,
         "source": rec.source, "ingested_at": now, "published_source": a.published_source}
        for rec, chash in records if (a := rec.article) is not None], schema=ARTICLE_SCHEMA)


def mention_rows(record: Record, settings: Settings = DEFAULT) -> list[dict[str, Any]]:
    """One row per coded event of a record; quad, quad class, CAMEO code and intensity come from plover.tsv when the
    coder gave none. Spans count from the record's own publication; the writer moves those of syndicated copies
    (_place)."""
    reported = report_time(record.article.published if record.article else None)
    rows = []
    for i, e in enumerate(record.events):
        start, end = date_span(e.date) or (None, None)
        qc = quad_class(e.type, e.quad)
        ps = parties(e.actors, e.recipients)
        span = effective_span(start, end, reported, settings) or (None, None)
        facts = lookup(e.type, e.mode)
        row = {f: getattr(e, f) for f in EVENT_FIELDS}
        row.update(
            mention_id=f"{record.id}#{i}", article_id=record.id, event_id=None, actors=list(e.actors),
            recipients=list(e.recipients), date_start=start, date_end=end, parties=ps, quad_class=qc,
            quad=quad_names().get(qc or 0, e.quad), cameo=e.cameo or (facts.cameo if facts else None),
            intensity=e.intensity if e.intensity is not None else (facts.score if facts else None),
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


# ---------------------------------------------------------------- near-duplicates (syndicated copies)


class _Shingles:
    """Shingle sets of articles: this batch's from memory, stored ones fetched from the database once each."""

    def __init__(self, con: duckdb.DuckDBPyConnection, settings: Settings, known: dict[str, set[bytes]]) -> None:
        self.con, self.settings, self.sets = con, settings, dict(known)

    def fetch(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self.sets]
        if missing:
            for aid, body in _in(self.con, "SELECT article_id, body FROM articles WHERE article_id IN (SELECT unnest(?))", missing):
                self.sets[aid] = comparable(body or "", self.settings)

    def similarity(self, a: str, b: str) -> float:
        self.fetch((a, b))
        return jaccard(self.sets.get(a, set()), self.sets.get(b, set()))


def _canonical_order(published: str | None, article_id: str) -> tuple[bool, datetime, str]:
    t = report_time(published)
    return t is None, t or datetime.max.replace(tzinfo=UTC), article_id


@dataclass(slots=True)
class _Links:
    """What linking decided: the canonical article and its publication for every article it placed, each copy's
    similarity to its canonical article (for the links it wrote), and the stored articles (not of this batch) whose
    canonical article changed."""

    canonical: dict[str, str]
    published: dict[str, str | None]
    similarity: dict[str, float]
    changed: set[str]

    def anchor(self, article_id: str) -> str | None:
        """Publication of the article's canonical article: what its undated mentions count from."""
        return self.published.get(self.canonical.get(article_id, article_id))


def _link(con: duckdb.DuckDBPyConnection, linking: Iterable[str], known: dict[str, set[bytes]], settings: Settings) -> _Links:
    """Place articles (new or changed ones, and the members of groups an update broke up) in near-duplicate groups.

    MinHash LSH proposes candidates (articles sharing a band bucket); the exact Jaccard similarity of the shingle sets
    decides, so a pair near the threshold is not linked or left by the luck of the hash draw. An article joins every
    candidate group it is similar to any member of (the group's canonical article is tried first, so a plain copy
    costs one comparison), merging them: groups are the connected components of the similarity graph, whatever the
    order pages arrive in. Each group's canonical article is its earliest published member (then the smallest id);
    `near_duplicates` holds one row per other member, linking it to the canonical article with their similarity,
    so the table grows with the number of copies, not with their square.
    """
    linking = sorted(set(linking))
    candidates: dict[str, list[str]] = {}
    for x, y in _in(con, """
            SELECT DISTINCT n.article_id, o.article_id
            FROM lsh_bands n JOIN lsh_bands o ON n.band = o.band AND n.bucket = o.bucket AND n.article_id <> o.article_id
            WHERE n.article_id IN (SELECT unnest(?)) ORDER BY 1, 2""", linking):
        candidates.setdefault(x, []).append(y)
    own = {aid: (canon, pub) for aid, canon, pub in _in(
        con, "SELECT article_id, canonical_id, published FROM articles WHERE article_id IN (SELECT unnest(?))", linking)}
    others = {y for ys in candidates.values() for y in ys} - set(linking)
    stored = {aid: (canon, pub) for aid, canon, pub in _in(con, """
        SELECT article_id, canonical_id, published FROM articles
        WHERE canonical_id IN (SELECT canonical_id FROM articles WHERE article_id IN (SELECT unnest(?)))""", others)
        if aid not in own}
    parent = {aid: canon for aid, (canon, _) in stored.items()} | {x: x for x in linking}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shingled = _Shingles(con, settings, known)
    for x in linking:
        by_group: dict[str, list[str]] = {}
        for y in candidates.get(x, ()):
            by_group.setdefault(find(y), []).append(y)
        for root, ys in sorted(by_group.items()):
            if find(root) == find(x):
                continue
            ys.sort(key=lambda y: (y != root, y))  # a stored group's root is its canonical article
            shingled.fetch((x, ys[0]))
            if shingled.similarity(x, ys[0]) < settings.near_duplicate_threshold:
                shingled.fetch(ys[1:])
                if not any(shingled.similarity(x, y) >= settings.near_duplicate_threshold for y in ys[1:]):
                    continue
            parent[find(x)] = find(root)

    published = {aid: pub for aid, (_, pub) in (stored | own).items()}
    before = {aid: canon for aid, (canon, _) in (stored | own).items()}
    touched = {find(x) for x in linking}
    groups: dict[str, list[str]] = {}
    for aid in sorted(parent):
        if (root := find(aid)) in touched:
            groups.setdefault(root, []).append(aid)
    canonical = {aid: min(members, key=lambda a: _canonical_order(published.get(a), a))
                 for members in groups.values() for aid in members}
    changed = {aid for aid, canon in canonical.items() if canon != before.get(aid)}
    rewrite = sorted(set(linking) | changed)
    _in(con, "DELETE FROM near_duplicates WHERE duplicate_id IN (SELECT unnest(?))", rewrite)
    links = [(canonical[a], a) for a in rewrite if canonical[a] != a]
    shingled.fetch({x for link in links for x in link})
    similarity = {a: round(shingled.similarity(c, a), 4) for c, a in links}
    if links:
        _insert(con, "near_duplicates", pa.table({
            "article_id": [c for c, _ in links], "duplicate_id": [a for _, a in links],
            "similarity": pa.array([similarity[a] for _, a in links], pa.float64())}))
    if changed:
        con.register("_canon", pa.table({"article_id": sorted(changed), "canonical_id": [canonical[a] for a in sorted(changed)]}))
        con.execute("UPDATE articles SET canonical_id = c.canonical_id FROM _canon c WHERE articles.article_id = c.article_id").fetchall()
        con.unregister("_canon")
    return _Links(canonical, published, similarity, changed - set(linking))


def _place(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]], links: _Links, settings: Settings) -> None:
    """Set the spans of mention rows (new ones, and stored ones whose article's canonical article may have changed).

    A copy of its canonical article (similar to it by itself, not only through other members of the group) whose
    mention has the sentence and cluster key of one of the canonical article's mentions takes that mention's span:
    the same sentence of the same text is the same report, whatever date either page gives or lacks. Other mentions
    count from their own date, else from their canonical article's publication (effective_span)."""
    def canonical(r: dict[str, Any]) -> str:
        return links.canonical.get(r["article_id"], r["article_id"])

    own = [r for r in rows if canonical(r) == r["article_id"]]
    copies = [r for r in rows if canonical(r) != r["article_id"]]
    direct = [r for r in copies if links.similarity.get(r["article_id"], 0.0) >= settings.near_duplicate_threshold]
    for r in [*own, *copies]:
        span = effective_span(r["date_start"], r["date_end"], report_time(links.anchor(r["article_id"])), settings)
        r["span_start"], r["span_end"] = span or (None, None)
    spans: dict[tuple[str, str, str], tuple[Any, Any]] = {}
    for r in sorted(own, key=lambda r: r["mention_id"]):
        spans.setdefault((r["article_id"], r["cluster_key"], r["sentence"]), (r["span_start"], r["span_end"]))
    stored = {canonical(r) for r in direct} - {r["article_id"] for r in own}
    for aid, key, sentence, start, end in _in(con, """SELECT article_id, cluster_key, sentence, span_start, span_end FROM mentions
                                                    WHERE article_id IN (SELECT unnest(?)) ORDER BY mention_id""", stored):
        spans.setdefault((aid, key, sentence), (start, end))
    for r in direct:
        if (found := spans.get((canonical(r), r["cluster_key"], r["sentence"]))) is not None:
            r["span_start"], r["span_end"] = found


def _respan_rows(con: duckdb.DuckDBPyConnection, articles: Iterable[str]) -> list[dict[str, Any]]:
    """Stored mentions of articles whose spans may change, with their current spans kept as old_start/old_end."""
    return query_rows(con, """SELECT mention_id, article_id, date_start, date_end, cluster_key, sentence, span_start AS old_start,
                                     span_end AS old_end, event_id FROM mentions WHERE article_id IN (SELECT unnest(?))""",
                      [sorted(set(articles))])


def _update_spans(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Write the spans of stored mentions that moved; returns their events, which must be rebuilt."""
    moved = [r for r in rows if (r["span_start"], r["span_end"]) != (r["old_start"], r["old_end"])]
    if moved:
        con.register("_span", pa.table({"mention_id": [r["mention_id"] for r in moved],
                                        "span_start": pa.array([r["span_start"] for r in moved], pa.date32()),
                                        "span_end": pa.array([r["span_end"] for r in moved], pa.date32())}))
        con.execute("""UPDATE mentions SET span_start = s.span_start, span_end = s.span_end FROM _span s
                       WHERE mentions.mention_id = s.mention_id""").fetchall()
        con.unregister("_span")
    return {r["event_id"] for r in moved}


# ---------------------------------------------------------------- writing a batch


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
    """Write new and changed articles with their links, mentions and index rows; returns the events made stale."""
    ids = [r.id for r, _ in fresh]
    stale = {e for (e,) in _in(con, "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT unnest(?))", ids)}
    # a changed article may have held its group together: the group's other members are placed afresh
    broken = {a for (a,) in _in(con, """SELECT article_id FROM articles WHERE canonical_id IN (
                                           SELECT canonical_id FROM articles WHERE article_id IN (SELECT unnest(?)))""", ids)} - set(ids)
    for table, column in _PER_ARTICLE:
        _in(con, f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", ids)
    _insert(con, "articles", _article_rows(fresh, now))
    articles = [(rec, rec.article) for rec, _ in fresh if rec.article is not None]
    sets = {rec.id: comparable(a.body, settings) for rec, a in articles}
    sigs = minhashes([sets[rec.id] for rec, _ in articles], settings)
    bands = [(rec.id, b, bucket) for (rec, _), sig in zip(articles, sigs, strict=True) if sig is not None
             for b, bucket in enumerate(band_buckets(sig, settings))]
    _insert(con, "lsh_bands", pa.table({
        "article_id": [r[0] for r in bands], "band": pa.array([r[1] for r in bands], pa.int16()),
        "bucket": pa.array([r[2] for r in bands], pa.uint64())}))
    links = _link(con, [*ids, *broken], sets, settings)
    mentions = [m for rec, _ in articles for m in mention_rows(rec, settings)]
    stored = _respan_rows(con, broken | links.changed)
    _place(con, [*mentions, *stored], links, settings)
    _insert(con, "mentions", pa.Table.from_pylist(mentions, schema=MENTION_SCHEMA))
    _index_terms(con, [(rec.id, f"{a.title or ''}\n{a.body}") for rec, a in articles])
    return stale | _update_spans(con, stored)


def _write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[tuple[Record, str]], settings: Settings,
                 stats: IngestStats) -> None:
    """Write one batch (records with their raw hashes) and re-cluster what it touched, in one transaction."""
    now = datetime.now(UTC).replace(tzinfo=None)
    latest: dict[str, tuple[Record, str]] = {}
    for rec, rhash in batch:  # the same id twice in one batch (a page crawled twice): the later copy wins
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


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


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


# ---------------------------------------------------------------- cross-article events

# Mentions of the touched cluster keys, cut into chunks: runs of spans that overlap (within event_cluster_days)
# the furthest span before them, and, for mentions without a span, runs of one anchor (canonical article).
# Events never cross a chunk border, so only the chunks that hold a new mention (event_id NULL) or a mention
# of a stale event need rebuilding.
_CHUNKS = """
    WITH m AS (
        SELECT m.mention_id, m.cluster_key, m.span_start, m.span_end, m.event_id, a.canonical_id AS anchor
        FROM mentions m JOIN articles a USING (article_id)
        WHERE m.cluster_key IN (SELECT cluster_key FROM mentions WHERE event_id IS NULL OR event_id IN (SELECT unnest($1)))),
    ordered AS (
        SELECT *, max(span_end) OVER before AS reach, lag(span_start) OVER w AS prev_start,
               lag(anchor) OVER w AS prev_anchor, row_number() OVER w AS n
        FROM m
        WINDOW w AS (PARTITION BY cluster_key ORDER BY span_start, span_end, anchor, mention_id),
               before AS (PARTITION BY cluster_key ORDER BY span_start, span_end, anchor, mention_id
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
    chunked AS (
        SELECT *, sum(CASE WHEN n = 1 THEN 1
                           WHEN span_start IS NULL THEN CASE WHEN prev_start IS NOT NULL OR prev_anchor <> anchor THEN 1 ELSE 0 END
                           WHEN span_start > reach + $2 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY cluster_key ORDER BY span_start, span_end, anchor, mention_id ROWS UNBOUNDED PRECEDING) AS chunk
        FROM ordered),
    hit AS (SELECT DISTINCT cluster_key, chunk FROM chunked WHERE event_id IS NULL OR event_id IN (SELECT unnest($1)))
    SELECT mentions.*, chunked.chunk, chunked.anchor FROM chunked JOIN hit USING (cluster_key, chunk) JOIN mentions USING (mention_id)
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
    chunks: dict[tuple[str, int], list[Mention]] = {}
    for r in rows:
        chunks.setdefault((r["cluster_key"], r["chunk"]), []).append(Mention(
            r["mention_id"], r, report_time(articles[r["article_id"]]["published"]), r["span_start"], r["span_end"], r["anchor"]))
    events: list[dict[str, Any]] = []
    assignment: dict[str, str] = {}
    for k in sorted(chunks):
        for group in cluster(chunks[k], settings):
            events.append(event_row(group, articles))
            assignment.update((m.mention_id, events[-1]["event_id"]) for m in group)
    old = set(stale_ids) | {r["event_id"] for r in rows if r["event_id"]}
    con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [sorted(old)]).fetchall()
    _insert(con, "events", pa.Table.from_pylist(events, schema=EVENT_SCHEMA))
    if assignment:
        con.register("_assign", pa.table({"mention_id": list(assignment), "event_id": list(assignment.values())}))
        con.execute("UPDATE mentions SET event_id = a.event_id FROM _assign a WHERE mentions.mention_id = a.mention_id").fetchall()
        con.unregister("_assign")
