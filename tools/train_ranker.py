"""Train the ranker's weights (kronik/data/ranker.tsv) on the labelled sets, measured on outlets held out of training.

Every candidate event of every labelled page (the rules' own events and the ranker's pair proposals) is labelled by
whether it matches a gold event of its page at the scorer's dyad level (same states, quad class, occurred or not,
compatible month). A logistic regression over the candidates' features learns which are events. To measure it on
pages its training never saw, the pages are split into folds by outlet: each fold's pages are coded with a model
trained on the other folds only, and the scorer's figures of those held-out pages are summed over the folds.

    .venv/bin/python tools/train_ranker.py                 # cross-validated table, nothing written
    .venv/bin/python tools/train_ranker.py --write         # also fit on all pages and write kronik/data/ranker.tsv

Needs scikit-learn (a dev dependency) and ../shared (the labelled sets and eval/score.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from kronik import ranker
from kronik.clean import clean
from kronik.events import combine, people, trace
from kronik.model import EVENT_FIELDS, Event, RawDoc
from kronik.rules import Candidate
from kronik.settings import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kronik" / "data" / "ranker.tsv"
SETTINGS = dataclasses.replace(DEFAULT, ranker_threshold=2.0)
"""Code with every proposal turned down: the tool decides afterwards which it keeps."""


@dataclasses.dataclass
class Page:
    id: str
    set: str
    outlet: str
    gold: list[dict]
    candidates: list[tuple[Candidate, Event]]
    """Every candidate with an event (kept or turned down), in document order."""


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("kronik_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages(shared: Path, sets: Iterable[str]) -> list[Page]:
    """Clean and code every labelled page once, keeping each candidate's event."""
    out = []
    for name in sets:
        for line in (shared / name / "input.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            gold = json.loads((shared / name / "gold" / f"{doc['id']}.json").read_text(encoding="utf-8"))
            article = clean(RawDoc(id=doc["id"], url=doc.get("url"), text=doc["text"]), SETTINGS)
            found = [(c, c.event or c.would_be) for s in trace(article, SETTINGS).sentences for c in s.candidates
                     if (c.event or c.would_be) is not None and c.features]
            outlet = (gold.get("outlet") or doc["id"].split("-")[0]).lower()
            out.append(Page(doc["id"], name, outlet, gold.get("events") or [], found))
    return out


def as_dict(e: Event) -> dict:
    return {name: getattr(e, name) for name in EVENT_FIELDS}


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def labels(page: Page, score: ModuleType) -> list[int]:
    """1 for a candidate whose event matches a gold event of its page. A proposal counts only when it matches a
    gold event the rules' own events leave unmatched and whose evidence lies in the proposal's sentence: what it
    adds, where the page says it."""
    golds = [g for g in page.gold if score.scored(g)]
    own = kept(page, [1.0] * len(page.candidates), 2.0, 0.0)
    order = sorted(range(len(golds)), key=lambda i: not golds[i].get("core", True))
    taken: set[int] = set()
    for e in own:
        hit = next((i for i in order if i not in taken and score.match(e, golds[i], False)), None)
        if hit is not None:
            taken.add(hit)
    left = [g for i, g in enumerate(golds) if i not in taken]
    out = []
    for c, e in page.candidates:
        if not c.proposal:
            out.append(int(any(score.match(as_dict(e), g, False) for g in golds)))
            continue
        here = _tokens(e.sentence)
        out.append(int(any(score.match(as_dict(e), g, False) and len(_tokens(g.get("evidence") or "") - here)
                           <= 0.4 * len(_tokens(g.get("evidence") or "")) for g in left)))
    return out


def kept(page: Page, probs: list[float], threshold: float, floor: float) -> list[dict]:
    """The page's events under a model: rule events above the floor, proposals above the threshold, combined."""
    found, offered = [], []
    for (c, e), p in zip(page.candidates, probs, strict=True):
        assert c.parties is not None
        if not c.proposal and p >= floor:
            found.append((dataclasses.replace(e), c.fallback, people(c)))
        elif c.proposal and p >= threshold:
            offered.append((dataclasses.replace(e), p))
    events, _ = combine(found, offered, SETTINGS.event_cluster_days)
    return [as_dict(e) for e in events]


def table(pages_: list[Page], probs: dict[str, list[float]], threshold: float, floor: float, score: ModuleType) -> dict:
    """Scorer figures per set: {set: {level: (tp, fp, fn)}}."""
    out: dict[str, dict[str, list[int]]] = {}
    for page in pages_:
        pred = kept(page, probs[page.id], threshold, floor)
        for level, strict in (("dyad", False), ("strict", True)):
            tp, fp, fn = score.score_events(pred, page.gold, strict)
            acc = out.setdefault(page.set, {}).setdefault(level, [0, 0, 0])
            acc[0] += tp
            acc[1] += fp
            acc[2] += fn
    return out


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fit(x: list[list[str]], y: list[int], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(f, 1) for f in x])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(matrix, np.array(y))
    return vec, clf


