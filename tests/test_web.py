"""The dashboard over HTTP (Starlette's TestClient): pages, JSON API, escaping, highlighting, errors."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import webdemo

from kronik import analysis
from kronik.web import command, highlight, queries

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx 0.28 is what the project pins
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kronik.web.app import create_app


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


@pytest.mark.parametrize("path", ["/", "/?a=KOR&b=PRK", "/events", "/events?actor=IDN&other=USA&type=CONSULT&from=2023&to=2024-06",
                                  "/search", "/search?q=sanksi+China", "/static/app.css", "/static/dashboard.js"])
def test_pages_respond(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_dashboard_defaults_to_the_busiest_pair(client: TestClient) -> None:
    html = client.get("/").text
    assert 'data-a="AUS" data-b="IDN"' in html
    assert '<option value="USA">USA (' in html


def test_api_timeline_counts_by_quad_per_month(client: TestClient, db: Path) -> None:
    data = client.get("/api/timeline", params={"a": "idn", "b": "Amerika Serikat"}).json()
    assert (data["a"], data["b"], data["freq"]) == ("IDN", "USA", "month")
    labels = [p["label"] for p in data["periods"]]
    assert labels == sorted(labels) and len(labels) == len(set(labels))
    assert labels[0] >= "2023-01" and labels[-1] <= "2024-06"
    for p in data["periods"]:
        assert p["events"] == sum(p[q] for q in data["quads"])
        assert p["from"].startswith(p["label"]) and p["to"].startswith(p["label"])
    feb = next(p for p in data["periods"] if p["label"] == "2024-02")
    assert feb["verbal_coop"] >= 1 and -10 <= feb["score"] <= 10
    total = client.get("/api/events", params={"actor": "IDN", "other": "USA", "limit": 0}).json()["total"]
    assert sum(p["events"] for p in data["periods"]) == total
    with queries.open_db(db) as con:  # the same numbers as `kronik timeline IDN USA`
        assert [p["events"] for p in data["periods"]] == [r["events"] for r in analysis.timeline(con, "IDN", "USA")]


def test_each_timeline_bar_lists_exactly_the_events_it_counts(client: TestClient) -> None:
    for p in client.get("/api/timeline", params={"a": "USA", "b": "CHN", "freq": "week"}).json()["periods"]:
        listed = client.get("/api/events", params={"actor": "USA", "other": "CHN", "from": p["from"], "to": p["to"]}).json()
        assert listed["total"] == p["events"], p


def test_api_timeline_period_freq_and_errors(client: TestClient) -> None:
    data = client.get("/api/timeline", params={"a": "KOR", "b": "PRK", "from": "2023-03", "to": "2023-05"}).json()
    assert {p["label"] for p in data["periods"]} <= {"2023-03", "2023-04", "2023-05"}
    years = client.get("/api/timeline", params={"a": "KOR", "b": "PRK", "freq": "year"}).json()["periods"]
    assert [(p["label"], p["from"], p["to"]) for p in years] == [("2023", "2023-01-01", "2023-12-31"), ("2024", "2024-01-01", "2024-12-31")]
    assert client.get("/api/timeline", params={"a": "IDN"}).status_code == 400
    assert client.get("/api/timeline", params={"a": "IDN", "b": "USA", "freq": "day"}).status_code == 400
    assert "unknown actor" in client.get("/api/timeline", params={"a": "IDN", "b": "Atlantis"}).json()["error"]
    bad = client.get("/api/timeline", params={"a": "IDN", "b": "USA", "from": "maret"})
    assert bad.status_code == 400 and "YYYY" in bad.json()["error"]


def test_api_network(client: TestClient) -> None:
    data = client.get("/api/network").json()
    pairs = {(e["source"], e["target"]): e for e in data["edges"]}
    assert ("KOR", "PRK") in pairs and ("RUS", "UKR") in pairs
    assert pairs[("RUS", "UKR")]["score"] < 0 < pairs[("AUS", "IDN")]["score"]
    assert {n["id"] for n in data["nodes"]} == {x for e in data["edges"] for x in (e["source"], e["target"])}
    assert len(client.get("/api/network", params={"limit": 2}).json()["edges"]) == 2


def test_api_events_filters(client: TestClient) -> None:
    data = client.get("/api/events", params={"actor": "RUS", "type": "ASSAULT", "from": "2023-06", "to": "2023-12"}).json()
    assert data["total"] == len(data["events"]) > 0
    for e in data["events"]:
        assert e["type"] == "ASSAULT" and "RUS" in e["parties"] and "2023-06" <= e["day"][:7] <= "2023-12"
    kompas = client.get("/api/events", params={"outlet": "Kompas", "limit": 1000}).json()["events"]
    assert kompas and all("Kompas" in e["outlets"] for e in kompas)


def test_api_search_and_actors(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Blinken Jakarta"}).json()["articles"]
    assert {h["article_id"] for h in hits} == {"shared-kompas", "shared-antara"}
    codes = [a["code"] for a in client.get("/api/actors").json()["actors"]]
    assert set(codes) == set(webdemo.NAMES)


def test_event_table_filters_and_links(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "IDN", "other": "USA", "type": "CONSULT", "status": "occurred"}).text
    assert "Retno Marsudi" in html
    assert "/events/" in html and "Pyongyang" not in html


def test_event_opens_its_article_with_the_evidence_marked(client: TestClient, db: Path) -> None:
    html = client.get(f"/events/{_event_id(db, 'shared-kompas')}").text
    assert re.findall(r"<mark>(.*?)</mark>", html) == [webdemo.SHARED_SENTENCE]
    assert "Kompas" in html and "Antara" in html  # reported by both: the side panel lists the two articles


def test_script_in_title_and_body_is_shown_as_text(client: TestClient, db: Path) -> None:
    for path in ("/articles/" + webdemo.HOSTILE_ID, f"/events/{_event_id(db, webdemo.HOSTILE_ID)}", "/events?actor=CHN",
                 "/search?q=warga+sanksi"):
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
    assert "<mark>Warga &lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/articles/" + webdemo.HOSTILE_ID).text
    api = client.get("/api/search", params={"q": "warga"}).json()["articles"]
    assert webdemo.HOSTILE in api[0]["title"]  # JSON carries the raw text; the page's script sets it with textContent


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/events/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/events", params={"from": "2023-02-30"}).status_code == 400


def test_highlight_tolerates_rewrapped_whitespace_and_case() -> None:
    body = "Paragraf satu.\n\nIndonesia dan\nJepang SEPAKAT bekerja sama. Lalu lain."
    paras = highlight.paragraphs(body, ["Indonesia dan Jepang sepakat bekerja sama."])
    assert paras[0] == [("Paragraf satu.", False)]
    assert paras[1][0] == ("Indonesia dan\nJepang SEPAKAT bekerja sama.", True)
    assert highlight.snippet("Kerjasama AS dan Indonesia", "as") == [("Kerjasama ", False), ("AS", True), (" dan Indonesia", False)]


def test_filters_take_names_as_analysts_type_them(client: TestClient) -> None:
    by_name = client.get("/api/events", params={"actor": "Korea Selatan", "other": "korea utara", "limit": 0}).json()["total"]
    by_code = client.get("/api/events", params={"actor": "KOR", "other": "PRK", "limit": 0}).json()["total"]
    assert by_name == by_code > 0
    assert str(queries.bounds("2024-02", "2024-02")) == "(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))"


def test_serve_refuses_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(db=str(tmp_path / "none.duckdb"), host="127.0.0.1", port=0)
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
