"""Metadata stage: Page + Cleaned -> Article. Outlet, authors, and the publication and update dates with their source.

`published` comes, in order of trust, from the HTML head (meta tags, JSON-LD: 'meta'), a date line on the page
('dateline'), a date in the URL ('url'), or a reporting formula in the lead ('lead'); it stays null where nothing
on the page tells. A date line printed above the headline is the site's current-date widget as often as the
article's date, so it counts only when nothing else tells. Dates inside body sentences are never taken, except
through the lead formulas of date_from_text, which the event coder may call too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from kronik import furniture, outlets
from kronik.calendar import MONTHS, WEEKDAYS
from kronik.model import BODY, BOILERPLATE, META, Article, Cleaned, Page
from kronik.rx import Rx

SOURCES = ("meta", "dateline", "url", "lead")
"""The values of Article.published_source, in order of trust."""

_URL_DATES = (
    # /2018/03/28/, /2018/0328/, /20180328/, and a date-time slug head such as /20220808134206-106-…
    Rx(r"/(?P<y>(?:19|20)\d\d)/?(?P<m>0[1-9]|1[0-2])/?(?P<d>0[1-9]|[12]\d|3[01])(?:[0-2]\d[0-5]\d[0-5]\d)?(?=[/_.-]|$)"),
    # a dashed date anywhere in the path: …/a-2003-03-28-2-1-…/, /2003-03-28/
    Rx(r"(?<![\d])(?P<y>(?:19|20)\d\d)[-_](?P<m>0[1-9]|1[0-2])[-_](?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
)
_UNIX_TAIL = Rx(r"[-_/](?P<t>1[1-9]\d{8})(?:\.[a-z]{2,5})?/?$")
"""A 10-digit Unix time closing the slug (…-korban-gempa-turki-1676001765): 2004-11 to 2033-05, read in the outlet's zone."""

