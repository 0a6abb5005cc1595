"""Actor and place data (kronik/data/*.tsv), loaded once per process, and the lookups built on it.

The TSV files are the single source of facts; this module only parses them, builds the token index
that kronik.actors matches sentences against, and answers date-aware questions about people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from kronik.calendar import month_end
from kronik.datafiles import rows as _rows
from kronik.rx import Rx

TOKEN = Rx(r"\w*?[a-z]{2}(?=[A-Z][a-z]{2})|\w+|[^\w\s]")
"""Words and single punctuation marks: "Kim Jong-un" is Kim, Jong, -, un; names and sentences share it. Two words
a scraper glued together where a line break was ("Duta BesarChina") are split where lower case meets a capitalised
word; a name with a short prefix ("McDonald", "DeSantis") stays whole."""
PLAIN_TOKEN = Rx(r"\w+|[^\w\s]")
"""TOKEN where nothing is glued (its first branch needs two lower-case letters before a capitalised word, see GLUED;
lower-case text never has that): the same tokens without trying that split at every position."""
GLUED = Rx(r"[A-Z](?<=[a-z]{2}[A-Z])[a-z]{2}")
"""Where two words were glued: a capital between two lower-case letters on each side (the capital comes first, so
`re` looks only at capitals, not at every letter)."""

FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "KHM"})
"""States whose leaders' names the press writes family name first (Xi Jinping -> Xi, Jinping)."""

EXPLICIT_SHORT = frozenset(
    {"MYS", "SGP", "THA", "MMR", "BRN", "SAU", "ARE", "QAT", "JOR", "EGY", "KWT", "BHR", "OMN", "LAO", "TLS", "BGD", "PAK"}
)
"""States whose naming customs (patronymics, given names first used alone) get no derived short name:
people.tsv lists the short forms the press uses (Mahathir, Prayut) as aliases."""

OFFICE_RANK = {
    "head_of_state": 0,
    "head_of_government": 1,
    "nominal_head_of_state": 2,
    "vice_president": 3,
    "foreign_minister": 3,
    "hamas_leader": 3,
    "pij_leader": 3,
    "hezbollah_leader": 3,
    "un_secretary_general": 3,
    "defence_minister": 4,
    "spouse": 9,
}
"""Which office wins when one bare surname fits several people on a date (Kim -> the leader first)."""
DEFAULT_RANK = 5

_SURNAME_STOP_TEXT = (
    "No Kan Power Hill Rice Smith Carter Gates Craft Carr Cohen Katz Salam Khan Singh Son Hasan Yang Han Mao Pak May Brown "
    "Howard Austin Wallace Cooper Harris Hunt Silva Charles Elizabeth William Michel Gabriel Costa Philippe Straw Amin "
    "Hassan Dong Kong Jun Gang Jian Ning Cong Jin Wen Yi Tong Fu Wu Lin Song Mon He "
    "Dan Sang Tea Blok Slot Bar Key Pena Peña Store Kalam Shalom Mujahid Habib Mahdi Rashid Salih Saleh Hadi Ali Ahmed "
    "Mohamed Hussein Suleiman Abdullah Musa Wahid Shihab Santoso Suhartono Sutarto Suyanto Martin Nelson Ryan English "
    "Fox Cook Jonathan Antony Alexander Pavel Santos Lagos Montenegro Rodriguez Rodríguez Chan Chi Cao Tang Liang Lam "
    "Koo Yong Jung Wellington Norodom"
)
SURNAME_STOP = frozenset(_SURNAME_STOP_TEXT.split())
"""Short names that are also common words, ethnonyms, places or other people's names too often to stand alone."""

_TITLES_TEXT = "Raja Ratu Sultan Pangeran Putra Kaisar Sheikh Syekh Emir Jenderal Tun Samdech Daw Ayatollah Sayyed Paus Kardinal Lord Gus"
TITLES = frozenset(_TITLES_TEXT.split())
"""Titles written as part of a name ("Raja Salman"): such names give no short form."""

MIN_GIVEN = 5
"""Given names used alone (Jinping, Jong-un) must be this long: short ones (Yi, Jun) are too ambiguous."""

