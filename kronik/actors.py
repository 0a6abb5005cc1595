"""Actor mentions in Indonesian news sentences, resolved to PLOVER actor codes within one document.

One pass per sentence: the sentence is tokenised, every known name (state, capital, IGO, role word,
organisation, person, place, and blocking names such as media outlets and national teams that make the
state name after them no actor) is matched longest-first against the gazetteer's token index, and the
matches are composed into mentions: role + state + name ("Menteri Luar Negeri Korea Selatan Chung
Eui-yong" -> KORGOV), coordinated lists ("Beijing dan Seoul" -> a group), pronouns and group words
("ia", "kedua negara") from what the document introduced before.  People are coded by the office they
held on the article's date, so the same name can code differently in 2018 and 2022.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from kronik.datafiles import rows
from kronik.gazetteer import (
    FAMILY_NAME_FIRST,
    GLUED,
    PLAIN_TOKEN,
    TOKEN,
    Entry,
    Index,
    Person,
    index,
    is_igo,
    junta_states,
    norm,
    short_names,
)
from kronik.gazetteer import party as _country
from kronik.rx import Rx

ACTOR_KINDS = frozenset({"country", "capital", "metonym", "igo", "org", "person", "surname"})
"""Index entry kinds that name an actor by themselves (roles need a state or person to attach to)."""

PRONOUNS = {
    "ia": "person",
    "dia": "person",
    "beliau": "person",
    "pihaknya": "actor",
    "mereka": "group",
    "negara itu": "state",
    "negara tersebut": "state",
    "negara ini": "state",
    "negeri itu": "state",
    "negeri tersebut": "state",
    "pulau itu": "island",
    "pulau tersebut": "island",
    "negaranya": "own",
    "pemerintahnya": "own",
    "blok itu": "body",
    "blok tersebut": "body",
    "organisasi itu": "body",
    "organisasi tersebut": "body",
    "aliansi itu": "body",
    "aliansi tersebut": "body",
    "perhimpunan itu": "body",
    "perhimpunan tersebut": "body",
    "tetangganya": "other",
    "negara tetangganya": "other",
    "lawannya": "other",
    "musuhnya": "other",
    "seterunya": "other",
}
"""Pronouns and what they refer back to: the last person, the last actor, the last group, the last state named,
the state of the last person named ("negaranya": his country, whatever state was named after him), the last
international body named ("blok tersebut"), or the other side of the latest two-state event from the last state
named ("Moskow menyerang tetangganya")."""

STATE_PAIRS = (
    "kedua negara",
    "kedua belah pihak",
    "kedua pihak",
    "kedua pemerintah",
    "kedua negara tersebut",
    "kedua negara itu",
    "kedua pihak tersebut",
    "kedua belah pihak tersebut",
    "dua negara",
    "masing-masing pihak",
    "setiap pihak",
    "tiap pihak",
    "kedua negara bertetangga",
    "pihak-pihak yang bertikai",
    "pihak-pihak yang berseteru",
    "pihak yang bertikai",
    "pihak yang berseteru",
)
"""Words for "the two states": the parties of the latest event or coordination of two states, else the two states
named earlier in the sentence, else the last two states the document mentioned."""

PEOPLE_PAIRS = (
    "kedua sekutu",
    "kedua sekutu itu",
    "kedua pemimpin",
    "kedua pemimpin negara",
    "kedua pemimpin tersebut",
    "kedua kepala negara",
    "kedua menteri",
    "kedua menlu",
    "kedua menteri luar negeri",
    "kedua delegasi",
    "kedua perwakilan",
    "kedua perwakilan itu",
    "kedua perwakilan tersebut",
    "kedua utusan",
    "kedua utusan itu",
    "kedua diplomat",
    "kedua juru runding",
    "kedua negosiator",
    "kedua presiden",
    "kedua perdana menteri",
    "kedua pemimpin itu",
    "kedua menteri itu",
    "kedua menteri tersebut",
    "keduanya",
)
"""Words for "the two of them" that usually take up two people: the two states named earlier in the sentence, else
the sides of the latest meeting, agreement or coordination of two states, else the states of the last two people
named, else the parties of the latest event between two states."""

KOREAS = ("kedua korea", "dua korea", "antar-korea", "antar korea", "antarkorea", "inter-korea", "korea-korea")
"""Words for both Koreas at once."""
KOREAS_IN_CONTEXT = ("utara-selatan", "selatan-utara")
"""Words for both Koreas once both were named ("jalur komunikasi utara-selatan")."""

BLOCKS = ("perang korea", "solusi dua negara", "dolar", "won", "yen", "yuan", "rupiah", "ringgit", "euro", "rubel", "baht", "peso")
"""Words after which a state name is not an actor (the Korean War, dolar AS, won Korea)."""

PORTFOLIO_HEADS = frozenset({"kementerian", "menteri", "departemen"})
"""Roles that a capitalised portfolio may follow before the state ("Kementerian Kesehatan Gaza")."""

STATE_WORDS = frozenset({"pemerintah", "pemerintahan", "negara"})
"""After another role these say whose it is ("kantor berita pemerintah"), not which sector."""

NAMED_ROLES = frozenset({"title", "envoy", ""})
"""Roles a person's name may follow (Presiden ..., Duta Besar ..., mitranya ...); bodies (pemerintah) take none."""

