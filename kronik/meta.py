"""Metadata stage: Page + Cleaned -> Article. Outlet, authors, and the publication and update dates with their source.

`published` comes, in order of trust, from the HTML head (meta tags, JSON-LD: 'meta'), a date line on the page
('dateline'), a date in the URL ('url'), a reporting formula in the lead ('lead'); it stays null where nothing on
the page tells. Dates mentioned inside body sentences are never taken, except through the lead formulas of
date_from_text, which the event coder may call too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kronik import furniture, outlets
from kronik.model import BODY, BOILERPLATE, META, Article, Cleaned, Page

_URL_DATE = re.compile(r"/((?:19|20)\d\d)/?(0[1-9]|1[0-2])/?(0[1-9]|[12]\d|3[01])(?=/)")


@dataclass(slots=True)
class Dates:
    """Publication and update stamps found in a page (ISO 8601 strings or None)."""

    published: str | None = None
    updated: str | None = None


def find_dates(meta_lines: list[str], url: str | None, default_tz: str | None = None, outlet: str | None = None) -> Dates:
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
        m = _URL_DATE.search(urlsplit(url).path if "//" in url else url)
        if m:
            found.published = furniture.iso_date(int(m[1]), int(m[2]), int(m[3]))
    return found


def _header_first(texts: list[str], labels: list[str], title_at: int | None) -> list[str]:
    """Meta lines, those between the headline and the body first: a sidebar's dates must not win."""
    start = title_at or 0
    first_body = next((i for i, label in enumerate(labels) if label == BODY), len(labels))
    found = [(not start <= i < max(first_body, start + 1), i) for i, label in enumerate(labels) if label == META]
    return [texts[i] for _, i in sorted(found)]


def article(page: Page, cleaned: Cleaned) -> Article:
    """The Article: the cleaned body and headline with the outlet, authors and dates read from the labelled lines."""
    url, head = page.url, page.head
    meta_lines = _header_first(cleaned.lines, cleaned.labels, cleaned.title_at)
    outlet = outlets.outlet_from_host(url) or head.sitename
    if not outlet:
        lines = [t for t, label in zip(cleaned.lines, cleaned.labels, strict=True) if label in (META, BOILERPLATE)]
        lead = cleaned.dateline or (cleaned.paragraphs[0] if cleaned.paragraphs else None)
        outlet = outlets.outlet_from_furniture(lines, lead)
    tz = outlets.outlet_tz(url) if url else outlets.tz_of_outlet(outlet)
    dates = find_dates(meta_lines, url, tz, outlet)
    return Article(
        id=page.id,
        url=url,
        language=cleaned.language,
        outlet=outlet,
        title=cleaned.title,
        authors=furniture.find_authors(meta_lines) or head.authors,
        published=dates.published or head.published,
        updated=dates.updated,
        paragraphs=cleaned.paragraphs,
        dateline=cleaned.dateline,
        reference_date=page.reference_date,
    )
