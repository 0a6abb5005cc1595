"""Event dates: each relative and absolute form, resolved against a written reference date."""

from __future__ import annotations

import datetime as dt

import pytest

from kronik.dates import anchor_date, caseless, find_dates

REF = dt.date(2022, 5, 12)  # a Thursday


def value(text: str, ref: dt.date | None = REF) -> str | None:
    found = [d for d in find_dates(text, ref) if not d.reporting]
    assert found, text
    return found[0].value


@pytest.mark.parametrize(("text", "expected"), [
    ("pada 3 Februari 2022", "2022-02-03"),
    ("tanggal 9 Mei", "2022-05-09"),
    ("20 Juni mendatang", "2022-06-20"),
    ("Selasa (10/5)", "2022-05-10"),
    ("Rabu (11/5/2022)", "2022-05-11"),
    ("(9/5/22)", "2022-05-09"),
    ("pada hari Senin", "2022-05-09"),
    ("akan bertemu pada hari Senin", "2022-05-16"),
    ("Sabtu lalu", "2022-05-07"),
    ("kemarin", "2022-05-11"),
    ("hari ini", "2022-05-12"),
    ("pekan lalu", "2022-05-02/2022-05-08"),
    ("minggu depan", "2022-05-16/2022-05-22"),
    ("bulan lalu", "2022-04"),
    ("Maret lalu", "2022-03"),
    ("pada Agustus lalu", "2021-08"),
    ("Oktober mendatang", "2022-10"),
    ("Januari 2020", "2020-01"),
    ("tahun lalu", "2021"),
    ("pada tahun 2019", "2019"),
    ("dua bulan lalu", "2022-03"),
    ("sejak Januari lalu", "2022-01/2022-05-12"),
    ("dari Senin (2/5) hingga Rabu (4/5)", "2022-05-02/2022-05-04"),
    ("14-16 Maret 2022", "2022-03-14/2022-03-16"),
    ("antara Juli 2020 dan Mei 2021", "2020-07/2021-05"),
    ("Maret tahun depan", "2023-03"),
    ("pada Juli tahun lalu", "2021-07"),
])
def test_forms(text: str, expected: str) -> None:
    assert value(text) == expected


def test_lower_case_minggu_is_a_week_not_sunday() -> None:
    assert [d.value for d in find_dates("dalam beberapa minggu", REF)] == []


def test_quoted_source_date_is_marked() -> None:
    (d,) = find_dates("Dikutip dari Reuters, Kamis (12/5/2022), ia berkata", REF)
    assert d.reporting


def test_relative_dates_need_a_reference() -> None:
    assert value("kemarin", None) is None


def test_weekday_alone_gives_no_year() -> None:
    # 13 May was a Friday in 2016 and 2022 alike: without the page's own date, no year is guessed
    assert value("Jumat (13/5)", None) is None


def test_weekday_that_fits_no_nearby_year_keeps_the_nearest_date() -> None:
    # 16 January falls on a Saturday in 2027 but not in 2036 or 2037: a decade-old date would be wrong
    assert value("Sabtu (16/1)", dt.date(2037, 2, 1)) == "2037-01-16"


def test_anchor_prefers_publication_then_body_date() -> None:
    assert anchor_date("2022-05-12T10:00:00+07:00", None, []) == (REF, "2022-05-12")
    assert anchor_date(None, None, ["JAKARTA - Pada Kamis (12/5/2022) ..."]) == (REF, "2022-05-12")
    assert anchor_date(None, "2022-05", []) == (dt.date(2022, 5, 15), "2022-05")
    assert anchor_date(None, None, ["tanpa tanggal"]) == (None, None)


def test_weekday_date_anchors_only_within_the_offices_named() -> None:
    # 11 May is a Wednesday in 2016 and 2022: with nothing else on the page, no year is known
    assert anchor_date(None, None, ["Rabu (11/5) kedua menteri bertemu"]) == (None, None)
    # the office-holders named could all serve only 2021-2023: one Wednesday 11 May fits
    window = (dt.date(2021, 1, 1), dt.date(2023, 12, 31))
    assert anchor_date(None, None, ["Rabu (11/5) kedua menteri bertemu"], lambda: window).value == "2022-05-11"
    wide = (dt.date(2010, 1, 1), dt.date(2024, 1, 1))
    assert anchor_date(None, None, ["Rabu (11/5) kedua menteri bertemu"], lambda: wide) == (None, None)


def test_day_and_month_without_year_lean_to_the_past() -> None:
    # "2 Agustus" in a report of 8 May 2024 with no word that it lies ahead: last August, not the coming one
    assert value("pada 2 Agustus", dt.date(2024, 5, 8)) == "2023-08-02"
    assert value("pada 2 Agustus mendatang", dt.date(2024, 5, 8)) == "2024-08-02"
    assert value("pada 20 Mei", dt.date(2024, 5, 8)) == "2024-05-20"


def test_early_part_of_this_month_is_not_last_year() -> None:
    # written on 12 May: "awal Mei lalu" is the first days of this May; a bare "Mei lalu" stays a year back
    assert value("pada awal Mei lalu") == "2022-05"
    assert value("pada awal Mei lalu", dt.date(2022, 5, 4)) == "2021-05"
    assert value("pada akhir Mei lalu") == "2021-05"


