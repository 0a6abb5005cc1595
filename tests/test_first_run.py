"""Issue 10, "First run and data safety": one regression test (or more) per defect, each named after it.

The pages here are written for these tests. CLI tests that need the pipeline use a stand-in for it where the
coder of the day does not matter, so they test the command line, the readers and the store, not the coder.
"""

from __future__ import annotations

import io
import json
import sys
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kronik import export, store
from kronik.cli import build_parser, main
from kronik.gazetteer import UnknownActor, resolve_actor
from kronik.model import Article, Event, Record
from kronik.plover import lookup, plover
from kronik.readers import ReadReport, read_paths

ROOT = Path(__file__).resolve().parent.parent

PAGE_ONE = ("Jakarta - Menteri Luar Negeri Indonesia menerima Menteri Luar Negeri Jepang di Gedung Pancasila, Senin (3/2/2025).\n"
            "Kedua menteri sepakat memperluas kerja sama penjagaan pantai dan pertukaran pelajar mulai tahun depan.")
PAGE_TWO = ("Surabaya - Pemerintah Malaysia mengirim bantuan obat-obatan ke Filipina setelah badai melanda, Rabu (5/2/2025).\n"
            "Bantuan itu diangkut dengan dua pesawat militer dari pangkalan udara di Sabah.")
PAGE_THREE = ("Medan - Perdana Menteri Singapura mengunjungi Vietnam untuk membahas perdagangan beras, Kamis (6/2/2025).\n"
              "Kunjungan itu berlangsung dua hari dan ditutup dengan jamuan makan malam kenegaraan.")
PAGE_FOUR = ("Bandung - Presiden Korea Selatan menelepon Perdana Menteri Australia membahas latihan angkatan laut, Jumat (7/2/2025).\n"
             "Pembicaraan telepon itu berlangsung sekitar empat puluh menit menurut kantor kepresidenan.")


def fake_process(raw, settings=None) -> Record:
    """Stands in for the pipeline: the page's lines become the body, one meeting between Indonesia and Japan."""
    lines = [x for x in (raw.text or raw.html or "").split("\n") if x.strip()]
    article = Article(id=raw.id, outlet="Contoh", title=lines[0][:40] if lines else None, published="2025-02-03",
                      paragraphs=lines, language="id")
    event = Event(["IDN"], ["JPN"], "CONSULT", date="2025-02-03", sentence=lines[0] if lines else "")
    return Record(id=raw.id, article=article, events=[event], source=raw.source)


@pytest.fixture
def pipeline_stub(monkeypatch) -> None:
    monkeypatch.setattr("kronik.executors.process", fake_process)


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


def _articles(db: Path) -> list[str]:
    with store.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]


# ---------------------------------------------------------------- make demo fails on a fresh clone


def test_make_demo_fails_on_a_fresh_clone_outputs_into_missing_folders(tmp_path: Path, pipeline_stub) -> None:
    """`extract -o`, `ingest --db`, `export -o` and `timeline --plot` into folders that do not exist yet (a fresh
    clone has no out/) create them instead of ending in FileNotFoundError."""
    page = tmp_path / "berita.txt"
    page.write_text(PAGE_ONE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(page), "-o", str(out / "a" / "samples.jsonl"), "--no-progress"]) == 0
    assert json.loads((out / "a" / "samples.jsonl").read_text(encoding="utf-8"))["id"] == "berita"
    db = out / "b" / "demo.duckdb"
    assert main(["ingest", str(page), "--db", str(db), "--no-progress"]) == 0 and db.is_file()
    assert main(["export", "--db", str(db), "--schema", "polecat", "-o", str(out / "c" / "polecat.csv")]) == 0
    assert main(["timeline", "IDN", "JPN", "--db", str(db), "--plot", str(out / "d" / "idn-jpn.png")]) == 0
    assert (out / "c" / "polecat.csv").is_file() and (out / "d" / "idn-jpn.png").read_bytes()[:4] == b"\x89PNG"


