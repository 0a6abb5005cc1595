"""The event database: idempotent ingest, updates, near-duplicates, cross-article events, atomic batches."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kronik import db, ingest, store
from kronik.calendar import date_span, published_date
from kronik.clustering import parties
from kronik.gazetteer import party
from kronik.model import Article, Event, Record
from kronik.settings import Settings

# A written sample (not from ../shared): one wire story that two outlets publish with their own furniture.
STORY = [
    "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Jepang di Jakarta pada Senin untuk membahas "
    "kerja sama maritim dan keamanan kawasan Indo-Pasifik.",
    "Kedua menteri sepakat memperluas latihan penjaga pantai bersama dan mempercepat perundingan perjanjian "
    "perdagangan yang sempat tertunda sejak tahun lalu.",
    "Menurut juru bicara kementerian, pertemuan berlangsung selama dua jam dan diakhiri dengan jumpa pers bersama "
    "di gedung Pancasila, tempat kedua menteri menjawab pertanyaan wartawan tentang situasi di Laut China Selatan.",
    "Pemerintah Jepang juga menyatakan akan mengirim bantuan peralatan pemantauan laut kepada Indonesia pada tahun "
    "depan sebagai bagian dari program peningkatan kapasitas.",
]
OTHER = [
    "Pemerintah Rusia mengecam keputusan Uni Eropa untuk memperpanjang sanksi ekonomi selama enam bulan lagi.",
    "Juru bicara Kremlin menyebut langkah itu tidak bersahabat dan berjanji akan menanggapi secara setimpal.",
]


def meeting(sentence: str = "bertemu", date_: str | None = "2024-03-04", status: str = "occurred") -> Event:
    return Event(actors=["IDNGOV", "JPNGOV"], recipients=[], type="CONSULT", mode="visit", status=status,
                 date=date_, location="Jakarta", sentence=sentence)


def record(doc_id: str, outlet: str, published: str | None, paragraphs: list[str], events: list[Event],
           title: str | None = None) -> Record:
    article = Article(id=doc_id, outlet=outlet, title=title or f"Berita {doc_id}", published=published,
                      paragraphs=paragraphs, language="id")
    return Record(id=doc_id, article=article, events=events, source="test")


@pytest.fixture
def con(tmp_path: Path):
    c = store.connect(str(tmp_path / "k.duckdb"))
    yield c
    c.close()


def in_three_orders(tmp_path: Path, recs: list[Record]) -> list[dict[str, list[tuple]]]:
    """Snapshots of three databases built from the records in three orders and batch sizes."""
    snaps = []
    for name, order, size in (("one", recs, 200), ("two", recs[::-1], 1), ("three", recs[1:] + recs[:1], 2)):
        with store.connect(str(tmp_path / f"{name}.duckdb")) as con:
            store.ingest_records(con, order, Settings(ingest_batch_size=size))
            snaps.append(snapshot(con))
    return snaps


def snapshot(con) -> dict[str, list[tuple]]:
    """Everything but ingest timestamps, in a stable order: two runs that agree here built the same database."""
    return {
        "articles": con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY article_id").fetchall(),
        "mentions": con.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall(),
        "events": con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
        "errors": con.execute("SELECT doc_id, source, error FROM errors ORDER BY doc_id").fetchall(),
        "documents": con.execute("SELECT doc_id, raw_hash FROM documents ORDER BY doc_id").fetchall(),
        "near_duplicates": con.execute("SELECT * FROM near_duplicates ORDER BY ALL").fetchall(),
    }


def test_helpers() -> None:
    assert party("KORGOV") == "KOR" and party("IGO:ASEAN") == "IGO:ASEAN"
    assert parties(["PRKGOV", "KOR"], ["IGO:ASEAN"]) == ["IGO:ASEAN", "KOR", "PRK"]
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2024-03-04/2024-03-10") == (date(2024, 3, 4), date(2024, 3, 10))
    assert date_span("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_span("kemarin") is None
    assert published_date("2021-08-23T17:33:00+07:00") == date(2021, 8, 23)
    assert store.quad_class("SANCTION") == 4 and store.quad_class(None, "verbal cooperation") == 1


def test_dev_pages_twice_same_counts(shared: Path, tmp_path: Path) -> None:
    with store.connect(str(tmp_path / "dev.duckdb")) as con:
        first = ingest.ingest_paths(con, [str(shared / "dev" / "input.jsonl")])
        assert first.counts["articles"] + first.counts["errors"] == first.read > 0
        again = ingest.ingest_paths(con, [str(shared / "dev" / "input.jsonl")])
        assert again.skipped == again.read and again.added == again.updated == 0
        assert again.counts == first.counts
        forced = ingest.ingest_paths(con, [str(shared / "dev" / "input.jsonl")], force=True)
        assert forced.unchanged == first.added and forced.counts == first.counts


def test_same_record_twice_is_a_no_op(con) -> None:
    rec = record("a", "Kompas", "2024-03-05T08:00:00+07:00", STORY, [meeting()])
    store.ingest_records(con, [rec])
    before = snapshot(con)
    stats = store.ingest_records(con, [rec])
    assert stats.unchanged == 1 and snapshot(con) == before


def test_changed_page_is_updated(con) -> None:
    store.ingest_records(con, [record("a", "Kompas", "2024-03-05", STORY, [meeting(), meeting("lagi", "2024-03-20")])])
    assert store.table_counts(con)["mentions"] == 2
    stats = store.ingest_records(con, [record("a", "Kompas", "2024-03-05", STORY, [meeting()], title="Judul baru")])
    assert stats.updated == 1
    assert con.execute("SELECT title FROM articles").fetchall() == [("Judul baru",)]
    assert store.table_counts(con) | {"documents": 0} == {"articles": 1, "mentions": 1, "events": 1, "errors": 0,
                                                          "documents": 0, "near_duplicates": 0}


def test_syndicated_copy_links_to_one_canonical_article(con) -> None:
    original = record("kompas-1", "Kompas", "2024-03-04T19:00:00+07:00", STORY, [meeting()])
    copy = record("tribun-9", "Tribun", "2024-03-05T07:30:00+07:00", STORY, [meeting("bertemu (salinan)")],
                  title="Indonesia dan Jepang perkuat kerja sama maritim")
    unrelated = record("rbc-2", "Kontan", "2024-03-05", OTHER, [])
    store.ingest_records(con, [copy, unrelated, original])  # the copy first: the canonical one is still the earliest
    rows = dict(con.execute("SELECT article_id, canonical_id FROM articles").fetchall())
    assert rows == {"kompas-1": "kompas-1", "tribun-9": "kompas-1", "rbc-2": "rbc-2"}
    event = con.execute("SELECT source_count, article_count, outlets FROM events").fetchall()
    assert event == [(1, 2, ["Kompas", "Tribun"])]  # one article text, carried by two outlets


def test_short_stubs_are_not_near_duplicates(con) -> None:
    stubs = [record(i, "Kompas", "2024-03-05", ["Foto: Antara", "Baca juga berita lainnya"], []) for i in ("s1", "s2")]
    store.ingest_records(con, stubs)
    assert store.table_counts(con)["near_duplicates"] == 0


def test_copy_with_leftover_furniture_links_at_its_similarity(tmp_path: Path) -> None:
    original = record("kompas-1", "Kompas", "2024-03-04", STORY, [])
    copy = record("tribun-9", "Tribun", "2024-03-05", [*STORY, "Baca juga: Harga cabai naik menjelang Ramadan"], [])
    with store.connect(str(tmp_path / "k.duckdb")) as con:
        store.ingest_records(con, [original, copy], Settings(near_duplicate_threshold=0.8))
        assert con.execute("SELECT canonical_id FROM articles WHERE article_id = 'tribun-9'").fetchone() == ("kompas-1",)
        (sim,) = con.execute("SELECT similarity FROM near_duplicates").fetchone()
        assert 0.8 <= sim < 1


def test_same_event_from_two_outlets_is_one_event_with_two_sources(con) -> None:
    a = record("kompas-1", "Kompas", "2024-03-04T19:00:00+07:00", STORY, [meeting()])
    b = record("antara-7", "Antara", "2024-03-05T09:00:00+07:00", [*OTHER[:1], "Pertemuan di Jakarta pada Senin."],
               [Event(actors=["JPN"], recipients=["IDN"], type="CONSULT", date="2024-03-04", sentence="Pertemuan di Jakarta")])
    later = record("antara-8", "Antara", "2024-05-20", OTHER[1:], [meeting("bertemu lagi", "2024-05-19")])
    planned = record("antara-9", "Antara", "2024-03-01", ["Rencana pertemuan pekan depan."],
                     [meeting("akan bertemu", "2024-03-04", status="planned")])
    store.ingest_records(con, [a, b, later, planned])
    events = con.execute("""SELECT status, date, source_count, outlets, first_reported, last_reported, article_id
                            FROM events ORDER BY first_reported""").fetchall()
    assert events == [
        ("planned", "2024-03-04", 1, ["Antara"], "2024-03-01", "2024-03-01", "antara-9"),
        ("occurred", "2024-03-04", 2, ["Antara", "Kompas"], "2024-03-04T19:00:00+07:00", "2024-03-05T09:00:00+07:00", "kompas-1"),
        ("occurred", "2024-05-19", 1, ["Antara"], "2024-05-20", "2024-05-20", "antara-8"),
    ]
    linked = con.execute("SELECT count(DISTINCT event_id), count(*) FROM mentions WHERE event_id IS NOT NULL").fetchone()
    assert linked == (3, 4)


def test_undated_mentions_join_by_report_week(con) -> None:
    dated = record("a", "Kompas", "2024-03-05", STORY, [meeting(date_="2024-03-04")])
    undated = record("b", "Antara", "2024-03-06", OTHER, [meeting("tanpa tanggal", date_=None)])
    stale = record("c", "Antara", "2024-04-30", ["Kilas balik."], [meeting("tanpa tanggal", date_=None)])
    store.ingest_records(con, [dated, undated, stale])
    assert sorted(r[0] for r in con.execute("SELECT source_count FROM events").fetchall()) == [1, 2]


def test_result_does_not_depend_on_order_or_batching(tmp_path: Path) -> None:
    recs = [
        record("kompas-1", "Kompas", "2024-03-04T19:00:00+07:00", STORY, [meeting()]),
        record("tribun-9", "Tribun", "2024-03-05", [*STORY, "Baca juga: lainnya"], [meeting()]),
        record("antara-7", "Antara", "2024-03-05", OTHER, [meeting("x", "2024-03-05")]),
        record("antara-8", "Antara", "2024-03-30", OTHER[1:], [meeting("y", None)]),
        Record(id="broken", error="binary content (NUL bytes)", source="test"),
    ]
    snaps = in_three_orders(tmp_path, recs)
    assert snaps[0] == snaps[1] == snaps[2]
    assert snaps[0]["errors"] == [("broken", "test", "binary content (NUL bytes)")]


def test_crash_mid_run_rolls_back_the_batch_and_rerun_converges(tmp_path: Path, monkeypatch) -> None:
    recs = [record(f"doc-{i}", "Kompas", f"2024-03-{i + 1:02d}", [f"Paragraf nomor {i}.", *OTHER], [meeting(date_=f"2024-03-{i + 1:02d}")])
            for i in range(6)]
    settings = Settings(ingest_batch_size=2)
    with store.connect(str(tmp_path / "clean.duckdb")) as con:
        store.ingest_records(con, recs, settings)
        clean = snapshot(con)
    calls = {"n": 0}
    real = store.recluster

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    path = str(tmp_path / "crashed.duckdb")
    with store.connect(path) as con:
        monkeypatch.setattr(store, "recluster", dying)
        with pytest.raises(KeyboardInterrupt):
            store.ingest_records(con, recs, settings)
        monkeypatch.setattr(store, "recluster", real)
        assert store.table_counts(con)["articles"] == 2  # the first batch only, never half of the second
    with store.connect(path) as con:
        store.ingest_records(con, recs, settings)
        assert snapshot(con) == clean


def test_parquet_partitions_are_loaded_and_skipped_the_second_time(con, tmp_path: Path) -> None:
    recs = [record("p1", "Kompas", "2024-03-05", STORY, [meeting()]), Record(id="p2", error="empty document", source="x")]
    folder = tmp_path / "out"
    folder.mkdir()
    table = pa.table({"id": [r.id for r in recs], "record": [json.dumps(r.to_dict()) for r in recs]})
    pq.write_table(table, folder / "part-0.parquet")
    first = ingest.ingest_paths(con, [str(folder)])
    assert first.counts["articles"] == 1 and first.counts["errors"] == 1 and first.counts["events"] == 1
    again = ingest.ingest_paths(con, [str(folder)])
    assert again.skipped == 2 and again.counts == first.counts


def fake_process(raw, settings=None) -> Record:
    """Stands in for the pipeline, so these tests do not depend on the cleaner and coder of the day."""
    return record(raw.id, "Kompas", "2024-03-05", [p for p in (raw.text or "").split("\n") if p], [meeting()])


def test_pages_are_skipped_before_the_pipeline(con, tmp_path: Path, monkeypatch) -> None:
    page = tmp_path / "halaman.txt"
    page.write_text("\n".join(STORY), encoding="utf-8")
    monkeypatch.setattr("kronik.executors.process", fake_process)
    assert ingest.ingest_paths(con, [str(page)]).added == 1
    monkeypatch.setattr("kronik.executors.process", lambda *a, **k: pytest.fail("pipeline ran on a stored page"))
    assert ingest.ingest_paths(con, [str(page)]).skipped == 1
    page.write_text("\n".join([*STORY, "Paragraf tambahan yang baru ditulis redaksi."]), encoding="utf-8")
    monkeypatch.setattr("kronik.executors.process", fake_process)
    stats = ingest.ingest_paths(con, [str(page)])
    assert stats.updated == 1 and stats.counts["articles"] == 1 and stats.counts["events"] == 1


def test_search_articles_ranks_matching_articles(con) -> None:
    store.ingest_records(con, [record("a", "Kompas", "2024-03-05", STORY, []), record("b", "Kontan", "2024-03-06", OTHER, [])])
    found = db.search_articles(con, "Sanksi Uni Eropa", 5)
    assert [r["article_id"] for r in found] == ["b"]
    assert db.search_articles(con, "maritim sanksi", 5) == []
    assert db.search_articles(con, "  ", 5) == []


def test_sql_command_prints_table_and_csv(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "k.duckdb")
    with store.connect(path) as con:
        store.ingest_records(con, [record("a", "Kompas", "2024-03-05", STORY, [meeting()])])
    args = argparse.Namespace(command="sql", db=path, query="SELECT article_id, outlet, 42 AS n FROM articles", csv=False)
    assert db.command(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["article_id", "outlet", "n"] and out[2].split() == ["a", "Kompas", "42"] and out[-1] == "(1 row)"
    assert db.command(replace_ns(args, csv=True)) == 0
    assert capsys.readouterr().out.splitlines() == ["article_id,outlet,n", "a,Kompas,42"]
    assert db.command(replace_ns(args, query="SELECT nope")) == 1


def replace_ns(ns: argparse.Namespace, **changes) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(ns), **changes})


def test_settings_are_respected(con) -> None:
    strict = replace(Settings(), event_cluster_days=0, event_cluster_undated_days=0)
    recs = [record("a", "Kompas", "2024-03-05", STORY, [meeting(date_="2024-03-04")]),
            record("b", "Antara", "2024-03-06", OTHER, [meeting(date_="2024-03-05")])]
    store.ingest_records(con, recs, strict)
    assert store.table_counts(con)["events"] == 2


def test_incremental_updates_equal_a_fresh_build(tmp_path: Path) -> None:
    def day(doc_id: str, d: str, outlet: str = "Antara") -> Record:
        return record(doc_id, outlet, d, [f"Laporan {doc_id}.", *OTHER], [meeting(date_=d)])

    first = [day("a", "2024-03-01"), day("b", "2024-03-02"), day("c", "2024-03-03"), day("d", "2024-03-04", "Kompas")]
    final = [day("a", "2024-03-01"), day("b", "2024-06-02"), record("c", "Tempo", "2024-03-03", OTHER, []), day("d", "2024-03-04")]
    with store.connect(str(tmp_path / "inc.duckdb")) as con:
        store.ingest_records(con, first, Settings(ingest_batch_size=1))
        store.ingest_records(con, final, Settings(ingest_batch_size=1))
        incremental = snapshot(con)
    with store.connect(str(tmp_path / "fresh.duckdb")) as con:
        store.ingest_records(con, final)
        fresh = snapshot(con)
    assert incremental["events"] == fresh["events"] and incremental["mentions"] == fresh["mentions"]
    assert len(fresh["events"]) == 3


def test_ingest_command_prints_a_summary(tmp_path: Path, monkeypatch, capsys) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"p{i}.txt").write_text(f"Halaman {i}.\n" + "\n".join(STORY), encoding="utf-8")
    monkeypatch.setattr("kronik.executors.process", fake_process)
    args = argparse.Namespace(command="ingest", paths=[str(pages)], db=str(tmp_path / "k.duckdb"), workers=1,
                              engine="local", scheduler=None, no_progress=True, force=False, batch_size=2)
    assert ingest.command(args) == 0
    assert "3 documents read, 0 skipped as already stored, 3 added" in capsys.readouterr().err
    assert ingest.command(args) == 0
    assert "3 skipped as already stored" in capsys.readouterr().err


SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pages"


@pytest.mark.skipif(not (SAMPLES / "beritaselatan-bantuan-gaza.txt").exists(), reason="samples/pages not present")
def test_sample_pages_end_to_end(tmp_path: Path) -> None:
    """Through the real pipeline: the syndicated sample is linked to its original, the MoU reported by two
    outlets is one event with two sources, and ingesting the folder again changes nothing."""
    with store.connect(str(tmp_path / "s.duckdb")) as con:
        first = ingest.ingest_paths(con, [str(SAMPLES)])
        canonical = dict(con.execute("SELECT article_id, canonical_id FROM articles").fetchall())
        assert canonical["wartanusantara-bantuan-gaza-syndicated"] == "beritaselatan-bantuan-gaza"
        assert sum(a != c for a, c in canonical.items()) == 1
        mou = con.execute("""SELECT source_count, list_sort(list(DISTINCT m.article_id)) FROM events e JOIN mentions m USING (event_id)
                             WHERE e.parties = ['IDN', 'JPN'] AND e.type = 'AGREE' AND e.status = 'occurred'
                               AND e.date_start = DATE '2025-07-14' GROUP BY ALL""").fetchall()
        assert (2, ["kabardunia-indonesia-jepang-mou", "wartanusantara-indonesia-jepang-mou"]) in mou
        again = ingest.ingest_paths(con, [str(SAMPLES)])
        assert again.skipped == again.read == first.read and again.counts == first.counts


def test_reporting_commands_explain_a_missing_or_busy_database(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "k.duckdb")
    args = argparse.Namespace(command="sql", db=path, query="SELECT 1", csv=False)
    assert db.command(args) == 2 and "no database" in capsys.readouterr().err
    with store.connect(path):  # a writer holds the file
        assert db.command(args) == 2 and "cannot open" in capsys.readouterr().err


def test_cli_wires_the_database_commands(tmp_path: Path, monkeypatch, capsys) -> None:
    from kronik.cli import main

    page = tmp_path / "halaman.txt"
    page.write_text("\n".join(STORY), encoding="utf-8")
    db = str(tmp_path / "k.duckdb")
    monkeypatch.setattr("kronik.executors.process", fake_process)
    assert main(["ingest", str(page), "--db", db, "--batch-size", "1", "--force", "--no-progress"]) == 0
    assert main(["sql", "SELECT count(*) AS n FROM events", "--db", db, "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "1"]
    assert main(["top", "--db", db]) == 0 and "IDN  JPN" in capsys.readouterr().out
    assert main(["timeline", "Indonesia", "Jepang", "--db", db, "--freq", "year"]) == 0
    assert main(["export", "--db", db, "--schema", "gdelt", "-o", str(tmp_path / "g.csv")]) == 0
    assert (tmp_path / "g.csv").read_text().startswith('"GLOBALEVENTID"')


def test_near_duplicate_links_grow_linearly_with_copies(con) -> None:
    """Issue 10 defect "near_duplicates grew to 771,075 rows for 10,350 documents": links go to the canonical
    article only, one row per copy, however many copies there are."""
    original = record("asli", "Kompas", "2024-03-04T19:00:00+07:00", STORY, [meeting()])
    copies = [record(f"salinan-{i:02d}", f"Outlet{i}", "2024-03-05", STORY, [meeting()]) for i in range(30)]
    store.ingest_records(con, [*copies[:12], original, *copies[12:]], Settings(ingest_batch_size=7))
    links = con.execute("SELECT article_id, count(*), min(similarity) FROM near_duplicates GROUP BY ALL").fetchall()
    assert links == [("asli", 30, 1.0)]
    assert con.execute("SELECT count(DISTINCT canonical_id) FROM articles").fetchone() == (1,)
    assert con.execute("SELECT source_count, article_count FROM events").fetchall() == [(1, 31)]


def test_syndicated_copies_of_an_undated_page_share_its_events(con) -> None:
    """Issue 10 defect "syndicated copies of undated pages never merge": a page without a publication date and its
    copies report one event, not one per copy; another undated page's event stays apart."""
    undated = [record(f"tanpa-tanggal-{i}", "Kompas", None, STORY, [meeting(date_=None)]) for i in range(5)]
    other = record("lain", "Antara", None, OTHER, [meeting("pertemuan lain", date_=None)])
    store.ingest_records(con, [*undated, other], Settings(ingest_batch_size=2))
    events = con.execute("SELECT article_count, source_count FROM events ORDER BY article_count").fetchall()
    assert events == [(1, 1), (5, 1)]
    assert store.table_counts(con)["near_duplicates"] == 4


