"""A learned check on the rules: pair proposals for cues the rules could not finish, each scored by a small model.

The clause rules are right when they speak but stop at constructions they do not know. For every cue of a sentence
the ranker also proposes each pair of states the sentence names (and, where the sentence names only one state, the
states the document has been about), builds the event the finishing rules would give it, and keeps it when a
logistic model over general features (cue type and voice, where the two states stand around the cue, their
prepositions and kinds, what the rules said of the cue, the event's status and date source) says it is likely.
The same model scores the events the rules coded themselves, so that `kronik explain` shows how sure each is.

The weights live in data/ranker.tsv with their provenance; `tools/train_ranker.py` trains them on the labelled
sets and measures them on outlets held out of training.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations

from kronik.actors import Mention
from kronik.clauses import NEAR_SUBJECT, clause_subject, countries, country, left_limit, oblique, right_limit
from kronik.lexicon import plover
from kronik.rules import FINISHING, Candidate, DocContext, Parties, Sentence, apply_rules

_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights over feature names; the probability a proposal needs to become an event, and the one below
    which an event the rules coded themselves is dropped."""

    bias: float
    weights: dict[str, float]
    threshold: float
    floor: float = 0.0

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    """data/ranker.tsv: `bias`, `threshold` and `floor` rows, then one weight per feature."""
    text = resources.files("kronik").joinpath("data", "ranker.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    values = {name: float(value) for name, value in rows}
    bias, threshold, floor = values.pop("bias"), values.pop("threshold"), values.pop("floor", 0.0)
    return Model(bias, values, threshold, floor)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[min(a, b):max(a, b)]))


def _side(m: Mention, c: Candidate) -> str:
    return "b" if m.end <= c.start else "a" if m.start >= c.end else "in"


_DROP_KIND = (
    ("complement", "complement"), ("sports", "sports"), ("setting", "setting"), ("wished", "wished"),
    ("shipment", "cargo"), ("no doer", "nodoer"), ("fewer than two", "onestate"), ("no target", "notarget"),
)


def _rule_outcome(c: Candidate | None) -> str:
    if c is None:
        return "none"
    if c.event is not None:
        return "coded"
    reason = c.dropped or ""
    return next((key for text, key in _DROP_KIND if text in reason), "other")


def features(c: Candidate, agent: Mention | None, target: Mention | None, s: Sentence, d: DocContext,
             source: str, rule: Candidate | None) -> list[str]:
    """The sparse binary features of one candidate event; general properties only, never words of a page."""
    cue, text = c.cue, s.text
    lo, hi = left_limit(text, c.start), right_limit(text, c.end)
    dated = "sentence" if c.picked else "before" if c.date and not c.fallback else "article" if c.date else "none"
    named = countries([x for m in s.mentions for x in (m.members or (m.code,))])
    out = [f"src={source}", f"type={cue.type}", f"voice={cue.voice}", f"rule={_rule_outcome(rule)}", f"status={c.status}",
           f"date={dated}", f"states={_bucket(len(named), (2, 3))}", f"cues={_bucket(len(s.hits), (1, 2, 4))}",
           f"sentence={_bucket(d.sentence_no, (1, 2, 4, 9))}"]
    out += [f"fired={name}" for name, _ in c.fired if name not in ("ranker", "pair_proposal")]
    if cue.mutual:
        out.append("mutual")
    if cue.host:
        out.append("host")
    if c.parties is not None and c.parties.reciprocal:
        out.append("reciprocal")
    if text.lstrip()[:1] in "\"“'":
        out.append("quote")
    pattern = []
    for role, m in (("A", agent), ("B", target)):
        if m is None:
            out.append(f"{role}=outside")
            pattern.append(f"{role}o")
            continue
        side = _side(m, c)
        pattern.append(role + side)
        gap = _words_between(text, m.end if side == "b" else c.end, c.start if side == "b" else m.start)
        prep = oblique(text, m, s.mentions if m in s.mentions else None)
        adjacent = bool(NEAR_SUBJECT.fullmatch(" " + text[m.end:c.start])) if side == "b" else gap <= 2
        out += [f"{role}dist={_bucket(gap, (0, 2, 5, 10, 20))}", f"{role}prep={prep or 'none'}",
                f"{role}kind={m.kind}", f"{role}clause={'in' if lo <= m.start and m.end <= hi else 'out'}",
                f"{role}prep={prep or 'none'}&side={side}"]
        if adjacent:
            out += [f"{role}adjacent", f"{role}adjacent&side={side}&voice={cue.voice}"]
        if m.members:
            out.append(f"{role}group")
    shape = "".join(sorted(pattern))
    subject = s.subjects.get(c.start)
    if subject is None:
        subject = s.subjects[c.start] = clause_subject(text, s.mentions, c.start)[0]
    if agent is not None and agent in subject:
        out.append("A=subject")
    if target is not None and target in subject:
        out.append("B=subject")
    between = [h for h in s.hits if agent and target and min(agent.end, target.end) <= h[0] < max(agent.start, target.start)
               and h[0] != c.start]
    if between:
        out.append("cue_between")
    out += [f"shape={shape}", f"shape={shape}&voice={cue.voice}", f"type={cue.type}&src={source}",
            f"type={cue.type}&shape={shape}", f"rule={_rule_outcome(rule)}&src={source}", f"voice={cue.voice}&src={source}",
            f"rule={_rule_outcome(rule)}&shape={shape}"]
    return out


