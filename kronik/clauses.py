"""Clause geometry of an Indonesian news sentence, and who did what to whom for one cue.

A cue's clause runs from the last speech verb or conjunction before it to the next one after it. The doer of an
active verb is the clause's subject (the leftmost bare noun phrase before the verb, else the subject carried over
from the clause before, else the speaker of ", kata X"), its target the first state after it; a di-/ter- passive
swaps them; a noun ("pertemuan", "serangan") takes its parties from "antara X dan Y", a possessor, "dari X untuk Y"
or the subject of the clause it is the object of. The rules in kronik.rules adjust what these give.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from kronik.actors import Mention
from kronik.gazetteer import country_of_place
from kronik.gazetteer import party as country
from kronik.lexicon import Cue, word_lists, words
from kronik.rx import Rx

_I = re.IGNORECASE
_LEFT_BOUNDARY = Rx(
    rf"\b{words('speech_verbs')}\b\s*,?|\b{words('speech_verbs_before_comma')}\s*,|[;:\"“”]|\.(?<!\b[A-Z]\.)\s|\s[-–—]\s|"
    rf"\b{words('clause_conjunctions', 'purpose_links')}\b|"
    rf"(?:^|,)\s*{words('clause_openers')}\b|\b{words('clause_openers')}\s+(?=(?-i:[A-Z]))", _I)
"""Where the clause of a cue begins: a speech verb or conjunction opens a new clause with its own subject."""
_RIGHT_BOUNDARY = Rx(
    rf"[;:\"“”]|\.(?<!\b[A-Z]\.)\s|\s[-–—]\s|,\s*{words('attribution_verbs')}\w*\b|\b{words('clause_conjunctions')}\b|"
    rf",\s*{words('clause_openers')}\b|\b{words('clause_openers')}\s+(?=(?-i:[A-Z]))", _I)
"""Where the search for a target stops."""
_ATTRIBUTION = Rx(rf",?[\"”’']?\s*{words('attribution_verbs')}\w*\s+$", _I)
_PREP_BEFORE = Rx(rf"\b(?!(?<=yang\s)sama\b)({words('prepositions')})\s*-?\s*"  # "hari yang sama X": no "sama"
                  rf"(?:(?:depan|dekat|sekitar|luar|dalam|sekeliling)\s+(?:gedung\s+)?)?"
                  rf"(?:{words('people_nouns')}\s+|{words('counterpart_words')}\s*,\s*)?$", _I)
COORD_GAP = Rx(r"^\s*(?:yang\s+[\w-]+\s*)?,?\s*(?:dan|serta|maupun|atau|&)\s+(?:juga\s+)?$|^\s*[-–/]?\s*$", _I)
"""What may stand between two coordinated parties: "dan", "serta", a hyphen ("AS-Korea Selatan"); a bare comma
may be an apposition ("pernyataan kedua negara, Beijing dan Seoul"), so it is not enough."""
_RELATIVE = Rx(r"^\s*,?\s*(?:[\w-]+\s+)?yang\b(?:(?!\byang\b|\bbahwa\b)[^,])*$", _I)
"""Between a state and a verb: a relative clause of which the state is the head, with no other relative clause or
"bahwa" in between ("Agen Korea Utara yang berbasis di Beijing ... bahwa ... wisatawan yang berkunjung")."""
RECEIVE = Rx(rf"\b{words('receive_verbs')}\s+(?:\w+\s+)?$", _I)
"""Before a noun cue: its subject undergoes the act ("X menerima dukungan dari Y", "mendapat pujian dari Y")."""
_POSSESSOR_GAP = Rx(
    rf"^\s*(?:(?!(?!{words('noun_modifiers')}\b)(?:me|di|ber|ter|yang|adalah|ini|itu|tersebut)\w*\b|{words('prepositions')}\b)"
    rf"[\w-]+\s+){{0,3}}$", _I)
LIGHT_VERB = Rx(rf"\b{words('light_verbs')}\s+[\"“]?(?:[\w-]+\s+){{0,2}}$", _I)
_THING_BEFORE = Rx(rf"\b{words('owned_things')}(?:[\s-]+(?!{words('prepositions')}\b)\w+)?\s+$", _I)
NEAR_SUBJECT = Rx(rf"\s+(?:{words('subject_adverbs')}\s+){{0,2}}$", _I)
"""Between a subject and its verb: only adverbs."""
_IN_ROLE = Rx(rf"\b{words('role_nouns')}\s+(?:[\w-]+\s+)?$", _I)
_THING_RELATIVE = Rx(r"\s*,\s*yang\s+(?:(?:juga|telah|lalu|kemudian|pun)\s+)?$", _I)
"""", yang <verb>" after something that is not an actor: the relative clause's subject is that thing."""
_TOPIC_BEFORE = Rx(rf"\b{words('topic_markers')}(?:\s+(?:nuklir|rudal|senjata))?\s+$", _I)
"""Before a state named as the topic of talks, not a party ("pertemuan perwakilan urusan nuklir Korea Utara"), or
as what others are not members of ("negara-negara yang bukan anggota ASEAN")."""
_FRONTED_PHRASE = Rx(rf"\W*{words('fronted_phrase_openers', 'fronted_clause_openers')}\b", _I)
"""Open a fronted phrase that ends at a comma and names no subject ("Selain Kenya, Jokowi akan mengunjungi ...")."""
CAUSE = Rx(rf"\b{words('cause_links')}\b", _I)
"""After a cue: what follows names its cause ("duka cita kepada korban akibat serangan X"), not its other side."""
_TOPIC_PREP = Rx(rf"\b{words('topic_prepositions')}\b", _I)
_INVOLVING = Rx(rf"\b{words('involving_verbs')}\s+", _I)
_FRONTED = Rx(rf"\W*(?:{words('clause_openers')}\W+)?(?:{words('fronting_words', 'fronted_phrase_openers')}\s+)?"
              rf"(?:{words('light_verbs')}\s+)?", _I)