CONJUNCTIONS = frozenset({"dan", "serta", "maupun", "-", "&", "atau"})
LINKS = frozenset({"dari", "asal", "penjaga", "sementara", "interim", "transisi", "terpilih"})
"""Words allowed between a role and its state: "mitranya dari Korea Selatan", "Perdana Menteri Penjaga Lebanon"
(caretaker, interim, elect)."""

DATELINE_MARKS = frozenset({"-", "–", "—", "(", ","})
"""After a capital that opens a sentence, these make it a dateline ("JAKARTA - ..."), not an actor."""

LOCATIVE = frozenset({"di", "kota", "ibu kota", "ibukota"})
"""Before a capital, these make it a place rather than an actor ("tiba di Seoul")."""

_NAME_STOP_TEXT = (
    "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus "
    "September Oktober November Desember Pada Dalam Di Ke Dari Yang Dan Itu Ini Juga Telah Akan Sudah "
    "Sebelumnya Kemudian Namun Tetapi Saat Ketika Untuk Dengan Mengatakan Menyatakan Kata Ujar Tersebut "
    "Pun The Sebagai Jalan Kota Provinsi Gedung Kantor Istana Kabupaten Kemarin Sementara Menurut Bahkan Lalu "
    "Selain Adapun Meski Meskipun Karena Jika Sedangkan Maka Oleh Bagi Hingga Sejak Setelah Sebelum Usai Kini "
    "Sekarang Akhirnya Selanjutnya Tak Tidak Bukan Ya Baik Hal Pak Bu Bapak Ibu Sang Si Lanjut Tambah Sebut "
    "Tegas Jelas Ucap Ketika Bila Apabila Agar Supaya Seperti Tapi Sehingga Kepada Atas Bersama Antara "
)
NAME_STOP = frozenset(_NAME_STOP_TEXT.split())
"""Capitalised words that never start a person's name after a role ("Presiden Korea Selatan Senin ...")."""


@dataclass(slots=True)
class Mention:
    """One actor reference in a sentence, with the code it resolved to and why."""

    start: int
    end: int
    text: str
    code: str
    kind: str
    how: str
    members: tuple[str, ...] = ()
    person: str | None = None
    """Canonical name of the person the mention resolved to, if any: two named people are two doers."""


@dataclass(slots=True)
class _Atom:
    """A matched name: token span, the entries it may mean, and the first entry's kind."""

    i: int
    j: int
    entries: list[Entry]
    kind: str
    """The first meaning's kind, which decides how the atom composes (read for every atom, so stored)."""


@dataclass(slots=True)
class _Unit:
    """A composed mention before coordination: token span, code, kind, explanation."""

    i: int
    j: int
    code: str
    kind: str
    how: str
    members: tuple[str, ...] = ()
    person: Person | None = None
    short: tuple[str, ...] = ()
    parts: tuple[_Unit, ...] = ()
    refer: Entry | None = None
    envoy: bool = False
    """Named with an envoy's role ("Duta Besar Korea Utara"): what a later bare "duta besar" points back to."""


@cache
def _grammar() -> Index:
    """Pronouns, group words and blocking words (US$ is money, not the US), indexed like names."""
    idx = Index()
    for w, what in PRONOUNS.items():
        idx.add(w, Entry("pronoun", role=what, case="any", name=w))
    for w in STATE_PAIRS:
        idx.add(w, Entry("group", role="states", case="any", name=w))
    for w in PEOPLE_PAIRS:
        idx.add(w, Entry("group", role="people", case="any", name=w))
    for w in KOREAS:
        idx.add(w, Entry("group", role="koreas", case="any", name=w))
    for w in KOREAS_IN_CONTEXT:
        idx.add(w, Entry("group", role="koreas_in_context", case="any", name=w))
    for w in BLOCKS:
        idx.add(w, Entry("block", case="any", name=w))
    for currency in ("US$", "USD"):
        idx.add(currency, Entry("place", case="exact", name=currency))
    idx.add("Utara", Entry("half", "PRK", case="exact", name="Utara"))
    idx.add("Selatan", Entry("half", "KOR", case="exact", name="Selatan"))
    return idx


