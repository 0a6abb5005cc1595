"""End to end on the dev set: extract in-process, score with the shared scorer, hold the reached level."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DYAD_F1_FLOOR = 0.86
STRICT_F1_FLOOR = 0.75
PRECISION_FLOOR = 0.90


def test_dev_event_scores(shared: Path, tmp_path: Path) -> None:
    pred = tmp_path / "dev.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "kronik", "extract", str(shared / "dev" / "input.jsonl"), "--no-progress"],
                       check=True, stdout=out)
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "dev" / "gold"),
                             "--pred", str(pred), "--json"], check=True, capture_output=True, text=True)
    summary = json.loads(scored.stdout.strip().splitlines()[-1])
    dyad, strict = summary["events_dyad"], summary["events_strict"]
    assert dyad["f"] >= DYAD_F1_FLOOR, dyad
    assert strict["f"] >= STRICT_F1_FLOOR, strict
    assert dyad["p"] >= PRECISION_FLOOR, dyad
