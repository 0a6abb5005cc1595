"""Metadata: date stamps to ISO 8601 with time zone, outlet from host and furniture, bylines, datelines."""

from __future__ import annotations

import pytest

from kronik import furniture, meta, outlets


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("5 Januari 2020 09:41 WIB", [("", "2020-01-05T09:41:00+07:00")]),
        ("Diperbarui 7 Juni 2022 22:10 WIB", [("updated", "2022-06-07T22:10:00+07:00")]),
        ("Senin, 09 Desember 2019 - 08:05 WITA", [("", "2019-12-09T08:05:00+08:00")]),
        ("diperbarui 12 Okt 2020, 11:02 WIB", [("updated", "2020-10-12T11:02:00+07:00")]),
        ("Diterbitkan 12 Okt 2020, 11:02 WIT", [("published", "2020-10-12T11:02:00+09:00")]),
        ("Sabtu, 30 Mei 2015 |07:45 WIB", [("", "2015-05-30T07:45:00+07:00")]),
        ("Berita.com - 01/02/2016, 13:30 WIB", [("", "2016-02-01T13:30:00+07:00")]),
        ("Rabu, 3 Agt 2022", [("", "2022-08-03")]),
        ("March 4, 2021 10:00 KST", [("", "2021-03-04T10:00:00+09:00")]),
    ],
)
def test_date_lines_to_iso(line: str, expected: list[tuple[str, str]]) -> None:
    assert furniture.parse_dates(line) == expected


def test_write_update_stamps_are_korean_time_only_for_the_outlet_that_prints_them() -> None:
    line = "Write: 2022-01-02 09:08:07Update: 2022-01-02 10:00:00"
    stamps = furniture.parse_dates(line, None, "KBS World")
    assert stamps == [("published", "2022-01-02T09:08:07+09:00"), ("updated", "2022-01-02T10:00:00+09:00")]
    assert furniture.parse_dates(line) == [("published", "2022-01-02"), ("updated", "2022-01-02")]
    assert furniture.parse_dates("Write: 2023-03-04 05:06:07", "+07:00", "Kabar Contoh") == [("published", "2023-03-04T05:06:07+07:00")]
    assert meta.find_dates(["Write: 2023-03-04 05:06:07"], None, None, "Kabar Contoh").published == "2023-03-04"
    assert outlets.tz_of_outlet("KBS World") == "+09:00"
    assert outlets.tz_of_outlet("Kabar Contoh") is None


def test_time_without_zone_uses_outlet_zone_or_gives_the_date_alone() -> None:
    assert furniture.parse_dates("12 Mei 2021 10:00") == [("", "2021-05-12")]
    assert furniture.parse_dates("12 Mei 2021 10:00", "+07:00") == [("", "2021-05-12T10:00:00+07:00")]


def test_impossible_dates_are_dropped() -> None:
    assert furniture.parse_dates("31 Februari 2020 10:00 WIB") == []


def test_find_dates_prefers_lines_then_url() -> None:
    lines = ["8 Maret 2019 10:00 WIB", "Diperbarui 9 Maret 2019 11:00 WIB"]
    found = meta.find_dates(lines, "https://news.example.com/read/2018/01/02/1/x")
    assert (found.published, found.updated) == ("2019-03-08T10:00:00+07:00", "2019-03-09T11:00:00+07:00")
    assert meta.find_dates([], "https://news.example.com/read/2018/01/02/1/x").published == "2018-01-02"
    assert meta.find_dates([], "https://kabar.example.com/read/20190415/19/12345/x").published == "2019-04-15"
    assert meta.find_dates([], "https://example.com/news/12345/judul").published is None
    assert meta.find_dates([], None).published is None


def test_unusual_date_lines_fall_back_to_dateparser() -> None:
    assert furniture.looks_like_date_line("Rabu 3-Agustus-2022")
    assert meta.find_dates(["Rabu 3-Agustus-2022"], None).published == "2022-08-03"
    assert meta.find_dates(["Penulis: Agus Mei"], None).published is None


def test_date_line_is_not_a_body_sentence() -> None:
    assert furniture.looks_like_date_line("Jumat, 4 Juni 2021 - 10:00 WIB")
    assert not furniture.looks_like_date_line("Pertemuan itu berlangsung di Bali pada Jumat (4/6/2021) dan dihadiri dua menteri.")
    assert not furniture.looks_like_date_line("Kilas Balik Peristiwa 17 Agustus 1945 di Pegangsaan Timur")
    assert furniture.looks_like_date_line("17 Agustus 2021")
    assert furniture.looks_like_date_line("Berita.com - 17/08/2021, 10:00 WIB")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://internasional.kompas.com/read/2020/01/01/x", "Kompas.com"),
        ("https://news.okezone.com:443/read/x", "Okezone"),
        ("http://world.kbs.co.kr/service/news_view.htm?lang=i", "KBS World"),
        ("https://m.jpnn.com/news/x", "JPNN.com"),
        ("https://amp.kontan.co.id/news/x", "Kontan"),
        ("https://www.unknownsite.co.id/berita/x", "unknownsite.co.id"),
        ("https://sub.portalberita.net/x", "portalberita.net"),
    ],
)
def test_outlet_from_host(url: str, name: str) -> None:
    assert outlets.outlet_from_host(url) == name


