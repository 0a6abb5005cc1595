"""Benchmark of the cleaning stage: kronik's cleaner against jusText and trafilatura.

1. The dev pages (plain text; each line wrapped in <p> for the HTML tools): body P/R/F1 and pages/s,
   and kronik's throughput on ~3 KB pages made of two unlabelled corpus pages each.
2. The public article-extraction benchmark (181 HTML pages, mostly not Indonesian): each HTML path of kronik
   (the pipeline's: resiliparse with trafilatura as fallback; and each extractor forced), resiliparse and
   trafilatura alone, side by side; all scored with the shared eval/score.py rules, speed per CPU second.
3. `kronik extract` end to end (one worker, a child process: reading, cleaning, events, writing) on those HTML
   pages: pages per CPU second of the child, and per wall-clock second.

Usage: .venv/bin/python bench/cleaning.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kronik.model import RawDoc  # noqa: E402
from kronik.pipeline import read_article  # noqa: E402
from kronik.settings import DEFAULT, Settings  # noqa: E402


def load_scorer(shared: Path) -> ModuleType:
    """The shared score.py, imported as a module so that the bench scores exactly as the evaluation does."""
    spec = importlib.util.spec_from_file_location("kronik_shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_prf(score: ModuleType, gold_dir: Path, bodies: dict[str, str]) -> tuple[float, float, float]:
    """Micro-averaged bag-of-words body P/R/F1 over the gold folder (score.py's rule, subtitles neutral)."""
    texts = score.load_inputs(str(gold_dir))
    total: Counter[str] = Counter()
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        text = texts.get(g["id"])
        gt = score.tokens(g["body"] if "body" in g else score.gold_lines(g, text, "body"))
        pt = score.tokens(bodies.get(g["id"], ""))
        pt = pt - ((pt - gt) & score.tokens(score.gold_lines(g, text, "subtitle")))
        total.update(tp=sum((gt & pt).values()), pred=sum(pt.values()), gold=sum(gt.values()))
    p = total["tp"] / total["pred"] if total["pred"] else 0.0
    r = total["tp"] / total["gold"] if total["gold"] else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def read_jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def as_html(text: str) -> str:
    """A plain-text page as minimal HTML, one <p> per line, for tools that only read HTML."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>"


def kronik_text(doc: dict[str, str]) -> str:
    return read_article(RawDoc(id=doc["id"], url=doc.get("url"), text=doc["text"]), DEFAULT).body


def kronik_html(doc: dict[str, str], settings: Settings = DEFAULT) -> str:
    return read_article(RawDoc(id=doc["id"], url=doc.get("url"), html=doc["html"]), settings).body


def resiliparse_html(doc: dict[str, str]) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(doc["html"], preserve_formatting=True, main_content=True))


def kronik_wrapped(doc: dict[str, str]) -> str:
    return read_article(RawDoc(id=doc["id"], url=doc.get("url"), html=as_html(doc["text"])), DEFAULT).body


def justext_text(doc: dict[str, str]) -> str:
    import justext

    paragraphs = justext.justext(as_html(doc["text"]).encode("utf-8"), justext.get_stoplist("Indonesian"), encoding="utf-8")
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_text(doc: dict[str, str]) -> str:
    import trafilatura

    return trafilatura.extract(as_html(doc["text"]), url=doc.get("url"), include_comments=False) or ""


def trafilatura_html(doc: dict[str, str]) -> str:
    import trafilatura

    return trafilatura.extract(doc["html"], url=doc.get("url"), include_comments=False) or ""


def run(tool: Callable[[dict[str, str]], str], docs: list[dict[str, str]]) -> tuple[dict[str, str], float]:
    """Bodies by id and pages per CPU second of this process, i.e. per core even on a busy machine.

    One warm-up page first, so that lazy model and library loads are not timed.
    """
    tool(docs[0])
    start = time.process_time()
    bodies = {d["id"]: tool(d) for d in docs}
    return bodies, len(docs) / (time.process_time() - start)


def _child_cpu(args: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one child process."""
    before, start = os.times(), time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    wall, after = time.perf_counter() - start, os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system), wall


