"""The cue lexicon: Indonesian event words (data/event_cues.tsv) expanded with their affixes, and the named word
lists the clause rules use (data/rule_words.tsv).

Everything here is data turned into lookups; nothing decides who did what (that is kronik.clauses and kronik.rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kronik.datafiles import rows
from kronik.dates import caseless, word_pattern
from kronik.rx import Needles, Rx, holds, needles


@dataclass(frozen=True, slots=True)
class Cue:
    """One surface form of a cue word and what it means."""

    surface: str
    stem: str
    type: str
    mode: str | None
    voice: str
    """active, passive (di-/ter-: the doer follows) or noun (parties from the noun phrase)."""
    mutual: bool
    host: bool
    topic: bool
    governs: bool
    adjacent: bool
    then: str | None
    """Source of the pattern of the word that must follow (see `then_pattern`), or None when none must."""
    then_before: str | None = None
    """For a passive: source of the pattern of the `then` word standing shortly before it instead ("tarif yang
    dikenakan")."""
    voiced: bool = False
    """A judgement that is an act only when someone voices it ("X mengatakan langkah Y melanggar ..."): the speaker
    accuses whoever the judged act belongs to."""


_VOWELS = "aeiou"


def _nasal(stem: str, base: str) -> str:
    """meN-/peN- prefixing: the nasal takes the place of k, p, t, s (not of a consonant cluster)."""
    first, cluster = stem[0], len(stem) > 1 and stem[1] not in _VOWELS
    rest = stem if cluster else stem[1:]
    if first in _VOWELS or first in "gh":
        return base + "ng" + stem
    if first == "k":
        return base + "ng" + rest
    if first == "p":
        return base + "m" + rest
    if first in "bfv":
        return base + "m" + stem
    if first == "t":
        return base + "n" + rest
    if first in "dcjz":
        return base + "n" + stem
    if first == "s":
        return base + "ny" + rest
    return base + stem


_ER_SYLLABLE = Rx(r"[^aeiou]er")


def _r_prefix(stem: str, prefix: str) -> str:
    """ber-/per- lose their r before r and before a first syllable in -er (berunding, bekerja)."""
    return (prefix[:-1] if stem.startswith("r") or _ER_SYLLABLE.match(stem) else prefix) + stem


_AUXILIARIES = frozenset({"tidak", "tak", "akan", "pernah", "bukan", "belum", "telah", "sudah"})
"""Words an irregular phrase may open with before its verb ("tidak akan pernah mengizinkan")."""


def inflect(stem: str, form: str) -> tuple[str, str]:
    """The surface form and voice of ``stem`` under an affix pattern of event_cues.tsv."""
    if form.startswith("!"):
        word = form[1:].replace("_", " ")
        verb = next((w for w in word.split() if w not in _AUXILIARIES), word)  # "tidak akan mengizinkan": the verb's
        voice = "passive" if verb.startswith(("di", "ter")) else "active" if verb.startswith(("me", "be")) else "noun"
        return word, voice
    head, _, tail = stem.partition(" ")
    tail = " " + tail if tail else ""
    if form in ("=", "=n"):
        return stem, "noun" if form == "=n" else "active"
    prefix, _, suffix = form.partition("-")
    if prefix == "meN":
        word, voice = _nasal(head, "me"), "active"
    elif prefix == "peN":
        word, voice = _nasal(head, "pe"), "noun"
    elif prefix in ("di", "ter"):
        word, voice = prefix + head, "passive"
    elif prefix == "diper":
        word, voice = "diper" + head, "passive"
    elif prefix == "memper":
        word, voice = "memper" + head, "active"
    elif prefix == "ber":
        word, voice = _r_prefix(head, "ber"), "active"
    elif prefix == "per":
        word, voice = _r_prefix(head, "per"), "noun"
    elif prefix in ("pe", "ke"):
        word, voice = prefix + head, "noun"
    elif prefix == "":
        word, voice = head, "noun"
    else:
        raise ValueError(f"unknown affix pattern {form!r}")
    if suffix == "an":
        voice = "noun" if voice != "passive" else voice
    return word + suffix + tail, voice


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[Cue]], Rx]:
    """Every cue surface form (lower case) with its readings, the most specific following word first
    ("mendukung sanksi" is SANCTION, plain "mendukung" SUPPORT), and one pattern finding them, longest first, in a
    sentence in lower case (`kronik.dates.caseless`: twice as fast as matching with IGNORECASE)."""
    cues: dict[str, list[Cue]] = {}
    for row in rows("event_cues.tsv"):
        stem, forms, type_, mode, frame, then = (row + [""] * 6)[:6]
        flags = set(frame.split(","))
        then_rx = rf"^(?:[^\w]+[\w.-]+){{0,4}}?[^\w]+(?P<then>{then})" if then else None
        before_rx = rf"(?<![\w-])(?P<then>{then})(?:[^\w]+[\w.-]+){{0,3}}[^\w]*$" if then else None
        for form in forms.split():
            surface, voice = inflect(stem, form)
            cues.setdefault(surface.lower(), []).append(Cue(
                surface.lower(), stem, type_, mode or None, voice, "mutual" in flags, "host" in flags, "topic" in flags,
                "governs" in flags, "adjacent" in flags, then_rx, before_rx if voice == "passive" else None,
                "voiced" in flags))
    for readings in cues.values():
        readings.sort(key=lambda c: -len(c.then) if c.then else 1)
    return cues, Rx(rf"(?<![\w-])(?:{word_pattern(sorted(cues))})(?:nya)?(?![\w-])")