"""Before a cue that opens the sentence with no subject of its own: "Mengecam ..., PM Kishida ...", "Pada pertemuan
dengan X, Presiden Y ...", "Selain melakukan pertemuan dengan X, Menlu Y ...": the main clause's subject does it."""
_DONE_BY = Rx(rf"\s*['\"’”]?\s*(?:[\w-]+\s+){{0,2}}?yang\s+(?:{words('subject_adverbs')}\s+)?{words('doing_passives')}"
              r"\s+(?:oleh\s+)?(?:pihak\s+)?$", _I)
"""Between an act noun and a state: a relative passive that names the state as the doer ("veto yang dilakukan AS")."""
_MEDIATED = Rx(rf"^\s*(?:[\w-]+\s+){{0,2}}?yang\s+(?:{words('subject_adverbs')}\s+)?{words('mediating_passives')}"
               r"\s+(?:oleh\s+)?(?:pihak\s+)?$", _I)
"""Between a joint act noun and a state: the state mediated it ("gencatan senjata yang ditengahi oleh Mesir")."""
_FEW_WORDS = Rx(r"^\W*(?:[\w-]+\W+){0,4}$")
NEAR = Rx(r"^\W*(?:[\w-]+\W+){0,2}$")
"""At most two words apart: a bare doer after a passive verb, or a target right after that doer."""
_WISH = Rx(rf"\b(?:{words('purpose_links')}|bahwa)\b", _I)
_CONSEQUENCE = Rx(rf"\b{words('consequence_words')}", _I)
"""What a threat promises the one warned ("akan menghadapi konsekuensi", "akan membayar mahal")."""
_THAT = Rx(r"\s*,?\s*bahwa\s+", _I)
PURPOSE = Rx(rf"\b{words('purpose_conjunctions')}\s+(?:(?:dapat|bisa|segera|tidak|tak|jangan)\s+){{0,2}}"
             rf"(?:(?:me|ber|di|ter)[a-z]{{3,}}|pe[a-z]{{3,}}an\b)", _I)
"""A purpose clause ("untuk membahas ...", "untuk perundingan ..."): what it names is a topic, not a party of the event
before it."""
_HELP = Rx(rf"(?:untuk|guna|demi)\s+{words('help_verbs')}\b", _I)
"""Aid sent "untuk membantu Rusia": the purpose names who receives it."""
TARGET_PREPS = frozenset(word_lists()['target_prepositions'])
_FIRST_PERSON = Rx(rf"\b{words('first_person')}\b", _I)
VERBISH = Rx(r"\b(?:me|di|ber|ter)[a-z]{3,}", _I)
RESPONDING = Rx(rf"\W*{words('responding_openers')}\b", _I)
"""A fronted phrase naming what the act answers ("Menanggapi pelanggaran oleh Tiongkok, ...")."""
_SUFFERED = Rx(rf"\b{words('suffering_words')}\s+(?:\w+\s+)?{words('suffering_links')}\s+$", _I)
_SPOKEN_TOPIC = Rx(rf"\b(?:{words('speech_verbs')}|mengungkap|berbicara|bicara)\s+(?:[\w-]+\s+)?"
                   rf"{words('topic_prepositions')}\s+$", _I)
"""A speech verb and "terkait", "tentang" before a noun cue: its topic ("mengungkap terkait pertemuannya dengan X"),
whose possessor is the speaker, not the reason for an act done to someone else."""
_REASON = Rx(rf"\b{words('reason_words')}\s+(?:[\w-]+\s+)?$", _I)
"""Before a noun cue these make it the reason for the clause's act: its doer is not the clause subject
("mengecam China atas penangkapan nelayannya", "sanksi karena penjualan senjata ke Taiwan")."""
PATIENT_MODES = frozenset({"expel", "release", "arrest", "seize", "deport", "abduct"})
"""Modes whose noun names its patient after it ("pengusiran diplomat X", "pembebasan sandera X"), not its doer."""
DIRECTED_MATERIAL = frozenset({"AID", "SANCTION", "ASSAULT", "COERCE"})
"""Material acts aimed at someone: a target may be named after a long object ("penjualan senjata ... ke Taiwan")."""
_SENDS = frozenset({"AID", "MOBILIZE"})
"""Acts whose object may be the doer's own people sent ("mengirim 1.000 prajurit TNI ke Lebanon")."""
_PLACE_NAME = r"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s+(?:selatan|utara|timur|barat|tengah)\b)?)"
"""Capitalised words, and a compass word the press writes in lower case ("Lebanon selatan", "Gaza utara")."""
_OBJECT_PLACE = Rx(rf"\s+(?:[a-z]+\s+){{0,2}}?{_PLACE_NAME}")
_PLACE = Rx(rf"\b(?:di|ke)\s+(?:kota\s+|ibu\s*kota\s+|wilayah\s+|kawasan\s+|provinsi\s+|pulau\s+)?{_PLACE_NAME}")
_SCARE_QUOTES = Rx(r"[\"“]\s*[\w-]+(?:\s+[\w-]+){0,2}\s*[\"”]")
"""A quoted word or three inside a clause ('mengadakan "pembicaraan sukses" dengan Xi'): no clause boundary."""