def test_outlet_from_furniture() -> None:
    assert outlets.outlet_from_text(["Hak cipta © 2021 Liputan6.com"]) == "Liputan6"
    assert outlets.outlet_from_text(["BerandaTentangMenulis di kumparanKarir"]) == "kumparan"
    assert outlets.outlet_from_text(["Tidak ada nama di sini"]) is None
    assert outlets.outlet_from_text(["CNN Indonesia"]) == "CNN Indonesia"
    assert outlets.outlet_from_text(["COPYRIGHT © ANTARA 2024"]) == "ANTARA"
    assert outlets.outlet_from_text(["dalam tempo singkat"]) is None


@pytest.mark.parametrize(
    ("lines", "lead", "name"),
    [
        (["© 2019 Kabar Pelangi"], None, "Kabar Pelangi"),
        (["Copyright © 2018 PT Media Rekaan Tbk. All rights reserved"], None, "Media Rekaan"),
        (["Copyright © 2017 PelangiPos.id, All Rights Reserved"], None, "PelangiPos.id"),
        (["© 2016 PelangiPos.id - Seluruh hak cipta dilindungi."], None, "PelangiPos.id"),
        ([], "SURABAYA, PelangiPos.id — Warga kota berkumpul di taman.", "PelangiPos.id"),
        ([], "Medan, Kabar Pelangi - Hujan turun sejak pagi.", "Kabar Pelangi"),
        ([], "PelangiPos.id, Medan - Hujan turun sejak pagi.", "PelangiPos.id"),
        (["Berita ini telah tayang di PelangiPos.id dengan judul lain."], None, "PelangiPos.id"),
        # the page's own copyright line beats the dateline and the syndication note of a copied story
        (["Artikel ini telah tayang di PelangiPos.id", "© 2020 Kabar Pelangi"], "MEDAN, PelangiPos.id – Hujan.", "Kabar Pelangi"),
        # a known outlet name still wins
        (["© 2021 Kabar Pelangi", "Ikuti kami di kumparan"], None, "kumparan"),
        # photo credits are never the outlet
        (["Warga berkumpul. ANTARA FOTO/Budi Contoh/foc."], None, None),
        (["(Foto: Arsip Contoh via REUTERS)"], "Hujan turun sejak pagi di kota itu.", None),
        (["Tidak ada nama di sini"], "Presiden berkata bahwa hujan turun.", None),
    ],
)
def test_outlet_from_furniture_fallbacks(lines: list[str], lead: str | None, name: str | None) -> None:
    assert outlets.outlet_from_furniture(lines, lead) == name


@pytest.mark.parametrize(
    ("lines", "authors"),
    [
        (["oleh Siti Rahma Putri diperbarui 2 Mei 2021, 10:00 WIB"], ["Siti Rahma Putri"]),
        (["Penulis: Budi Santoso"], ["Budi Santoso"]),
        (["Redaktur & Reporter : Andi Wijaya"], ["Andi Wijaya"]),
        (["Rina Marlina , Jurnalis-Senin, 1 Mei 2023 |10:00 WIB"], ["Rina Marlina"]),
        (["Agus Salim", "Penulis"], ["Agus Salim"]),
        (["(Rudi Hartono)"], ["Rudi Hartono"]),
        (["(AFP)"], []),
        (["Laporan Wartawan Berita.com, Andi Saputra"], ["Andi Saputra"]),
        (["Oleh karena itu pemerintah menunda rapat."], []),
    ],
)
def test_authors(lines: list[str], authors: list[str]) -> None:
    assert furniture.find_authors(lines) == authors


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("SEOUL - Pemerintah mengumumkan", "SEOUL", "Pemerintah mengumumkan"),
        ("TOKYO, BERITA.com — Perdana menteri", "TOKYO, BERITA.com", "Perdana menteri"),
        ("Berita6.com, Manila - Presiden", "Berita6.com, Manila", "Presiden"),
        ("KABAR.CO.ID - Harga minyak", "KABAR.CO.ID", "Harga minyak"),
        ("Surabaya (ANTARA) - Gubernur", "Surabaya (ANTARA)", "Gubernur"),
        ("NEW YORK – Dewan Keamanan", "NEW YORK", "Dewan Keamanan"),
        ("Jakarta, Berita Indonesia -- Pemerintah", "Jakarta, Berita Indonesia", "Pemerintah"),
        ("Jakarta - Menteri Luar Negeri", "Jakarta", "Menteri Luar Negeri"),
        ("Majalah-Online.com - Sekitar 90 keluarga", "Majalah-Online.com", "Sekitar 90 keluarga"),
        ("AS - China sepakat menurunkan tarif", None, "AS - China sepakat menurunkan tarif"),
        ("Korea Utara - negara tertutup itu", None, "Korea Utara - negara tertutup itu"),
    ],
)
def test_dateline(text: str, dateline: str | None, rest: str) -> None:
    assert furniture.split_dateline(text) == (dateline, rest)


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("SEOUL", "SEOUL"),
        ("TOKYO, BERITA.com", "TOKYO"),
        ("Berita6.com, Manila", "Manila"),
        ("KABAR.CO.ID", None),
        ("Surabaya (ANTARA)", "Surabaya"),
        ("Jakarta, Berita Indonesia", "Jakarta"),
        ("CANBERRA, Harian Contoh", "CANBERRA"),
    ],
)
def test_dateline_place_drops_the_outlet(dateline: str, place: str | None) -> None:
    assert furniture.dateline_place(dateline) == place


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://kabar.example.com/read/2018/03/28/12/123/judul-berita", "2018-03-28"),
        ("https://kabar.example.com/read/20190415/19/12345/judul", "2019-04-15"),
        ("https://kabar.example.com/dunia/20250905013448-113-1200/judul-berita", "2025-09-05"),
        ("https://kabar.example.com/a/a-32-a-2003-03-28-2-1-85078102/7035.html", "2003-03-28"),
        ("https://kabar.example.com/read/1019155/14/bantuan-untuk-korban-gempa-1676001765", "2023-02-10"),
        ("https://kabar.example.com/news/2024/10/judul-berita/4", None),
        ("https://kabar.example.com/read/201970937/judul-berita", None),
        ("https://kabar.example.com/berita/1234567/judul", None),
        (None, None),
    ],
)
def test_url_dates_in_every_common_form(url: str | None, day: str | None) -> None:
    assert meta.url_date(url) == day


