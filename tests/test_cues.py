"""Cue lexicon (kronik/data/event_cues.tsv): it loads, it names only PLOVER types and modes of plover.tsv, it covers
every type and mode, no reading is shadowed by an earlier identical one, and per type a few sentences written for
this file (not taken from the labelled pages) are coded as that type between two states."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from kronik.events import trace
from kronik.lexicon import cue_hits, lexicon, then_pattern
from kronik.model import Article, Event
from kronik.plover import plover
from kronik.settings import DEFAULT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from cue_table import rows, surfaces, table

MIN_PER_TYPE = 15
"""Fewest cues (rows, one reading each) any PLOVER type may have."""
MIN_PER_MODE = 3
"""Fewest cues any PLOVER mode of plover.tsv may have."""


def test_every_row_loads_and_inflects() -> None:
    data = rows()
    assert len(data) >= 700
    assert all(r["stem"] and r["forms"] and r["type"] and r["frame"] for r in data)
    assert all(surfaces(r) for r in data)  # inflect() raises on an unknown affix pattern
    cues, pattern = lexicon()
    assert len(cues) >= 1000
    assert pattern.search("Pemerintah Lituania mengusir dua atase militer Belarus.")
    # the `then` patterns are compiled on first use at run time: every one must compile
    assert all(then_pattern(c.then) for readings in cues.values() for c in readings if c.then)


def test_types_and_modes_are_plover_ones() -> None:
    known = set(plover())
    used = {(r["type"], r["mode"] or None) for r in rows()}
    assert used <= known, used - known
    frames = {"directed", "mutual", "host", "topic", "adjacent", "governs", "voiced"}
    assert all(set(r["frame"].split(",")) <= frames for r in rows())


def test_every_type_and_mode_has_cues() -> None:
    per_type = Counter(r["type"] for r in rows())
    per_mode = Counter((r["type"], r["mode"]) for r in rows() if r["mode"])
    for type_, mode in plover():
        if mode is None:
            assert per_type[type_] >= MIN_PER_TYPE, type_
        else:
            assert per_mode[(type_, mode)] >= MIN_PER_MODE, (type_, mode)


def test_no_reading_is_shadowed() -> None:
    """Two readings of one surface form with the same `then` (or none): the loader always takes the first."""
    seen: dict[tuple[str, str], str] = {}
    for r in rows():
        for surface, _ in surfaces(r):
            key = (surface.lower(), r["then"])
            label = f"{r['stem']} {r['type']}/{r['mode']}"
            assert key not in seen or seen[key] == label, f"{key} read as {seen[key]} before {label}"
            seen.setdefault(key, label)


def test_coverage_table_lists_every_type_and_mode() -> None:
    text = table()
    assert text.count("\n") == len(plover()) + len({t for t, _ in plover()}) + 2
    assert "| | expel |" in text and "| **ASSAULT** |" in text


@pytest.mark.parametrize(("surface", "type_", "mode"), [
    ("pengusiran", "SANCTION", "expel"),
    ("memulangkan", "RETREAT", "release"),
    ("mengekstradisi", "COOPERATE", None),
    ("penyadapan", "COERCE", "cyber"),
    ("menyayangkan", "ACCUSE", "disapprove"),
    ("bertandang", "CONSULT", "visit"),
    ("perlucutan senjata", "RETREAT", "disarm"),
    ("persona non grata", "SANCTION", "expel"),
    ("mengujicobakan", "MOBILIZE", "weapons"),
    ("ditembak jatuh", "ASSAULT", None),
])
def test_affixed_forms_are_in_the_lexicon(surface: str, type_: str, mode: str | None) -> None:
    cues, _ = lexicon()
    assert any((c.type, c.mode) == (type_, mode) for c in cues[surface])


def code(sentence: str) -> list[Event]:
    return trace(Article(id="t", published="2024-03-06", paragraphs=[sentence]), DEFAULT).events


def countries(codes: list[str]) -> set[str]:
    return {c if c.startswith("IGO:") else c[:3] for c in codes}


SENTENCES = [
    ("AGREE", "Indonesia dan Vietnam menandatangani nota kesepahaman di bidang perikanan di Hanoi.", {"IDN", "VNM"}),
    ("AGREE", "Parlemen Filipina meratifikasi perjanjian pertahanan dengan Jepang.", {"PHL", "JPN"}),
    ("CONSULT", "Presiden Chile bertandang ke Argentina pekan lalu.", {"CHL", "ARG"}),
    ("CONSULT", "Menlu Kanada dan Menlu Meksiko berbicara melalui sambungan telepon pada Senin (4/3).", {"CAN", "MEX"}),
    ("SUPPORT", "Presiden Prancis mengucapkan terima kasih kepada Pemerintah Maroko atas bantuan itu.", {"FRA", "MAR"}),
    ("SUPPORT", "Pemerintah Malaysia menyampaikan belasungkawa kepada Pemerintah Turki atas gempa itu.", {"MYS", "TUR"}),
    ("CONCEDE", "Presiden Indonesia memberikan grasi kepada warga negara Australia itu.", {"IDN", "AUS"}),
    ("CONCEDE", "Jepang mengangkat sanksi terhadap Myanmar.", {"JPN", "MMR"}),
    ("COOPERATE", "Angkatan Laut India dan Angkatan Laut Prancis menggelar manuver gabungan di Samudra Hindia.",
     {"IND", "FRA"}),
    ("COOPERATE", "Singapura mengekstradisi seorang buronan ke Indonesia.", {"SGP", "IDN"}),
    ("AID", "Korea Selatan mengucurkan dana hibah untuk Laos.", {"KOR", "LAO"}),
    ("AID", "Jerman memasok sistem pertahanan udara kepada Ukraina.", {"DEU", "UKR"}),
    ("RETREAT", "Rusia memulangkan dua puluh tawanan perang Ukraina.", {"RUS", "UKR"}),
    ("RETREAT", "Pasukan Armenia hengkang dari wilayah Azerbaijan.", {"ARM", "AZE"}),
    ("REQUEST", "Pemerintah Thailand mendesak Kamboja untuk kembali ke meja perundingan.", {"THA", "KHM"}),
    ("REQUEST", "Pakistan meminta bantuan pangan kepada Tiongkok.", {"PAK", "CHN"}),
    ("ACCUSE", "Kementerian Luar Negeri Korea Selatan menyayangkan keputusan Jepang tersebut.", {"KOR", "JPN"}),
    ("ACCUSE", "Pemerintah Iran menuding Israel mendalangi ledakan itu.", {"IRN", "ISR"}),
    ("REJECT", "India menepis tudingan Kanada.", {"IND", "CAN"}),
    ("REJECT", "Korea Utara menolak tawaran dialog dari Amerika Serikat.", {"PRK", "USA"}),
    ("THREATEN", "Turki mengancam akan menjatuhkan sanksi kepada Swedia.", {"TUR", "SWE"}),
    ("THREATEN", "Rusia menggertak Finlandia.", {"RUS", "FIN"}),
    ("PROTEST", "Ratusan warga berdemo di depan Kedutaan Besar Prancis di Jakarta.", {"IDN", "FRA"}),
    ("PROTEST", "Pemerintah Yordania memboikot konferensi yang diselenggarakan Israel.", {"JOR", "ISR"}),
    ("SANCTION", "Pemerintah Lituania mengusir dua atase militer Belarus.", {"LTU", "BLR"}),
    ("SANCTION", "Kanada membekukan aset milik pejabat Iran.", {"CAN", "IRN"}),
    ("MOBILIZE", "Tiongkok mengerahkan kapal induk ke dekat perairan Taiwan.", {"CHN", "TWN"}),
    ("MOBILIZE", "Pesawat tempur Rusia menerobos wilayah udara Estonia.", {"RUS", "EST"}),
    ("COERCE", "Otoritas Malaysia menahan kapal nelayan Vietnam di perairan Sabah.", {"MYS", "VNM"}),
    ("COERCE", "Korea Utara meretas jaringan komputer Kementerian Pertahanan Korea Selatan.", {"PRK", "KOR"}),
    ("ASSAULT", "Angkatan Udara Israel menghujani Lebanon selatan dengan rudal.", {"ISR", "LBN"}),
    ("ASSAULT", "Pakistan menembak jatuh pesawat nirawak India.", {"PAK", "IND"}),
]


def test_every_type_has_sentences() -> None:
    assert {t for t, _, _ in SENTENCES} == {t for t, _ in plover()}


@pytest.mark.parametrize(("type_", "sentence", "parties"), SENTENCES)
def test_sentence_is_coded_as_its_type(type_: str, sentence: str, parties: set[str]) -> None:
    events = code(sentence)
    assert any(e.type == type_ and countries(e.actors + e.recipients) == parties for e in events), events


def test_readme_shows_the_current_table() -> None:
    """The README's coverage table is generated: rerun tools/cue_table.py after editing event_cues.tsv."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "\n".join("  " + line for line in table().splitlines()) in readme


