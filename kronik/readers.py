"""Readers: turn paths (.txt, .html, .jsonl[.gz], .warc[.gz], directories, '-') into RawDoc items.

Readers never raise on a bad document: they yield a RawDoc with `error` set, so that every input
document yields exactly one output record and the batch goes on. Paths that cannot be read at all
(missing, unreadable, a folder with nothing to read) are collected in a ReadReport, so the command can
say so and exit non-zero after the rest of the batch. Readers stream: no file or line is read whole
beyond MAX_DOC_BYTES, so one giant input cannot exhaust memory.

Ids are unique and stable: a JSONL line's `id` (else its `url`), a WARC record's target URI, a file's
path relative to the inputs' common folder, a hash of the content for a page piped on stdin.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
    if text.isascii():  # no surrogates, and the check costs nothing (Python keeps the flag), unlike encoding a page
        return text
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


def _strip_extension(name: str) -> str:
    for ext in (*WARC_EXT, *JSONL_EXT, *HTML_EXT, *TEXT_EXT):
        if name.lower().endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return name


def content_id(data: bytes) -> str:
    """The id of a document that has no name of its own (a page piped on stdin): a hash of its bytes, so the
    same page again is the same document and a different one never replaces it."""
    return "stdin:" + hashlib.sha1(data).hexdigest()[:16]


@dataclass(slots=True)
class ReadReport:
    """What reading the input paths ran into besides documents: paths that could not be read (missing, unreadable,
    a folder with nothing kronik reads), which make the run exit non-zero, and files a folder held that kronik does
    not read (counted by extension, reported, not an error)."""

    problems: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def exit_status(self, failed: int = 0, strict: bool = False) -> int:
        """The exit-status rule of every command that reads pages (README, Exit status): 2 when an input path could
        not be read, else 1 when documents failed and --strict was given, else 0."""
        if self.problems:
            return 2
        return 1 if strict and failed else 0

    def notes(self) -> list[str]:
        """Lines for stderr: the problems, then the skipped files."""
        out = list(self.problems)
        if self.skipped:
            kinds = ", ".join(f"{n} {ext or '(no extension)'}" for ext, n in sorted(self.skipped.items()))
            out.append(f"skipped {sum(self.skipped.values())} file(s) of types kronik does not read: {kinds} "
                       "(it reads .txt, .html, .htm, .jsonl[.gz], .warc[.gz])")
        return out


class _Ids:
    """File ids of one run: the path relative to the inputs' common folder, without the reader's extension
    (`a/berita.txt` and `b/berita.txt` given as `a b` are `a/berita` and `b/berita`; the files of one folder given
    alone are their names, as ANNOTATION.md's contract has them). Where two files of the run would get one id
    (`x.txt` and `x.html`), the later keeps its extension: no document silently replaces another."""

    def __init__(self, paths: Iterable[str]) -> None:
        homes = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths
                 if p != "-" and os.path.exists(p)]
        self.root = os.path.commonpath(homes) if homes else os.getcwd()
        self.issued: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        full = os.path.abspath(path)
        relative = Path(os.path.relpath(full, self.root)).as_posix()
        for candidate in (_strip_extension(relative), relative):
            owner = self.issued.setdefault(candidate, full)
            if owner == full:
                return scrub(candidate)
        return scrub(full)


def read_file(path: Path, doc_id: str | None = None, report: ReadReport | None = None) -> Iterator[RawDoc]:
    """All documents in one file; an unreadable file yields one error document (and is a problem of the run)."""
    kind = _kind(path) or "txt"
    source = scrub(str(path))
    name = doc_id or scrub(_strip_extension(path.name))
    if kind == "jsonl":
        yield from _read_jsonl_file(path, source, name, report)
        return
    if kind == "warc":
        from kronik.warc import read_warc

        yield from read_warc(path, source, name)
        return
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_DOC_BYTES + 1)
    except OSError as exc:
        _problem(report, f"{source}: cannot read: {exc.strerror or exc}")
        yield RawDoc(id=name, source=source, error=f"unreadable file: {exc}")
        return
    if len(data) > MAX_DOC_BYTES:
        yield RawDoc(id=name, source=source, error=f"document too large (over {MAX_DOC_BYTES} bytes)")
        return
    text, err = decode(data)
    doc = RawDoc(id=name, source=source, error=err)
    if kind == "html":
        doc.html = text
    else:
        doc.text = text
    yield doc


def _problem(report: ReadReport | None, message: str) -> None:
    if report is not None:
        report.problems.append(message)


def _read_jsonl_file(path: Path, source: str, name: str, report: ReadReport | None) -> Iterator[RawDoc]:
    """A JSONL file, gzip-compressed or not; a damaged file ends with one error document after the good lines."""
    n = 0
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            for doc in read_jsonl(_lines(fh), source, name):
                n += 1
                yield doc
    except (OSError, EOFError, zlib.error) as exc:
        unreadable = n == 0 and isinstance(exc, FileNotFoundError | PermissionError)
        if unreadable:
            _problem(report, f"{source}: cannot read: {exc}")
        what = "unreadable file" if unreadable else "corrupt or truncated file"
        yield RawDoc(id=f"{name}#truncated-after-{n}", source=source, error=f"{what}: {exc}")


def _lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines split on \\n only, each at most MAX_DOC_BYTES (+1 so read_jsonl can tell it was cut)."""
    while line := fh.readline(MAX_DOC_BYTES + 1):
        if len(line) > MAX_DOC_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_jsonl(stream: Iterable[bytes], source: str, name: str | None) -> Iterator[RawDoc]:
    """One document a line, split on \\n only (JSON strings may hold U+2028).

    A line's id is its `id`, else its `url`, else `name:line` (for a file) or a hash of the line (`name` None: stdin,
    where line numbers repeat from one pipe to the next). An id used twice in one file is an error on the later line:
    in one file it is a mistake, not a new version of the page.
    """
    seen: dict[str, int] = {}
    for n, raw in enumerate(stream, 1):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        fallback = f"{name}:{n}" if name is not None else content_id(line)
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
        doc = _doc_from_object(obj, fallback, source, n)
        first = seen.setdefault(doc.id, n)
        if first != n:
            doc = RawDoc(id=fallback, source=source,
                         error=f"line {n}: duplicate id {doc.id!r} (first on line {first}); ids must be unique within a file")
        yield doc


def _doc_from_object(obj: dict[str, object], fallback: str, source: str, n: int) -> RawDoc:
    def field(name: str) -> str | None:
        value = obj.get(name)
        return scrub(value) if isinstance(value, str) else None

    raw_id = obj.get("id")
    doc_id = scrub(str(raw_id)) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id) else None
    url = field("url")
    doc = RawDoc(id=doc_id or url or fallback, url=url, text=field("text"), html=field("html"), crawled_at=field("crawled_at"),
                 source=source)
    if doc.text is None and doc.html is None:
        doc.error = f"line {n}: no 'text' or 'html' field"
    return doc


