"""Regular expressions with an ASCII twin: the same matches, found faster in the pure-ASCII text most pages are.

Python's `re` tests `\\w`, `\\b`, `\\d` and IGNORECASE against Unicode's character database unless a pattern is
compiled with re.ASCII, where it reads a table instead. On ASCII text the two find the same matches, with one
difference: Unicode counts the separators U+001C to U+001F as `\\s`, ASCII does not, so the twin spells them out.
`Rx` compiles a pattern both ways and picks the twin whenever the text is ASCII (`str.isascii` reads a flag CPython
keeps with every string). Nine sentences in ten of the labelled pages are ASCII; there the clause-boundary scans
take a quarter less time, and a generated page about a tenth less CPU in all (bench/ingest.py).

`needles` reads a pattern's parse tree for the strings every match holds ("bahwa", one of "karena|akibat"): `Rx`
looks for them with `in` before searching, and most sentences lack the few words a pattern needs (another 7% of a
page's CPU).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

_SEPARATORS = "\\x1c-\\x1f"
"""The ASCII characters Unicode's `\\s` holds and ASCII's does not: the file, group, record and unit separators."""

_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
"""The non-ASCII letters IGNORECASE in Unicode takes for ASCII ones (İ and ı for i, ſ for s, the Kelvin sign for k):
a pattern that holds one would find in ASCII text what its twin cannot."""
_ESCAPED_CHAR = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|N\{([^}]*)\})")


def _atom(source: str, i: int) -> tuple[str, int]:
    """The character written at ``source[i]`` (a letter or an escape of one) and where the next atom begins."""
    if source[i] != "\\" or i + 1 >= len(source):
        return source[i], i + 1
    m = _ESCAPED_CHAR.match(source, i)
    if m is None:
        return source[i + 1], i + 2
    code = m[1] or m[2] or m[3]
    return (chr(int(code, 16)) if code else unicodedata.lookup(m[4])), m.end()


def _ascii_source(source: str, flags: int) -> str:
    """``source`` for re.ASCII: `\\s` and `\\S` widened to the separators Unicode counts as spaces. ValueError when no
    twin can find the same: a case-insensitive pattern naming a letter of _FOLDS_TO_ASCII, or `\\S` in a class."""
    ignore_case = bool(flags & re.IGNORECASE) or re.search(r"\(\?[a-zA-Z-]*i", source) is not None
    verbose = bool(flags & re.VERBOSE) or re.search(r"\(\?[a-zA-Z]*x", source) is not None
    out: list[str] = []
    i, n, in_class, class_start, last = 0, len(source), False, 0, ""
    while i < n:
        ch = source[i]
        if ch == "\\" and source[i + 1:i + 2] in ("s", "S"):
            if ch + source[i + 1] == "\\S" and in_class:
                raise ValueError(f"no ASCII twin for \\S inside a character class: {source!r}")
            widened = f"\\s{_SEPARATORS}"
            out.append(widened if in_class else f"[{widened}]" if source[i + 1] == "s" else f"[^{widened}]")
            i, last = i + 2, ""
            continue
        if in_class and ch == "-" and last and source[i + 1:i + 2] not in ("]", ""):
            high, after = _atom(source, i + 1)
            if ignore_case and any(ord(last) <= ord(c) <= ord(high) for c in _FOLDS_TO_ASCII):
                raise ValueError(f"no ASCII twin for a case-insensitive range over {last}-{high}: {source!r}")
            out.append(source[i:after])
            i, last = after, ""
            continue
        atom, after = _atom(source, i)
        if ignore_case and atom in _FOLDS_TO_ASCII:
            raise ValueError(f"no ASCII twin for a case-insensitive {atom!r}: {source!r}")
        if in_class:
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            class_start = i + 1 + (source[i + 1:i + 2] == "^")  # a "]" right after "[" or "[^" is a literal
        elif ch == "#" and verbose:
            after = n if (end := source.find("\n", i)) < 0 else end
        out.append(source[i:after])
        i, last = after, atom if in_class and ch != "[" else ""
    return "".join(out)


def _needle_char(ch: str, ignore_case: bool, lowered: bool) -> str:
    """``ch`` as a needle has it, or "" where a match need not hold ``ch`` itself. In text lowered by
    `dates.caseless` an ASCII character is itself in lower case, case-insensitive or not (other characters may lower
    to other letters); elsewhere a character counts outside case-insensitive parts, or an ASCII non-letter."""
    if lowered:
        return ch.lower() if ch.isascii() else ""
    return ch if not ignore_case or (ch.isascii() and not ch.isalpha()) else ""


def _required(items: list[tuple[object, object]], ignore_case: bool, lowered: bool) -> list[frozenset[str]]:
    """Sets of strings such that every match of a parsed pattern (re's parse tree) holds one string of each set.

    A literal counts as _needle_char says; a group or a repeat of at least one counts by what it requires, an
    alternation when every branch requires something (a branch by its rarest set, see _rarest)."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL" and isinstance(av, int) and (ch := _needle_char(chr(av), ignore_case, lowered)):
            run += ch
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        if name == "SUBPATTERN" and isinstance(av, tuple):
            _, add, drop, sub = av
            options += _required(list(sub), (ignore_case or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE,
                                 lowered)
        elif name == "BRANCH" and isinstance(av, tuple):
            rarest = [_rarest(_required(list(branch), ignore_case, lowered)) for branch in av[1]]
            branches = [b for b in rarest if b]
            if len(branches) == len(rarest):
                options.append(frozenset().union(*branches))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and isinstance(av, tuple) and av[0] >= 1:
            options += _required(list(av[2]), ignore_case, lowered)
    if run:
        options.append(frozenset({run}))
    return options


def _rarest(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The set whose shortest string is longest: likely the rarest, so the best single filter."""
    return max(options, key=lambda o: min(map(len, o)), default=None)


Needles = tuple[tuple[str, ...], ...]


def _parsed(source: str, flags: int) -> Any:
    """re's parse tree of the pattern, or None where re's parser, a private module, cannot be read."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        return _parser.parse(source, flags)
    except Exception:  # an unknown layout of the parse tree only costs the shortcuts
        return None


def _needles_of(tree: Any, lowered: bool) -> Needles | None:
    if tree is None:
        return None
    try:
        found = _required(list(tree), bool(tree.state.flags & re.IGNORECASE), lowered)
    except Exception:  # an unknown layout of the parse tree only costs the shortcut
        return None
    groups = sorted({tuple(sorted(o)) for o in found}, key=lambda g: (len(g), -min(map(len, g)), g))
    return tuple(groups) or None


def needles(source: str, flags: int, lowered: bool = False) -> Needles | None:
    """Groups of strings such that every match of the pattern holds one string of each group: a text missing every
    string of a group cannot match, and `in` is much cheaper than a search. With ``lowered``, the strings are those
    of the text lowered by `dates.caseless`. Groups with fewer strings come first (fewer tests for the texts most
    often turned away). None when none are found or re's parser cannot be read."""
    return _needles_of(_parsed(source, flags), lowered)


def _anchored(source: str, tree: Any) -> bool:
    """Whether the whole pattern is anchored at the start ('^…' with no top-level alternation): its search is one
    attempt at the text's start, cheaper than looking for needles first."""
    try:
        return source.startswith("^") and str(tree[0][0]) == "AT" and str(tree[0][1]) == "AT_BEGINNING"
    except Exception:  # an unknown layout of the parse tree only costs the shortcut
        return False


def holds(text: str, groups: Needles) -> bool:
    """Whether the text holds a string of each group of needles."""
    for group in groups:
        for needle in group:
            if needle in text:
                break
        else:
            return False
    return True


MAX_NEEDLES = 16
"""A pattern whose matches need one of at most this many strings (in all groups) is first checked with `in` for them
(see Rx): more strings cost more `in` tests than the search they might spare."""


class Rx:
    """A compiled pattern and its ASCII twin, with the methods of re.Pattern kronik uses. A search (not a match, nor a
    pattern anchored at the start: both are one attempt) is skipped where the text lacks the pattern's needles: most
    per-sentence patterns need one of a few words."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self.any = re.compile(source, flags)
        self.flags = self.any.flags
        self.ascii = re.compile(_ascii_source(source, flags), flags | re.ASCII)
        self.lowered = bool(self.flags & re.IGNORECASE)
        """Needles of a case-insensitive pattern are looked for in the lower-cased text, and only in ASCII text, where
        lower case is exact (see `needles`)."""
        tree = _parsed(source, flags)
        self.anchored = tree is not None and _anchored(source, tree)
        found = None if self.anchored else _needles_of(tree, self.lowered)
        self.needles: Needles | None = found if found and sum(map(len, found)) <= MAX_NEEDLES else None

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        """True where no match can be: the text between pos and endpos misses a string of each needle group."""
        if self.needles is None:
            return False
        if self.lowered:
            if not text.isascii():
                return False
            text = text.lower()
        for group in self.needles:
            for needle in group:
                if text.find(needle, pos, endpos) >= 0:
                    break
            else:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return (self.ascii if text.isascii() else self.any).search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self.ascii if text.isascii() else self.any).match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return (self.ascii if text.isascii() else self.any).fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if self._absent(text, pos, endpos):
            return iter(())
        return (self.ascii if text.isascii() else self.any).finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self._absent(text, pos, endpos):
            return []
        return (self.ascii if text.isascii() else self.any).findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        if self._absent(text, 0, len(text)):
            return text
        return (self.ascii if text.isascii() else self.any).sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        if self._absent(text, 0, len(text)):
            return [text]
        return (self.ascii if text.isascii() else self.any).split(text, maxsplit)
