"""WARC reader: every `response` record with an HTML payload becomes a RawDoc (id = target URI).

fastwarc (C++) reads the records; it stops silently at a truncated gzip member and hands out a cut-off record's
short payload, so this module checks both itself: a damaged file yields the records that were whole plus one
error document.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from kronik.model import RawDoc
from kronik.readers import decode, scrub

_BLOCK = 1 << 20


def read_warc(path: Path, source: str, name: str | None = None) -> Iterator[RawDoc]:
    """Stream records with fastwarc; a truncated or corrupt file ends with one error document, not a crash.

    `name` (the file's id) names records without a target URI and the error document. A response that is not
    a success (404, 500, a redirect) holds no article: it becomes an error record, not an empty document."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = name or path.name
    n = 0
    problem: str | None = None
    with path.open("rb") as fh:
        try:
            for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                ctype = rec.http_headers.get("Content-Type", "") if rec.http_headers else ""
                html_record = "html" in ctype.lower()
                payload = rec.reader.read() if html_record else b""
                if (len(payload) if html_record else rec.consume()) < rec.content_length:
                    problem = f"record {n + 1} is cut off"
                    break
                if not html_record:
                    continue
                uri = scrub(rec.headers.get("WARC-Target-URI") or "") or f"{name}#{n + 1}"
                status = rec.http_headers.status_code if rec.http_headers else None
                n += 1
                if status and not 200 <= status < 300:
                    yield RawDoc(id=uri, url=uri, source=source, error=f"HTTP {status} response: no article to read")
                    continue
                html, err = _decode_html(payload, rec.http_charset)
                yield RawDoc(id=uri, url=uri, html=html, crawled_at=rec.headers.get("WARC-Date"), source=source, error=err)
        except Exception as exc:
            problem = f"{type(exc).__name__}: {exc}"
    if problem is None and n == 0 and path.stat().st_size == 0:
        problem = "empty file"
    if problem is None and path.name.lower().endswith(".gz"):
        problem = _gzip_problem(path)
    if problem is not None:
        yield RawDoc(id=f"{name}#truncated-after-{n}", source=source, error=f"corrupt or truncated WARC: {problem}")


def _gzip_problem(path: Path) -> str | None:
    """Why a (multi-member) gzip file is damaged, or None; one pass in constant memory."""
    member = None
    try:
        with path.open("rb") as fh:
            while block := fh.read(_BLOCK):
                while block:
                    member = member or zlib.decompressobj(wbits=31)
                    member.decompress(block, _BLOCK)
                    block = member.unconsumed_tail
                    if member.eof:
                        block, member = member.unused_data, None
    except (OSError, zlib.error) as exc:
        return f"bad gzip data: {exc}"
    return "gzip stream ends before its end-of-stream marker" if member is not None else None


def _decode_html(payload: bytes, charset: str | None) -> tuple[str | None, str | None]:
    if charset and payload.strip():
        try:
            return scrub(payload.decode(charset)), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload)