def _folder_files(folder: Path, report: ReadReport | None) -> Iterator[Path]:
    """The files of a folder, recursively and sorted (runs are reproducible); unreadable sub-folders are problems,
    files of other types are counted as skipped, and a folder with nothing to read is a problem."""
    found = 0

    def unreadable(exc: OSError) -> None:
        _problem(report, f"{scrub(exc.filename or str(folder))}: cannot read folder: {exc.strerror or exc}")

    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in sorted(names):
            child = Path(top) / name
            if not child.is_file():
                continue
            if _kind(child):
                found += 1
                yield child
            elif report is not None:
                report.skipped[child.suffix.lower()] += 1
    if not found:
        _problem(report, f"{scrub(str(folder))}: no files kronik reads in this folder (.txt, .html, .htm, .jsonl[.gz], .warc[.gz])")


def missing(paths: Iterable[str]) -> list[str]:
    """The paths that do not exist ('-' always does); a command given only these has nothing to do."""
    return [p for p in paths if p != "-" and not os.path.exists(p)]


def read_paths(paths: Iterable[str], report: ReadReport | None = None) -> Iterator[RawDoc]:
    """Every document under the given paths, streamed one at a time; what could not be read goes to `report`.

    A path that does not exist yields no document (there is nothing to name it by): it is a problem of the run.
    """
    paths = list(paths)
    ids = _Ids(paths)
    for p in paths:
        if p == "-":
            yield from read_stdin()
            continue
        path = Path(p)
        if path.is_dir():
            for child in _folder_files(path, report):
                yield from read_file(child, ids(child), report)
        elif path.exists():
            yield from read_file(path, ids(path), report)
        else:
            _problem(report, f"{scrub(p)}: no such file or folder")


def read_stdin() -> Iterator[RawDoc]:
    """stdin holds JSON Lines when its first non-blank byte is '{' (streamed line by line), else one page, whose id
    is a hash of its content."""
    stream = sys.stdin.buffer
    head = b""
    while (line := stream.readline(MAX_DOC_BYTES + 1)) and not line.strip():
        head += line
    if line.lstrip()[:1] == b"{":
        yield from read_jsonl(_chain_lines(line, stream), "stdin", None)
        return
    data = head + line + stream.read(MAX_DOC_BYTES + 1 - len(head) - len(line))
    if len(data) > MAX_DOC_BYTES:
        yield RawDoc(id=content_id(data[:MAX_DOC_BYTES]), source="stdin", error=f"document too large (over {MAX_DOC_BYTES} bytes)")
        return
    text, err = decode(data)
    kind_html = bool(text) and text is not None and text.lstrip()[:1] == "<"
    yield RawDoc(id=content_id(data), source="stdin", error=err, html=text if kind_html else None,
                 text=None if kind_html else text)


def _chain_lines(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from _lines(stream)
