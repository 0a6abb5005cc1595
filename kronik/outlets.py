"""Outlets: the table of known news hosts (kronik/data/outlets.tsv) and the outlet named in page furniture.

A leaf module: the parse, clean and metadata stages all look outlets up here, none through another stage.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from kronik.datafiles import rows
from kronik.rx import Rx

_DOMAIN = Rx(r"(?i)\b([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.id|co\.kr|co|id|net|org|tv|news))\b")
_GLUED = Rx(r"([a-z])([A-Z])")
_SECOND_LEVEL = {"co", "or", "go", "ac", "web", "my", "sch", "com", "net", "org", "ne"}


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
def _outlet_names() -> Rx:
    """Every outlet name of the table, as written or in capitals, as whole words (longest first)."""
    names = {name for name, _ in _outlets().values()}
    forms = sorted({form for name in names for form in (name, name.upper())}, key=len, reverse=True)
    return Rx(r"(?<![\w.])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def outlet_from_text(lines: list[str]) -> str | None:
    """Outlet named in page furniture (dateline, copyright line, menus): a known host or outlet name.

    A name is looked for in the line with glued words spaced ('BeritaKita' -> 'Berita Kita'), then in the line as
    it is (searched once when spacing changed nothing); a host only in a line with a dot."""
    names = _outlet_names()
    for line in lines:
        if "." in line:
            for dom in _DOMAIN.findall(line):
                hit = _lookup(dom.lower())
                if hit:
                    return hit[0]
        spaced = _GLUED.sub(r"\1 \2", line)
        m = names.search(spaced) or (names.search(line) if spaced != line else None)
        if m:
            by_upper = {name.upper(): name for name, _ in _outlets().values()}
            return by_upper.get(m.group(1).upper(), m.group(1))
    return None


_PHOTO_CREDIT = Rx(r"(?i)\b(?:foto|photo|dok|dokumentasi)\s*[/:]|\bvia\s+(?:reuters|afp|ap|antara)\b|/\s*(?:reuters|afp|ap)\b")
"""A photo credit ('ANTARA FOTO/…', 'Foto: …', '… via REUTERS'): names an agency, never the page's outlet."""
_COPYRIGHT = Rx(
    r"(?i)^\W{0,3}(?:copyright|hak\s+cipta)?\s*(?:©|\(c\)|copyright)\s*(?:copyright\s*)?"
    r"(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(?P<n>\S.*)$"
)
_COPYRIGHT_TAIL = Rx(
    r"(?i)\s*(?:[.,|–—]\s|\s-\s|[.,]$|\|)|\s+(?:all\s+rights|seluruh\s+hak|hak\s+cipta|dilindungi)"
)
_LEGAL_FORM = Rx(r"(?i)^(?:PT\.?\s+)|(?:,?\s+Tbk\.?|\s+(?:Inc|Ltd|LLC)\.?)$")
_DATELINE_OUTLET = Rx(
    r"""(?x)^(?P<a>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})\s*,\s*
        (?P<b>[A-Z0-9][\w.'-]*(?:\s[A-Z0-9][\w.'-]*){0,3})\s*(?:--?|–|—)\s+(?=\S)"""
)
_SYNDICATED = Rx(
    r"\b(?i:(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+|sudah\s+)?(?:tayang|terbit|dimuat)\s+(?:di|pada))\s+"
    r"(?P<n>[A-Za-z0-9][\w.'-]*(?:\s[A-Z0-9][\w.'-]*){0,3})"
)
_HOSTLIKE = Rx(r"(?i)\.(?:com|co\.id|id|co|net|org|tv|news)$")


def _outlet_name(text: str) -> str | None:
    """A plausible outlet name: 1-4 words, a capital or digit first, not a photo credit."""
    name = _LEGAL_FORM.sub("", text.strip(" .,-|–—:")).strip(" .,-|–—:")
    if not name or len(name) > 40 or len(name.split()) > 4 or _PHOTO_CREDIT.search(name) or "/" in name:
        return None
    if not (name[0].isupper() or name[0].isdigit() or _HOSTLIKE.search(name)):
        return None
    return name


_YEAR_SUFFIX = Rx(r"\s*(?:19|20)\d\d$")


def _copyright_outlet(line: str) -> str | None:
    """'© 2025 Warta Nusantara', 'Copyright © 2024 PT Media Contoh. All rights reserved' -> the holder's name."""
    m = _COPYRIGHT.match(line.strip())
    if not m or len(line) > 160:
        return None
    holder = _COPYRIGHT_TAIL.split(m.group("n"), maxsplit=1)[0]
    holder = _YEAR_SUFFIX.sub("", holder)
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

