"""End to end on the labelled sets: extract, score with the shared scorer, hold the reached level; and every event
in its own time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kronik.dates import parse_iso
from kronik.events import trace
from kronik.model import RawDoc
from kronik.pipeline import read_article
from kronik.settings import DEFAULT

FLOORS = {
    # set: (dyad F1, dyad precision, strict F1)
    "dev": (0.95, 0.95, 0.82),
    "corpus": (0.85, 0.95, 0.76),
    "train": (0.81, 0.89, 0.70),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_scores(shared: Path, tmp_path: Path, name: str) -> None:
    pred = tmp_path / f"{name}.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "kronik", "extract", str(shared / name / "input.jsonl"), "--no-progress"],
                       check=True, stdout=out)
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / name / "gold"),
                             "--pred", str(pred), "--json"], check=True, capture_output=True, text=True)
    summary = json.loads(scored.stdout.strip().splitlines()[-1])
    dyad, strict = summary["events_dyad"], summary["events_strict"]
    dyad_f1, dyad_p, strict_f1 = FLOORS[name]
    assert dyad["f"] >= dyad_f1, dyad
    assert dyad["p"] >= dyad_p, dyad
    assert strict["f"] >= strict_f1, strict


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@pytest.mark.parametrize("name", ["dev", "corpus", "train"])
def test_every_event_in_its_own_time(shared: Path, name: str) -> None:
    """A dated event lies within two years of the page's anchor date unless the date it took names its own year;
    on a page without an anchor, only such dates are given."""
    wrong = []
    for line in (shared / name / "input.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        t = trace(read_article(RawDoc(id=doc["id"], url=doc.get("url"), text=doc["text"]), DEFAULT), DEFAULT)
        for s in t.sentences:
            for c in s.candidates:
                if c.event is None or not c.date:
                    continue
                named = bool(_YEAR.search(c.date_why))
                day = parse_iso(c.date.split("/")[0])
                assert day is not None
                if not named and (t.anchor is None or abs((day - t.anchor).days) > 2 * 366):
                    wrong.append((doc["id"], c.date, c.date_why, t.anchor))
    assert not wrong, wrong[:5]