def test_make_demo_fails_on_a_fresh_clone_ci_runs_the_demo() -> None:
    """CI builds a clean checkout: it must run `make demo` after the tests, so a demo broken on a fresh clone fails CI."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.index("make test") < script.index("make demo")


# ---------------------------------------------------------------- documents overwrite each other


def test_documents_overwrite_each_other_same_file_name_in_two_folders_and_two_stdin_pages(
        tmp_path: Path, monkeypatch, pipeline_stub) -> None:
    """Acceptance 2: two different pages named berita.txt in two folders and two pages piped on stdin are four articles."""
    for folder, text in (("a", PAGE_ONE), ("b", PAGE_TWO)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "berita.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "k.duckdb"
    assert main(["ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(db), "--no-progress"]) == 0
    for text in (PAGE_THREE, PAGE_FOUR):
        _stdin(monkeypatch, text)
        assert main(["ingest", "-", "--db", str(db), "--no-progress"]) == 0
    ids = _articles(db)
    assert len(ids) == 4
    assert ids[:2] == ["a/berita", "b/berita"] and all(i.startswith("stdin:") for i in ids[2:])


def test_documents_overwrite_each_other_two_index_html_and_same_stem(tmp_path: Path) -> None:
    """Two index.html in different folders keep apart; x.txt and x.html in one folder too (the later keeps its extension)."""
    for folder in ("situs-a", "situs-b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(f"<p>{folder}</p>", encoding="utf-8")
    (tmp_path / "situs-a" / "index.txt").write_text("teks", encoding="utf-8")
    ids = [d.id for d in read_paths([str(tmp_path / "situs-a"), str(tmp_path / "situs-b")])]
    assert ids == ["situs-a/index", "situs-a/index.txt", "situs-b/index"]
    single = [d.id for d in read_paths([str(tmp_path / "situs-b" / "index.html"), str(tmp_path / "situs-a" / "index.html")])]
    assert single == ["situs-b/index", "situs-a/index"]
    assert [d.id for d in read_paths([str(tmp_path / "situs-b")])] == ["index"]  # a folder alone: its pages' names


def test_documents_overwrite_each_other_duplicate_ids_in_one_jsonl_file(tmp_path: Path) -> None:
    """A JSONL id used twice in one file is an error record on the later line, never a silent replacement; a line
    without an id takes its url."""
    f = tmp_path / "kiriman.jsonl"
    lines = [{"id": "x", "text": "pertama"}, {"id": "x", "text": "kedua"}, {"url": "https://contoh.id/y", "text": "ketiga"}]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = list(read_paths([str(f)]))
    assert [d.id for d in docs] == ["x", "kiriman:2", "https://contoh.id/y"]
    assert docs[0].text == "pertama" and "duplicate id 'x' (first on line 1)" in (docs[1].error or "")


def test_documents_overwrite_each_other_stdin_id_is_a_content_hash(monkeypatch) -> None:
    """A page piped on stdin is named by its content: the same page again is the same document, another one is not."""
    ids = []
    for text in (PAGE_ONE, PAGE_TWO, PAGE_ONE):
        _stdin(monkeypatch, text)
        ids.append(next(iter(read_paths(["-"]))).id)
    assert ids[0] == ids[2] != ids[1] and ids[0].startswith("stdin:")


# ---------------------------------------------------------------- exit status 0 on failure


def test_exit_status_zero_on_failure_missing_paths(tmp_path: Path, capsys) -> None:
    """A missing input path exits 2 with a message; ingest given nothing to read creates no database."""
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt: no such file or folder" in capsys.readouterr().err
    db = tmp_path / "t.duckdb"
    assert main(["ingest", str(tmp_path / "nope"), "--db", str(db)]) == 2
    assert not db.exists()


def test_exit_status_zero_on_failure_rest_of_batch_first(tmp_path: Path, capsys, pipeline_stub) -> None:
    """With a good and a missing path, the good one is processed and stored, then the run exits 2."""
    page = tmp_path / "berita.txt"
    page.write_text(PAGE_ONE, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(page), str(tmp_path / "nope.txt"), "-o", str(out)]) == 2
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    db = tmp_path / "k.duckdb"
    assert main(["ingest", str(page), str(tmp_path / "nope.txt"), "--db", str(db), "--no-progress"]) == 2
    assert _articles(db) == ["berita"]


def test_exit_status_zero_on_failure_empty_folder_and_unknown_extensions(tmp_path: Path, capsys) -> None:
    """An empty folder (or one holding only files kronik does not read) exits 2; skipped files are named on stderr."""
    (tmp_path / "kosong").mkdir()
    assert main(["extract", str(tmp_path / "kosong")]) == 2
    assert "no files kronik reads in this folder" in capsys.readouterr().err
    (tmp_path / "lain").mkdir()
    (tmp_path / "lain" / "laporan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "lain" / "catatan.docx").write_bytes(b"PK")
    assert main(["extract", str(tmp_path / "lain")]) == 2
    err = capsys.readouterr().err
    assert "skipped 2 file(s) of types kronik does not read: 1 .docx, 1 .pdf" in err


def test_exit_status_zero_on_failure_failed_documents_only_with_strict(tmp_path: Path, capsys) -> None:
    """Documents that fail stay error records with exit 0; --strict makes them exit 1."""
    (tmp_path / "kosong.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "kosong.txt")]) == 0
    assert '"error": "empty document"' in capsys.readouterr().out
    assert main(["extract", str(tmp_path / "kosong.txt"), "--strict"]) == 1


def test_exit_status_zero_on_failure_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    """A file that exists but cannot be opened is an error record and makes the run exit 2 (the permission error
    is simulated: the tests may run as root, who reads anything)."""
    f = tmp_path / "rahasia.txt"
    f.write_text(PAGE_ONE, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == "rahasia.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    report = ReadReport()
    (doc,) = read_paths([str(f)], report)
    assert "unreadable file" in (doc.error or "") and report.exit_status() == 2
    assert report.problems == [f"{f}: cannot read: Permission denied"]


# ---------------------------------------------------------------- actor names on the command line


@pytest.mark.parametrize(("name", "code"), [
    ("AS", "USA"), ("Korut", "PRK"), ("Cina", "CHN"), ("Amerika", "USA"), ("Kremlin", "RUS"), ("RRT", "CHN"),
    ("PBB", "UNO"), ("Japan", "JPN"), ("korea  selatan", "KOR"), ("kor", "KOR"), ("PRKGOV", "PRK"), ("igo:asean", "IGO:ASEAN"),
])
def test_actor_names_resolve_like_the_articles(name: str, code: str) -> None:
    """The command line and the dashboard use the articles' names: AS is the United States, not American Samoa."""
    assert resolve_actor(name) == code


