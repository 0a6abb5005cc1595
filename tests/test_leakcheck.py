"""No line of code, data, tests, benchmarks or samples shares eight consecutive words with a labelled page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_text_of_labelled_pages(shared: Path) -> None:
    run = subprocess.run([sys.executable, str(shared / "eval" / "leakcheck.py"), *(str(ROOT / p) for p in
                          ("kronik", "tests", "bench", "samples", "tools"))], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout[-2000:] + run.stderr
