"""Event coding stage: Article -> list[Event], with a trace that `kronik explain` prints.

Sentence by sentence over the article body: the actors module finds the state actors, a cue lexicon
(data/event_cues.tsv, expanded with Indonesian affixes) finds the event words, and a few clause rules
decide who did what to whom: the subject before an active verb is the doer and the first party after
it the target; a di-/ter- passive swaps them; a noun ("pertemuan", "serangan") takes its parties from
"antara X dan Y", a possessor, "dari X untuk Y" or the clause subject; "X dan Y <cue>" is reciprocal.
Status words near the cue (akan, belum, jika ...) and the nearest date expression finish the event.
Mentions of one real-world event are then merged, and anything without two distinct states is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from kronik.actors import DocumentActors, Mention
from kronik.calendar import date_span as _span
from kronik.datafiles import rows as _data_lines
from kronik.dates import Anchor, DateExpr, anchor_date, find_dates, word_pattern
from kronik.gazetteer import country_of_place, is_igo
from kronik.gazetteer import party as _country
from kronik.model import Article, Event
from kronik.plover import plover
from kronik.sentences import split
from kronik.settings import Settings

# ---------------------------------------------------------------- lexicon


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
    then: re.Pattern[str] | None


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


def _r_prefix(stem: str, prefix: str) -> str:
    """ber-/per- lose their r before r and before a first syllable in -er (berunding, bekerja)."""
    return (prefix[:-1] if stem.startswith("r") or re.match(r"[^aeiou]er", stem) else prefix) + stem


def inflect(stem: str, form: str) -> tuple[str, str]:
    """The surface form and voice of ``stem`` under an affix pattern of event_cues.tsv."""
    if form.startswith("!"):
        word = form[1:].replace("_", " ")
        voice = "passive" if word.startswith(("di", "ter")) else "active" if word.startswith(("me", "be")) else "noun"
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
def lexicon() -> tuple[dict[str, list[Cue]], re.Pattern[str]]:
    """Every cue surface form (lower case) with its readings, the most specific following word first
    ("mendukung sanksi" is SANCTION, plain "mendukung" SUPPORT), and one pattern finding them, longest first."""
    cues: dict[str, list[Cue]] = {}
    for row in _data_lines("event_cues.tsv"):
        stem, forms, type_, mode, frame, then = (row + [""] * 6)[:6]
        flags = set(frame.split(","))
        then_rx = re.compile(rf"^(?:[^\w]+[\w.-]+){{0,4}}?[^\w]+(?:{then})", re.IGNORECASE) if then else None
        for form in forms.split():
            surface, voice = inflect(stem, form)
            cues.setdefault(surface.lower(), []).append(Cue(
                surface.lower(), stem, type_, mode or None, voice, "mutual" in flags, "host" in flags, "topic" in flags,
                "governs" in flags, "adjacent" in flags, then_rx))
    for readings in cues.values():
        readings.sort(key=lambda c: -len(c.then.pattern) if c.then else 1)
    return cues, re.compile(rf"(?<![\w-])(?:{word_pattern(sorted(cues))})(?:nya)?(?![\w-])", re.IGNORECASE)



# ---------------------------------------------------------------- clause rules

_SPEECH = (r"mengatakan|menyatakan|menambahkan|menegaskan|menjelaskan|mengungkapkan|melaporkan|menyebutkan|"
           r"mengklaim|mengonfirmasi|mengumumkan|menilai|memandang|berpendapat|menyampaikan")
_LEFT_BOUNDARY = re.compile(
    rf"\b(?:{_SPEECH})\b\s*,?|[;:\"“”]|\.\s|\s[-–—]\s|\b(?:bahwa|sementara|sedangkan|tetapi|tapi|namun|ketika|sewaktu|saat|"
    r"setelah|sebelum|karena|sehingga|meskipun|walaupun|padahal|agar|supaya|sambil|seraya)\b", re.IGNORECASE)
"""Where the clause of a cue begins: a speech verb or conjunction opens a new clause with its own subject."""
_RIGHT_BOUNDARY = re.compile(  # where the search for a target stops
    r"[;:\"“”]|\.\s|\s[-–—]\s|,\s*(?:kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|tambah|sebut|lanjut|papar|terang)\w*\b|"
    r"\b(?:bahwa|sementara|sedangkan|tetapi|tapi|namun|ketika|sewaktu|saat|setelah|sebelum|karena|sehingga|meskipun|"
    r"walaupun|padahal|sambil|seraya)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r",?[\"”’']?\s*(?:kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|tambah|sebut|lanjut|papar|terang)\w*\s+$",
                          re.IGNORECASE)
_PREP = (r"dari|dengan|kepada|terhadap|ke|oleh|atas|untuk|bagi|pada|di|antara|antar|melawan|tentang|mengenai|menurut|"
         r"menuju|bersama|sama")
_PREP_BEFORE = re.compile(rf"\b({_PREP})\s*-?\s*(?:(?:depan|dekat|sekitar|luar|dalam|sekeliling)\s+(?:gedung\s+)?)?"
                          r"(?:pihak\s+|para\s+|warga\s+|rakyat\s+)?$", re.IGNORECASE)
_COORD_GAP = re.compile(r"^\s*(?:yang\s+[\w-]+\s*)?,?\s*(?:dan|serta|maupun|atau|&)\s+(?:juga\s+)?$|^\s*[-–/]?\s*$", re.IGNORECASE)
"""What may stand between two coordinated parties: "dan", "serta", a hyphen ("AS-Korea Selatan"); a bare comma
may be an apposition ("pernyataan kedua negara, Beijing dan Seoul"), so it is not enough."""
_RELATIVE = re.compile(r"^\s*,?\s*(?:[\w-]+\s+)?yang\b[^,]*$", re.IGNORECASE)
_RECEIVE = re.compile(r"\b(?:mendapat|mendapatkan|menerima|memperoleh|meraih|menuai)\s+(?:\w+\s+)?$", re.IGNORECASE)
_THEN_BEFORE = 60
_POSSESSOR_GAP = re.compile(
    rf"^\s*(?:(?!(?:me|di|ber|ter|yang|adalah|ini|itu|tersebut)\w*\b|(?:{_PREP})\b)[\w-]+\s+){{0,3}}$", re.IGNORECASE)
_LIGHT_VERB = re.compile(
    r"\b(?:mengadakan|menggelar|melakukan|melangsungkan|menyelenggarakan|menghadiri|memulai|melanjutkan|mengakhiri|"
    r"menjalin|memberikan|memberi|mengirimkan|mengirim|menyampaikan|mengeluarkan|melancarkan|meluncurkan|menjatuhkan|"
    r"membuat|menuai|mendapat|mendapatkan|menerima|memperoleh|mengadopsi|mengesahkan|meloloskan|mengumumkan|menyetujui|terlibat)\s+[\"“]?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE)
_ANAPHORIC_TIME = re.compile(
    r"^\W*(?:sebagai\s+balasan(?:nya)?|setelah\s+itu|sesudah\s+itu|sejak\s+itu|saat\s+itu|ketika\s+itu|pada\s+saat\s+itu|"
    r"kala\s+itu|waktu\s+itu|kemudian|selanjutnya|(?:dalam|selama|di\s+sela)\s+(?:pertemuan|kunjungan|pembicaraan|KTT|"
    r"lawatan|acara)\s+(?:itu|tersebut|ini))\b", re.IGNORECASE)
"""A sentence opening that places its event at the time of the one before ("Sebagai balasan, ...", "Ketika itu")."""
_THING_BEFORE = re.compile(
    r"\b(?:sanksi|resolusi|piagam|keputusan|aturan|hukum|konvensi|mandat|markas|sidang|forum|konferensi|rapat|majelis|"
    rf"gedung)(?:[\s-]+(?!(?:{_PREP})\b)\w+)?\s+$", re.IGNORECASE)
_NOUN_STATUS = re.compile(
    r"(?:\s+(?!yang\b)[\w-]+){0,6}?\s+(?:(?P<plan>akan|bakal|dijadwalkan|direncanakan|rencananya)|"
    r"(?P<neg>batal|dibatalkan|ditunda|urung))\b", re.IGNORECASE)
_NEAR_SUBJECT = re.compile(r"\s+(?:(?:juga|telah|sudah|pun|lalu|kemudian|akhirnya|justru|bahkan|segera|baru)\s+){0,2}$",
                           re.IGNORECASE)
"""Between a subject and its verb: only adverbs."""
_IN_ROLE = re.compile(r"\b(?:peran|peranan|keterlibatan|kontribusi|keberhasilan|kegagalan)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_THING_RELATIVE = re.compile(r"\s*,\s*yang\s+(?:(?:juga|telah|lalu|kemudian|pun)\s+)?$", re.IGNORECASE)
"""", yang <verb>" after something that is not an actor: the relative clause's subject is that thing."""
_MISSION = re.compile(r"\b(?:kedutaan(?:\s+besar)?|kedubes|konsulat(?:\s+jenderal)?|kantor\s+perwakilan)\b[^,.;]*$",
                      re.IGNORECASE)
