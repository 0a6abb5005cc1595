"""Readers: every input yields exactly one document, bad ones with a named error."""

from __future__ import annotations

import json
from pathlib import Path

from kronik.readers import ReadReport, decode, read_paths


def test_decode_handles_encodings() -> None:
    assert decode(b"Kementerian Luar Negeri")[0] == "Kementerian Luar Negeri"
    assert decode("café".encode("cp1252"))[0] == "café"
    assert decode(b"")[1] == "empty document"
    assert decode(b"\x00\x01\x02binary")[1].startswith("binary")


def test_jsonl_ids_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good = {"id": "a", "url": "https://example.id/x", "text": "Halo\u2028dunia"}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "c"}) + "\n", encoding="utf-8")
    docs = list(read_paths([str(f)]))
    assert [d.id for d in docs] == ["a", "batch:2", "c"]
    assert docs[0].text == "Halo\u2028dunia" and docs[0].error is None
    assert "invalid JSON" in docs[1].error
    assert "no 'text'" in docs[2].error


def test_directory_and_file_ids(tmp_path: Path) -> None:
    """Ids are paths relative to the inputs' common folder, without the reader's extension (a folder's own pages:
    their names); files of other types are counted, a missing path is a problem of the run, not a document."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("teks", encoding="utf-8")
    (tmp_path / "two.html").write_text("<p>teks</p>", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    report = ReadReport()
    docs = {d.id: d for d in read_paths([str(tmp_path)], report)}
    assert set(docs) == {"sub/one", "two"}
    assert docs["two"].html == "<p>teks</p>"
    assert report.skipped == {".bin": 1} and report.exit_status() == 0
    assert "skipped 1 file(s) of types kronik does not read: 1 .bin" in report.notes()[0]
    assert list(read_paths([str(tmp_path / "nope.txt")], report)) == []
    assert report.problems == [f"{tmp_path / 'nope.txt'}: no such file or folder"] and report.exit_status() == 2