def test_copy_republished_later_shares_the_undated_events_of_its_original(con) -> None:
    """A copy printed weeks later tells the same story: its undated events fall on the original's days."""
    original = record("asli", "Kompas", "2024-03-04", STORY, [meeting(date_=None)])
    late_copy = record("salinan", "Tribun", "2024-04-20", STORY, [meeting(date_=None)])
    store.ingest_records(con, [late_copy, original])
    assert con.execute("SELECT article_count, first_reported FROM events").fetchall() == [(2, "2024-03-04")]


def test_copies_in_any_order_build_the_same_database(tmp_path: Path) -> None:
    """Canonical article, links, spans and events do not depend on arrival order or batching, also when the
    earliest copy arrives last (the canonical article changes) and when one page has no date."""
    recs = [
        record("b-copy", "Tribun", "2024-03-06", STORY, [meeting(date_=None)]),
        record("c-copy", "Detik", None, [*STORY, "Baca juga: lainnya"], [meeting(date_=None)]),
        record("a-first", "Kompas", "2024-03-04T19:00:00+07:00", STORY, [meeting(date_=None)]),
        record("z-other", "Antara", "2024-03-05", OTHER, [meeting("lain", date_=None)]),
    ]
    snaps = in_three_orders(tmp_path, recs)
    assert snaps[0] == snaps[1] == snaps[2]
    assert [(a, d) for a, d, _ in snaps[0]["near_duplicates"]] == [("a-first", "b-copy"), ("a-first", "c-copy")]


