"""kronik.rx: a pattern's ASCII twin finds in ASCII text exactly what the pattern finds, for every pattern kronik
compiles this way; patterns for which no twin could are refused. And the needles that let a search be skipped."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from kronik import compiled
from kronik.clean import _checks
from kronik.dates import caseless
from kronik.generate import pages
from kronik.lexicon import THEN_AFTER, lexicon, then_needles, then_pattern
from kronik.rx import Rx, _ascii_source, holds, needles

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize(("source", "flags", "twin"), [
    (r"\s+", 0, r"[\s\x1c-\x1f]+"),
    (r"[\s-]+", 0, r"[\s\x1c-\x1f-]+"),
    (r"[^\s,]", 0, r"[^\s\x1c-\x1f,]"),
    (r"\S+", 0, r"[^\s\x1c-\x1f]+"),
    (r"\\s", 0, r"\\s"),  # an escaped backslash before an s
    (r"[]\s]", 0, r"[]\s\x1c-\x1f]"),  # a "]" first in a class is a literal
    (r"[\]]\s", 0, r"[\]][\s\x1c-\x1f]"),
    ("a  # a comment with \\s and [\n  \\s", re.VERBOSE, "a  # a comment with \\s and [\n  [\\s\\x1c-\\x1f]"),
    (r"\bkata\b", re.IGNORECASE, r"\bkata\b"),
])
def test_twin_source(source: str, flags: int, twin: str) -> None:
    assert _ascii_source(source, flags) == twin


@pytest.mark.parametrize(("source", "flags"), [
    ("kemanuſiaan", re.IGNORECASE),  # long s: IGNORECASE in Unicode takes it for s
    (r"\u0131", re.IGNORECASE),  # dotless i, escaped
    ("(?i)\u212a", 0),  # Kelvin sign, inline flag
    ("[\u0100-\u0200]", re.IGNORECASE),  # a range holding long s and dotless i
    (r"[\S,]", 0),  # \S inside a class: no class spells its complement with the separators
])
def test_refused_where_no_twin_finds_the_same(source: str, flags: int) -> None:
    with pytest.raises(ValueError, match="no ASCII twin"):
        Rx(source, flags)


def test_case_sensitive_long_s_has_a_twin() -> None:
    assert Rx("ſ").search("kemanuſiaan") is not None
    assert Rx("[\u0100-\u0200]").search("s") is None


def test_picks_the_twin_for_ascii_text_only() -> None:
    rx = Rx(r"\w+")
    assert rx.findall("Jakarta\x1fkota") == ["Jakarta", "kota"]
    assert rx.findall("Yerusalem – Tel Aviv") == ["Yerusalem", "Tel", "Aviv"]
    assert Rx(r"a\sb").search("a\x1cb") is not None  # Unicode reads U+001C as a space, and so does the twin
    assert Rx(r"a\Sb").search("a\x1cb") is None


def _patterns() -> list[tuple[str, Rx]]:
    """Every Rx of the compiled modules, the boilerplate patterns, the cue pattern and every cue's `then` patterns."""
    found: list[tuple[str, Rx]] = []
    for name in compiled.MODULES:
        module = importlib.import_module(f"kronik.{name}")
        found += [(f"{name}.{k}", v) for k, v in vars(module).items() if isinstance(v, Rx)]
        found += [(f"{name}.{k}", x) for k, v in vars(module).items() if isinstance(v, tuple) for x in v if isinstance(x, Rx)]
    found += [(f"boilerplate {label}", p) for label, checks in _checks().items() for p, _ in checks]
    cues, pattern = lexicon()
    found.append(("lexicon cues", pattern))
    sources = {s for readings in cues.values() for c in readings for s in (c.then, c.then_before) if s}
    found += [(f"then {s[:30]}", then_pattern(s)) for s in sorted(sources)]
    return found


