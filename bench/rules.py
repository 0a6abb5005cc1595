"""Per rule of the event coder: how many events it touched on the labelled sets, and how many of those match gold.

An event is touched by a rule when the rule acted on the candidate that became it (kronik explain shows the same
names). It matches gold when the scorer's dyad-level test finds a gold event of its page with the same states,
quad class, occurred-or-not and a compatible month. A rule whose events rarely match, or that matches on one page
only, is a rule to reconsider; gate and check rules, which drop candidates, are counted by what they dropped.

    .venv/bin/python bench/rules.py [--shared ../shared] [--sets dev corpus train] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from cleaning import load_scorer  # bench/ is on sys.path when a bench script runs

from kronik.events import trace
from kronik.model import EVENT_FIELDS, RawDoc
from kronik.pipeline import read_article
from kronik.rules import RULES
from kronik.settings import DEFAULT

ROOT = Path(__file__).resolve().parents[1]


def measure(shared: Path, sets: list[str]) -> dict[str, dict[str, object]]:
    """rule name -> counts: events touched, matching gold, pages with a match, candidates dropped (every rule has a
    row, so a rule that never acts on the labelled sets shows as such)."""
    score = load_scorer(shared)
    stats: dict[str, dict[str, object]] = defaultdict(lambda: {"events": 0, "match": 0, "pages": set(), "dropped": 0})
    for name in sets:
        for line in (shared / name / "input.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            gold = json.loads((shared / name / "gold" / f"{doc['id']}.json").read_text(encoding="utf-8"))
            golds = [g for g in gold.get("events") or [] if score.scored(g)]
            article = read_article(RawDoc(id=doc["id"], url=doc.get("url"), text=doc["text"]), DEFAULT)
            for s in trace(article, DEFAULT).sentences:
                for c in s.candidates:
                    names = {rule for rule, _ in c.fired}
                    if c.event is None:
                        for rule in names:
                            stats[rule]["dropped"] += int(c.dropped is not None)  # type: ignore[operator]
                        continue
                    event = {f: getattr(c.event, f) for f in EVENT_FIELDS}
                    hit = any(score.match(event, g, False) for g in golds)
                    for rule in names:
                        st = stats[rule]
                        st["events"] += 1  # type: ignore[operator]
                        st["match"] += int(hit)  # type: ignore[operator]
                        if hit:
                            st["pages"].add(doc["id"])  # type: ignore[union-attr]
    return stats


def render(stats: dict[str, dict[str, object]], markdown: bool) -> str:
    named = [r for r in RULES if r.stage != "event"]  # the last step makes the event and names no rule in the trace
    order = [r.name for r in named] + sorted(set(stats) - {r.name for r in RULES})
    stage = {r.name: r.stage for r in named}
    rows = [(name, stage.get(name, "after"), stats[name]) for name in order if name in stats or name in stage]
    head = ("rule", "stage", "events touched", "match gold", "share", "pages matched", "candidates dropped")
    lines = []
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    else:
        lines.append(f"{head[0]:<34} {head[1]:<8} {'events':>7} {'match':>6} {'share':>6} {'pages':>6} {'dropped':>8}")
    for name, st_name, st in rows:
        events, match, pages, dropped = st["events"], st["match"], len(st["pages"]), st["dropped"]  # type: ignore[arg-type]
        share = f"{match / events:.2f}" if events else "-"  # type: ignore[operator]
        if markdown:
            lines.append(f"| `{name}` | {st_name} | {events} | {match} | {share} | {pages} | {dropped} |")
        else:
            lines.append(f"{name:<34} {st_name:<8} {events:>7} {match:>6} {share:>6} {pages:>6} {dropped:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", nargs="+", default=["dev", "corpus", "train"])
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"{args.shared} has no eval/score.py: the labelled sets are needed", file=sys.stderr)
        return 2
    print(render(measure(args.shared, args.sets), args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
