"""Readers: turn paths (.txt, .html, .jsonl, .warc[.gz], directories, '-') into RawDoc items.

Readers never raise on a bad document: they yield a RawDoc with `error` set, so that every input
document yields exactly one output record and the batch goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kronik.model import RawDoc

TEXT_EXT = (".txt",)
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl",)
WARC_EXT = (".warc", ".warc.gz")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes to text: UTF-8 (with BOM), else cp1252 / latin-1 for mis-encoded pages; binary is refused."""
    if not data.strip():
        return None, "empty document"
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "binary content (NUL bytes)"
    for enc in ("utf-8-sig", "utf-16") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(enc), None
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return data.decode("latin-1"), None


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, exts in (("warc", WARC_EXT), ("jsonl", JSONL_EXT), ("html", HTML_EXT), ("txt", TEXT_EXT)):
        if name.endswith(exts):
            return kind
    return None


def _doc_id(path: Path) -> str:
    name = path.name
    for ext in (*WARC_EXT, *JSONL_EXT, *HTML_EXT, *TEXT_EXT):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return path.stem


def read_file(path: Path) -> Iterator[RawDoc]:
    """All documents in one file; an unreadable file yields one error document."""
    kind = _kind(path) or "txt"
    source = str(path)
    try:
        if kind == "jsonl":
            yield from read_jsonl(path.open("rb"), source)
            return
        if kind == "warc":
            from kronik.warc import read_warc

            yield from read_warc(path, source)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield RawDoc(id=_doc_id(path), source=source, error=f"unreadable file: {exc}")
        return
    text, err = decode(data)
    doc = RawDoc(id=_doc_id(path), source=source, error=err)
    if kind == "html":
        doc.html = text
    else:
        doc.text = text
    yield doc


def read_jsonl(stream: Iterable[bytes], source: str) -> Iterator[RawDoc]:
    """One document a line, split on \\n only (JSON strings may hold U+2028)."""
    for n, raw in enumerate(stream, 1):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        fallback = f"{Path(source).stem}:{n}"
        text, err = decode(line)
        if err:
            yield RawDoc(id=fallback, source=source, error=f"line {n}: {err}")
            continue
        try:
            obj = json.loads(text)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            yield RawDoc(id=fallback, source=source, error=f"line {n}: invalid JSON: {exc}")
            continue
        doc = RawDoc(
            id=str(obj.get("id") or fallback),
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            text=obj.get("text") if isinstance(obj.get("text"), str) else None,
            html=obj.get("html") if isinstance(obj.get("html"), str) else None,
            crawled_at=obj.get("crawled_at") if isinstance(obj.get("crawled_at"), str) else None,
            source=source,
        )
        if doc.text is None and doc.html is None:
            doc.error = f"line {n}: no 'text' or 'html' field"
        yield doc


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
                yield RawDoc(id=_doc_id(p), source=str(p), error="no such file")
                continue
            yield from read_file(p)


def read_stdin() -> Iterator[RawDoc]:
    """stdin holds JSON Lines when its first non-blank byte is '{', else one plain-text page."""
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(data.split(b"\n"), "stdin")
        return
    text, err = decode(data)
    kind_html = bool(text) and text.lstrip()[:1] == "<"
    yield RawDoc(id="stdin", source="stdin", error=err, html=text if kind_html else None, text=None if kind_html else text)
