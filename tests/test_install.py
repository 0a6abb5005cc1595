"""Issue 9, acceptance 4: the package installs with the pip that Python bundles (no upgrade) and reads HTML.

pip before 24 does not resolve `lxml[html_clean]` (jusText's requirement), which once left every HTML page an
ImportError record; kronik therefore declares lxml_html_clean itself. The wheels of kronik and its dependencies
are built once per pyproject.toml into pytest's cache (by the development pip), so the fresh install that the test
times is the bundled pip resolving from local wheels: under a minute.
"""

from __future__ import annotations

import ensurepip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Dua Menlu Bertemu di Jakarta - Kabar Contoh</title>
<meta property="article:published_time" content="2025-07-14T10:15:00+07:00"></head><body><article>
<h1>Dua Menlu Bertemu di Jakarta</h1>
<p>Menteri Luar Negeri kedua negara bertemu di Jakarta untuk membahas kerja sama perdagangan dan keamanan kawasan.</p>
<p>Dalam pertemuan itu, mereka sepakat membentuk kelompok kerja yang akan melapor kepada para pemimpin tahun depan.</p>
<p>Pertemuan berikutnya dijadwalkan berlangsung di ibu kota negara tetangga itu pada akhir tahun ini.</p>
</article></body></html>"""


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=900)
    assert done.returncode == 0, f"{args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


@pytest.fixture(scope="session")
def wheelhouse(request: pytest.FixtureRequest) -> Path:
    """Wheels of kronik and every dependency, kept in pytest's cache for as long as pyproject.toml is unchanged."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    folder = Path(request.config.cache.mkdir(f"kronik-wheels-{digest}"))
    if not (folder / "complete").exists():
        _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", folder, ROOT)
        (folder / "complete").write_text("built\n")
    return folder


@pytest.mark.slow
def test_bundled_pip_installs_a_kronik_that_reads_html(wheelhouse: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    pip_version = _run(venv / "bin" / "python", "-m", "pip", "--version")
    assert pip_version.startswith(f"pip {ensurepip.version()} "), pip_version
    _run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", "--no-index", "--find-links", wheelhouse, "kronik")
    page = tmp_path / "halaman.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _run(venv / "bin" / "kronik", "extract", page, "--no-progress", "-o", out, cwd=tmp_path)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in record, (pip_version, record.get("error"))
    assert record["title"] == "Dua Menlu Bertemu di Jakarta"
    assert record["published"] == "2025-07-14"
    assert record["body"].startswith("Menteri Luar Negeri kedua negara bertemu di Jakarta")
