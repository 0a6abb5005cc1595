"""HTML to paragraph lines plus head metadata (part of the parse stage), so that HTML joins the plain-text path.

resiliparse (a C++ parser with a main-content extractor) gives the article's block lines at several hundred pages
per second; trafilatura takes over when that output fails the sanity checks (too short, too little prose, too many
button-length lines) or the page nests too deep for resiliparse's heuristics, and a
plain one-block-per-line dump (resiliparse without its main-content heuristics) when neither finds anything. The
head's headline, dates, authors and site name come from trafilatura's metadata functions (meta tags, JSON-LD,
<title>, <h1>) and htmldate, not from hand-written XPath.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

from kronik import outlets
from kronik.model import Head

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SKIP_ELEMENTS = (
    "[class*=caption]", "[class*=credit]", "[class*=gallery]", "[class*=share]", "[class*=newsletter]", "[class*=popular]",
    "[class*=related]", "[class*=read-also]", "[class*=baca-juga]", "[class*=bacajuga]",
)
"""CSS class names of page furniture that a main-content extractor may keep inside the article: photo captions and
credits, galleries, share bars, newsletter boxes, popular/related lists ('baca juga' is Indonesian for 'read also')."""
MIN_CHARS = 400
"""Main content shorter than this is suspect: trafilatura is asked instead."""
MIN_PROSE_SHARE = 0.5
"""Share of the main content's characters in prose-length lines (PROSE_WORDS words or more) below which the fast
extractor is taken to have caught menus or lists instead of the article, and trafilatura is asked instead."""
PROSE_WORDS = 12
MAX_SHORT_SHARE = 0.45
"""Share of the main content's lines with fewer than SHORT_WORDS words (buttons, menu items, link lists) above which
the fast extractor is taken to have kept the page's furniture. On the ScrapingHub benchmark this sends 7% of the
pages to trafilatura and lifts body F1 by .003 (trafilatura is better on most of those pages, worse on the rest)."""
SHORT_WORDS = 5

MAX_SITE_WORDS = 4
"""A title part behind a '|' this short is a site or section name ('Judul | Kabar Harian')."""
MAX_SECTION_WORDS = 2
"""A title part before a '|' this short is a section name ('Dunia | Judul')."""
MAX_TAGS_UNCHECKED = 20_000
"""Pages with more tags than this are checked for runaway nesting before resiliparse's main-content heuristics,
whose cost grows with the square of the nesting depth (100,000 unclosed <div>s: minutes)."""
MAX_UNCLOSED = 1_000
"""Container tags opened but never closed beyond this: the page goes to trafilatura, whose lxml tree caps the depth."""

_OPENED = re.compile(r"<(?:div|span|section|article|table|font|blockquote|ul|ol|b|i|a|em|strong)[\s>]", re.IGNORECASE)
_CLOSED = re.compile(r"</(?:div|span|section|article|table|font|blockquote|ul|ol|b|i|a|em|strong)\s*>", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[-|–—•»]\s+|\s*[|:]\s+")
_DATE_ONLY = re.compile(r"\d{4}-\d\d-\d\d")


def _site_names(sitename: str | None, url: str | None) -> set[str]:
    host = outlets.host_of(url) or ""
    names = {sitename or "", outlets.outlet_from_host(url) or "", host, host.split(".")[0] if host else ""}
    return {n.casefold() for n in names if len(n) >= 3}


def _is_site(part: str, names: set[str]) -> bool:
    low = part.strip().casefold()
    return bool(low) and (
        low in names
        or any(low in n or n in low for n in names if len(low) >= 3)
        or (bool(outlets.outlet_from_text([part])) and len(part.split()) <= 4)
        or bool(re.fullmatch(r"[\w-]+(\.[a-z]{2,4}){1,2}", low))
    )


def strip_site_suffix(title: str, sitename: str | None = None, url: str | None = None) -> str:
    """'Kim Bertemu Xi - Kompas.com' -> 'Kim Bertemu Xi', 'KapanLagi.com: Judul' -> 'Judul': drop leading and
    trailing parts that name the site (a known or the URL's outlet, a host name, or a short part behind a '|', which
    headlines do not use); the rest of the headline keeps its own separators ('FOTO: …', 'AS - China …')."""
    title = " ".join(title.split())
    names = _site_names(sitename, url)
    cuts = [(m.start(), m.end(), "|" in m.group(0)) for m in _SEPARATOR.finditer(title)]
    start, end = 0, len(title)

    def site(part: str, pipe: bool, most: int) -> bool:
        return _is_site(part, names) or (pipe and len(part.split()) <= most)

    while cuts and site(title[cuts[-1][1] : end], cuts[-1][2], MAX_SITE_WORDS) and len(title[start : cuts[-1][0]].split()) >= 2:
        end = cuts.pop()[0]
    while cuts and site(title[start : cuts[0][0]], cuts[0][2], MAX_SECTION_WORDS) and len(title[cuts[0][1] : end].split()) >= 2:
        start = cuts.pop(0)[1]
    return title[start:end].strip()


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def headline(h1: str | None, meta_title: str | None, title_tag: str | None, sitename: str | None, url: str | None) -> str | None:
    """The headline the page's markup agrees on: its <h1> when the <title> or og:title/JSON-LD headline holds it (an
    <h1> alone may be a logo or a section name), else the og:title/JSON-LD headline, else the <title>, each with the
    site name stripped."""
    stripped = [strip_site_suffix(t, sitename, url) for t in (meta_title, title_tag) if t and t.strip()]
    agreed = h1 and len(h1.split()) >= 3 and any(_key(h1) in _key(t) for t in (meta_title, title_tag) if t)
    if agreed and h1 and not _is_site(h1, _site_names(sitename, url)):
        return " ".join(h1.split())
    return next((t for t in stripped if len(t.split()) >= 2), None) or (" ".join(h1.split()) if h1 else None)


def _authors(author: str | None) -> list[str]:
    if not author:
        return []
    return [a.strip() for a in re.split(r";|\s+and\s+|\s+dan\s+|,\s*(?=[A-Z])", author) if a.strip()]


def head_of(tree: HtmlElement, url: str | None) -> Head:
    """Headline, publication and update dates, authors and site name from the head's meta tags, JSON-LD, <title>
    and <h1> (trafilatura's metadata functions) and htmldate (its fast search: markup, not the text)."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, examine_title_element, extract_meta_json, extract_title, extract_url

    found = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader raises on odd structures; the meta tags still count
        found = extract_meta_json(tree, found)
    title_tag = examine_title_element(tree)[0] or None
    h1 = extract_title(tree)
    sitename = (found.sitename or "").lstrip("@") or None
    own = found.url or extract_url(tree)  # og:url, else <link rel=canonical>
    own = own if own and re.match(r"https?://", own) else None
    head = Head(title=headline(h1, found.title, title_tag, sitename, url), authors=_authors(found.author), sitename=sitename,
                url=own)
    published = find_date(tree, extensive_search=False, original_date=True)
    updated = find_date(tree, extensive_search=False, original_date=False) if published else None  # no stamp, no update
    head.published = published if published and _DATE_ONLY.fullmatch(published) else None
    head.updated = updated if updated and _DATE_ONLY.fullmatch(updated) and updated != head.published else None
    return head


def _plain_text(html: str, main_content: bool) -> str:
    """resiliparse's text of a page, one block a line, without list bullets, alt texts, comments or post meta: its
    main content (furniture classes skipped), or every block of the page (the dump, linear in any nesting)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return str(extract_plain_text(
        HTMLTree.parse(html), preserve_formatting=True, main_content=main_content, list_bullets=False, alt_texts=False,
        links=False, form_fields=False, noscript=False, comments=False, post_meta=False,
        skip_elements=list(SKIP_ELEMENTS) if main_content else None,
    ))


def too_deep(html: str) -> bool:
    """Whether a page nests so deep (tags opened and never closed) that main-content heuristics would take minutes."""
    if html.count("<") <= MAX_TAGS_UNCHECKED:
        return False
    return len(_OPENED.findall(html)) - len(_CLOSED.findall(html)) > MAX_UNCLOSED


def sane(text: str) -> bool:
    """Whether a main-content text looks like an article: long enough, mostly prose, few button-length lines."""
    if len(text) < MIN_CHARS:
        return False
    lines = [ln for ln in text.split("\n") if ln.strip()]
    words = [len(ln.split()) for ln in lines]
    prose = sum(len(ln) for ln, n in zip(lines, words, strict=True) if n >= PROSE_WORDS) / sum(len(ln) for ln in lines)
    short = sum(n < SHORT_WORDS for n in words) / len(lines)
    return prose >= MIN_PROSE_SHARE and short <= MAX_SHORT_SHARE


def _trafilatura_text(tree: HtmlElement, url: str | None) -> str:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(tree, url=url, include_comments=False, include_tables=True, with_metadata=False, fast=True)
    except Exception:  # trafilatura raises assorted errors on broken markup; the dump still works
        return ""
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _tree(html: str) -> HtmlElement | None:
    """The lxml tree of a page (lxml directly: trafilatura's loader re-checks what the reader already decoded),
    through trafilatura's tolerant loader when lxml refuses the markup; None when neither can read it."""
    import lxml.html
    from trafilatura.utils import load_html

    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return load_html(html)


EXTRACTORS = ("auto", "resiliparse", "trafilatura")
"""'auto' is the pipeline's path (resiliparse, trafilatura when the sanity checks fail); the others force one
extractor, for the cleaning benchmark's side-by-side figures."""


def extract(html: str, url: str | None, extractor: str = "auto") -> tuple[str, Head, bool]:
    """Main text (paragraph lines), the head's metadata, and whether the text is an extractor's main content
    (False for the plain dump of a page where no extractor found anything)."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown HTML extractor {extractor!r}; one of {', '.join(EXTRACTORS)}")
    if not html.strip():
        return "", Head(), False
    text = ""
    if extractor != "trafilatura" and not too_deep(html):
        with contextlib.suppress(Exception):  # resiliparse refuses some malformed documents; trafilatura and the dump remain
            text = _plain_text(html, main_content=True)
    tree = _tree(html)
    if tree is None:
        return text, Head(), bool(text.strip())
    head = head_of(tree, url)
    if extractor == "trafilatura" or (extractor == "auto" and not sane(text)):
        text = _trafilatura_text(tree, url) or text  # trafilatura prunes the tree: nothing reads it afterwards
    if not text.strip():
        return _plain_text(html, main_content=False), head, False
    return text, head, True
