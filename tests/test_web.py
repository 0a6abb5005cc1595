"""The dashboard over HTTP (Starlette's TestClient): pages, JSON API, shared filters, downloads, escaping, errors."""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import webdemo

from kronik import analysis, cli, names
from kronik.selection import parse
from kronik.web import command, highlight, queries

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx 0.28 is what the project pins
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kronik.web.app import create_app

STATIC = Path(__file__).resolve().parent.parent / "kronik" / "web" / "static"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webdemo.build(tmp_path_factory.mktemp("web") / "demo.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _event_id(db: Path, article_id: str) -> str:
    with queries.open_db(db) as con:
        return con.execute("SELECT event_id FROM mentions WHERE article_id = ?", [article_id]).fetchone()[0]


@pytest.mark.parametrize("path", ["/", "/?actor=KOR&with=PRK", "/country", "/country?actor=IDN&quad=material_coop", "/events",
                                  "/events?actor=IDN&with=USA&type=CONSULT&from=2023&to=2024-06", "/search", "/search?q=sanksi+China",
                                  "/static/app.css", "/static/app.js", "/static/map.js", "/static/countries-110m.json", "/?lang=en"])
def test_pages_respond(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_no_page_loads_anything_from_another_host(client: TestClient) -> None:
    for path in ("/", "/country?actor=IDN", "/events", "/search?q=warga", f"/articles/{webdemo.HOSTILE_ID}"):
        html = client.get(path).text
        assert not re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html.replace('href="https://example.id/', "")), path
    for name in ("app.js", "charts.js", "filters.js", "map.js", "util.js"):
        assert "http" not in (STATIC / name).read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", ""), name


def test_the_world_map_is_the_file_its_provenance_names() -> None:
    digest = hashlib.sha256((STATIC / "countries-110m.json").read_bytes()).hexdigest()
    assert digest in (STATIC / "countries-110m.txt").read_text(encoding="utf-8")


def test_dashboard_suggests_the_busiest_pair_and_shows_names(client: TestClient) -> None:
    html = client.get("/").text
    assert 'href="/?actor=AUS&amp;with=IDN"' in html and "Australia – Indonesia" in html
    html = client.get("/?actor=KOR&with=PRK").text
    assert "Korea Selatan – Korea Utara" in html and 'value="Korea Selatan" data-code="KOR"' in html
    assert "South Korea – North Korea" in client.get("/?actor=KOR&with=PRK&lang=en").text


def test_api_timeline_counts_by_quad_as_kronik_timeline_does(client: TestClient, db: Path) -> None:
    data = client.get("/api/timeline", params={"actor": "idn", "with": "Amerika Serikat", "freq": "month"}).json()
    assert data["freq"] == "month" and not data["auto"]
    labels = [p["label"] for p in data["periods"]]
    assert labels == sorted(labels) and len(labels) == len(set(labels))
    for p in data["periods"]:
        assert p["events"] == sum(p[q] for q in data["quads"])
        assert p["from"].startswith(p["label"]) and p["to"].startswith(p["label"])
    total = client.get("/api/events", params={"actor": "IDN", "with": "USA", "limit": 0}).json()
    assert sum(p["events"] for p in data["periods"]) + data["undated"] == total["total"] == data["total"]
    with queries.open_db(db) as con:  # the same numbers as `kronik timeline IDN USA`
        expected = analysis.timeline(con, "IDN", "USA")
    assert [(p["period"], p["events"], p["score"]) for p in data["periods"]] == [
        (str(r["period"]), r["events"], r["score"]) for r in expected]


def test_each_timeline_bar_lists_exactly_the_events_it_counts(client: TestClient) -> None:
    for freq in ("week", "quarter"):
        for p in client.get("/api/timeline", params={"actor": "USA", "with": "CHN", "freq": freq}).json()["periods"]:
            listed = client.get("/api/events", params={"actor": "USA", "with": "CHN", "from": p["from"], "to": p["to"]}).json()
            assert listed["total"] == p["events"], p


def test_granularity_follows_the_span() -> None:
    assert queries.auto_freq(date(2024, 1, 1), date(2024, 3, 31)) == "week"
    assert queries.auto_freq(date(2023, 1, 1), date(2024, 6, 30)) == "month"
    assert queries.auto_freq(date(2015, 1, 1), date(2025, 12, 31)) == "quarter"
    assert queries.auto_freq(date(2008, 1, 1), date(2024, 12, 31)) == "year"
    for first, last in ((date(2024, 1, 3), date(2024, 3, 30)), (date(2010, 5, 5), date(2024, 2, 2))):
        freq = queries.auto_freq(first, last)
        assert len(queries.periods(first, last, freq)) <= queries.MAX_PERIODS
    assert [queries.label(p, "quarter") for p in queries.periods(date(2023, 11, 5), date(2024, 4, 1), "quarter")] == [
        "2023-Q4", "2024-Q1", "2024-Q2"]


def test_api_timeline_chooses_granularity_and_reports_errors(client: TestClient) -> None:
    data = client.get("/api/timeline", params={"actor": "KOR", "with": "PRK"}).json()
    assert data["auto"] and data["freq"] == "month" and data["undated"] == 2
    short = client.get("/api/timeline", params={"actor": "KOR", "with": "PRK", "from": "2023-03", "to": "2023-05"}).json()
    assert short["freq"] == "week" and short["undated"] == 2 and short["dated"]
    years = client.get("/api/timeline", params={"actor": "KOR", "with": "PRK", "freq": "year"}).json()["periods"]
    assert [(p["label"], p["from"], p["to"]) for p in years] == [("2023", "2023-01-01", "2023-12-31"), ("2024", "2024-01-01", "2024-12-31")]
    assert client.get("/api/timeline", params={"actor": "IDN", "freq": "day"}).status_code == 400
    bad = client.get("/api/timeline", params={"actor": "IDN", "with": "Atlantis"})
    assert bad.status_code == 400 and "unknown actor" in bad.json()["error"]
    bad = client.get("/api/timeline", params={"actor": "IDN", "from": "maret"})
    assert bad.status_code == 400 and "YYYY" in bad.json()["error"]
    assert "did you mean ACCUSE" in client.get("/api/timeline", params={"type": "acuse"}).json()["error"]


def test_older_links_with_a_b_and_other_still_select_the_pair(client: TestClient) -> None:
    new = client.get("/api/timeline", params={"actor": "KOR", "with": "PRK"}).json()
    assert client.get("/api/timeline", params={"a": "KOR", "b": "PRK"}).json() == new
    assert client.get("/api/events", params={"actor": "KOR", "other": "PRK"}).json()["total"] == new["total"]


def test_api_network_matches_kronik_network_and_follows_filters(client: TestClient, db: Path) -> None:
    data = client.get("/api/network").json()
    with queries.open_db(db) as con:
        graph = analysis.network(con)
    assert {(e["source"], e["target"]): e["events"] for e in data["edges"]} == {
        tuple(sorted((u, v))): d["events"] for u, v, d in graph.edges(data=True)}
    assert {n["id"]: n["events"] for n in data["nodes"]} == {n: graph.nodes[n]["events"] for n in graph.nodes}
    pairs = {(e["source"], e["target"]): e for e in data["edges"]}
    assert pairs[("RUS", "UKR")]["score"] < 0 < pairs[("AUS", "IDN")]["score"]
    conflict = client.get("/api/network", params={"quad": "material_conflict"}).json()
    assert ("AUS", "IDN") not in {(e["source"], e["target"]) for e in conflict["edges"]}
    assert len(client.get("/api/network", params={"limit": 2}).json()["edges"]) == 2


def test_api_events_filters_take_several_values(client: TestClient) -> None:
    data = client.get("/api/events", params={"actor": "RUS", "type": "ASSAULT", "from": "2023-06", "to": "2023-12"}).json()
    assert data["total"] == len(data["events"]) > 0
    for e in data["events"]:
        assert e["type"] == "ASSAULT" and "RUS" in e["parties"] and "2023-06" <= e["day"][:7] <= "2023-12"
    both = client.get("/api/events", params=[("type", "ASSAULT"), ("type", "SANCTION"), ("limit", "1000")]).json()
    one = [client.get("/api/events", params={"type": t, "limit": 0}).json()["total"] for t in ("ASSAULT", "SANCTION")]
    assert both["total"] == sum(one) and {e["type"] for e in both["events"]} == {"ASSAULT", "SANCTION"}
    assert client.get("/api/events", params={"type": "ASSAULT,SANCTION", "limit": 0}).json()["total"] == sum(one)
    planned = client.get("/api/events", params={"status": "planned", "quad": "3", "limit": 1000}).json()["events"]
    assert planned and all(e["status"] == "planned" and e["quad"] == "verbal_conflict" for e in planned)
    kompas = client.get("/api/events", params={"outlet": "Kompas", "limit": 1000}).json()["events"]
    assert kompas and all("Kompas" in e["outlets"] for e in kompas)
    named = client.get("/api/events", params={"actor": "KOR", "limit": 1}).json()
    assert named["names"]["KOR"] == "Korea Selatan"


def test_filters_take_names_as_analysts_type_them(client: TestClient) -> None:
    by_name = client.get("/api/events", params={"actor": "Korea Selatan", "with": "korut", "limit": 0}).json()["total"]
    by_code = client.get("/api/events", params={"actor": "KOR", "with": "PRK", "limit": 0}).json()["total"]
    assert by_name == by_code > 0
    month = parse(start="2024-02", end="2024-02")
    assert (month.start, month.end) == (date(2024, 2, 1), date(2024, 2, 29))


def test_actor_search_by_name_abbreviation_person_and_code(client: TestClient) -> None:
    def codes(q: str, lang: str = "id") -> list[str]:
        return [a["code"] for a in client.get("/api/actors", params={"q": q, "lang": lang}).json()["actors"]]

    assert codes("Korea Sel")[0] == "KOR" and codes("kor")[:2] == ["KOR", "PRK"]
    korut = client.get("/api/actors", params={"q": "Korut"}).json()
    assert korut["resolved"]["code"] == "PRK"
    assert korut["actors"][0] == {"code": "PRK", "name": "Korea Utara", "matched": "Korut", "events": 62}
    assert codes("AS")[0] == "USA" and codes("pbb")[0] == "UNO" and codes("igo:asean")[0] == "IGO:ASEAN"
    assert codes("South Korea", "en")[0] == "KOR" and codes("Jepang")[0] == "JPN"
    typo = client.get("/api/actors", params={"q": "Korea Selatn"}).json()
    assert typo["actors"] == [] and typo["resolved"] is None and typo["suggestions"] == ["Korea Selatan"]
    busiest = client.get("/api/actors").json()["actors"]
    assert {a["code"] for a in busiest} == set(webdemo.NAMES) and busiest[0]["events"] >= busiest[-1]["events"]


def test_an_unknown_actor_gets_a_suggestion_not_an_empty_page(client: TestClient) -> None:
    for path in ("/", "/events", "/country"):
        r = client.get(path, params={"actor": "Korea Selatn", "with": "PRK"})
        assert r.status_code == 200
        assert "unknown actor &#39;Korea Selatn&#39;" in r.text and 'class="fix" href="?with=PRK&amp;actor=KOR"' in r.text, path


def test_api_map_one_point_per_located_event_or_per_place(client: TestClient, db: Path) -> None:
    data = client.get("/api/map", params={"actor": "IDN"}).json()
    assert data["mode"] == "events" and len(data["points"]) == data["located"] > 0
    with queries.open_db(db) as con:
        located = con.execute("SELECT count(*) FROM events WHERE list_contains(parties, 'IDN') AND latitude IS NOT NULL").fetchone()[0]
        assert data["located"] == located
        assert all(-90 <= p[1] <= 90 and -180 <= p[2] <= 180 and p[3] in (1, 2, 3, 4) for p in data["points"])
        places = queries.map_points(con, parse(actor="IDN"), most=5)
    assert places["mode"] == "places" and sum(p[3] for p in places["points"]) == located
    assert all(p[3] == sum(p[4:]) for p in places["points"])
    assert data["focus"] == ["360"]  # Indonesia's ISO numeric code: the map shades the chosen actor's country
    conflict = client.get("/api/map", params={"actor": "IDN", "quad": "material_conflict"}).json()
    assert conflict["located"] < data["located"] and all(p[3] == 4 for p in conflict["points"])


def test_api_partners_one_actor_against_all_others(client: TestClient) -> None:
    data = client.get("/api/partners", params={"actor": "Indonesia"}).json()
    partners = {p["partner"]: p for p in data["partners"]}
    assert set(partners) == {"USA", "CHN", "AUS"} and data["count"] == 3
    for p in data["partners"]:
        pair = client.get("/api/events", params={"actor": "IDN", "with": p["partner"], "limit": 0}).json()["total"]
        assert p["events"] == pair == p["cooperation"] + p["conflict"] == sum(p[q] for q in queries.QUADS)
        assert len(p["series"]) == len(p["series_events"]) == len(data["periods"])
        undated = client.get("/api/events", params={"actor": "IDN", "with": p["partner"]}).json()["undated"]
        assert sum(p["series_events"]) == p["events"] - undated
    assert data["names"]["AUS"] == "Australia"
    assert client.get("/api/partners").status_code == 400


@pytest.mark.parametrize("layout", ["kronik", "polecat", "gdelt"])
def test_csv_download_is_kronik_export_with_the_same_filters(client: TestClient, db: Path, tmp_path: Path, layout: str) -> None:
    filters = [("actor", "Korea Selatan"), ("with", "PRK"), ("quad", "verbal_conflict"), ("quad", "material_conflict"), ("from", "2023-03")]
    r = client.get("/download", params=[*filters, ("layout", layout), ("format", "csv")])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert f'filename="kronik-{layout}-2023-03-01-KOR-PRK-' in r.headers["content-disposition"]
    out = tmp_path / "cli.csv"
    options = [part for key, value in filters for part in (f"--{key}", value)]
    assert cli.main(["export", *options, "--schema", layout, "--db", str(db), "-o", str(out)]) == 0
    assert r.content == out.read_bytes()
    rows = list(csv.reader(io.StringIO(r.text)))
    assert 1 < len(rows) < client.get("/api/events", params={"limit": 0}).json()["total"]


def test_parquet_download_and_whole_database(client: TestClient, db: Path, tmp_path: Path) -> None:
    r = client.get("/download", params={"layout": "gdelt", "format": "parquet", "type": "SANCTION"})
    table = pq.read_table(io.BytesIO(r.content))
    out = tmp_path / "cli.parquet"
    assert cli.main(["export", "--type", "SANCTION", "--schema", "gdelt", "--db", str(db), "-o", str(out)]) == 0
    assert table.to_pylist() == pq.read_table(out).to_pylist() and table.num_rows > 0
    everything = client.get("/download").content
    out = tmp_path / "all.csv"
    assert cli.main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert everything == out.read_bytes()
    assert client.get("/download", params={"layout": "acled"}).status_code == 400
    assert "unknown actor" in client.get("/download", params={"actor": "Narnia"}).json()["error"]


def test_pages_offer_downloads_and_the_same_export_command(client: TestClient) -> None:
    html = client.get("/", params=[("actor", "korut"), ("type", "THREATEN"), ("quad", "3")]).text
    assert 'href="/download?actor=PRK&amp;type=THREATEN&amp;quad=verbal_conflict&amp;layout=polecat&amp;format=csv"' in html
    assert "kronik export --actor PRK --type THREATEN --quad verbal_conflict -o events.csv" in html
    assert 'href="/country?actor=PRK&amp;type=THREATEN&amp;quad=verbal_conflict"' in html  # the views share the filters


def test_event_table_filters_names_and_undated(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "IDN", "with": "USA", "type": "CONSULT", "status": "occurred"}).text
    assert "Retno Marsudi" in html and "Pyongyang" not in html
    assert '<span class="actor">Indonesia <small class="code">IDN</small></span>' in html
    assert "1 undated" in html
    assert "South Korea" in client.get("/events", params={"actor": "KOR", "lang": "en"}).text
    dated = client.get("/events", params={"actor": "KOR", "from": "2023"}).text
    assert "2 undated events match the other filters but fall in no date range" in dated


