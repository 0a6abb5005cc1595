"""`kronik explain` shows actors, the cue that fired, and the event or the reason for dropping it."""

from __future__ import annotations

import io
from pathlib import Path

from kronik.cli import main
from kronik.explain import explain_paths

PAGE = (
    "Menlu Kanada dan Menlu Meksiko bertemu untuk membahas perdagangan\n"
    "\n"
    "Jumat, 8 Maret 2024 10:15 WIB\n"
    "\n"
    "OTTAWA - Menteri Luar Negeri Kanada dan Menteri Luar Negeri Meksiko bertemu di Ottawa pada Kamis "
    "(7/3) untuk membahas perdagangan kedua negara dan kerja sama perbatasan yang sudah lama tertunda.\n"
    "\n"
    "Dalam pertemuan itu, Kanada juga mengecam kebijakan tarif Amerika Serikat yang dinilai merugikan "
    "industri baja di kawasan tersebut, menurut pernyataan resmi yang dirilis sesudahnya.\n"
    "\n"
    "Presiden Brasil juga mengecam kebijakan itu dalam pidato yang disampaikan di depan parlemen pada "
    "hari yang sama.\n"
)


def test_explain_shows_actors_cue_and_event(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = io.StringIO()
    assert explain_paths([str(page)], out) == 0
    text = out.getvalue()
    assert "actor 'Menteri Luar Negeri Kanada" in text
    assert "cue 'bertemu'" in text and "cue 'mengecam'" in text
    assert "=> EVENT CONSULT" in text and "=> EVENT ACCUSE/disapprove" in text
    assert "dropped: inside the complement of an earlier cue" in text
    assert "[same_judgement_again]" in text and "ACCUSE/disapprove BRAGOV -> USA" in text
    assert "events (" in text


def test_explain_command_on_missing_file(capsys, tmp_path: Path) -> None:
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt: no such file or folder" in capsys.readouterr().err


def test_explain_runs_on_every_dev_page(shared: Path) -> None:
    out = io.StringIO()
    assert explain_paths([str(shared / "dev" / "pages")], out) == 0
    text = out.getvalue()
    assert text.count("=== ") == len(list((shared / "dev" / "pages").glob("*.txt")))
    assert "=> EVENT" in text
