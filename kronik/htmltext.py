"""HTML to paragraph lines plus head metadata (part of the parse stage), so that HTML joins the plain-text path.

trafilatura finds the main text (one line per paragraph) and the head metadata; when it finds nothing,
a plain lxml text dump (one line per block element) goes through the same cleaner instead.
"""

from __future__ import annotations

import re

from kronik import outlets
from kronik.model import Head

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section",
        "article", "header", "footer", "aside", "nav", "blockquote", "pre", "figure", "figcaption", "dd", "dt",
    }
)
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—•»:]\s+")


def _site_names(sitename: str | None, url: str | None) -> set[str]:
    names = {sitename or "", outlets.outlet_from_host(url) or "", outlets.host_of(url) or ""}
    return {n.casefold() for n in names if n}


def strip_site_suffix(title: str, sitename: str | None = None, url: str | None = None) -> str:
    """'Kim Bertemu Xi - Kompas.com' -> 'Kim Bertemu Xi': drop a trailing (or leading) part naming the site."""
    parts = _TITLE_SEPARATOR.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    names = _site_names(sitename, url)

    def is_site(part: str) -> bool:
        low = part.strip().casefold()
        return bool(low) and (
            low in names
            or any(low in n or n in low for n in names if len(n) >= 3 and len(low) >= 3)
            or (bool(outlets.outlet_from_text([part])) and len(part.split()) <= 4)
            or bool(re.fullmatch(r"[\w-]+(\.[a-z]{2,4}){1,2}", low))
        )

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    return " - ".join(p.strip() for p in parts)


def _dump(html: str) -> str:
    """Every block element's text on its own line, scripts and styles dropped."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    return str(tree.text_content())


def extract(html: str, url: str | None) -> tuple[str, Head, bool]:
    """Main text (paragraph lines), the head's title, date, author and site name, and whether the text is an
    extractor's main content (False for the plain dump of a page where the extractor found nothing)."""
    from trafilatura import bare_extraction

    hints = Head()
    doc = None
    if html.strip():
        try:
            doc = bare_extraction(
                html,
                url=url,
                include_comments=False,
                include_tables=True,
                with_metadata=True,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception:  # trafilatura raises assorted errors on broken markup; the dump below still works
            doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if doc is not None:
        hints.sitename = getattr(doc, "sitename", None) or None
        title = getattr(doc, "title", None)
        hints.title = strip_site_suffix(title, hints.sitename, url) if title else None
        date = getattr(doc, "date", None)
        hints.published = date if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None
        author = getattr(doc, "author", None)
        hints.authors = [a.strip() for a in re.split(r";|\s+and\s+|,\s*(?=[A-Z])", author) if a.strip()] if author else []
    if not text.strip():
        return (_dump(html) if html.strip() else ""), hints, False
    return text, hints, True