class DocumentActors:
    """Per-document resolver; remembers persons and countries introduced so far."""

    def __init__(self, when: dt.date | None) -> None:
        self.when = when
        self.names: dict[str, tuple[str, str, Person | None]] = {}
        self.countries: list[str] = []
        self.person_countries: list[str] = []
        self.last_person: tuple[str, str] | None = None
        self.last_actor: tuple[str, str] | None = None
        self.last_group: tuple[str, ...] = ()
        self.last_envoy: tuple[str, str] | None = None
        self.pair: tuple[str, str] | None = None
        self.meeting_pair: tuple[str, str] | None = None
        self._sentence_start = 0
        self._atoms_found: list[_Atom] = []
        self._covered_tokens: set[int] | None = None

    def note_pair(self, codes: list[str], meeting: bool = False) -> None:
        """The parties of an event just coded: with exactly two states, what "kedua negara" will mean next, and for a
        meeting or agreement what "kedua juru runding" will."""
        pair = _last_two([_country(c) for c in codes])
        if pair is not None and len({_country(c) for c in codes}) == 2:
            self.pair = pair
            if meeting:
                self.meeting_pair = pair

    def mentions(self, sentence: str) -> list[Mention]:
        """Actor mentions of one sentence (call in document order): non-overlapping, sorted by start."""
        glued = GLUED.search(sentence) is not None
        found = list((TOKEN if glued else PLAIN_TOKEN).finditer(sentence))
        raw = [m[0] for m in found]
        lowered = sentence.lower().replace("’", "'")
        # lower case that keeps every character's place keeps the tokens' places too: cut them from it
        low = ([norm(t) for t in raw] if len(lowered) != len(sentence)
               else [lowered[a:b] for a, b in (m.span() for m in found)])
        self._sentence_start = len(self.countries)
        units = self._coordinate(self._compose(self._atoms(low, raw), low, raw), low, found)
        out: list[Mention] = []
        for u in units:
            if u.refer is not None:
                resolved = self._refer(u, out[-1].code if out and _MOVED_ON.fullmatch(sentence, out[-1].end, found[u.i].start()) else "")
                if resolved is None:
                    continue
                u = resolved
            if not u.code:
                continue
            a, b = found[u.i].start(), found[u.j - 1].end()
            mention = Mention(a, b, sentence[a:b], u.code, u.kind, u.how, u.members, u.person.name if u.person else None)
            if out and _FOREIGN_TITLE.fullmatch(sentence, out[-1].end, a) and out[-1].kind in ("org", "office") and (
                    mention.person and _country(mention.code) != _country(out[-1].code)):
                # "Ketua DPR Nancy Pelosi": the press names a foreign body by its Indonesian counterpart; the
                # office-holder known to hold it decides whose it is, and the mention spans the office too
                body = out.pop()
                office = _OFFICE_WORDS.search(sentence, 0, body.start)
                first = office.start() if office else body.start  # "Ketua Dewan Perwakilan Rakyat (DPR) Nancy Pelosi"
                mention = Mention(first, b, sentence[first:b], mention.code, mention.kind, mention.how,
                                  mention.members, mention.person)
            out.append(mention)
            self._remember(u)
        return out

    def _atoms(self, low: list[str], raw: list[str]) -> list[_Atom]:
        """Longest matches, left to right, from the name index, the grammar words and names learned in this document."""
        idx, gram = index(), _grammar()
        atoms: list[_Atom] = []
        i, n = 0, len(low)
        known, grammar, names = idx.by_first, gram.by_first, self.names
        while i < n:
            word = low[i]
            if word not in known and word not in grammar and raw[i] not in names:
                i += 1
                continue
            best = idx.match(low, raw, i) if word in known else None
            g = gram.match(low, raw, i) if word in grammar else None
            if g and (best is None or g[0] >= best[0]):
                best = g
            if best is None and raw[i] in names and raw[i][:1].isupper():
                best = (i + 1, [Entry("surname", name=raw[i])])
            if best is None:
                i += 1
                continue
            atoms.append(_Atom(i, best[0], best[1], best[1][0].kind))
            i = best[0]
        self._atoms_found, self._covered_tokens = atoms, None
        return atoms

    def _compose(self, atoms: list[_Atom], low: list[str], raw: list[str]) -> list[_Unit]:
        """Fold roles, states, parenthesised abbreviations and names into units."""
        units: list[_Unit] = []
        k = 0
        while k < len(atoms):
            a = atoms[k]
            if a.kind == "block":
                k += 2 if k + 1 < len(atoms) and _blocked(low[a.j : atoms[k + 1].i]) else 1
            elif a.kind == "place":
                k += 1
            elif a.kind == "half":
                prev = raw[a.i - 1] if a.i else ""
                paired = bool(units) and units[-1].code[:3] in ("KOR", "PRK") and low[units[-1].j : a.i] in (["dan"], ["-"], ["serta"])
                if (paired or self._korean_context()) and not (prev[:1].isupper() and prev.isalpha()):
                    units.append(_Unit(a.i, a.j, a.entries[0].code, "country", f"'{raw[a.i]}' in a Korean context → {a.entries[0].code}"))
                k += 1
            elif a.kind in ("pronoun", "group"):
                units.append(_Unit(a.i, a.j, "", "refer", " ".join(raw[a.i : a.j]), refer=a.entries[0]))
                k += 1
            elif _as_place(a, low, raw):
                k += 1
            else:
                u, k = self._unit(atoms, k, low, raw)
                if u is not None and (u.code or u.refer is not None):
                    units.append(u)
        return units

    def _unit(self, atoms: list[_Atom], k: int, low: list[str], raw: list[str]) -> tuple[_Unit | None, int]:
        """One unit starting at atom k: [mantan] [roles] [state [(abbr)] [untuk X]] [, name]; or a lone state, IGO or name."""
        start = end = atoms[k].i
        roles: list[Entry] = []
        former = False
        while k < len(atoms) and atoms[k].kind == "role" and atoms[k].i == end:
            e = atoms[k].entries[0]
            if e.role == "former":
                former = True
            elif e.role != "prefix":
                roles.append(e)
            end = atoms[k].j
            k += 1
            if k < len(atoms) and atoms[k].i == end + 1 and low[end] in LINKS:
                end += 1
        if roles and roles[-1].name.split()[0] in PORTFOLIO_HEADS and k < len(atoms) and self._portfolio(raw, end, atoms[k].i):
            end = atoms[k].i
        head: _Atom | None = None
        if (k < len(atoms) and atoms[k].i == end and atoms[k].kind in ACTOR_KINDS) or (
            roles and k < len(atoms) and low[end : atoms[k].i] == [","] and atoms[k].kind in ("person", "surname")
        ):
            head = atoms[k]
        if head is None:
            regime = next((r for r in roles if r.role == "regime"), None)
            if regime is not None:
                # "junta", "pemimpin junta" with no state: the junta of the state named before (resolved in _refer)
                return _Unit(start, end, "", "refer", " ".join(raw[start:end]), refer=regime), k
            last = atoms[k - 1] if k > 0 and atoms[k - 1].kind == "role" else None
            org = next((e for e in last.entries if e.kind == "org"), None) if last else None
            if (last is None or org is None) and roles and roles[-1].name in BARE_ENVOYS and self.last_envoy and (
                    start == 0 or low[start - 1] not in PLURAL_MARKERS) and (end == len(low) or low[end] in AFTER_BARE_ENVOY):
                # "duta besar itu dinyatakan persona non grata": a bare ambassador is the one named before
                code, how = self.last_envoy
                return _Unit(start, end, code, "pronoun", f"'{' '.join(raw[start:end])}' → the envoy named before: {how}"), k
            if last is None or org is None:
                return None, k
            # a role word that is also one state's organisation ("DPR", "Tentara Pembebasan Rakyat (PLA)")
            return self._finish(atoms, k, start, last.j, roles[:-1], former, _Atom(last.i, last.j, [org], org.kind), low, raw)
        return self._finish(atoms, k + 1, start, head.j, roles, former, head, low, raw)

    def _finish(
        self,
        atoms: list[_Atom],
        k: int,
        start: int,
        end: int,
        roles: list[Entry],
        former: bool,
        head: _Atom,
        low: list[str],
        raw: list[str],
    ) -> tuple[_Unit | None, int]:
        """Resolve the head with its roles, then swallow (abbr), 'untuk X' for envoys, and a trailing name."""
        e = head.entries[0]
        if roles:
            sector = next((r.sector for r in reversed(roles) if r.sector and (r is roles[0] or r.name not in STATE_WORDS)), "")
            role_text = " ".join([r.name for r in roles])
            envoy = any(r.role == "envoy" for r in roles)
        else:
            sector, role_text, envoy = "", "", False
        if e.kind == "surname" and head.i > 0 and self._name_word(raw, head.i - 1):
            return None, k  # "Edhy Prabowo": a known short name closing an unknown full name
        if e.kind == "surname" and (name_end := self._new_name(raw, low, head.i)) > head.j:
            # a known surname opening an unknown full name ("Park Tae-sung"): someone else, with no state to pin on
            while k < len(atoms) and atoms[k].i < name_end:
                k += 1
            return None, k
        if e.kind in ("person", "surname"):
            code, how, person = self._person(head, raw, titled=bool(roles))
            if not code:
                return None, k
            if sector and not is_igo(code):
                code, how = _country(code) + sector, f"{role_text} + {how} → {_country(code) + sector}"
            elif roles:
                how = f"{role_text} + {how}"
            if former and not is_igo(code):
                code, how = _country(code) + "ELI", f"mantan {how} → {_country(code)}ELI"
            short = tuple(raw[head.i : head.j]) if person and e.kind == "person" else ()
            return _Unit(start, end, code, "person" if e.kind == "person" else "surname", how, person=person, short=short,
                         envoy=envoy), k
        base = e.code
        own = "" if e.kind == "igo" else e.sector
        how = f"{e.kind} {e.name}"
        if roles:
            how = f"{role_text} + {how}"
        code = base if is_igo(base) else base + ("ELI" if former else (own if e.kind in ("org", "metonym") and own else sector or own))
        kind = "office" if roles else {"metonym": "org", "igo": "igo", "org": "org", "capital": "capital"}.get(e.kind, "country")
        if (
            k < len(atoms)
            and low[end : atoms[k].i] == ["("]
            and atoms[k].kind in ACTOR_KINDS
            and atoms[k].j < len(low)
            and low[atoms[k].j] == ")"
        ):
            end = atoms[k].j + 1
            k += 1
        if e.role == "mission" and k < len(atoms) and atoms[k].i == end and atoms[k].kind == "capital":
            # "KBRI Washington": the capital is where the mission sits, not a second actor
            how += f", seated in {atoms[k].entries[0].name}"
            end = atoms[k].j
            k += 1
        if (
            e.kind == "org"
            and k < len(atoms)
            and atoms[k].i == end
            and atoms[k].kind in ("country", "org")
            and atoms[k].entries[0].code == base
        ):
            end = atoms[k].j
            k += 1
        if envoy and k < len(atoms) and low[end : atoms[k].i] == ["untuk"] and atoms[k].kind in ACTOR_KINDS:
            how += f", envoy to {atoms[k].entries[0].name}"
            end = atoms[k].j
            k += 1
            if k < len(atoms) and low[end : atoms[k].i] == ["("] and atoms[k].j < len(low) and low[atoms[k].j] == ")":
                end = atoms[k].j + 1
                k += 1
        if roles and low[end : end + 2] == ["untuk", "urusan"]:
            # "Asisten Menlu AS untuk Urusan Asia Selatan dan Tengah Donald Lu": the portfolio is part of the office
            named = next((a.i for a in atoms[k:] if a.i >= end + 2 and a.kind in ("person", "surname")), len(raw))
            j = end + 2
            while j < named and (raw[j][:1].isupper() or low[j] in CONJUNCTIONS):
                j += 1
            if j > end + 2 and low[j - 1] not in CONJUNCTIONS:
                how += f", for {' '.join(raw[end + 2 : j])}"
                end = j
                while k < len(atoms) and atoms[k].i < end:
                    k += 1
        person = None
        short = ()
        if (roles and not is_igo(code)) or (roles and e.kind == "igo"):
            gap = low[end : atoms[k].i] if k < len(atoms) else None
            unknown = k < len(atoms) and atoms[k].kind == "surname" and self._new_name(raw, low, atoms[k].i) > atoms[k].j
            if k < len(atoms) and gap in ([], [","]) and atoms[k].kind in ("person", "surname") and not unknown:
                pcode, phow, person = self._person(atoms[k], raw)
                if pcode and not sector and not former and _country(pcode) == _country(code):
                    code = pcode
                how = f"{how} + {phow}"
                if person and atoms[k].kind == "person":
                    short = tuple(raw[atoms[k].i : atoms[k].j])
                end = atoms[k].j
                kind = "person"
                k += 1
            elif roles[-1].role in NAMED_ROLES:
                name_end = self._new_name(raw, low, end)
                if name_end > end:
                    short = tuple(t for t in raw[end:name_end] if t != ",")
                    how = f"{how} + new name {' '.join(short)}"
                    end = name_end
                    kind = "person"
        while k < len(atoms) and atoms[k].i < end:
            k += 1
        how = how if how.endswith(f"→ {code}") else f"{how} → {code}"
        return _Unit(start, end, code, kind, how, person=person, short=short, envoy=envoy), k

    def _portfolio(self, raw: list[str], i: int, j: int) -> bool:
        """Tokens i..j name a portfolio the gazetteer does not list ("Kementerian Kesehatan Gaza")."""
        words = raw[i:j]
        return 0 < len(words) <= 5 and all(
            ((t[:1].isupper() and t.isalpha()) or t == "dan") and n not in self._covered() for n, t in enumerate(words, i)
        )

    def _name_word(self, raw: list[str], i: int) -> bool:
        """A capitalised word outside every match that is no function word: part of a person's name."""
        t = raw[i]
        return t[:1].isupper() and t.isalpha() and t not in NAME_STOP and i not in self._covered()

    def _covered(self) -> set[int]:
        """The tokens of this sentence inside a matched name (worked out when first asked: few sentences ask)."""
        if self._covered_tokens is None:
            self._covered_tokens = {t for a in self._atoms_found for t in range(a.i, a.j)}
        return self._covered_tokens

    def _new_name(self, raw: list[str], low: list[str], i: int) -> int:
        """End of an unknown capitalised name right after a role + state (", Noh Kyu-duk"), or i."""
        j = i + 1 if i < len(raw) and raw[i] == "," else i
        start, words = j, 0
        while j < len(raw) and words < 4:
            t = raw[j]
            if not (t[:1].isupper() and t.isalpha() and t not in NAME_STOP and _name_part(low, raw, j)):
                break
            words += 1
            j += 1
            if j + 1 < len(raw) and raw[j] == "-" and raw[j + 1].isalpha():
                j += 2
        return j if words and j > start else i

    def _person(self, a: _Atom, raw: list[str], titled: bool = False) -> tuple[str, str, Person | None]:
        """Code a full name or a bare surname: document memory first, then offices held on the date; a surname
        under a title ("Menlu Retno") may also be a former holder of any office, not only a former leader."""
        e = a.entries[0]
        surface = " ".join(raw[a.i : a.j]).replace(" - ", "-")
        if e.kind == "surname" and surface in self.names:
            code, how, p = self.names[surface]
            return code, f"'{surface}' as introduced: {how}", p
        people = [p for e2 in a.entries for p in e2.people]
        if not people:
            return "", "", None
        if e.kind == "person":
            p = min(people, key=lambda q: (not q.active(self.when), q.best_rank()))
            code, why = p.code_at(self.when)
            return code, f"person {p.name}: {why} → {code}", p
        seen = {c[:3] for c in self.countries}
        active = [p for p in people if p.active(self.when)]
        if active:
            p = min(active, key=lambda q: (q.country[:3] not in seen, _rank(q, self.when)))
        else:
            former = [p for p in people if p.best_rank() <= 1 or titled]
            if not former:
                return "", "", None
            p = min(former, key=lambda q: q.best_rank())
        code, why = p.code_at(self.when)
        return code, f"surname {surface} → {p.name}: {why} → {code}", p

    def _refer(self, u: _Unit, mover: str = "") -> _Unit | None:
        """Pronouns and group words, from what the document introduced before. ``mover``: the actor just before, whose
        own move "ke/dari/di negara itu" points at another state ("tentara Prancis keluar dari negara itu")."""
        e = u.refer
        assert e is not None
        text = u.how
        if e.kind == "group":
            if e.role == "koreas" or (e.role == "koreas_in_context" and self._korean_context()):
                return _Unit(u.i, u.j, "PRK", "group", f"'{text}': both Koreas", ("PRK", "KOR"))
            if e.role == "koreas_in_context":
                return None
            here = _last_two(self.countries[self._sentence_start :]), "the two states named before in the sentence"
            latest = self.pair, "parties of the latest event between two states"
            met = self.meeting_pair, "parties of the latest meeting or agreement between two states"
            # "keduanya" after two people in the sentence means them, "kedua juru runding" the sides of the latest
            # meeting; "kedua pihak" after a mediator who calls on them means the two sides of the latest event
            people = _last_two(self.person_countries), "states of the last two people"
            pair, what = next((x for x in (here, met, people) if x[0]), latest) if e.role == "people" else (
                latest if self.pair is not None else here)
            if pair is None:
                pair, what = _last_two(self.countries), "last two states"
            if pair is None:
                return None
            return _Unit(u.i, u.j, pair[0], "group", f"'{text}': {what} {pair[0]}, {pair[1]}", pair)
        if e.role == "regime":
            ruled = junta_states(self.when)
            state = next((c for c in reversed(self.countries) if c in ruled), None)
            if state is None:
                return None
            return _Unit(u.i, u.j, state + e.sector, "org", f"'{text}' → the junta of {state}, the last junta-ruled state named")
        if e.role == "state":
            state = next((c for c in reversed(self.countries) if not is_igo(c) and c != _country(mover)), None)
            return _Unit(u.i, u.j, state, "pronoun", f"'{text}' → last state named {state}") if state else None
        if e.role == "island":
            state = next((c for c in reversed(self.countries) if c in _islands()), None)
            return _Unit(u.i, u.j, state, "pronoun", f"'{text}' → last island state named {state}") if state else None
        if e.role == "body":
            body = next((c for c in reversed(self.countries) if is_igo(c)), None)
            return _Unit(u.i, u.j, body, "pronoun", f"'{text}' → last body named {body}") if body else None
        if e.role == "other" and self.pair is not None:
            state = next((c for c in reversed(self.countries) if not is_igo(c)), None)
            if state not in self.pair:
                return None
            other = self.pair[1] if state == self.pair[0] else self.pair[0]
            return _Unit(u.i, u.j, other, "pronoun", f"'{text}' → the other side of {state} in the latest pair, {other}")
        if e.role == "own" and self.last_person:
            state = _country(self.last_person[0])
            code = state if is_igo(state) or text.lower() != "pemerintahnya" else state + "GOV"
            return _Unit(u.i, u.j, code, "pronoun", f"'{text}' → the state of {self.last_person[1]}")
        if e.role == "person" and self.last_person:
            return _Unit(u.i, u.j, self.last_person[0], "pronoun", f"'{text}' → {self.last_person[1]}")
        if e.role == "group" and self.last_group:
            return _Unit(u.i, u.j, self.last_group[0], "pronoun", f"'{text}' → group {', '.join(self.last_group)}", self.last_group)
        if e.role in ("actor", "group") and self.last_actor:
            return _Unit(u.i, u.j, self.last_actor[0], "pronoun", f"'{text}' → {self.last_actor[1]}")
        return None

    def _korean_context(self) -> bool:
        """Both Koreas already mentioned: a bare "Utara"/"Selatan" means one of them (as right after one: "Korsel dan Utara")."""
        return "PRK" in self.countries and "KOR" in self.countries

    def _coordinate(self, units: list[_Unit], low: list[str], found: list[re.Match[str]]) -> list[_Unit]:
        """Merge "X dan Y", "X, Y, dan Z", "AS-Korea Selatan" into one group unit (not a dateline "JAKARTA - Indonesia")."""
        out: list[_Unit] = []
        k = 0
        while k < len(units):
            chain = [units[k]]
            seps: list[list[str]] = []
            while chain[-1].refer is None and k + len(chain) < len(units):
                nxt = units[k + len(chain)]
                gap = low[chain[-1].j : nxt.i]
                j = chain[-1].j
                hyphen_ok = gap != ["-"] or (found[j - 1].end() == found[j].start() and found[j].end() == found[nxt.i].start())
                if nxt.refer is None and gap and len(gap) <= 2 and hyphen_ok and all(t in CONJUNCTIONS or t == "," for t in gap):
                    chain.append(nxt)
                    seps.append(gap)
                else:
                    break
            while seps and not any(t in CONJUNCTIONS for t in seps[-1]):
                seps.pop()
                chain.pop()
            if len(chain) == 1:
                out.append(units[k])
                k += 1
                continue
            lead = chain[0]
            if lead.kind == "office" and not is_igo(lead.code) and len(lead.code) == 6:
                for u in chain[1:]:
                    if u.kind in ("country", "capital") and len(u.code) == 3:
                        u.code, u.how = u.code + lead.code[3:], f"{u.how} + {lead.code[3:]} of '{lead.how.split(' + ')[0]}'"
            members: list[str] = []
            for u in chain:
                for m in u.members or (u.code,):
                    if m not in members:
                        members.append(m)
            out.append(
                _Unit(chain[0].i, chain[-1].j, members[0], "group", " + ".join(u.how for u in chain), tuple(members), parts=tuple(chain))
            )
            k += len(chain)
        return out

    def _remember(self, u: _Unit) -> None:
        """Update the document memory with a resolved unit."""
        for part in u.parts:
            self._remember(part)
        if u.parts:
            self.last_group = u.members
            self.note_pair(list(u.members), meeting=True)
            return
        for c in u.members or (u.code,):
            self.countries.append(_country(c))
        if u.kind == "group":
            self.last_group = u.members
            return
        if u.kind == "pronoun":
            return
        self.last_actor = (u.code, u.how)
        if u.envoy and not is_igo(u.code):
            self.last_envoy = (u.code, u.how)
        if u.kind in ("person", "surname"):
            self.last_person = (u.code, u.how)
            self.person_countries.append(_country(u.code))
        if u.short:
            full = " ".join(u.short).replace(" - ", "-")
            if u.person is not None:
                names = {full, *short_names(full, u.person.country), *short_names(u.person.name, u.person.country)}
            else:
                parts = [p for p in full.split() if p[:1].isupper()]
                names = {full, parts[0] if u.code[:3] in FAMILY_NAME_FIRST else parts[-1]} if parts else set()
            for n in names:
                self.names[n] = (u.code, u.how, u.person)