@cache
def _any_case_pattern() -> Rx:
    """The cue pattern with IGNORECASE, for the rare sentence `caseless` cannot lower (compiled when first met)."""
    return Rx(lexicon()[1].pattern, re.IGNORECASE)


@cache
def then_pattern(source: str) -> Rx:
    """A cue's `then` pattern, compiled on first use: compiling all of them up front cost a process about a tenth
    of a second before its first Indonesian page, and a run meets only the cues its pages hold."""
    return Rx(source, re.IGNORECASE)


@cache
def then_needles(source: str) -> Needles | None:
    """What a cue's `then` pattern needs in the lower-cased sentence (`rx.needles`): most cues' words are absent,
    and `in` tells that faster than a match."""
    return needles(source, re.IGNORECASE, lowered=True)


def _may_match(source: str, lowered: str | None, part: str) -> bool:
    """False only where a `then` pattern cannot match: ``part``, the stretch of the lowered sentence it would match
    in, misses what it needs (never False where the sentence has no lowered form)."""
    if lowered is None:
        return True
    required = then_needles(source)
    return required is None or holds(part, required)


_SPACING = Rx(r"[\s-]+")
THEN_BEFORE = 60
"""How far before a passive cue its `then` word may stand ("tarif yang dikenakan")."""
THEN_AFTER = 120
"""How much text after a cue its `then` pattern may span: the word itself starts within four words, but a pattern
may reach further ("memerintahkan duta besar Y, Z, untuk meninggalkan ...")."""


_CASELESS_TWINS = str.maketrans("ſı", "si")
"""Letters IGNORECASE takes for s and i that lower() keeps ("kemanuſiaan"): the reading is looked up under s and i."""


def cue_hits(sentence: str) -> list[tuple[int, int, Cue]]:
    """Every cue of the sentence (start, end, reading). Of the readings whose `then` word follows, the one whose word
    comes first ("memanggil pulang dubes" is a recall, "memanggil dubes" a summons); else a passive's reading whose
    word stands before it; else the reading that asks for no word."""
    cues, pattern = lexicon()
    lowered = caseless(sentence)
    matches = _any_case_pattern().finditer(sentence) if lowered is None else pattern.finditer(lowered)
    hits: list[tuple[int, int, Cue]] = []
    for m in matches:
        word = m.group(0).lower().translate(_CASELESS_TWINS)
        key = word if word.isalpha() else _SPACING.sub(" ", word)
        after, start = sentence[m.end():m.end() + THEN_AFTER], max(0, m.start() - THEN_BEFORE)
        # the same stretches lowered, where the `then` patterns' needles are looked for
        low_after, low_before = (lowered[m.end():m.end() + THEN_AFTER], lowered[start:m.start()]) if lowered is not None else ("", "")
        best: tuple[int, Cue] | None = None
        for cue in cues.get(key) or cues[key[:-3]]:
            if cue.then is None:
                best = best or (10_000, cue)
            elif _may_match(cue.then, lowered, low_after) and (found := then_pattern(cue.then).match(after)) is not None:
                if best is None or found.start("then") < best[0]:
                    best = (found.start("then"), cue)
            elif (cue.then_before is not None and _may_match(cue.then_before, lowered, low_before)
                  and then_pattern(cue.then_before).search(sentence, start, m.start())):
                best = best if best and best[0] < 10_000 else (5_000, cue)
        if best is not None:
            hits.append((m.start(), m.end(), best[1]))
    return hits


@cache
def word_lists() -> dict[str, tuple[str, ...]]:
    """rule_words.tsv: list name -> its words and phrases."""
    return {row[0]: tuple(w.strip() for w in row[1].split("|") if w.strip()) for row in rows("rule_words.tsv")}


@cache
def words(*names: str) -> str:
    """A regular-expression alternation (no anchors) of the words of the named lists; a space in a phrase matches
    any run of spaces or hyphens."""
    table = word_lists()
    missing = [n for n in names if n not in table]
    if missing:
        raise KeyError(f"rule_words.tsv has no list {missing}")
    return "(?:" + word_pattern(sorted({w.lower() for n in names for w in table[n]})) + ")"
