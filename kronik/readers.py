"""Readers: turn paths (.txt, .html, .jsonl[.gz], .warc[.gz], directories, '-') into RawDoc items.

Readers never raise on a bad document: they yield a RawDoc with `error` set, so that every input
document yields exactly one output record and the batch goes on. They stream: no file or line is
read whole beyond MAX_DOC_BYTES, so one giant input cannot exhaust memory.
"""

from __future__ import annotations

import codecs
import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kronik.model import RawDoc

TEXT_EXT = (".txt",)
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl", ".jsonl.gz")
WARC_EXT = (".warc", ".warc.gz")

MAX_DOC_BYTES = 256 * 1024 * 1024
"""Hard ceiling per document (file or JSONL line); larger ones become error documents. The pipeline's
own cut (Settings.max_bytes) applies below it; this one only keeps a stray disk image from exhausting memory."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_CP1252_HOLES = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as cp1252 (latin-1 where cp1252 has no character).

    Per byte run, not per document: a page pasted together from UTF-8 and cp1252 parts keeps both right.
    """
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in bad), exc.end


codecs.register_error("kronik-cp1252", _cp1252_fallback)


def scrub(text: str) -> str:
    """Replace lone surrogates (possible in JSON "\\ud800" escapes) so that the text can be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="replace").decode("utf-8")
    return text


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has NULs on every other byte."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 8 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if len(head) >= 8 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes to text: UTF-8 (with BOM), UTF-16/32 by BOM or NUL pattern, cp1252 / latin-1 for bytes UTF-8 refuses.

    Binary content (NUL bytes, many control bytes) is refused with a named error.
    """
    if not data or data.isspace():
        return None, "empty document"
    head = data[:4096]
    wide = None
    if head.startswith(_UTF32_BOMS):
        wide = "utf-32"
    elif head.startswith(_UTF16_BOMS):
        wide = "utf-16"
    elif b"\x00" in head:
        wide = _looks_utf16(head)
        if wide is None:
            return None, "binary content (NUL bytes)"
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            return None, f"undecodable {wide.upper()} text: {exc.reason}"
        return (scrub(text), None) if text.strip() else (None, "empty document")
    if len(head.translate(None, _CONTROL)) < 0.9 * len(head):
        return None, "binary content (control bytes)"
    return data.decode("utf-8-sig", errors="kronik-cp1252"), None


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, exts in (("warc", WARC_EXT), ("jsonl", JSONL_EXT), ("html", HTML_EXT), ("txt", TEXT_EXT)):
        if name.endswith(exts):
            return kind
    return None


def _doc_id(path: Path) -> str:
    """The file name without its extension; undecodable bytes in the name (kept by Python as surrogates) replaced."""
    name = scrub(path.name)
    for ext in (*WARC_EXT, *JSONL_EXT, *HTML_EXT, *TEXT_EXT):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return scrub(path.stem)


def read_file(path: Path) -> Iterator[RawDoc]:
    """All documents in one file; an unreadable file yields one error document."""
    kind = _kind(path) or "txt"
    source = scrub(str(path))
    if kind == "jsonl":
        yield from _read_jsonl_file(path, source)
        return
    if kind == "warc":
        from kronik.warc import read_warc

        yield from read_warc(path, source)
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_DOC_BYTES + 1)
    except OSError as exc:
        yield RawDoc(id=_doc_id(path), source=source, error=f"unreadable file: {exc}")
        return
    if len(data) > MAX_DOC_BYTES:
        yield RawDoc(id=_doc_id(path), source=source, error=f"document too large (over {MAX_DOC_BYTES} bytes)")
        return
    text, err = decode(data)
    doc = RawDoc(id=_doc_id(path), source=source, error=err)
    if kind == "html":
        doc.html = text
    else:
        doc.text = text
    yield doc


def _read_jsonl_file(path: Path, source: str) -> Iterator[RawDoc]:
    """A JSONL file, gzip-compressed or not; a damaged file ends with one error document after the good lines."""
    n = 0
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            for doc in read_jsonl(_lines(fh), source):
                n += 1
                yield doc
    except (OSError, EOFError, zlib.error) as exc:
        what = "unreadable file" if n == 0 and isinstance(exc, FileNotFoundError | PermissionError) else "corrupt or truncated file"
        yield RawDoc(id=f"{_doc_id(path)}#truncated-after-{n}", source=source, error=f"{what}: {exc}")


def _lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines split on \\n only, each at most MAX_DOC_BYTES (+1 so read_jsonl can tell it was cut)."""
    while line := fh.readline(MAX_DOC_BYTES + 1):
        if len(line) > MAX_DOC_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_jsonl(stream: Iterable[bytes], source: str) -> Iterator[RawDoc]:
    """One document a line, split on \\n only (JSON strings may hold U+2028)."""
    for n, raw in enumerate(stream, 1):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        fallback = f"{Path(source).stem}:{n}"
        if len(line) > MAX_DOC_BYTES:
            yield RawDoc(id=fallback, source=source, error=f"line {n}: document too large (over {MAX_DOC_BYTES} bytes)")
            continue
        text, err = decode(line)
        if err or text is None:
            yield RawDoc(id=fallback, source=source, error=f"line {n}: {err}")
            continue
        try:
            obj = json.loads(text)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
        except (ValueError, RecursionError) as exc:
            yield RawDoc(id=fallback, source=source, error=f"line {n}: invalid JSON: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        yield _doc_from_object(obj, fallback, source, n)


def _doc_from_object(obj: dict[str, object], fallback: str, source: str, n: int) -> RawDoc:
    def field(name: str) -> str | None:
        value = obj.get(name)
        return scrub(value) if isinstance(value, str) else None

    raw_id = obj.get("id")
    doc_id = scrub(str(raw_id)) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id) else fallback
    doc = RawDoc(id=doc_id, url=field("url"), text=field("text"), html=field("html"), crawled_at=field("crawled_at"), source=source)
    if doc.text is None and doc.html is None:
        doc.error = f"line {n}: no 'text' or 'html' field"
    return doc


def iter_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Expand directories recursively (sorted, so runs are reproducible); '-' stands for stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _kind(child):
                    yield child
        else:
            yield path


def read_paths(paths: Iterable[str]) -> Iterator[RawDoc]:
    """Every document under the given paths, streamed one at a time."""
    for p in iter_paths(paths):
        if p == "-":
            yield from read_stdin()
        else:
            assert isinstance(p, Path)
            if not p.exists():
                yield RawDoc(id=_doc_id(p), source=scrub(str(p)), error="no such file")
                continue
            yield from read_file(p)


def read_stdin() -> Iterator[RawDoc]:
    """stdin holds JSON Lines when its first non-blank byte is '{' (streamed line by line), else one page."""
    stream = sys.stdin.buffer
    head = b""
    while (line := stream.readline(MAX_DOC_BYTES + 1)) and not line.strip():
        head += line
    if line.lstrip()[:1] == b"{":
        yield from read_jsonl(_chain_lines(line, stream), "stdin")
        return
    data = head + line + stream.read(MAX_DOC_BYTES + 1 - len(head) - len(line))
    if len(data) > MAX_DOC_BYTES:
        yield RawDoc(id="stdin", source="stdin", error=f"document too large (over {MAX_DOC_BYTES} bytes)")
        return
    text, err = decode(data)
    kind_html = bool(text) and text is not None and text.lstrip()[:1] == "<"
    yield RawDoc(id="stdin", source="stdin", error=err, html=text if kind_html else None, text=None if kind_html else text)


def _chain_lines(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from _lines(stream)