def test_event_opens_its_article_with_the_evidence_marked(client: TestClient, db: Path) -> None:
    html = client.get(f"/events/{_event_id(db, 'shared-kompas')}").text
    assert re.findall(r"<mark>(.*?)</mark>", html) == [webdemo.SHARED_SENTENCE]
    assert "Kompas" in html and "Antara" in html  # reported by both: the side panel lists the two articles
    assert "Amerika Serikat" in html and "Jakarta" in html


def test_an_untitled_article_is_headed_by_its_first_sentence(client: TestClient, db: Path) -> None:
    html = client.get(f"/articles/{webdemo.UNTITLED_ID}").text
    assert f'<h1 class="article-title untitled">{webdemo.UNTITLED_LEAD}</h1>' in html and "(untitled)" not in html
    hits = client.get("/search", params={"q": "patroli Timor"}).text
    assert f">{webdemo.UNTITLED_LEAD}</a>" in hits and f">{webdemo.UNTITLED_ID}</a>" not in hits
    assert client.get("/api/search", params={"q": "patroli"}).json()["articles"][0]["headline"] == webdemo.UNTITLED_LEAD
    assert queries.lead_sentence("Kalimat pertama. Kalimat kedua.\n\nParagraf dua.") == "Kalimat pertama."
    assert queries.lead_sentence("kata " * 100).endswith("…") and len(queries.lead_sentence("kata " * 100)) <= 161
    assert queries.lead_sentence(None) == ""


