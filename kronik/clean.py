"""Clean stage: Page -> Cleaned. Labels every line (body, title, meta, caption, boilerplate), keeps the body.

Plain text and HTML share one path: the parse stage reduced HTML to paragraph lines, and every page goes
through the same line classifier. The classifier uses general signals only, never page-specific
strings: line length and ending punctuation, the share of Indonesian function words, repetition inside the
page (a repeated line is a caption or title echo), caption/credit/furniture patterns (kronik/data/boilerplate.tsv),
position relative to the first body line (the headline and bylines come before it) and to the densest block
of body lines (a lone sentence beyond the related links is a promo). Text that trafilatura already cleaned
(HTML input) in a language other than Indonesian/Malay gets only the language-neutral rules. Reading the
metadata from the labelled lines is the next stage's work (kronik.meta).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from urllib.parse import urlsplit

from kronik import datafiles, furniture, lang
from kronik.datafiles import rows
from kronik.model import BLANK, BODY, BOILERPLATE, CAPTION, META, TITLE, Cleaned, Head, Page
from kronik.rx import Rx

INDONESIAN = frozenset({"id", "ms", "jv", "su"})
"""Languages whose lines are judged with the Indonesian function-word signal."""

MAX_PATTERN_WORDS = 40
"""Furniture patterns (but credits) are tried only on lines this short: a long line is prose even if it says 'cookie'."""
MAX_GAP = 6
"""Boilerplate lines (ads, links, video boxes) that may sit between two paragraphs of one article body."""
STRAY_MAX_WORDS = 30
"""A lone prose line this short, away from the article body, is a promo or notice."""
MAX_HEADING_WORDS = 6
"""Section headings inside an article are this short; a related-article headline is longer."""
MAX_HEADLINE_WORDS = 25
"""Headlines are shorter than this; a longer line under 'Baca juga:' is the body going on."""
SLUG_MIN_WORDS = 3
"""A URL path segment with fewer words is an id or a section, not a slug made from the headline."""
SLUG_MIN_COVER = 0.75
"""Share of the slug's words a headline line must hold (slugs drop a few words, or cut a long headline)."""
SLUG_MIN_PRECISION = 0.5
"""Share of the line's words the slug must hold (a breadcrumb or a lede restating the headline holds more)."""
BYLINE_LABELS = frozenset({"penulis", "reporter", "wartawan", "editor", "jurnalis"})
"""A lone label line under which some outlets print the author's name on the line above."""