def test_unix_time_in_the_url_is_read_in_the_outlet_zone() -> None:
    url = "https://kabar.example.com/read/1/judul-berita-1700000000"  # 2023-11-14 22:13 UTC
    assert meta.url_date(url) == "2023-11-14"
    assert meta.url_date(url, "+07:00") == "2023-11-15"


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        (["Seperti dilansir AFP, Selasa (5/10/2021), kedua menteri sepakat melanjutkan perundingan."], "2021-10-05"),
        (["Dikutip dari CNN pada Rabu (28/3/2018), pemerintah itu menolak tuduhan tersebut."], "2018-03-28"),
        (["Menurut keterangan pers yang diterima redaksi pada Rabu, 26 September 2018, kedua menteri bertemu."], "2018-09-26"),
        (["Presiden meresmikan jembatan itu hari ini, Kamis (9/9/2021), di hadapan ratusan warga."], "2021-09-09"),
        (['"Kami menolak klaim itu," kata juru bicara kementerian kepada wartawan di Jakarta, Senin (5/8/2019).'], "2019-08-05"),
        (["JAKARTA, Kamis (9/9/2021) - Pemerintah mengumumkan paket bantuan baru."], "2021-09-09"),
        # the latest report day counts: a quote from yesterday and a citation of today
        (['"Kami siap," ujar menteri, Kamis (9/9/2021).', "Dilansir dari Reuters, Jumat (10/9/2021), kapal itu berlayar."],
         "2021-09-10"),
        # the day of an event told of is not the report's day
        (["Kedua pemimpin bertemu di Jakarta pada Senin (6/9/2021) untuk membahas perdagangan."], None),
        (["Menurut pejabat itu, pertemuan berikutnya akan digelar Senin (13/9/2021) di Bali."], None),
        (["Pejabat itu mengatakan bahwa serangan terjadi di perbatasan, Minggu (5/9/2021)."], None),
        (["Sebelumnya, dikutip dari AFP, Minggu (5/9/2021), kedua negara berselisih."], None),
        # a weekday that does not fit the date is a typo somewhere: no date
        (["Seperti dilansir AFP, Senin (5/10/2021), kedua menteri sepakat."], None),
        # a date without its year needs a reference year
        (["Seperti dilansir AFP, Selasa (5/10), kedua menteri sepakat."], None),
    ],
)
def test_lead_formulas_give_the_report_day(lead: list[str], day: str | None) -> None:
    assert meta.lead_date(lead) == day


def test_lead_date_without_a_year_takes_a_close_reference() -> None:
    lead = ["Seperti dilansir AFP, Selasa (5/10), kedua menteri sepakat."]
    assert meta.lead_date(lead, "2021") == "2021-10-05"
    assert meta.lead_date(lead, "2021-11") == "2021-10-05"
    assert meta.lead_date(lead, "2022-01") is None  # three months on: the reference is no guide
    assert meta.lead_date(lead, "2025-10") is None  # 5 October 2025 is not a Tuesday


def test_date_from_text_says_where_the_date_was_read() -> None:
    lead = ["Seperti dilansir AFP, Selasa (5/10/2021), kedua menteri sepakat."]
    assert meta.date_from_text(lead, "https://kabar.example.com/read/2021/10/06/1/judul") == ("2021-10-06", "url")
    assert meta.date_from_text(lead, "https://kabar.example.com/read/1/judul") == ("2021-10-05", "lead")
    assert meta.date_from_text(["Seperti dilansir AFP, Selasa (5/10), kedua menteri sepakat."],
                               "https://kabar.example.com/dunia/2021/judul-berita") == ("2021-10-05", "lead")
    assert meta.date_from_text(["Tidak ada tanggal di sini."], None) is None