def test_script_in_title_and_body_is_shown_as_text(client: TestClient, db: Path) -> None:
    for path in ("/articles/" + webdemo.HOSTILE_ID, f"/events/{_event_id(db, webdemo.HOSTILE_ID)}", "/events?actor=CHN",
                 "/search?q=warga+sanksi", "/?actor=%3Cscript%3Ealert(1)%3C/script%3E"):
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
    assert "<mark>Warga &lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/articles/" + webdemo.HOSTILE_ID).text
    api = client.get("/api/search", params={"q": "warga"}).json()["articles"]
    assert webdemo.HOSTILE in api[0]["title"]  # JSON carries the raw text; the page's script sets it with textContent


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/events/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert "YYYY" in client.get("/events", params={"from": "2023-02-30"}).text


def test_highlight_tolerates_rewrapped_whitespace_and_case() -> None:
    body = "Paragraf satu.\n\nIndonesia dan\nJepang SEPAKAT bekerja sama. Lalu lain."
    paras = highlight.paragraphs(body, ["Indonesia dan Jepang sepakat bekerja sama."])
    assert paras[0] == [("Paragraf satu.", False)]
    assert paras[1][0] == ("Indonesia dan\nJepang SEPAKAT bekerja sama.", True)
    assert highlight.snippet("Kerjasama AS dan Indonesia", "as") == [("Kerjasama ", False), ("AS", True), (" dan Indonesia", False)]