def _nearest(mentions: list[Mention], c: Candidate) -> Mention:
    return min(mentions, key=lambda m: _gap(m, c))


def _states(s: Sentence) -> dict[str, list[Mention]]:
    """Each state of the sentence with the mentions that name it (a group names each of its members)."""
    out: dict[str, list[Mention]] = {}
    for m in s.mentions:
        for code in m.members or (m.code,):
            if code:
                out.setdefault(country(code), []).append(m)
    return out


def _orient(c: Candidate, a: Mention, b: Mention) -> tuple[Mention, Mention, bool]:
    """Doer and target of a proposal by where the two stand: the one before an active verb or a noun acts, the one
    after a passive verb acts; both on one side of a joint act ("X dan Y bertemu") are reciprocal."""
    if c.cue.mutual and _side(a, c) == _side(b, c):
        return a, b, True
    first, second = (a, b) if a.start <= b.start else (b, a)
    if c.cue.voice == "passive":
        return second, first, False
    return first, second, False


def proposals(s: Sentence, d: DocContext) -> list[Candidate]:
    """One further candidate per pair of states the sentence names and per quad class of its cues, where the rules
    coded no event of that class between them here: the cue of that class nearest the two, read with them as its
    parties (the scorer's dyad is a pair and a quad class; the ranker decides whether the sentence tells of one)."""
    states = _states(s)
    if len(states) < 2:
        return []
    by_quad: dict[str, list[Candidate]] = {}
    for rule in s.candidates:
        if rule.where is None and not rule.proposal and not (rule.dropped and ("sports" in rule.dropped or "setting" in rule.dropped)):
            by_quad.setdefault(plover()[(rule.cue.type, None)].quad, []).append(rule)
    coded = {(frozenset(countries(x.event.actors + x.event.recipients)), x.event.quad) for x in s.candidates
             if x.event is not None and not x.proposal}
    out: list[Candidate] = []
    for x, y in combinations(sorted(states), 2):
        for quad, rules in by_quad.items():
            if (frozenset((x, y)), quad) in coded:
                continue
            rule = min(rules, key=lambda r: _gap(_nearest(states[x], r), r) + _gap(_nearest(states[y], r), r))
            agent, target, mutual = _orient(rule, _nearest(states[x], rule), _nearest(states[y], rule))
            c = Candidate(rule.start, rule.end, rule.text, rule.cue, rule.index, Parties(
                [agent, target] if mutual else [agent], [] if mutual else [target], mutual, "pair proposal"),
                proposal="pair")
            c.fired.append(("pair_proposal", f"{agent.text} / {target.text} by {rule.text!r}"))
            apply_rules(c, s, d, FINISHING)
            c.features = [*features(c, agent, target, s, d, "pair", rule), f"quad_cues={_bucket(len(rules), (1, 2))}"]
            out.append(c)
    return out


def _gap(m: Mention, c: Candidate) -> int:
    return c.start - m.end if m.end <= c.start else max(0, m.start - c.end)


def judge(c: Candidate, threshold: float) -> None:
    """Score a candidate; turn it down below ``threshold``, keeping the event it would have been on it."""
    c.probability = model().probability(c.features)
    c.fired.append(("ranker", f"p={c.probability:.2f}"))
    if c.event is not None and c.probability < threshold:
        c.would_be, c.event = c.event, None
        c.dropped = f"ranker: p={c.probability:.2f} below {threshold:.2f}"