def test_the_reading_whose_word_comes_first() -> None:
    # "memanggil pulang dubes": the word of the recall reading (pulang) comes before that of the summons (dubes)
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Kolombia memanggil pulang dubesnya dari Israel pada Rabu."]), DEFAULT).events
    assert [(e.type, e.mode) for e in events] == [("SANCTION", "withdraw")]


def test_seizing_power_is_no_attack_but_seizing_a_place_is() -> None:
    assert not [c for _, _, c in cue_hits("para jenderal itu merebut kekuasaan lewat kudeta pada Juli") if c.type == "ASSAULT"]
    assert [c for _, _, c in cue_hits("Vietnam merebut pulau karang itu dari Kamboja") if c.type == "ASSAULT"]
    assert [c for _, _, c in cue_hits("Vietnam merebut Karang Barat dari Kamboja") if c.type == "ASSAULT"]


def test_judging_a_step_unlawful_is_an_accusation() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Brasil menilai kebijakan Argentina itu melanggar perjanjian dagang kawasan."]), DEFAULT).events
    assert [(e.type, e.actors, e.recipients) for e in events] == [("ACCUSE", ["BRA"], ["ARG"])]


def test_declaring_that_an_envoy_must_leave_is_an_expulsion() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Pemerintah Chili menyatakan Duta Besar Venezuela untuk Chili, seorang mantan menteri, harus meninggalkan "
        "negara tersebut dalam 72 jam.", "Chili juga meminta para diplomat itu untuk meninggalkan ruang sidang."]),
        DEFAULT).events
    assert [(e.type, e.mode, e.status) for e in events] == [("SANCTION", "expel", "occurred")]