_TOPIC_BEFORE = re.compile(r"\b(?:urusan|masalah|isu|program|krisis|denuklirisasi|gencatan\s+senjata|bukan\s+anggota)"
                           r"(?:\s+(?:nuklir|rudal|senjata))?\s+$", re.IGNORECASE)
"""Before a state named as the topic of talks, not a party ("pertemuan perwakilan urusan nuklir Korea Utara"), or
as what others are not members of ("negara-negara yang bukan anggota ASEAN")."""
_INVOLVING = re.compile(r"\b(?:melibatkan|diikuti(?:\s+oleh)?|mempertemukan)\s+", re.IGNORECASE)
_FRONTED = re.compile(r"\W*(?:(?:pada|dalam|di\s+sela(?:-sela)?|usai|seusai|setelah|sesudah|saat|ketika|selama|menjelang|"
                      r"sebelum)\s+)?",
                      re.IGNORECASE)
"""Before a cue that opens the sentence: "Mengecam ..., PM Kishida ...", "Pada pertemuan dengan X, Presiden Y ..."."""
_NOUN_PLANNED = re.compile(r"(?:\s+[\w-]+){0,2}?\s+yang\s+(?P<plan>akan|direncanakan|dijadwalkan|rencananya)\b", re.IGNORECASE)
"""A meeting described as ahead ("KTT yang direncanakan dengan Korea Selatan")."""
_FEW_WORDS = re.compile(r"^\W*(?:[\w-]+\W+){0,4}$")
_NEAR = re.compile(r"^\W*(?:[\w-]+\W+){0,2}$")
"""At most two words apart: a bare doer after a passive verb, or a target right after that doer."""
_RESPONSES = frozenset({"REJECT", "CONCEDE", "ACCUSE", "SUPPORT"})
_JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT"})
_SAME_ACT = re.compile(r"\b(?:tindakan|langkah|aksi|operasi|keputusan)\b", re.IGNORECASE)
"""A judgement of "serangan tersebut" or "tindakan itu" is aimed at the doer of the act just reported; of
"kebijakan itu" (the thing the act was about) it is not."""
_RESPONSE_OBJECT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:itu|tersebut)\b", re.IGNORECASE)
"""An object that points back ("menolak permintaan tersebut", "membantah tuduhan itu")."""
_NO_OTHER_SIDE = frozenset({"fewer than two distinct states", "no target found"})
_RESOLUTION = re.compile(r"\bresolusi\b", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:itu|tersebut|ini)\b", re.IGNORECASE)
"""A subject that points back ("Resolusi itu", "Langkah tersebut") rather than naming someone new."""
_DESIRE = re.compile(r"\b(?:ingin|menginginkan|berharap|mengharapkan|berkeinginan|bersedia|mau|berupaya|berusaha|"
                     r"mengupayakan|mencoba)\b", re.IGNORECASE)
"""Words of wanting and trying: what follows them has not happened ("Korea Utara ingin AS ...", "berupaya memulai")."""
_SPORTS = re.compile(
    r"\b(?:timnas|tim\s+nasional|pertandingan|laga|gol|piala|liga|klub|pelatih|turnamen|stadion|atlet|pebulu\s*tangkis|"
    r"pesepak\s*bola|sepak\s*bola|olimpiade|kejuaraan|medali|skuad|kickoff|babak\s+(?:pertama|kedua|final))\b", re.IGNORECASE)