def end_to_end(inputs: Path, n: int) -> str:
    """`kronik extract` with one worker in a child process, on all pages and on the first page alone (the start-up:
    imports, the language model): pages per CPU second with and without the start-up, and per wall second."""
    kronik = str(Path(sys.executable).with_name("kronik"))
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(inputs.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
        startup, _ = _child_cpu([kronik, "extract", str(one), "--workers", "1", "--no-progress", "-o", str(Path(tmp) / "one.out")])
        cpu, wall = _child_cpu([kronik, "extract", str(inputs), "--workers", "1", "--no-progress", "-o", str(Path(tmp) / "out.jsonl")])
    return (f"kronik extract end to end, one worker, {n} HTML pages: {n / cpu:,.0f} pages per CPU second ({cpu:.2f} s), "
            f"{(n - 1) / (cpu - startup):,.0f} after the start-up ({startup:.2f} s for one page), "
            f"{n / wall:,.0f} pages per wall second")


def table(title: str, rows: list[tuple[str, tuple[float, float, float], float]]) -> str:
    lines = [f"### {title}", "", "| cleaner | body P | body R | body F1 | pages/s |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {speed:,.0f} |" for name, (p, r, f), speed in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    score = load_scorer(args.shared)

    dev_dir = args.shared / "dev"
    dev = read_jsonl(dev_dir / "input.jsonl")
    rows = []
    tools: tuple[tuple[str, Callable[[dict[str, str]], str]], ...] = (
        ("kronik (text path)", kronik_text),
        ("kronik (HTML path, same <p> pages)", kronik_wrapped),
        ("jusText (Indonesian stoplist)", justext_text),
        ("trafilatura", trafilatura_text),
    )
    for name, tool in tools:
        bodies, speed = run(tool, dev)
        rows.append((name, body_prf(score, dev_dir / "gold", bodies), speed))
    print(table(f"Dev pages ({len(dev)} plain-text pages; HTML tools get one <p> per line)", rows))
    print()

    corpus = read_jsonl(args.shared / "corpus" / "input.jsonl")
    joined = [
        {"id": f"{a['id']}+{b['id']}", "text": f"{a['text']}\n{b['text']}"} for a, b in zip(corpus[::2], corpus[1::2], strict=False)
    ] * 5
    _, speed = run(kronik_text, joined)
    kb_per_page = sum(len(d["text"].encode()) for d in joined) / len(joined) / 1000
    print(f"kronik cleaner throughput on {len(joined) // 5} pages of {kb_per_page:.1f} KB (two unlabelled corpus pages joined, x5): "
          f"{speed:,.0f} pages/s per core")
    print()

    aeb_dir = args.shared / "data" / "article-extraction-benchmark"
    aeb = read_jsonl(aeb_dir / "input.jsonl")
    rows = []
    paths: tuple[tuple[str, Callable[[dict[str, str]], str]], ...] = (
        ("kronik HTML path (resiliparse, trafilatura on failed sanity checks) + cleaner", kronik_html),
        ("kronik, resiliparse forced + cleaner", lambda d: kronik_html(d, Settings(html_extractor="resiliparse"))),
        ("kronik, trafilatura forced + cleaner", lambda d: kronik_html(d, Settings(html_extractor="trafilatura"))),
        ("resiliparse 2.0.1 alone (main content)", resiliparse_html),
        ("trafilatura 2.3.1 alone", trafilatura_html),
    )
    for name, tool in paths:
        bodies, speed = run(tool, aeb)
        rows.append((name, body_prf(score, aeb_dir / "gold", bodies), speed))
    print(table(f"Article-extraction benchmark ({len(aeb)} HTML pages, mostly not Indonesian)", rows))
    print()
    print(end_to_end(aeb_dir / "input.jsonl", len(aeb)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