IGO_PREFIXES = ("UNO", "EUR", "IGO:")
SHORT_NAME = Rx(r"[^\W\d_][\w'-]+( [^\W\d_][\w'-]+)*")
ROMAN = Rx(r"[IVX]+|Jr|Sr")


def norm(token: str) -> str:
    """The form tokens are indexed under: lower case, typographic apostrophes made plain."""
    return token.lower().replace("’", "'")


def tokens(text: str) -> list[str]:
    """Split a name or sentence the way the index does."""
    return TOKEN.findall(text)


def is_igo(code: str) -> bool:
    """True for UN, EU and IGO: codes, which take no sector suffix."""
    return code.startswith(IGO_PREFIXES)


def party(code: str) -> str:
    """The country part of an actor code, what events, the scorer and the analyses compare: `KORGOV` -> `KOR`;
    intergovernmental bodies whole (`IGO:ASEAN`, `UNO`, `EUR`)."""
    return code if code.startswith("IGO:") else code[:3]


def _date(text: str, end: bool = False) -> dt.date | None:
    """YYYY-MM-DD or YYYY-MM (a month: its first day, or its last for an end date)."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    y, m = parts
    return month_end(y, m) if end else dt.date(y, m, 1)


@dataclass(frozen=True, slots=True)
class Office:
    """One term in one office."""

    code: str
    sector: str
    office: str
    start: dt.date
    end: dt.date | None

    def holds(self, when: dt.date) -> bool:
        """True if the term covers the date."""
        return self.start <= when and (self.end is None or when <= self.end)

    @property
    def rank(self) -> int:
        """Lower is more senior (see OFFICE_RANK)."""
        return OFFICE_RANK.get(self.office, DEFAULT_RANK)


@dataclass(frozen=True, slots=True)
class Person:
    """A person with all their dated offices."""

    name: str
    offices: tuple[Office, ...]

    @property
    def country(self) -> str:
        """The state (or IGO) of the latest office."""
        return self.offices[-1].code

    def office_at(self, when: dt.date | None) -> Office | None:
        """The most senior office held on the date; with no date, the most senior office ever held (the latest on ties)."""
        if when is None:
            return min(reversed(self.offices), key=lambda o: o.rank)
        held = [o for o in self.offices if o.holds(when)]
        return min(held, key=lambda o: o.rank) if held else None

    def active(self, when: dt.date | None) -> bool:
        """True if the person holds an office on the date (always, with no date)."""
        return self.office_at(when) is not None

    def best_rank(self) -> int:
        """The most senior office the person ever held."""
        return min(o.rank for o in self.offices)

    def code_at(self, when: dt.date | None) -> tuple[str, str]:
        """(code, why): state + sector of the office held then; ELI when every office has ended; bare state before any."""
        office = self.office_at(when)
        if office is not None:
            if is_igo(office.code):
                return office.code, f"{office.office} {_span(office)}"
            return office.code + office.sector, f"{office.office} {_span(office)}"
        assert when is not None
        past = [o for o in self.offices if o.end is not None and o.end < when]
        if past:
            last = past[-1]
            if is_igo(last.code):
                return last.code, f"former {last.office} {_span(last)}"
            return last.code + "ELI", f"former {last.office} {_span(last)}"
        first = self.offices[0]
        return first.code, f"before {first.office} {_span(first)}"


def _span(o: Office) -> str:
    """Term as 2021-02..2022-05 for explanations."""
    end = f"{o.end.year}-{o.end.month:02d}" if o.end else ""
    return f"{o.start.year}-{o.start.month:02d}..{end}"


@dataclass(slots=True)
class Entry:
    """One meaning of a matchable name.

    kind: country | capital | metonym | igo | role | org | person | surname | place | block.
    case: exact (all capitals: AS, RI), cap (first letter as written), any (role words).
    """

    kind: str
    code: str = ""
    sector: str = ""
    role: str = ""
    case: str = "cap"
    name: str = ""
    people: tuple[Person, ...] = ()


@dataclass(slots=True)
class Index:
    """Names by first token: each maps to (token tuple, entries) pairs, longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], list[Entry]]]] = field(default_factory=dict)
    surface: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[Entry]]]]] = field(default_factory=dict)
    """The same names (the same entry lists) by first token, then by length, longest first, and token tuple: `match`
    looks up one name per length instead of comparing every name of the bucket ("menteri" opens fifty)."""

    def add(self, name: str, entry: Entry) -> None:
        """Index a name under its normalised tokens; entries for the same tokens accumulate."""
        toks = tokens(name)
        if not toks:
            return
        key = tuple(norm(t) for t in toks)
        n = len(key)
        lengths = self.by_length.setdefault(key[0], [])
        table = next((names for size, names in lengths if size == n), None)
        if table is None:
            table = {}
            lengths.append((n, table))
            lengths.sort(key=lambda sized: -sized[0])
        if key in table:
            table[key].append(entry)
            return
        table[key] = entries = [entry]
        bucket = self.by_first.setdefault(key[0], [])
        # after every name as long or longer: where a stable sort by length, longest first, puts a name added last
        bucket.insert(next((j for j, (k, _) in enumerate(bucket) if len(k) < n), len(bucket)), (key, entries))

    def match(self, low: list[str], raw: list[str], i: int) -> tuple[int, list[Entry]] | None:
        """The longest name starting at token i whose case rules the surface satisfies: (end, entries)."""
        for n, table in self.by_length.get(low[i], ()):
            entries = table.get(tuple(low[i : i + n]))
            if entries:
                surface = raw[i : i + n]
                ok = [e for e in entries if _case_ok(e, surface)]
                if ok:
                    return i + n, ok
        return None


