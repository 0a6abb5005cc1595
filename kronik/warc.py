"""WARC reader: every `response` record with an HTML payload becomes a RawDoc (id = target URI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kronik.model import RawDoc
from kronik.readers import decode


def read_warc(path: Path, source: str) -> Iterator[RawDoc]:
    """Stream records with warcio; a truncated or corrupt file ends with one error document, not a crash."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with path.open("rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                uri = rec.rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{n}"
                date = rec.rec_headers.get_header("WARC-Date")
                payload = rec.content_stream().read()
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip()
                html, err = _decode_html(payload, charset)
                yield RawDoc(id=uri, url=uri, html=html, crawled_at=date, source=source, error=err)
        except Exception as exc:
            yield RawDoc(id=f"{path.name}#truncated-after-{n}", source=source, error=f"corrupt or truncated WARC: {exc}")


def _decode_html(payload: bytes, charset: str | None) -> tuple[str | None, str | None]:
    if charset:
        try:
            return (payload.decode(charset), None) if payload.strip() else (None, "empty document")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload)
