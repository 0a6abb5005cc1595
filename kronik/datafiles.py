"""The one loader of kronik/data/*.tsv: every data file is read through it, so its layout is written once.

Layout: lines starting with `#` say what the file holds and where its facts come from; blank lines are
skipped; the first other line names the columns; every further line is one row, fields separated by tabs.
"""

from __future__ import annotations

from importlib.resources import files


def text(name: str) -> str:
    """A data file's whole text (UTF-8)."""
    return files("kronik").joinpath("data", name).read_text(encoding="utf-8")


def rows(name: str) -> list[list[str]]:
    """The data rows of a TSV file in kronik/data (header and comments left out), each a list of its fields."""
    lines = [ln for ln in text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]