def _case_ok(e: Entry, surface: list[str]) -> bool:
    """Apply the entry's case rule to the matched surface tokens."""
    if e.case == "any":
        return True
    if e.case == "exact":
        normed, written = _written(e.name)
        return [norm(t) for t in surface] == normed and "".join(surface) == written
    return surface[0][:1].isupper()


@cache
def _written(name: str) -> tuple[list[str], str]:
    """A name's normalised tokens and its tokens joined as written: what an all-capital name's surface must equal."""
    toks = tokens(name)
    return [norm(t) for t in toks], "".join(toks)


def _case_of(name: str, default: str) -> str:
    """All-capital names (AS, RI, PBB, KCNA) match only in capitals; others by the default rule.

    Names that begin in lower case ("von der Leyen", "al-Sisi") match in any case.
    """
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if name[:1].islower():
        return "any"
    if default == "any" and any(c.isupper() for c in name):
        return "cap"
    return default


@dataclass(frozen=True, slots=True)
class Place:
    """A location with its state and coordinates; code is empty for seas and regions shared by states."""

    name: str
    code: str
    lat: float
    lon: float
    kind: str
    names: tuple[str, ...] = ()


@cache
def places() -> dict[str, Place]:
    """Every place name and alias (normalised) -> Place."""
    out: dict[str, Place] = {}
    for name, aliases, code, lat, lon, kind in _rows("places.tsv"):
        names = (name, *filter(None, aliases.split("|")))
        place = Place(name, code, float(lat), float(lon), kind, names)
        for n in names:
            out.setdefault(" ".join(norm(t) for t in tokens(n)), place)
    return out


@cache
def country_names() -> dict[str, str]:
    """Code -> Indonesian name (the first Indonesian CLDR name, else the first name listed)."""
    out: dict[str, str] = {}
    for code, _kind, name, _sector, _source in _rows("countries.tsv"):
        out.setdefault(code, name)
    for code, name in _rows("igos.tsv"):
        out.setdefault(code, name)
    return out


@dataclass(frozen=True, slots=True)
class Regime:
    """A military government (junta) ruling a state over a period."""

    code: str
    start: dt.date
    end: dt.date | None
    name: str

    def holds(self, when: dt.date | None) -> bool:
        """True if the junta ruled on the date (always, with no date)."""
        return when is None or (self.start <= when and (self.end is None or when <= self.end))


@cache
def regimes() -> tuple[Regime, ...]:
    """Every junta of regimes.tsv in file order."""
    out = []
    for code, start, end, name in _rows("regimes.tsv"):
        begin = _date(start)
        assert begin is not None, code
        out.append(Regime(code, begin, _date(end, end=True), name))
    return tuple(out)


