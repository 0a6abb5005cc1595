"""Calendar words (Indonesian and English) and ISO date spans, shared by every stage that reads or compares dates."""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
"""Indonesian month names as printed, January first."""

WEEKDAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Indonesian weekday names as printed, Monday first (Python's weekday order)."""

MONTHS: dict[str, int] = {
    **{m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)},
    **{m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"], 1)},
    "agt": 8, "ags": 8, "aug": 8, "sept": 9, "oct": 10, "dec": 12, "pebruari": 2, "nopember": 11, "may": 5,
}
"""Month names and abbreviations, lower-cased, to month number."""

WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
"""Weekday names, lower-cased, to Python's weekday number (Monday = 0)."""

TIMEZONES: dict[str, str] = {
    "wib": "+07:00", "wita": "+08:00", "wit": "+09:00", "kst": "+09:00", "jst": "+09:00", "utc": "+00:00", "gmt": "+00:00",
}
"""Time-zone abbreviations used by Indonesian and Korean outlets, to their UTC offsets."""


_ISO_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _part_span(text: str) -> tuple[dt.date, dt.date] | None:
    m = _ISO_PART.fullmatch(text.strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            d = dt.date(year, month, day)
            return d, d
        if month:
            return dt.date(year, month, 1), month_end(year, month)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day that an ISO date, month, year or `start/end` interval covers; None if it is none of these."""
    if not value:
        return None
    ends = [_part_span(p) for p in value.split("/", 1)]
    if ends[0] is None or ends[-1] is None:
        return None
    start, end = ends[0][0], ends[-1][1]
    return (start, end) if start <= end else (end, start)


def report_time(published: str | None) -> dt.datetime | None:
    """A publication stamp as an aware UTC datetime for ordering reports (a bare date counts as 00:00 UTC)."""
    if not published:
        return None
    try:
        t = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def published_date(published: str | None) -> dt.date | None:
    """The calendar date the page itself gives (local, not converted to UTC); None unless it names one day."""
    span = date_span((published or "")[:10])
    return span[0] if span and span[0] == span[1] else None
