"""Timeline, top dyads and types, and the actor network, over a small database built from records."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from kronik import analysis, store
from kronik.gazetteer import resolve_actor
from kronik.model import Article, Event, Record


def rec(doc_id: str, published: str, events: list[Event]) -> Record:
    article = Article(id=doc_id, outlet="Kompas", title=doc_id, published=published, paragraphs=[f"Teks berita {doc_id}."])
    return Record(id=doc_id, article=article, events=events)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "a.duckdb")
    records = [
        rec("r1", "2024-01-10", [Event(["KORGOV"], ["PRK"], "ACCUSE", date="2024-01-09"),
                                 Event(["USA", "KOR"], [], "CONSULT", date="2024-01-09")]),
        rec("r2", "2024-01-20", [Event(["PRKMIL"], ["KOR"], "ASSAULT", date="2024-01-19", intensity=-9.5)]),
        rec("r3", "2024-03-02", [Event(["KOR", "PRK"], [], "AGREE", date="2024-03-01")]),
        rec("r4", "2024-03-05", [Event(["IGO:ASEAN"], ["PRK"], "REQUEST", date=None)]),
    ]
    with store.connect(path) as con:
        store.ingest_records(con, records)
    return path


def test_timeline_counts_quads_and_scores_with_empty_periods(db: str) -> None:
    with store.connect(db, read_only=True) as con:
        rows = analysis.timeline(con, "KOR", "PRK", "month")
    assert [r["period"] for r in rows] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    jan, feb, mar = rows
    assert (jan["events"], jan["verbal_conflict"], jan["material_conflict"], jan["score"]) == (2, 1, 1, -6.25)
    assert feb["events"] == 0 and feb["score"] is None
    assert (mar["events"], mar["verbal_coop"], mar["score"]) == (1, 1, 2.5)
    with store.connect(db, read_only=True) as con:
        assert analysis.timeline(con, "KOR", "PRK", "year", start=date(2024, 2, 1)) == [
            {"period": date(2024, 1, 1), "verbal_coop": 1, "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0,
             "events": 1, "score": 2.5}]


def test_top_dyads_and_types(db: str) -> None:
    with store.connect(db, read_only=True) as con:
        dyads = analysis.top_dyads(con)
        assert [(d["a"], d["b"], d["events"]) for d in dyads] == [
            ("KOR", "PRK", 3), ("IGO:ASEAN", "PRK", 1), ("KOR", "USA", 1)]
        assert [d["b"] for d in analysis.top_dyads(con, "USA")] == ["USA"]
        types = analysis.top_types(con, "PRK")
        assert {t["type"]: t["events"] for t in types} == {"ACCUSE": 1, "ASSAULT": 1, "AGREE": 1, "REQUEST": 1}


def test_network_graph_files_and_plots(db: str, tmp_path: Path) -> None:
    with store.connect(db, read_only=True) as con:
        graph = analysis.network(con)
    assert graph["KOR"]["PRK"]["events"] == 3 and graph.nodes["PRK"]["events"] == 4
    analysis.write_graph(graph, str(tmp_path / "g.graphml"))
    analysis.write_graph(graph, str(tmp_path / "g.json"))
    data = json.loads((tmp_path / "g.json").read_text())
    assert {n["id"] for n in data["nodes"]} == {"KOR", "PRK", "USA", "IGO:ASEAN"}
    assert "<graphml" in (tmp_path / "g.graphml").read_text()
    analysis.plot_network(graph, str(tmp_path / "n.png"))
    assert (tmp_path / "n.png").read_bytes()[:4] == b"\x89PNG"


def test_resolve_codes_and_names() -> None:
    assert resolve_actor("kor") == "KOR" and resolve_actor("PRKGOV") == "PRK"
    assert resolve_actor("igo:asean") == "IGO:ASEAN"
    assert resolve_actor("Japan") == "JPN"
    assert resolve_actor("korea  selatan") == "KOR" and resolve_actor("Jepang") == "JPN" and resolve_actor("PBB") == "UNO"
    with pytest.raises(ValueError):
        resolve_actor("Atlantis Raya")


def test_commands_print_and_plot(db: str, tmp_path: Path, capsys) -> None:
    args = argparse.Namespace(command="timeline", db=db, a="KOR", b="PRK", freq="month", start="2024", end=None,
                              plot=str(tmp_path / "t.svg"))
    assert analysis.command(args) == 0
    assert "verbal_conflict" in capsys.readouterr().out and (tmp_path / "t.svg").read_text().lstrip().startswith("<?xml")
    assert analysis.command(argparse.Namespace(command="top", db=db, actor="PRK", limit=5)) == 0
    assert "ASSAULT" in capsys.readouterr().out
    args = argparse.Namespace(command="network", db=db, start=None, end="2024-01", plot=None, graph=str(tmp_path / "g.json"))
    assert analysis.command(args) == 0
    assert [n["id"] for n in json.loads((tmp_path / "g.json").read_text())["nodes"]] == ["KOR", "PRK", "USA"]
    bad = argparse.Namespace(command="timeline", db=db, a="KOR", b="PRK", freq="month", start="kemarin", end=None, plot=None)
    assert analysis.command(bad) == 2