_FOREIGN_TITLE = Rx(r"\s*\)?\s*,?\s*")
"""Between a body's name and the person who holds its office: nothing but a closing bracket or comma."""


def _rank(p: Person, when: dt.date | None) -> int:
    """Rank of the office held on the date (active people only)."""
    office = p.office_at(when)
    return office.rank if office else 99


_OFFICE_WORDS = Rx(r"(?:(?-i:[A-Z])[\w-]*\s+|\(\s*)+$")
"""Capitalised words and an opening parenthesis right before a body's abbreviation: the rest of the office's name."""
BARE_ENVOYS = frozenset({"duta besar", "dubes", "duta"})
"""Envoy roles that, with no state after them, mean the ambassador named before ("duta besar itu")."""
AFTER_BARE_ENVOY = frozenset({"itu", "tersebut", "tadi", "telah", "sudah", "akan", "juga", "kemudian", "pun", "yang",
                              "mengatakan", "menyatakan", "menegaskan", ",", ".", '"', "”"})
"""What may follow a bare "duta besar" that points back: a demonstrative, an auxiliary, a speech verb or the clause's
end, not a name or a lower-case state ("dubes brasil")."""
PLURAL_MARKERS = frozenset({"para", "semua", "seluruh", "beberapa", "sejumlah", "banyak"})
"""Before a bare role: several envoys, not the one named before."""
_MOVED_ON = Rx(r"\s+(?:(?:juga|pun|akan|telah|sudah|harus|segera|dipastikan|diperintahkan|diminta)\s+){0,2}"
               r"(?:(?:keluar|pergi|mundur|pulang|tiba|datang|masuk|kembali|ditarik)\s+(?:dari|ke|di)|meninggalkan)\s+",
               re.IGNORECASE)