def test_names_in_indonesian_and_english() -> None:
    assert (names.name("KORGOV"), names.name("KORGOV", "en")) == ("Korea Selatan", "South Korea")
    assert (names.name("IGO:ARL"), names.name("IGO:ARL", "en")) == ("Liga Arab", "Arab League")
    assert names.name("UNO", "en") == "United Nations" and names.name("XKX", "en") == "Kosovo"
    assert set(names.names("en")) == set(names.names("id"))
    assert names.iso_numeric()["410"] == "KOR"


def test_serve_binds_loopback_by_default_and_refuses_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli.build_parser().parse_args(["serve", "--db", str(tmp_path / "none.duckdb")])
    assert args.host == "127.0.0.1"
    assert command(args) == 2
    assert "kronik ingest" in capsys.readouterr().err


def test_publication_times_read_as_indonesian_readers_write_them(client: TestClient) -> None:
    html = client.get("/articles/shared-kompas").text
    assert '<time datetime="2024-02-14T10:00:00+07:00">14 Februari 2024, 10:00 WIB</time>' in html


def test_a_database_locked_by_a_writer_gives_503(db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.duckdb"
    locked.write_bytes(db.read_bytes())
    writer = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(locked)!r}); "
                               "print('locked', flush=True); sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        with TestClient(create_app(locked)) as c:
            assert c.get("/api/actors").status_code == 503
            page = c.get("/")
            assert page.status_code == 503 and "busy" in page.text
    finally:
        writer.communicate("", timeout=30)
    with TestClient(create_app(locked)) as c:
        assert c.get("/api/actors").status_code == 200