def test_two_digit_year_in_a_full_date_anchors() -> None:
    assert anchor_date(None, "2018-07", ["Pada hari Jumat (20/7/18) kedua menteri bertemu."]).value == "2018-07-20"


def test_month_hint_made_a_day_by_a_weekday_date_and_history_skipped() -> None:
    # the crawler's month hint decides the year of "Rabu (1/3)" over a wide office window
    wide = (dt.date(2007, 1, 1), dt.date(2023, 1, 31))
    assert anchor_date(None, "2023-03", ["Kementerian itu mengatakan pada Rabu (1/3) bahwa ..."], lambda: wide).value == "2023-03-01"
    # a full date no office-holder named could have seen is history, not the page's time
    window = (dt.date(2021, 1, 1), dt.date(2024, 1, 1))
    lines = ["Misi itu dibentuk pada 19 Maret 1978.", "Pada Senin, 6 Maret 2023 pasukan berangkat."]
    assert anchor_date(None, None, lines, lambda: window).value == "2023-03-06"
    # and when it is the only full date, the page has no anchor from it
    assert anchor_date(None, None, lines[:1], lambda: window) == (None, None)


def test_cited_source_date_is_the_report_not_the_event() -> None:
    found = find_dates("Menurut CNN (9/4/2025), Trump mengenakan tarif pada Februari.", dt.date(2025, 4, 10))
    assert [(x.value, x.reporting) for x in found] == [("2025-04-09", True), ("2025-02", False)]


def test_date_a_press_statement_was_received_is_the_report() -> None:
    found = find_dates("Dalam keterangan tertulis yang diterima di Jakarta, Senin (2/8), kedua tentara berlatih bersama.",
                       dt.date(2021, 8, 3))
    assert [(x.value, x.reporting) for x in found] == [("2021-08-02", True)]


def test_a_month_named_with_bulan_is_a_date_without_pada() -> None:
    assert value("Pertemuan para menteri bulan Agustus berakhir tanpa hasil.", dt.date(2022, 10, 6)) == "2022-08"


def test_part_of_a_month_after_pada() -> None:
    assert value("kedua negara bertemu pada akhir Juli", dt.date(2021, 10, 4)) == "2021-07"


def test_times_told_relative_to_the_event_before() -> None:
    from kronik.dates import find_sequel, shift_iso
    cases = {"Sehari sebelumnya, menteri itu tiba": ("2024-03-01", "2024-02-29"),
             "tarif itu dinaikkan bulan berikutnya": ("2024-11-20", "2024-12"),
             "tiga pekan kemudian kapal itu kembali": ("2024-01-01", "2024-01-22"),
             "keesokan harinya": ("2024-12-31", "2025-01-01")}
    for text, (before, after) in cases.items():
        sequel = find_sequel(text)
        assert sequel is not None and shift_iso(before, sequel) == after, text
    assert find_sequel("beberapa hari kemudian mereka bertemu") is None


def test_a_deadline_is_no_event_date() -> None:
    found = find_dates("Diplomat itu harus pergi paling lambat pada Jumat (21/3).", dt.date(2025, 3, 18))
    assert [(x.value, x.deadline) for x in found] == [("2025-03-21", True)]


def test_the_date_a_speaker_said_it_is_the_report_s() -> None:
    found = find_dates('"Kami sudah memprotes," kata Menlu kepada wartawan (24/2/2015).', dt.date(2015, 2, 24))
    assert [(x.value, x.reporting) for x in found] == [("2015-02-24", True)]


def test_a_dateline_dash_before_another_date_is_no_range() -> None:
    found = find_dates("Lima, Kamis (10/4/2025) - Pada 2019, Peru menarik diri dari pakta itu.", dt.date(2025, 4, 10))
    assert [x.value for x in found] == ["2025-04-10", "2019"]
    assert [x.value for x in find_dates("KTT digelar 3 - 5 Mei 2024.", None)] == ["2024-05-03/2024-05-05"]


def test_a_range_takes_the_year_written_with_its_second_end() -> None:
    ref = dt.date(2024, 5, 8)
    assert [x.value for x in find_dates("mulai 3 Maret hingga 10 Maret 2025", ref)] == ["2025-03-03/2025-03-10"]
    assert [x.value for x in find_dates("dari 28 Desember hingga 3 Januari 2025", ref)] == ["2024-12-28/2025-01-03"]


def test_caseless_finds_what_ignorecase_finds() -> None:
    """`caseless` lets lower-case patterns run without IGNORECASE: right only while every character keeps its class in
    lower case and is an a-z letter in lower case exactly when IGNORECASE takes it for that letter."""
    import re

    every = "".join(c for c in map(chr, range(0x110000)) if caseless(c) is not None)
    low = caseless(every)
    assert low is not None
    for pattern in (r"\w", r"\s", r"\d"):
        assert [m.start() for m in re.finditer(pattern, every)] == [m.start() for m in re.finditer(pattern, low)]
    letters = [m.start() for m in re.finditer("[a-z]", every, re.IGNORECASE)]
    assert letters == [m.start() for m in re.finditer("[a-z]", low)]
    assert all(re.match(low[i], every[i], re.IGNORECASE) for i in letters)
    assert caseless("Presiden İran") is None and caseless("ſanksi") is None and caseless("Sanksi") == "sanksi"