def test_a_passive_takes_its_word_from_just_before_it() -> None:
    # "duta besarnya ditarik": the recall's word stands before the passive verb, several words into the sentence
    hits = cue_hits("Pada akhir pekan, Presiden Chili mengatakan duta besarnya ditarik dari Lima.")
    assert [(c.type, c.mode) for _, _, c in hits] == [("SANCTION", "withdraw")]


def test_vowing_never_to_allow_is_a_threat() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Menlu Israel mengatakan Israel tidak akan pernah mengizinkan Lebanon memasang rudal di perbatasan."]),
        DEFAULT).events
    assert [(e.type, e.actors, e.recipients) for e in events] == [("THREATEN", ["ISR"], ["LBN"])]


def test_calling_a_state_a_villain_is_an_accusation() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Presiden Venezuela menyebut Kolombia adalah musuh rakyat Venezuela."]), DEFAULT).events
    assert [(e.type, e.actors, e.recipients) for e in events] == [("ACCUSE", ["VENGOV"], ["COL"])]


def test_backing_a_war_effort_is_aid() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Belarus terus mendukung upaya perang Rusia dengan amunisi."]), DEFAULT).events
    assert [(e.type, e.actors, e.recipients) for e in events] == [("AID", ["BLR"], ["RUS"])]


def test_objections_trade_freezes_and_prisoner_swaps() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Kemlu Vietnam menyatakan keberatan atas latihan militer China di Kepulauan Paracel.",
        "Aljazair membekukan perdagangan dengan Spanyol.",
        "Armenia dan Azerbaijan saling tukar tahanan di perbatasan."]), DEFAULT).events
    assert {(e.type, e.mode) for e in events} >= {("ACCUSE", "disapprove"), ("SANCTION", "discontinue"),
                                                  ("RETREAT", "release")}


def test_a_detected_launch_and_warships_sailing_near_a_state() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Jepang mendeteksi peluncuran rudal dari wilayah Korea Utara pada Rabu.",
        "Kapal perang Rusia berlayar di dekat perairan Norwegia."]), DEFAULT).events
    assert {(e.type, tuple(e.actors), tuple(e.recipients)) for e in events} == {
        ("MOBILIZE", ("PRK",), ("JPN",)), ("MOBILIZE", ("RUSMIL",), ("NOR",))}


def test_credentials_received_and_talks_concluded() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Presiden Kenya menerima surat kepercayaan dari duta besar Jepang.",
        "Chili dan Uni Eropa merampungkan perundingan perjanjian dagang."]), DEFAULT).events
    assert {(e.type, frozenset(countries(e.actors + e.recipients))) for e in events} >= {
        ("CONSULT", frozenset({"KEN", "JPN"})), ("CONSULT", frozenset({"CHL", "EUR"}))}


def test_letters_ignorecase_reads_as_s_and_i_find_the_reading() -> None:
    """IGNORECASE matches "ſ" (long s) and "ı" (dotless i) as s and i, which lower() keeps: the reading must still be
    found (it raised KeyError) and be the one of the plain spelling."""
    for odd, plain in (("Vietnam menyeſalkan penangkapan itu.", "Vietnam menyesalkan penangkapan itu."),
                       ("Chile mengırim bantuan ke Peru.", "Chile mengirim bantuan ke Peru.")):
        assert [(a, b, c.type) for a, b, c in cue_hits(odd)] == [(a, b, c.type) for a, b, c in cue_hits(plain)]