def test_serve_refuses_a_file_that_is_not_a_kronik_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    assert command(argparse.Namespace(db=str(other), host="127.0.0.1", port=0)) == 2
    assert "cannot read" in capsys.readouterr().err


def test_sources_page_shows_the_watch_state(tmp_path: Path) -> None:
    """What `kronik watch --status` prints is on the dashboard too (/sources and /api/watch)."""
    from kronik import store

    path = tmp_path / "watched.duckdb"
    with store.connect(str(path)) as con:
        con.execute("INSERT INTO watch_sources VALUES ('Kabar <Contoh>', TIMESTAMP '2026-12-01 08:00', "
                    "TIMESTAMP '2026-12-01 08:02', 3, 40, 12, 11, 1, 'HTTP 503', TIMESTAMP '2026-12-01 08:01')")
    with TestClient(create_app(path)) as c:
        empty = c.get("/sources")
        api = c.get("/api/watch").json()
        page = c.get("/sources").text
    assert empty.status_code == 200
    assert [(s["source"], s["fetched"], s["ingested"], s["last_error"]) for s in api["sources"]] == [("Kabar <Contoh>", 12, 11, "HTTP 503")]
    assert "Kabar &lt;Contoh&gt;" in page and "HTTP 503" in page


def test_sources_page_of_a_database_never_watched(client: TestClient) -> None:
    assert "No source watched yet" in client.get("/sources").text
    assert client.get("/api/watch").json() == {"sources": []}