_GLUED_NAV = Rx(r"[a-z][A-Z][a-z]")
_WORD = Rx(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_ASCII_WORD = Rx(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")
"""_WORD for ASCII text (on ASCII, letters but digits and '_' are A-Z and a-z): ranges test faster than the negated
classes, even those of _WORD's ASCII twin (a seventh less time)."""
_EDITOR_INITIALS = Rx(r"\s*[\[(](?:[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*|\*)[\])]\s*$")
_BYLINE_ALONE = Rx(r"^\((?:[A-Z][\w.'-]*\s?){1,4}\)$")
_READ_ALSO = Rx(r"(?i)^(baca|lihat|simak)( juga| pula)?\s*:?$")
_VERB = Rx(r"(?:me[mnr]?|meng|meny|di|ber|ter)[a-z]{3,}(?:kan|i|nya)?")
"""A lower-case affixed verb ("menuding", "diterima"): a short line with one is a sentence, not a menu or a label."""
_TRUNCATED = Rx(r"\s*(?:\.{3}|…)\s*$")
_ELLIPSES = ("...", "…")
_SLUG_WORD = Rx(r"[a-z0-9]+")
_STOPS = (".", "!", "?")
_ENDINGS = (*_STOPS, "…")
_QUOTES = ("'", '"', "”", "’")
_CLOSERS = "'\"”’)]"
_TRAILING_PUNCT = " \t.!?:;,…\"'“”‘’"
_TRAILING_CREDIT = Rx(r"\s*\([^()]{1,30}\)$")
_BULLETS = ("-", "–", "—", "•", "·", "*", ">")
_LEADING_BULLET = Rx(rf"^[{re.escape(''.join(_BULLETS))}]+\s*")
_SENTENCE_INSIDE = Rx(r"[a-z]{3}[.!?]\s+[A-Z]")
_BREADCRUMB = Rx(r"[>»›]")


@dataclass(slots=True)
class _Line:
    text: str
    label: str = BODY
    words: int = 0
    prose: bool = False
    title_like: bool = False
    caps: float = 0.0


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    words = datafiles.text("function_words_id.txt")
    return frozenset(w.strip().lower() for w in words.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[tuple[Rx, bool], ...]]:
    """The patterns of kronik/data/boilerplate.tsv by label, each with whether it is matched case-sensitively.

    Patterns are written in lower case and matched against the lower-cased line: one small regex at a time
    on lower-cased text is several times faster than one big case-insensitive alternation. Patterns with a
    case-sensitive part '(?-i:…)' are compiled case-insensitively and see the line as it is.
    """
    by_label: dict[str, list[tuple[Rx, bool]]] = {}
    for label, pattern in rows("boilerplate.tsv"):
        cased = "(?-i:" in pattern
        by_label.setdefault(label, []).append((Rx(pattern, re.IGNORECASE) if cased else Rx(pattern), cased))
    return {label: tuple(patterns) for label, patterns in by_label.items()}


@lru_cache(maxsize=1)
def _checks() -> dict[str, tuple[tuple[Rx, bool], ...]]:
    """_patterns() arranged for speed, with the same outcome (whether any pattern of a label matches): the label's
    lower-case patterns anchored at the start (`Rx.anchored`) are joined into one ('^(?:a|b)': still one attempt at
    the start, one call instead of many); every other pattern skips its search where the line lacks its needles
    (`Rx`), and most lines hold none of them."""
    out: dict[str, tuple[tuple[Rx, bool], ...]] = {}
    for label, patterns in _patterns().items():
        starts = [p for p, cased in patterns if not cased and p.anchored]
        joined = [Rx("^(?:" + "|".join(f"(?:{p.pattern[1:]})" for p in starts) + ")")] if len(starts) > 1 else starts
        out[label] = (*((p, False) for p in joined), *((p, cased) for p, cased in patterns if cased or p not in starts))
    return out


def _matches(label: str, text: str, lower: str) -> bool:
    return any(pattern.search(text if cased else lower) for pattern, cased in _checks()[label])


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """Comparison key for repetition: case, spacing, trailing punctuation and a trailing credit ('(AP)') ignored,
    so a headline echoed as a photo caption with its credit counts as repeated. Cached: each line is keyed several
    times (counts, echoes, headline candidates)."""
    key = " ".join(text.casefold().split())
    if key.endswith(")"):
        key = _TRAILING_CREDIT.sub("", key)
    return key.rstrip(_TRAILING_PUNCT)


def _truncated(text: str) -> bool:
    """Whether _TRUNCATED matches: the line ends in an ellipsis but for whitespace (str.rstrip and re's \\s strip
    the same characters), without a regex search tried at every position of the line."""
    return text.rstrip().endswith(_ELLIPSES)


def _terminated(text: str) -> bool:
    """Whether the line ends like a sentence: '.', '!', '?' or '…' under closing quotes and brackets ('."', '?)'),
    or '.', '!', '?' and at most one quote before a short parenthesis ('… ditolak. (AP)'); spaces may follow.
    Read from the line's end with string tests, not a regex search tried at every stop in the line."""
    tail = text.rstrip()
    if tail.rstrip(_CLOSERS).endswith(_ENDINGS):
        return True
    start = tail.rfind("(")
    if start < 0 or not tail.endswith(")") or not 1 <= len(tail) - start - 2 <= 30 or ")" in tail[start + 1 : -1]:
        return False
    before = tail[:start].rstrip()
    return (before[:-1] if before.endswith(_QUOTES) else before).endswith(_STOPS)


def _features(line: _Line, indonesian: bool, conservative: bool) -> None:
    """Prose or not, and title-like or not, from the line alone."""
    text = line.text
    words = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    n = len(words)
    line.words = n
    line.caps = sum(map(str.isupper, map(itemgetter(0), words))) / n if n else 1.0
    terminated = _terminated(text) and not (n < 15 and _truncated(text))
    glued = not conservative and not terminated and len(_GLUED_NAV.findall(text)) >= 2
    if indonesian and not conservative:
        if glued or n < 4 or (terminated and n >= 15):  # settled without the function words (most body lines)
            line.prose = not glued and n >= 4
        else:
            function_words = _function_words()
            fw = sum(w.lower() in function_words for w in words) / n
            caps = line.caps
            line.prose = (
                (terminated and (fw >= 0.08 or (n >= 8 and caps < 0.5) or (n >= 5 and any(_VERB.fullmatch(w) for w in words[1:]))))
                or (n >= 10 and fw >= 0.15 and caps < 0.5)
                or (text.endswith(":") and n >= 8 and fw >= 0.1)
            )
    else:
        line.prose = not glued and ((terminated and n >= 3) or n >= 12 or (conservative and (n >= 2 or terminated)))
    line.title_like = (
        not glued and 3 <= n <= 30 and len(text) >= 15 and not text.endswith(".") and not text.isupper() and "|" not in text
    )


@lru_cache(maxsize=8192)
def _pattern_label(text: str, words: int) -> str | None:
    """The label the furniture patterns give a line, if any. Cached: a site prints the same menus, notices and
    credit lines on every page."""
    if text.startswith(_BULLETS):
        text = _LEADING_BULLET.sub("", text)
    lower = text.lower()
    if _matches(CAPTION, text, lower):
        return CAPTION
    if words > MAX_PATTERN_WORDS:
        return None
    for label in (BOILERPLATE, META):
        if _matches(label, text, lower):
            return label
    if _BYLINE_ALONE.match(text):
        return META
    return None


def _doubled(text: str) -> bool:
    """A caption printed twice on one line ('X. (KCNA via AFP) X. (KCNA via AFP)')."""
    half = len(text) // 2
    return len(text) >= 40 and text[:half].strip() == text[half:].strip()


def _mark_bylines(lines: list[_Line]) -> None:
    """A short name line above a lone 'Penulis' label is a byline."""
    content = [i for i, ln in enumerate(lines) if ln.label != BLANK]
    for k, i in enumerate(content[1:], 1):
        prev = lines[content[k - 1]]
        if prev.label == BODY and not prev.prose and prev.words <= 5 and lines[i].text.casefold() in BYLINE_LABELS:
            prev.label = META


_OPENS_SENTENCE = Rx(r"[\"“'‘A-Z]")


def _keep_cut_tail(lines: list[_Line]) -> None:
    """The page's last line, cut mid-sentence by the crawler right after a body line, is still body."""
    content = [i for i, ln in enumerate(lines) if ln.label != BLANK]
    if len(content) >= 2:
        last, prev = lines[content[-1]], lines[content[-2]]
        cut_sentence = last.words >= 4 and (last.caps < 0.6 or ". " in last.text) and _OPENS_SENTENCE.match(last.text)
        if last.label == BODY and prev.label == BODY and prev.prose and cut_sentence:
            last.prose = True


def _mark_read_also_headlines(lines: list[_Line]) -> None:
    """The line under a bare 'Baca juga:' is the linked headline, even when it ends like a sentence."""
    content = [i for i, ln in enumerate(lines) if ln.label != BLANK]
    for k, i in enumerate(content[:-1]):
        nxt = lines[content[k + 1]]
        if nxt.label == BODY and nxt.words <= MAX_HEADLINE_WORDS and _READ_ALSO.match(lines[i].text):
            nxt.label = BOILERPLATE


def _slug_words(url: str | None) -> list[str]:
    """The words of the URL's slug (the path segment with the most words; ids, extensions and numbers of more
    than three digits dropped); empty when the URL has no slug of at least three words."""
    if not url:
        return []
    try:
        path = urlsplit(url if "//" in url else "//" + url).path
    except ValueError:
        return []
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_WORD.findall(segment.lower().rsplit(".", 1)[0] if segment.count(".") == 1 else segment.lower())
                 if not (w.isdigit() and len(w) > 3)]
        if len([w for w in words if not w.isdigit()]) > len(best):
            best = words
    return best if len(best) >= SLUG_MIN_WORDS else []


_HYPHENED = Rx(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _slug_match(text: str, slug: list[str]) -> float:
    """How well a line echoes the URL slug: F1 of their word sets (a hyphenated word also counts joined, as slugs
    write 'keluarga-keluarga' as 'keluargakeluarga'); 0 below SLUG_MIN_COVER of the slug or SLUG_MIN_PRECISION of the line."""
    words = _SLUG_WORD.findall(text.lower())
    if not words or not slug:
        return 0.0
    have = set(words) | {w.replace("-", "") for w in _HYPHENED.findall(text.lower())}
    cover = sum(w in have for w in slug) / len(slug)
    precision = sum(w in set(slug) for w in words) / len(words)
    if cover < SLUG_MIN_COVER or precision < SLUG_MIN_PRECISION:
        return 0.0
    return 2 * cover * precision / (cover + precision)


def _headline_shaped(line: _Line) -> bool:
    """A line that may be a headline whatever its case or closing '?'/'!': 3-30 words, one sentence, no closing period."""
    text = line.text
    if _SENTENCE_INSIDE.search(text) or len(_BREADCRUMB.findall(text)) >= 2:
        return False
    if _TRAILING_CREDIT.sub("", _EDITOR_INITIALS.sub("", text)).rstrip().endswith("."):
        return False
    return line.title_like or (3 <= line.words <= MAX_HEADLINE_WORDS and len(text) >= 15 and "|" not in text)


def _choose_title(lines: list[_Line], first_body: int, counts: Counter[str], url: str | None) -> int | None:
    """Index of the headline among the lines before the body (the first body line included: a headline
    ending in '?' or '!' reads as a sentence).

    In order: the line that echoes the URL slug best; the longest headline-shaped line within three lines above
    a date or byline (breadcrumbs and a 'Name - Outlet' byline are shorter); one the page repeats (outlets echo
    the headline above the body); the line right above the body (a subtitle or caption may come between), or
    the earlier line it repeats with a credit added ('Judul (AP)'); the first line of the page when it reads as
    a headline and more body follows. Breadcrumbs ('Beranda > Dunia > Judul') and lines of two sentences are no
    headlines.
    """
    content = [j for j, ln in enumerate(lines) if ln.label != BLANK]
    body_at = content.index(first_body) if first_body in content else len(content)
    more_body = any(lines[j].label == BODY and lines[j].prose for j in content[body_at + 1 :])
    cands = [
        j for j in content[: body_at + (1 if more_body else 0)]
        if lines[j].label in (BODY, CAPTION) and _headline_shaped(lines[j]) and (lines[j].label == BODY or counts[_key(lines[j].text)] <= 2)
    ]
    slug = _slug_words(url)
    echoes = [(score, j) for j in cands if (score := _slug_match(lines[j].text, slug))]
    if echoes:
        return max(echoes)[1]
    nearest: list[tuple[int, int]] = []
    for j in cands:
        k = content.index(j)
        if k and content[k - 1] in cands and lines[content[k - 1]].caps >= 0.5 > lines[j].caps:
            continue  # a standfirst in sentence case under the headline
        gap = next((d for d, i in enumerate(content[k + 1 : k + 4]) if lines[i].label == META), None)
        if gap is not None:
            nearest.append((gap, j))
    if nearest:
        return min(nearest, key=lambda gj: (-lines[gj[1]].words, gj[0]))[1]
    for j in cands:
        if counts[_key(lines[j].text)] > 1:
            return j
    above = [j for j in cands if j < first_body and lines[j].label == BODY]
    if above and all(lines[i].label in (CAPTION, META) or (lines[i].label == BODY and not lines[i].prose and i == first_body - 1)
                     for i in content[content.index(above[-1]) + 1 : body_at]):
        last = _key(lines[above[-1]].text)
        return next(j for j in above if last.startswith(_key(lines[j].text)))
    headline_case = [j for j in above if lines[j].caps >= 0.5]
    if headline_case:
        return headline_case[0]
    top = lines[first_body] if first_body < len(lines) and more_body and body_at == 0 else None
    return first_body if top and _headline_shaped(top) and top.words <= MAX_HEADLINE_WORDS else None


def _is_echo(text: str, title_key: str) -> bool:
    key = _key(text)
    if key == title_key:
        return True
    if _truncated(text):
        stem = _key(_TRUNCATED.sub("", text))
        return len(stem) >= 10 and title_key.startswith(stem)
    return False


def classify(texts: list[str], language: str | None, head: Head, extracted: bool, url: str | None = None) -> tuple[list[_Line], int | None]:
    """Label every line (body, title, meta, caption, boilerplate, blank); also return the title's index.

    ``extracted`` marks lines an extractor already stripped of furniture: only conservative rules then apply
    to pages not in Indonesian, so the Indonesian-specific filters cannot cut real body lines elsewhere.
    """
    indonesian = language in INDONESIAN
    conservative = extracted and not indonesian
    lines = [_Line(raw.strip()) for raw in texts]
    counts = Counter(_key(ln.text) for ln in lines if len(ln.text) >= 15)
    repeated: list[int] = []
    for i, ln in enumerate(lines):
        if not ln.text:
            ln.label = BLANK
            continue
        _features(ln, indonesian, conservative)
        label = _pattern_label(ln.text, ln.words)
        if label:
            ln.label = label
        elif not ln.prose and (furniture.looks_like_date_line(ln.text) or furniture.find_authors([ln.text])):
            ln.label = META
        elif not conservative and (counts[_key(ln.text)] > 1 or _doubled(ln.text)):
            ln.label = CAPTION
            repeated.append(i)
    _mark_bylines(lines)
    _keep_cut_tail(lines)
    _mark_read_also_headlines(lines)
    title_key = _key(head.title) if head.title else None
    title_at: int | None = None
    if title_key is None:
        first_body = next((i for i, ln in enumerate(lines) if ln.label == BODY and ln.prose), len(lines))
        for i in repeated:
            if i < first_body and lines[i].title_like and counts[_key(lines[i].text)] == 2:
                lines[i].label = BODY
        title_at = _choose_title(lines, first_body, counts, url)
        if title_at is not None:
            title_key = _key(lines[title_at].text)
            lines[title_at].label = TITLE
    if title_key:
        for ln in lines:
            if ln.label in (BODY, CAPTION) and _is_echo(ln.text, title_key):
                ln.label = TITLE
    for i in repeated:
        if lines[i].label == BODY:
            lines[i].label = CAPTION
    inner = _inside_body(lines) if extracted else range(0)
    for i, ln in enumerate(lines):
        if ln.label == BODY and not ln.prose and not (i in inner and (ln.words <= MAX_HEADING_WORDS or ln.caps < 0.5)):
            ln.label = BOILERPLATE
    if not conservative:
        _drop_stray_lines(lines)
    return lines, title_at


def _inside_body(lines: list[_Line]) -> range:
    """Indices between the first and the last prose line of an HTML article, from which trafilatura already
    removed the page furniture: its short headings and non-headline lines there (verses, citations) are body,
    only a longer line in headline case (a related-article link) is not."""
    prose = [i for i, ln in enumerate(lines) if ln.label == BODY and ln.prose]
    return range(prose[0], prose[-1] + 1) if prose else range(0)


def _drop_stray_lines(lines: list[_Line]) -> None:
    """A short prose line after the article, cut off from it by a run of boilerplate, is a promo or notice.

    Body lines form blocks (at most MAX_GAP boilerplate lines between two of them; captions do not break a
    block, pictures sit inside articles); the block with the most text is the article. A later block
    survives when it holds two lines or one long one; an earlier one always does (it is the lead).
    """
    blocks: list[list[int]] = []
    gap = MAX_GAP + 1
    for i, ln in enumerate(lines):
        if ln.label == BLANK:
            continue
        if ln.label == BODY:
            if gap > MAX_GAP or not blocks:
                blocks.append([])
            blocks[-1].append(i)
            gap = 0
        elif ln.label == BOILERPLATE:
            gap += 1
    if len(blocks) < 2:
        return
    main = max(range(len(blocks)), key=lambda k: sum(len(lines[i].text) for i in blocks[k]))
    for block in blocks[main + 1 :]:
        if len(block) == 1 and lines[block[0]].words < STRAY_MAX_WORDS:
            lines[block[0]].label = BOILERPLATE


def _paragraphs(lines: list[_Line]) -> tuple[list[str], str | None]:
    """Body lines as paragraphs: dateline cut from the first one, editor initials cut from every one."""
    paragraphs: list[str] = []
    dateline = None
    for ln in lines:
        if ln.label != BODY:
            continue
        text = ln.text
        if dateline is None and len(paragraphs) < 2:
            found, text = furniture.split_dateline(text)
            dateline = furniture.dateline_place(found) if found else None
        if text.rstrip().endswith((")", "]")):  # what _EDITOR_INITIALS needs; most lines do not end so
            text = _EDITOR_INITIALS.sub("", text)
        text = text.strip()
        if text:
            paragraphs.append(text)
    return paragraphs, dateline


def clean(page: Page) -> Cleaned:
    """Classify the page's lines, then cut the body out of them (dateline and editor initials off)."""
    language = lang.detect("\n".join(page.lines))
    lines, title_at = classify(page.lines, language, page.head, page.extracted, page.url)
    paragraphs, dateline = _paragraphs(lines)
    title = page.head.title or (lines[title_at].text if title_at is not None else None)
    return Cleaned(
        language=language,
        lines=[ln.text for ln in lines],
        labels=[ln.label for ln in lines],
        paragraphs=paragraphs,
        title=title,
        title_at=title_at,
        dateline=dateline,
    )
