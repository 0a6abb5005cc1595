"""Indonesian (and English) calendar words shared by the metadata and event-date stages."""

from __future__ import annotations

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
