"""Sentence splitting: glued sentences, abbreviations, honorifics, quotes and non-breaking spaces."""

from __future__ import annotations

import pytest

from kronik.sentences import split


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Kedua menteri bertemu di Bali.Dalam pertemuan itu mereka membahas perdagangan.",
         ["Kedua menteri bertemu di Bali.", "Dalam pertemuan itu mereka membahas perdagangan."]),
        ("Kantor itu berada di Jl. Merdeka No. 12 Bandung. Tamu datang pagi.",
         ["Kantor itu berada di Jl. Merdeka No. 12 Bandung.", "Tamu datang pagi."]),
        ("Acara dibuka oleh Prof. Dr. Hasan dan dr. Lina. Keduanya lalu berpidato.",
         ["Acara dibuka oleh Prof. Dr. Hasan dan dr. Lina.", "Keduanya lalu berpidato."]),
        ("Ia dipimpin H. Ahmad Yani dan Hj. Siti. Rapat dimulai.", ["Ia dipimpin H. Ahmad Yani dan Hj. Siti.", "Rapat dimulai."]),
        ("Laporan terbit pada Sept. 2021 lalu. Isinya panjang.", ["Laporan terbit pada Sept. 2021 lalu.", "Isinya panjang."]),
        ("Mereka membawa beras, gula, dll. Bantuan tiba kemarin.", ["Mereka membawa beras, gula, dll.", "Bantuan tiba kemarin."]),
        ("\u201cKami siap berunding,\u201d kata juru bicara itu. \u201cTidak ada syarat.\u201d",
         ["\u201cKami siap berunding,\u201d kata juru bicara itu.", "\u201cTidak ada syarat.\u201d"]),
        ("Harga naik\u00a05,5 persen.\u00a0Situs Berita.com melaporkannya.", ["Harga naik 5,5 persen.", "Situs Berita.com melaporkannya."]),
        ("Kantor di Jl. Jend. Sudirman Kav. 52 Jakarta. Ia datang.", ["Kantor di Jl. Jend. Sudirman Kav. 52 Jakarta.", "Ia datang."]),
        ("Ia tiba pk. 10.00 WIB. Rapat dimulai.", ["Ia tiba pk. 10.00 WIB.", "Rapat dimulai."]),
        ("Hal itu dikatakan Kapolri Jend. Pol. Listyo. Ia hadir.", ["Hal itu dikatakan Kapolri Jend. Pol. Listyo.", "Ia hadir."]),
        ("Presiden Susilo B. Yudhoyono hadir. Rapat dimulai.", ["Presiden Susilo B. Yudhoyono hadir.", "Rapat dimulai."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences
