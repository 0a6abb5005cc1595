"""Recognisers for single lines of page furniture: date stamps, bylines and datelines.

A leaf module shared by the clean stage (which labels such lines) and the metadata stage (which reads them).
Fast compiled patterns handle the formats Indonesian outlets print; dateparser is only a lazy fallback for
date lines the patterns cannot read.
"""

from __future__ import annotations

import re

from kronik.calendar import MONTHS, TIMEZONES, WEEKDAYS
from kronik.rx import Rx

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TZ_ALT = "|".join(sorted(TIMEZONES, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

_DATE = Rx(
    rf"""(?ix)
    (?<![\w/])(?:
        (?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_ALT})\.?,?\s+(?P<y1>(?:19|20)\d\d)        # 14 September 2018, 23 Agu 2021
      | (?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)        # September 14, 2018
      | (?P<y3>(?:19|20)\d\d)(?P<sep>[-./])(?P<n3>\d\d)(?P=sep)(?P<d3>\d\d)                # 2024-06-20, 2023.03.17
      | (?P<d4>\d{{1,2}})[/.-](?P<n4>\d{{1,2}})[/.-](?P<y4>(?:19|20)\d\d)              # 28/03/2018
    )(?![\w/])
    (?:[\s,|–—-]*(?:pukul\s*|jam\s*|T)?(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?!\d)
       (?:\s*(?P<tz>{_TZ_ALT})\b)?)?
    """
)
_WEEKDAY = Rx(rf"(?i)\b({_WEEKDAY_ALT})\b")
_YEAR = Rx(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT = Rx(r"\d")
_SENTENCE_END = Rx(r"[.!?]['\"”’]?\s*$")
_UPDATED = Rx(r"(?i)(?<![a-z])(diperbarui|pembaruan|diperbaharui|update[ds]?|updated|last modified|revisi)\b")
_PUBLISHED = Rx(r"(?i)(?<![a-z])(diterbitkan|dipublikasikan|terbit|published|posted|write|ditulis|tanggal)\b")
_LABEL_TZ = {"write": ("+09:00", frozenset({"KBS World", "KBS"}))}
"""Labels that belong to one known CMS, with the outlets known to print them: KBS World prints 'Write: … Update: …'
in Korean time. Other outlets using the same label get their home zone (or the date alone), not this one."""

_AUTHOR_PATTERNS = (
    Rx(
        r"^(?:(?:redaktur|editor)\s*(?:&|dan)\s*)?(?:penulis|reporter|wartawan|pewarta|kontributor|written by)\s*:\s*(?P<n>[^|,;]+)", re.I
    ),
    Rx(r"^(?:[Oo]leh|OLEH|[Bb]y|BY)\s*:?\s+(?P<n>[A-Z][\w.'-]*(?:\s+(?!diperbarui|diterbitkan|pada|\d)[\w.'-]+){0,4})"),
    Rx(r"^(?P<n>[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,4})\s*,\s*(?:jurnalis|wartawan|reporter|kontributor)\b", re.I),
    Rx(r"^\((?P<n>[A-Z][a-z][\w.'-]*(?:\s[A-Z][\w.'-]*){1,3})\)$"),
    Rx(r"^laporan (?:wartawan|reporter|koresponden|kontributor)\b[^,]*,\s*(?P<n>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})", re.I),
)
_NAME = Rx(r"^[A-Z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){1,4}$")

_DATELINE = Rx(
    r"""(?x)^(?P<dl>
        (?:[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,4}){1,2}|\(?ANTARA\)?|VIVA|VOA)    # outlet alone: KONTAN.CO.ID, jpnn.com
        (?:\s*,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})?                        # , Pyongyang / , JAKARTA
      | [A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*\((?:ANTARA|[A-Za-z0-9]+\.[a-z]{2,4})\)           # Jakarta (ANTARA)
      | [A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?(?=\s*(?:--|—|–))   # Jakarta, CNN Indonesia --
      | [A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s+[-–—]{1,2}\s+[A-Z"“])                        # Jakarta - Menteri
      | [A-Z][A-Z.]{2,}(?:\s[A-Z][A-Z.]{1,}){0,2}                                   # PYONGYANG / NEW YORK
        (?:\s*[,|]\s*[A-Za-z0-9]+(?:\.[A-Za-z]{2,4}){1,2}|\s*\((?:ANTARA|[A-Za-z0-9]+\.[a-z]{2,4})\)
          |\s*,\s*[A-Z][A-Za-z0-9]+(?:\s[A-Z][A-Za-z0-9]+){0,2})?                   # TOKYO, Harian Contoh
    )\s*(?:--?|–|—|\|)\s+(?=\S)"""
)



def iso_date(y: int, mo: int, d: int, hh: str | None = None, mm: str | None = None, ss: str | None = None,
             tz: str | None = None) -> str | None:
    """ISO 8601 for a calendar date (and a time with its zone), None for an impossible date such as 31 February."""
    import datetime as dt

    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if hh is None or tz is None:
        return day.isoformat()
    return f"{day.isoformat()}T{int(hh):02d}:{mm}:{ss or '00'}{tz}"


_LABEL_WORD = Rx(r"([A-Za-z]+)\s*:")


def parse_dates(line: str, default_tz: str | None = None, outlet: str | None = None) -> list[tuple[str, str]]:
    """Every date stamp in one meta line, as (kind, ISO string); kind is 'published', 'updated' or ''.

    The kind comes from the label just before the stamp ('Diperbarui', 'Update:', 'Diterbitkan', 'Write:'). A label
    zone (_LABEL_TZ) applies only when ``outlet`` is one known to print that label; else times without a zone get
    ``default_tz`` (the outlet's home zone) or come back as the date alone.
    """
    out: list[tuple[str, str]] = []
    if not _DIGIT.search(line):  # every stamp holds a digit
        return out
    start = 0
    labels = {w.lower() for w in _LABEL_WORD.findall(line)}
    default_tz = next((tz for label, (tz, who) in _LABEL_TZ.items() if label in labels and outlet in who), default_tz)
    for m in _DATE.finditer(line):
        before = line[start : m.start()]
        start = m.end()
        kind = "updated" if _UPDATED.search(before) else "published" if _PUBLISHED.search(before) else ""
        g = m.groupdict()
        if g["y1"]:
            y, mo, d = int(g["y1"]), MONTHS[g["m1"].lower()], int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), MONTHS[g["m2"].lower()], int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), int(g["n3"]), int(g["d3"])
        else:
            y, mo, d = int(g["y4"]), int(g["n4"]), int(g["d4"])
        tz = TIMEZONES.get((g["tz"] or "").lower())
        if tz is None and g["H"]:
            tz = default_tz
        iso = iso_date(y, mo, d, g["H"], g["M"], g["S"], tz)
        if iso:
            out.append((kind, iso))
    return out


def fallback_date(line: str) -> str | None:
    """dateparser for a date line the fast patterns miss (lazy import: it is slow to load and to run)."""
    import dateparser

    text = _UPDATED.sub(" ", _PUBLISHED.sub(" ", line)).strip(" :-|")
    try:
        when = dateparser.parse(text, languages=["id", "en"], settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises assorted errors (overflow, regex, locale) on odd strings
        return None
    return when.date().isoformat() if when else None


_ASCII_LETTERS = Rx(r"[A-Za-z]+")


def has_month_word(line: str) -> bool:
    """Whether a line names a month (a cue that a date line the patterns missed may still be a date)."""
    return any(w.lower() in MONTHS for w in _ASCII_LETTERS.findall(line))


_LETTERS = Rx(r"[^\W\d_]+")


def looks_like_date_line(line: str) -> bool:
    """A short line that carries a date stamp and little else (not a body sentence or a headline with a date).

    Besides the date it must show a time, a weekday, a 'published/updated' label, or almost nothing else.
    A stamp and a year both hold a digit, so a line without one is no date line: a cheap search before the
    patterns that try every position. The cue patterns run only when the outcome depends on them.
    """
    if len(line) > 140 or not _DIGIT.search(line) or _SENTENCE_END.search(line):
        return False
    stamp = _DATE.search(line)
    if not stamp:
        return len(line) <= 60 and bool(_YEAR.search(line)) and has_month_word(line) and _has_cue(line)
    rest = len(_LETTERS.findall(_WEEKDAY.sub(" ", _DATE.sub(" ", line))))
    return rest <= 10 and (bool(stamp.group("H")) or rest <= 2 or _has_cue(line))


def _has_cue(line: str) -> bool:
    """A weekday or a 'published/updated' label: what makes a short line with a date a date line."""
    return bool(_WEEKDAY.search(line) or _UPDATED.search(line) or _PUBLISHED.search(line))



_NAME_TAIL = Rx(r"\s+(?:diperbarui|diterbitkan|pada|-|–|\|)\s*")
"""What may follow an author's name on a byline: a date label or a separator."""


def find_authors(lines: list[str]) -> list[str]:
    """Author names from byline lines: 'Penulis: X', 'oleh X', 'X , Jurnalis', or a name above a lone 'Penulis'."""
    authors: list[str] = []
    for i, line in enumerate(lines):
        name = None
        for pat in _AUTHOR_PATTERNS:
            m = pat.search(line)
            if m:
                name = m.group("n")
                break
        if name is None and line.strip().lower() in {"penulis", "reporter", "wartawan"} and i > 0:
            prev = lines[i - 1].strip()
            name = prev if _NAME.match(prev) and not _DATE.search(prev) else None
        if name:
            name = _NAME_TAIL.split(name.strip(), maxsplit=1)[0].strip(" ,-|")
            if name and name not in authors and len(name) <= 60:
                authors.append(name)
    return authors


_OUTLET_PART = Rx(r"(?i)^(?:\(?antara\)?|viva|voa|[\w-]+(?:\.[a-z]{2,4}){1,2})$")
_DATELINE_PARTS = Rx(r"[,(|]")


def dateline_place(dateline: str) -> str | None:
    """The place of a dateline, without its outlet: 'TOKYO, Berita.com' and 'Berita.com, Tokyo' -> the city.

    Indonesian datelines put the place first ('Jakarta, CNN Indonesia'); a part that looks like a host or a
    news agency is the outlet wherever it stands; a dateline that is only an outlet has no place.
    """
    parts = [p.strip(" ()") for p in _DATELINE_PARTS.split(dateline) if p.strip(" ()")]
    places = [p for p in parts if not _OUTLET_PART.match(p)]
    return places[0] if places else None


def split_dateline(text: str) -> tuple[str | None, str]:
    """'PYONGYANG - Media …' -> ('PYONGYANG', 'Media …'); text without a dateline comes back unchanged."""
    m = _DATELINE.match(text)
    if not m or len(m.group("dl")) > 50:
        return None, text
    return m.group("dl").strip(), text[m.end() :]