def _texts() -> list[str]:
    """ASCII lines of generated pages and of the labelled pages, and of lines with the separators and tabs put in."""
    lines = [line for _, text in pages(12) for line in text.split("\n") if line.strip()]
    corpus = SHARED / "corpus" / "input.jsonl"
    if corpus.exists():
        lines += [line for row in corpus.read_text(encoding="utf-8").splitlines()[:6]
                  for line in json.loads(row)["text"].split("\n") if line.strip()]
    ascii_lines = [line for line in lines if line.isascii()]
    separators = "\x1c\x1d\x1e\x1f\t\x0b\x0c"
    mixed = [line.replace(" ", separators[i % 7], 3) for i, line in enumerate(ascii_lines[::7])]
    return ascii_lines + mixed


def test_every_twin_finds_what_its_pattern_finds() -> None:
    texts = _texts()
    assert len(texts) > 300
    patterns = _patterns()
    assert len(patterns) > 200
    for name, rx in patterns:
        for text in texts:
            want = [(m.span(), m.groups()) for m in rx.any.finditer(text)]
            got = [(m.span(), m.groups()) for m in rx.ascii.finditer(text)]
            assert got == want, (name, text)
            if rx.any.pattern.startswith(("^", r"\W*", r"\s*")) or rx.any.pattern.endswith("$"):
                for start in range(0, len(text), 17):  # anchored patterns are matched at many places
                    a, b = rx.any.match(text, start), rx.ascii.match(text, start)
                    assert (a and a.span()) == (b and b.span()), (name, text, start)


@pytest.mark.parametrize(("source", "flags", "lowered", "want"), [
    (r"\bkapal\s+perang", 0, False, (("perang",), ("kapal",))),
    (r"(?:agar|supaya)\s", 0, False, (("agar", "supaya"),)),
    (r"(?:agar|\w+)\s", 0, False, None),  # a branch that needs nothing: no needle
    (r"Agar|Supaya", re.IGNORECASE, False, None),  # case-insensitive letters are no needles in text as written
    (r"Agar|Supaya", re.IGNORECASE, True, (("agar", "supaya"),)),  # but are in lowered text
    (r"(?-i:PBB)\s+dan", re.IGNORECASE, True, (("pbb",), ("dan",))),
    ("Éropa", 0, True, (("ropa",),)),  # a non-ASCII letter may lower to something else: it breaks the needle
])
def test_needles(source: str, flags: int, lowered: bool, want: tuple[tuple[str, ...], ...] | None) -> None:
    got = needles(source, flags, lowered)
    assert (got and sorted(got)) == (want and sorted(want))


def test_anchored_patterns_search_without_needles() -> None:
    """A search anchored at the start is one attempt, cheaper than looking for needles first."""
    assert Rx(r"^baca\s+juga").anchored and Rx(r"^baca\s+juga").needles is None
    assert not Rx(r"^baca|lihat juga").anchored  # a top-level alternation: the second branch is searched for
    assert Rx(r"baca\s+juga").needles == (("baca",), ("juga",))


def test_holds_one_string_of_each_group() -> None:
    assert holds("kapal perang itu", (("perang",), ("kapal", "jet")))
    assert not holds("jet tempur", (("perang",), ("kapal", "jet")))


def test_then_needles_never_turn_away_a_match() -> None:
    """Where a cue's `then` pattern matches after a word, the lowered stretch holds its needles."""
    cues, _ = lexicon()
    sources = sorted({c.then for readings in cues.values() for c in readings if c.then})
    matched = 0
    for text in _texts():
        lowered = caseless(text)
        assert lowered is not None
        for end in [m.end() for m in re.finditer(r"\w+", text)][::3]:
            for source in sources:
                required = then_needles(source)
                if then_pattern(source).match(text[end:end + THEN_AFTER]) is not None:
                    matched += 1
                    assert required is None or holds(lowered[end:end + THEN_AFTER], required), (source, text[end:])
    assert matched > 100


def test_needles_never_skip_a_match() -> None:
    """Where a pattern finds a match (anywhere, or between two places), the text there holds the pattern's needles."""
    texts = _texts() + [text.upper() for text in _texts()[::5]]
    checked = 0
    for name, rx in _patterns():
        if rx.needles is None:
            continue
        for text in texts:
            for pos in (0, len(text) // 3):
                if rx.any.search(text, pos) is not None:
                    checked += 1
                    assert not rx._absent(text, pos, len(text)), (name, text[pos:])
    assert checked > 1000