_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_STAMP = Rx(
    rf"""(?ix)
    (?:(?P<wd>\b(?:{_WEEKDAY_ALT}))\b\s*,?\s*)?
    (?:\(\s*(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>(?:19|20)\d\d))?\s*\)        # (5/10/2021), (5/10)
      | (?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_ALT})\.?\s+(?P<y2>(?:19|20)\d\d)\b           # 5 Oktober 2021
      | (?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>(?:19|20)\d\d)\b)                    # 5/10/2021
    """
)
"""A date as the lead of an Indonesian report prints it, with or without its weekday: 'Selasa (5/10/2021)',
'Rabu, 26 September 2018', 'Kamis (6/4)'."""
_SPEECH = (
    r"(?:kata|ujar|ucap|ungkap|tutur|papar|imbuh|tulis|kicau|cuit)(?:nya)?|(?:jelas|terang|tegas|tambah)nya|berkata|"
    r"mengatakan|dikatakan|mengungkapkan|diungkapkan|mengucapkan|diucapkan|menjelaskan|dijelaskan|menerangkan|"
    r"diterangkan|menegaskan|ditegaskan|menambahkan|ditambahkan|menyampaikan|disampaikan|menyatakan|dinyatakan|"
    r"mengumumkan|diumumkan|menuturkan|dituturkan|memaparkan|dipaparkan|menuliskan|ditulis|mencuit|berkicau"
)
"""Verbs of saying as Indonesian reports close a quotation ('kata X', 'ujarnya', 'tegasnya') or tell a statement."""
_CITATION = r"(?:seperti\s+|sebagaimana\s+)?(?:dilansir|melansir|dikutip|mengutip|dilaporkan|diberitakan|menurut)"
_STATEMENT = r"(?:keterangan|pernyataan|siaran\s+pers|rilis|konferensi\s+pers|jumpa\s+pers)"
_CUE = Rx(
    rf"(?i)\b(?:{_CITATION}|{_STATEMENT}|hari\s+ini|{_SPEECH}|diterima|dikonfirmasi|dihubungi|ditemui|"
    r"kepada\s+(?:wartawan|awak\s+media|media|pers))\b"
)
"""What makes a date in the lead the day of the report: the outlet quotes a source ('dilansir dari AFP, Selasa
(5/10/2021)'), receives a statement ('keterangan pers yang diterima … pada Rabu, 26 September 2018'), says 'today'
('hari ini, Kamis (9/9/2021)') or closes a quotation ('kata Menlu di Jakarta, Senin (5/8/2019)')."""
_CITED_ON = Rx(
    r"(?i)\b(?:dilansir|melansir|dikutip|mengutip|diberitakan|diterima|(?:konferensi|jumpa|keterangan|siaran)\s+pers)"
    r"(?:\s+(?:dari|oleh|di))?(?:\s+[^\s,.;]+){0,5}\s+pada\s+(?:hari\s+)?$"
)
"""'dikutip Jubi pada Selasa (16/7/2024)', 'diterima oleh Voice of Indonesia pada Rabu, …', 'dalam konferensi pers
pada Senin (11/12)': a quoting or receiving verb, or a press event, may take its day with 'pada' (only its source
may come between)."""
_EVENT_DAY = Rx(r"(?i)\b(?:pada|sejak|hingga|sampai|mulai|dari|tanggal|hari|antara|dan|atau|akhir|awal)\s*$")
"""Words that make the date the day of an event told of, not of the report."""
_NOT_THE_REPORT = Rx(r"(?i)\b(?:akan|dijadwalkan|direncanakan|rencananya|mendatang|nanti|besok|sebelumnya|bahwa)\b")
"""A plan, a flashback or reported speech ('bahwa …') before the date: the date is not the report's."""
_QUOTED = Rx(r"[\"“][^\"“”]*[\"”]")
_DIGIT = Rx(r"\d")
_SENTENCE = Rx(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_DATELINE_HEAD = Rx(r"^[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}(?:\s*\([^()]{2,20}\))?,\s*$")
"""A dated dateline opens the lead: 'JAKARTA, Kamis (9/9/2021) - …'."""
LEAD_PARAGRAPHS = 8
"""How far into the body the lead formulas are looked for; later paragraphs tell background."""


@dataclass(slots=True)
class Dates:
    """Publication and update stamps found in a page (ISO 8601 strings or None)."""

    published: str | None = None
    updated: str | None = None


def find_dates(meta_lines: list[str], url: str | None = None, default_tz: str | None = None, outlet: str | None = None) -> Dates:
    """Published/updated from the page's date lines, else the date in the URL; None when the page does not tell."""
    found = Dates()
    for line in meta_lines:
        stamps = furniture.parse_dates(line, default_tz, outlet)
        if not stamps and furniture.has_month_word(line):
            when = furniture.fallback_date(line)
            stamps = [("", when)] if when else []
        for kind, iso in stamps:
            if kind == "updated":
                found.updated = found.updated or iso
            elif found.published is None:
                found.published = iso
    if found.published is None and url:
        found.published = url_date(url)
    return found


def url_date(url: str | None, tz: str | None = None) -> str | None:
    """The date a URL carries, in any of the common forms: /2018/03/28/, /20180328/, /20220808134206-106-…,
    …-2003-03-28-…, or a 10-digit Unix time closing the slug (read in ``tz``, the outlet's zone, else UTC)."""
    if not url:
        return None
    try:
        path = urlsplit(url).path if "//" in url else url
    except ValueError:
        return None
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            return furniture.iso_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _UNIX_TAIL.search(path)
    if m:
        hours, minutes = (int(x) for x in (tz or "+00:00")[1:].split(":"))
        sign = -1 if (tz or "+").startswith("-") else 1
        zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        return dt.datetime.fromtimestamp(int(m["t"]), zone).date().isoformat()
    return None


_URL_YEAR = Rx(r"/((?:19|20)\d\d)/")


def _url_year(url: str | None) -> str | None:
    """A year alone in a URL path (/pasifik/2024/…): enough to read a lead date printed without its year."""
    try:
        m = _URL_YEAR.search(urlsplit(url).path) if url else None
    except ValueError:
        return None
    return m.group(1) if m else None


REFERENCE_MONTHS = 2
"""A date printed without its year is read with a reference month (a crawl date) only when it falls at most this
many months before it; a reference that far off the page's own date is no guide to the year."""
_REFERENCE_YEAR = Rx(r"((?:19|20)\d\d)(?:-(\d\d))?")


def _year_for(month: int, reference: str | None) -> int | None:
    """The year of a date printed without one: the reference's year ('2024', from the URL), or for a reference
    month ('2023-04') the year that puts the date at most REFERENCE_MONTHS months before it."""
    m = _REFERENCE_YEAR.match(reference or "")
    if not m:
        return None
    year = int(m[1])
    if not m[2]:
        return year
    back = (int(m[2]) - month) % 12
    if back > REFERENCE_MONTHS:
        return None
    return year if month <= int(m[2]) else year - 1


def _stamp_day(m: re.Match[str], reference: str | None) -> dt.date | None:
    """The calendar day of a lead stamp whose weekday (when printed) agrees with it; a stamp without a year takes
    it from ``reference`` (see _year_for) and needs its weekday to confirm it."""
    g = m.groupdict()
    if g["d1"]:
        day, month, year = int(g["d1"]), int(g["m1"]), g["y1"]
    elif g["d2"]:
        day, month, year = int(g["d2"]), MONTHS[g["m2"].lower()], g["y2"]
    else:
        day, month, year = int(g["d3"]), int(g["m3"]), g["y3"]
    weekday = WEEKDAYS[g["wd"].lower()] if g["wd"] else None
    y = int(year) if year else (_year_for(month, reference) if weekday is not None else None)
    if y is None:
        return None
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return d if weekday is None or d.weekday() == weekday else None


_AGO = Rx(r"(?i)\s*(?:\w+\s+)?lalu\b")
"""After a date: lalu (ago, last), so the date is of something told of."""
_CITED = Rx(rf"(?i)\b{_CITATION}\b\s+\S+(?:\s\S+){{0,3}}\s*$")


def _report_day(sentence: str, m: re.Match[str], first: bool) -> bool:
    """Whether the stamp at ``m`` is the day of the report by one of the lead formulas (see _CUE)."""
    before = sentence[: m.start()]
    if _AGO.match(sentence[m.end() : m.end() + 16]):
        return False
    if first and _DATELINE_HEAD.match(before):
        return True
    told = _QUOTED.sub(" ", before)
    cues = list(_CUE.finditer(told))
    if not cues or _NOT_THE_REPORT.search(told[cues[-1].start() :]) or _NOT_THE_REPORT.search(told[: cues[-1].start()][-60:]):
        return False
    if _EVENT_DAY.search(before):
        return bool(_CITED_ON.search(before))
    return before.rstrip().endswith(",") or (not m["wd"] and bool(_CITED.search(before)))


def lead_date(paragraphs: Sequence[str], reference: str | None = None) -> str | None:
    """The report's day from the lead formulas of Indonesian outlets, the latest when several tell (a quote from
    yesterday and a citation of today): 'Seperti dilansir AFP, Selasa (5/10/2021)', 'Dikutip dari CNN pada Rabu
    (28/3/2018)', 'hari ini, Kamis (9/9/2021)', 'keterangan pers … pada Rabu, 26 September 2018', 'kata X kepada
    wartawan, Senin (5/8/2019)', 'JAKARTA, Kamis (9/9/2021) -'. A printed weekday must agree with the date; a
    date without a year ('Kamis (6/4)') is read only with ``reference`` (a year or date) and a weekday fitting one
    year. A date told as a plan, a flashback or reported speech never counts."""
    found: list[dt.date] = []
    for n, paragraph in enumerate(paragraphs[:LEAD_PARAGRAPHS]):
        if not _DIGIT.search(paragraph):  # every stamp holds a digit: spare the stamp search, tried at every position
            continue
        for k, sentence in enumerate(_SENTENCE.split(paragraph)):
            if not _DIGIT.search(sentence):
                continue
            for m in _STAMP.finditer(sentence):
                if not (m["wd"] or m["y1"] or m["y2"] or m["y3"]):
                    continue
                day = _stamp_day(m, reference)
                if day and _report_day(sentence, m, n == 0 and k == 0):
                    found.append(day)
    return max(found).isoformat() if found else None


def date_from_text(lines: Sequence[str], url: str | None = None, reference: str | None = None,
                   tz: str | None = None) -> tuple[str, str] | None:
    """The publication date that a page's text and URL tell, and where it was read ('url' or 'lead'): the URL's
    date (url_date) first, else the lead formulas of the body ``lines`` (lead_date), with ``reference`` (a year or
    date, e.g. the crawl date) for dates printed without a year. None where neither tells."""
    day = url_date(url, tz)
    if day:
        return day, "url"
    day = lead_date(lines, reference or _url_year(url))
    return (day, "lead") if day else None


def _date_lines(texts: list[str], labels: list[str], title_at: int | None) -> tuple[list[str], list[str]]:
    """Meta lines below the headline (those between it and the body first: a sidebar's dates must not win), and
    those above it (a current-date widget as often as the article's date)."""
    start = title_at or 0
    first_body = next((i for i, label in enumerate(labels) if label == BODY), len(labels))
    below = [(not start <= i < max(first_body, start + 1), i) for i, label in enumerate(labels) if label == META and i >= start]
    above = [texts[i] for i, label in enumerate(labels) if label == META and i < start]
    return [texts[i] for _, i in sorted(below)], above


def _published(page: Page, cleaned: Cleaned, below: Dates, above: Dates, tz: str | None) -> tuple[str | None, str | None]:
    """The publication stamp and its source, in the order of SOURCES; a date line's stamp (with its time) stands
    for the head's date when both name the same day."""
    if page.head.published:
        if below.published and below.published[:10] == page.head.published[:10]:
            return below.published, "dateline"
        return page.head.published, "meta"
    if below.published:
        return below.published, "dateline"
    found = date_from_text(cleaned.paragraphs, page.url, page.reference_date, tz)
    if found:
        return found
    if above.published:
        return above.published, "dateline"
    return None, None


def article(page: Page, cleaned: Cleaned) -> Article:
    """The Article: the cleaned body and headline with the outlet, authors and dates read from the labelled lines."""
    url, head = page.url, page.head
    below, above = _date_lines(cleaned.lines, cleaned.labels, cleaned.title_at)
    outlet = outlets.outlet_from_host(url) or head.sitename
    if not outlet:
        lines = [t for t, label in zip(cleaned.lines, cleaned.labels, strict=True) if label in (META, BOILERPLATE)]
        lead = cleaned.dateline or (cleaned.paragraphs[0] if cleaned.paragraphs else None)
        outlet = outlets.outlet_from_furniture(lines, lead)
    tz = outlets.outlet_tz(url) if url else outlets.tz_of_outlet(outlet)
    below_dates, above_dates = find_dates(below, None, tz, outlet), find_dates(above, None, tz, outlet)
    published, source = _published(page, cleaned, below_dates, above_dates, tz)
    return Article(
        id=page.id,
        url=url,
        language=cleaned.language,
        outlet=outlet,
        title=cleaned.title,
        authors=furniture.find_authors(below + above) or head.authors,
        published=published,
        updated=below_dates.updated or head.updated or above_dates.updated,
        paragraphs=cleaned.paragraphs,
        dateline=cleaned.dateline,
        reference_date=page.reference_date,
        published_source=source,
    )
