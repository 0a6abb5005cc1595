"""End-to-end throughput and memory of `kronik extract`, and kronik's cleaner beside trafilatura and jusText.

    .venv/bin/python bench/throughput.py                 # generated corpora of 1k and 10k pages, workers 1 and 2
    .venv/bin/python bench/throughput.py --full          # adds 100k pages
    .venv/bin/python bench/throughput.py --sizes 1000 --no-compare --profile

Every run of `kronik extract` is a subprocess (start-up included, output written to a file) whose process tree
is sampled for resident memory; the side-by-side runs in this process on one core. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KRONIK_SHARED", ROOT.parent / "shared"))
"""The shared test data (real pages, dev pages with gold); KRONIK_SHARED points elsewhere, e.g. from a copy of the code."""
SHARED_CORPUS = SHARED / "corpus" / "input.jsonl"
SHARED_DEV = SHARED / "dev" / "input.jsonl"
sys.path.insert(0, str(ROOT))

from cleaning import as_html  # noqa: E402  (bench/ is on sys.path when a bench script runs)

from kronik.generate import page_lines, pages, write_jsonl  # noqa: E402
from kronik.model import RawDoc  # noqa: E402

_SPIN = """
import re, time
t = time.perf_counter()
pattern = re.compile(r"(\\w+)\\s+(bertemu|sepakat)")
text = "Menlu RI bertemu Menlu Jepang di Tokyo " * 20
for _ in range(15000):
    pattern.findall(text)
print(time.perf_counter() - t)
"""


def parallel_ceiling() -> float:
    """How many cores two CPU-bound processes actually get right now (2.0 on an idle 2-core machine): the ceiling
    for any 2-worker speed-up measured at the same time."""
    def spin(k: int) -> list[float]:
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN], stdout=subprocess.PIPE, text=True) for _ in range(k)]
        return [float(p.communicate()[0]) for p in procs]

    alone = spin(1)[0]
    return 2 * alone / max(spin(2))


def tree_sample(proc: psutil.Process, cpu: dict[int, float]) -> int:
    """Resident memory of a process and all its descendants, in bytes; records each one's CPU seconds so far in `cpu`."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            continue
    return total