def junta_states(when: dt.date | None) -> frozenset[str]:
    """States ruled by a junta on the date (with no date, every state that ever was)."""
    return frozenset(r.code for r in regimes() if r.holds(when))


@cache
def people() -> dict[str, Person]:
    """Canonical name -> Person with offices in start order."""
    offices: dict[str, list[Office]] = {}
    for name, _aliases, code, sector, office, start, end in _rows("people.tsv"):
        begin = _date(start)
        assert begin is not None, name
        offices.setdefault(name, []).append(Office(code, sector, office, begin, _date(end, end=True)))
    return {n: Person(n, tuple(sorted(os, key=lambda o: o.start))) for n, os in offices.items()}


def short_names(name: str, code: str) -> list[str]:
    """Bare names the press uses for a person: family and given name for East Asian names, else the surname."""
    parts = name.split()
    if len(parts) < 2 or code in EXPLICIT_SHORT or parts[0] in TITLES:
        return []
    if code in FAMILY_NAME_FIRST:
        given = " ".join(parts[1:])
        out = [parts[0]] + ([given] if len(given) >= MIN_GIVEN else [])
    else:
        out = [parts[-1]]
    return [s for s in out if SHORT_NAME.fullmatch(s) and not ROMAN.fullmatch(s) and s not in SURNAME_STOP]


@cache
def index() -> Index:
    """The token index of every actor, role, person and place name (built once per process)."""
    idx = Index()
    for code, kind, name, sector, _source in _rows("countries.tsv"):
        idx.add(name, Entry(kind, code, sector, case=_case_of(name, "cap"), name=name))
    for code, name in _rows("igos.tsv"):
        idx.add(name, Entry("igo", code, case=_case_of(name, "cap"), name=name))
    for word, sector, role, country in _rows("sectors.tsv"):
        kind = "org" if role in ("org", "mission") else "block" if role == "block" else "role"
        idx.add(word, Entry(kind, country, sector, role, case=_case_of(word, "any"), name=word))
    for place in dict.fromkeys(places().values()):
        if place.kind != "capital":
            for n in place.names:
                idx.add(n, Entry("place", place.code, case="any" if len(n.split()) > 1 else "cap", name=n))
    surnames: dict[str, list[Person]] = {}
    full: dict[str, list[Person]] = {}
    for name, aliases, _code, *_ in _rows("people.tsv"):
        person = people()[name]
        for n in [name, *filter(None, aliases.split("|"))]:
            target = full if len(n.split()) > 1 else surnames
            if person not in target.setdefault(n, []):
                target[n].append(person)
            for short in short_names(n, person.country):
                if person not in surnames.setdefault(short, []):
                    surnames[short].append(person)
    for n, ps in full.items():
        idx.add(n, Entry("person", ps[0].country, case=_case_of(n, "cap"), name=n, people=tuple(ps)))
    for n, ps in surnames.items():
        idx.add(n, Entry("surname", ps[0].country, case="exact", name=n, people=tuple(ps)))
    return idx


def country_of_place(name: str) -> tuple[str, float, float] | None:
    """(ISO3, lat, lon) of a place or capital name ("Kaesong", "Jenewa", "Laut China Selatan" -> code "")."""
    place = places().get(" ".join(norm(t) for t in tokens(name)))
    return (place.code, place.lat, place.lon) if place else None


def country_name(code: str) -> str:
    """Indonesian name of a state or IGO code (sector suffix ignored): KORGOV -> Korea Selatan."""
    return country_names().get(party(code), code)


_FORMER = ("mantan", "eks", "bekas", "almarhum", "mendiang", "calon", "capres", "cawapres", "kandidat")
"""Words before a name that say the person did not (or did not yet) hold office at the page's time."""


@cache
def _full_names() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word (lower case) -> (all words, canonical name) of every name and alias of two words or more."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, aliases, *_ in _rows("people.tsv"):
        for alias in {name, *(a for a in aliases.split("|") if a)}:
            words = tuple(tokens(alias.lower()))
            if len(words) >= 2:
                out.setdefault(words[0], []).append((words, name))
    for entries in out.values():
        entries.sort(key=lambda e: -len(e[0]))
    return out