def test_a_copy_rewritten_leaves_its_group(tmp_path: Path) -> None:
    """An update that makes a copy a different text unlinks it; the rest of the group stays together, as a fresh build has it."""
    first = [record("a", "Kompas", "2024-03-04", STORY, [meeting()]), record("b", "Tribun", "2024-03-05", STORY, [meeting()]),
             record("c", "Detik", "2024-03-05", STORY, [meeting()])]
    final = [first[0], record("b", "Tribun", "2024-03-05", OTHER, []), first[2]]
    with store.connect(str(tmp_path / "inc.duckdb")) as con:
        store.ingest_records(con, first)
        store.ingest_records(con, final[1:2])
        incremental = snapshot(con)
    with store.connect(str(tmp_path / "fresh.duckdb")) as con:
        store.ingest_records(con, final)
        fresh = snapshot(con)
    assert incremental == fresh
    assert [(a, d) for a, d, _ in fresh["near_duplicates"]] == [("a", "c")]


def test_copy_whose_sentence_was_dated_differently_shares_the_event(tmp_path: Path) -> None:
    """Issue 10, copies' events merged: a copy without a publication date may resolve "Senin" to another day; the
    same sentence of the same text is still the original's event; a sentence the original lacks stays apart. (A page
    linked only through another copy, not similar to the canonical article by itself, keeps its own dates:
    test_incremental_updates_equal_a_fresh_build.)"""
    original = record("asli", "Kompas", "2024-03-05", STORY, [meeting("bertemu pada Senin", "2024-03-04")])
    copy = record("salinan", "Tribun", None, STORY, [meeting("bertemu pada Senin", "2023-03-06"),
                                                     meeting("kalimat tambahan", "2023-03-06")])
    snaps = []
    for name, order in (("one", [original, copy]), ("two", [copy, original])):
        with store.connect(str(tmp_path / f"{name}.duckdb")) as con:
            store.ingest_records(con, order, Settings(ingest_batch_size=1))
            snaps.append(snapshot(con))
            events = con.execute("SELECT article_count, date FROM events ORDER BY date").fetchall()
            assert events == [(1, "2023-03-06"), (2, "2024-03-04")]
    assert snaps[0] == snaps[1]
