"""The compiled pipeline modules (kronik/compiled.py): used only while they match their sources, and with the same
output as the sources."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kronik import compiled

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_binary: bool) -> None:
    for m in compiled.MODULES:
        (tmp_path / f"{m}.py").write_text(f"NAME = {m!r}\n", encoding="utf-8")
    if with_binary:
        (tmp_path / f"rules{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"\x7fELF")
    monkeypatch.setattr(compiled, "HERE", tmp_path)
    monkeypatch.setattr(compiled, "STAMP", tmp_path / "_compiled.json")


def test_stale_only_when_binaries_do_not_match_their_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_package(tmp_path, monkeypatch, with_binary=False)
    assert not compiled.stale()  # nothing compiled: nothing stale
    _fake_package(tmp_path, monkeypatch, with_binary=True)
    assert compiled.stale()  # compiled, but no stamp says from what
    compiled.STAMP.write_text(json.dumps(compiled.source_hashes()), encoding="utf-8")
    assert not compiled.stale()
    (tmp_path / "dates.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    assert compiled.stale()  # one source edited after compiling: all run from source


def test_source_finder_takes_only_the_compiled_modules() -> None:
    finder = compiled._FromSource()
    spec = finder.find_spec("kronik.rules")
    assert spec is not None and spec.origin == str(compiled.HERE / "rules.py")
    assert finder.find_spec("kronik.store") is None and finder.find_spec("rules") is None


def test_compiled_modules_in_use_after_setup() -> None:
    """`make setup` compiles; a failed compile writes an empty stamp, which this test reports."""
    if not compiled.STAMP.exists():
        pytest.skip("kronik/_compiled.json absent: `make setup` was not run here")
    assert json.loads(compiled.STAMP.read_text(encoding="utf-8")), "compiling failed at setup: kronik runs from source"
    assert not compiled.stale()
    out = subprocess.run([sys.executable, "-c", "from kronik import compiled; print(compiled.in_use())"],
                         capture_output=True, text=True, check=True, env={**os.environ, compiled.FROM_SOURCE: ""})
    assert out.stdout.strip() == "True"


@pytest.mark.skipif(not (SHARED / "dev" / "input.jsonl").exists(), reason="../shared/dev is not beside the project")
def test_compiled_and_source_give_the_same_records(tmp_path: Path) -> None:
    """The dev pages and the bundled samples coded by the compiled modules and by the sources: byte for byte."""
    if not compiled.binaries():
        pytest.skip("not compiled here: nothing to compare")
    kronik = Path(sys.executable).with_name("kronik")
    for name, source in (("dev", SHARED / "dev" / "input.jsonl"), ("samples", ROOT / "samples" / "pages")):
        outputs = []
        for flag in ("", "1"):
            out = tmp_path / f"{name}-{flag or 'compiled'}.jsonl"
            subprocess.run([str(kronik), "extract", str(source), "--no-progress", "-o", str(out)], check=True,
                           capture_output=True, env={**os.environ, compiled.FROM_SOURCE: flag})
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], name
