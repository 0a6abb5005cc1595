"""The HTML part of the parse stage: main content lines and the head's headline, dates, authors and site name."""

from __future__ import annotations

import pytest

from kronik.htmltext import extract, headline, sane, strip_site_suffix
from kronik.model import RawDoc
from kronik.pipeline import read_article
from kronik.settings import DEFAULT

BODY = [
    "Menteri Luar Negeri kedua negara bertemu di Jakarta untuk membahas kerja sama perdagangan dan keamanan kawasan.",
    "Dalam pertemuan itu, mereka sepakat membentuk kelompok kerja yang akan melapor kepada para pemimpin tahun depan.",
    "Pertemuan berikutnya dijadwalkan berlangsung di ibu kota negara tetangga itu pada akhir tahun ini.",
    "Kedua menteri juga membahas rencana latihan bersama penjaga pantai dan pertukaran pelajar antara dua negara.",
]
HEADLINE = "Dua Menlu Sepakat Bentuk Kelompok Kerja Perdagangan"


def _page(head: str = "", title_tag: str = f"{HEADLINE} - Kabar Contoh", h1: str = HEADLINE, extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title_tag}</title>{head}</head><body>"
        "<header><nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a></nav></header>"
        f"<main><article><h1>{h1}</h1><div class='date'>Senin, 14 Juli 2025 10:15 WIB</div>{paragraphs}"
        "<div class='related'><ul><li><a href='/a'>Harga Beras Naik Jelang Lebaran di Banyak Kota</a></li></ul></div>"
        f"{extra}</article></main><footer><p>Copyright © 2025 Kabar Contoh. All rights reserved.</p></footer></body></html>"
    )


JSON_LD = (
    "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", "
    f"\"headline\": \"{HEADLINE}\", \"datePublished\": \"2025-07-14T10:15:00+07:00\", "
    "\"dateModified\": \"2025-07-15T08:00:00+07:00\", \"author\": {\"@type\": \"Person\", \"name\": \"Rina Contoh\"}, "
    "\"publisher\": {\"@type\": \"Organization\", \"name\": \"Kabar Contoh\"}}</script>"
)


def test_head_metadata_from_json_ld_and_meta_tags() -> None:
    text, head, extracted = extract(_page(JSON_LD), "https://kabar.example/dunia/dua-menlu-sepakat")
    assert extracted and BODY[0] in text
    assert head.title == HEADLINE
    assert (head.published, head.updated) == ("2025-07-14", "2025-07-15")
    assert head.authors == ["Rina Contoh"]
    assert head.sitename == "Kabar Contoh"


def test_meta_date_is_the_published_source_and_a_same_day_date_line_gives_its_time() -> None:
    article = read_article(RawDoc(id="h", url="https://kabar.example/read/2024/01/01/judul", html=_page(JSON_LD)), DEFAULT)
    assert article.title == HEADLINE
    assert (article.published, article.published_source) == ("2025-07-14T10:15:00+07:00", "dateline")
    assert article.updated == "2025-07-15"
    assert article.paragraphs == BODY
    meta_only = _page(JSON_LD).replace("<div class='date'>Senin, 14 Juli 2025 10:15 WIB</div>", "")
    article = read_article(RawDoc(id="h", url="https://kabar.example/read/2024/01/01/judul", html=meta_only), DEFAULT)
    assert (article.published, article.published_source) == ("2025-07-14", "meta")


def test_open_graph_title_and_published_time() -> None:
    head_tags = (f"<meta property='og:title' content='{HEADLINE} | Kabar Contoh'>"
                 "<meta property='article:published_time' content='2025-07-14T10:15:00+07:00'>")
    _, head, _ = extract(_page(head_tags, title_tag="Kabar Contoh", h1="Kabar Contoh"), None)
    assert head.title == HEADLINE
    assert head.published == "2025-07-14"


@pytest.mark.parametrize(
    ("h1", "meta_title", "title_tag", "expected"),
    [
        # the <h1> that the <title> holds is the headline, its own prefix kept
        ("FOTO: Menlu Tiba di Tokyo", None, "FOTO: Menlu Tiba di Tokyo - KabarContoh.com", "FOTO: Menlu Tiba di Tokyo"),
        # a site prefix in the <title> goes
        (None, None, "KabarContoh.com: Menlu Tiba di Tokyo", "Menlu Tiba di Tokyo"),
        # an <h1> that only names the site is not the headline
        ("Kabar Contoh", "Menlu Tiba di Tokyo | Kabar Contoh", "Kabar Contoh", "Menlu Tiba di Tokyo"),
        # a headline with its own dash keeps it
        (None, "Korea Utara - Korea Selatan Sepakat Berdamai", None, "Korea Utara - Korea Selatan Sepakat Berdamai"),
        (None, None, None, None),
    ],
)
def test_headline_agreement(h1: str | None, meta_title: str | None, title_tag: str | None, expected: str | None) -> None:
    assert headline(h1, meta_title, title_tag, "Kabar Contoh", "https://www.kabarcontoh.com/x") == expected


def test_site_parts_of_titles() -> None:
    assert strip_site_suffix("Dua Menlu Bertemu - Kompas.com", None, "https://kompas.com/read/1") == "Dua Menlu Bertemu"
    assert strip_site_suffix("Dua Menlu Bertemu | Kabar Harian Kita", None, None) == "Dua Menlu Bertemu"
    assert strip_site_suffix("Dunia | Dua Menlu Bertemu di Tokyo | Kabar Kita", None, None) == "Dua Menlu Bertemu di Tokyo"


def test_sanity_checks() -> None:
    assert sane("\n".join(BODY * 2))
    assert not sane(BODY[0])
    assert not sane("\n".join(["Beranda", "Dunia", "Olahraga", *BODY, "Ekonomi", "Hiburan", "Teknologi", "Kontak", "Tentang"]))