def codes(mentions: list[Mention]) -> list[str]:
    """Actor codes of mentions in order, group references expanded to their members, without repeats."""
    out: list[str] = []
    for m in mentions:
        for code in m.members or (m.code,):
            if code and code not in out:
                out.append(code)
    return out


def countries(code_list: list[str]) -> set[str]:
    """The scorer's country parts of some codes."""
    return {country(c) for c in code_list}


def named_as_topic(sentence: str, m: Mention) -> bool:
    """True for a state named as a topic ("urusan nuklir Korea Utara", "gencatan senjata Gaza"), not as a party."""
    return _topic_before(sentence, m.start)


@lru_cache(maxsize=1024)
def _topic_before(sentence: str, start: int) -> bool:
    """Cached: each cue of a sentence asks it of the same mentions."""
    return bool(_TOPIC_BEFORE.search(sentence, max(0, start - 30), start))


def owner_of_thing(sentence: str, m: Mention) -> bool:
    """True for a state or body named as the owner of a document or venue ("sanksi PBB", "sidang Majelis Umum PBB");
    deeper in the clause than the act's own object ("mengkritik tes itu ... melanggar sanksi PBB") it is not its target."""
    return _thing_before(sentence, m.start)


@lru_cache(maxsize=1024)
def _thing_before(sentence: str, start: int) -> bool:
    """Cached: each cue of a sentence asks it of the same mentions."""
    return bool(_THING_BEFORE.search(sentence[max(0, start - 25):start]))


def oblique(sentence: str, m: Mention, mentions: list[Mention] | None = None) -> str | None:
    """The preposition right before a mention ("dengan Korea Selatan" -> "dengan"), or None for a bare noun phrase.

    Given the sentence's mentions, a coordinated mention takes the preposition of its group ("antara X dan Y").
    """
    if mentions:
        i = mentions.index(m)
        while i > 0 and COORD_GAP.match(sentence[mentions[i - 1].end:mentions[i].start]):
            i -= 1
        m = mentions[i]
    return _preposition_before(sentence, m.start)


@lru_cache(maxsize=1024)
def _preposition_before(sentence: str, start: int) -> str | None:
    """Cached: the rules ask for the preposition of the same mention many times (each cue, each side)."""
    hit = _PREP_BEFORE.search(sentence[max(0, start - 30):start])
    return hit[1].lower() if hit else None


