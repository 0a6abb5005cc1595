"""URLs as `kronik watch` keys and filters them, with courlan: one spelling per page, and no fetching of what is
plainly not an article (images, PDFs, feeds, tag and category pages, login and search pages)."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from courlan.clean import normalize_url
from courlan.filters import basic_filter, extension_filter, is_not_crawlable, type_filter, validate_url


def normalize(url: str, base: str | None = None) -> str | None:
    """The URL kronik stores and requests: resolved against `base`, scheme and host lower-cased, default port,
    fragment and tracking parameters (utm_*, fbclid, ...) dropped; None for what is not an http(s) URL."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    valid, parts = validate_url(url)
    if not valid or parts is None:
        return None
    try:
        return urldefrag(normalize_url(parts))[0]
    except ValueError:
        return None


def article_like(url: str) -> bool:
    """Could be an article page: a plausible http(s) URL of an HTML page that is no home page, feed, tag, category
    or archive page, nor a login page (courlan's filters)."""
    valid, parts = validate_url(url)
    return (valid and parts is not None and bool(parts.path.strip("/") or parts.query) and basic_filter(url)
            and extension_filter(parts.path) and type_filter(url) and not is_not_crawlable(url))
