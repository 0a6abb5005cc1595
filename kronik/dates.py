"""Event dates: find Indonesian date expressions in a sentence and resolve them against the article date.

Values are ISO strings as precise as the text allows: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an
interval ``start/end`` ("pekan lalu" is that Monday-Sunday week). Relative words ("kemarin", "April lalu",
"Sabtu") need a reference date; without one they stay unresolved rather than guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from kronik.calendar import MONTHS, WEEKDAYS
from kronik.rx import Rx


def word_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes so that matching stays
    fast with hundreds of words; a space in a word matches any run of spaces or hyphens."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        optional = "" in node
        branches = [(r"[\s-]+" if ch == " " else re.escape(ch)) + pattern(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return pattern(tree)


def caseless(text: str) -> str | None:
    """``text`` in lower case, where a pattern of lower-case words finds without IGNORECASE exactly what it finds in
    ``text`` with it (and at the same places), else None. Matching without IGNORECASE is about twice as fast. Lower case
    keeps each character's place and its class (word, space, digit); a letter is an a-z letter in lower case exactly
    when IGNORECASE takes it for one, except dotless ı and long ſ (read as i and s) and İ (two characters in lower
    case)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and "ı" not in text and "ſ" not in text else None


_MONTH_WORDS = word_pattern(sorted(m for m in MONTHS if len(m) > 2))
_WEEKDAY_WORDS = word_pattern(sorted(w for w in WEEKDAYS if w.isascii()))
_NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
            "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12}
_NUMBER_WORDS = word_pattern(sorted(_NUMBERS))

_PAST = r"(?:lalu|kemarin|silam|sebelumnya|yang\s+lalu)"
_FUTURE = r"(?:mendatang|depan|nanti|yang\s+akan\s+datang)"