def test_actor_names_unknown_is_refused_with_a_suggestion() -> None:
    """A six-letter word is not a code (Narnia is not NAR): unknown names are refused with the nearest names."""
    with pytest.raises(UnknownActor, match="Narnia") as err:
        resolve_actor("Narnia")
    assert "Armenia" in err.value.suggestions
    with pytest.raises(UnknownActor) as err:
        resolve_actor("Korsell")
    assert err.value.suggestions == ["Korsel"]


def test_actor_names_timeline_idn_as_prints_events(tmp_path: Path, capsys) -> None:
    """`kronik timeline IDN AS` charts Indonesia and the United States; an unknown name exits 2 with a suggestion."""
    db = str(tmp_path / "a.duckdb")
    rec = Record(id="r", article=Article(id="r", published="2024-05-02", paragraphs=["Teks."]),
                 events=[Event(["IDNGOV"], ["USAGOV"], "CONSULT", date="2024-05-01")])
    with store.connect(db) as con:
        store.ingest_records(con, [rec])
    assert main(["timeline", "IDN", "AS", "--db", db]) == 0
    assert "2024-05-01" in capsys.readouterr().out
    assert main(["timeline", "IDN", "Narnia", "--db", db]) == 2
    assert "did you mean 'Armenia'" in capsys.readouterr().err


def test_actor_names_on_the_dashboard(tmp_path: Path) -> None:
    """The dashboard resolves typed actors with the same function: `AS` is USA, `Narnia` a 400 with a suggestion."""
    from starlette.testclient import TestClient

    from kronik.web.app import create_app

    db = str(tmp_path / "a.duckdb")
    rec = Record(id="r", article=Article(id="r", published="2024-05-02", paragraphs=["Teks."]),
                 events=[Event(["IDNGOV"], ["USAGOV"], "CONSULT", date="2024-05-01")])
    with store.connect(db) as con:
        store.ingest_records(con, [rec])
    client = TestClient(create_app(db))
    for params in ({"actor": "Indonesia", "with": "AS"}, {"a": "Indonesia", "b": "AS"}):  # the old link form too
        data = client.get("/api/timeline", params=params).json()
        assert (set(data["names"]), data["total"]) == ({"IDN", "USA"}, 1)
    bad = client.get("/api/events", params={"actor": "Narnia"})
    assert bad.status_code == 400 and "did you mean 'Armenia'" in bad.json()["error"]


# ---------------------------------------------------------------- exports