"""Between an actor and "negara itu": the actor's own move out of, into or to a state, which is then another one."""


@cache
def _islands() -> frozenset[str]:
    """kronik/data/islands.tsv: the states "pulau itu" may point back to."""
    return frozenset(row[0] for row in rows("islands.tsv"))


def _last_two(codes: list[str]) -> tuple[str, str] | None:
    """The last two distinct states in a list of mentions, in order of mention."""
    out: list[str] = []
    for c in reversed(codes):
        if c not in out and not is_igo(c):
            out.append(c)
        if len(out) == 2:
            return out[1], out[0]
    return None


_TEAM_WORDS = frozenset({"-", "u", "putra", "putri", "senior", "junior", "wanita", "pria", "muda"})


def _blocked(gap: list[str]) -> bool:
    """The state name right after a blocking word ("Timnas U-23 Jepang", "BBC Indonesia") belongs to it."""
    return all(t in _TEAM_WORDS or t.isdigit() for t in gap) and len(gap) <= 4


def _as_place(a: _Atom, low: list[str], raw: list[str]) -> bool:
    """A capital or seat named as a place: after "di"/"kota" ("tiba di Seoul") or as a dateline ("JAKARTA - ...")."""
    if a.kind not in ("capital", "metonym"):
        return False
    if a.i == 0:
        return a.kind == "capital" and a.j < len(raw) and raw[a.j] in DATELINE_MARKS
    return low[a.i - 1] in LOCATIVE or " ".join(low[max(0, a.i - 2) : a.i]) in LOCATIVE


def _name_part(low: list[str], raw: list[str], j: int) -> bool:
    """A token that may continue a person's name: unknown to the index, or only known as someone's surname."""
    found = index().match(low, raw, j)
    return found is None or all(e.kind == "surname" for e in found[1])