# One alternation, tried left to right; the named group says which form matched.
_PATTERN = Rx(
    rf"""
    (?P<range>\b(?P<rd1>\d{{1,2}})\s*(?:-|–|hingga|sampai|s\.d\.?)\s*(?P<rd2>\d{{1,2}})\s+(?P<rmon>{_MONTH_WORDS})\b\.?(?:\s+(?P<ryear>\d{{4}}))?)
  | (?P<paren>(?:\b(?P<pwd>{_WEEKDAY_WORDS})\b\s*(?:pagi|siang|sore|malam|dini\s+hari)?\s*,?\s*)?
        \(\s*(?P<pd>\d{{1,2}})\s*/\s*(?P<pm>\d{{1,2}})(?:\s*/\s*(?P<py>\d{{2}}|\d{{4}}))?\s*\))
  | (?P<dmy>(?:\b(?P<dwd>{_WEEKDAY_WORDS})\b\s*,?\s*)?\b(?:tanggal\s+)?(?P<dd>\d{{1,2}})\s+(?P<dmon>{_MONTH_WORDS})\b\.?
        (?:\s*,?\s*(?P<dy>\d{{4}})\b|\s+(?P<dfut>{_FUTURE})\b|\s+(?P<dpast>{_PAST})\b)?)
  | (?P<my>\b(?:bulan\s+)?(?P<mmon>{_MONTH_WORDS})\s+(?:tahun\s+)?(?P<myear>\d{{4}})\b)
  | (?P<mty>\b(?:(?:pertengahan|awal|akhir)\s+)?(?:bulan\s+)?(?P<tmon>{_MONTH_WORDS})\s+tahun\s+
        (?P<tw>lalu|kemarin|silam|ini|depan|mendatang)\b)
  | (?P<mrel>\b(?:(?:pertengahan|awal|akhir)\s+)?(?:bulan\s+)?(?P<rmon2>{_MONTH_WORDS})\s+
        (?:(?P<mpast>{_PAST})|{_FUTURE})\b)
  | (?P<mbare>(?:\bpada\s+(?:(?:pertengahan|awal|akhir)\s+)?(?:bulan\s+)?|\bbulan\s+)(?P<bmon>{_MONTH_WORDS})\b
        (?!\s+(?:tahun\s+)?\d{{4}}|\s+tahun\s+\w|\s+{_PAST}|\s+{_FUTURE}))
  | (?P<nago>\b(?P<nn>\d{{1,2}}|{_NUMBER_WORDS}|se)\s*(?P<nunit>hari|pekan|minggu|bulan|tahun)\s+(?:yang\s+)?(?:lalu|silam)\b)
  | (?P<rel>\b(?P<runit>pekan|minggu|bulan|tahun)\s+(?P<rwhich>lalu|kemarin|silam|ini|depan|mendatang)\b)
  | (?P<kemarin>\bkemarin\b)
  | (?P<today>\bhari\s+ini\b)
  | (?P<besok>\b(?:besok|esok\s+hari)\b)
  | (?P<year>\b(?:pada\s+(?:tahun\s+)?|tahun\s+|sejak\s+)(?P<yy>(?:19|20)\d{{2}})\b)
  | (?P<weekday>\b(?P<wwd>{_WEEKDAY_WORDS})\b(?:\s+(?P<wpast>lalu|kemarin)|\s+(?P<wfut>depan|mendatang|nanti))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SINCE = Rx(r"\bsejak\s+(?:tanggal\s+|hari\s+|bulan\s+)?$", re.IGNORECASE)
_UNTIL = Rx(r"^\s*(?:hingga|sampai(?:\s+dengan)?|s\.d\.?|-|–)\s*(?:hari\s+|tanggal\s+)?$", re.IGNORECASE)
_BETWEEN = Rx(r"\bantara\s+(?:tanggal\s+|bulan\s+)?$", re.IGNORECASE)
_REPORTING = Rx(r"[,\"”]\s*(?:kata|ujar|ucap|tutur|papar|imbuh|tegas)(?:nya)?\b[^,.;]*,?\s*$|"
                r"\b(?:mengutip|dikutip|melansir|dilansir|dilaporkan|seperti\s+dikutip|menurut\s+laporan|"
                r"(?:keterangan|pernyataan|siaran)\s+(?:tertulis|pers|resmi)|diterima\s+(?:di|oleh)|"
                r"(?i:menurut)\s+(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)?\s*\(?)[^,.;]*,?\s*$",
                re.IGNORECASE)
"""Before a date, a citation of the source ("dilansir AFP", "Menurut CNN (9/4/2025)", "dalam keterangan tertulis
yang diterima di Jakarta, Senin", '..., kata Retno kepada wartawan (24/2)'): the report's date, not the event's."""
_DEADLINE = Rx(r"\b(?:paling\s+lambat|selambat-lambatnya|batas\s+waktu(?:nya)?|tenggat(?:\s+waktu)?)"
               r"(?:\s+(?:pada|hingga|sampai|tanggal|hari))?\s*$", re.IGNORECASE)
"""Before a date, a deadline: the time something must be done by."""
_FUTURE_CUE = Rx(r"\b(?:akan|dijadwalkan|berencana|rencananya|mendatang|hendak)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a sentence, with its resolved ISO value (None where unresolvable)."""

    start: int
    end: int
    text: str
    value: str | None
    reporting: bool = False
    """True for the date a source was quoted on ("dikutip dari AFP, Jumat (14/9)"), not an event date."""
    deadline: bool = False
    """True for a deadline ("paling lambat pada Jumat (21/3)"): when something must be done by, not when it was."""

    @property
    def usable(self) -> bool:
        """Resolved, and the time of an act rather than of a report or a deadline."""
        return bool(self.value) and not self.reporting and not self.deadline


_ISO = Rx(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_iso(value: str | None) -> dt.date | None:
    """The first day of an ISO date/month/year string, or None."""
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week(monday: dt.date) -> str:
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, with a day past the month's end ("31/11", a common slip) read as its last day."""
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):
        return None
    return dt.date(y, m, min(d, calendar.monthrange(y, m)[1]))


_AHEAD_SLACK_DAYS = 14
"""A day and month without year or future word is read as at most this long after the report."""


def _infer_year(month: int, day: int, ref: dt.date | None, weekday: int | None, direction: int) -> dt.date | None:
    """The year for a day-month without one, near the reference (none without one): the weekday decides between the
    neighbouring years if given, else the occurrence nearest the reference.

    direction -1 keeps the date on or before the reference, +1 on or after, 0 takes the nearest.
    """
    if ref is None:
        return None  # a weekday fits some year in every seven: without the page's own date there is no ground for one
    if weekday is not None:
        # news reports the past: take the latest year whose calendar fits, not later than shortly after the reference;
        # only the neighbouring years count
        limit = ref + dt.timedelta(days=60 if direction > 0 else 7)
        for year in range(limit.year, limit.year - 2, -1):
            d = _safe_date(year, month, day)
            if d and d <= limit and d.weekday() == weekday:
                return d
    options = [d for d in (_safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if direction < 0:
        options = [d for d in options if d <= ref + dt.timedelta(days=1)] or options
    elif direction > 0:
        options = [d for d in options if d >= ref - dt.timedelta(days=1)] or options
    else:
        # news tells of what has happened: a date well after the report needs a word that it lies ahead
        options = [d for d in options if d <= ref + dt.timedelta(days=_AHEAD_SLACK_DAYS)] or options
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def _month_relative(month: int, ref: dt.date | None, direction: int) -> str | None:
    """"April lalu" (direction -1) is the latest April before the reference month; "Oktober mendatang" (+1) the next one."""
    if ref is None:
        return None
    if direction < 0:
        year = ref.year if month < ref.month else ref.year - 1
    elif direction > 0:
        year = ref.year if month >= ref.month else ref.year + 1
    else:
        year = ref.year if month <= ref.month else ref.year - 1
    return _month(year, month)


def _shift_month(ref: dt.date, n: int) -> str:
    total = ref.year * 12 + ref.month - 1 + n
    return _month(total // 12, total % 12 + 1)


def _resolve(m: re.Match[str], ref: dt.date | None, future: bool) -> str | None:
    """The ISO value of one matched expression."""
    if m["range"]:
        mon = MONTHS[m["rmon"].lower()]
        year = int(m["ryear"]) if m["ryear"] else (ref.year if ref else None)
        if year is None:
            return None
        a, b = _safe_date(year, mon, int(m["rd1"])), _safe_date(year, mon, int(m["rd2"]))
        return f"{_iso(a)}/{_iso(b)}" if a and b and a <= b else None
    if m["paren"]:
        day, mon = int(m["pd"]), int(m["pm"])
        if not 1 <= mon <= 12:
            return None
        if m["py"]:
            year = int(m["py"]) + (2000 if len(m["py"]) == 2 else 0)
            d = _safe_date(year, mon, day)
        else:
            wd = WEEKDAYS.get(m["pwd"].lower()) if m["pwd"] else None
            d = _infer_year(mon, day, ref, wd, 1 if future else 0)
        return _iso(d) if d else None
    if m["dmy"]:
        day, mon = int(m["dd"]), MONTHS[m["dmon"].lower()]
        if m["dy"]:
            d = _safe_date(int(m["dy"]), mon, day)
        else:
            wd = WEEKDAYS.get(m["dwd"].lower()) if m["dwd"] else None
            direction = 1 if (m["dfut"] or future) else -1 if m["dpast"] else 0
            d = _infer_year(mon, day, ref, wd, direction)
        return _iso(d) if d else None
    if m["my"]:
        return _month(int(m["myear"]), MONTHS[m["mmon"].lower()])
    if m["mty"]:
        if ref is None:
            return None
        which = m["tw"].lower()
        year = ref.year + (0 if which == "ini" else 1 if which in ("depan", "mendatang") else -1)
        return _month(year, MONTHS[m["tmon"].lower()])
    if m["mrel"]:
        month = MONTHS[m["rmon2"].lower()]
        part = m["mrel"].split()[0].lower()
        if m["mpast"] and ref is not None and month == ref.month and ref.day > {"awal": 10, "pertengahan": 20}.get(part, 31):
            # "awal Maret lalu" written on 24 March: the early part of this very month, already past
            return _month(ref.year, month)
        return _month_relative(month, ref, -1 if m["mpast"] else 1)
    if m["mbare"]:
        return _month_relative(MONTHS[m["bmon"].lower()], ref, 1 if future else 0)
    if m["year"]:
        return m["yy"]
    if ref is None:
        return None
    if m["nago"]:
        raw = m["nn"].lower()
        n = 1 if raw == "se" else int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        unit = m["nunit"].lower()
        if unit == "hari":
            return _iso(ref - dt.timedelta(days=n))
        if unit in ("pekan", "minggu"):
            monday = ref - dt.timedelta(days=ref.weekday()) - dt.timedelta(weeks=n)
            return _week(monday)
        if unit == "bulan":
            return _shift_month(ref, -n)
        return str(ref.year - n)
    if m["rel"]:
        unit, which = m["runit"].lower(), m["rwhich"].lower()
        step = 0 if which == "ini" else 1 if which in ("depan", "mendatang") else -1
        if unit in ("pekan", "minggu"):
            return _week(ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step))
        if unit == "bulan":
            return _shift_month(ref, step)
        return str(ref.year + step)
    if m["kemarin"]:
        return _iso(ref - dt.timedelta(days=1))
    if m["today"]:
        return _iso(ref)
    if m["besok"]:
        return _iso(ref + dt.timedelta(days=1))
    if m["weekday"]:
        wd = WEEKDAYS[m["wwd"].lower()]
        if m["wfut"] or (future and not m["wpast"]):
            ahead = (wd - ref.weekday()) % 7
            return _iso(ref + dt.timedelta(days=ahead or (7 if m["wfut"] else 0)))
        back = (ref.weekday() - wd) % 7
        return _iso(ref - dt.timedelta(days=back or (7 if m["wpast"] else 0)))
    return None


def _is_weekday_noise(m: re.Match[str], sentence: str) -> bool:
    """"minggu" in lower case means "week"; a bare lower-case weekday is rarely a date."""
    word = m["wwd"]
    return word is not None and word[0].islower() and not sentence[max(0, m.start() - 5):m.start()].lower().endswith(("hari ", "pada "))


_TRIGGER = Rx(
    rf"\d|\(|\b(?:tanggal|pada|sejak|tahun|bulan|pekan|minggu|kemarin|hari|besok|esok|se|pertengahan|awal|akhir|"
    rf"{_MONTH_WORDS}|{_WEEKDAY_WORDS}|{_NUMBER_WORDS})\b",
    re.IGNORECASE)
"""Where a date expression can begin; the full pattern is tried only there, which keeps long sentences cheap."""
_TRIGGER_LOWER = Rx(_TRIGGER.pattern)
"""_TRIGGER for a lower-cased sentence (see `caseless`)."""


def _matches(sentence: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    pos = 0
    lowered = caseless(sentence)
    text, trigger = (sentence, _TRIGGER) if lowered is None else (lowered, _TRIGGER_LOWER)
    while (t := trigger.search(text, pos)) is not None:
        m = _PATTERN.match(sentence, t.start())
        if m and m.end() > m.start():
            found.append(m)
            pos = m.end()
        else:
            pos = t.end()
    return found


_YEAR_WRITTEN = Rx(r"\b(?:19|20)\d{2}\b|/\d{2,4}\b")


def find_dates(sentence: str, ref: dt.date | None) -> list[DateExpr]:
    """All date expressions in a sentence, resolved against ``ref``; "X hingga Y" and "sejak X" become intervals."""
    matches = _matches(sentence)
    if not matches:
        return []
    future = bool(_FUTURE_CUE.search(sentence))
    found: list[DateExpr] = []
    for m in matches:
        if m["weekday"] and _is_weekday_noise(m, sentence):
            continue
        value = _resolve(m, ref, future)
        reporting = bool(_REPORTING.search(sentence[max(0, m.start() - 80):m.start()]))
        deadline = bool(_DEADLINE.search(sentence, max(0, m.start() - 30), m.start()))
        expr = DateExpr(m.start(), m.end(), m.group(0), value, reporting, deadline)
        gap = sentence[found[-1].end:m.start()] if found else ""
        between = bool(found) and gap.strip().lower() == "dan" and bool(
            _BETWEEN.search(sentence[max(0, found[-1].start - 8):found[-1].start]))
        lo, hi = (found[-1].value or "").split("/")[0] if found else "", (value or "").split("/")[-1]
        if found and lo and hi and lo[:4] != hi[:4] and _YEAR_WRITTEN.search(m.group(0)) and not _YEAR_WRITTEN.search(
                found[-1].text):
            # "3 Maret hingga 10 Maret 2025": the first end takes the year written with the second
            lo = hi[:4] + lo[4:] if hi[:4] + lo[4:] <= hi else f"{int(hi[:4]) - 1}{lo[4:]}"
        if found and value and found[-1].value and (_UNTIL.match(gap) or between) and lo <= hi:
            # "3 - 5 Mei", "antara 1 dan 4 Juni"; not a dateline's dash before another date ("(10/4/2025) - Pada 2019")
            prev = found.pop()
            expr = DateExpr(prev.start, m.end(), sentence[prev.start:m.end()], f"{lo}/{hi}", prev.reporting)
        elif value and ref and _SINCE.search(sentence[max(0, m.start() - 20):m.start()]) and "/" not in value:
            expr = DateExpr(m.start(), m.end(), m.group(0), f"{value}/{_iso(ref)}", reporting)
        found.append(expr)
    return found


_SEQUEL = Rx(
    rf"""\b(?:(?P<next_day>keesokan\s+harinya|esok\s+harinya)
      | (?P<n>\d{{1,2}}|{_NUMBER_WORDS}|se|beberapa)\s*(?P<unit>hari|pekan|minggu|bulan|tahun)\s+
        (?:(?P<later>kemudian|setelahnya|sesudahnya|berikutnya)|(?P<earlier>sebelumnya))
      | (?P<unit1>hari|pekan|minggu|bulan|tahun)\s+(?:berikutnya|selanjutnya))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_UNIT_DAYS = {"hari": 1, "pekan": 7, "minggu": 7}


class Sequel(NamedTuple):
    """A time told relative to the event told of before ("sehari kemudian", "bulan berikutnya"): ``n`` units later
    (negative: earlier)."""

    start: int
    end: int
    text: str
    n: int
    unit: str


_SPACE_RUN = Rx(r"\s+")


def find_sequel(sentence: str) -> Sequel | None:
    """The first time in the sentence told relative to the event before it; "beberapa hari kemudian" counts as
    no fixed time and is left out."""
    m = _SEQUEL.search(sentence)
    if m is None:
        return None
    if m["next_day"]:
        return Sequel(m.start(), m.end(), m.group(0), 1, "hari")
    if m["unit1"]:
        return Sequel(m.start(), m.end(), m.group(0), 1, m["unit1"].lower())
    word = m["n"].lower()
    if word == "beberapa":
        return None
    n = 1 if word == "se" else int(word) if word.isdigit() else _NUMBERS.get(_SPACE_RUN.sub(" ", word), 0)
    return Sequel(m.start(), m.end(), m.group(0), -n if m["earlier"] else n, m["unit"].lower()) if n else None


def shift_iso(value: str, sequel: Sequel) -> str | None:
    """``value`` moved by the sequel, at the value's own precision; None where the unit is finer than what the value
    tells (a month told of, then "dua hari kemudian": no day to count from)."""
    first = value.split("/")[0] if sequel.n < 0 else value.split("/")[-1]
    day = parse_iso(first)
    if day is None:
        return None
    precision = first.count("-")
    if sequel.unit in _UNIT_DAYS:
        return _iso(day + dt.timedelta(days=sequel.n * _UNIT_DAYS[sequel.unit])) if precision == 2 else None
    if sequel.unit == "bulan":
        return _shift_month(day, sequel.n) if precision >= 1 else None
    return f"{day.year + sequel.n:04d}"


_FULL_DATE = Rx(
    rf"\b(\d{{1,2}})\s+({_MONTH_WORDS})\.?\s*,?\s*(\d{{4}})\b|\((\d{{1,2}})/(\d{{1,2}})/(\d{{4}}|\d{{2}})\)", re.IGNORECASE)


class Anchor(NamedTuple):
    """The article's own date: a day to count relative expressions from, and its ISO value as precise as known."""

    day: dt.date | None
    value: str | None


def anchor_date(published: str | None, reference: str | None, paragraphs: list[str],
                window: Callable[[], tuple[dt.date, dt.date] | None] | None = None) -> Anchor:
    """The date relative expressions count from: the publication date; else the first full date the body states (the
    lead's "Senin (23/8/2021)" or "5 Oktober 2021") that the office-holders the page names could have seen in office
    (``window()``: a date outside it is history); else the crawler's month hint, made a day by a weekday date
    ("Rabu (19/9)") that fits it; else such a weekday date that fits exactly one year of the window. Nothing else on
    a page is ground for a year."""
    d = parse_iso(published) if published and len(published) >= 10 else None
    if d:
        return Anchor(d, d.isoformat())
    span = window() if window is not None else None
    stated = [found for para in paragraphs for m in _FULL_DATE.finditer(para) if (found := _full_date(m)) is not None]
    fitting = next((x for x in stated if span is None or span[0] <= x <= span[1]), None)
    if fitting:
        return Anchor(fitting, fitting.isoformat())
    ref = parse_iso(reference) if reference else None
    if ref and reference and len(reference) == 7:
        month = (ref - dt.timedelta(days=31), ref + dt.timedelta(days=62))
        day = _unique_weekday_fit(paragraphs, month)
        return Anchor(day, day.isoformat()) if day else Anchor(ref.replace(day=15), reference)  # mid-month: least wrong
    if ref and reference:
        return Anchor(ref, reference[:10])
    day = _unique_weekday_fit(paragraphs, span) if span is not None else None
    return Anchor(day, day.isoformat()) if day else Anchor(None, None)


def _unique_weekday_fit(paragraphs: list[str], span: tuple[dt.date, dt.date]) -> dt.date | None:
    """The first weekday date ("Rabu (19/9)") of the body that falls in exactly one place of the span."""
    for para in paragraphs:
        for m in _WEEKDAY_DATE.finditer(para):
            fits = _weekday_fits(m, span)
            if len(fits) == 1:
                return fits[0]
    return None


_WEEKDAY_DATE = Rx(
    rf"\b(?P<wd>{_WEEKDAY_WORDS})\b\s*,?\s*(?:\(\s*(?P<pd>\d{{1,2}})\s*/\s*(?P<pm>\d{{1,2}})\s*\)|"
    rf"(?:tanggal\s+)?(?P<dd>\d{{1,2}})\s+(?P<mon>{_MONTH_WORDS})\b(?!\.?\s*,?\s*\d{{4}}))", re.IGNORECASE)


def _weekday_fits(m: re.Match[str], window: tuple[dt.date, dt.date]) -> list[dt.date]:
    """The dates in the window whose weekday, day and month are those of a weekday date without a year."""
    day, month = (int(m["pd"]), int(m["pm"])) if m["pd"] else (int(m["dd"]), MONTHS[m["mon"].lower()])
    weekday = WEEKDAYS[m["wd"].lower()]
    if not 1 <= month <= 12:
        return []
    last = min(window[1], dt.date.today()).year
    found = [d for y in range(window[0].year, last + 1) if (d := _safe_date(y, month, day))]
    return [d for d in found if window[0] <= d <= window[1] and d.weekday() == weekday]


def _full_date(m: re.Match[str]) -> dt.date | None:
    day, month, year = (m[1], MONTHS[m[2].lower()], m[3]) if m[1] else (m[4], int(m[5]), m[6])
    return _safe_date(int(year) + (2000 if len(year) == 2 else 0), month, int(day))
