"""The WARC archive of `kronik watch`: every HTTP exchange as a request and a response record, in rotating gzip files.

Written with fastwarc, the library kronik's WARC reader moves to, one gzip member per record (so any record can be
read alone, and a file cut by a crash loses at most its last record). A file being written ends in `.open`;
closing it (each round's end, or past `max_file_bytes`) renames it to `.warc.gz`, and `recover` finishes the files
a killed run left open. Files are named `kronik-YYYYmmddHHMMSS-NNNNN.warc.gz`, so sorting them sorts them in time
and `kronik ingest DIR` replays the archive in the order it was fetched.

Payloads are stored decoded, as Common Crawl stores them: the original Content-Encoding, Transfer-Encoding and
Content-Length headers are kept under an X-Crawler- prefix and Content-Length gives the stored length, so every
WARC reader sees the page as the crawler saw it. A page over the size limit is stored without its body and marked
`WARC-Truncated: length`.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from kronik import __version__

OPEN_SUFFIX = ".open"
_BLOCK = 1 << 20
_RENAMED = (b"content-encoding", b"transfer-encoding", b"content-length")


@dataclass(slots=True)
class Exchange:
    """One request and the response to it, as archived."""

    url: str
    method: str
    request_target: str
    request_headers: list[tuple[bytes, bytes]]
    http_version: str
    status: int
    reason: str
    headers: list[tuple[bytes, bytes]]
    payload: bytes = b""
    truncated: bool = False
    ip: str | None = None
    date: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def warc_date(self) -> str:
        """The WARC-Date of the response record (also the crawled_at of the page's document)."""
        return self.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _http_block(first_line: str, headers: list[tuple[bytes, bytes]], payload: bytes) -> bytes:
    lines = [first_line.encode("latin-1")] + [k + b": " + v for k, v in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + payload


def stored_headers(headers: list[tuple[bytes, bytes]], payload: bytes) -> list[tuple[bytes, bytes]]:
    """Response headers as stored with a decoded payload: encodings and the original length under X-Crawler-."""
    out = [(b"X-Crawler-" + k, v) if k.lower() in _RENAMED else (k, v) for k, v in headers]
    return [*out, (b"Content-Length", str(len(payload)).encode())]


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


class Archive:
    """Rotating gzip WARC files in one folder, written one exchange at a time and flushed after each."""

    def __init__(self, folder: str | Path, user_agent: str, max_file_bytes: int = 1_000_000_000, prefix: str = "kronik") -> None:
        self.folder = Path(folder)
        self.user_agent, self.max_file_bytes, self.prefix = user_agent, max_file_bytes, prefix
        self.path: Path | None = None
        self.files: list[Path] = []
        self._fh: BinaryIO | None = None
        self._gz = None
        self._seq = 0

    def _open(self) -> None:
        from fastwarc.stream_io import GzipWriter

        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:
            self._seq += 1
            final = self.folder / f"{self.prefix}-{stamp}-{self._seq:05d}.warc.gz"
            if not final.exists() and not final.with_name(final.name + OPEN_SUFFIX).exists():
                break
        self.path = final
        self._fh = final.with_name(final.name + OPEN_SUFFIX).open("xb")
        self._gz = GzipWriter(self._fh)
        self._info(final.name)

    def _info(self, filename: str) -> None:
        from importlib.metadata import version

        from fastwarc.warc import WarcRecord, WarcRecordType

        fields = {"software": f"kronik/{__version__} fastwarc/{version('fastwarc')}", "format": "WARC File Format 1.1",
                  "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                  "http-header-user-agent": self.user_agent, "robots": "obey",
                  "description": "kronik watch: news pages, their feeds and sitemaps, and the robots.txt files obeyed; "
                                 "payloads stored decoded (original encodings under X-Crawler- headers)"}
        rec = WarcRecord()
        rec.init_headers(WarcRecordType.warcinfo)
        rec.headers.set("WARC-Filename", filename)
        rec.headers.set("Content-Type", "application/warc-fields")
        rec.set_bytes_content("".join(f"{k}: {v}\r\n" for k, v in fields.items()).encode())
        self._put(rec)

    def _put(self, *records: object) -> None:
        assert self._gz is not None and self._fh is not None
        for rec in records:
            rec.write(self._gz, checksum_data=True)  # type: ignore[attr-defined]
            self._gz.finish()
        self._gz.flush()
        self._fh.flush()

    def write(self, ex: Exchange) -> tuple[str, str]:
        """Archive one exchange (request record, then response record); returns the response's WARC-Date and the
        file it is in (under its final name)."""
        from fastwarc.warc import WarcRecord, WarcRecordType

        if self._gz is None:
            self._open()
        response = WarcRecord()
        response.init_headers(WarcRecordType.response)
        for key, value in (("WARC-Date", ex.warc_date), ("WARC-Target-URI", ex.url),
                           ("Content-Type", "application/http; msgtype=response"),
                           ("WARC-Protocol", ex.http_version.lower().replace("http/2", "h2")),
                           ("WARC-Payload-Digest", _digest(ex.payload))):
            response.headers.set(key, value)
        if ex.ip:
            response.headers.set("WARC-IP-Address", ex.ip)
        if ex.truncated:
            response.headers.set("WARC-Truncated", "length")
        response.set_bytes_content(_http_block(f"{ex.http_version} {ex.status} {ex.reason}".rstrip(),
                                               stored_headers(ex.headers, ex.payload), ex.payload))
        request = WarcRecord()
        request.init_headers(WarcRecordType.request)
        for key, value in (("WARC-Date", ex.warc_date), ("WARC-Target-URI", ex.url),
                           ("Content-Type", "application/http; msgtype=request"), ("WARC-Concurrent-To", response.record_id)):
            request.headers.set(key, value)
        request.set_bytes_content(_http_block(f"{ex.method} {ex.request_target} {ex.http_version}", ex.request_headers, b""))
        self._put(request, response)
        assert self._fh is not None and self.path is not None
        where = str(self.path)
        if self._fh.tell() >= self.max_file_bytes:
            self.close()
        return ex.warc_date, where

    def close(self) -> None:
        """Finish the file being written: it loses its .open suffix and becomes readable by `kronik ingest`."""
        if self._gz is None or self._fh is None or self.path is None:
            return
        self._gz.close()
        self._fh.close()
        self.path.with_name(self.path.name + OPEN_SUFFIX).rename(self.path)
        self.files.append(self.path)
        self._gz = self._fh = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _whole_members(path: Path) -> int:
    """Bytes of the file up to the end of its last complete gzip member."""
    good = pos = 0
    member = None
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            data = block
            while data:
                member = member or zlib.decompressobj(wbits=31)
                try:
                    member.decompress(data, _BLOCK)
                except zlib.error:
                    return good
                if member.eof:
                    pos += len(data) - len(member.unused_data)
                    good, data, member = pos, member.unused_data, None
                elif member.unconsumed_tail:
                    pos += len(data) - len(member.unconsumed_tail)
                    data = member.unconsumed_tail
                else:
                    pos += len(data)
                    data = b""
    return good


def recover(folder: str | Path) -> list[Path]:
    """Finish the files a killed run left open: cut the record it was writing, if any, and drop the .open suffix.
    Returns the files recovered (an open file that held no whole record is removed)."""
    out = []
    for path in sorted(Path(folder).glob(f"*.warc.gz{OPEN_SUFFIX}")):
        size = _whole_members(path)
        final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
        if size == 0:
            path.unlink()
            continue
        with path.open("r+b") as fh:
            fh.truncate(size)
        path.rename(final)
        out.append(final)
    return out
