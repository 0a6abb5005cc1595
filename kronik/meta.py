"""Article metadata from page furniture: publication dates, outlet, authors, datelines.

Fast compiled patterns handle the formats Indonesian outlets print; dateparser is only a lazy fallback
for date lines the patterns cannot read. Dates mentioned inside body sentences are never taken: callers
pass only meta lines (short lines that are not prose) and the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from kronik.calendar import MONTHS, TIMEZONES, WEEKDAYS
from kronik.datafiles import rows

DATA = Path(__file__).parent / "data"

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_TZ_ALT = "|".join(sorted(TIMEZONES, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

_DATE = re.compile(
    rf"""(?ix)
    (?<![\w/])(?:
        (?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_ALT})\.?,?\s+(?P<y1>(?:19|20)\d\d)        # 14 September 2018, 23 Agu 2021
      | (?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)        # September 14, 2018
      | (?P<y3>(?:19|20)\d\d)-(?P<n3>\d\d)-(?P<d3>\d\d)                              # 2024-06-20
      | (?P<d4>\d{{1,2}})[/.-](?P<n4>\d{{1,2}})[/.-](?P<y4>(?:19|20)\d\d)              # 28/03/2018
    )(?![\w/])
    (?:[\s,|–—-]*(?:pukul\s*|jam\s*|T)?(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?!\d)
       (?:\s*(?P<tz>{_TZ_ALT})\b)?)?
    """
)
_WEEKDAY = re.compile(rf"(?i)\b({_WEEKDAY_ALT})\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SENTENCE_END = re.compile(r"[.!?]['\"”’]?\s*$")
_UPDATED = re.compile(r"(?i)(?<![a-z])(diperbarui|pembaruan|diperbaharui|update[ds]?|updated|last modified|revisi)\b")
_PUBLISHED = re.compile(r"(?i)(?<![a-z])(diterbitkan|dipublikasikan|terbit|published|posted|write|ditulis|tanggal)\b")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/?(0[1-9]|1[0-2])/?(0[1-9]|[12]\d|3[01])(?=/)")
_LABEL_TZ = {"write": ("+09:00", frozenset({"KBS World", "KBS"}))}
"""Labels that belong to one known CMS, with the outlets known to print them: KBS World prints 'Write: … Update: …'
in Korean time. Other outlets using the same label get their home zone (or the date alone), not this one."""

_AUTHOR_PATTERNS = (
    re.compile(
        r"^(?:(?:redaktur|editor)\s*(?:&|dan)\s*)?(?:penulis|reporter|wartawan|pewarta|kontributor|written by)\s*:\s*(?P<n>[^|,;]+)", re.I
    ),
    re.compile(r"^(?:[Oo]leh|OLEH|[Bb]y|BY)\s*:?\s+(?P<n>[A-Z][\w.'-]*(?:\s+(?!diperbarui|diterbitkan|pada|\d)[\w.'-]+){0,4})"),
    re.compile(r"^(?P<n>[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,4})\s*,\s*(?:jurnalis|wartawan|reporter|kontributor)\b", re.I),
    re.compile(r"^\((?P<n>[A-Z][a-z][\w.'-]*(?:\s[A-Z][\w.'-]*){1,3})\)$"),
    re.compile(r"^laporan (?:wartawan|reporter|koresponden|kontributor)\b[^,]*,\s*(?P<n>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})", re.I),
)
_NAME = re.compile(r"^[A-Z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){1,4}$")
_DOMAIN = re.compile(r"(?i)\b([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.id|co\.kr|co|id|net|org|tv|news))\b")
_SECOND_LEVEL = {"co", "or", "go", "ac", "web", "my", "sch", "com", "net", "org", "ne"}

_DATELINE = re.compile(
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


@dataclass(slots=True)
class Dates:
    """Publication and update stamps found in a page (ISO 8601 strings or None)."""

    published: str | None = None
    updated: str | None = None


@lru_cache(maxsize=1)
def _outlets() -> dict[str, tuple[str, str | None]]:
    return {host.lower(): (name, None if tz == "-" else tz) for host, name, tz in rows("outlets.tsv")}


def host_of(url: str | None) -> str | None:
    """The URL's host, lower-cased, without port and without www./m./amp. prefixes."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    while host.startswith(("www.", "m.", "amp.")):
        host = host.split(".", 1)[1]
    return host or None


def _lookup(host: str) -> tuple[str, str | None] | None:
    table = _outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


def _registrable(host: str) -> str:
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL else 2
    return ".".join(parts[-keep:])


def outlet_from_host(url: str | None) -> str | None:
    """Readable outlet name for a URL: the table's name, else the registrable domain (e.g. 'wahananews.co')."""
    host = host_of(url)
    if not host:
        return None
    hit = _lookup(host)
    return hit[0] if hit else _registrable(host)


def outlet_tz(url: str | None) -> str | None:
    """The outlet's home time zone, for times printed without one."""
    host = host_of(url)
    hit = _lookup(host) if host else None
    return hit[1] if hit else None


