"""Names of parties for people to read, in Indonesian (the gazetteer's) or English, and the search behind the
dashboard's actor pickers: by name, abbreviation, person or code, over the names kronik.gazetteer.resolve_actor
accepts, so whatever a picker offers resolves as the command line resolves it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kronik.datafiles import rows
from kronik.gazetteer import actor_names, country_names, party

LANGUAGES = ("id", "en")
"""Indonesian first: the default."""


@cache
def names(lang: str = "id") -> dict[str, str]:
    """Party code -> its name: Indonesian from the gazetteer; English from Babel's CLDR territory names and
    kronik/data/igo_names_en.tsv (the gazetteer's name where neither has one)."""
    indonesian = country_names()
    if lang == "id":
        return dict(indonesian)
    import pycountry
    from babel import Locale

    territories = Locale("en").territories
    bodies = dict(rows("igo_names_en.tsv"))

    def english(code: str) -> str | None:
        if code in bodies:
            return bodies[code]
        country = pycountry.countries.get(alpha_3=code)
        alpha2 = "XK" if code == "XKX" else country.alpha_2 if country else None
        return territories.get(alpha2) if alpha2 else None

    return {code: english(code) or name for code, name in indonesian.items()}


def name(code: str, lang: str = "id") -> str:
    """The name of an actor code's party (`KORGOV` -> `Korea Selatan`, or `South Korea` in English); unknown codes as they are."""
    return names(lang if lang in LANGUAGES else "id").get(party(code), code)


@cache
def iso_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric code -> party code, for the map's country shapes (Natural Earth ids are ISO numeric)."""
    import pycountry

    return {c.numeric: c.alpha_3 for c in pycountry.countries if c.alpha_3 in country_names()}


def _fold(text: str) -> str:
    """Lower case, accents off, punctuation as spaces: `IGO:ASEAN` and `igo asean` compare equal, `Türkiye` finds `turkiye`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.lower()).split())


@cache
def _index() -> tuple[tuple[str, str, str], ...]:
    """(folded text, party, text as written) for every code, every name in both languages and every name the resolver knows."""
    out: dict[tuple[str, str], str] = {}
    for code in country_names():
        out.setdefault((_fold(code), code), code)
        for lang in LANGUAGES:
            out.setdefault((_fold(names(lang)[code]), code), names(lang)[code])
    for written, parties in actor_names().items():
        for code in parties:
            out.setdefault((_fold(written), code), written)
    return tuple((folded, code, written) for (folded, code), written in out.items())


@dataclass(frozen=True, slots=True)
class Match:
    """One party a picker offers: its code and name, the text that matched when that is not the name, and how
    well it matched (0 exact … 3 inside a word)."""

    code: str
    name: str
    matched: str
    rank: int


def _rank(folded: str, query: str) -> int | None:
    if folded == query:
        return 0
    if folded.startswith(query):
        return 1
    if any(word.startswith(query) for word in folded.split()):
        return 2
    if len(query) >= 3 and query in folded:
        return 3
    return None


def find(text: str, lang: str = "id", limit: int = 10, events: Mapping[str, int] | None = None) -> list[Match]:
    """Parties whose code, name, abbreviation or people match the text, best first: exact, then prefix, then a word's
    prefix, then anywhere; among equals those with more `events` (the database's count per party) first."""
    query = _fold(text)
    if not query:
        return []
    events = events or {}
    best: dict[str, tuple[int, str]] = {}
    for folded, code, written in _index():
        rank = _rank(folded, query)
        if rank is not None and (code not in best or rank < best[code][0]):
            best[code] = (rank, written)
    name_lang = lang if lang in LANGUAGES else "id"
    order = sorted(best, key=lambda c: (best[c][0], -events.get(c, 0), names(name_lang)[c]))
    out = []
    for code in order[:limit]:
        rank, written = best[code]
        label = names(name_lang)[code]
        out.append(Match(code, label, "" if _fold(written) in (_fold(label), _fold(code)) else written, rank))
    return out
