"""The pipeline's modules compiled to C by mypyc: the same code and the same output, less CPU per page.

`build()` (which `make setup` runs) compiles MODULES in place, next to their sources, and writes a
stamp of the sources' hashes. At import, kronik uses the compiled modules only while every source still has the
hash it was compiled from: after an edit the modules run from source, all of them (compiled modules call each
other directly, so one stale module would keep the old code of the others), with one warning saying how to compile
again. Without mypyc, or when compiling fails, kronik runs from source: slower, the same output.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
MODULES = ("clauses", "rules", "events", "actors", "gazetteer", "dates", "lexicon", "clean", "sentences", "furniture",
           "meta", "outlets", "rx")
"""The modules that do the per-page work (cleaning, actors, cues, dates, the rules, and their patterns' ASCII twins):
90% of a page's CPU."""
STAMP = HERE / "_compiled.json"
"""Source hash of each compiled module, written after a successful build."""
GROUP = "kronik._native"
"""mypyc's shared runtime library, built inside the package so that it imports wherever kronik does."""


def source_hashes() -> dict[str, str]:
    return {m: hashlib.sha256((HERE / f"{m}.py").read_bytes()).hexdigest() for m in MODULES}


def binaries() -> list[Path]:
    """Compiled files of MODULES and of the runtime library, for this interpreter."""
    names = (*MODULES, GROUP.rpartition(".")[2] + "__mypyc")
    return [HERE / f"{n}{suffix}" for n in names for suffix in importlib.machinery.EXTENSION_SUFFIXES
            if (HERE / f"{n}{suffix}").exists()]


def stale() -> bool:
    """True when compiled modules exist but do not match their sources (or carry no stamp)."""
    if not binaries():
        return False
    try:
        return json.loads(STAMP.read_text(encoding="utf-8")) != source_hashes()
    except (OSError, ValueError):
        return True


def in_use() -> bool:
    """Whether the modules imported are the compiled ones."""
    module: ModuleType = sys.modules.get("kronik.rules") or importlib.import_module("kronik.rules")
    return not str(module.__file__).endswith(".py")


class _FromSource(importlib.abc.MetaPathFinder):
    """Loads MODULES from their .py files, ahead of the compiled files beside them."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        package, _, short = name.rpartition(".")
        if package != "kronik" or short not in MODULES:
            return None
        return importlib.util.spec_from_file_location(name, HERE / f"{short}.py")


FROM_SOURCE = "KRONIK_FROM_SOURCE"
"""Environment variable: set (to anything but empty), kronik runs its modules from source even when compiled ones
are up to date (to compare the two, or to debug)."""


def use_source_if_stale() -> None:
    """Called when the package is imported, before any of MODULES is."""
    if os.environ.get(FROM_SOURCE):
        sys.meta_path.insert(0, _FromSource())
    elif stale():
        sys.meta_path.insert(0, _FromSource())
        warnings.warn("kronik: its sources changed since they were compiled, so they run from source (the same output, "
                      "slower); `make setup` compiles them again", stacklevel=3)


def build() -> int:
    """Compile MODULES in place; 0 on success, 1 (kronik then runs from source) when mypyc is missing or fails."""
    for old in [*binaries(), STAMP]:
        old.unlink(missing_ok=True)
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as exc:
        print(f"kronik.compiled: {exc}; kronik runs from source", file=sys.stderr)
        return 1
    hashes = source_hashes()
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        # a folder holding only a link to the package: mypyc names the modules kronik.*, builds in place through the
        # link, and no pyproject.toml of a checkout takes part in the build
        (Path(tmp) / "kronik").symlink_to(HERE, target_is_directory=True)
        os.chdir(tmp)
        try:
            setup(name="kronik-compiled", script_args=["-q", "build_ext", "--inplace"], ext_modules=mypycify(
                ["--ignore-missing-imports", "--follow-imports=silent", *(f"kronik/{m}.py" for m in MODULES)],
                group_name=GROUP, opt_level="3"))
        except (Exception, SystemExit) as exc:
            print(f"kronik.compiled: compiling failed ({exc}); kronik runs from source", file=sys.stderr)
            for partial in binaries():
                partial.unlink(missing_ok=True)
            STAMP.write_text("{}\n", encoding="utf-8")  # tried for these sources: `make` does not try again until they change
            return 1
        finally:
            os.chdir(cwd)
    STAMP.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    print(f"kronik.compiled: {len(MODULES)} modules compiled", file=sys.stderr)
    return 0