@pytest.fixture
def db(tmp_path: Path) -> str:
    """One event of every PLOVER type and mode, as the coder writes them (cameo, score and quad from plover.tsv),
    plus one event without a date in an undated article."""
    events = [Event(["KORGOV"], ["PRK"], t, mode, date=(date(2024, 1, 1) + timedelta(days=5 * i)).isoformat(),
                    sentence=f"{t} {mode}", cameo=info.cameo, intensity=info.score, quad=info.quad)
              for i, ((t, mode), info) in enumerate(plover().items())]
    dated = Record(id="dated", article=Article(id="dated", published="2024-03-05", paragraphs=["Teks pertama."]), events=events)
    undated = Record(id="undated", article=Article(id="undated", paragraphs=["Teks kedua tanpa tanggal."]),
                     events=[Event(["IDN"], ["MYS"], "ACCUSE", "disapprove", sentence="mengecam")])
    path = str(tmp_path / "e.duckdb")
    with store.connect(path) as con:
        store.ingest_records(con, [dated, undated])
    return path


def test_exports_gdelt_event_codes_are_cameo_codes(db: str) -> None:
    """EventCode is a CAMEO code (3-4 digits: 040, 190, never 04 or 18,19,20), EventBaseCode its 3 digits,
    EventRootCode 2; REQUEST is CAMEO 10 (DEMAND), as the PLOVER manual's table has it, not 02."""
    with store.connect(db, read_only=True) as con:
        rows = export.events_table(con, "gdelt").to_pylist()
    assert len(rows) == len(plover()) + 1
    for r in rows:
        assert r["EventCode"].isdigit() and len(r["EventCode"]) in (3, 4), r["EventCode"]
        assert r["EventBaseCode"] == r["EventCode"][:3] and r["EventRootCode"] == r["EventCode"][:2]
    request = {r["EventCode"] for r in rows if r["EventRootCode"] == "10"}
    assert request == {lookup("REQUEST", m).cameo for m in (None, "assist", "change", "yield", "meet")}


def test_exports_plover_facts_in_one_place(db: str) -> None:
    """Quad class, CAMEO code and score of every type and mode, stored and exported, are plover.tsv's."""
    with store.connect(db, read_only=True) as con:
        stored = con.execute("SELECT type, mode, quad, quad_class, cameo, intensity FROM events").fetchall()
        gdelt = {(r["QuadClass"], r["EventCode"], r["GoldsteinScale"]) for r in export.events_table(con, "gdelt").to_pylist()}
    for t, mode, quad, qc, cameo, score in stored:
        info = lookup(t, mode)
        assert info is not None and (quad, qc, cameo, score) == (info.quad, info.quad_class, info.cameo, info.score)
        assert (qc, cameo, score) in gdelt
    assert not hasattr(export, "CAMEO_ROOT") and not hasattr(store, "PLOVER_SCORE") and not hasattr(store, "QUAD_CLASS")