def to_model(vec: DictVectorizer, clf: LogisticRegression, threshold: float) -> ranker.Model:
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True) if abs(w) > 1e-6}
    return ranker.Model(float(clf.intercept_[0]), weights, threshold)


def cross_validate(pages_: list[Page], ys: dict[str, list[int]], folds: int, c: float) -> dict[str, list[float]]:
    """Each page's candidate probabilities under a model trained without its outlet."""
    groups = [p.outlet for p in pages_]
    probs: dict[str, list[float]] = {}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(pages_, groups=groups):
        x = [f for i in train_idx for c_, _ in pages_[i].candidates for f in [c_.features]]
        y = [label for i in train_idx for label in ys[pages_[i].id]]
        model = to_model(*fit(x, y, c), 0.5)
        for i in test_idx:
            probs[pages_[i].id] = [model.probability(c_.features) for c_, _ in pages_[i].candidates]
    return probs


def report(name: str, figures: dict) -> str:
    rows = []
    for set_name in sorted(figures):
        cells = []
        for level in ("dyad", "strict"):
            p, r, f = f1(*figures[set_name][level])
            cells.append(f"{level} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        rows.append(f"{name:<28} {set_name:<7} " + "  ".join(cells))
    return "\n".join(rows)


def mean_f1(figures: dict) -> float:
    return sum(f1(*figures[s]["dyad"])[2] + f1(*figures[s]["strict"])[2] for s in figures) / (2 * len(figures))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", nargs="+", default=["dev", "corpus", "train"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, nargs="+", default=[0.03, 0.1, 0.3, 1.0])
    ap.add_argument("--write", action="store_true", help="fit on all pages and write kronik/data/ranker.tsv")
    args = ap.parse_args(argv)
    score = load_scorer(args.shared)
    all_pages = pages(args.shared, args.sets)
    ys = {p.id: labels(p, score) for p in all_pages}
    n = sum(len(v) for v in ys.values())
    print(f"{len(all_pages)} pages, {n} candidates, {sum(sum(v) for v in ys.values())} match gold", file=sys.stderr)
    rules_only = {p.id: [0.0 if c.proposal else 1.0 for c, _ in p.candidates] for p in all_pages}
    base = table(all_pages, rules_only, 0.5, 0.5, score)
    print(report("rules only", base))
    best: tuple[float, float, float, float, dict] | None = None
    for c in args.c:
        probs = cross_validate(all_pages, ys, args.folds, c)
        for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            for floor in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
                figures = table(all_pages, probs, threshold, floor, score)
                m = mean_f1(figures)
                if best is None or m > best[0]:
                    best = (m, c, threshold, floor, figures)
    assert best is not None
    m, c, threshold, floor, figures = best
    print(report(f"held-out outlets C={c} t={threshold} floor={floor}", figures))
    if args.write:
        x = [c_.features for p in all_pages for c_, _ in p.candidates]
        y = [label for p in all_pages for label in ys[p.id]]
        model = to_model(*fit(x, y, c), threshold)
        lines = [
            "# Weights of the ranker's logistic model (kronik/ranker.py), written by tools/train_ranker.py on "
            f"{dt.date.today().isoformat()}.",
            f"# Trained on the candidates of the labelled sets {', '.join(args.sets)} of the project's shared material "
            f"({len(all_pages)} pages, {n} candidates), labelled by the scorer's dyad-level match with the gold events.",
            f"# L2-regularised logistic regression, C={c}; threshold {threshold} for proposals, rule events kept above {floor}.",
            "# Measured on outlets held out of training (" + f"{args.folds}-fold by outlet), dyad/strict F1: "
            + "; ".join(f"{s} {f1(*figures[s]['dyad'])[2]:.3f}/{f1(*figures[s]['strict'])[2]:.3f}" for s in sorted(figures)) + ".",
            "feature\tweight",
            f"bias\t{model.bias:.6f}",
            f"threshold\t{threshold}",
            f"floor\t{floor}",
            *(f"{k}\t{v:.6f}" for k, v in sorted(model.weights.items())),
        ]
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