def coordinated(sentence: str, mentions: list[Mention], i: int, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """The mention at i with its coordinated neighbours ("AS dan Korea Selatan", "Inggris, China, Prancis")."""
    hi = len(sentence) if hi is None else hi
    first = last = i
    while first > 0 and mentions[first - 1].start >= lo and COORD_GAP.match(sentence[mentions[first - 1].end:mentions[first].start]):
        first -= 1
    while (last + 1 < len(mentions) and mentions[last + 1].end <= hi
           and COORD_GAP.match(sentence[mentions[last].end:mentions[last + 1].start])):
        last += 1
    return mentions[first:last + 1]


@dataclass(slots=True)
class Parties:
    """Who did what to whom for one cue, and how the rules decided it."""

    agents: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    reciprocal: bool = False
    how: str = ""
    also: list[list[Mention]] = field(default_factory=list)
    """Further targets of the same act named later in the clause, each a separate event."""


@lru_cache(maxsize=64)
def _scare_quotes(sentence: str) -> frozenset[int]:
    """Positions of the quote marks of scare quotes."""
    return frozenset(p for m in _SCARE_QUOTES.finditer(sentence) for p in (m.start(), m.end() - 1))


@lru_cache(maxsize=64)
def _left_boundaries(sentence: str) -> tuple[int, ...]:
    quotes = _scare_quotes(sentence)
    return tuple(b.end() for b in _LEFT_BOUNDARY.finditer(sentence) if b.start() not in quotes)


def left_limit(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins."""
    ends = _left_boundaries(sentence)
    k = bisect_right(ends, pos) - 1
    return ends[k] if k >= 0 else 0


@lru_cache(maxsize=64)
def _right_boundaries(sentence: str) -> tuple[int, ...]:
    quotes = _scare_quotes(sentence)
    return tuple(b.start() for b in _RIGHT_BOUNDARY.finditer(sentence) if b.start() not in quotes)


_FRONTED_CLAUSE = Rx(rf"\W*{words('fronted_clause_openers')}\b[^,]*,", _I)
"""A subordinate clause opening the sentence, up to its comma ("Setelah Pelosi tiba, ...")."""


def target_limit(sentence: str, end: int, cue: Cue) -> int:
    """Where the search for a cue's other side stops: the clause boundary; for a visit told in a fronted subordinate
    clause, its comma ("Setelah Pelosi tiba, jet China ...": the jets are no host of the visit)."""
    stop = right_limit(sentence, end)
    if cue.mode == "visit" and (front := _FRONTED_CLAUSE.match(sentence)) is not None and end < front.end():
        stop = min(stop, front.end() - 1)
    return stop


def right_limit(sentence: str, pos: int) -> int:
    """Where the search for a target after ``pos`` stops."""
    starts = _right_boundaries(sentence)
    k = bisect_left(starts, pos)
    return starts[k] if k < len(starts) else len(sentence)


_GOODS_FROM = Rx(rf"\b{words('goods_words')}(?:[\s-]+\w+){{0,2}}\s+dari\s+$", _I)
"""Before "dari X": goods, so X is where they come from ("produk impor dari AS")."""
_IF = Rx(rf"\b{words('condition_words')}\b", _I)
_GOODS_RELATIVE = Rx(r"[^.;:]{0,60}?\byang\s+(?:(?:akan|telah|sudah|juga)\s+)?$", _I)
"""Between goods named with their origin and a passive tariff verb: the relative clause about those goods."""
_PLAIN_RELATIVE = Rx(r"\b([\w-]+)\s+yang\s+(?:(?:telah|sudah|pernah|juga|kini|masih|baru|akan)\s+)?$", _I)
"""Right before a passive verb: a relative clause about the noun before "yang" ("daerah sengketa yang diduduki",
"gencatan senjata yang ditandatangani"), not about the clause's subject."""
_COPULA = Rx(r"\b(?:menjadi|adalah|merupakan|ialah)\s+(?:[\w-]+\s+){0,2}$", _I)
"""Before the noun of such a relative clause: the noun is the subject itself ("menjadi negara pertama yang dikunjungi")."""
_MEDIATING = Rx(rf"{words('mediating_passives')}\b", _I)
"""A mediated act's parties are the clause subject ("menyetujui gencatan senjata yang ditengahi oleh X")."""
_DALAM_GAP = Rx(r"\s+dalam\s+")


def clause_subject(sentence: str, mentions: list[Mention], pos: int) -> tuple[list[Mention], str]:
    """The clause subject before ``pos``: a relative clause's head, else the leftmost bare noun phrase of the
    clause, else the subject of the clause before (an elided subject), else the speaker of ", kata X"."""
    lo = left_limit(sentence, pos)
    if (front := RESPONDING.match(sentence) or _FRONTED_PHRASE.match(sentence)) is not None and 0 < (
            comma := sentence.find(",", front.end())) < pos:
        lo = max(lo, comma + 1)  # "Sebagai balasan atas uji coba Korea Utara, Jepang ...", "Selain Kenya, Jokowi ...":
        # the subject follows the fronted phrase
    before = [(i, m) for i, m in enumerate(mentions) if m.end <= pos]
    if (rel := _THING_RELATIVE.search(sentence, max(0, pos - 40), pos)) is not None and not any(
            m.end == rel.start() for _, m in before):
        # "... jadwal uji coba pekan depan, yang membuat Seoul waspada": the doer is that schedule, not a state
        return [], ""
    if (rel := _PLAIN_RELATIVE.search(sentence, max(0, pos - 40), pos)) is not None and before and not any(
            m.start <= rel.start(1) < m.end for _, m in before) and left_limit(sentence, rel.start()) > before[-1][1].end:
        # "... bahwa perbatasan ditutup bagi wisatawan yang berkunjung": a relative clause of a noun that is no actor,
        # in a later clause than the last one named, is that noun's
        return [], ""
    if before:
        i, m = before[-1]
        if _IN_ROLE.search(sentence, max(0, m.start - 30), m.start) and _DALAM_GAP.fullmatch(sentence[m.end:pos]):
            # "peran Mesir dalam menengahi perundingan": the one whose part it is
            return coordinated(sentence, mentions, i), "owner of the part played"
        if _RELATIVE.match(sentence[m.end:pos]) and m.start >= 0:
            return coordinated(sentence, mentions, i), "head of the relative clause"
    in_clause = [(i, m) for i, m in before if m.start >= lo and (
        oblique(sentence, m, mentions) is None
        # "Personel militer dari Korea Utara ... diserang": a nationality inside the clause's first noun phrase
        or (oblique(sentence, m, mentions) == "dari" and not VERBISH.search(sentence[lo:m.start])))]
    if in_clause:
        i, m = in_clause[-1]
        first = coordinated(sentence, mentions, i, lo, pos)[0]
        if (len(in_clause) > 1 and NEAR_SUBJECT.match(sentence, m.end, pos) and first is not in_clause[0][1]
                and "," not in sentence[in_clause[0][1].end:first.start]
                and not COORD_GAP.match(sentence[in_clause[0][1].end:first.start])):
            # "kami tahu Indonesia mendorong Malaysia": the state right before the verb is its subject; an earlier
            # one is the object of another verb or the owner of a noun, unless a comma makes this one an apposition
            return coordinated(sentence, mentions, i, lo, pos), "subject right before the verb"
        if len(in_clause) > 1 and NEAR_SUBJECT.match(sentence, m.end, pos) and VERBISH.search(sentence, lo, m.start):
            # "berselisih soal cara menghadapi Iran dan pada Juni, Rusia dan China memblokir ...": the
            # earlier state is the object of another verb; the one right before this verb is its subject
            first = coordinated(sentence, mentions, i, lo, pos)[0]
            if VERBISH.search(sentence, lo, first.start) and not COORD_GAP.match(sentence[in_clause[0][1].end:first.start]):
                return coordinated(sentence, mentions, i, lo, pos), "subject right before the verb"
        return coordinated(sentence, mentions, in_clause[0][0], lo, pos), "subject of the clause"
    earlier = [(i, m) for i, m in before if m.start < lo and oblique(sentence, m, mentions) is None]
    if earlier and not _FIRST_PERSON.search(sentence[lo:pos]):
        # the subject of the nearest clause before that has one ("Rusia mengatakan ..., tapi Kim disebut ... setelah")
        nearest = left_limit(sentence, earlier[-1][1].start)
        i = next(i for i, m in earlier if m.start >= nearest)
        return coordinated(sentence, mentions, i, 0, lo), "subject carried over from the main clause"
    for i, m in enumerate(mentions):
        if m.start >= pos and _ATTRIBUTION.search(sentence[max(0, m.start - 30):m.start]):
            return coordinated(sentence, mentions, i), "speaker of the quote"
    comma = sentence.find(", ", pos)
    if not before and comma > 0 and _FRONTED.fullmatch(sentence, 0, pos):
        # "Mengecam peluncuran rudal Korea Utara, PM Kishida mengatakan ...": the subject follows the fronted clause
        for i, m in enumerate(mentions):
            if m.start > comma and oblique(sentence, m, mentions) is None:
                return coordinated(sentence, mentions, i), "subject after the fronted clause"
    return [], ""


SPEECH_VERB = Rx(rf"\b{words('speech_verbs')}\b", _I)
"""A speech verb: what follows is what its subject says."""
_ACCORDING_TO = Rx(r"\bmenurut\s+$", _I)
_QUOTE_CLOSED = Rx(r"[,.!?]?[\"”]\s*$")
_SAYS = Rx(rf"\s+(?:juga\s+|kemudian\s+)?{words('speech_verbs')}\b", _I)
"""'"...," Menlu X mengatakan': the speaker named after a closed quote, before the speech verb."""


def speaker(sentence: str, mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Who voices what is said at ``start``..``end``: the subject of the speech verb before it ("X mengatakan ..."),
    the source after "menurut", or the speaker of ", kata X" after it; empty when the narrator says it."""
    verbs = list(SPEECH_VERB.finditer(sentence, 0, start))
    if verbs:
        subject, _ = clause_subject(sentence, mentions, verbs[-1].start())
        if subject:
            return subject
    for i, m in enumerate(mentions):
        if m.end <= start and _ACCORDING_TO.search(sentence, max(0, m.start - 10), m.start):
            return coordinated(sentence, mentions, i)
        if m.start >= end and (_ATTRIBUTION.search(sentence[max(0, m.start - 30):m.start]) or (
                _QUOTE_CLOSED.search(sentence, max(0, m.start - 5), m.start) and _SAYS.match(sentence, m.end))):
            return coordinated(sentence, mentions, i)
    return []


def mentions_between(mentions: list[Mention], start: int, end: int) -> list[tuple[int, Mention]]:
    return [(i, m) for i, m in enumerate(mentions) if m.start >= start and m.end <= end]


def _asked_after(sentence: str, mentions: list[Mention], wish: re.Match[str]) -> list[Mention]:
    """"menyerukan agar Israel segera menghentikan ...", "mendesak agar negara-negara anggota PBB ...": with nobody
    named before "agar", its subject is asked."""
    asked = next((i for i, m in enumerate(mentions) if m.start >= wish.end() and m.kind != "pronoun"
                  and _POSSESSOR_GAP.match(sentence[wish.end():m.start])), None)
    return coordinated(sentence, mentions, asked, wish.end(), right_limit(sentence, wish.end())) if asked is not None else []


_AND_WORD = Rx(r"\b(?:dan|serta)\b")


def find_parties(sentence: str, mentions: list[Mention], start: int, end: int, cue: Cue) -> Parties:
    """Apply the clause rules of the cue's voice; the result may still lack a side (checked by the caller)."""
    stop = target_limit(sentence, end, cue)
    wish = _WISH.search(sentence, end, stop) if cue.type == "REQUEST" else None
    if wish is not None:
        stop = wish.start()  # "menyerukan agar penduduk negara itu ...": who is asked comes before "agar"
    if cue.type != "REJECT" and (purpose := PURPOSE.search(sentence, end, stop)) is not None and not (
            cue.type == "AID" and _HELP.match(sentence, purpose.start())):
        stop = purpose.start()  # "bertemu di Jakarta untuk membahas krisis Myanmar": Myanmar is a topic, not a party
    if cue.voice != "noun" and (topic := _TOPIC_PREP.search(sentence, end, stop) or CAUSE.search(sentence, end, stop)):
        # "berbicara soal gencatan senjata antara X dan Y", "duka cita kepada korban akibat serangan X": what follows
        # "soal" is the topic, what follows "akibat" the cause
        stop = topic.start()
    # "menyebut langkah itu eskalasi dalam konflik antara X dan Y": the parties of a conflict named after a judgement
    # are its setting, not its target; only a joint act or a call (for a truce "antara X dan Y") takes them
    between_ok = cue.mutual or cue.type == "REQUEST" or cue.voice == "noun"
    after = [(i, m) for i, m in mentions_between(mentions, end, stop)
             if (cue.mode == "visit" or oblique(sentence, m) != "di") and not named_as_topic(sentence, m)
             and (between_ok or oblique(sentence, m, mentions) not in ("antara", "antar"))
             and not (owner_of_thing(sentence, m) and (cue.type == "SANCTION" or VERBISH.search(sentence, end, m.start))
                      and not (cue.voice == "noun" and NEAR.match(sentence[end:m.start])))]
    if cue.voice == "passive":
        targets, how = clause_subject(sentence, mentions, start)
        if (rel := _PLAIN_RELATIVE.search(sentence, max(0, start - 40), start)) is not None and not any(
                m.end == rel.end(1) for m in mentions) and not _COPULA.search(sentence, max(0, rel.start() - 40),
                                                                            rel.start(1)) and not _MEDIATING.match(
                sentence, start):
            # "daerah yang diduduki oleh X": what is occupied is that place, not the clause's subject
            targets, how = [], "thing the relative clause is about"
        by = next(((i, m) for i, m in after if oblique(sentence, m) == "oleh"),
                  next(((i, m) for i, m in after if oblique(sentence, m) is None and NEAR.match(sentence[end:m.start])
                        and not VERBISH.search(sentence, end, m.start) and not _IF.search(sentence, end, m.start)), None))
        # no bare doer across a verb or a condition: "dituduh mendukung pemberontak X", "diperkuat jika X ..."
        agents = coordinated(sentence, mentions, by[0], end, stop) if by else []
        if cue.type == "AID" and not agents and targets and all(m.code.endswith("MIL") for m in targets):
            # "500 personel TNI dikirim ke Lebanon": the troops are sent by their own state, to where they go
            dest = [(i, m) for i, m in after if oblique(sentence, m) == "ke" and not countries(codes([m])) & countries(codes(targets))]
            return Parties(targets, coordinated(sentence, mentions, dest[0][0], end, stop) if dest else [], False,
                           "passive of sending: the forces' state sends them, to where they go")
        origin = next((m for m in mentions if m.end <= start and _GOODS_FROM.search(sentence, max(0, m.start - 40), m.start)
                       and _GOODS_RELATIVE.match(sentence, m.end, start)), None) if cue.type == "SANCTION" else None
        if origin is not None and not agents:
            # "daftar barang impor dari Kanada, misalnya baja, yang dikenai bea masuk": the goods' origin is hit;
            # who lists or taxes them is the subject of the clause they are named in
            subject, subject_how = clause_subject(sentence, mentions, origin.start)
            return Parties([m for m in subject if m is not origin], [origin], False,
                           f"passive about goods: their origin is the target, the doer the {subject_how}")
        targets = [m for m in targets if m not in agents]
        if cue.mutual and not (agents and targets):
            # "saluran dengan Korsel dibuka kembali", "dibuka atas persetujuan Moon dan Kim": one joint act
            lo = left_limit(sentence, start)
            joined = [m for m in mentions if lo <= m.start < start and oblique(sentence, m, mentions) in ("dengan", "antara")]
            # "kesepakatan yang dicapai antara X dan Y": the parties may follow
            joined += [m for _, m in after if oblique(sentence, m, mentions) in ("antara", "antar")]
            named = [m for k, m in enumerate(agents + targets + joined) if m not in (agents + targets + joined)[:k]]
            return Parties(named, [], len(countries(codes(named))) >= 2, "passive of a joint act: all parties named")
        if not targets and agents:
            # "bea masuk yang diberlakukan Kanada atas baja Meksiko": the target is marked after the doer
            marked = [(i, m) for i, m in after if m not in agents and m.start > agents[-1].end
                      and oblique(sentence, m) in ("pada", "terhadap", "atas", "kepada", "untuk", "bagi", "ke")
                      and NEAR.match(sentence[agents[-1].end:m.start])]
            if marked:
                return Parties(agents, coordinated(sentence, mentions, marked[0][0], end, stop), False,
                               "passive: doer follows, target marked after it")
        return Parties(agents, targets, False, f"passive: target is the {how}, doer follows")
    if cue.voice == "noun":
        # a mention that contains the noun ("KTT ASEAN") names the noun's owner
        after = [(i, m) for i, m in enumerate(mentions) if m.start <= start < m.end] + after
        parties = _noun_parties(sentence, mentions, start, end, stop, after, cue, sentence[start:end].lower().endswith("nya"))
        if not parties.targets and wish is not None and not sentence[end:wish.start()].strip(" ,"):
            parties.targets = _asked_after(sentence, mentions, wish)  # "menyampaikan harapan agar X ..."
        return parties
    subject, how = clause_subject(sentence, mentions, start)
    objects: list[Mention] = []
    if cue.topic or (cue.mutual and len(countries(codes(subject))) >= 2):
        # "X dan Y bertemu dengan Z": Z is a party too; a bare state after them is a topic or their own
        if len(countries(codes(subject))) < 2 or not cue.topic:
            with_ = [(i, m) for i, m in after if oblique(sentence, m) in ("dengan", "bersama")]
            objects = coordinated(sentence, mentions, with_[0][0], end, stop) if with_ else []
    elif after and not (cue.mutual and len(countries(codes(subject))) >= 2) and (
            not cue.adjacent or NEAR.match(sentence[end:after[0][1].start])):
        # the doer's own people after the verb are what it sends or leads, not its other side: "mengirim 1.000 prajurit
        # TNI ke Lebanon", "memimpin rombongan pengusaha Australia ke Indonesia"
        own = countries(codes(subject))
        first = next(((i, m) for i, m in after if not (cue.mode == "visit" or cue.type in _SENDS)
                      or not (countries(codes([m])) <= own and oblique(sentence, m) is None)), after[0])
        objects = coordinated(sentence, mentions, first[0], end, stop)
    if not objects and cue.type == "THREATEN" and (that := _THAT.match(sentence, end)) is not None:
        # "memperingatkan bahwa Pyongyang akan menghadapi konsekuensi": the one warned is the subject of the clause
        own = countries(codes(subject))
        warned = next((i for i, m in enumerate(mentions) if m.start >= that.end() and m.kind != "pronoun"
                       and NEAR.match(sentence[that.end():m.start]) and oblique(sentence, m, mentions) is None), None)
        if warned is not None and not countries(codes([mentions[warned]])) & own and _CONSEQUENCE.search(
                sentence, mentions[warned].end, right_limit(sentence, mentions[warned].end)):
            # only a warning of what the warned will suffer is a threat; "memperingatkan bahwa penduduk Gaza
            # menghadapi kelaparan" is a forecast
            objects = coordinated(sentence, mentions, warned, that.end(), right_limit(sentence, that.end()))
    if not objects and wish is not None and not sentence[end:wish.start()].strip(" ,"):
        objects = _asked_after(sentence, mentions, wish)
    # "hubungan kedua negara" after a verb names both sides, the doer's own among them: not a target
    own = countries(codes(subject))
    objects = [m for m in objects if m not in subject and not (m.members and countries(list(m.members)) & own)]
    reciprocal = cue.mutual and not objects and len(countries(codes(subject))) >= 2
    parties = Parties(subject, objects, reciprocal, f"active: doer is the {how}" + (", target follows" if objects else ""))
    if objects and (prep := oblique(sentence, objects[0], mentions)) in TARGET_PREPS:
        # "bertemu dengan X, dan pada hari Selasa dengan Y": the same act again with another target
        last = objects[-1].end
        for i, m in after:
            if m.start >= last and oblique(sentence, m) == prep and _AND_WORD.search(sentence[last:m.start]):
                group = coordinated(sentence, mentions, i, end, stop)
                parties.also.append(group)
                last = group[-1].end
    return parties


def _noun_parties(sentence: str, mentions: list[Mention], start: int, end: int, stop: int,
                  after: list[tuple[int, Mention]], cue: Cue, clitic: bool) -> Parties:
    """Parties of a nominal event: "antara X dan Y", "X-Y", a possessor, "dari X untuk Y", or the clause subject."""
    agents: list[Mention] = []
    targets: list[Mention] = []
    how = "noun"
    received = RECEIVE.search(sentence[max(0, start - 30):start])
    far = after
    if after and cue.mutual and (med := _MEDIATED.match(sentence[end:after[0][1].start])) is not None:
        # "menyetujui gencatan senjata yang ditengahi oleh Mesir": the mediator is no party; the clause subject is
        subject, subject_how = clause_subject(sentence, mentions, start)
        return Parties(subject, [], len(countries(codes(subject))) >= 2,
                       f"noun mediated ({med.group(0).strip()!r}); parties are the {subject_how}")
    if after and (done_by := _DONE_BY.match(sentence[end:after[0][1].start])) is not None and not cue.mutual:
        # "veto yang dilakukan AS", "serangan yang dilancarkan oleh Israel": the relative clause names the doer
        return Parties(coordinated(sentence, mentions, after[0][0], end, stop), [], False,
                       f"noun: doer named by {done_by.group(0).strip()!r}")
    if after and not _POSSESSOR_GAP.match(sentence[end:after[0][1].start]) and oblique(sentence, after[0][1]) is None:
        after = []  # a state named further on is not this noun's possessor ("kunjungan itu dilakukan ... antar-Korea")
    if after and not _FEW_WORDS.match(sentence[end:after[0][1].start]):
        after = []  # nor its target ("kunjungan pertamanya ke Asia, yang akan mencakup kunjungan ke Korea Selatan")
    if not after and cue.mutual and (between := next((i for i, m in far if oblique(sentence, m, mentions) in ("antara", "antar")
                                                    and "," not in sentence[end:m.start]
                                                    and not VERBISH.search(sentence, end, m.start)), None)) is not None:
        # "gencatan senjata sementara selama empat hari antara Israel dan Hamas": "antara" names the parties further on
        group_ = coordinated(sentence, mentions, between, end, stop)
        if len(countries(codes(group_))) >= 2:
            return Parties(group_, [], True, "noun: parties after antara, further on")
    if cue.mutual and not after and (inv := _INVOLVING.search(sentence, end, stop)) is not None:
        # "latihan bersama melibatkan prajurit AS dan prajurit TNI AD": the parties are the ones it involves
        named = [m for m in mentions if inv.end() <= m.start < stop]
        if len(countries(codes(named))) >= 2:
            return Parties(named, [], True, "noun: parties it involves")
    if received and not (after and oblique(sentence, after[0][1]) in ("dari", "oleh")):
        # "Pasukan Korea Utara mendapat serangan di Kursk": the subject undergoes it, the doer is not named here
        subject, subject_how = clause_subject(sentence, mentions, start)
        return Parties([], subject, False, f"noun received by the {subject_how}; doer not named")
    if after:
        i, first = after[0]
        prep = oblique(sentence, first)
        group = coordinated(sentence, mentions, i, end, stop)
        rest = [(j, m) for j, m in after if m not in group]
        if prep in ("antara", "antar") or (prep is None and len(countries(codes(group))) >= 2 and cue.mutual):
            return Parties(group, [], True, f"noun: parties {'after ' + prep if prep else 'named with it'}")
        if prep is None and cue.type == "CONSULT" and all(country(c).startswith(("IGO:", "UNO", "EUR")) for c in codes(group)):
            # "menghadiri KTT ASEAN", "sidang Dewan Keamanan PBB": the body hosts, the clause subject takes part
            subject, subject_how = clause_subject(sentence, mentions, start)
            if subject and not countries(codes(subject)) & countries(codes(group)):
                return Parties(subject, group, False, f"noun of a body's meeting; doer is the {subject_how}")
        by = next((j for j, m in rest if oblique(sentence, m) == "oleh"), None) if prep is None else None
        if by is not None and not cue.mutual:
            # "pengusiran kapal X oleh Y": the possessor undergoes the act, "oleh" names its doer
            return Parties(coordinated(sentence, mentions, by, end, stop), group, False,
                           "noun: doer after oleh, its possessor the target")
        if prep is None and cue.mode in PATIENT_MODES and first.kind not in ("country", "capital", "metonym") and not _REASON.search(
                sentence, max(0, start - 40), start):
            # "pengusiran diplomat Rusia", "penangkapan nelayan Vietnam": the people named after the noun undergo it
            # ("pengepungan Israel", a state itself, is the doer)
            targets, how = group, "noun: its possessor undergoes it"
        elif prep == "dari" and _GOODS_FROM.search(sentence, max(0, first.start - 30), first.start):
            # "bea masuk atas produk impor dari Kanada": where the goods come from is hit, not the doer
            targets, how = group, "noun: the origin of the goods it hits is its target"
        elif prep is None or prep in ("oleh", "dari"):
            agents, how = group, f"noun: doer {'after ' + prep if prep else 'is its possessor'}"
            if received and prep == "dari":
                # "Korea Utara mendapatkan dukungan dari Rusia": the receiver is the clause subject
                subject, _ = clause_subject(sentence, mentions, start)
                return Parties(agents, [m for m in subject if m not in agents], False, how + "; received by the clause subject")
            marked_on = [(j, m) for j, m in rest if oblique(sentence, m) in TARGET_PREPS
                      and NEAR.match(sentence[group[-1].end:m.start])]
            if marked_on:
                targets = coordinated(sentence, mentions, marked_on[0][0], end, stop)
        else:
            targets, how = group, f"noun: target after {prep}"
    if not agents:
        if not targets and cue.type in DIRECTED_MATERIAL:
            # "penjualan senjata senilai 2 miliar dolar ke Taiwan": the target may come after a longer object
            marked = next((i for i, m in far if oblique(sentence, m) in TARGET_PREPS and "," not in sentence[end:m.start]), None)
            if marked is not None:
                targets, how = coordinated(sentence, mentions, marked, end, stop), "noun: target marked further on"
        subject_next = cue.mutual and any(NEAR_SUBJECT.match(sentence, m.end, start) for m in mentions if m.end <= start)
        if not targets and not clitic and not subject_next and not LIGHT_VERB.search(sentence[max(0, start - 40):start]):
            return Parties([], [], False, "noun without its own parties and not the object of a light verb")
        if _REASON.search(sentence, max(0, start - 40), start) and not (clitic and _SPOKEN_TOPIC.search(
                sentence, max(0, start - 50), start)):
            return Parties([], targets, False, "noun named as the reason for another act; its doer is not named")
        subject, subject_how = clause_subject(sentence, mentions, start)
        agents = [m for m in subject if m not in targets]
        how += f"; doer is the {subject_how}" if subject_how else ""
        if clitic and not agents and (owner := [m for m in mentions if m.end <= start and m not in targets
                                                 and m.kind not in ("pronoun", "place")]):
            # "disampaikan oleh X dalam kunjungannya ke Finlandia": "-nya" is the last actor named before it
            agents, how = [owner[-1]], how + f"; doer is the owner of -nya ({owner[-1].text!r})"
    if received and targets and agents:
        return Parties(targets, agents, False, how + "; received (roles swapped)")
    if agents and not targets and _SUFFERED.search(sentence, max(0, start - 40), start):
        # "pasukan Indonesia terluka akibat tembakan tank Israel": who suffered it is the clause subject
        subject, subject_how = clause_subject(sentence, mentions, start)
        targets = [m for m in subject if m not in agents]
        how += f"; suffered by the {subject_how}" if targets else ""
    reciprocal = cue.mutual and not targets and len(countries(codes(agents))) >= 2
    return Parties(agents, targets, reciprocal, how)


def location(sentence: str, start: int) -> tuple[str, tuple[str, float, float]] | None:
    """The first place ("di Kaesong", "ke Seoul") the gazetteer knows, after the cue if any, else before it."""
    found = _places(sentence)
    if not found:
        return None
    later = [f for f in found if f[0] >= start]
    _, name, place = (later or found)[0]
    return name, place


@lru_cache(maxsize=64)
def _places(sentence: str) -> tuple[tuple[int, str, tuple[str, float, float]], ...]:
    """The places the gazetteer knows after "di"/"ke" in a sentence, with their positions. Cached: each event of the
    sentence asks."""
    found: list[tuple[int, str, tuple[str, float, float]]] = []
    for m in _PLACE.finditer(sentence):
        words = m[1].rstrip(".,;:'").split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            place = country_of_place(name)
            if place:
                found.append((m.start(), name, place))
                break
    return tuple(found)


def place_after(sentence: str, end: int) -> tuple[str, tuple[str, float, float]] | None:
    """A place named as the object itself ("menduduki wilayah Tepi Barat", "mengunjungi Kaesong")."""
    m = _OBJECT_PLACE.match(sentence, end)
    if not m:
        return None
    words = m[1].rstrip(".,;:'").split()
    for n in range(len(words), 0, -1):
        place = country_of_place(" ".join(words[:n]))
        if place:
            return " ".join(words[:n]), place
    return None