def office_window(text: str) -> tuple[dt.date, dt.date] | None:
    """The span of time every office-holder the text names in full could be in office at once: the page's own
    ground for a year when it states none. Names after "mantan", "calon" and the like do not count."""
    names, words = _full_names(), PLAIN_TOKEN.findall(text.lower())
    lo, hi = dt.date.min, dt.date.max
    found = False
    for i, word in enumerate(words):
        if (candidates := names.get(word)) is None:
            continue
        match = next((name for parts, name in candidates if tuple(words[i:i + len(parts)]) == parts), None)
        if match is None or any(w in _FORMER for w in words[max(0, i - 3):i]):
            continue
        person = people()[match]
        first = min(o.start for o in person.offices)
        last = max((o.end or dt.date.max) for o in person.offices)
        lo, hi, found = max(lo, first), min(hi, last), True
    return (lo, hi) if found and lo <= hi else None



# ---------------------------------------------------------------- actors typed by a user

ACTOR_NAME_KINDS = frozenset({"country", "capital", "metonym", "igo", "org", "person"})
"""Index entries whose name alone stands for one state or body (a surname, role word or place does not)."""


class UnknownActor(ValueError):
    """A name or code that stands for no state or body kronik knows, or for several; `suggestions` are the nearest
    known names or codes."""

    def __init__(self, text: str, reason: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown actor {text!r}: {reason}{hint}")
        self.text, self.suggestions = text, suggestions


@cache
def actor_codes() -> frozenset[str]:
    """Every party code kronik writes: the states of countries.tsv and the bodies of igos.tsv."""
    return frozenset(country_names())


@cache
def _sector_codes() -> frozenset[str]:
    sectors = {row[3] for row in _rows("countries.tsv")} | {row[1] for row in _rows("sectors.tsv")} | {"ELI"}
    return frozenset(s for s in sectors if s)


@cache
def _actor_names() -> dict[tuple[str, ...], tuple[frozenset[str], str]]:
    """Token key of every name that stands for a state or body -> (the parties it may mean, the name as written)."""
    out: dict[tuple[str, ...], tuple[frozenset[str], str]] = {}
    for bucket in index().by_first.values():
        for key, entries in bucket:
            named = [e for e in entries if e.kind in ACTOR_NAME_KINDS and e.code]
            if named:
                out[key] = (frozenset(party(e.code) for e in named), named[0].name)
    return out


def actor_names() -> dict[str, frozenset[str]]:
    """Every name resolve_actor accepts, as written, with the parties it may stand for (the dashboard's pickers search
    these, so what they offer is what resolves)."""
    return {name: parties_ for parties_, name in _actor_names().values()}


def resolve_actor(text: str) -> str:
    """The party code (`KOR`, `USA`, `UNO`, `IGO:ASEAN`) a user means by a code or a name, as the articles resolve it.

    Codes are the ones kronik writes, in any case, with or without a sector (`kor`, `PRKGOV`, `igo:asean`); names
    are every name of a state, capital, metonym, body, state organisation or person in the gazetteer (`Korea
    Selatan`, `Korut`, `AS`, `Cina`, `Amerika`, `Kremlin`, `PBB`, `Japan`), matched as whole names in any case.
    Anything else raises UnknownActor naming the nearest known names: `Narnia` is no code and no name.
    One function for the command line and the dashboard.
    """
    clean = " ".join(text.split())
    code = clean.upper()
    if code in actor_codes():
        return code
    if len(code) == 6 and code[:3] in actor_codes() and code[3:] in _sector_codes():
        return code[:3]
    found = _actor_names().get(tuple(norm(t) for t in tokens(clean)))
    if found is not None and len(found[0]) == 1:
        return next(iter(found[0]))
    if found is not None:
        raise UnknownActor(text, f"the name stands for several parties ({', '.join(sorted(found[0]))}); give a code",
                           sorted(found[0]))
    import difflib

    written = {" ".join(key): name for key, (_, name) in _actor_names().items()}
    written |= {c.lower(): c for c in actor_codes()}
    near = difflib.get_close_matches(clean.lower(), list(written), n=3, cutoff=0.7)
    raise UnknownActor(text, "not a code or a name of a state or body kronik knows", list(dict.fromkeys(written[m] for m in near)))
