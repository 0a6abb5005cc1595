"""Parse stage: RawDoc -> Page, the document as normalised text lines plus what its HTML head said.

Plain text is only normalised; HTML is first reduced to its main content's lines and head metadata by
kronik.htmltext. Either way the page is cut to Settings.max_bytes and a store's " date YYYY-MM" prefix
becomes the reference date. Nothing here judges a line: that is the clean stage's work.
"""

from __future__ import annotations

import re

from kronik.htmltext import extract
from kronik.model import Head, Page, RawDoc
from kronik.settings import Settings

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b]")
_OTHER_SPACES = "\t\u00a0\u2007\u202f\u2009\u3000"
"""Spaces other than the ordinary one, which normalise turns into it."""
_SPACES = re.compile(f"[ {_OTHER_SPACES}]+")
_STORE_PREFIX = re.compile(r"^\s*date ((?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)\b\s*")


def cut(text: str, max_bytes: int) -> str:
    """At most max_bytes of UTF-8, cut on a character boundary; encoding is skipped when it cannot be too long."""
    if len(text) * 4 <= max_bytes:
        return text
    data = text.encode("utf-8", "ignore")
    return data[:max_bytes].decode("utf-8", "ignore") if len(data) > max_bytes else text


def normalise(text: str) -> str:
    """One kind of line break, no control characters, single ordinary spaces (scraped text mixes them all)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n"))
    if "  " not in text and not any(c in text for c in _OTHER_SPACES):
        return text  # every run of spaces is one ordinary space already: the substitution would rebuild the same text
    return _SPACES.sub(" ", text)


def parse(raw: RawDoc, settings: Settings) -> Page:
    """The document's lines and head metadata; never raises on odd input."""
    head, extracted = Head(), False
    text = raw.text or ""
    if raw.text is None and raw.html:
        text, head, extracted = extract(cut(raw.html, settings.max_bytes), raw.url, settings.html_extractor)
    text = normalise(cut(text, settings.max_bytes))
    reference_date = None
    m = _STORE_PREFIX.match(text)
    if m:
        reference_date, text = m.group(1), text[m.end() :]
    return Page(id=raw.id, url=raw.url or head.url, lines=text.split("\n"), head=head, extracted=extracted,
                reference_date=reference_date)
