"""The event coder's rules: named, ordered units over one candidate (a cue in a sentence) and the document so far.

Each rule states the construction it handles (``does``), reads its words from data/rule_words.tsv through
kronik.lexicon.words, and either leaves the candidate alone (returns None) or changes it and returns a note
that `kronik explain` prints next to the rule's name. Stages run in this order:

- ``gate``: drop cues that are no events here (inside a wish, a sports report, the setting of another act);
- ``parties``: the clause grammar (kronik.clauses) proposes doer and target, later rules fill a missing side from
  the sentence or from what the document told before;
- ``check``: an event needs a doer and two distinct states;
- ``date`` and ``status``: the event's own time and whether it happened;
- ``after``: what a cue takes from the one before it in the same sentence, and further targets of one act.

`bench/rules.py` counts, per rule, the events it touched on the labelled sets and how many of them match gold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kronik.actors import Mention
from kronik.clauses import (
    CAUSE,
    DIRECTED_MATERIAL,
    PURPOSE,
    RECEIVE,
    RESPONDING,
    SPEECH_VERB,
    Parties,
    clause_subject,
    codes,
    coordinated,
    countries,
    country,
    find_parties,
    left_limit,
    location,
    named_as_topic,
    oblique,
    owner_of_thing,
    place_after,
    right_limit,
    speaker,
    target_limit,
)
from kronik.dates import Anchor, DateExpr, find_sequel, parse_iso, shift_iso
from kronik.gazetteer import is_igo, people
from kronik.lexicon import Cue, lexicon, word_lists, words
from kronik.model import Event
from kronik.plover import plover
from kronik.rx import Rx

_I = re.IGNORECASE
_WORD = Rx(r"[\w-]+")

# ---------------------------------------------------------------- state


@dataclass(slots=True)
class Candidate:
    """One cue occurrence and what became of it: an event, or the reason it was dropped."""

    start: int
    end: int
    text: str
    cue: Cue
    index: int = 0
    """Position of the cue among the sentence's cue hits."""
    parties: Parties | None = None
    status: str = "occurred"
    status_why: str = ""
    date: str | None = None
    date_why: str = ""
    picked: DateExpr | None = None
    fallback: bool = False
    """True when the date is only the article's (no date expression in or before the sentence)."""
    event: Event | None = None
    dropped: str | None = None
    fired: list[tuple[str, str]] = field(default_factory=list)
    """(rule name, what it did), in the order the rules ran."""
    where: tuple[int, int] | None = None
    """The span the date and place are looked for near: the cue, or a further target's group."""
    derived: list[Candidate] = field(default_factory=list)
    """Further readings of the same words a rule derived from this candidate (a threat in a conditional sanction)."""

    @property
    def near(self) -> tuple[int, int]:
        return self.where or (self.start, self.end)


@dataclass(slots=True)
class Sentence:
    """One sentence being coded: its text, actors, dates, cue hits and the candidates coded so far."""

    text: str
    mentions: list[Mention]
    dates: list[DateExpr]
    hits: list[tuple[int, int, Cue]]
    governed: set[int]
    sports: bool
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(slots=True)
class DocContext:
    """What the coder remembers of the document so far, for sentences that lean on earlier ones."""

    anchor: Anchor
    sports: bool = False
    """The page is a sports report (teams and players are no states acting)."""
    previous_date: DateExpr | None = None
    """The latest usable date expression: "Sebagai balasan, ..." happens at its time."""
    last_doer: list[Mention] = field(default_factory=list)
    """The doer of the latest event (the host of a visit), for a passive or anaphoric sentence with no doer."""
    last_stem: str = ""
    """The cue root of that event ("menolak permintaan tersebut" answers a request)."""
    issuer: list[Mention] = field(default_factory=list)
    """The body that adopted the latest resolution told of."""
    last_act: tuple[list[Mention], str, str] | None = None
    """Doer, cue root and type of the latest act told of, coded or not (a launch with no target)."""
    last_blow: tuple[list[Mention], list[Mention]] | None = None
    """Doer and target of the latest sanction, attack, seizure or aid coded."""
    targets_by_type: dict[str, list[Mention]] = field(default_factory=dict)
    """The targets of the latest event of each type: "Y juga mengecam kebijakan itu" after "X mengecam kebijakan Z"."""
    sentence_no: int = 0
    """Sentences of the body read so far."""
    seen: dict[str, int] = field(default_factory=dict)
    """How often each state was named so far: the states the document is about."""
    doers: dict[str, list[Mention]] = field(default_factory=dict)
    """The doer of the latest event of each type: "Kunjungan ini juga mencakup pertemuan dengan X" is the
    visitor's."""
    pair: list[Mention] = field(default_factory=list)
    """Both sides of the latest event between exactly two states: whom a mediator stands between."""
    planned: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    """Type and states of the acts told of as ahead so far ("akan melakukan latihan bersama")."""
    partners: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    """For each state and event type, how often each other state was on the other side of its events so far."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A named construction: what it handles, and the function that applies it to a candidate."""

    name: str
    stage: str
    does: str
    apply: Callable[[Candidate, Sentence, DocContext], str | None]


def _drop(c: Candidate, why: str) -> str:
    c.dropped = why
    return why


# ---------------------------------------------------------------- gate

_SETTING = Rx(rf"\b{words('setting_words')}\s+$", _I)
_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "SANCTION"})


_OFFER_STEMS = frozenset(word_lists()["offer_stems"])
_COMPLEMENT_END = Rx(rf"\b{words('speech_verbs')}\b|,\s*(?:[\w-]+\s+){{0,2}}yang\b", _I)
"""Where the complement of a governing cue ends before its clause does: a speech verb ("..., mengatakan ia telah
berbicara dengan X") or an appositive relative clause ("..., permintaan yang didukung oleh X")."""


_NOUN_GOVERNS = Rx(r"\s+(?:(?:yang\s+)?(?:akan|untuk|agar|supaya|bahwa)\b|(?:[\w-]+\s+){1,5}?bahwa\b)", _I)
"""After a governing noun ("ancaman akan memutus ...", "seruan agar ...", "tuduhan X bahwa ..."), what follows is only
threatened, asked or alleged."""


_DONE_RELATIVE = Rx(r"\byang\s+(?:telah|sudah|pernah)\b", _I)
_THAT_AFTER = Rx(r"\s+(?:[\w-]+\s+){0,5}?bahwa\b", _I)
_RESOLUTION_SAYS = Rx(rf"\b{words('resolution_words')}\b(?:\s+[\w()-]+){{0,5}}?\s+(?:yang|untuk)\s+$", _I)
"""Before a cue in a complement: what a resolution itself does ("menyetujui resolusi PBB untuk mendesak Rusia ..."),
an act of its own once the resolution is adopted."""
_RELATIVE_PASSIVE = Rx(r"\byang\s+(?:telah\s+|sudah\s+|pernah\s+)?$", _I)
"""Before a passive cue in a complement: a relative clause that tells what was done ("gencatan senjata yang
ditengahi oleh Mesir"), a fact rather than part of what is wanted."""


def governed_cues(hits: list[tuple[int, int, Cue]], sentence: str) -> set[int]:
    """Indices of cues inside the complement of a governing cue ("sepakat untuk membuka ...", "meminta X menarik ...")
    or of another cue's purpose clause ("bertemu untuk membahas ...") in the same clause."""
    inside: set[int] = set()
    if len(hits) < 2:  # a lone cue governs nothing
        return inside
    for i, (_, e, cue) in enumerate(hits[:-1]):
        if not cue.governs or (cue.voice == "noun" and not _NOUN_GOVERNS.match(sentence, e)):
            continue
        that = _THAT_AFTER.match(sentence, e)  # "menuduh bahwa ...", "tuduhan X bahwa ...": the complement follows it
        stop = right_limit(sentence, that.end() if that else e)
        if (end := _COMPLEMENT_END.search(sentence, e, stop)) is not None:
            stop = end.start()
        # "menyetujui penjualan senjata ke Taiwan": a material act approved or agreed is itself the event
        inside.update(j for j, (s2, _, c2) in enumerate(hits) if j > i and s2 < stop and not (
            cue.type == "AGREE" and cue.stem not in _OFFER_STEMS and c2.voice == "noun" and c2.type in _MATERIAL
            and not sentence[e:s2].strip())
            and not (c2.voice == "passive" and _RELATIVE_PASSIVE.search(sentence, max(0, s2 - 20), s2))
            and not _RESOLUTION_SAYS.search(sentence, max(0, s2 - 60), s2))
    for i, (_, e, _) in enumerate(hits[:-1]):
        stop = right_limit(sentence, e)
        purpose = PURPOSE.search(sentence, e, stop)
        if purpose is not None:
            inside.update(j for j, (s2, _, _) in enumerate(hits) if j > i and purpose.start() <= s2 < stop
                          and not _RESOLUTION_SAYS.search(sentence, max(0, s2 - 60), s2))
    # "menjalankan rencana yang sudah dibahas dalam KTT 2019": what a relative clause says was done is a fact
    facts = [(m.start(), right_limit(sentence, m.end())) for m in _DONE_RELATIVE.finditer(sentence)]
    return {j for j in inside if not any(a <= hits[j][0] < b for a, b in facts)}


_SETTING_MEETING = Rx(r"\b(?:dalam|pada|saat|ketika)\s+$", _I)


def _setting_meeting(c: Candidate, s: Sentence) -> bool:
    """"menyepakati empat nota kesepahaman dalam pertemuan X dengan Y": the meeting something was agreed or done
    in is its setting, and was held."""
    if c.cue.type != "CONSULT" or c.cue.voice != "noun" or not _SETTING_MEETING.search(s.text, max(0, c.start - 10),
                                                                                         c.start):
        return False
    # the meeting of two sides named with it, not a body's gathering ("dalam KTT ASEAN")
    first = next((m for m in s.mentions if m.start >= c.end), None)
    return first is not None and not is_igo(first.code) and len(_WORD.findall(s.text, c.end, first.start)) <= 2


