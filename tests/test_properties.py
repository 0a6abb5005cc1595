"""Property-based tests: readers, cleaner, pipeline and date resolver never fail on arbitrary input, and keep their promises."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronik.dates import find_dates, parse_iso
from kronik.model import RawDoc, Record
from kronik.pipeline import process, read_article
from kronik.readers import decode, read_jsonl, read_paths
from kronik.settings import DEFAULT

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks like a scraped page: Indonesian words, digits, punctuation, odd spaces and line breaks, any character
WORDS = ["Menlu", "RI", "bertemu", "Jepang", "di", "Tokyo", "Senin", "(3/2)", "kemarin", "sepakat", "kerja", "sama", "ADVERTISEMENT",
         "Baca", "juga:", "WIB", "2021", "Foto:", "Jakarta", "-", "menolak", "AS", "China", "pekan", "lalu", "."]
LINE = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=30).map(" ".join)
PAGE = st.one_of(
    st.text(max_size=600),
    st.lists(LINE, max_size=25).map("\n".join),
    st.lists(st.one_of(LINE, st.sampled_from(["", " ", "\r", "\u2028", "\t\t", "\x00", "\ufeff"])), max_size=25).map("\r\n".join),
)
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def _squash(text: str) -> str:
    """What survives any normalisation of spacing and control characters."""
    return "".join(ch for ch in text if ch.isprintable() and not ch.isspace() and ch not in "\ufeff\u200b")


@FAST
@given(st.binary(max_size=3000))
def test_decode_never_raises(data: bytes) -> None:
    text, err = decode(data)
    assert (text is None) != (err is None)
    if text is not None:
        text.encode("utf-8")


JSON_DOC = st.dictionaries(st.sampled_from(["id", "url", "text", "html", "crawled_at", "x"]),
                           st.one_of(st.none(), st.integers(), st.text(max_size=50), st.lists(st.integers(), max_size=3)))
JSON_LINE = st.one_of(st.binary(max_size=200), JSON_DOC.map(lambda d: json.dumps(d).encode()))


@FAST
@given(st.lists(JSON_LINE, max_size=12))
def test_read_jsonl_one_document_per_line(lines: list[bytes]) -> None:
    stream = [line.replace(b"\n", b" ") + b"\n" for line in lines]
    docs = list(read_jsonl(stream, "x.jsonl", "x"))
    assert len(docs) == sum(1 for line in stream if line.strip())
    for d in docs:
        assert isinstance(d.id, str) and d.id
        assert d.error or d.text is not None or d.html is not None
        json.dumps([d.id, d.text, d.html, d.url], ensure_ascii=False).encode("utf-8")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".jsonl.gz"]))
def test_read_file_of_any_bytes(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{ext}"
        path.write_bytes(data)
        docs = list(read_paths([str(path)]))
    if ext in (".txt", ".html"):
        assert len(docs) == 1
    for d in docs:
        assert d.error or d.text is not None or d.html is not None


@FAST
@given(PAGE)
def test_clean_body_is_made_of_input_lines(text: str) -> None:
    """Every paragraph is (part of) one input line, in input order; the cleaner adds no text of its own."""
    article = read_article(RawDoc(id="p", text=text), DEFAULT)
    lines = [_squash(line) for line in _BREAKS.split(text)]
    at = 0
    for para in article.paragraphs:
        assert para and para == para.strip() and "\n" not in para
        key = _squash(para)
        while at < len(lines) and key not in lines[at]:
            at += 1
        assert at < len(lines), f"paragraph not found in the input lines after line {at}: {para!r}"
        at += 1


@FAST
@given(st.one_of(PAGE, st.text(max_size=400).map(lambda t: f"<html><body><p>{t}</p><div><p>{t[::-1]}</div>")), st.booleans())
def test_process_never_raises_and_records_round_trip(text: str, as_html: bool) -> None:
    """The records executors and the store exchange as JSON come back unchanged."""
    rec = process(RawDoc(id="p", html=text) if as_html else RawDoc(id="p", text=text))
    d = rec.to_dict()
    wire = json.dumps(d, ensure_ascii=False)
    wire.encode("utf-8")
    assert Record.from_dict(json.loads(wire)).to_dict() == d


REF = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31))
RELATIVE = ["kemarin", "hari ini", "besok", "lusa", "pekan lalu", "pekan depan", "minggu lalu", "bulan lalu", "bulan depan",
            "tahun lalu", "tahun depan", "April lalu", "Desember mendatang", "awal Juni", "akhir bulan ini", "Senin", "Jumat lalu",
            "Sabtu (16/1)", "(3/2)", "3 April", "29 Februari", "tiga hari lalu", "dua pekan lalu", "pada 31 Juni", "Minggu depan",
            "sejak Maret", "Senin hingga Rabu", "sepekan terakhir", "malam ini", "pagi tadi"]


@FAST
@given(st.lists(st.one_of(st.sampled_from(RELATIVE), st.sampled_from(WORDS)), max_size=12), REF)
def test_relative_dates_stay_near_the_article_date(words: list[str], ref: dt.date) -> None:
    """Dates resolved from relative expressions (no year written) lie within ten years of the reference date."""
    sentence = " ".join(w for w in words if not re.search(r"\d{4}", w))
    for expr in find_dates(sentence, ref):
        if expr.value is None:
            continue
        for part in expr.value.split("/"):
            day = parse_iso(part)
            assert day is not None, expr
            assert abs((day - ref).days) <= 3653, (sentence, expr)


@FAST
@given(st.text(max_size=300), st.one_of(st.none(), REF))
def test_find_dates_on_any_text(sentence: str, ref: dt.date | None) -> None:
    for expr in find_dates(sentence, ref):
        assert 0 <= expr.start <= expr.end <= len(sentence)
        if expr.value:
            parts = [parse_iso(p) for p in expr.value.split("/")]
            assert all(parts), expr
            assert len(parts) in (1, 2) and parts[0] <= parts[-1], expr