@lru_cache(maxsize=1)
def _outlet_names() -> re.Pattern[str]:
    """Every outlet name of the table, as written or in capitals, as whole words (longest first)."""
    names = {name for name, _ in _outlets().values()}
    forms = sorted({form for name in names for form in (name, name.upper())}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def outlet_from_text(lines: list[str]) -> str | None:
    """Outlet named in page furniture (dateline, copyright line, menus): a known host or outlet name."""
    by_upper = {name.upper(): name for name, _ in _outlets().values()}
    for line in lines:
        for dom in _DOMAIN.findall(line):
            hit = _lookup(dom.lower())
            if hit:
                return hit[0]
        m = _outlet_names().search(re.sub(r"([a-z])([A-Z])", r"\1 \2", line)) or _outlet_names().search(line)
        if m:
            return by_upper.get(m.group(1).upper(), m.group(1))
    return None


_PHOTO_CREDIT = re.compile(r"(?i)\b(?:foto|photo|dok|dokumentasi)\s*[/:]|\bvia\s+(?:reuters|afp|ap|antara)\b|/\s*(?:reuters|afp|ap)\b")
"""A photo credit ('ANTARA FOTO/…', 'Foto: …', '… via REUTERS'): names an agency, never the page's outlet."""
_COPYRIGHT = re.compile(
    r"(?i)^\W{0,3}(?:copyright|hak\s+cipta)?\s*(?:©|\(c\)|copyright)\s*(?:copyright\s*)?"
    r"(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(?P<n>\S.*)$"
)
_COPYRIGHT_TAIL = re.compile(
    r"(?i)\s*(?:[.,|–—]\s|\s-\s|[.,]$|\|)|\s+(?:all\s+rights|seluruh\s+hak|hak\s+cipta|dilindungi)"
)
_LEGAL_FORM = re.compile(r"(?i)^(?:PT\.?\s+)|(?:,?\s+Tbk\.?|\s+(?:Inc|Ltd|LLC)\.?)$")
_DATELINE_OUTLET = re.compile(
    r"""(?x)^(?P<a>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})\s*,\s*
        (?P<b>[A-Z0-9][\w.'-]*(?:\s[A-Z0-9][\w.'-]*){0,3})\s*(?:--?|–|—)\s+(?=\S)"""
)
_SYNDICATED = re.compile(
    r"\b(?i:(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+|sudah\s+)?(?:tayang|terbit|dimuat)\s+(?:di|pada))\s+"
    r"(?P<n>[A-Za-z0-9][\w.'-]*(?:\s[A-Z0-9][\w.'-]*){0,3})"
)
_HOSTLIKE = re.compile(r"(?i)\.(?:com|co\.id|id|co|net|org|tv|news)$")


def _outlet_name(text: str) -> str | None:
    """A plausible outlet name: 1-4 words, a capital or digit first, not a photo credit."""
    name = _LEGAL_FORM.sub("", text.strip(" .,-|–—:")).strip(" .,-|–—:")
    if not name or len(name) > 40 or len(name.split()) > 4 or _PHOTO_CREDIT.search(name) or "/" in name:
        return None
    if not (name[0].isupper() or name[0].isdigit() or _HOSTLIKE.search(name)):
        return None
    return name


def _copyright_outlet(line: str) -> str | None:
    """'© 2025 Warta Nusantara', 'Copyright © 2024 PT Media Contoh. All rights reserved' -> the holder's name."""
    m = _COPYRIGHT.match(line.strip())
    if not m or len(line) > 160:
        return None
    holder = _COPYRIGHT_TAIL.split(m.group("n"), maxsplit=1)[0]
    holder = re.sub(r"\s*(?:19|20)\d\d$", "", holder)
    return _outlet_name(holder)


def _dateline_outlet(text: str) -> str | None:
    """'TOKYO, KabarDunia.id — …', 'Jakarta, Harian Cakrawala - …', 'Liputan6.com, Pyongyang - …' -> the outlet part.

    The part that looks like a web host is the outlet; failing that, the second part (the city comes first).
    """
    m = _DATELINE_OUTLET.match(text)
    if not m:
        return None
    a, b = m.group("a"), m.group("b")
    if _HOSTLIKE.search(a) and not _HOSTLIKE.search(b):
        return _outlet_name(a)
    return _outlet_name(b)


def outlet_from_furniture(lines: list[str], lead: str | None = None) -> str | None:
    """Outlet of a page without a URL: a known host or name in its furniture (outlet_from_text), else the holder of
    its copyright line, else the outlet part of the dateline (``lead``: the dateline or the first body paragraph),
    else the outlet of an 'Artikel ini telah tayang di X' line. Photo credits never count."""
    lines = [ln for ln in lines if not _PHOTO_CREDIT.search(ln)]
    known = outlet_from_text([lead or "", *lines] if lead and len(lead) <= 60 else lines)
    if known:
        return known
    for line in lines:
        name = _copyright_outlet(line)
        if name:
            return name
    if lead:
        name = _dateline_outlet(lead)
        if name:
            return name
    for line in lines:
        m = _SYNDICATED.search(line)
        if m:
            name = _outlet_name(m.group("n"))
            if name:
                return name
    return None


def tz_of_outlet(name: str | None) -> str | None:
    """Home time zone of an outlet named in the table (for pages without a URL)."""
    if not name:
        return None
    return next((tz for outlet, tz in _outlets().values() if outlet == name and tz), None)


def _iso(y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None, tz: str | None) -> str | None:
    import datetime as dt

    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if hh is None or tz is None:
        return day.isoformat()
    return f"{day.isoformat()}T{int(hh):02d}:{mm}:{ss or '00'}{tz}"


def parse_dates(line: str, default_tz: str | None = None, outlet: str | None = None) -> list[tuple[str, str]]:
    """Every date stamp in one meta line, as (kind, ISO string); kind is 'published', 'updated' or ''.

    The kind comes from the label just before the stamp ('Diperbarui', 'Update:', 'Diterbitkan', 'Write:'). A label
    zone (_LABEL_TZ) applies only when ``outlet`` is one known to print that label; else times without a zone get
    ``default_tz`` (the outlet's home zone) or come back as the date alone.
    """
    out: list[tuple[str, str]] = []
    start = 0
    labels = {w.lower() for w in re.findall(r"([A-Za-z]+)\s*:", line)}
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
        iso = _iso(y, mo, d, g["H"], g["M"], g["S"], tz)
        if iso:
            out.append((kind, iso))
    return out


def _fallback_date(line: str) -> str | None:
    """dateparser for a date line the fast patterns miss (lazy import: it is slow to load and to run)."""
    import dateparser

    text = _UPDATED.sub(" ", _PUBLISHED.sub(" ", line)).strip(" :-|")
    try:
        when = dateparser.parse(text, languages=["id", "en"], settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises assorted errors (overflow, regex, locale) on odd strings
        return None
    return when.date().isoformat() if when else None


def has_month_word(line: str) -> bool:
    """Whether a line names a month (a cue that a date line the patterns missed may still be a date)."""
    return any(w.lower() in MONTHS for w in re.findall(r"[A-Za-z]+", line))


def looks_like_date_line(line: str) -> bool:
    """A short line that carries a date stamp and little else (not a body sentence or a headline with a date).

    Besides the date it must show a time, a weekday, a 'published/updated' label, or almost nothing else.
    """
    if len(line) > 140 or _SENTENCE_END.search(line):
        return False
    stamp = _DATE.search(line)
    cue = bool(_WEEKDAY.search(line) or _UPDATED.search(line) or _PUBLISHED.search(line))
    if not stamp:
        return len(line) <= 60 and cue and has_month_word(line) and bool(_YEAR.search(line))
    rest = len(re.findall(r"[^\W\d_]+", _WEEKDAY.sub(" ", _DATE.sub(" ", line))))
    return rest <= 10 and (cue or bool(stamp.group("H")) or rest <= 2)


def find_dates(meta_lines: list[str], url: str | None, default_tz: str | None = None, outlet: str | None = None) -> Dates:
    """Published/updated from the page's date lines, else the date in the URL; None when the page does not tell."""
    found = Dates()
    for line in meta_lines:
        stamps = parse_dates(line, default_tz, outlet)
        if not stamps and has_month_word(line):
            when = _fallback_date(line)
            stamps = [("", when)] if when else []
        for kind, iso in stamps:
            if kind == "updated":
                found.updated = found.updated or iso
            elif found.published is None:
                found.published = iso
    if found.published is None and url:
        m = _URL_DATE.search(urlsplit(url).path if "//" in url else url)
        if m:
            found.published = _iso(int(m[1]), int(m[2]), int(m[3]), None, None, None, None)
    return found


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
            name = re.split(r"\s+(?:diperbarui|diterbitkan|pada|-|–|\|)\s*", name.strip(), maxsplit=1)[0].strip(" ,-|")
            if name and name not in authors and len(name) <= 60:
                authors.append(name)
    return authors


_OUTLET_PART = re.compile(r"(?i)^(?:\(?antara\)?|viva|voa|[\w-]+(?:\.[a-z]{2,4}){1,2})$")


def dateline_place(dateline: str) -> str | None:
    """The place of a dateline, without its outlet: 'TOKYO, Berita.com' and 'Berita.com, Tokyo' -> the city.

    Indonesian datelines put the place first ('Jakarta, CNN Indonesia'); a part that looks like a host or a
    news agency is the outlet wherever it stands; a dateline that is only an outlet has no place.
    """
    parts = [p.strip(" ()") for p in re.split(r"[,(|]", dateline) if p.strip(" ()")]
    places = [p for p in parts if not _OUTLET_PART.match(p)]
    return places[0] if places else None


def split_dateline(text: str) -> tuple[str | None, str]:
    """'PYONGYANG - Media …' -> ('PYONGYANG', 'Media …'); text without a dateline comes back unchanged."""
    m = _DATELINE.match(text)
    if not m or len(m.group("dl")) > 50:
        return None, text
    return m.group("dl").strip(), text[m.end() :]
