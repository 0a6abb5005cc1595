"""kronik.selection: the filters `kronik export` and the dashboard share, read from text and applied in SQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import webdemo

from kronik import cli, db
from kronik.gazetteer import UnknownActor
from kronik.selection import Selection, parse


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webdemo.build(tmp_path_factory.mktemp("selection") / "demo.duckdb")


def test_text_is_read_as_analysts_type_it() -> None:
    sel = parse(start="2023", end="2024-02", actor="Korea Selatan", other="korut", types=["accuse,threaten", "ACCUSE"],
                quads=["4", "verbal_conflict"], statuses=["Planned"], outlets=["Kompas, Jakarta", "Antara"])
    assert sel == Selection(date(2023, 1, 1), date(2024, 2, 29), "KOR", "PRK", ("ACCUSE", "THREATEN"),
                            ("material_conflict", "verbal_conflict"), ("planned",), ("Kompas, Jakarta", "Antara"))
    assert sel.options() == ["--from", "2023-01-01", "--to", "2024-02-29", "--actor", "KOR", "--with", "PRK", "--type", "ACCUSE",
                             "--type", "THREATEN", "--quad", "material_conflict", "--quad", "verbal_conflict", "--status", "planned",
                             "--outlet", "Kompas, Jakarta", "--outlet", "Antara"]
    assert parse() == Selection() and not parse().dated and parse(end="2020").dated


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"actor": "Narnia"}, "unknown actor 'Narnia'"),
    ({"actor": "IDN", "other": "Indonesia"}, "both IDN"),
    ({"types": ["ACUSE"]}, "did you mean ACCUSE"),
    ({"quads": ["5"]}, "unknown quad class '5'"),
    ({"statuses": ["occured"]}, "did you mean occurred"),
    ({"start": "2024-13"}, "YYYY"),
    ({"start": "2024", "end": "2023"}, "ends"),
])
def test_wrong_text_says_what_is_wrong(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(**kwargs)  # type: ignore[arg-type]


def test_an_unknown_actor_names_the_nearest() -> None:
    with pytest.raises(UnknownActor) as caught:
        parse(actor="Korea Selatn")
    assert caught.value.suggestions == ["Korea Selatan"]


def test_each_filter_narrows_the_events_it_names(demo: Path) -> None:
    with db.connect_read(demo) as con:
        def ids(sel: Selection) -> set[str]:
            where, params = sel.where()
            return {r[0] for r in con.execute(f"SELECT event_id FROM events e WHERE {where}", params).fetchall()}

        every = ids(Selection())
        for sel, column, test in [
            (parse(actor="RUS"), "parties", lambda v: "RUS" in v),
            (parse(types=["AID", "SANCTION"]), "type", lambda v: v in ("AID", "SANCTION")),
            (parse(quads=["1"]), "quad", lambda v: v == "verbal_coop"),
            (parse(statuses=["planned"]), "status", lambda v: v == "planned"),
            (parse(outlets=["Tempo", "Detik"]), "outlets", lambda v: bool({"Tempo", "Detik"} & set(v))),
        ]:
            rows = dict(con.execute(f"SELECT event_id, {column} FROM events").fetchall())
            assert ids(sel) == {i for i in every if test(rows[i])} != set(), sel
        undated = parse(actor="KOR", other="PRK")
        assert len(ids(undated)) - len(ids(parse(actor="KOR", other="PRK", start="2000"))) == 2
        assert db.undated_events(con, *undated.where()) == 2


def test_export_writes_only_the_selection(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kor.csv"
    assert cli.main(["export", "--db", str(demo), "--actor", "Korea Selatan", "--with", "PRK", "--quad", "4", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    err = capsys.readouterr().err
    assert f"{len(lines) - 1} events written" in err
    assert all("KOR" in line and "PRK" in line and "material_conflict" in line for line in lines[1:])
    assert cli.main(["export", "--db", str(demo), "--actor", "Narnia", "-o", str(out)]) == 2
    assert "unknown actor 'Narnia'" in capsys.readouterr().err
    assert cli.main(["export", "--db", str(demo), "--actor", "KOR", "--from", "2023", "-o", str(out)]) == 0
    assert "undated" not in capsys.readouterr().err  # a date range leaves the undated events out: none written


@pytest.mark.parametrize("layout", ["kronik", "polecat", "gdelt"])
def test_batches_of_any_size_give_the_same_rows(demo: Path, layout: str) -> None:
    """The first batch is its own query and the rest another: the seam must lose, repeat or reorder nothing."""
    import pyarrow as pa

    from kronik import export

    with db.connect_read(demo) as con:
        whole = export.events_table(con, layout)
        for size in (7, 117, len(whole), len(whole) + 1):
            columns, parts = export.batches(con, layout, size=size)
            tables = list(parts)
            assert all(t.num_rows <= size for t in tables)
            assert pa.concat_tables([columns.empty_table(), *tables]).equals(whole), size
            assert b"".join(export.encode(columns, tables, "csv")) == b"".join(export.encode(whole.schema, [whole], "csv"))