def run_extract(src: Path, workers: int, out: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (whole process tree), peak tree RSS and the summary line of one `kronik extract` run.

    CPU seconds keep the per-core figure honest on a machine that other jobs share."""
    cmd = [sys.executable, "-m", "kronik", "extract", str(src), "--workers", str(workers), "--no-progress", "-o", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        ps = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                peak = max(peak, tree_sample(ps, cpu))
            except psutil.Error:
                return
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"kronik extract failed: {err[-2000:]}")
    return seconds, sum(cpu.values()), peak, err.strip().splitlines()[-1]


def real_pages(times: int) -> Path | None:
    """The shared real pages repeated `times` times (fresh ids) in a temporary file; None when absent."""
    if not SHARED_CORPUS.exists():
        return None
    lines = SHARED_CORPUS.read_text(encoding="utf-8").splitlines()
    tmp = Path(tempfile.mkdtemp(prefix="kronik-real-")) / "real.jsonl"
    with tmp.open("w", encoding="utf-8") as fh:
        for k in range(times):
            for line in lines:
                obj = json.loads(line)
                obj["id"] = f"{obj['id']}~{k}"
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return tmp


def end_to_end(sizes: list[int], workers: list[int], work: Path, repeat: int = 1) -> str:
    """The scaling table: seconds, pages/s (per core), seconds per 1k pages, peak RSS, speed-up over one worker.

    Each configuration runs `repeat` times and the fastest run is kept: on a shared machine the slower runs
    measure the other jobs."""
    rows = ["| corpus | pages | workers | wall s | pages/s | s per 1k pages | CPU s | pages per CPU-second | peak RSS (MiB) "
            "| speed-up (wall) | cores free just before |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    corpora: list[tuple[str, Path, int]] = []
    for n in sizes:
        src = work / f"gen-{n}.jsonl"
        write_jsonl(src, n, seed=42)
        corpora.append(("generated", src, n))
    real = real_pages(15)
    if real is not None:
        corpora.append(("shared/corpus ×15", real, sum(1 for _ in real.open(encoding="utf-8"))))
    for name, src, n in corpora:
        base = None
        for w in workers:
            runs = []
            for _ in range(repeat):
                free = parallel_ceiling()
                runs.append((*run_extract(src, w, work / "out.jsonl"), free))
            seconds, cpu, peak, summary, free = min(runs)
            base = base or seconds
            rows.append(f"| {name} | {n:,} | {w} | {seconds:.1f} | {n / seconds:.0f} | {1000 * seconds / n:.2f} | {cpu:.1f} | "
                        f"{n / cpu:.0f} | {peak / 2**20:.0f} | {base / seconds:.2f}× | {free:.2f} |")
            print(f"  {name} n={n} workers={w}: {seconds:.1f}s wall, {cpu:.1f}s CPU, peak {peak / 2**20:.0f} MiB; {summary}",
                  file=sys.stderr)
    return "\n".join(rows)


def _bag(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def body_f1(predicted: list[str], gold: list[str]) -> float:
    """Bag-of-words F1 of predicted bodies against gold bodies, micro-averaged (the eval/score.py rule)."""
    hit = pred = want = 0
    for p, g in zip(predicted, gold, strict=True):
        bp, bg = _bag(p), _bag(g)
        hit += sum((bp & bg).values())
        pred += sum(bp.values())
        want += sum(bg.values())
    precision, recall = hit / max(pred, 1), hit / max(want, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def comparison_sets(n: int) -> list[tuple[str, list[tuple[str, str]], list[str] | None]]:
    """(name, [(id, text)], gold bodies or None): generated pages, the shared dev pages with gold, the shared corpus."""
    gen = [(f"gen-{i}", page_lines(i, seed=7)) for i in range(n)]
    sets: list[tuple[str, list[tuple[str, str]], list[str] | None]] = [
        ("generated", [(i, "\n".join(x for _, x in lines)) for i, lines in gen],
         ["\n".join(x for label, x in lines if label == "body") for _, lines in gen])]
    if SHARED_DEV.exists():
        docs, gold = [], []
        for line in SHARED_DEV.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            labels = json.loads((SHARED_DEV.parent / "gold" / f"{obj['id']}.json").read_text(encoding="utf-8"))["lines"]
            docs.append((obj["id"], obj["text"]))
            gold.append("\n".join(x for x, label in zip(obj["text"].split("\n"), labels, strict=False) if label == "body"))
        sets.append(("shared/dev", docs, gold))
    if SHARED_CORPUS.exists():
        real = [(o["id"], o["text"]) for o in map(json.loads, SHARED_CORPUS.read_text(encoding="utf-8").splitlines())]
        sets.append(("shared/corpus", real, None))
    return sets


def side_by_side(n: int) -> str:
    """Pages/s on one core (and body F1 where the body is known) of kronik's cleaner, trafilatura and jusText
    (Indonesian stoplist) on the same pages, and kronik end to end."""
    import justext
    import trafilatura

    from kronik.pipeline import process, read_article
    from kronik.settings import DEFAULT

    stoplist = justext.get_stoplist("Indonesian")

    def jt(h: str) -> str:
        return "\n".join(p.text for p in justext.justext(h, stoplist) if not p.is_boilerplate)

    tools: list[tuple[str, Callable[[str, str], str | None], bool]] = [
        ("kronik clean (plain text)", lambda i, t: read_article(RawDoc(id=i, text=t), DEFAULT).body, False),
        ("kronik clean (same HTML)", lambda i, h: read_article(RawDoc(id=i, html=h), DEFAULT).body, True),
        ("trafilatura 2.3.1 `extract`", lambda i, h: trafilatura.extract(h, include_comments=False), True),
        ("jusText 3.0.2 (Indonesian stoplist)", lambda i, h: jt(h), True),
        ("kronik end to end (clean + actors + events)", lambda i, t: process(RawDoc(id=i, text=t), DEFAULT).to_dict().get("body"), False),
    ]
    sets = comparison_sets(n)
    head = " | ".join(f"{name} ({len(docs)}) pages/s" + (f" | {name} body F1" if gold else "") for name, docs, gold in sets)
    rows = [f"| tool | {head} |", "|---|" + "---:|" * sum(2 if gold else 1 for *_, gold in sets)]
    for label, fn, wants_html in tools:
        cells = []
        for _, docs, gold in sets:
            inputs = [(i, as_html(t) if wants_html else t) for i, t in docs]
            fn(*inputs[0])
            started = time.perf_counter()
            bodies = [fn(i, x) or "" for i, x in inputs]
            cells.append(f"{len(inputs) / (time.perf_counter() - started):.0f}")
            if gold:
                cells.append(f"{body_f1(bodies, gold):.3f}")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def profile(n: int, top: int = 25) -> str:
    """Where one core spends its time on n generated pages: the functions with the most own time, and per module."""
    from kronik.pipeline import process

    docs = [RawDoc(id=i, text=t) for i, t in pages(n, seed=3)]
    process(docs[0])
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        process(d)
    prof.disable()
    stats = pstats.Stats(prof)
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())

    def owner(filename: str) -> str:
        return Path(filename).name if "/kronik/" in filename else Path(filename).parent.name or filename

    # a C function's own time (regex matching above all) is charged to the module that called it
    per_module: dict[str, float] = {}
    regex: dict[str, float] = {}
    for (filename, _, name), (_, _, own, _, callers) in raw.items():
        if filename != "~":
            per_module[owner(filename)] = per_module.get(owner(filename), 0.0) + own
            continue
        for (caller_file, _, _), (_, _, caller_own, _) in callers.items():
            per_module[owner(caller_file)] = per_module.get(owner(caller_file), 0.0) + caller_own
            if "re.Pattern" in name:
                regex[owner(caller_file)] = regex.get(owner(caller_file), 0.0) + caller_own
    lines = [f"{n} pages, {total:.2f} s of own time ({n / total:.0f} pages/s under the profiler)", "",
             "| module (with the C calls it makes) | share of time | of which regex matching |", "|---|---:|---:|"]
    lines += [f"| {m} | {100 * t / total:.1f}% | {100 * regex.get(m, 0.0) / total:.1f}% |"
              for m, t in sorted(per_module.items(), key=lambda x: -x[1])[:12]]
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return "\n".join(lines) + "\n\n```\n" + buf.getvalue().split("\n\n", 2)[-1].strip() + "\n```"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="generated corpus sizes (default 1000 10000)")
    p.add_argument("--full", action="store_true", help="add 100,000 pages")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--repeat", type=int, default=1, help="runs per configuration, the fastest kept (default 1)")
    p.add_argument("--compare-pages", type=int, default=500, help="generated pages in the side-by-side (default 500)")
    p.add_argument("--no-scaling", action="store_true", help="skip the end-to-end runs")
    p.add_argument("--no-compare", action="store_true", help="skip the side-by-side")
    p.add_argument("--profile", type=int, nargs="?", const=1000, default=0, help="profile N pages on one core (default 1000)")
    args = p.parse_args()
    sizes = args.sizes + ([100_000] if args.full and 100_000 not in args.sizes else [])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"kronik throughput benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load}; "
          f"two CPU-bound processes get {parallel_ceiling():.2f} cores right now\n")
    if not args.no_scaling:
        with tempfile.TemporaryDirectory(prefix="kronik-bench-") as work:
            print("## End to end (`kronik extract`)\n\n" + end_to_end(sizes, args.workers, Path(work), args.repeat) + "\n")
    if not args.no_compare:
        print("## Cleaning, side by side (one core)\n\n" + side_by_side(args.compare_pages) + "\n")
    if args.profile:
        print("## Profile (one core)\n\n" + profile(args.profile) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
