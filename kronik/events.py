"""Event coding stage: Article -> list[Event], with a trace that `kronik explain` prints.

Sentence by sentence over the article body: the actors module finds the state actors, the cue lexicon
(kronik.lexicon) finds the event words, and the named rules of kronik.rules decide, cue by cue, who did what to
whom, when, and whether it happened. Mentions of one real-world event are then merged, and anything without two
distinct states is dropped. Everything the rules did is kept in the trace.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kronik.actors import DocumentActors, Mention
from kronik.calendar import date_span as _span
from kronik.clauses import countries, country
from kronik.dates import DateExpr, anchor_date, caseless, find_dates
from kronik.gazetteer import office_window
from kronik.lexicon import Cue, cue_hits, words
from kronik.model import Article, Event
from kronik.rules import FINISHING, Candidate, DocContext, Parties, Sentence, apply_rules, governed_cues, remember, told_again
from kronik.rx import Rx
from kronik.sentences import split
from kronik.settings import Settings

_SPORTS = Rx(rf"\b{words('sports_words')}\b", re.IGNORECASE)
"""Sports vocabulary: "Timnas Jepang menyerang gawang Korea Selatan" is a match, not an attack."""
_SPORTS_LOWER = Rx(rf"\b{words('sports_words')}\b")
"""The same words (a lower-case list) in text `caseless` lowered: half the time over a whole article."""


def _sports_words(text: str) -> int:
    lowered = caseless(text)
    return len(_SPORTS.findall(text) if lowered is None else _SPORTS_LOWER.findall(lowered))


def _sports_word(text: str) -> bool:
    lowered = caseless(text)
    return (_SPORTS.search(text) if lowered is None else _SPORTS_LOWER.search(lowered)) is not None


@dataclass(slots=True)
class SentenceTrace:
    """What the coder saw and did in one sentence."""

    paragraph: int
    text: str
    mentions: list[Mention]
    dates: list[DateExpr]
    candidates: list[Candidate]


@dataclass(slots=True)
class DocumentTrace:
    """The whole document: the date relative expressions count from, each sentence, and the merged events."""

    anchor: dt.date | None
    sentences: list[SentenceTrace]
    events: list[Event]
    merged: list[tuple[Event, Event]] = field(default_factory=list)
    """(dropped duplicate, event it was merged into)."""


def _code_sentence(text: str, mentions: list[Mention], dates: list[DateExpr], d: DocContext,
                   hits: list[tuple[int, int, Cue]]) -> Sentence:
    """Run the rules over every cue of one sentence; further targets of one act become candidates of their own."""
    s = Sentence(text, mentions, dates, hits, governed_cues(hits, text), d.sports or (bool(hits) and _sports_word(text)))
    for i, (start, end, cue) in enumerate(hits):
        c = Candidate(start, end, text[start:end], cue, i)
        stopped = apply_rules(c, s, d)
        s.candidates.append(c)
        s.candidates.extend(c.derived)
        if c.parties is None or stopped not in (None, "check"):
            continue
        for group in c.parties.also:
            extra = Candidate(start, end, c.text, cue, i, Parties(
                c.parties.agents, group, False, c.parties.how + "; a further target of the same act"),
                where=(group[0].start, group[-1].end))
            extra.fired.append(("further_target", f"a further target of the same act: {group[0].text!r}"))
            apply_rules(extra, s, d, FINISHING)
            s.candidates.append(extra)
    return s


def _compatible(a: str | None, b: str | None, days: int) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    # a day's slack joins reports of one day a day apart; February and March only touch, they do not overlap
    day = dt.timedelta(days=1)
    slack = dt.timedelta(days=days) if sa[1] - sa[0] < day and sb[1] - sb[0] < day else dt.timedelta(0)
    return sa[0] - slack <= sb[1] and sb[0] - slack <= sa[1]


def _dates_fit(a: Event, a_fallback: bool, b: Event, b_fallback: bool, days: int) -> bool:
    """Compatible dates; a planned event dated only by the report ("Moon akan bertemu Kim") also fits any later date
    of the same plan ("pekan depan")."""
    if _compatible(a.date, b.date, days):
        return True
    for x, x_fallback, y in ((a, a_fallback, b), (b, b_fallback, a)):
        sx, sy = _span(x.date), _span(y.date)
        if x_fallback and x.status == "planned" and sx and sy and sy[0] >= sx[0]:
            return True
    return False


_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
"""Types whose two sides act together: a mention from either side is the same event."""


def _same_event(a: Event, b: Event, loose: bool) -> bool:
    """Same states, type and occurred-or-not, same direction unless one of them is reciprocal, and the same
    mode; ``loose`` (one side's date is only the article's) also lets a mode-less mention join a specific one."""
    if (a.type, a.status == "occurred") != (b.type, b.status == "occurred"):
        return False
    if a.mode != b.mode and not (loose and None in (a.mode, b.mode)):
        return False
    if countries(a.actors + a.recipients) != countries(b.actors + b.recipients):
        return False
    if a.type == "AGREE" and bool(a.recipients) != bool(b.recipients):
        return False  # "X berkomitmen kepada Y" and "X dan Y menandatangani nota kesepahaman" are two acts
    if a.type in _SYMMETRIC and "visit" not in (a.mode, b.mode):
        return True  # "X mengadakan pembicaraan dengan Y" and "Y ... dengan X" are one meeting
    return not a.recipients or not b.recipients or countries(a.actors) == countries(b.actors)


People = tuple[frozenset[str], frozenset[str]]
"""The named people on each side of an event (doers, targets), as the actors module resolved them."""


def people(c: Candidate) -> People:
    """Who did it and to whom, by name: two named people doing the same thing, or one meeting two different named
    people, are two events."""
    assert c.parties is not None
    return (frozenset(m.person for m in c.parties.agents if m.person),
            frozenset(m.person for m in c.parties.targets if m.person))


def _distinct(a: People, b: People) -> bool:
    return any(x and y and not x & y for x, y in zip(a, b, strict=True))


def _meeting_in_visit(a: Event, a_who: People, b: Event, b_who: People) -> bool:
    """A visit to a place and a meeting with a named host are two events ("berkunjung ke Canberra ... bertemu
    dengan Menlu Penny Wong"): the visit names no one it meets, the meeting does. A planned trip and the talks
    planned on it are one plan."""
    for visit, visit_who, meeting, meeting_who in ((a, a_who, b, b_who), (b, b_who, a, a_who)):
        if (visit.mode == "visit" and meeting.mode is None and meeting_who[1] and not visit_who[1]
                and visit.status == meeting.status == "occurred"):
            return True
    return False


def _merge(found: list[tuple[Event, bool, People]], days: int) -> tuple[list[Event], list[tuple[Event, Event]]]:
    """One event per real-world event. Each event comes with whether its date is only the article's date (such an
    event may join one of a more specific mode; the merged event keeps the better-attested date and mode) and the
    named people on each side (`people`)."""
    kept: list[tuple[Event, bool, People]] = []
    merged: list[tuple[Event, Event]] = []
    for ev, fallback, who in found:
        k = next((n for n, (twin, twin_fallback, twin_who) in enumerate(kept)
                  if _same_event(twin, ev, fallback or twin_fallback)
                  and _dates_fit(twin, twin_fallback, ev, fallback, days)
                  and not _distinct(who, twin_who) and not _meeting_in_visit(twin, twin_who, ev, who)), None)
        if k is None:
            kept.append((ev, fallback, who))
            continue
        twin, twin_fallback, twin_who = kept[k]
        if (twin_fallback and not fallback) or (twin.date is None and ev.date):
            twin.date, twin_fallback = ev.date, fallback
        twin.mode = twin.mode or ev.mode
        kept[k] = (twin, twin_fallback, (twin_who[0] | who[0], twin_who[1] | who[1]))
        merged.append((ev, twin))
    return [ev for ev, _, _ in kept], merged


_MAX_SENTENCE = 600
"""Longer "sentences" (lists, tables, text without full stops) are coded in pieces cut at commas, so that the
clause rules, which look back and forth within a sentence, stay cheap."""


def _pieces(sentence: str) -> list[str]:
    out: list[str] = []
    while len(sentence) > _MAX_SENTENCE:
        cut = max(sentence.rfind(", ", 0, _MAX_SENTENCE), sentence.rfind("; ", 0, _MAX_SENTENCE))
        cut = cut + 1 if cut > _MAX_SENTENCE // 3 else _MAX_SENTENCE
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*out, sentence] if sentence else out


def trace(article: Article, settings: Settings) -> DocumentTrace:
    """Code the article's body and keep every step, for `kronik explain` and for the events themselves."""
    anchor = anchor_date(article.published, article.reference_date, article.paragraphs,
                         lambda: office_window("\n".join(article.paragraphs)))
    d = DocContext(anchor, sports=sum(map(_sports_words, article.paragraphs)) >= 3)
    actors = DocumentActors(anchor.day)
    if article.title:
        # the headline introduces the page's actors: later surnames, pronouns and "junta" resolve against it
        for m in actors.mentions(article.title):
            for code in m.members or (m.code,):
                d.seen[country(code)] = d.seen.get(country(code), 0) + 1
    sentences: list[SentenceTrace] = []
    found: list[tuple[Event, bool, People]] = []
    for p, paragraph in enumerate(article.paragraphs):
        for text in (piece for whole in split(paragraph) for piece in _pieces(whole)):
            mentions = actors.mentions(text)
            d.sentence_no += 1
            if not mentions and not told_again(text, d):
                # no state named: no event, and its dates are not worth the time
                sentences.append(SentenceTrace(p, text, mentions, [], []))
                d.last_doer = []
                continue
            hits = cue_hits(text)
            # no cue, no event: its dates are not worth the time (as a sentence without a state)
            s = _code_sentence(text, mentions, find_dates(text, anchor.day) if hits else [], d, hits)
            remember(d, s)
            coded = [(c, c.event) for c in s.candidates if c.event is not None and c.parties is not None]
            # "kedua belah pihak" later means the last two states that acted together or on each other; a mediated
            # act names four
            two = [ev for _, ev in coded if len(countries(ev.actors + ev.recipients)) == 2]
            if two:
                actors.note_pair(two[-1].actors + two[-1].recipients, two[-1].type in _MEETING_TYPES)
            sentences.append(SentenceTrace(p, text, mentions, s.dates, s.candidates))
            found.extend((ev, c.fallback, people(c)) for c, ev in coded)
    events, merged = _merge(found, settings.event_cluster_days)
    return DocumentTrace(anchor.day, sentences, events, merged)


_MEETING_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
"""Acts whose two sides "kedua juru runding", "kedua pemimpin" point back at."""


def code_events(article: Article, settings: Settings) -> list[Event]:
    """The article's events between states, one per real-world event."""
    return trace(article, settings).events