def _complement(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.index in s.governed and not _scheduled_meeting(c, s) and not _own_visit(c) and not _judged_noun(c, s) and (
            not _setting_meeting(c, s)):
        return _drop(c, "inside the complement of an earlier cue (wanted, asked for or left out of: not done)")
    return None


_AHEAD_DATE = Rx(rf"(?:\s+[\w-]+){{0,6}}?\s+(?:pada\s+)?(?:[\w-]+\s+){{0,3}}?{words('ahead_words')}\b", _I)


def _judged_noun(c: Candidate, s: Sentence) -> bool:
    """"untuk memprotes kunjungan Pelosi ke Taiwan": the act a protest is aimed at has happened, though the protest
    itself is only the purpose of another act (what one backs, "mendukung serangan", may be only alleged)."""
    if c.cue.voice != "noun" or c.index == 0:
        return False
    _, end, before = s.hits[c.index - 1]
    return before.type == "ACCUSE" and before.voice == "active" and not s.text[end:c.start].strip()


def _own_visit(c: Candidate) -> bool:
    """"memaksa Modi mempersingkat kunjungannya ke Arab Saudi": a visit named as someone's own ("-nya") is under way,
    whatever is wanted of it."""
    return c.cue.mode == "visit" and c.cue.voice == "noun" and c.text.lower().endswith("nya")


def _scheduled_meeting(c: Candidate, s: Sentence) -> bool:
    """"sepakat ... untuk menyukseskan KTT Korea Selatan dan AS pada akhir Mei mendatang": a meeting with its own
    time ahead is scheduled, an event of its own (planned), not only what someone wants."""
    return c.cue.type == "CONSULT" and c.cue.voice == "noun" and c.cue.mutual and bool(
        _AHEAD_DATE.match(s.text, c.end)) and any(d.value for d in s.dates if d.start >= c.end)


def _sports(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if s.sports:
        return _drop(c, "sports report: teams and players are not states acting")
    return None


_SCARE_QUOTED = Rx(r"['‘][^'’\"“”]{0,40}$")
_SINGLE_QUOTE_CLOSES = Rx(r"[^'’\"“”]{0,40}['’]")
"""A single quote closing within 40 characters, with no other quote mark before it."""


def _scare_quoted(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"membalas 'serangan' AS", "'serangan Trump' itu" in a trade dispute: force in single quotes is a figure of
    speech."""
    if c.cue.type in _FORCE and c.cue.voice == "noun" and _SCARE_QUOTED.search(s.text, max(0, c.start - 40), c.start) and (
            _SINGLE_QUOTE_CLOSES.match(s.text[c.end:])):
        return _drop(c, "force named in single quotes: a figure of speech")
    return None


def _setting(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.cue.voice == "noun" and _SETTING.search(s.text, max(0, c.start - 20), c.start):
        return _drop(c, "the setting of another act or part of a place name, not an event")
    return None


_SAID_ACTS = frozenset({"REJECT", "ACCUSE", "CONCEDE", "AGREE", "SUPPORT"})
"""What a denial, confirmation or comment can be read as."""
_NO_COMMENT = Rx(rf"\b{words('no_comment_phrases')}\b", _I)


def _no_comment(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Israel tidak membenarkan maupun membantah serangan itu": neither confirming nor denying is no rejection."""
    if c.cue.type in _SAID_ACTS and any(m.start() <= c.start < m.end() for m in _NO_COMMENT.finditer(s.text)):
        return _drop(c, "neither confirmed nor denied: no comment")
    return None


_OWN_INSTRUMENT = Rx(rf"\s+(?:[\w-]+\s+)?{words('own_instruments')}\b", _I)
_SIGN_STEMS = frozenset({"tanda tangan", "teken"})


def _own_instrument(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Trump menandatangani perintah eksekutif yang mengenakan tarif ...": signing one's own law or order is no
    agreement; what the order does is coded from its own words."""
    if c.cue.stem in _SIGN_STEMS and _OWN_INSTRUMENT.match(s.text, c.end):
        return _drop(c, "signing its own law or order, no agreement with another state")
    return None


_TALKED_OF = Rx(rf"\b{words('talks_nouns')}\s+$", _I)


def _talked_of(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"menengahi perundingan gencatan senjata", "usulan gencatan senjata": an act named right after talks or a
    proposal is what they are about; whether it was reached is told elsewhere."""
    if c.cue.voice == "noun" and c.cue.type != "CONSULT" and _TALKED_OF.search(s.text, max(0, c.start - 20), c.start):
        return _drop(c, "what talks or a proposal are about, not done")
    return None


# ---------------------------------------------------------------- parties

_DESIRE = Rx(rf"\b{words('desire_words')}\b", _I)
_NEED = Rx(rf"\b{words('need_words')}\s+(?:untuk\s+)?(?:[\w-]+\s+)?$", _I)
_CARGO = Rx(rf"\b{words('cargo_words')}\b", _I)
_AT_PLACE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_CALL_FOR_PEACE = Rx(rf"\b{words('peace_words')}\b", _I)
"""A call for a ceasefire or peace "di Gaza" is addressed to the state of that place."""
_WHERE = Rx(rf"\b(?:di|ke)\s+(?:(?:{words('where_words')}|\w+\s+lokasi)\s+){{0,2}}$", _I)
"""Before a state named as where an act happens ("di sekitar Taiwan", "ke sembilan lokasi di Pakistan")."""
_MISSION = Rx(rf"\b{words('mission_words')}\b[^,.;]*$", _I)
_OPENS_MISSION = Rx(rf"\s+(?:[\w-]+\s+)?{words('mission_words')}\b", _I)
_ANSWERS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION"})
_CAUSE_CLAUSE = Rx(rf"\b{words('cause_openers')}\s+", _I)
_ANAPHOR = Rx(r"\b(?:itu|tersebut|ini)\b", _I)
"""A subject that points back ("Resolusi itu", "Langkah tersebut") rather than naming someone new."""
_RESPONSES = frozenset({"REJECT", "CONCEDE", "ACCUSE", "SUPPORT"})
_JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT"})
_RESPONSE_OBJECT = Rx(r"\s+(?:[\w-]+\s+){0,2}?(?:itu|tersebut|ini)\b", _I)
"""An object that points back ("menolak permintaan tersebut", "membantah tuduhan itu")."""
_SAME_ACT = Rx(rf"\b{words('same_act_nouns')}\b", _I)
_SANCTION_ACT = Rx(rf"\b{words('sanction_act_nouns')}\b", _I)
_RESOLUTION = Rx(rf"\b{words('resolution_words')}\b", _I)
_SHARES_TARGET = frozenset({"THREATEN", "ACCUSE", "REJECT", "AGREE", "COOPERATE", "SANCTION"})
_AND_THEN = Rx(rf"[^,;]*\b{words('sequence_links')}\s+$", _I)
_RETALIATE = Rx(rf"\b{words('retaliation_words')}\b", _I)


def _clause_parties(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    c.parties = find_parties(s.text, s.mentions, c.start, c.end, c.cue)
    return c.parties.how


def _resolution_acts(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"menyetujui resolusi PBB untuk mendesak Rusia ...": the resolution's owner is the one who urges."""
    p = c.parties
    assert p is not None
    says = _RESOLUTION_SAYS.search(s.text, max(0, c.start - 60), c.start)
    owner = [m for m in s.mentions if says is not None and says.start() <= m.start and m.end <= c.start]
    if not owner:
        return None
    p.agents = owner[-1:]
    p.targets = [m for m in p.targets if m not in p.agents]
    return f"doer is the owner of the resolution ({owner[-1].text!r})"


_EXCLUSION_STEMS = frozenset(word_lists()["exclusion_stems"])
_GATHERING = Rx(rf"\b{words('gathering_nouns')}\b", _I)


def _excluded(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"ASEAN memutuskan tidak mengundang junta Myanmar ke KTT": leaving a state out of a gathering is a sanction
    that is done, not an invitation that is not; a passive with no doer ("tak diundang dalam KTT ASEAN") is left out
    by the gathering's owner."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.stem not in _EXCLUSION_STEMS or not _NEGATED.search(text, left_limit(text, c.start), c.start):
        return None
    hi = right_limit(text, c.end)
    gathering = _GATHERING.search(text, c.end, hi)
    if gathering is None and c.cue.stem == "undang":
        return None  # not inviting someone to visit is no sanction; not including them in something is
    if not p.agents and gathering is not None:
        owner = next((m for m in s.mentions if gathering.end() <= m.start <= gathering.end() + 2 and m not in p.targets), None)
        if owner is None:
            return None
        p.agents = [owner]
    c.cue = dataclasses.replace(c.cue, type="SANCTION", mode="discontinue")
    c.status, c.status_why = "occurred", "left out of a gathering: done"
    if gathering is None:
        return "left out: a sanction"
    s.governed.update(j for j, (hs, _, _) in enumerate(s.hits) if hs == gathering.start())
    return f"left out of {gathering.group(0)!r}: a sanction"


_VOICED_STEMS = frozenset(c.stem for readings in lexicon()[0].values() for c in readings if c.voiced)
"""Roots with a voiced reading ("langgar"): said by someone, any of their readings is that accusation."""
_RELATIVE_HEAD = Rx(r"\s+yang\b", _I)


def _voiced(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Menhan Taiwan mengatakan latihan militer China itu melanggar ...": a judgement voiced by a state is its
    accusation against the state whose act is judged; said by the narrator it is no event."""
    p, text = c.parties, s.text
    assert p is not None
    if not c.cue.voiced and c.cue.stem not in _VOICED_STEMS:
        return None
    who = speaker(text, s.mentions, c.start, c.end)
    own = countries(codes(who))
    if not c.cue.voiced:
        if not who:
            return None  # "Israel melanggar gencatan senjata", told by the narrator: the act itself
        if p.agents and p.targets and not countries(codes(p.agents)) & own:
            # "Jet Rusia melanggar wilayah udara Estonia, kata militer Estonia": the violation named with its doer
            # happened too, besides the accusation
            act = Candidate(c.start, c.end, c.text, c.cue, c.index, Parties(list(p.agents), list(p.targets), p.reciprocal,
                                                                             p.how), where=c.where)
            act.fired.append(("voiced_judgement", "the act the speaker judges, named with its doer"))
            apply_rules(act, s, d, FINISHING)
            if act.event is not None:
                c.derived.append(act)
        # "Kemlu menilai serangan itu melanggar gencatan senjata": voiced, the violation is an accusation
        c.cue = dataclasses.replace(c.cue, type="ACCUSE", mode="allege", voiced=True)
    if not who:
        return _drop(c, "a judgement nobody in the sentence voices")
    lo = who[-1].end if who[-1].end <= c.start else 0  # ", kata X" after it: the judged act may open the sentence
    before = [m for m in s.mentions if lo <= m.start < c.start and not countries(codes([m])) & own
              and not named_as_topic(text, m)]
    # whose act is judged: the head of "X yang secara ilegal ..." right before it, else the last state named bare (the owner of
    # "langkah AS itu"), not where the act happened or whom it hit ("ke Gaza", "di Palestina")
    judged = next((m for m in before if (rel := _RELATIVE_HEAD.match(text, m.end)) is not None
                   and len(_WORD.findall(text, rel.end(), c.start)) <= 3), None) or next(
        (m for m in reversed(before) if oblique(text, m, s.mentions) is None), None) or next(
        (m for m in p.agents if c.cue.voice == "noun" and not countries(codes([m])) & own), None)  # "provokasi X"
    p.agents, p.targets = who, coordinated(text, s.mentions, s.mentions.index(judged)) if judged in s.mentions else (
        [judged] if judged is not None else [])
    return f"voiced by {who[0].text!r}" + (f" against {judged.text!r}, whose act it judges" if judged else "")


_INSTANCE = Rx(rf"\b{words('instance_words')}\s+$", _I)


def _instance(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"mengecam serangan Israel di Gaza, termasuk serangan terbaru pada 31 Januari": one instance of the act named
    before it in the sentence, with the same parties and its own time."""
    p = c.parties
    assert p is not None
    if c.cue.voice != "noun" or p.agents or p.targets or not _INSTANCE.search(s.text, max(0, c.start - 40), c.start):
        return None
    earlier = next((x for x in reversed(s.candidates) if x.cue.type == c.cue.type and x.parties is not None
                    and x.parties.agents and x.start < c.start), None)
    if earlier is None or earlier.parties is None:
        return None
    p.agents, p.targets, p.reciprocal = earlier.parties.agents, earlier.parties.targets, earlier.parties.reciprocal
    return f"an instance of {earlier.text!r} named before: its parties"


_ROUND = Rx(rf"\b{words('round_words')}\b(?:(?!\bsejak\b)(?:[^,.;:]|,\s+(?-i:[A-Z])|,\s+(?=pada\b|tahun\b))){{0,60}}?"
            r"\b(?:19|20)\d\d\b", _I)
"""An earlier round with its year; "yang pertama sejak dia berkuasa pada 2011" counts from that year, it is no round."""
_ROUND_TYPES = frozenset({"CONSULT", "COOPERATE"})


@lru_cache(maxsize=64)
def _round_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the sentence tells of earlier rounds with their year, found once for all its candidates."""
    return tuple((m.start(), m.end()) for m in _ROUND.finditer(sentence))


def _earlier_rounds(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"sidang komisi bersama keempat, setelah yang ketiga di Bali 2019", "sejak terakhir kali diadakan di Hanoi pada
    2015": each earlier round of a recurring meeting or exercise, told with its own year, is another event between
    the same sides (the act's own, else the latest pair's), done then."""
    p = c.parties
    assert p is not None
    if c.cue.type not in _ROUND_TYPES or not c.cue.mutual or c.cue.voice != "noun":
        return None
    sides = list(p.agents) if p.reciprocal and len(countries(codes(p.agents))) == 2 else (
        list(d.pair) if not p.agents and not p.targets and len(countries(codes(d.pair))) == 2 else [])
    if not sides:
        return None
    rounds = list(_ROUND.finditer(s.text, c.end))
    for m in rounds:
        past = Candidate(c.start, c.end, c.text, dataclasses.replace(c.cue, mode=None), c.index,
                         Parties(sides, [], True, "an earlier round of the act"), where=(m.start(), m.end()))
        past.fired.append(("earlier_rounds", f"an earlier round, told with its own year: {m.group(0)!r}"))
        apply_rules(past, s, d, FINISHING)
        if past.event is not None:
            past.status = past.event.status = "occurred"
            past.status_why = "an earlier round: done"
            if past.picked is None or not m.start() <= past.picked.start < m.end():
                # "yang ketiga di Bali 2019": a bare year no date expression reads
                past.date = past.event.date = m.group(0)[-4:]
                past.date_why = f"the year told of the round: {past.date}"
            c.derived.append(past)
    return f"{len(rounds)} earlier round(s) with their own year" if rounds else None


def _own_side(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"mengancam akan memberikan sanksi atas masuknya imigran ke negaranya": a target of the doer's own state is no
    other side; later rules look for one."""
    p = c.parties
    assert p is not None
    if not p.agents or not p.targets or p.reciprocal or c.cue.host:
        return None
    own = countries(codes(p.agents))
    if not countries(codes(p.targets)) <= own:
        return None
    p.targets = []
    return "the target named is the doer's own side: no other side yet"


_HARMS = frozenset({"ASSAULT", "COERCE", "SANCTION", "SUPPORT"})
"""Acts done to or about a thing: what the doer destroys, seizes, cuts off or backs that it shares with another state
concerns that state."""


_FORCE = frozenset({"ASSAULT", "COERCE"})
"""Force: its other side may be named as a side of the war the sentence tells of, and is never guessed to be a body."""
_WAR_BEFORE = Rx(rf"\b{words('war_nouns')}\s+(?:antara\s+)?$", _I)


def _shared_thing(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Korea Utara meledakkan kantor penghubung antar-Korea": an attack, seizure, sanction or support of something the doer
    shares with one other state ("antar-Korea", "kedua negara") is aimed at that other state."""
    p, text = c.parties, s.text
    assert p is not None
    if not p.agents or p.targets or p.reciprocal or c.cue.mutual or c.cue.type not in _HARMS or (
            c.cue.voice == "noun" and c.cue.type not in _FORCE):
        return None
    own = countries(codes(p.agents))
    hi = target_limit(text, c.end, c.cue)
    # force has its other side in the war the sentence names ("perang Israel dan Palestina ... serangan Hamas")
    shared = next((m for m in s.mentions if m.members and ((c.end <= m.start and m.end <= hi) or (
        c.cue.type in _FORCE and _WAR_BEFORE.search(text, max(0, m.start - 30), m.start)))
                   and own < countries(list(m.members)) and len(countries(list(m.members)) - own) == 1), None)
    if shared is None:
        return None
    other = next(iter(countries(list(shared.members)) - own))
    p.targets = [Mention(shared.start, shared.end, shared.text, other, shared.kind, shared.how)]
    return f"target is the other state of the shared {shared.text!r} ({other})"


_AT_STATE = Rx(rf"\b{words('aimed_at_words')}\s+(?:(?!{words('near_words')}\b)[\w-]+,?\s+){{0,3}}$", _I)
_LAUNCH_STEMS = frozenset(word_lists()["launch_stems"])


def _launched_at(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"meluncurkan ratusan rudal ke arah Israel": missiles fired at a state are an attack, not a weapons test."""
    p, text = c.parties, s.text
    assert p is not None
    if (c.cue.type, c.cue.mode) != ("MOBILIZE", "weapons") or c.cue.stem not in _LAUNCH_STEMS or not p.targets or not _AT_STATE.search(
            text, max(c.end, p.targets[0].start - 40), p.targets[0].start):
        return None
    c.cue = dataclasses.replace(c.cue, type="ASSAULT", mode="aerial")
    return f"fired at {p.targets[0].text!r}: an attack"


_VICTIMS = Rx(rf"\b{words('victim_words')}\b", _I)


def _victims(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"menyampaikan duka cita kepada korban serangan itu": sympathy for the victims goes to the state the latest
    attack or sanction hit."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.type != "SUPPORT" or not p.agents or p.targets or not d.last_blow or not _VICTIMS.search(
            text, c.end, target_limit(text, c.end, c.cue)):
        return None
    own = countries(codes(p.agents))
    hit = [m for m in d.last_blow[1] if not countries(codes([m])) & own]
    if not hit:
        return None
    p.targets = hit
    return f"target is whom the latest attack hit ({hit[0].text!r}): the victims' state"


_LEAVE = Rx(r"\s*(?:untuk\s+|agar\s+)?(?:segera\s+)?meninggalkan\s+$", _I)
"""Between an expelling passive and a state: the state is the one to be left ("diminta untuk meninggalkan X")."""


def _expelled_from(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"diplomat Rusia diminta untuk meninggalkan Swedia": told to leave a state, by that state."""
    p, text = c.parties, s.text
    assert p is not None
    if (c.cue.type, c.cue.mode) != ("SANCTION", "expel") or c.cue.voice != "passive" or p.agents:
        return None
    hi = right_limit(text, c.end)
    left = next((m for m in s.mentions if c.end <= m.start < hi and _LEAVE.match(text, c.end, m.start)), None)
    if left is None:
        return None
    p.agents = [left]
    p.targets = [m for m in p.targets if not countries(codes([m])) & countries(codes([left]))]
    return f"told to leave {left.text!r}: expelled by it"


_OWN_ENVOY = Rx(r"\b(?:duta\s+besar|dubes|diplomat|utusan)nya\s+(?:telah\s+|sudah\s+|akan\s+)?$", _I)


def _recalled_envoy(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"memanggil pulang dubesnya yang bertugas di Peru": a state recalling its own envoy acts against the state
    the envoy was posted to, not against its envoy."""
    p, text = c.parties, s.text
    assert p is not None
    if (c.cue.type, c.cue.mode) != ("SANCTION", "withdraw") or not p.targets:
        return None
    if c.cue.voice == "passive" and not p.agents and _OWN_ENVOY.search(text, max(0, c.start - 30), c.start):
        # "Macron mengatakan duta besarnya ditarik": the one whose envoy it is recalls him
        p.agents, p.targets = p.targets, []
        return "recalls its own envoy ('-nya'): the envoy's owner is the doer"
    if not p.agents:
        return None
    own = countries(codes(p.agents))
    if not countries(codes(p.targets)) <= own:
        return None
    hi = right_limit(text, c.end)
    posted = next((m for m in s.mentions if p.targets[-1].end <= m.start and m.end <= hi
                   and not countries(codes([m])) & own), None)
    p.targets = [posted] if posted is not None else []
    if posted is None:
        return "recalls its own envoy: the envoy is no target"
    return f"recalls its own envoy: aimed at the state it was posted to ({posted.text!r})"


_WISH_NOUN = Rx(r"\b(?:harapan|keinginan)(?:nya)?\b", _I)
_JOINED = Rx(r"\b(?:resmi|telah|sudah|akhirnya)\s+(?:[\w-]+\s+)?$", _I)


def _join_body(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Timor Leste berharap bisa bergabung dengan ASEAN": wishing to join a body is asking to be let in, made now;
    a join is an act only once done ("resmi bergabung dengan NATO"), not as a prospect."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.stem != "gabung" or c.cue.mutual:
        return None
    lo = min([m.start for m in p.agents if m.end <= c.start] + [left_limit(text, c.start)])
    wish = _DESIRE.search(text, lo, c.start) or _WISH_NOUN.search(text, lo, c.start)
    if wish is not None and p.targets and all(is_igo(m.code) for m in p.targets):
        c.cue = dataclasses.replace(c.cue, type="REQUEST", mode=None)
        c.status, c.status_why = "occurred", "the wish is voiced now"
        c.where = (wish.start(), wish.end())  # its time is the wish's, not that of the join hoped for
        return f"wishes to join ({wish.group(0)!r}): asks the body to let it in"
    if _JOINED.search(text, max(0, c.start - 30), c.start):
        return "joined: done"
    return _drop(c, "joining told of as a prospect, not done")


def _commitment_partner(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"X berkomitmen untuk memperkuat hubungan dengan Y": a commitment to ties names its partner inside what is
    committed to, after "dengan", where the clause rules stop looking (a purpose clause is a topic elsewhere)."""
    p, text = c.parties, s.text
    assert p is not None
    if not (c.cue.type == "AGREE" and c.cue.governs and not c.cue.mutual and p.agents and not p.targets):
        return None
    own = countries(codes(p.agents))
    stop = right_limit(text, c.end)
    partner = next((i for i, m in enumerate(s.mentions) if c.end <= m.start < stop and oblique(text, m) == "dengan"
                    and not countries(codes([m])) & own), None)
    if partner is None:
        return None
    p.targets = coordinated(text, s.mentions, partner, c.end, stop)
    return "the partner named after \"dengan\" in what is committed to"


_BACKED = Rx(rf"\b{words('backing_words')}\s+(?:(?:[\w-]+\s+){{0,2}}?(?:bagi|untuk|terhadap|atas)\s+)?"
             r"(?:upaya\s+|proses\s+)?$", _I)
"""Before a joint act noun: backing it ("dukungan AS bagi dialog antara X dan Y"), which says nothing of it being held."""


_HARM_TO = Rx(rf"\b{words('harm_nouns')}\b[^,;]*?\b(?:terhadap|atas|kepada)\s+$", _I)
_VICTIM_JUDGED = frozenset({"ACCUSE", "PROTEST"})


def _victim(c: Candidate, text: str, start: int) -> bool:
    """Whether a party named at ``start`` after a judgement is the victim of the harm it judges ("mengecam kekerasan
    terhadap warga X"), not the one accused."""
    return c.cue.type in _VICTIM_JUDGED and bool(_HARM_TO.search(text, c.end, start))


def _harmed_not_accused(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"mengecam kekerasan terhadap warga Palestina": the people harm was done to are its victims, not the ones
    accused; the doer of the harm is looked for by the rules after. (A doer named with the harm, "kekerasan Israel
    terhadap ...", is the target the clause rules found first.)"""
    p = c.parties
    assert p is not None
    if not p.targets or not _victim(c, s.text, p.targets[0].start):
        return None
    p.targets = []
    return "the ones harmed are its victims, not the accused"


def _only_wished(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    assert c.parties is not None
    if c.status_why:
        return None  # a rule before already read the wish (a request to join)
    if c.cue.mutual and c.cue.voice == "noun" and (backed := _BACKED.search(s.text, max(0, c.start - 50), c.start)):
        return _drop(c, f"only backed ({backed.group(0).strip()!r}), not done")
    # from the doer (or the clause start) to the cue: "X menginginkan ... sebelum memulai perundingan"
    lo = min([m.start for m in c.parties.agents if m.end <= c.start] + [left_limit(s.text, c.start)])
    wish = _DESIRE.search(s.text, lo, c.start) or _NEED.search(s.text, max(0, c.start - 40), c.start)
    if wish is not None:
        return _drop(c, f"only wished for or attempted ({wish.group(0)!r}), not done")
    return None


def _cargo(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.cue.mode == "visit" and c.cue.stem == "tiba" and _CARGO.search(s.text, left_limit(s.text, c.start), c.start):
        return _drop(c, "a shipment or aircraft arriving, not a visit")
    return None


def _place_state(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """A visit with no named host ("tiba di Seoul") is hosted by the state of its place; an attack or seizure with no
    named target hits the state where it happens; an embassy opened "di Jakarta" is opened with that state."""
    p, cue, text = c.parties, c.cue, s.text
    assert p is not None
    if not (cue.mode == "visit" or cue.type in _AT_PLACE or (
            cue.type == "REQUEST" and _CALL_FOR_PEACE.search(text, c.end, right_limit(text, c.end))) or (
            cue.type == "COOPERATE" and _OPENS_MISSION.match(text, c.end))):
        return None
    if p.targets or not p.agents:
        return None
    own = countries(codes(p.agents))
    found = place_after(text, c.end) or location(text, c.start)
    if found and found[1][0] and found[1][0] not in own:
        name, (code, _, _) = found
        pos = text.find(name)
        p.targets = [Mention(pos, pos + len(name), name, code, "place", f"place {name!r} -> {code} (gazetteer)")]
        return f"the other side is the state of the place {name!r}"
    stop = right_limit(text, c.end)
    there = next((m for m in s.mentions if c.end <= m.start < stop and not m.members and "," not in text[c.end:m.start]
                  and _WHERE.search(text, max(0, m.start - 30), m.start) and country(m.code) not in own), None)
    if found is None and there is not None:
        p.targets = [there]
        return f"the other side is the state where it happens ({there.text!r})"
    return None


def _protest_at_mission(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """A crowd demonstrating at a state's embassy or burning its flag: the people of the state where it happens
    protest against the state of the mission or flag."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.type != "PROTEST":
        return None
    stop = right_limit(text, c.start)
    flags = [m for m in s.mentions if text[max(0, m.start - 8):m.start].lower().endswith("bendera ")]
    named = bool(p.agents) and not all(m in flags for m in p.agents)
    if named and not all(x.endswith("CVL") for x in codes(p.agents)):
        return None  # a state or body named as the doer ("aksi bela Palestina") is no crowd of people
    if named and p.targets:
        return None  # "warga X memprotes Y": the clause named both sides
    # "demonstrasi di depan Kedubes X", or, told in the passive, "Kedubes X didemo ...": the mission
    mission = next((m for m in s.mentions if (c.start <= m.start < stop or (c.cue.voice == "passive" and m in p.targets))
                    and not m.members and (m in flags or _MISSION.search(text, max(0, m.start - 40), m.end))), None)
    if named:
        # "warga Indonesia berunjuk rasa di depan Kedubes X": protesters named, against the mission's state
        if mission is None or countries(codes([mission])) & countries(codes(p.agents)):
            return None
        p.targets = [mission]
        return "protesters named, against the state of the mission they stand at"
    place = location(text, mission.end if mission is not None and mission.end <= c.start else c.start)
    # no place named: an Indonesian report's crowd outside an embassy is in Indonesia
    host = place[1][0] if place and place[1][0] else next((m.code[:3] for m in s.mentions if m.kind == "capital"), "IDN")
    if mission is None or not host or host == country(mission.code):
        return None
    p.agents = [Mention(c.start, c.start, "", host + "CVL", "place", f"protesters in {host}")]
    p.targets = [mission]
    return f"protesters in {host} against the state of the mission"


def _fronted_answer(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p, text = c.parties, s.text
    assert p is not None
    if not (c.cue.type in _ANSWERS and p.agents and not p.targets):
        return None
    fronted = RESPONDING.match(text)
    if fronted is None:
        return None
    own = countries(codes(p.agents))
    comma = text.find(",", fronted.end(), c.start)
    p.targets = [m for m in s.mentions if fronted.end() <= m.start and m.end <= comma
                 and country(m.code) not in own and not m.members][:1] if comma > 0 else []
    return "target named in the fronted phrase it answers" if p.targets else None


def _forces_sent(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p, text = c.parties, s.text
    assert p is not None
    if not (c.cue.type == "MOBILIZE" and c.cue.voice == "passive" and not p.agents and p.targets):
        return None
    why = _CAUSE_CLAUSE.search(text, c.end)
    if why is None:
        return None
    own = countries(codes(p.targets))
    cause = next((m for m in s.mentions if m.start >= why.end() and m.kind != "pronoun"
                  and not countries(codes([m])) & own), None)
    if cause is None:
        return None
    p.agents, p.targets = p.targets, [cause]
    return "the forces sent are the doer's, target named in the reason clause"


def _previous_doer(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p, text = c.parties, s.text
    assert p is not None
    if p.agents or not p.targets or c.cue.voice == "noun":
        return None
    anaphoric = bool(_ANAPHOR.search(text, left_limit(text, c.start), c.start))
    # "X mengajukan tuntutan ... . Itu termasuk menuntut Y ...": the same act told of before, even uncoded
    same_act = d.last_act[0] if anaphoric and d.last_act and d.last_act[1] == c.cue.stem.split()[0] else []
    doer = d.last_doer or same_act
    if c.cue.voice == "passive" and _RELATIVE_BEFORE.search(text, max(0, c.start - 25), c.start):
        # "Iran membebaskan warga Prancis yang ditahan sejak 2022": a relative passive's unnamed doer is the main
        # clause's, not the previous sentence's
        main = next((x.parties.agents for x in s.candidates if x.parties is not None and x.parties.agents
                     and x.start < c.start), [])
        doer = main
    if not doer or countries(codes(doer)) & countries(codes(p.targets)):
        return None
    if (c.cue.voice == "passive" and d.last_doer) or anaphoric:
        p.agents = doer
        return "doer carried over from the event before"
    return None


def _response_object(c: Candidate, s: Sentence) -> str | None:
    m = _RESPONSE_OBJECT.match(s.text, c.end)
    return m.group(0) if m else None


def _answer_previous(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p = c.parties
    assert p is not None
    if not (c.cue.type in _RESPONSES and p.agents and not p.targets and d.last_doer):
        return None
    obj = _response_object(c, s)
    if obj is None or countries(codes(d.last_doer)) & countries(codes(p.agents)):
        return None
    if c.cue.type in _JUDGEMENTS and not _SAME_ACT.search(obj) and not (d.last_stem and d.last_stem in obj):
        return None
    p.targets = d.last_doer
    return "target is the doer of the event it answers"


def _answer_resolution(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p = c.parties
    assert p is not None
    if not (c.cue.type in _RESPONSES and p.agents and not p.targets and d.issuer):
        return None
    obj = _response_object(c, s)
    if obj is None or not _RESOLUTION.search(obj) or countries(codes(d.issuer)) & countries(codes(p.agents)):
        return None
    p.targets = d.issuer
    return "target is the body that adopted the resolution"


def _same_judgement(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Presiden Brasil juga mengecam kebijakan itu" after "Kanada mengecam kebijakan tarif AS": the same judgement
    of the same thing, aimed where the one before was."""
    p = c.parties
    assert p is not None
    before = d.targets_by_type.get(c.cue.type)
    if not (c.cue.type in _RESPONSES and p.agents and not p.targets and before):
        return None
    if _response_object(c, s) is None or countries(codes(before)) & countries(codes(p.agents)):
        return None
    p.targets = before
    return f"target of the {c.cue.type} of the same thing before ({before[0].text!r})"


def stem_core(stem: str) -> str:
    """The part of a root that survives the nasal prefixes ("tembak" in "penembakan": "embak")."""
    stem = stem.lower()
    return stem[1:] if stem[0] in "kpts" and len(stem) > 4 else stem


def _judged_act(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p = c.parties
    assert p is not None
    if not (c.cue.type in _JUDGEMENTS and p.agents and not p.targets and d.last_act):
        return None
    obj = _response_object(c, s)
    doer, stem, type_ = d.last_act
    if obj is None or countries(codes(doer)) & countries(codes(p.agents)):
        return None
    if stem_core(stem) in obj.lower() or (type_ == "SANCTION" and _SANCTION_ACT.search(obj)) or (
            type_ in DIRECTED_MATERIAL and _SAME_ACT.search(obj)):
        p.targets = doer
        return "target is the doer of the act it judges"
    return None


_ACT_SUBJECT = Rx(rf"\W*(?:{words('same_act_nouns', 'sanction_act_nouns', 'resolution_words')})\s+(?:ini|itu|tersebut)\b",
                  _I)


def _judged_by_others(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Langkah tersebut mendapat pujian dari Presiden AS": praise or condemnation an act pointed back at receives
    is aimed at whoever did it."""
    p = c.parties
    assert p is not None
    if not (c.cue.type in _JUDGEMENTS and c.cue.voice == "noun" and p.agents and not p.targets and d.last_act):
        return None
    if not _ACT_SUBJECT.match(s.text) or not RECEIVE.search(s.text, max(0, c.start - 30), c.start):
        return None
    doer = d.last_act[0]
    if countries(codes(doer)) & countries(codes(p.agents)):
        return None
    p.targets = doer
    return "target is the doer of the act that receives it"


_TOLD_AGAIN = Rx(r"\W*([\w-]+)\s+(?:itu|tersebut|ini)\b", _I)
_HELD = Rx(rf"\W*([\w-]+)\s+(?:(?:ini|itu|tersebut|akan|telah|sudah|resmi)\s+)*{words('holding_verbs')}\b", _I)
"""A joint act noun opening a sentence, then when or how it is held ("Latihan akan berlangsung mulai ...")."""
"""A sentence opening with an act noun pointed back at ("Tarif itu ...", "Sanksi tersebut ...")."""


def told_again(text: str, d: DocContext) -> bool:
    """Whether a sentence that names no state opens by pointing back at an act of a type already coded
    ("Tarif itu kemudian dinaikkan ..."): its acts continue that one, so it is worth coding; so is one telling of
    an earlier round of a meeting with its year ("sejak terakhir diadakan pada 2015", `earlier_rounds`)."""
    m = _TOLD_AGAIN.match(text)
    return bool(m and _act_types(m.group(1)) & d.doers.keys()) or bool(len(countries(codes(d.pair))) == 2 and (
        _round_spans(text) or _HELD.match(text)))


def _act_types(word: str) -> set[str]:
    """The event types a cue word may name, whatever words follow it."""
    return {c.type for c in lexicon()[0].get(word.lower(), [])}


def _act_told_again(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Tarif itu kemudian dinaikkan menjadi 20 persen": an act done to an act pointed back at continues it, with its
    parties."""
    p = c.parties
    assert p is not None
    m = _TOLD_AGAIN.match(s.text)
    if p.agents or p.targets or m is None or c.start < m.end() or c.cue.type not in d.doers or (
            c.cue.type not in _act_types(m.group(1))):
        return None
    p.agents, p.targets = d.doers[c.cue.type], d.targets_by_type.get(c.cue.type, [])
    return f"continues the {c.cue.type} pointed back at ({m.group(0).strip()!r})"


def _held_again(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Latihan itu berlangsung selama sepekan sejak 3 Maret": a joint act noun opening a sentence that names no
    state, followed by how it is held, is the joint act of the latest two sides, told with its own time."""
    p = c.parties
    assert p is not None
    if p.agents or p.targets or not c.cue.mutual or c.cue.voice != "noun" or s.mentions or len(
            countries(codes(d.pair))) != 2:
        return None
    m = _HELD.match(s.text)
    if m is None or not m.start(1) <= c.start < m.end(1):
        return None
    p.agents, p.reciprocal = list(d.pair), True
    return f"the {c.cue.type} of the latest two sides, held ({m.group(0).strip()!r})"


def _shared_target(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p = c.parties
    assert p is not None
    if not (c.cue.type in _SHARES_TARGET and p.agents and not p.targets):
        return None
    done = [(x, x.parties) for x in s.candidates if x.event is not None and x.parties is not None and x.parties.targets
            and x.parties.agents == p.agents]
    if done and _AND_THEN.match(s.text, done[-1][0].end, c.start) and left_limit(s.text, c.start) <= done[-1][0].start:
        p.targets = done[-1][1].targets
        return f"target shared with {done[-1][0].text!r} before it"
    return None


def _retaliation(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p, text = c.parties, s.text
    assert p is not None
    if not (c.cue.type == "THREATEN" and p.agents and not p.targets and d.last_blow):
        return None
    doer, target = d.last_blow
    own = countries(codes(p.agents))
    if (_RETALIATE.search(text, c.end, min(len(text), right_limit(text, c.end) + 40))
            and countries(codes(target)) & own and not countries(codes(doer)) & own):
        p.targets = doer
        return "target is the doer of the act it threatens to answer"
    return None


_NOT_A_SIDE = frozenset({"di", "dari", "oleh", "tentang", "mengenai", "menurut", "antar"})
"""Prepositions before a state that make it a place, an origin, a doer, a topic or a source, not the other side."""
_NEAREST_WORDS = 6
"""How far after the cue (in words) the nearest other state may stand."""


_VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
_AND_BEFORE = Rx(rf",?\s*\b{words('sequence_links')}\s+(?:{words('subject_adverbs')}\s+){{0,2}}$", _I)


def _speaker_goes_on(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"X mengatakan bahwa ..., dan menuduh Y": a verbal act joined by "dan" to a report of what X said is X's own,
    not the act of the reported clause's subject."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.type not in _VERBAL or c.cue.voice != "active" or not _AND_BEFORE.search(text, max(0, c.start - 40), c.start):
        return None
    said = next((m for m in SPEECH_VERB.finditer(text, 0, c.start)), None)
    if said is None:
        return None
    speaker = clause_subject(text, s.mentions, said.start())[0]
    if not speaker or speaker == p.agents or any(m.start >= said.start() for m in speaker):
        return None
    p.agents = speaker
    p.targets = [m for m in p.targets if not countries(codes([m])) & countries(codes(speaker))]
    return f"doer is the speaker {speaker[0].text!r} of the report it is joined to"


_THIS_IS = Rx(r"(?:^|[\"“])\W*(?:ini|itu)\s+(?:adalah|merupakan)\s+$", _I)


_THIS_ACT = Rx(r"\W*(?:[\w-]+\s+){0,2}?(?:ini|itu|tersebut)\b", _I)


def _act_goes_on(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Kunjungan kenegaraan ini juga mencakup pertemuan dengan Presiden X": a clause whose subject points back at
    an act told of before ("kunjungan ini") continues it, and its doer is that act's doer."""
    p = c.parties
    assert p is not None
    if p.agents or not p.targets or any(m.start < c.end for m in p.targets):
        return None
    lo = left_limit(s.text, c.start)
    head = next(((hs, he, hc) for hs, he, hc in s.hits if lo <= hs < c.start and hc.voice == "noun"), None)
    if head is None or s.text[lo:head[0]].strip(" ,\"“") or not _THIS_ACT.match(s.text, head[1]):
        return None
    doer = d.doers.get(head[2].type)
    if not doer or countries(codes(doer)) & countries(codes(p.targets)):
        return None
    p.agents = doer
    return f"the doer of the {head[2].stem!r} the clause points back at"


def _this_joint_act(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """""Ini adalah pertemuan pertama sejak ...": a joint act pointed at with no parties named is between the two
    sides of the latest two-state event. ("Pertemuan ini ..." names the act already coded again: no new event.)"""
    p = c.parties
    assert p is not None
    if p.agents or p.targets or c.cue.voice != "noun" or not c.cue.mutual or not d.pair:
        return None
    if not _THIS_IS.search(s.text, 0, c.start):
        return None
    p.agents, p.reciprocal = list(d.pair), True
    return f"the sides of the latest two-state event ({', '.join(sorted(countries(codes(d.pair))))})"


_NAMED_AFTER = Rx(r"\s+(?-i:[A-Z])[\w-]+")


def _same_parties_again(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Pertemuan AS-Korut ini yang pertama sejak KTT di Hanoi": a joint-act noun with no parties of its own in a
    sentence about a joint act of the same type between two states is another such act between them."""
    p = c.parties
    assert p is not None
    if p.agents or p.targets or c.cue.voice != "noun" or not c.cue.mutual or _NAMED_AFTER.match(s.text, c.end):
        return None  # "pembicaraan Trump-Kim": a possessor kronik could not resolve is still its own
    twin = next((x for x in s.candidates if x.event is not None and x.parties is not None and x.cue.type == c.cue.type
                 and x.parties.reciprocal), None)
    if twin is None or twin.parties is None:
        return None
    p.agents, p.reciprocal = list(twin.parties.agents), True
    return f"the parties of {twin.text!r} in the same sentence"


def _dated_meeting_of_pair(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"... sesuai hasil KTT 12 Juni 2019": a meeting or agreement with no parties but a date of its own is another
    one between the sides of the latest two-state event, or else the two states the page is about."""
    p = c.parties
    assert p is not None
    if p.agents or p.targets or c.cue.type not in ("CONSULT", "AGREE") or c.cue.voice == "active" or not c.cue.mutual or (
            _NAMED_AFTER.match(s.text, c.end)):
        return None
    pair = list(d.pair) if len(countries(codes(d.pair))) == 2 else _two_most_named(d)
    if not pair:
        return None
    own = next((x for x in s.dates if x.value and not x.reporting and x.start >= c.end
                and len(_WORD.findall(s.text[c.end:x.start])) <= 2), None)
    if own is None:
        return None
    p.agents, p.reciprocal = pair, True
    return f"a meeting or agreement dated {own.text!r} of the latest pair"


def _two_most_named(d: DocContext) -> list[Mention]:
    """The two states the page names most, each more than once and ahead of any third: whom it is about."""
    ranked = sorted(((n, k) for k, n in d.seen.items()), reverse=True)
    if len(ranked) < 2 or ranked[1][0] < 2 or (len(ranked) > 2 and ranked[2][0] == ranked[1][0]):
        return []
    return [Mention(-1, -1, "", k, "document", f"a state the page is about ({k})") for _, k in ranked[:2]]


_PROPOSED_BY = Rx(rf"\byang\s+(?:{words('subject_adverbs')}\s+)?{words('proposing_passives')}\s+(?:oleh\s+)?(?:pihak\s+)?$", _I)
_ANSWERS_TO_PROPOSAL = frozenset({"REJECT", "SUPPORT", "ACCUSE", "AGREE"})


def _proposer(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"memveto draf resolusi PBB soal X yang diajukan Indonesia": whoever proposed what is vetoed, backed or
    criticised is the other side, however long the proposal's description (a topic preposition ends the clause
    grammar's search for a target) and rather than the body the draft belongs to."""
    p, text = c.parties, s.text
    assert p is not None
    if c.cue.type not in _ANSWERS_TO_PROPOSAL or not p.agents or p.reciprocal or (
            p.targets and not all(owner_of_thing(text, m) for m in p.targets)):
        return None  # a target that is only the owner of the document ("draf resolusi PBB") gives way to its proposer
    own = countries(codes(p.agents))
    hi = right_limit(text, c.end)
    pick = next((m for m in s.mentions if c.end <= m.start and m.end <= hi and m.kind != "pronoun"
                 and not countries(codes([m])) & own and _PROPOSED_BY.search(text, max(c.end, m.start - 40), m.start)), None)
    if pick is None:
        return None
    p.targets = [pick]
    return f"target is the proposer of what is answered ({pick.text!r})"


def _nearest_other_state(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """A doer with no target in its clause's grammar: the first state of another country named shortly after the cue
    in the same clause (not as a place, origin, topic or the owner of a document) is the other side. Not for cues
    whose complement is only wanted (the states in it are not their targets), joint acts (their other side follows
    "dengan"; what follows them otherwise is a topic) nor protests (kronik's own rule)."""
    p, text = c.parties, s.text
    assert p is not None
    cue = c.cue
    if (not p.agents or p.targets or p.reciprocal or cue.voice == "passive" or cue.governs or cue.mutual or cue.topic
            or cue.type == "PROTEST"):
        return None
    own = countries(codes(p.agents))
    hi = target_limit(text, c.end, cue)
    pick = next((m for m in s.mentions if c.end <= m.start and m.end <= hi and m not in p.agents
                 and not countries(codes([m])) & own and oblique(text, m, s.mentions) not in _NOT_A_SIDE
                 and not owner_of_thing(text, m) and not named_as_topic(text, m)
                 and not CAUSE.search(text, c.end, m.start)
                 and not _victim(c, text, m.start)
                 and not _PROPOSED_BY.search(text, max(c.end, m.start - 40), m.start)
                 and len(_WORD.findall(text[c.end:m.start])) <= _NEAREST_WORDS), None)
    if pick is None:
        return None
    p.targets = [pick]
    return f"target is the first other state shortly after the cue ({pick.text!r})"


_TO_SOMEWHERE = Rx(r"(?:\s+[\w-]+){0,4}?\s+(?:ke|kepada|untuk|bagi)\s+\w", _I)


def _document_counterpart(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """A directed act whose sentence names only its doer's side is aimed at the state the document is about on
    the other side: the one most often on the other side of the doer's events of the same type so far, then of any
    type, then the other state named most often, if named more than once."""
    p = c.parties
    assert p is not None
    if not p.agents or p.targets or p.reciprocal or c.cue.mutual or c.cue.governs or any(
            name == "own_side_is_no_target" for name, _ in c.fired):
        return None  # an act aimed at something of the doer's own side names no other state to guess
    own = countries(codes(p.agents))
    if len(own) != 1 or len(set(_sentence_states(s)) - own) > 0:
        return None
    if c.cue.type in ("AID", "MOBILIZE", "COOPERATE") and _TO_SOMEWHERE.match(s.text, c.end):
        return None  # "mengirimkan pasukan ke empat negara di Eropa timur": the other side is named, not a state
    # the doer's own partners so far come first: Israel attacks whom it attacked before, not the state most named
    # for condemning it
    doer = next(iter(own))
    same = d.partners.get((doer, c.cue.type), {})
    # force is not guessed against a body ("junta mengeksekusi tahanan" on a page about ASEAN)
    ranked = sorted(((same.get(k, 0), sum(n.get(k, 0) for (a, _), n in d.partners.items() if a == doer), seen, k)
                     for k, seen in d.seen.items() if k not in own and not (c.cue.type in _FORCE and is_igo(k))),
                    reverse=True)
    if not ranked or ranked[0][:3] < (0, 1, 2) or (len(ranked) > 1 and ranked[1][:3] == ranked[0][:3]):
        return None
    other = ranked[0][3]
    p.targets = [Mention(-1, -1, "", other, "document", f"the other state the document is about ({other})")]
    return f"target is the other state the document is about ({other})"


_HOSTILE_WORDS = frozenset({"THREATEN", "ACCUSE", "REJECT"})
_THAT_WORD = Rx(r"\bbahwa\b", _I)


def _sentence_counterpart(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"AS dan Meksiko mencapai kesepakatan ..., setelah dia mengancam akan memberikan sanksi": a threat, accusation,
    rejection or promise whose clause names no target is aimed at the one other state its sentence names ("Trump
    mengatakan Kim berjanji ...": made to the one who tells of it)."""
    p = c.parties
    assert p is not None
    if not (c.cue.type in _HOSTILE_WORDS or (c.cue.type == "AGREE" and not c.cue.mutual)) or not p.agents or (
            p.targets or p.reciprocal):
        return None
    own = countries(codes(p.agents))
    # after the cue, "hubungan kedua negara" names both sides, the doer's among them: no other side of its own; nor
    # does a state named in what someone goes on to say ("..., seraya menyatakan bahwa ... dengan AS")
    # a warning "bahwa" someone will suffer was judged by the clause grammar, which knows a threat from a forecast
    named = [m for m in s.mentions if not owner_of_thing(s.text, m) and not (
        m.start > c.end and _victim(c, s.text, m.start)) and not (m.start > c.end and (
        countries(codes([m])) & own or SPEECH_VERB.search(s.text, c.end, m.start)
        or (c.cue.type == "THREATEN" and _THAT_WORD.search(s.text, c.end, m.start))))]
    others = countries(codes(named)) - own
    if len(others) != 1 or is_igo(next(iter(others))):
        return None
    m = next(m for m in named if others & countries(codes([m])))
    p.targets = [m]
    return f"target is the one other state of the sentence ({m.text!r})"


def _sentence_states(s: Sentence) -> list[str]:
    return [country(x) for m in s.mentions for x in (m.members or (m.code,)) if x]


def _mediated_pair(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Kesepakatan itu terwujud berkat mediasi Mesir": a mediator with no named sides, or one side only, stands
    between the two sides of the latest event between two states."""
    p = c.parties
    assert p is not None
    if c.cue.mode != "third-party" or not p.agents or not d.pair:
        return None
    own, sides = countries(codes(p.agents)), countries(codes(d.pair))
    if own & sides or (p.targets and not countries(codes(p.targets)) < sides):
        return None
    p.targets = d.pair
    return f"between the sides of the latest two-state event ({', '.join(sorted(sides))})"


def _each_host(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """A trip to several states is a visit to each: "mengunjungi Kenya, Tanzania dan Mozambik" is three visits."""
    p = c.parties
    assert p is not None
    if c.cue.mode != "visit" or c.cue.host or len(countries(codes(p.targets))) < 2:
        return None
    return f"a visit to each of {_one_each(p)} states"


_MULTIPARTY = Rx(rf"\b{words('multiparty_words')}\b", _I)


def _each_counterpart(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Biden berbicara dengan PM Israel Netanyahu dan PM Lebanon Mikati": talks of one state with officials of
    several, not told as one meeting of them all ("pertemuan trilateral"), are talks with each."""
    p = c.parties
    assert p is not None
    if (c.cue.type != "CONSULT" or c.cue.mode is not None or c.cue.host or p.reciprocal
            or len(countries(codes(p.agents))) != 1 or len(countries(codes(p.targets))) < 2
            or _MULTIPARTY.search(s.text) or not all(len(x) > 3 and not is_igo(x) for x in codes(p.targets))):
        return None  # "KTT dengan Korea Selatan dan AS": states named as such, not their officials, may meet as one
    return f"talks with each of {_one_each(p)} states"


def _one_each(p: Parties) -> int:
    """Keep the first target state as the act's, and each further one as a further target of the same act."""
    single: list[list[Mention]] = []
    for m in p.targets:
        for code in m.members or (m.code,):
            if code and country(code) not in {country(x) for group in single for x in codes(group)}:
                single.append([Mention(m.start, m.end, m.text, code, m.kind, m.how, (), m.person)])
    p.targets = single[0]
    p.also.extend(single[1:])
    return len(single)


# ---------------------------------------------------------------- check


def _joint_stance(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"Brasil dan Argentina setuju untuk menjatuhkan sanksi terhadap Venezuela": two states that agree to act against
    a third take a stance together; they do not agree with each other."""
    p = c.parties
    assert p is not None
    if c.cue.type != "AGREE" or not p.reciprocal or p.targets:
        return None
    own = countries(codes(p.agents))
    later = [j for j, (hs, _, hc) in enumerate(s.hits) if hs >= c.end and j in s.governed and hc.type not in
             _JOINT_TYPES]
    hi = right_limit(s.text, c.end)
    third = [m for m in s.mentions if c.end <= m.start < hi and not countries(codes([m])) & own]
    if not later or not third:
        return None
    return _drop(c, "two states agreeing to act against a third: a joint stance, not an agreement between them")


_JOINT_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "RETREAT", "AID"})


def _two_states(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    p = c.parties
    assert p is not None
    actors = codes(p.agents)
    targets = [t for t in codes(p.targets) if country(t) not in countries(actors)]
    if not actors:
        return _drop(c, "no doer found")
    if len(countries(actors) | countries(targets)) < 2:
        return _drop(c, "fewer than two distinct states")
    if not targets and not p.reciprocal:
        return _drop(c, "no target found")
    return None


# ---------------------------------------------------------------- date

_ANAPHORIC_TIME = Rx(
    rf"^\W*(?:{words('time_back_references')}|(?:dalam|selama|di\s+sela)\s+{words('meeting_nouns')}\s+(?:itu|tersebut|ini))\b", _I)


_SAME_TIME = Rx(rf"\b{words('same_time_phrases')}\b", _I)
"""Anywhere in a sentence: its event happens at the time of the one before ("pada hari yang sama")."""


_RELATIVE_BEFORE = Rx(r"\byang\s+(?:[\w-]+\s+)?$", _I)
_COUNT_BACK = Rx(r"\s*\S+\s*(?:bulan|tahun)\s+(?:yang\s+)?(?:lalu|silam)\s*$", _I)
_DATE_OF_NOUN_WORDS = 7
"""A date this few words after a cue noun ("serangan terbaru pada 31 Januari") is that act's own."""


def pick_date(dates: list[DateExpr], start: int, end: int, sentence: str, cues: list[int],
              judgement: bool = False) -> DateExpr | None:
    """The date expression nearest the span in its own clause; a date of another clause only when that clause tells
    of no act of its own (``cues``: where the sentence's cues start). A quoted source's date is never the event's.
    A ``judgement`` (condemning, rejecting, welcoming) does not take a date that follows the act it judges
    ("mengecam serangan Israel pada 31 Januari ..., Minggu (1/2)": the attack's date, not the condemnation's) when
    the sentence has another."""
    usable = [x for x in dates if x.usable]
    if not usable:
        return None
    lo, hi = left_limit(sentence, start), right_limit(sentence, end)
    judged = {id(x) for x in usable if judgement and any(
        end <= k < x.start and len(_WORD.findall(sentence[k:x.start])) <= _DATE_OF_NOUN_WORDS for k in cues)}
    if len(judged) == len(usable):
        judged = set()  # the act judged is the sentence's only dated one: the judgement came with it
    # a date after the cue of a relative clause between it and this one is that clause's act's ("membebaskan warga
    # yang ditahan sejak 2022": 2022 is when they were detained)
    judged |= {id(x) for x in usable if any(end <= k < x.start and _RELATIVE_BEFORE.search(sentence, max(0, k - 25), k)
                                            and "," not in sentence[k:x.start] for k in cues)}
    own = [x for x in usable if x.start >= lo and x.end <= hi and id(x) not in judged] or [
        x for x in usable if not any(left_limit(sentence, x.start) <= k < right_limit(sentence, x.end) for k in cues
                                     if not start <= k < end)]
    if not own:
        return None
    # a count back in months or years ("12 bulan yang lalu") is rounder than a calendar date in the same clause
    return min(own, key=lambda x: (bool(_COUNT_BACK.match(x.text)) and len(own) > 1,
                                   start - x.end if x.end <= start else max(0, x.start - end)))


def _date_in_sentence(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    dates = s.dates
    rounds = _round_spans(s.text) if dates else ()
    if rounds:
        # "kembali diadakan setelah terakhir digelar di Bangkok pada 2016": a year told of an earlier round is that
        # round's (`earlier_rounds`), not this act's
        lo, hi = c.near
        dates = [x for x in dates if not any(a <= x.start < b and not (a <= lo < b or lo <= a < hi) for a, b in rounds)]
    if c.cue.governs:
        # "sepakat untuk melanjutkan pertemuan ... pada akhir Mei mendatang": a date after an act this cue governs
        # is that act's, not the agreement's
        dates = [x for x in dates if not any(c.end <= hs < x.start and j in s.governed for j, (hs, _, _) in enumerate(s.hits))]
    c.picked = pick_date(dates, *c.near, s.text, [h[0] for h in s.hits], c.cue.type in _RESPONSES)
    if c.picked is None:
        return None
    c.date, c.date_why = c.picked.value, f"{c.picked.text!r} in the sentence"
    return c.date_why


def _date_after_previous(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.date is not None or d.previous_date is None or not d.previous_date.value:
        return None
    sequel = find_sequel(s.text)
    value = shift_iso(d.previous_date.value, sequel) if sequel else None
    if sequel is None or value is None:
        return None
    c.date, c.date_why = value, f"{sequel.text!r} from {d.previous_date.text!r} told of before"
    return c.date_why


_FORMER_DID = Rx(r"\s*,?\s*yang\s+(?:dulu\s+|pernah\s+|saat\s+itu\s+|kala\s+itu\s+)?$", _I)


def _in_former_office(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"mantan Presiden Roh Moo-hyun yang berkunjung ke Pyongyang": what a former office-holder is told to have done,
    with no date of its own, was done in office; its time is the term."""
    p = c.parties
    if c.date is not None or p is None:
        return None
    former = next((m for m in p.agents if m.person and m.code.endswith("ELI")
                   and _FORMER_DID.fullmatch(s.text, m.end, c.start)), None)
    person = people().get(former.person) if former and former.person else None
    if person is None or former is None:
        return None
    term = min((o for o in person.offices if o.end is not None), key=lambda o: o.rank, default=None)
    if term is None or term.end is None:
        return None
    c.date = f"{term.start.isoformat()}/{term.end.isoformat()}"
    c.date_why = f"{former.text!r} did it in office ({term.office} {term.start.year}-{term.end.year})"
    return c.date_why


def _date_before(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.date is None and d.previous_date is not None and (_ANAPHORIC_TIME.match(s.text) or _SAME_TIME.search(s.text)):
        c.date, c.date_why = d.previous_date.value, f"{d.previous_date.text!r} of the sentence the connective refers back to"
        return c.date_why
    return None


def _article_date(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.date is None and d.anchor.value:
        # a report's lead event happens on its date; a background event is rarely dated more precisely
        c.date, c.date_why, c.fallback = d.anchor.value, "no date in the sentence: the article date", True
        return c.date_why
    return None


# ---------------------------------------------------------------- status

_NEGATED = Rx(rf"\b{words('negation_words')}\b(?:\s+\w+){{0,2}}\s*$", _I)
_HYPOTHETICAL = Rx(rf"\b{words('hypothetical_words')}\b(?:\s+\S+){{0,4}}\s*$", _I)
_PLANNED = Rx(rf"\b{words('planned_words')}\b(?:\s+\S+){{0,6}}\s*$", _I)
_NOUN_STATUS = Rx(
    rf"(?:\s+(?!yang\b)[\w-]+){{0,6}}?\s+['\"‘“]?(?:(?P<plan>{words('plan_words')})|(?P<neg>{words('cancel_words')}))\b", _I)
_NOUN_PLANNED = Rx(r"(?:\s+[\w-]+){0,2}?\s+yang\s+(?P<plan>akan|direncanakan|dijadwalkan|rencananya)\b", _I)
"""A meeting described as ahead ("KTT yang direncanakan dengan Korea Selatan")."""
_AHEAD = Rx(rf"\b{words('ahead_words')}\b", _I)


_PAST_REFERENCE = Rx(rf"\b{words('past_markers')}\s+(?:[\w-]+\s+)?$", _I)


def _past_reference(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"... akan membahas kondisi pasca KTT di Hanoi": a noun after "pasca", "sejak", "setelah" names an act that has
    happened, whatever the clause around it plans."""
    if c.cue.voice == "noun" and (m := _PAST_REFERENCE.search(s.text, max(0, c.start - 30), c.start)) is not None:
        c.status, c.status_why = "occurred", m.group(0).strip()
        return f"after {m.group(0).strip()!r}: it has happened"
    return None


def _noun_status(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.cue.voice != "noun":
        return None
    m = _NOUN_STATUS.match(s.text, c.end) or _NOUN_PLANNED.match(s.text, c.end)
    if m is None or (c.cue.governs and m.group(0).split()[0].lower() == "akan"):
        return None  # "ancaman akan memutus bantuan": what follows is what is threatened, not the threat's time
    c.status, c.status_why = ("negated" if m.groupdict().get("neg") else "planned"), m.group(0).strip()
    return c.status_why


_SAID_THAT = Rx(rf"\b{words('speech_verbs')}\s+(?:kalau|jika|bila)\b", _I)
""""Retno menuturkan kalau protes itu ...": after a speech verb "kalau" is "that", not "if"."""


_DENIED = Rx(r"\b(?:membantah|menyangkal)\s+(?:telah|sudah|pernah)\s+$", _I)
"""Before a verb: "membantah telah mengirim senjata" denies having done it."""


_EVEN_IF = Rx(r"\bbahkan\s+(?:jika|kalau|bila|apabila)\b[^,]*,", _I)
"""A concession ("Bahkan jika X menyebutnya satelit, ..."): what follows its comma holds all the same."""


def _status_words(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.status_why:
        return None
    if c.cue.voice != "noun" and (denied := _DENIED.search(s.text, max(0, c.start - 40), c.start)) is not None:
        c.status, c.status_why = "negated", denied.group(0).strip()
        return c.status_why
    lo = left_limit(s.text, c.start)
    window = s.text[lo:c.start]
    for status, rx in (("negated", _NEGATED), ("hypothetical", _HYPOTHETICAL), ("planned", _PLANNED)):
        if (m := rx.search(window)) is not None and not (
                status == "hypothetical" and (_SAID_THAT.search(s.text, max(0, lo + m.start() - 30), lo + m.end())
                                              or any(e.start() <= m.start() < e.end() for e in _EVEN_IF.finditer(window)))):
            c.status, c.status_why = status, m.group(0).strip()
            return c.status_why
    return None


def _still_ahead(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"X dan Y akan menggelar latihan bersama. ... Latihan bersama itu melibatkan ...": a joint act told of as ahead
    is still ahead when named again with no time or status of its own."""
    if c.status_why or not c.cue.mutual or c.cue.voice != "noun" or c.picked is not None or c.parties is None:
        return None
    if (c.cue.type, frozenset(countries(codes(c.parties.agents + c.parties.targets)))) in d.planned:
        c.status, c.status_why = "planned", "the same joint act was told of as ahead"
        return c.status_why
    return None


_JUDGED_OBJECT = Rx(r"\b(?:atas|terhadap)\b", _I)


def _date_ahead(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.status_why or c.picked is None or not c.picked.value:
        return None
    if c.cue.type in _RESPONSES and c.picked.start >= c.end and _JUDGED_OBJECT.search(s.text, c.end, c.picked.start):
        return None  # "mengucapkan selamat atas perayaan ... pada 17 Agustus mendatang": the object is ahead
    if _AHEAD.search(c.picked.text):
        c.status, c.status_why = "planned", c.picked.text
        return c.status_why
    start = parse_iso(c.picked.value.split("/")[0])
    if start is not None and len(c.picked.value) >= 10 and len(d.anchor.value or "") >= 10 and d.anchor.day and start > d.anchor.day:
        c.status, c.status_why = "planned", f"{c.picked.text} (after the report's own date)"
        return c.status_why
    return None


def make_event(c: Candidate, sentence: str) -> Event:
    """The Event of a candidate that passed every rule."""
    p = c.parties
    assert p is not None
    agents, targets = (p.targets, p.agents) if c.cue.host else (p.agents, p.targets)
    actors = codes(agents)
    recipients = [code for code in codes(targets) if country(code) not in countries(actors)]
    info = plover().get((c.cue.type, c.cue.mode)) or plover()[(c.cue.type, None)]
    place = location(sentence, c.near[0])
    return Event(
        actors=actors, recipients=[] if p.reciprocal else recipients, type=c.cue.type, mode=c.cue.mode, status=c.status,
        date=c.date, location=place[0] if place else None, sentence=sentence,
        actor_text="; ".join(m.text for m in agents) or None, recipient_text="; ".join(m.text for m in targets) or None,
        quad=info.quad, cameo=info.cameo, intensity=info.score,
        location_country=(place[1][0] or None) if place else None,
        latitude=place[1][1] if place else None, longitude=place[1][2] if place else None)


def _event(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    c.event = make_event(c, s.text)
    return None


# ---------------------------------------------------------------- after


def _shared_status(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    if c.event is None or c.status != "occurred":
        return None
    done = [x for x in s.candidates if x.event is not None]
    if done and done[-1].status != "occurred" and _AND_THEN.match(s.text, done[-1].end, c.start) and (
            left_limit(s.text, c.start) <= done[-1].start):
        c.status, c.status_why = done[-1].status, f"shares the status of {done[-1].text!r}"
        c.event.status = c.status
        return c.status_why
    return None


_CONDITION = Rx(rf"\b{words('condition_words')}\b", _I)
_THREAT_MODES = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence"}


def _conditional_threat(c: Candidate, s: Sentence, d: DocContext) -> str | None:
    """"X akan mengenakan tarif atas Y jika Y membalas": the sanction is only possible, the threat is made now."""
    if c.event is None or c.cue.type not in _THREAT_MODES or c.status not in ("planned", "hypothetical"):
        return None
    text = s.text
    if not _CONDITION.search(text, left_limit(text, c.start), right_limit(text, c.end)) or _CONDITION.search(
            text, max(0, c.start - 40), c.start):
        return None  # "... jika negara itu membalas": the act after "jika" is the condition, not what is promised
    threat = Candidate(c.start, c.end, c.text, dataclasses.replace(c.cue, type="THREATEN", mode=_THREAT_MODES[c.cue.type]),
                       c.index, c.parties, where=c.where)
    threat.fired.append(("conditional_threat", f"{c.cue.type} promised on a condition: a threat made now"))
    apply_rules(threat, s, d, FINISHING)
    if threat.event is None:
        return None
    threat.status = threat.event.status = "occurred"
    threat.status_why = "the threat is made now"
    c.derived.append(threat)
    return "also a threat made now"


RULES: tuple[Rule, ...] = (
    Rule("complement_of_governing_cue", "gate", "a cue inside what another cue wants, asks or plans "
         "(\"sepakat untuk membuka ...\", \"bertemu untuk membahas ...\") is no act of its own; the complement "
         "ends at a speech verb or an appositive relative clause", _complement),
    Rule("sports_report", "gate", "in a sports report teams and players are not states acting", _sports),
    Rule("scare_quoted_force", "gate", "\"membalas 'serangan' AS\": force in single quotes is a figure of speech",
         _scare_quoted),
    Rule("setting_noun", "gate", "a noun after \"di sela\", \"desa\", \"zona\" is a setting or place name", _setting),
    Rule("no_comment", "gate", "\"tidak membenarkan maupun membantah\": neither confirming nor denying is no act",
         _no_comment),
    Rule("own_instrument", "gate", "\"menandatangani perintah eksekutif\": signing one's own law or order is no agreement",
         _own_instrument),
    Rule("talked_of", "gate", "\"perundingan gencatan senjata\": the act talks or a proposal are about is not done",
         _talked_of),
    Rule("clause_parties", "parties", "active, passive and nominal clauses: subject, object, possessor, "
         "\"antara X dan Y\", \"dari X untuk Y\" (kronik.clauses)", _clause_parties),
    Rule("resolution_acts", "parties", "\"resolusi PBB untuk mendesak Rusia ...\": the resolution's owner urges",
         _resolution_acts),
    Rule("voiced_judgement", "parties", "\"X mengatakan langkah Y melanggar ...\": the speaker accuses Y; unvoiced, no "
         "event", _voiced),
    Rule("launched_at_state", "parties", "\"meluncurkan rudal ke arah Israel\": fired at a state, an attack", _launched_at),
    Rule("sympathy_for_victims", "parties", "\"duka cita kepada korban\": to the state the latest attack hit", _victims),
    Rule("expelled_from", "parties", "\"diminta meninggalkan Swedia\": expelled by the state it must leave", _expelled_from),
    Rule("recalled_envoy", "parties", "\"memanggil pulang dubesnya di Peru\": aimed at the state the envoy "
         "was posted to", _recalled_envoy),
    Rule("excluded_from_gathering", "parties", "\"tidak mengundang X ke KTT\": leaving a state out is a sanction done",
         _excluded),
    Rule("instance_of_act", "parties", "\"serangan X, termasuk serangan terbaru pada ...\": the same parties, its own time",
         _instance),
    Rule("earlier_rounds", "parties", "\"sejak terakhir kali diadakan di Hanoi pada 2015\": each earlier "
         "round with its own year is another event of the same sides", _earlier_rounds),
    Rule("own_side_is_no_target", "parties", "\"... ke negaranya\": a target of the doer's own state is left for later "
         "rules to find", _own_side),
    Rule("shared_with_other_side", "parties", "\"meledakkan kantor penghubung antar-Korea\": aimed at the other state "
         "it is shared with", _shared_thing),
    Rule("join_body", "parties", "\"berharap bisa bergabung dengan ASEAN\": a request to join; a join counts once done",
         _join_body),
    Rule("commitment_partner", "parties", "\"berkomitmen memperkuat hubungan dengan Y\": a commitment to Y",
         _commitment_partner),
    Rule("harmed_not_accused", "parties", "\"mengecam kekerasan terhadap warga X\": X is the victim, not the accused",
         _harmed_not_accused),
    Rule("only_wished_or_needed", "parties", "\"ingin\", \"berupaya\", \"perlu\" before a cue: not done", _only_wished),
    Rule("cargo_arrival", "parties", "an aircraft or shipment arriving is no visit", _cargo),
    Rule("other_side_is_place_state", "parties", "a visit, attack, seizure or call for peace with no named other side "
         "is aimed at the state of its place", _place_state),
    Rule("protest_at_mission", "parties", "a crowd at an embassy protests against the mission's state", _protest_at_mission),
    Rule("answer_to_fronted_act", "parties", "\"Menanggapi pelanggaran X, Y mengirim protes\": aimed at X", _fronted_answer),
    Rule("forces_sent_in_response", "parties", "forces sent \"setelah kapal X masuk\": the forces' state acts against X",
         _forces_sent),
    Rule("act_told_again", "parties", "\"Tarif itu kemudian dinaikkan\": continues the act pointed back at, with its "
         "parties", _act_told_again),
    Rule("held_again", "parties", "\"Latihan itu berlangsung sejak 3 Maret\": the joint act of the latest two sides",
         _held_again),
    Rule("doer_of_previous_event", "parties", "a passive or anaphoric clause with no doer continues the event before",
         _previous_doer),
    Rule("answer_to_previous_doer", "parties", "\"menolak permintaan tersebut\": aimed at whoever made it", _answer_previous),
    Rule("answer_to_resolution_issuer", "parties", "reactions to \"resolusi tersebut\" are aimed at its issuer",
         _answer_resolution),
    Rule("same_judgement_again", "parties", "\"Y juga mengecam kebijakan itu\" after X condemned Z's policy: aimed at Z",
         _same_judgement),
    Rule("judged_by_others", "parties", "\"Langkah tersebut mendapat pujian dari X\": aimed at whoever took that step",
         _judged_by_others),
    Rule("judgement_of_last_act", "parties", "\"mengecam peluncuran tersebut\": aimed at whoever launched", _judged_act),
    Rule("coordinated_verb_shares_target", "parties", "\"mengecam X dan mengancam akan membalas\": the threat is aimed at X",
         _shared_target),
    Rule("threat_to_retaliate", "parties", "a threat to retaliate is aimed at whoever sanctioned or attacked the threatener",
         _retaliation),
    Rule("speaker_goes_on", "parties", "\"X mengatakan bahwa ..., dan menuduh Y\": the speaker accuses", _speaker_goes_on),
    Rule("act_goes_on", "parties", "\"Kunjungan ini juga mencakup pertemuan dengan X\": the doer of the act pointed "
         "back at", _act_goes_on),
    Rule("this_joint_act", "parties", "\"Ini adalah pertemuan ...\": between the sides of the latest two-state event",
         _this_joint_act),
    Rule("same_parties_again", "parties", "\"pertemuan X-Y yang pertama sejak KTT di Hanoi\": the summit was theirs too",
         _same_parties_again),
    Rule("dated_meeting_of_pair", "parties", "\"sesuai hasil KTT 12 Juni 2019\": a dated meeting of the latest "
         "pair", _dated_meeting_of_pair),
    Rule("proposer", "parties", "\"menolak rancangan ... yang diajukan X\": the answer is aimed at the proposer X",
         _proposer),
    Rule("nearest_other_state", "parties", "a doer whose clause grammar gives no target acts on the first other state "
         "named shortly after the cue", _nearest_other_state),
    Rule("sentence_counterpart", "parties", "a threat, accusation or rejection with no target in its clause is aimed "
         "at the one other state its sentence names", _sentence_counterpart),
    Rule("document_counterpart", "parties", "a directed act in a sentence naming only its doer's side is aimed at the "
         "other state the document is about", _document_counterpart),
    Rule("mediated_pair", "parties", "a mediator with one side or none named stands between the two sides of the "
         "latest two-state event", _mediated_pair),
    Rule("each_host", "parties", "a trip to several states is a visit to each", _each_host),
    Rule("each_counterpart", "parties", "\"berbicara dengan PM Israel dan PM Lebanon\": talks with each, unless told as "
         "one meeting of them all", _each_counterpart),
    Rule("joint_stance", "check", "two states that agree to act against a third take a stance together, not an "
         "agreement between them", _joint_stance),
    Rule("two_states", "check", "an event needs a doer and two distinct states", _two_states),
    Rule("date_in_sentence", "date", "the nearest date expression of the cue's clause, else of its sentence",
         _date_in_sentence),
    Rule("date_after_previous", "date", "\"sehari kemudian\", \"bulan berikutnya\": counted from the time told of before",
         _date_after_previous),
    Rule("date_in_former_office", "date", "\"mantan Presiden X yang mengunjungi ...\": done in office, in the term",
         _in_former_office),
    Rule("date_of_sentence_before", "date", "\"Sebagai balasan\", \"Saat itu\": the time of the sentence before", _date_before),
    Rule("article_date", "date", "no date in the sentence: the article's date", _article_date),
    Rule("past_reference", "status", "a noun after \"pasca\", \"sejak\", \"setelah\" names an act that has happened",
         _past_reference),
    Rule("noun_status", "status", "\"KTT itu akan digelar\", \"kunjungan itu dibatalkan\"", _noun_status),
    Rule("status_words", "status", "negation, condition or plan words before the cue in its clause", _status_words),
    Rule("still_ahead", "status", "a joint act told of as ahead, named again with no time or status of its own, is "
         "still ahead", _still_ahead),
    Rule("date_ahead", "status", "a date said to be ahead (\"pekan depan\") or a day after the report's own date makes "
         "the act planned", _date_ahead),
    Rule("event", "event", "the candidate becomes an event", _event),
    Rule("shares_status_of_coordinated_verb", "after", "\"berencana mengunjungi X dan bertemu Y\": both planned",
         _shared_status),
    Rule("conditional_threat", "after", "a sanction or attack promised on a condition (\"akan ... jika\") is also a "
         "threat made now", _conditional_threat),
)
"""The rules in the order they run."""

FINISHING = tuple(r for r in RULES if r.stage in ("check", "date", "status", "event"))
"""The rules a further target of an act already coded still goes through."""


def apply_rules(c: Candidate, s: Sentence, d: DocContext, rules: tuple[Rule, ...] = RULES) -> str | None:
    """Run the rules over one candidate until one drops it; each rule that acts is recorded with its note.
    Returns the stage of the rule that dropped the candidate, None when none did."""
    for rule in rules:
        note = rule.apply(c, s, d)
        if note:  # a rule that drops says why (_drop), so only then is there a drop to look for
            c.fired.append((rule.name, note))
            if c.dropped is not None:
                return rule.stage
    return None


def remember(d: DocContext, s: Sentence) -> None:
    """After a sentence: what later sentences may lean on (its doer, acts, resolution issuer, dates)."""
    coded = [(c, c.parties) for c in s.candidates if c.event is not None and c.parties is not None]
    if coded and _RESOLUTION.search(s.text) and not coded[0][0].cue.host and all(is_igo(m.code) for m in coded[0][1].agents):
        d.issuer = coded[0][1].agents
    for c in s.candidates:
        if c.parties is not None and c.parties.agents and not c.cue.host and (
                c.event is not None or c.dropped in ("fewer than two distinct states", "no target found")):
            d.last_act = (c.parties.agents, c.cue.stem.split()[0], c.cue.type)
    for c, p in coded:
        if c.cue.type in DIRECTED_MATERIAL and not c.cue.host and p.targets:
            d.last_blow = (p.agents, p.targets)
        if not c.cue.host and p.targets and not p.reciprocal:
            d.targets_by_type[c.cue.type] = p.targets
    d.last_doer = (coded[-1][1].targets if coded[-1][0].cue.host else coded[-1][1].agents) if coded else []
    d.last_stem = coded[-1][0].cue.stem.split()[0] if coded else ""
    for c, p in coded:
        if p.agents and not c.cue.host and not p.reciprocal:
            d.doers[c.cue.type] = p.agents
    sides = [countries(codes(p.agents + p.targets)) for _, p in coded]
    two = [p for (_, p), states in zip(coded, sides, strict=True) if len(states) == 2]
    d.pair = two[-1].agents + two[-1].targets if two else d.pair
    d.planned.update((c.cue.type, frozenset(states)) for (c, _), states in zip(coded, sides, strict=True)
                     if c.status == "planned" and c.cue.mutual)
    usable = [x for x in s.dates if x.usable]
    d.previous_date = usable[-1] if usable else d.previous_date
    for (c, _), states in zip(coded, sides, strict=True):
        for a in states:
            for b in states - {a}:
                n = d.partners.setdefault((a, c.cue.type), {})
                n[b] = n.get(b, 0) + 1
    for m in s.mentions:
        for code in m.members or (m.code,):
            if code:
                state = country(code)
                d.seen[state] = d.seen.get(state, 0) + 1