"""Sports vocabulary: "Timnas Jepang menyerang gawang Korea Selatan" is a match, not an attack."""
_NEED = re.compile(r"\b(?:perlu|perlunya|pentingnya|merasa\s+perlu|saatnya|waktunya)\s+(?:untuk\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
"""Said to be needed, not done ("perlunya pelonggaran sanksi", "perlu untuk bertemu")."""
_WISH = re.compile(r"\b(?:agar|supaya|bahwa)\b", re.IGNORECASE)
_CONSEQUENCE = re.compile(
    r"\b(?:konsekuensi|akibatnya|balasan|pembalasan|tindakan\s+(?:tegas|keras|balasan)|respons\s+(?:tegas|keras|militer)|"
    r"(?:membayar|harga)\s+(?:yang\s+)?mahal|menyesal)", re.IGNORECASE)
"""What a threat promises the one warned ("akan menghadapi konsekuensi", "akan membayar mahal")."""
_THAT = re.compile(r"\s*,?\s*bahwa\s+", re.IGNORECASE)
_PURPOSE = re.compile(r"\b(?:untuk|agar|supaya|guna|demi)\s+(?:dapat\s+|bisa\s+|segera\s+)?(?:me|ber|di|ter)[a-z]{3,}",
                      re.IGNORECASE)
"""A purpose clause ("untuk membahas ..."): what it names is a topic, not a party of the event before it."""
_TARGET_PREPS = frozenset({"dengan", "ke", "kepada", "terhadap", "atas", "untuk", "bagi", "pada", "melawan", "menuju"})
"""Prepositions that mark the target of a nominal event ("serangan Israel ke Gaza", "bantuan untuk Palestina")."""
_AHEAD = re.compile(r"\b(?:mendatang|depan|besok|nanti)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:kami|kita|saya|aku|anda)\b", re.IGNORECASE)
_VERBISH = re.compile(r"\b(?:me|di|ber|ter)[a-z]{3,}", re.IGNORECASE)

# status words just before the cue (negation within two words, the others a little further back)
_NEGATED = re.compile(
    r"\b(?:tidak|tak|belum|batal|membatalkan|dibatalkan|gagal|bukan|tanpa|urung|menghentikan|menangguhkan|menunda)\b"
    r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:jika|bila|apabila|kalau|seandainya|andai|bisa|dapat|mungkin|kemungkinan|berpotensi|diperkirakan|"
    r"ingin|berharap|mengharapkan|siap|bersedia)\b(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
_PLANNED = re.compile(
    r"\b(?:akan|bakal|hendak|niat|niatnya|berniat|bermaksud|menjelang|berencana|rencana|rencananya|direncanakan|"
    r"mempersiapkan|menyiapkan|merencanakan|bersiap|persiapan|dijadwalkan|terjadwal|berjanji|segera|mendatang)\b"
    r"(?:\s+\S+){0,6}\s*$", re.IGNORECASE)
_PLACE_NAME = r"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s+(?:selatan|utara|timur|barat|tengah)\b)?)"
"""Capitalised words, and a compass word the press writes in lower case ("Lebanon selatan", "Gaza utara")."""
_OBJECT_PLACE = re.compile(rf"\s+(?:[a-z]+\s+){{0,2}}?{_PLACE_NAME}")
_PLACE = re.compile(rf"\b(?:di|ke)\s+(?:kota\s+|ibu\s*kota\s+|wilayah\s+|kawasan\s+|provinsi\s+|pulau\s+)?{_PLACE_NAME}")


def _codes(mentions: list[Mention]) -> list[str]:
    """Actor codes of mentions in order, group references expanded to their members, without repeats."""
    out: list[str] = []
    for m in mentions:
        for code in m.members or (m.code,):
            if code and code not in out:
                out.append(code)
    return out


def _countries(codes: list[str]) -> set[str]:
    return {_country(c) for c in codes}


def _owner_of_thing(sentence: str, m: Mention) -> bool:
    """True for a state or body named as the owner of a document or venue ("sanksi PBB", "sidang Majelis Umum PBB");
    deeper in the clause than the act's own object ("mengkritik tes itu ... melanggar sanksi PBB") it is not its target."""
    return bool(_THING_BEFORE.search(sentence[max(0, m.start - 25):m.start]))


def _oblique(sentence: str, m: Mention, mentions: list[Mention] | None = None) -> str | None:
    """The preposition right before a mention ("dengan Korea Selatan" -> "dengan"), or None for a bare noun phrase.

    Given the sentence's mentions, a coordinated mention takes the preposition of its group ("antara X dan Y").
    """
    if mentions:
        i = mentions.index(m)
        while i > 0 and _COORD_GAP.match(sentence[mentions[i - 1].end:mentions[i].start]):
            i -= 1
        m = mentions[i]
    hit = _PREP_BEFORE.search(sentence[max(0, m.start - 30):m.start])
    return hit[1].lower() if hit else None


def _group(sentence: str, mentions: list[Mention], i: int, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """The mention at i with its coordinated neighbours ("AS dan Korea Selatan", "Inggris, China, Prancis")."""
    hi = len(sentence) if hi is None else hi
    first = last = i
    while first > 0 and mentions[first - 1].start >= lo and _COORD_GAP.match(sentence[mentions[first - 1].end:mentions[first].start]):
        first -= 1
    while (last + 1 < len(mentions) and mentions[last + 1].end <= hi
           and _COORD_GAP.match(sentence[mentions[last].end:mentions[last + 1].start])):
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


_SCARE_QUOTES = re.compile(r"[\"“]\s*[\w-]+(?:\s+[\w-]+){0,2}\s*[\"”]")
"""A quoted word or three inside a clause ('mengadakan "pembicaraan sukses" dengan Xi'): no clause boundary."""


@lru_cache(maxsize=64)
def _scare_quotes(sentence: str) -> frozenset[int]:
    """Positions of the quote marks of scare quotes."""
    return frozenset(p for m in _SCARE_QUOTES.finditer(sentence) for p in (m.start(), m.end() - 1))


@lru_cache(maxsize=64)
def _left_boundaries(sentence: str) -> tuple[int, ...]:
    quotes = _scare_quotes(sentence)
    return tuple(b.end() for b in _LEFT_BOUNDARY.finditer(sentence) if b.start() not in quotes)


def _left_limit(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins."""
    ends = _left_boundaries(sentence)
    k = bisect_right(ends, pos) - 1
    return ends[k] if k >= 0 else 0


@lru_cache(maxsize=64)
def _right_boundaries(sentence: str) -> tuple[int, ...]:
    quotes = _scare_quotes(sentence)
    return tuple(b.start() for b in _RIGHT_BOUNDARY.finditer(sentence) if b.start() not in quotes)


def _right_limit(sentence: str, pos: int) -> int:
    """Where the search for a target after ``pos`` stops."""
    starts = _right_boundaries(sentence)
    k = bisect_left(starts, pos)
    return starts[k] if k < len(starts) else len(sentence)


def _subject(sentence: str, mentions: list[Mention], pos: int) -> tuple[list[Mention], str]:
    """The clause subject before ``pos``: a relative clause's head, else the leftmost bare noun phrase of the
    clause, else the subject of the clause before (an elided subject), else the speaker of ", kata X"."""
    lo = _left_limit(sentence, pos)
    if (front := _RESPONDING.match(sentence)) is not None and 0 < (comma := sentence.find(",", front.end())) < pos:
        lo = max(lo, comma + 1)  # "Sebagai balasan atas uji coba Korea Utara, Jepang ...": the subject follows
    before = [(i, m) for i, m in enumerate(mentions) if m.end <= pos]
    if (rel := _THING_RELATIVE.search(sentence, max(0, pos - 40), pos)) is not None and not any(
            m.end == rel.start() for _, m in before):
        # "... rencana peluncuran antara 31 Mei dan 11 Juni, yang mendorong Tokyo ...": the doer is that plan
        return [], ""
    if before:
        i, m = before[-1]
        if _IN_ROLE.search(sentence, max(0, m.start - 30), m.start) and re.fullmatch(r"\s+dalam\s+", sentence[m.end:pos]):
            # "peran aktif Korea Utara dalam mendukung upaya perang Rusia": the one whose part it is
            return _group(sentence, mentions, i), "owner of the part played"
        if _RELATIVE.match(sentence[m.end:pos]) and m.start >= 0:
            return _group(sentence, mentions, i), "head of the relative clause"
    in_clause = [(i, m) for i, m in before if m.start >= lo and (
        _oblique(sentence, m, mentions) is None
        # "Personel militer dari Korea Utara ... diserang": a nationality inside the clause's first noun phrase
        or (_oblique(sentence, m, mentions) == "dari" and not _VERBISH.search(sentence[lo:m.start])))]
    if in_clause:
        i, m = in_clause[-1]
        if len(in_clause) > 1 and _NEAR_SUBJECT.match(sentence, m.end, pos) and _VERBISH.search(sentence, lo, m.start):
            # "terpecah tentang bagaimana menangani Korea Utara dan pada Mei, China dan Rusia memveto ...": the
            # earlier state is the object of another verb; the one right before this verb is its subject
            first = _group(sentence, mentions, i, lo, pos)[0]
            if _VERBISH.search(sentence, lo, first.start) and not _COORD_GAP.match(sentence[in_clause[0][1].end:first.start]):
                return _group(sentence, mentions, i, lo, pos), "subject right before the verb"
        return _group(sentence, mentions, in_clause[0][0], lo, pos), "subject of the clause"
    earlier = [(i, m) for i, m in before if m.start < lo and _oblique(sentence, m, mentions) is None]
    if earlier and not _FIRST_PERSON.search(sentence[lo:pos]):
        # the subject of the nearest clause before that has one ("Rusia mengatakan ..., tapi Kim disebut ... setelah")
        nearest = _left_limit(sentence, earlier[-1][1].start)
        i = next(i for i, m in earlier if m.start >= nearest)
        return _group(sentence, mentions, i, 0, lo), "subject carried over from the main clause"
    for i, m in enumerate(mentions):
        if m.start >= pos and _ATTRIBUTION.search(sentence[max(0, m.start - 30):m.start]):
            return _group(sentence, mentions, i), "speaker of the quote"
    comma = sentence.find(", ", pos)
    if not before and comma > 0 and _FRONTED.fullmatch(sentence, 0, pos):
        # "Mengecam peluncuran rudal Korea Utara, PM Kishida mengatakan ...": the subject follows the fronted clause
        for i, m in enumerate(mentions):
            if m.start > comma and _oblique(sentence, m, mentions) is None:
                return _group(sentence, mentions, i), "subject after the fronted clause"
    return [], ""


def _after(mentions: list[Mention], start: int, end: int) -> list[tuple[int, Mention]]:
    return [(i, m) for i, m in enumerate(mentions) if m.start >= start and m.end <= end]


def _parties(sentence: str, mentions: list[Mention], start: int, end: int, cue: Cue) -> Parties:
    """Apply the clause rules of the cue's voice; the result may still lack a side (checked by the caller)."""
    stop = _right_limit(sentence, end)
    wish = _WISH.search(sentence, end, stop) if cue.type == "REQUEST" else None
    if wish is not None:
        stop = wish.start()  # "menyerukan agar penduduk negara itu ...": who is asked comes before "agar"
    if cue.type != "REJECT" and (purpose := _PURPOSE.search(sentence, end, stop)) is not None and not (
            cue.type == "AID" and _HELP.match(sentence, purpose.start())):
        stop = purpose.start()  # "bertemu di Jakarta untuk membahas krisis Myanmar": Myanmar is a topic, not a party
    after = [(i, m) for i, m in _after(mentions, end, stop)
             if (cue.mode == "visit" or _oblique(sentence, m) != "di") and not _TOPIC_BEFORE.search(sentence, max(0, m.start - 30), m.start)
             and not (_owner_of_thing(sentence, m) and (cue.type == "SANCTION" or _VERBISH.search(sentence, end, m.start))
                      and not (cue.voice == "noun" and _NEAR.match(sentence[end:m.start])))]
    if cue.voice == "passive":
        targets, how = _subject(sentence, mentions, start)
        by = next(((i, m) for i, m in after if _oblique(sentence, m) == "oleh"),
                  next(((i, m) for i, m in after if _oblique(sentence, m) is None and _NEAR.match(sentence[end:m.start])), None))
        agents = _group(sentence, mentions, by[0], end, stop) if by else []
        targets = [m for m in targets if m not in agents]
        if cue.mutual and not (agents and targets):
            # "saluran dengan Korsel dibuka kembali", "dibuka atas persetujuan Moon dan Kim": one joint act
            lo = _left_limit(sentence, start)
            with_ = [m for m in mentions if lo <= m.start < start and _oblique(sentence, m, mentions) in ("dengan", "antara")]
            parties = [m for k, m in enumerate(agents + targets + with_) if m not in (agents + targets + with_)[:k]]
            return Parties(parties, [], len(_countries(_codes(parties))) >= 2, "passive of a joint act: all parties named")
        if not targets and agents:
            # "tarif yang dikenakan AS pada barang-barang Cina": the target is marked after the doer
            marked = [(i, m) for i, m in after if m not in agents and m.start > agents[-1].end
                      and _oblique(sentence, m) in ("pada", "terhadap", "atas", "kepada", "untuk", "bagi", "ke")
                      and _NEAR.match(sentence[agents[-1].end:m.start])]
            if marked:
                return Parties(agents, _group(sentence, mentions, marked[0][0], end, stop), False,
                               "passive: doer follows, target marked after it")
        return Parties(agents, targets, False, f"passive: target is the {how}, doer follows")
    if cue.voice == "noun":
        # a mention that contains the noun ("KTT ASEAN") names the noun's owner
        after = [(i, m) for i, m in enumerate(mentions) if m.start <= start < m.end] + after
        return _noun_parties(sentence, mentions, start, end, stop, after, cue, sentence[start:end].lower().endswith("nya"))
    subject, how = _subject(sentence, mentions, start)
    objects: list[Mention] = []
    if cue.topic or (cue.mutual and len(_countries(_codes(subject))) >= 2):
        # "X dan Y bertemu dengan Z": Z is a party too; a bare state after them is a topic or their own
        if len(_countries(_codes(subject))) < 2 or not cue.topic:
            with_ = [(i, m) for i, m in after if _oblique(sentence, m) in ("dengan", "bersama")]
            objects = _group(sentence, mentions, with_[0][0], end, stop) if with_ else []
    elif after and not (cue.mutual and len(_countries(_codes(subject))) >= 2) and (
            not cue.adjacent or _NEAR.match(sentence[end:after[0][1].start])):
        # a visitor's own party after the verb ("memimpin rombongan pengusaha Australia ke Indonesia") is not the host
        own = _countries(_codes(subject))
        first = next(((i, m) for i, m in after if cue.mode != "visit"
                      or not (_countries(_codes([m])) <= own and _oblique(sentence, m) is None)), after[0])
        objects = _group(sentence, mentions, first[0], end, stop)
    if not objects and cue.type == "THREATEN" and (that := _THAT.match(sentence, end)) is not None:
        # "memperingatkan bahwa Pyongyang akan menghadapi konsekuensi": the one warned is the subject of the clause
        own = _countries(_codes(subject))
        warned = next((i for i, m in enumerate(mentions) if m.start >= that.end() and m.kind != "pronoun"
                       and _NEAR.match(sentence[that.end():m.start]) and _oblique(sentence, m, mentions) is None), None)
        if warned is not None and not _countries(_codes([mentions[warned]])) & own and _CONSEQUENCE.search(
                sentence, mentions[warned].end, _right_limit(sentence, mentions[warned].end)):
            # only a warning of what the warned will suffer is a threat; "memperingatkan bahwa penduduk Gaza
            # menghadapi kelaparan" is a forecast
            objects = _group(sentence, mentions, warned, that.end(), _right_limit(sentence, that.end()))
    if not objects and wish is not None and not sentence[end:wish.start()].strip(" ,"):
        # "menyerukan agar Israel segera menghentikan ...": with nobody named before "agar", its subject is asked
        asked = next((i for i, m in enumerate(mentions) if m.start >= wish.end() and m.kind != "pronoun"
                      and not sentence[wish.end():m.start].strip()), None)
        objects = _group(sentence, mentions, asked, wish.end(), _right_limit(sentence, wish.end())) if asked is not None else []
    # "hubungan kedua negara" after a verb names both sides, the doer's own among them: not a target
    own = _countries(_codes(subject))
    objects = [m for m in objects if m not in subject and not (m.members and _countries(list(m.members)) & own)]
    reciprocal = cue.mutual and not objects and len(_countries(_codes(subject))) >= 2
    parties = Parties(subject, objects, reciprocal, f"active: doer is the {how}" + (", target follows" if objects else ""))
    if objects and (prep := _oblique(sentence, objects[0], mentions)) in _TARGET_PREPS:
        # "bertemu dengan X, dan pada hari Selasa dengan Y": the same act again with another target
        last = objects[-1].end
        for i, m in after:
            if m.start >= last and _oblique(sentence, m) == prep and re.search(r"\b(?:dan|serta)\b", sentence[last:m.start]):
                group = _group(sentence, mentions, i, end, stop)
                parties.also.append(group)
                last = group[-1].end
    return parties


def _noun_parties(sentence: str, mentions: list[Mention], start: int, end: int, stop: int,
                  after: list[tuple[int, Mention]], cue: Cue, clitic: bool) -> Parties:
    """Parties of a nominal event: "antara X dan Y", "X-Y", a possessor, "dari X untuk Y", or the clause subject."""
    agents: list[Mention] = []
    targets: list[Mention] = []
    how = "noun"
    received = _RECEIVE.search(sentence[max(0, start - 30):start])
    far = after
    if after and not _POSSESSOR_GAP.match(sentence[end:after[0][1].start]) and _oblique(sentence, after[0][1]) is None:
        after = []  # a state named further on is not this noun's possessor ("kunjungan itu dilakukan ... antar-Korea")
    if after and not _FEW_WORDS.match(sentence[end:after[0][1].start]):
        after = []  # nor its target ("kunjungan pertamanya ke Asia, yang akan mencakup kunjungan ke Korea Selatan")
    if cue.mutual and not after and (inv := _INVOLVING.search(sentence, end, stop)) is not None:
        # "latihan bersama melibatkan prajurit AS dan prajurit TNI AD": the parties are the ones it involves
        named = [m for m in mentions if inv.end() <= m.start < stop]
        if len(_countries(_codes(named))) >= 2:
            return Parties(named, [], True, "noun: parties it involves")
    if received and not (after and _oblique(sentence, after[0][1]) in ("dari", "oleh")):
        # "Pasukan Korea Utara mendapat serangan di Kursk": the subject undergoes it, the doer is not named here
        subject, subject_how = _subject(sentence, mentions, start)
        return Parties([], subject, False, f"noun received by the {subject_how}; doer not named")
    if after:
        i, first = after[0]
        prep = _oblique(sentence, first)
        group = _group(sentence, mentions, i, end, stop)
        rest = [(j, m) for j, m in after if m not in group]
        if prep in ("antara", "antar") or (prep is None and len(_countries(_codes(group))) >= 2 and cue.mutual):
            return Parties(group, [], True, f"noun: parties {'after ' + prep if prep else 'named with it'}")
        if prep is None and cue.type == "CONSULT" and all(_country(c).startswith(("IGO:", "UNO", "EUR")) for c in _codes(group)):
            # "menghadiri KTT ASEAN", "sidang Dewan Keamanan PBB": the body hosts, the clause subject takes part
            subject, subject_how = _subject(sentence, mentions, start)
            if subject and not _countries(_codes(subject)) & _countries(_codes(group)):
                return Parties(subject, group, False, f"noun of a body's meeting; doer is the {subject_how}")
        if prep is None or prep in ("oleh", "dari"):
            agents, how = group, f"noun: doer {'after ' + prep if prep else 'is its possessor'}"
            if received and prep == "dari":
                # "Korea Utara mendapatkan dukungan dari Rusia": the receiver is the clause subject
                subject, _ = _subject(sentence, mentions, start)
                return Parties(agents, [m for m in subject if m not in agents], False, how + "; received by the clause subject")
            marked = [(j, m) for j, m in rest if _oblique(sentence, m) in _TARGET_PREPS
                      and _NEAR.match(sentence[group[-1].end:m.start])]
            if marked:
                targets = _group(sentence, mentions, marked[0][0], end, stop)
        else:
            targets, how = group, f"noun: target after {prep}"
    if not agents:
        if not targets and cue.type in _DIRECTED_MATERIAL:
            # "penjualan senjata senilai 2 miliar dolar ke Taiwan": the target may come after a longer object
            marked = next((i for i, m in far if _oblique(sentence, m) in _TARGET_PREPS and "," not in sentence[end:m.start]), None)
            if marked is not None:
                targets, how = _group(sentence, mentions, marked, end, stop), "noun: target marked further on"
        subject_next = cue.mutual and any(_NEAR_SUBJECT.match(sentence, m.end, start) for m in mentions if m.end <= start)
        if not targets and not clitic and not subject_next and not _LIGHT_VERB.search(sentence[max(0, start - 40):start]):
            return Parties([], [], False, "noun without its own parties and not the object of a light verb")
        if _REASON.search(sentence, max(0, start - 40), start):
            return Parties([], targets, False, "noun named as the reason for another act; its doer is not named")
        subject, subject_how = _subject(sentence, mentions, start)
        agents = [m for m in subject if m not in targets]
        how += f"; doer is the {subject_how}" if subject_how else ""
    if received and targets and agents:
        return Parties(targets, agents, False, how + "; received (roles swapped)")
    if agents and not targets and _SUFFERED.search(sentence, max(0, start - 40), start):
        # "pasukan Indonesia terluka akibat tembakan tank Israel": who suffered it is the clause subject
        subject, subject_how = _subject(sentence, mentions, start)
        targets = [m for m in subject if m not in agents]
        how += f"; suffered by the {subject_how}" if targets else ""
    reciprocal = cue.mutual and not targets and len(_countries(_codes(agents))) >= 2
    return Parties(agents, targets, reciprocal, how)


def _status(sentence: str, start: int, end: int, noun: bool, date: DateExpr | None) -> tuple[str, str]:
    """occurred, planned, negated or hypothetical, from the words just before the cue, a date said to be ahead,
    or for a noun the verb that follows it ("KTT itu akan digelar", "kunjungan itu dibatalkan")."""
    if noun and (m := _NOUN_STATUS.match(sentence, end) or _NOUN_PLANNED.match(sentence, end)) is not None:
        return ("negated" if m.groupdict().get("neg") else "planned"), m.group(0).strip()
    window = sentence[_left_limit(sentence, start):start]
    if (m := _NEGATED.search(window)) is not None:
        return "negated", m.group(0).strip()
    if (m := _HYPOTHETICAL.search(window)) is not None:
        return "hypothetical", m.group(0).strip()
    if (m := _PLANNED.search(window)) is not None:
        return "planned", m.group(0).strip()
    if date and _AHEAD.search(date.text):
        return "planned", date.text
    return "occurred", ""


def _pick_date(dates: list[DateExpr], start: int, end: int, sentence: str) -> DateExpr | None:
    """The event date nearest the cue, preferring its own clause; a quoted source's date is never the event's."""
    usable = [d for d in dates if d.value and not d.reporting]
    if not usable:
        return None
    lo, hi = _left_limit(sentence, start), _right_limit(sentence, end)
    own = [d for d in usable if d.start >= lo and d.end <= hi] or usable
    return min(own, key=lambda d: start - d.end if d.end <= start else max(0, d.start - end))


def _location(sentence: str, start: int) -> tuple[str, tuple[str, float, float]] | None:
    """The first place ("di Kaesong", "ke Seoul") the gazetteer knows, after the cue if any, else before it."""
    found: list[tuple[int, str, tuple[str, float, float]]] = []
    for m in _PLACE.finditer(sentence):
        words = m[1].rstrip(".,;:'").split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            place = country_of_place(name)
            if place:
                found.append((m.start(), name, place))
                break
    if not found:
        return None
    later = [f for f in found if f[0] >= start]
    _, name, place = (later or found)[0]
    return name, place


# ---------------------------------------------------------------- trace


@dataclass(slots=True)
class Candidate:
    """One cue occurrence and what became of it: an event, or the reason it was dropped."""

    start: int
    end: int
    text: str
    cue: Cue
    parties: Parties | None = None
    status: str = "occurred"
    status_why: str = ""
    date: str | None = None
    date_why: str = ""
    fallback: bool = False
    """True when the date is only the article's (no date expression in or before the sentence)."""
    event: Event | None = None
    dropped: str | None = None


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


def _cue_hits(sentence: str) -> list[tuple[int, int, Cue]]:
    cues, pattern = lexicon()
    hits: list[tuple[int, int, Cue]] = []
    for m in pattern.finditer(sentence):
        key = re.sub(r"[\s-]+", " ", m.group(0).lower())
        for cue in cues.get(key) or cues[key[:-3]]:
            if cue.then is None or cue.then.match(sentence[m.end():m.end() + 60]) or (
                    cue.voice == "passive" and cue.then.search(" " + sentence[max(0, m.start() - _THEN_BEFORE):m.start()])):
                hits.append((m.start(), m.end(), cue))
                break
    return hits


def _governed(hits: list[tuple[int, int, Cue]], sentence: str) -> set[int]:
    """Indices of cues inside the complement of a governing cue ("sepakat untuk membuka ...") in the same clause."""
    inside: set[int] = set()
    for i, (_, e, cue) in enumerate(hits):
        if not cue.governs or cue.voice == "noun":
            continue
        stop = _right_limit(sentence, e)
        # "menyetujui penjualan senjata ke Taiwan": a material act approved or agreed is itself the event
        inside.update(j for j, (s2, _, c2) in enumerate(hits) if j > i and s2 < stop and not (
            cue.type == "AGREE" and c2.voice == "noun" and c2.type in _MATERIAL and not sentence[e:s2].strip()))
    for i, (_, e, _) in enumerate(hits):
        # "bertemu untuk membahas ...": the purpose of an act is not an act of its own
        stop = _right_limit(sentence, e)
        purpose = _PURPOSE.search(sentence, e, stop)
        if purpose is not None:
            inside.update(j for j, (s2, _, _) in enumerate(hits) if j > i and purpose.start() <= s2 < stop)
    return inside


_HELP = re.compile(r"(?:untuk|guna|demi)\s+(?:membantu|mendukung|memperkuat|menopang)\b", re.IGNORECASE)
"""Aid sent "untuk membantu Rusia": the purpose names who receives it."""
_ANSWERS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION"})
_RESPONDING = re.compile(r"\W*(?:menanggapi|merespons|merespon|menyikapi|sebagai\s+(?:respons|tanggapan|balasan)\s+(?:atas|terhadap))\b",
                         re.IGNORECASE)
"""A fronted phrase naming what the act answers ("Menanggapi pelanggaran oleh Tiongkok, ...")."""
_AND_THEN = re.compile(r"[^,;]*\b(?:dan|serta|lalu|kemudian)\s+$", re.IGNORECASE)
_DIRECTED_MATERIAL = frozenset({"AID", "SANCTION", "ASSAULT", "COERCE"})
_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "SANCTION"})
_AT_PLACE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_SANCTION_ACT = re.compile(r"\b(?:sanksi|keputusan|langkah|tindakan)\b", re.IGNORECASE)
"""What a judgement of a sanction just told of calls it ("mengecam sanksi itu", "menolak keputusan tersebut")."""
_RETALIATE = re.compile(r"\b(?:membalas|balasan|pembalasan|tindakan\s+balasan|langkah\s+balasan)\b", re.IGNORECASE)
_CAUSE_CLAUSE = re.compile(r"\b(?:setelah|menyusul|usai|seusai|karena|akibat|"
                           r"sebagai\s+(?:respons|tanggapan|reaksi)\s+(?:atas|terhadap))\s+", re.IGNORECASE)
"""Opens a clause that tells why forces were sent ("setelah kapal China masuk")."""
_SHARES_TARGET = frozenset({"THREATEN", "ACCUSE", "REJECT"})
"""A verb with no target of its own after "X <verb> Y dan ..." by the same doer: aimed at Y too."""
"""Types whose target, when not named, is the state where they happen ("menyerbu rumah sakit di Gaza",
"latihan militer di sekitar Taiwan")."""
_WHERE = re.compile(r"\b(?:di|ke)\s+(?:(?:sekitar|dekat|sekeliling|perairan|wilayah|lepas\s+pantai|perbatasan|selatan|utara|"
                    r"timur|barat|sembilan|beberapa|sejumlah|berbagai|\w+\s+lokasi|lokasi|target|sasaran)\s+){0,2}$", re.IGNORECASE)
"""Before a state named as where an act happens ("di sekitar Taiwan", "ke sembilan lokasi di Pakistan")."""
_CALL_FOR_PEACE = re.compile(r"\b(?:gencatan\s+senjata|perdamaian|de-?eskalasi|penghentian\s+(?:perang|serangan|kekerasan|"
                             r"permusuhan)|akses\s+bantuan)\b", re.IGNORECASE)
"""A call for a ceasefire or peace "di Gaza" is addressed to the state of that place."""
_SETTING = re.compile(r"\b(?:(?:di\s+)?sela(?:-sela)?|desa|zona|garis|jalur)\s+$", re.IGNORECASE)
"""Before a noun cue these make it the setting of another act or part of a place name ("di sela-sela KTT G20",
"desa gencatan senjata Panmunjeom"), not an event of its own."""
_SUFFERED = re.compile(r"\b(?:terluka|tewas|meninggal|cedera|luka-luka|rusak|hancur|terbunuh)\s+(?:\w+\s+)?(?:akibat|karena|oleh|"
                       r"dalam|terkena)\s+$", re.IGNORECASE)
_REASON = re.compile(r"\b(?:karena|akibat|atas|terkait|menyusul|soal|mengenai|tentang|(?:respons|tanggapan|balasan)\s+"
                     r"(?:atas|terhadap))\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
"""Before a noun cue these make it the reason for the clause's act: its doer is not the clause subject
("mengecam China atas penangkapan nelayannya", "sanksi karena penjualan senjata ke Taiwan")."""
_CARGO = re.compile(r"\b(?:pesawat|kapal|bantuan|paket|kargo|jenazah|truk)\b", re.IGNORECASE)
"""Subjects that arrive without visiting anyone: an aid flight landing in Egypt, a submarine calling at Busan."""


def _place_after(sentence: str, end: int) -> tuple[str, tuple[str, float, float]] | None:
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


def _visit_place(sentence: str, start: int, end: int, parties: Parties, mentions: list[Mention]) -> None:
    """A visit with no named host ("tiba di Seoul", "kunjungan ke Jepang") is hosted by the state of its place;
    an attack or seizure with no named target hits the state where it happens."""
    own = _countries(_codes(parties.agents))
    found = _place_after(sentence, end) or _location(sentence, start)
    if found and found[1][0] and found[1][0] not in own:
        name, (code, _, _) = found
        pos = sentence.find(name)
        parties.targets = [Mention(pos, pos + len(name), name, code, "place", f"place {name!r} -> {code} (gazetteer)")]
        parties.how += "; the other side is the state of the place"
        return
    # "serangan rudal ke sembilan lokasi di Pakistan": a state named as where it happens
    stop = _right_limit(sentence, end)
    there = next((m for m in mentions if end <= m.start < stop and not m.members and "," not in sentence[end:m.start]
                  and _WHERE.search(sentence, max(0, m.start - 30), m.start) and _country(m.code) not in own), None)
    if found is None and there is not None:
        parties.targets = [there]
        parties.how += "; the other side is the state where it happens"


def _protest_at_mission(sentence: str, mentions: list[Mention], start: int, parties: Parties) -> None:
    """A crowd demonstrating at a state's embassy ("unjuk rasa di depan Kedutaan Besar Malaysia, Jakarta") or burning
    its flag: the people of the state where it happens protest against the state of the mission or flag."""
    stop = _right_limit(sentence, start)
    flags = [m for m in mentions if sentence[max(0, m.start - 8):m.start].lower().endswith("bendera ")]
    if parties.agents and not all(m in flags for m in parties.agents):
        return
    mission = next((m for m in mentions if start <= m.start < stop and not m.members and (
        m in flags or _MISSION.search(sentence, max(0, m.start - 40), m.end))), None)
    place = _location(sentence, start)
    # no place named: an Indonesian report's crowd outside an embassy is in Indonesia
    host = place[1][0] if place and place[1][0] else next((m.code[:3] for m in mentions if m.kind == "capital"), "IDN")
    if mission is None or not host or host == _country(mission.code):
        return
    parties.agents = [Mention(start, start, "", host + "CVL", "place", f"protesters in {host}")]
    parties.targets = [mission]
    parties.how += "; protesters in the host state against the state of the mission"


def _make_event(c: Candidate, sentence: str, location: tuple[str, tuple[str, float, float]] | None) -> Event:
    p = c.parties
    assert p is not None
    agents, targets = (p.targets, p.agents) if c.cue.host else (p.agents, p.targets)
    actors = _codes(agents)
    recipients = [code for code in _codes(targets) if _country(code) not in _countries(actors)]
    info = plover().get((c.cue.type, c.cue.mode)) or plover()[(c.cue.type, None)]
    return Event(
        actors=actors, recipients=[] if p.reciprocal else recipients, type=c.cue.type, mode=c.cue.mode, status=c.status,
        date=c.date, location=location[0] if location else None, sentence=sentence,
        actor_text="; ".join(m.text for m in agents) or None, recipient_text="; ".join(m.text for m in targets) or None,
        quad=info.quad, cameo=info.cameo, intensity=info.score,
        location_country=(location[1][0] or None) if location else None,
        latitude=location[1][1] if location else None, longitude=location[1][2] if location else None)


def _finish(c: Candidate, sentence: str, dates: list[DateExpr], anchor: Anchor, previous: DateExpr | None,
            where: tuple[int, int]) -> None:
    """Check the candidate's parties, then give it a date (nearest ``where``), status, place and event."""
    p = c.parties
    assert p is not None
    actors = _codes(p.agents)
    targets = [t for t in _codes(p.targets) if _country(t) not in _countries(actors)]
    if not actors:
        c.dropped = "no doer found"
        return
    if len(_countries(actors) | _countries(targets)) < 2:
        c.dropped = "fewer than two distinct states"
        return
    if not targets and not p.reciprocal:
        c.dropped = "no target found"
        return
    picked = _pick_date(dates, where[0], where[1], sentence)
    if picked:
        c.date, c.date_why = picked.value, f"{picked.text!r} in the sentence"
    elif previous is not None and _ANAPHORIC_TIME.match(sentence):
        c.date, c.date_why = previous.value, f"{previous.text!r} of the sentence the connective refers back to"
    elif anchor.value:
        # a report's lead event happens on its date; a background event is rarely dated more precisely
        c.date, c.date_why, c.fallback = anchor.value, "no date in the sentence: the article date", True
    c.status, c.status_why = _status(sentence, c.start, c.end, c.cue.voice == "noun", picked)
    c.event = _make_event(c, sentence, _location(sentence, where[0]))


def _stem_core(stem: str) -> str:
    """The part of a root that survives the nasal prefixes ("tembak" in "penembakan": "embak")."""
    stem = stem.lower()
    return stem[1:] if stem[0] in "kpts" and len(stem) > 4 else stem


def _code_sentence(sentence: str, mentions: list[Mention], dates: list[DateExpr], anchor: Anchor,
                   previous: DateExpr | None, last_doer: list[Mention], sports: bool, last_stem: str = "",
                   issuer: list[Mention] | None = None,
                   last_act: tuple[list[Mention], str, str] | None = None,
                   last_blow: tuple[list[Mention], list[Mention]] | None = None) -> list[Candidate]:
    """Code one sentence; ``last_doer`` is the doer of the event just before (``last_stem`` its cue's stem), for a
    target with no named doer; ``issuer`` the doer of the latest event told of together with a resolution;
    ``last_act`` the doer, stem and type of the latest act the document told of, coded or not (a launch with no target);
    ``last_blow`` the doer and target of the latest sanction, attack or coercion coded;
    in a sports report (``sports``) cues are shown but not coded."""
    hits = _cue_hits(sentence)
    governed = _governed(hits, sentence)
    sports = sports or bool(hits and _SPORTS.search(sentence))
    out: list[Candidate] = []
    for i, (start, end, cue) in enumerate(hits):
        c = Candidate(start, end, sentence[start:end], cue)
        out.append(c)
        if i in governed:
            c.dropped = "inside the complement of an earlier cue (wanted or asked for, not done)"
            continue
        if sports:
            c.dropped = "sports report: teams and players are not states acting"
            continue
        if cue.voice == "noun" and _SETTING.search(sentence, max(0, start - 20), start):
            c.dropped = "the setting of another act or part of a place name, not an event"
            continue
        c.parties = _parties(sentence, mentions, start, end, cue)
        # from the doer (or the clause start) to the cue: "Korea Utara menginginkan ... sebelum memulai perundingan"
        lo = min([m.start for m in c.parties.agents if m.end <= start] + [_left_limit(sentence, start)])
        if (wish := _DESIRE.search(sentence, lo, start) or _NEED.search(sentence, max(0, start - 40), start)) is not None:
            c.dropped = f"only wished for or attempted ({wish.group(0)!r}), not done"
            continue
        if cue.mode == "visit" and cue.stem == "tiba" and _CARGO.search(sentence, _left_limit(sentence, start), start):
            c.dropped = "a shipment or aircraft arriving, not a visit"
            continue
        if (cue.mode == "visit" or cue.type in _AT_PLACE or (
                cue.type == "REQUEST" and _CALL_FOR_PEACE.search(sentence, end, _right_limit(sentence, end)))) and (
                not c.parties.targets and c.parties.agents):
            _visit_place(sentence, start, end, c.parties, mentions)
        if cue.type == "PROTEST":
            _protest_at_mission(sentence, mentions, start, c.parties)
        if cue.type in _ANSWERS and c.parties.agents and not c.parties.targets and (
                fronted := _RESPONDING.match(sentence)) is not None:
            # "Menanggapi pelanggaran oleh Tiongkok ini, Kemlu mengirim protes keras": aimed at the one it answers
            own = _countries(_codes(c.parties.agents))
            comma = sentence.find(",", fronted.end(), start)
            c.parties.targets = [m for m in mentions if fronted.end() <= m.start and m.end <= comma
                                 and _country(m.code) not in own and not m.members][:1] if comma > 0 else []
            c.parties.how += "; target named in the fronted phrase it answers" if c.parties.targets else ""
        if (cue.type == "MOBILIZE" and cue.voice == "passive" and not c.parties.agents and c.parties.targets
                and (why := _CAUSE_CLAUSE.search(sentence, end)) is not None):
            # "Kapal perang TNI AL dikerahkan ke Natuna setelah kapal China masuk": the forces sent are their
            # state's doing, aimed at the one whose act the reason clause tells of
            own = _countries(_codes(c.parties.targets))
            cause = next((m for m in mentions if m.start >= why.end() and m.kind != "pronoun"
                          and not _countries(_codes([m])) & own), None)
            if cause is not None:
                c.parties.agents, c.parties.targets = c.parties.targets, [cause]
                c.parties.how += "; the forces sent are the doer's, target named in the reason clause"
        if not c.parties.agents and c.parties.targets and last_doer and cue.voice != "noun" and not (
                _countries(_codes(last_doer)) & _countries(_codes(c.parties.targets))) and (
                cue.voice == "passive" or _ANAPHOR.search(sentence, _left_limit(sentence, start), start)):
            # "Resolusi itu juga melarang Korea Utara ...", "Pyongyang juga diperingatkan ...": the doer is
            # the one of the event just before
            c.parties.agents = last_doer
            c.parties.how += "; doer carried over from the event before"
        if (cue.type in _RESPONSES and c.parties.agents and not c.parties.targets and last_doer
                and (obj := _RESPONSE_OBJECT.match(sentence, end)) is not None
                and (cue.type not in _JUDGEMENTS or _SAME_ACT.search(obj.group(0)) or (last_stem and last_stem in obj.group(0)))
                and not _countries(_codes(last_doer)) & _countries(_codes(c.parties.agents))):
            # "NATO menolak permintaan tersebut": the answer goes to whoever made the request just before
            c.parties.targets = last_doer
            c.parties.how += "; target is the doer of the event it answers"
        if (cue.type in _RESPONSES and c.parties.agents and not c.parties.targets and issuer
                and (obj := _RESPONSE_OBJECT.match(sentence, end)) is not None and _RESOLUTION.search(obj.group(0))
                and not _countries(_codes(issuer)) & _countries(_codes(c.parties.agents))):
            # "Indonesia menyambut baik resolusi tersebut": aimed at the body that adopted the resolution
            c.parties.targets = issuer
            c.parties.how += "; target is the body that adopted the resolution"
        if (cue.type in _JUDGEMENTS and c.parties.agents and not c.parties.targets and last_act
                and (obj := _RESPONSE_OBJECT.match(sentence, end)) is not None
                and (_stem_core(last_act[1]) in obj.group(0).lower()
                     or (last_act[2] == "SANCTION" and _SANCTION_ACT.search(obj.group(0))))
                and not _countries(_codes(last_act[0])) & _countries(_codes(c.parties.agents))):
            # "Korea Utara meluncurkan rudal ... Korsel dan Jepang mengecam peluncuran tersebut": aimed at the launcher
            c.parties.targets = last_act[0]
            c.parties.how += "; target is the doer of the act it judges"
        if (cue.type in _SHARES_TARGET and c.parties.agents and not c.parties.targets and (done := [
                d for d in out[:-1] if d.event is not None and d.parties is not None and d.parties.targets
                and d.parties.agents == c.parties.agents]) and _AND_THEN.match(sentence, done[-1].end, start)
                and _left_limit(sentence, start) <= done[-1].start):
            # "Iran mengecam sanksi tersebut dan mengancam akan membalas": the threat is aimed where the judgement was
            c.parties.targets = done[-1].parties.targets
            c.parties.how += f"; target shared with {done[-1].text!r} before it"
        if (cue.type == "THREATEN" and c.parties.agents and not c.parties.targets and last_blow
                and _RETALIATE.search(sentence, end, min(len(sentence), _right_limit(sentence, end) + 40))
                and _countries(_codes(last_blow[1])) & _countries(_codes(c.parties.agents))
                and not _countries(_codes(last_blow[0])) & _countries(_codes(c.parties.agents))):
            # "Moskow mengancam akan membalas" after a sanction on Russia: aimed at whoever imposed it
            c.parties.targets = last_blow[0]
            c.parties.how += "; target is the doer of the act it threatens to answer"
        _finish(c, sentence, dates, anchor, previous, (start, end))
        if c.event is not None and c.status == "occurred" and (done := [d for d in out[:-1] if d.event is not None]) and (
                done[-1].status != "occurred" and _AND_THEN.match(sentence, done[-1].end, start)
                and _left_limit(sentence, start) <= done[-1].start):
            # "berencana mengunjungi X dan bertemu dengan Y": the second verb shares the first one's status
            c.status, c.status_why = done[-1].status, f"shares the status of {done[-1].text!r}"
            c.event.status = c.status
        for group in c.parties.also:
            extra = Candidate(start, end, sentence[start:end], cue, Parties(
                c.parties.agents, group, False, c.parties.how + "; a further target of the same act"))
            out.append(extra)
            _finish(extra, sentence, dates, anchor, previous, (group[0].start, group[-1].end))
    return out


def _compatible(a: str | None, b: str | None, days: int) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    slack = dt.timedelta(days=days)
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
    if _countries(a.actors + a.recipients) != _countries(b.actors + b.recipients):
        return False
    if a.type in _SYMMETRIC and "visit" not in (a.mode, b.mode):
        return True  # "X mengadakan pembicaraan dengan Y" and "Y ... dengan X" are one meeting
    return not a.recipients or not b.recipients or _countries(a.actors) == _countries(b.actors)


def _people(mentions: list[Mention]) -> frozenset[str]:
    """The named people among a side's mentions, as the actors module resolved them."""
    return frozenset(m.person for m in mentions if m.person)


def _merge(found: list[tuple[Event, bool, frozenset[str]]], days: int) -> tuple[list[Event], list[tuple[Event, Event]]]:
    """One event per real-world event. Each event comes with whether its date is only the article's date (such an
    event may join one of a more specific mode; the merged event keeps the better-attested date and mode) and the
    people who did it (two different named people doing the same thing are two events)."""
    kept: list[tuple[Event, bool, frozenset[str]]] = []
    merged: list[tuple[Event, Event]] = []
    for ev, fallback, people in found:
        k = next((n for n, (twin, twin_fallback, twin_people) in enumerate(kept)
                  if _same_event(twin, ev, fallback or twin_fallback)
                  and _dates_fit(twin, twin_fallback, ev, fallback, days)
                  and not (people and twin_people and not people & twin_people)), None)
        if k is None:
            kept.append((ev, fallback, people))
            continue
        twin, twin_fallback, twin_people = kept[k]
        if (twin_fallback and not fallback) or (twin.date is None and ev.date):
            twin.date = ev.date
            kept[k] = (twin, fallback, twin_people | people)
        twin.mode = twin.mode or ev.mode
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
    anchor = anchor_date(article.published, article.reference_date, article.paragraphs)
    sports = sum(len(_SPORTS.findall(p)) for p in article.paragraphs) >= 3
    actors = DocumentActors(anchor.day)
    previous: DateExpr | None = None
    last_doer: list[Mention] = []
    last_stem = ""
    issuer: list[Mention] = []
    last_act: tuple[list[Mention], str, str] | None = None
    last_blow: tuple[list[Mention], list[Mention]] | None = None
    sentences: list[SentenceTrace] = []
    found: list[tuple[Event, bool, frozenset[str]]] = []
    for p, paragraph in enumerate(article.paragraphs):
        for sentence in (piece for whole in split(paragraph) for piece in _pieces(whole)):
            mentions = actors.mentions(sentence)
            if not mentions:  # no state named: no event, and its dates are not worth the time
                sentences.append(SentenceTrace(p, sentence, mentions, [], []))
                last_doer = []
                continue
            dates = find_dates(sentence, anchor.day)
            candidates = _code_sentence(sentence, mentions, dates, anchor, previous, last_doer, sports, last_stem, issuer, last_act,
                                         last_blow)
            coded = [c for c in candidates if c.event is not None and c.parties is not None]
            if coded and _RESOLUTION.search(sentence) and not coded[0].cue.host and all(
                    is_igo(m.code) for m in coded[0].parties.agents):
                issuer = coded[0].parties.agents
            for c in candidates:
                if c.parties is not None and c.parties.agents and not c.cue.host and (
                        c.event is not None or c.dropped in _NO_OTHER_SIDE):
                    last_act = (c.parties.agents, c.cue.stem.split()[0], c.cue.type)
            for c in coded:
                if c.cue.type in _DIRECTED_MATERIAL and not c.cue.host and c.parties.targets:
                    last_blow = (c.parties.agents, c.parties.targets)
            if coded:
                actors.note_pair(coded[-1].event.actors + coded[-1].event.recipients)
            last_doer = (coded[-1].parties.targets if coded[-1].cue.host else coded[-1].parties.agents) if coded else []
            last_stem = coded[-1].cue.stem.split()[0] if coded else ""
            usable = [d for d in dates if d.value and not d.reporting]
            previous = usable[-1] if usable else previous
            sentences.append(SentenceTrace(p, sentence, mentions, dates, candidates))
            found.extend((c.event, c.fallback, _people(c.parties.targets if c.cue.host else c.parties.agents))
                         for c in candidates if c.event is not None and c.parties is not None)
    events, merged = _merge(found, settings.event_cluster_days)
    return DocumentTrace(anchor.day, sentences, events, merged)


def code_events(article: Article, settings: Settings) -> list[Event]:
    """The article's events between states, one per real-world event."""
    return trace(article, settings).events
