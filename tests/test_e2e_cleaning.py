"""End to end on the shared dev set and HTML benchmark: the acceptance floors of the cleaning stage.

The dev input goes through the readers and the cleaner in-process (events are another stage's concern) and
is scored with the shared eval/score.py, imported as a module so the rules are exactly the evaluation's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kronik.model import Record
from kronik.pipeline import read_article
from kronik.readers import read_paths
from kronik.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent


def _bench_cleaning() -> ModuleType:
    """bench/cleaning.py, whose scorer loader and body P/R/F1 the tests share rather than copy."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import cleaning
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return cleaning


def _score(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str = "dev") -> dict[str, object]:
    pred = tmp_path / f"{name}.jsonl"
    _write_predictions(shared, pred, name)
    _bench_cleaning().load_scorer(shared).main(["--gold", str(shared / name / "gold"), "--pred", str(pred), "--json"])
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _write_predictions(shared: Path, pred: Path, name: str = "dev") -> None:
    with pred.open("w", encoding="utf-8") as out:
        for raw in read_paths([str(shared / name / "input.jsonl")]):
            assert raw.error is None
            out.write(json.dumps(Record(id=raw.id, article=read_article(raw, DEFAULT)).to_dict(), ensure_ascii=False) + "\n")


def test_dev_set_floors(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _score(shared, tmp_path, capsys)
    assert summary["missing"] == 0
    assert summary["body"]["f"] >= 0.97
    assert summary["title_acc"] == 1.0
    assert summary["published_acc"] == 1.0


@pytest.mark.parametrize("name", ["corpus", "train"])
def test_labelled_sets_title_and_published_floors(name: str, shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 9's floors: headline and publication date on at least 95% of the pages whose gold has them."""
    if not (shared / name / "gold").is_dir():
        pytest.skip(f"../shared/{name} is not present")
    summary = _score(shared, tmp_path, capsys, name)
    assert summary["missing"] == 0
    assert summary["body"]["f"] >= 0.98
    assert summary["title_acc"] >= 0.95
    assert summary["published_acc"] >= 0.95


def test_outlet_of_every_dev_page_with_a_url(shared: Path, tmp_path: Path) -> None:
    pred = tmp_path / "dev.jsonl"
    _write_predictions(shared, pred)
    found = {d["id"]: d for d in map(json.loads, pred.read_text(encoding="utf-8").splitlines())}
    for gold_file in sorted((shared / "dev" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if gold.get("url"):
            assert found[gold["id"]]["outlet"] == gold["outlet"], gold["id"]


@pytest.mark.slow
def test_html_benchmark_not_worse_than_trafilatura(shared: Path) -> None:
    cleaning = _bench_cleaning()
    score = cleaning.load_scorer(shared)
    folder = shared / "data" / "article-extraction-benchmark"
    docs = cleaning.read_jsonl(folder / "input.jsonl")
    ours = cleaning.body_prf(score, folder / "gold", {d["id"]: cleaning.kronik_html(d) for d in docs})
    theirs = cleaning.body_prf(score, folder / "gold", {d["id"]: cleaning.trafilatura_html(d) for d in docs})
    assert ours[2] >= theirs[2]
