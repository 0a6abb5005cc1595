"""Print the coverage of the cue lexicon (kronik/data/event_cues.tsv) for the README, or list its surface forms.

Default: a markdown table of PLOVER types x modes (from kronik/data/plover.tsv) with the number of cues (rows, one
reading each) and of distinct surface forms the loader generates from them.
--forms: one line per generated surface form (surface, voice, type/mode, stem, `then`), to read the affixed
forms back as Indonesian words, e.g. `tools/cue_table.py --forms | cut -f1 | sort -u | hunspell -d id_ID -l`.

Usage: .venv/bin/python tools/cue_table.py [--forms]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from importlib import resources

from kronik.lexicon import inflect
from kronik.plover import plover


def rows() -> list[dict[str, str]]:
    """The data rows of event_cues.tsv as dicts keyed by its column names."""
    text = resources.files("kronik").joinpath("data", "event_cues.tsv").read_text(encoding="utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    columns = lines[0]
    return [dict(zip(columns, line + [""] * (len(columns) - len(line)), strict=True)) for line in lines[1:]]


def surfaces(row: dict[str, str]) -> list[tuple[str, str]]:
    """(surface, voice) of every affix pattern of one row, as the loader makes them."""
    return [inflect(row["stem"], form) for form in row["forms"].split()]


def table() -> str:
    """Markdown: one line per PLOVER type and mode, in plover.tsv's order, with cue and surface-form counts."""
    cues: dict[tuple[str, str | None], int] = defaultdict(int)
    forms: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for row in rows():
        key = (row["type"], row["mode"] or None)
        cues[key] += 1
        forms[key].update(s.lower() for s, _ in surfaces(row))
    lines = ["| type | mode | cues | surface forms |", "|---|---|---:|---:|"]
    type_forms: dict[str, set[str]] = defaultdict(set)
    for (type_, _), f in forms.items():
        type_forms[type_] |= f
    for type_, mode in plover():
        if mode is None:
            total = sum(n for (t, _), n in cues.items() if t == type_)
            lines.append(f"| **{type_}** | (all) | **{total}** | **{len(type_forms[type_])}** |")
            lines.append(f"| | (no mode) | {cues[(type_, None)]} | {len(forms[(type_, None)])} |")
        else:
            lines.append(f"| | {mode} | {cues[(type_, mode)]} | {len(forms[(type_, mode)])} |")
    everything = set().union(*forms.values())
    lines.append(f"| **all** | | **{sum(cues.values())}** | **{len(everything)}** |")
    return "\n".join(lines)


def form_lines() -> str:
    out = []
    for row in rows():
        label = row["type"] + (f"/{row['mode']}" if row["mode"] else "")
        out.extend(f"{s.lower()}\t{voice}\t{label}\t{row['stem']}\t{row['then']}" for s, voice in surfaces(row))
    return "\n".join(out)


if __name__ == "__main__":
    print(form_lines() if "--forms" in sys.argv[1:] else table())
