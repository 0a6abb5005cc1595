"""The text cleaner on pages written for the tests: what it keeps, what it drops, what it reads as metadata."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronik.model import RawDoc
from kronik.pipeline import read_article
from kronik.settings import DEFAULT, Settings

BODY_1 = "Menteri Luar Negeri kedua negara bertemu di Jakarta untuk membahas kerja sama perdagangan dan keamanan kawasan."
BODY_2 = "Dalam pertemuan itu, mereka sepakat membentuk kelompok kerja yang akan melapor kepada para pemimpin tahun depan."
BODY_3 = "Pertemuan berikutnya dijadwalkan berlangsung di ibu kota negara tetangga itu pada akhir tahun ini."
TITLE = "Dua Menlu Sepakat Bentuk Kelompok Kerja Perdagangan"

PAGE = "\n".join(
    [
        "BerandaNasionalInternasionalEkonomiOlahragaTeknologi",
        "ADVERTISEMENT",
        TITLE,
        "Selasa, 14 Mei 2019 - 10:15 WIB",
        "Dua Menlu Sepakat Bentuk...",
        "A A A",
        "Para menteri berjabat tangan seusai pertemuan di Jakarta. (Foto: Ahmad Fauzi via REUTERS)",
        "",
        "JAKARTA - " + BODY_1,
        "Baca juga: Harga Beras Naik Jelang Lebaran",
        BODY_2,
        "Advertisement",
        BODY_3 + " (xyz)",
        "Untuk informasi terbaru, silakan WhatsApp ke nomor 0812 0000 0000 dan ketik kata kunci.",
        "Copyright © 2024 Contoh Media. All Rights Reserved",
    ]
)


def _clean(text: str, url: str | None = None) -> object:
    return read_article(RawDoc(id="t", url=url, text=text), DEFAULT)


def test_keeps_the_body_in_order_and_drops_furniture() -> None:
    article = _clean(PAGE)
    assert article.paragraphs == [BODY_1, BODY_2, BODY_3]
    assert article.title == TITLE
    assert article.language == "id"


def test_dateline_moves_out_of_the_body() -> None:
    article = _clean(PAGE)
    assert article.dateline == "JAKARTA"
    assert article.paragraphs[0].startswith("Menteri")


def test_meta_line_gives_the_publication_date() -> None:
    assert _clean(PAGE).published == "2019-05-14T10:15:00+07:00"


def test_editor_initials_are_cut_from_the_last_line() -> None:
    assert _clean(PAGE).paragraphs[-1] == BODY_3


def test_agency_attribution_is_not_a_photo_credit() -> None:
    line = "Kedua negara menandatangani perjanjian itu di Jenewa, kata pejabat tersebut. (AFP/Reuters)"
    assert _clean("\n".join([BODY_1, line])).paragraphs == [BODY_1, line]


def test_trailing_star_and_initials_are_cut() -> None:
    page = "\n".join([BODY_1 + " (*)", BODY_2 + " [ab/cd]"])
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_captions_and_credits_are_dropped() -> None:
    page = "\n".join(
        [
            BODY_1,
            "Photo : KANTOR BERITA",
            "Presiden tiba di bandara disambut pejabat setempat, Senin (3/5/2021). (ANTARA FOTO/Budi Setiawan)",
            "ⓒKANTOR BERITA",
            "Suasana rapat kabinet di istana. (Dok. Sekretariat Kabinet)",
            "Warga antre bantuan di perbatasan. (AP Photo/Jon Doe)",
            "Massa berkumpul di depan kedutaan. (MP/Rudi Hartono)",
            "Menteri berjabat tangan dengan mitranya di Hanoi. ANTARA/HO-Humas/aa.",
            BODY_2,
        ]
    )
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_repeated_line_is_a_caption_echo() -> None:
    caption = "Kedua menteri berbincang sebelum konferensi pers di gedung kementerian, Jakarta, 5 Mei 2021."
    page = "\n".join([caption, caption, BODY_1, BODY_2])
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_caption_doubled_on_one_line() -> None:
    caption = "Para delegasi tiba di Pyongyang, Senin (5/3/2018). (KANTOR BERITA via AFP)"
    page = "\n".join([f"{caption} {caption}", BODY_1])
    assert _clean(page).paragraphs == [BODY_1]


def test_share_and_byline_furniture() -> None:
    page = "\n".join(["Oleh: Dewi Lestari", "Share:", BODY_1, "Bagikan", BODY_2, "Laporan Wartawan Berita.com, Dewi Lestari"])
    article = _clean(page)
    assert article.paragraphs == [BODY_1, BODY_2]
    assert article.authors == ["Dewi Lestari"]


def test_read_also_links_and_the_headline_under_them() -> None:
    page = "\n".join([BODY_1, "Baca Juga:", "Harga Minyak Dunia Turun Tajam Pekan Ini", BODY_2, "BACA JUGA: Kurs Rupiah Menguat"])
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_lone_sentence_beyond_the_related_links_is_a_promo() -> None:
    links = [f"- Berita Terkait Nomor {k} Hari Ini" for k in range(1, 9)]
    promo = "Dapatkan kabar terbaru setiap pagi langsung di ponsel Anda."
    page = "\n".join([BODY_1, BODY_2, BODY_3, *links, promo])
    assert _clean(page).paragraphs == [BODY_1, BODY_2, BODY_3]


def test_lead_paragraph_above_a_long_run_of_furniture_stays() -> None:
    furniture = [f"- Berita Terkait Nomor {k} Hari Ini" for k in range(1, 9)]
    page = "\n".join([BODY_1, *furniture, BODY_2, BODY_3])
    assert _clean(page).paragraphs == [BODY_1, BODY_2, BODY_3]


def test_english_quote_inside_an_indonesian_page_is_body() -> None:
    quote = "\u201cWe are ready to talk to them at any time without preconditions,\u201d tulis Menlu."
    assert _clean("\n".join([BODY_1, quote, BODY_2])).paragraphs == [BODY_1, quote, BODY_2]


def test_truncated_related_headline_is_dropped() -> None:
    assert _clean("\n".join([BODY_1, "Harga Minyak Dunia Naik Tajam di Tengah Krisis...", BODY_2])).paragraphs == [BODY_1, BODY_2]


def test_headline_under_a_bare_read_also_line_even_with_a_question_mark() -> None:
    page = "\n".join([BODY_1, "Baca Juga:", "Lima Negara Ini Melarang Warganya Bersiul di Jalan, Kok Bisa?", BODY_2])
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_line_repeated_many_times_is_furniture_not_the_title() -> None:
    promo = "Nikmati berita pilihan tanpa gangguan di aplikasi kami"
    page = "\n".join([promo, BODY_1, promo, BODY_2, promo])
    article = _clean(page)
    assert article.title is None
    assert article.paragraphs == [BODY_1, BODY_2]


def test_title_is_the_line_right_above_the_date_not_the_breadcrumb() -> None:
    page = "\n".join(["Beranda Berita Internasional Asia", TITLE, "Penulis: Dewi Lestari", "Selasa, 14 Mei 2019 10:15 WIB", BODY_1])
    assert _clean(page).title == TITLE


def test_title_is_not_the_short_byline_under_it() -> None:
    page = "\n".join(["Berita", "Internasional", TITLE, "Dewi Lestari - beritaNews", "Senin, 12 Feb 2024 14:30 WIB", BODY_1])
    assert _clean(page).title == TITLE


def test_bracketed_widgets_and_video_links() -> None:
    widgets = ["[Gambas:Video Berita]", "Tonton juga Video: Menlu Bertemu di Jakarta", "[iklan_2]"]
    page = "\n".join([BODY_1, *widgets, "Artikel ini telah tayang di Berita.com dengan judul Menlu Bertemu", BODY_2])
    assert _clean(page).paragraphs == [BODY_1, BODY_2]


def test_glued_editor_label_is_not_a_title() -> None:
    page = "\n".join(["Berita.com - 04/03/2017, 23:13 WIB", "EditorAnton Wijaya Kusuma", BODY_1, BODY_2])
    assert _clean(page).title is None


def test_continuation_page_has_no_title_and_no_date_from_the_body() -> None:
    page = "\n".join([BODY_1, "Kunjungan itu terjadi pada Sabtu (23/12/2017) dan berlangsung dua jam.", BODY_2])
    article = _clean(page, url="https://www.contoh.co.id/berita/12345/judul?page=2")
    assert article.title is None
    assert article.published is None
    assert len(article.paragraphs) == 3


def test_store_prefix_is_a_reference_date_not_the_publication_date() -> None:
    article = _clean(" date 2019-04 " + BODY_1 + "\n" + BODY_2)
    assert article.reference_date == "2019-04"
    assert article.published is None
    assert article.paragraphs == [BODY_1, BODY_2]


def test_header_date_beats_a_sidebar_date_above_it() -> None:
    page = "\n".join(["Terpopuler: 1 Januari 2019 08:00 WIB", TITLE, "Selasa, 14 Mei 2019 - 10:15 WIB", BODY_1, BODY_2])
    assert _clean(page).published == "2019-05-14T10:15:00+07:00"


def test_outlet_is_not_taken_from_a_photo_credit() -> None:
    page = "\n".join([BODY_1, "Suasana pertemuan di Jakarta. (Foto: ANTARA/Budi)", BODY_2])
    assert _clean(page).outlet is None


def test_outlet_from_url_and_date_from_url() -> None:
    article = _clean(BODY_1, url="https://news.okezone.com/read/2020/02/03/18/123/judul")
    assert article.outlet == "Okezone"
    assert article.published == "2020-02-03"


def test_byline_above_a_lone_label() -> None:
    page = "\n".join([TITLE, "Berita.com - 28/03/2018, 08:26 WIB", "Rudi Hartono", "Penulis", BODY_1, BODY_2])
    article = _clean(page)
    assert article.authors == ["Rudi Hartono"]
    assert article.paragraphs == [BODY_1, BODY_2]
    assert article.title == TITLE


def test_last_line_cut_mid_sentence_is_kept() -> None:
    page = "\n".join([BODY_1, BODY_2, "Sementara itu, pemerintah kedua negara juga akan mem"])
    assert _clean(page).paragraphs[-1] == "Sementara itu, pemerintah kedua negara juga akan mem"


def test_english_page_is_cleaned_and_marked() -> None:
    page = "\n".join(
        [
            "The two foreign ministers met in Jakarta on Tuesday to discuss trade and regional security.",
            "They agreed to set up a working group that will report to their leaders next year.",
        ]
    )
    article = _clean(page)
    assert article.language == "en"
    assert len(article.paragraphs) == 2


def test_html_input_takes_the_same_path() -> None:
    html = (
        "<html><head><title>Dua Menlu Bertemu di Jakarta - Contoh.com</title>"
        "<meta property='og:site_name' content='Contoh.com'>"
        "<meta property='article:published_time' content='2021-05-04T10:00:00+07:00'></head>"
        f"<body><nav><a href='/'>Beranda</a></nav><article><h1>Dua Menlu Bertemu di Jakarta</h1>"
        f"<p>{BODY_1}</p><p>Baca juga: Harga Beras Naik</p><p>{BODY_2}</p><p>{BODY_3}</p></article></body></html>"
    )
    article = read_article(RawDoc(id="h", url="https://www.contoh.com/berita/1", html=html), DEFAULT)
    assert article.title == "Dua Menlu Bertemu di Jakarta"
    assert article.paragraphs == [BODY_1, BODY_2, BODY_3]
    assert article.published and article.published.startswith("2021-05-04")


def test_html_article_keeps_its_headings_but_not_related_headlines() -> None:
    html = (
        "<html><head><title>Dua Menlu Bertemu</title></head><body><article>"
        f"<p>{BODY_1}</p><h2>Langkah Berikutnya</h2><p>{BODY_2}</p>"
        "<p><a href='/x'>Harga Minyak Dunia Naik Tajam di Tengah Krisis Timur Tengah</a></p>"
        f"<p>{BODY_3}</p></article></body></html>"
    )
    article = read_article(RawDoc(id="h", url="https://www.contoh.com/berita/2", html=html), DEFAULT)
    assert article.paragraphs == [BODY_1, "Langkah Berikutnya", BODY_2, BODY_3]


def test_html_without_article_text_falls_back_to_a_text_dump() -> None:
    html = f"<div>{BODY_1}</div><div>{BODY_2}</div>"
    article = read_article(RawDoc(id="h", html=html), DEFAULT)
    assert BODY_1 in article.body


def test_plain_dump_when_no_extractor_finds_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from kronik import htmltext

    original = htmltext._plain_text
    monkeypatch.setattr(htmltext, "_plain_text", lambda html, main_content: "" if main_content else original(html, main_content))
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    text, _, extracted = htmltext.extract(f"<html><body><script>var x = 1;</script><nav>Beranda</nav><p>{BODY_1}</p></body></html>", None)
    assert BODY_1 in text.split("\n")
    assert "var x" not in text
    assert not extracted


def test_trafilatura_takes_over_when_the_fast_extractor_keeps_a_menu(monkeypatch: pytest.MonkeyPatch) -> None:
    from kronik import htmltext

    menu = "\n".join(["Beranda", "Nasional", "Internasional", "Olahraga", BODY_1, "Ekonomi", "Teknologi", "Hiburan"] * 8)
    monkeypatch.setattr(htmltext, "_plain_text", lambda html, main_content: menu)
    html = f"<html><body><nav><a href='/'>Beranda</a></nav><article><p>{BODY_1}</p><p>{BODY_2}</p><p>{BODY_3}</p></article></body></html>"
    text, _, extracted = htmltext.extract(html, None)
    assert extracted and "Beranda" not in text and BODY_2 in text


def test_odd_input_never_raises() -> None:
    for text in ["", "\x00\x01\x02", "\n\n\n", "ⓒ", "a" * 100_000, "\ud800 broken surrogate", "<html>"]:
        read_article(RawDoc(id="x", text=text), DEFAULT)
        read_article(RawDoc(id="x", html=text), DEFAULT)


def test_huge_input_is_cut_to_max_bytes() -> None:
    article = read_article(RawDoc(id="x", text=(BODY_1 + "\n") * 50_000), Settings(max_bytes=10_000))
    assert len(article.body.encode()) <= 10_000


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_is_cleaned(text: str) -> None:
    article = read_article(RawDoc(id="x", text=text), DEFAULT)
    assert isinstance(article.paragraphs, list)


def test_site_suffix_is_cut_from_html_titles() -> None:
    from kronik.htmltext import strip_site_suffix

    assert strip_site_suffix("Dua Menlu Bertemu - Kompas.com", None, "https://kompas.com/read/1") == "Dua Menlu Bertemu"
    assert strip_site_suffix("Dua Menlu Bertemu | Okezone", "Okezone", None) == "Dua Menlu Bertemu"
    assert strip_site_suffix("Dua Menlu Bertemu : Okezone News", "Okezone", None) == "Dua Menlu Bertemu"
    assert strip_site_suffix("Korea Utara - Korea Selatan Sepakat Berdamai", "Berita Kita", None) == (
        "Korea Utara - Korea Selatan Sepakat Berdamai"
    )


def test_lower_case_patterns_have_no_capital_letters() -> None:
    import re

    from kronik.clean import _patterns

    for patterns in _patterns().values():
        for pattern, cased in patterns:
            literal = re.sub(r"\\.", "", pattern.pattern)
            assert cased or literal == literal.lower(), pattern.pattern


def test_outlet_without_url_comes_from_copyright_or_dateline_and_write_label_is_not_korean_time() -> None:
    text = "\n".join(
        [
            "Beranda Nasional Dunia Olahraga",
            "Jembatan Baru di Tepi Sungai Resmi Dibuka untuk Warga Desa",
            "Write: 2023-05-06 07:08:00",
            "Editor: Rina Contoh",
            "MEDAN, Kabar Pelangi - Jembatan baru yang menghubungkan dua desa di tepi sungai resmi dibuka pada Sabtu pagi. "
            "Warga menyambut jembatan itu karena perjalanan ke pasar kini jauh lebih singkat.",
            "Pemerintah daerah menyebut pembangunan jembatan memakan waktu delapan bulan dan melibatkan pekerja setempat. "
            "Jembatan itu juga dilengkapi lampu penerangan dan jalur pejalan kaki.",
            "Foto: Dok. Pelangi Pos/ANTARA",
            "Copyright © 2023 PT Kabar Pelangi Media. All rights reserved",
        ]
    )
    art = read_article(RawDoc(id="x", url=None, text=text), DEFAULT)
    assert art.outlet == "Kabar Pelangi Media"
    assert art.published == "2023-05-06"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # ends in '?', under a menu line, above a date
        (["Beranda Nasional Internasional", "Apakah Dua Negara Siap Berunding Lagi?", "Senin, 14 Juli 2025 10:00 WIB"],
         "Apakah Dua Negara Siap Berunding Lagi?"),
        # sentence case, nothing but the body under it
        (["Menlu dua negara bertemu di Jakarta bahas perdagangan"], "Menlu dua negara bertemu di Jakarta bahas perdagangan"),
        # after a section label line
        (["Internasional", "Foto", "Menlu dua negara bertemu di Jakarta bahas perdagangan"],
         "Menlu dua negara bertemu di Jakarta bahas perdagangan"),
        # with a standfirst in sentence case under it and a byline
        (["Menlu Dua Negara Bertemu di Jakarta Bahas Perdagangan",
          "Kedua menteri membahas kerja sama perdagangan dan keamanan kawasan yang semakin erat antara dua negara tetangga",
          "Penulis: Rina Contoh | Editor: Budi Contoh"], "Menlu Dua Negara Bertemu di Jakarta Bahas Perdagangan"),
        # a breadcrumb holding the headline comes first
        (["Beranda>Dunia>Asia>Menlu dua negara bertemu di Jakarta bahas perdagangan",
          "Menlu dua negara bertemu di Jakarta bahas perdagangan", "Reporter : Rina Contoh | Senin, 14 Juli 2025 - 10:00 WIB"],
         "Menlu dua negara bertemu di Jakarta bahas perdagangan"),
    ],
)
def test_headline_whatever_its_case_or_punctuation(lines: list[str], title: str) -> None:
    article = _clean("\n".join([*lines, BODY_1, BODY_2, BODY_3]))
    assert article.title == title
    assert article.paragraphs[-2:] == [BODY_2, BODY_3]
    assert title not in article.paragraphs


def test_headline_echoed_in_the_url_slug_beats_a_longer_standfirst() -> None:
    title = "Dua menlu sepakat bentuk kelompok kerja"
    standfirst = "Kedua menteri membahas kerja sama perdagangan dan keamanan kawasan yang semakin erat"
    page = "\n".join([title, standfirst, "Penulis: Rina Contoh", BODY_1, BODY_2])
    article = _clean(page, url="https://www.contoh.co.id/dunia/dua-menlu-sepakat-bentuk-kelompok-kerja-30631")
    assert article.title == title


def test_headline_echoed_as_a_caption_with_a_credit() -> None:
    title = "Indonesia Kecam Serangan Baru: Langgar Gencatan Senjata!"
    page = "\n".join([title, "", title + " (AP)", "", BODY_1, BODY_2])
    article = _clean(page)
    assert article.title == title
    assert article.paragraphs == [BODY_1, BODY_2]


def test_date_widget_above_the_headline_counts_only_when_nothing_else_tells() -> None:
    page = ["Sabtu, 4 Oktober 2025", TITLE, "Seperti dilansir AFP, Rabu (9/4/2025), kedua menteri sepakat bertemu lagi.", BODY_2]
    article = _clean("\n".join(page))
    assert (article.published, article.published_source) == ("2025-04-09", "lead")
    article = _clean("\n".join([page[0], page[1], BODY_1, BODY_2]))
    assert (article.published, article.published_source) == ("2025-10-04", "dateline")


def test_published_source_of_each_kind() -> None:
    from kronik.meta import SOURCES

    assert _clean(PAGE).published_source == "dateline" and "dateline" in SOURCES
    assert _clean("\n".join([TITLE, BODY_1, BODY_2]), url="https://www.contoh.co.id/read/2019/05/14/1/x").published_source == "url"
    assert _clean("\n".join([TITLE, BODY_1, BODY_2])).published_source is None


def test_photo_credit_glued_to_a_caption_is_a_caption() -> None:
    for caption in ["Kapal patroli melintas di perairan perbatasan/Net", "Para menteri berfoto bersama seusai rapat / Istimewa"]:
        article = _clean("\n".join([caption, BODY_1, BODY_2]))
        assert article.paragraphs == [BODY_1, BODY_2] and article.title is None


def test_pattern_shortcuts_decide_as_the_plain_patterns() -> None:
    """_matches (joined anchored patterns, needle tests before searches) says what trying every pattern says."""
    from kronik.clean import _LEADING_BULLET, _matches, _patterns
    from kronik.generate import page

    lines = [ln for i in range(40) for ln in page(i, seed=7).split("\n")] + [
        "Baca juga: Dua Negara Sepakat", "ADVERTISEMENT", "Ikuti kami di WhatsApp Channel", "© 2024 Kabar Contoh",
        "Copyright 2023 hak cipta dilindungi", "Foto: Kabar Contoh", "Warga berkumpul. (ANTARA FOTO/Budi Contoh)",
        "Menteri tiba di bandara (Foto: dok. Kemlu)", "Suasana sidang. (AFP/Nama Fotografer)", "Ilustrasi/Net",
        "Oleh: Rina Contoh", "Penulis: Rina Contoh", "PenulisRina", "(rin/abc)", "penulis", "Halaman selanjutnya",
        "next page", "Ⓒ Kabar Contoh", "Gedung itu (dok Kabar Contoh)", "Tonton video lainnya di sini", "a a",
        "Kata kunci: diplomasi", "Download aplikasi Kabar Contoh", "Langganan newsletter kami", "klik di sini",
    ]
    for raw in lines:
        text = _LEADING_BULLET.sub("", raw.strip())
        lower = text.lower()
        for label, patterns in _patterns().items():
            assert _matches(label, text, lower) == any(p.search(text if cased else lower) for p, cased in patterns), (label, text)


def test_a_short_sentence_of_names_and_a_verb_is_body() -> None:
    """Lead lines thick with names and few function words are still sentences when they hold an affixed verb."""
    short = "Peru menuding Chili melanggar kesepakatan perbatasan."
    lead = "Lima, Senin (3/3/2025) - Perdana Menteri Peru Gustavo Adrianzen disambut Presiden Chile Gabriel Boric di Santiago."
    text = "\n\n".join(["Kabar Kawasan Selatan", lead, BODY_1, short, BODY_2])
    article = _clean(text)
    assert short in article.paragraphs and any("Gabriel Boric" in p for p in article.paragraphs)