def test_exports_format_from_the_extension_and_stdout(db: str, tmp_path: Path, capsys, monkeypatch) -> None:
    """`-o x.parquet` writes Parquet; --format contradicting the extension is refused; `-o -` writes to stdout."""
    out = tmp_path / "x.parquet"
    assert main(["export", "--db", db, "-o", str(out)]) == 0
    assert pq.read_table(out).num_rows == len(plover()) + 1
    assert main(["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "y.parquet")]) == 2
    assert "does not match the file name" in capsys.readouterr().err
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", db, "--schema", "gdelt", "-o", "-"]) == 0
    assert buffer.getvalue().startswith(b'"GLOBALEVENTID"') and not (tmp_path / "-").exists()


# ---------------------------------------------------------------- undated events vanish silently


def test_undated_events_vanish_silently_cli_counts_them(db: str, capsys) -> None:
    """top and network count undated events (and say how many there are); a timeline cannot place them and says so;
    a period leaves them out and says so."""
    assert main(["top", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "IDN  MYS" in out and "1 undated event(s)" in out and "are counted too" in out
    assert main(["top", "--db", db, "--from", "2024"]) == 0
    out = capsys.readouterr().out
    assert "IDN  MYS" not in out and "fall in no period and are not counted" in out
    assert main(["network", "--db", db]) == 0
    assert "IDN  MYS" in capsys.readouterr().out
    assert main(["timeline", "IDN", "MYS", "--db", db]) == 0
    assert "1 undated event(s) between IDN and MYS" in capsys.readouterr().out
    assert main(["export", "--db", db, "-o", str(Path(db).with_suffix(".csv"))]) == 0
    assert "1 of them undated" in capsys.readouterr().err


def test_undated_events_vanish_silently_dashboard_bars_and_list_add_up(db: str) -> None:
    """The dashboard's timeline reports the undated events it has no bar for, so bars + undated = the list's total."""
    from starlette.testclient import TestClient

    from kronik.web.app import create_app

    client = TestClient(create_app(db))
    timeline = client.get("/api/timeline", params={"a": "IDN", "b": "MYS"}).json()
    listed = client.get("/api/events", params={"actor": "IDN", "other": "MYS"}).json()
    assert timeline["periods"] == [] and timeline["undated"] == 1
    assert listed["total"] == sum(p["events"] for p in timeline["periods"]) + timeline["undated"] and listed["undated"] == 1
    assert listed["events"][0]["day"] is None
    assert "1 undated" in client.get("/events", params={"actor": "IDN"}).text


# ---------------------------------------------------------------- smaller defects


def test_warc_404_response_is_not_an_empty_document(tmp_path: Path) -> None:
    """A WARC response that is not a success holds no article: an error record, not an empty Indonesian document."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for uri, status, body in (("https://contoh.id/ada", "200 OK", f"<p>{PAGE_ONE}</p>"),
                                  ("https://contoh.id/hilang", "404 Not Found", "<p>Halaman tidak ditemukan</p>")):
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()), http_headers=headers))
    ok, missing = read_paths([str(path)])
    assert ok.error is None and ok.html
    assert missing.id == "https://contoh.id/hilang" and missing.error == "HTTP 404 response: no article to read"


def test_html_files_keep_url_null_canonical_or_og_url(tmp_path: Path) -> None:
    """An HTML file read from disk takes its address from its head (og:url / <link rel=canonical>)."""
    from kronik.pipeline import read_article
    from kronik.settings import DEFAULT

    head = '<head><title>Judul</title><link rel="canonical" href="https://www.contoh.co.id/berita/1/judul"></head>'
    page = tmp_path / "halaman.html"
    page.write_text(f"<html>{head}<body><article>{''.join(f'<p>{x}</p>' for x in PAGE_ONE.split(chr(10)))}</article></body></html>",
                    encoding="utf-8")
    (raw,) = read_paths([str(page)])
    assert read_article(raw, DEFAULT).url == "https://www.contoh.co.id/berita/1/judul"


def test_explain_on_an_english_page_says_why_no_events(tmp_path: Path, capsys) -> None:
    page = tmp_path / "english.txt"
    page.write_text("The foreign ministers of Indonesia and Japan met in Tokyo on Monday to discuss maritime security.\n"
                    "Both sides agreed to expand coast guard exercises and to speed up trade talks next year.", encoding="utf-8")
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert "not event-coded: the page is in language 'en'" in out and "events (0)" in out


@pytest.mark.parametrize("argv", [
    ["top", "--limit", "-3"], ["top", "--limit", "0"], ["extract", "x.txt", "--workers", "0"],
    ["ingest", "x.txt", "--batch-size", "0"], ["serve", "--port", "70000"],
])
def test_top_limit_negative_and_workers_zero_are_usage_errors(argv: list[str], capsys) -> None:
    """Numbers that make no sense are refused by the parser (exit 2 and a message), never a DuckDB traceback."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and "is not" in capsys.readouterr().err


def test_timeline_same_actor_twice_and_reversed_period_are_refused(db: str, capsys) -> None:
    assert main(["timeline", "KOR", "Korea Selatan", "--db", db]) == 2
    assert "A and B are both KOR" in capsys.readouterr().err
    assert main(["timeline", "KOR", "PRK", "--from", "2020", "--to", "2019", "--db", db]) == 2
    assert "ends (2019) before it starts (2020)" in capsys.readouterr().err


def test_subcommand_help_has_descriptions_defaults_examples_and_version(capsys) -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        text = sub.format_help()
        assert "examples:" in text and len(sub.description or "") > 40, name
        assert "default:" in text or name == "sql", name
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("kronik ")


def test_make_demo_prints_a_setuptools_license_warning() -> None:
    """project.license is an SPDX string (a TOML table is deprecated and warned about on every install)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in meta["build-system"]["requires"])
