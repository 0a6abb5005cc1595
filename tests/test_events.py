"""Event coder: one written sentence per construction (not taken from the dev pages)."""

from __future__ import annotations

import time

import pytest

from kronik.events import trace
from kronik.lexicon import inflect, lexicon
from kronik.model import Article, Event
from kronik.plover import plover
from kronik.settings import DEFAULT


def code(*paragraphs: str, published: str | None = "2024-03-06") -> list[Event]:
    return trace(Article(id="t", published=published, paragraphs=list(paragraphs)), DEFAULT).events


def countries(codes: list[str]) -> set[str]:
    return {c if c.startswith("IGO:") else c[:3] for c in codes}


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, events
    return found[0]


@pytest.mark.parametrize(("stem", "form", "surface", "voice"), [
    ("tolak", "meN-", "menolak", "active"),
    ("serang", "meN-", "menyerang", "active"),
    ("kirim", "meN-", "mengirim", "active"),
    ("protes", "meN-", "memprotes", "active"),
    ("kecam", "di-", "dikecam", "passive"),
    ("kecam", "-an", "kecaman", "noun"),
    ("temu", "per-an", "pertemuan", "noun"),
    ("runding", "ber-", "berunding", "active"),
    ("kerja sama", "ber-", "bekerja sama", "active"),
    ("sepakat", "meN-i", "menyepakati", "active"),
    ("tarik", "peN-an", "penarikan", "noun"),
])
def test_affixes(stem: str, form: str, surface: str, voice: str) -> None:
    assert inflect(stem, form) == (surface, voice)


def test_lexicon_and_plover_table_agree() -> None:
    cues, _ = lexicon()
    types = {t for t, _ in plover()}
    assert len(types) == 16
    assert all(c.type in types for readings in cues.values() for c in readings)
    assert plover()[("CONSULT", "visit")].score == 4


def test_directed_active() -> None:
    e = only(code("Pemerintah Jepang mengecam keras uji coba rudal Korea Utara pada Selasa (5/3)."), "ACCUSE")
    assert countries(e.actors) == {"JPN"} and countries(e.recipients) == {"PRK"}
    assert (e.mode, e.status, e.date, e.quad) == ("disapprove", "occurred", "2024-03-05", "verbal_conflict")


def test_passive_swaps_roles() -> None:
    e = only(code("Iran dijatuhi sanksi baru oleh Dewan Keamanan PBB."), "SANCTION")
    assert e.actors == ["UNO"] and countries(e.recipients) == {"IRN"}


def test_reciprocal_coordinated_subject() -> None:
    e = only(code("Menteri Luar Negeri Malaysia dan Menteri Luar Negeri Filipina bertemu di Seoul pada Senin (4/3)."),
             "CONSULT")
    assert countries(e.actors) == {"MYS", "PHL"} and e.recipients == []
    assert e.date == "2024-03-04"
    assert e.location == "Seoul" and e.location_country == "KOR"


def test_meeting_with_is_directed_from_the_subject() -> None:
    e = only(code("Presiden Prancis bertemu dengan Kanselir Jerman di Berlin."), "CONSULT")
    assert countries(e.actors) == {"FRA"} and countries(e.recipients) == {"DEU"}


def test_nominal_meeting_between() -> None:
    e = only(code("Pertemuan antara Presiden Indonesia dan Perdana Menteri Singapura berlangsung hangat."), "CONSULT")
    assert countries(e.actors) == {"IDN", "SGP"} and e.recipients == []


def test_planned_visit_next_week() -> None:
    e = only(code("Presiden Vietnam akan mengunjungi Jepang pekan depan."), "CONSULT")
    assert e.mode == "visit" and e.status == "planned"
    assert e.date == "2024-03-11/2024-03-17"


def test_negated() -> None:
    e = only(code("Menteri Pertahanan Filipina batal mengunjungi China karena cuaca buruk."), "CONSULT")
    assert e.status == "negated"


def test_hypothetical() -> None:
    e = only(code("Jika Korea Utara menyerang Korea Selatan, perang besar bisa pecah."), "ASSAULT")
    assert e.status == "hypothetical"


def test_reported_speech_codes_the_reported_event() -> None:
    e = only(code("Menteri Luar Negeri Inggris mengatakan bahwa Rusia menyerang Ukraina pada hari Minggu."), "ASSAULT")
    assert countries(e.actors) == {"RUS"} and countries(e.recipients) == {"UKR"}
    assert e.date == "2024-03-03"


def test_governed_complement_is_not_an_event() -> None:
    events = code("Turki mendesak Swedia menarik pasukan dari perbatasan Suriah.")
    assert [e.type for e in events] == ["REQUEST"]


def test_self_interaction_is_dropped() -> None:
    assert code("Presiden Brasil bertemu dengan Menteri Luar Negeri Brasil di Brasilia.") == []


def test_mentions_of_one_event_are_merged() -> None:
    events = code("Jepang mengecam Korea Utara pada Selasa (5/3).", "Kecaman Jepang terhadap Korea Utara itu disampaikan di Tokyo.")
    assert len([e for e in events if e.type == "ACCUSE"]) == 1


def test_trace_keeps_dropped_candidates() -> None:
    t = trace(Article(id="t", published="2024-03-06", paragraphs=["Presiden Brasil mengecam kebijakan itu."]), DEFAULT)
    (s,) = t.sentences
    assert s.candidates and s.candidates[0].dropped and s.candidates[0].event is None


def test_connective_takes_the_date_of_the_sentence_before() -> None:
    events = code("Kanada menaikkan tarif atas baja Meksiko pada 2 Februari 2024.",
                  "Sebagai balasan, Meksiko mengenakan tarif terhadap barang Kanada.")
    retaliation = [e for e in events if countries(e.actors) == {"MEX"}]
    assert retaliation and retaliation[0].date == "2024-02-02"


def test_sentence_without_date_takes_the_article_date() -> None:
    e = only(code("Australia mengecam Iran."), "ACCUSE")
    assert e.date == "2024-03-06"


def test_received_support_turns_roles() -> None:
    e = only(code("Myanmar telah mendapatkan dukungan dari Thailand dalam sengketa itu."), "SUPPORT")
    assert countries(e.actors) == {"THA"} and countries(e.recipients) == {"MMR"}


def test_reading_chosen_by_following_word() -> None:
    assert only(code("Kanada mendukung sanksi baru terhadap Iran."), "SANCTION")
    assert only(code("Kanada mendukung Ukraina dalam perundingan itu."), "SUPPORT")


def test_symmetric_meeting_from_both_sides_is_one_event() -> None:
    events = code("Presiden Chile mengadakan pembicaraan dengan Presiden Peru di Lima pada Senin (4/3).",
                  "Presiden Peru menemui Presiden Chile pada Senin (4/3) di istana.")
    assert len([e for e in events if e.type == "CONSULT"]) == 1


def test_purpose_clause_names_a_topic_not_a_party() -> None:
    assert code("Para menteri luar negeri ASEAN bertemu di Bali untuk membahas krisis Myanmar.") == []


def test_aid_to_a_population() -> None:
    e = only(code("Indonesia mengirim bantuan kemanusiaan untuk warga Palestina melalui Mesir."), "AID")
    assert countries(e.actors) == {"IDN"} and countries(e.recipients) == {"PSE"}


def test_further_target_of_the_same_act_is_its_own_event() -> None:
    events = code("Pada Senin (4/3), Menlu Kenya akan bertemu dengan Menlu Etiopia, dan pada hari Selasa dengan Menlu Somalia.",
                  published="2024-03-03")
    met = {frozenset(countries(e.actors + e.recipients)): e for e in events if e.type == "CONSULT"}
    assert met[frozenset({"KEN", "ETH"})].date == "2024-03-04"
    assert met[frozenset({"KEN", "SOM"})].date == "2024-03-05"
    assert all(e.status == "planned" for e in met.values())


def test_owner_of_a_document_is_not_the_target() -> None:
    assert code("Jerman mengkritik langkah itu karena melanggar resolusi PBB.") == []


def test_both_sides_after_the_verb_are_not_a_target() -> None:
    assert [e for e in code("Menlu Norwegia bertemu Menlu Swedia.", "Ia menolak memburuknya hubungan kedua negara.")
            if e.type == "REJECT"] == []


def test_purpose_of_an_act_is_not_an_event() -> None:
    events = code("Menlu Chile dan Menlu Peru akan mengadakan pertemuan bulan depan untuk membahas sengketa perbatasan.")
    assert [(e.type, e.status) for e in events] == [("CONSULT", "planned")]


def test_noun_followed_by_akan_is_planned() -> None:
    e = only(code("KTT antara Brasil dan Argentina akan digelar di Buenos Aires."), "CONSULT")
    assert e.status == "planned"


def test_accusation_content_is_not_an_event() -> None:
    events = code("Amerika Serikat menuduh Iran mendukung serangan terhadap Israel.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_host_receives_visitor_named_right_after_the_verb() -> None:
    e = only(code("Presiden Kenya menerima Menteri Luar Negeri Ukraina di Nairobi."), "CONSULT")
    assert e.mode == "visit" and countries(e.actors) == {"UKR"} and countries(e.recipients) == {"KEN"}


def test_attack_on_a_place_targets_its_state() -> None:
    e = only(code("Israel menyerang kamp pengungsi di Rafah pada Senin (4/3)."), "ASSAULT")
    assert countries(e.recipients) == {"PSE"} and e.location == "Rafah"


def test_joint_exercise_is_cooperation() -> None:
    e = only(code("Jepang dan Filipina menggelar latihan militer gabungan di Laut China Selatan."), "COOPERATE")
    assert countries(e.actors) == {"JPN", "PHL"} and e.recipients == []


def test_denial_after_a_dash_is_its_own_event() -> None:
    e = only(code("Serbia menuduh tetangganya mendukung milisi – tuduhan yang dibantah keras Kosovo."), "REJECT")
    assert countries(e.actors) == {"XKX"} and countries(e.recipients) == {"SRB"}


def test_halting_an_exercise_is_not_an_occurred_exercise() -> None:
    e = only(code("Jepang menghentikan latihan militer gabungan dengan Australia."), "COOPERATE")
    assert e.status == "negated"


def test_unnamed_doer_is_the_doer_of_the_event_before() -> None:
    events = code("Dewan Keamanan PBB menjatuhkan sanksi baru terhadap Iran pada Senin (4/3).",
                  "Teheran juga diperingatkan akan menghadapi konsekuensi lebih berat.")
    e = only(events, "THREATEN")
    assert e.actors == ["UNO"] and countries(e.recipients) == {"IRN"}


def test_unnamed_doer_is_not_carried_past_a_sentence_without_states() -> None:
    assert [e.type for e in code("Jepang mengecam Korea Utara.", "Harga minyak naik.", "Iran dikecam keras.")] == ["ACCUSE"]


def test_two_people_doing_the_same_are_two_events() -> None:
    events = code("Menteri Perdagangan Australia Andrew Robb akan mengunjungi Indonesia.",
                  "Menteri Pertanian Australia Barnaby Joyce juga dijadwalkan mengunjungi Indonesia.", published="2015-09-03")
    assert len([e for e in events if e.type == "CONSULT"]) == 2


def test_attending_a_bodys_summit() -> None:
    e = only(code("Presiden Joko Widodo menghadiri KTT ASEAN di Labuan Bajo."), "CONSULT")
    assert countries(e.actors) == {"IDN"} and e.recipients == ["IGO:ASEAN"]


def test_occupied_place_named_as_object() -> None:
    e = only(code("Pasukan Israel menduduki wilayah Tepi Barat."), "ASSAULT")
    assert countries(e.recipients) == {"PSE"}


def test_recognition_is_support() -> None:
    e = only(code("Spanyol mengakui kedaulatan Palestina."), "SUPPORT")
    assert countries(e.actors) == {"ESP"} and countries(e.recipients) == {"PSE"}


def test_received_attack_without_named_doer_is_dropped() -> None:
    assert code("Prajurit Suriah kembali mendapat serangan di dekat kota Idlib.") == []


def test_face_to_face_meeting() -> None:
    e = only(code("Presiden Chile dan Presiden Peru bertatap muka di Lima."), "CONSULT")
    assert countries(e.actors) == {"CHL", "PER"}


def test_sports_report_is_not_coded() -> None:
    assert code("Timnas Jepang menyerang gawang Korea Selatan sejak menit awal pertandingan.") == []


def test_speaker_of_a_quote_is_the_doer() -> None:
    e = only(code('"Kami mengecam keras serangan itu terhadap warga Lebanon," kata Menteri Luar Negeri Prancis di Paris.'),
             "ACCUSE")
    assert countries(e.actors) == {"FRA"} and countries(e.recipients) == {"LBN"}


def test_source_after_menurut_is_not_the_doer() -> None:
    e = only(code("Menurut Menlu Mesir, Yordania akan mengirim bantuan ke Gaza."), "AID")
    assert countries(e.actors) == {"JOR"}


def test_wished_for_acts_are_not_coded() -> None:
    assert code("Korea Utara ingin Amerika Serikat melonggarkan sanksi.") == []


def test_owner_of_a_criticised_decision_is_the_target() -> None:
    e = only(code("Indonesia mengecam keputusan Amerika Serikat memindahkan kedutaan besarnya."), "ACCUSE")
    assert countries(e.recipients) == {"USA"}


def test_location_after_a_place_word() -> None:
    e = only(code("Korea Utara dan Korea Selatan membuka kantor penghubung di kota Kaesong."), "COOPERATE")
    assert (e.location, e.location_country) == ("Kaesong", "PRK") and e.latitude is not None


def test_letters_and_congratulations() -> None:
    assert only(code("Presiden Mesir mengirim surat kepada Raja Yordania."), "CONSULT")
    assert only(code("Presiden Mesir mengirimi Raja Yordania pesan ucapan selamat."), "SUPPORT")


def test_unresolved_subject_does_not_take_an_earlier_doer() -> None:
    events = code("Lukashenko berencana melakukan perjalanan ke China pekan ini.",
                  "Wamenlu menyerahkan bantuan kepada Bulan Sabit Merah Mesir.")
    assert [e.type for e in events] == ["CONSULT"]


def test_efforts_are_not_achievements() -> None:
    assert code("Presiden Chile dan Presiden Peru berupaya memulai kembali pertemuan tingkat tinggi.") == []


def test_noun_target_must_follow_closely() -> None:
    events = code("Presiden Brasil memulai kunjungan pertamanya ke Afrika sebagai presiden, yang akan mencakup "
                  "kunjungan ke Angola.")
    assert [(e.type, e.status) for e in events] == [("CONSULT", "planned")]


def test_travel_agency_is_not_a_trip() -> None:
    assert code("Sebuah agen perjalanan asal Vietnam yang berkantor di Bangkok tutup.") == []


def test_rejection_of_the_request_just_made() -> None:
    events = code("Presiden Ukraina meminta NATO memberlakukan zona larangan terbang.", "NATO menolak permintaan tersebut.")
    e = only(events, "REJECT")
    assert e.actors == ["IGO:NATO"] and countries(e.recipients) == {"UKR"}


def test_very_long_sentence_is_coded_in_pieces_quickly() -> None:
    text = ", ".join(["Korea Utara dan Korea Selatan bertemu di Seoul"] * 400) + "."
    began = time.perf_counter()
    events = code(text)
    assert time.perf_counter() - began < 2.0
    assert [e.type for e in events] == ["CONSULT"]


@pytest.mark.parametrize(("sentence", "type_", "actors", "recipients"), [
    ("Israel melancarkan serangan udara ke Rafah pada Selasa malam.", "ASSAULT", {"ISR"}, {"PSE"}),
    ("Rusia meluncurkan rudal ke Kyiv pada Senin dini hari.", "ASSAULT", {"RUS"}, {"UKR"}),  # a missile strike (PLOVER)
    ("Kapal patroli Vietnam menembakkan meriam air ke perahu nelayan Kamboja.", "ASSAULT", {"VNM"}, {"KHM"}),
    ("Menlu Retno mengecam serangan Israel terhadap kamp pengungsi di Jabalia.", "ACCUSE", {"IDN"}, {"ISR"}),
    ("ASEAN menyerukan gencatan senjata segera di Gaza.", "REQUEST", {"IGO:ASEAN"}, {"PSE"}),
    ("India mengusir diplomat Pakistan setelah serangan di Pahalgam.", "SANCTION", {"IND"}, {"PAK"}),
    ("China menggelar latihan militer besar-besaran di sekitar Taiwan.", "MOBILIZE", {"CHN"}, {"TWN"}),
    ("Pakistan menutup wilayah udaranya bagi maskapai India.", "SANCTION", {"PAK"}, {"IND"}),
    ("India melancarkan serangan rudal ke sembilan lokasi di Pakistan.", "ASSAULT", {"IND"}, {"PAK"}),
    ("Tentara Israel menembaki Rumah Sakit Indonesia di Gaza.", "ASSAULT", {"ISR"}, {"PSE"}),
    ("Amerika Serikat menjual senjata senilai 1 miliar dolar kepada Taiwan.", "AID", {"USA"}, {"TWN"}),
    ("Israel membunuh pemimpin Hizbullah dalam serangan udara di Beirut.", "ASSAULT", {"ISR"}, {"LBN"}),
    ("Vietnam mengecam China atas penangkapan nelayannya di Kepulauan Paracel.", "ACCUSE", {"VNM"}, {"CHN"}),
    ("Kapal China menabrak kapal pasokan Filipina di dekat Beting Ayungin.", "ASSAULT", {"CHN"}, {"PHL"}),
    ("Bakamla mengusir kapal penjaga pantai China dari Laut Natuna Utara.", "COERCE", {"IDN"}, {"CHN"}),
    ("New Delhi menurunkan hubungan diplomatik dengan Islamabad.", "SANCTION", {"IND"}, {"PAK"}),
    ("Kanada membalas dengan menaikkan bea masuk baja Meksiko menjadi 30 persen.", "SANCTION", {"CAN"}, {"MEX"}),
    ("Di Jenewa, China dan Rusia memveto rancangan resolusi yang diajukan AS.", "REJECT", {"CHN", "RUS"}, {"USA"}),
    ("Amerika Serikat menyetujui penjualan senjata senilai 2 miliar dolar ke Taiwan.", "AID", {"USA"}, {"TWN"}),
    ("Uni Eropa menyetujui bantuan 50 miliar euro untuk Ukraina.", "AID", {"EUR"}, {"UKR"}),
    ("Amerika Serikat mengirimkan sistem pertahanan udara Patriot ke Ukraina.", "AID", {"USA"}, {"UKR"}),
    ("Jerman mengumumkan bantuan militer baru untuk Kyiv.", "AID", {"DEU"}, {"UKR"}),
    ("Malaysia dan Indonesia mengirim nota protes kepada China soal klaim itu.", "ACCUSE", {"MYS", "IDN"}, {"CHN"}),
    ("Jet tempur China memasuki zona identifikasi pertahanan udara Taiwan.", "MOBILIZE", {"CHN"}, {"TWN"}),
    ("Kapal perang China membayangi kapal penjaga pantai Filipina di dekat Scarborough Shoal.", "MOBILIZE", {"CHN"}, {"PHL"}),
    ("Rudal Rusia menghantam Kharkiv dan menewaskan 10 warga sipil.", "ASSAULT", {"RUS"}, {"UKR"}),
    ("Militer Israel menggempur Khan Younis sejak Senin.", "ASSAULT", {"ISR"}, {"PSE"}),
    ("Para pemimpin ASEAN mendesak junta Myanmar untuk menghentikan kekerasan.", "REQUEST", {"IGO:ASEAN"}, {"MMR"}),
    ("Houthi menyerang kapal dagang milik Israel di Laut Merah.", "ASSAULT", {"YEM"}, {"ISR"}),
    ("Israel melancarkan serangan udara ke Lebanon selatan yang menewaskan seorang komandan.", "ASSAULT", {"ISR"}, {"LBN"}),
    ("Taiwan mendeteksi 30 pesawat militer China di sekitar pulau itu pada Rabu.", "MOBILIZE", {"CHN"}, {"TWN"}),
    ("Filipina mengajukan protes diplomatik kepada China atas insiden itu.", "ACCUSE", {"PHL"}, {"CHN"}),
    ("Pasukan Rusia merebut kota Avdiivka di Ukraina timur.", "ASSAULT", {"RUS"}, {"UKR"}),
    ("Israel menahan aktivis Indonesia yang ikut dalam armada bantuan ke Gaza.", "COERCE", {"ISR"}, {"IDN"}),
    ("Sementara itu, Rusia menyebut serangan Ukraina itu sebagai aksi terorisme.", "ACCUSE", {"RUS"}, {"UKR"}),
    ("Iran membalas serangan Israel dengan meluncurkan puluhan rudal balistik.", "ASSAULT", {"IRN"}, {"ISR"}),
    ("Kapal Penjaga Pantai Filipina dihadang kapal China di dekat Second Thomas Shoal.", "COERCE", {"CHN"}, {"PHL"}),
    ("Warga Palestina di Gaza menerima bantuan makanan dari Yordania.", "AID", {"JOR"}, {"PSE"}),
    ("Indonesia, melalui Kementerian Luar Negeri, mengecam keras serangan Israel ke kamp Nuseirat.", "ACCUSE", {"IDN"}, {"ISR"}),
    ("Perdana Menteri Malaysia Anwar Ibrahim mendesak negara-negara ASEAN untuk menekan junta Myanmar.", "REQUEST",
     {"MYS"}, {"IGO:ASEAN"}),
    ("ASEAN menyerukan agar Israel segera menghentikan serangan di Gaza.", "REQUEST", {"IGO:ASEAN"}, {"ISR"}),
    ("PBB mengimbau India dan Pakistan untuk menahan diri.", "REQUEST", {"UNO"}, {"IND", "PAK"}),
    ("Jepang mengajukan protes kepada Rusia setelah pesawat militer Rusia melanggar wilayah udaranya.", "ACCUSE",
     {"JPN"}, {"RUS"}),
])
def test_held_out_conflicts(sentence: str, type_: str, actors: set[str], recipients: set[str]) -> None:
    """Constructions from conflicts the dev pages do not cover (Gaza, Ukraine, the South China Sea, South Asia)."""
    e = only(code(sentence), type_)
    assert countries(e.actors) == actors and countries(e.recipients) == recipients


def test_prisoner_swap_is_reciprocal() -> None:
    e = only(code("Rusia dan Ukraina saling bertukar tawanan perang."), "RETREAT")
    assert countries(e.actors) == {"RUS", "UKR"} and not e.recipients


def test_reason_noun_has_no_doer_from_the_main_clause() -> None:
    events = code("China menjatuhkan sanksi terhadap perusahaan AS karena penjualan senjata ke Taiwan.")
    assert [(countries(e.actors), countries(e.recipients)) for e in events] == [({"CHN"}, {"USA"})]


def test_meeting_as_setting_is_not_an_event() -> None:
    events = code("Xi Jinping dan Jokowi bertatap muka di sela-sela pertemuan G20 di Bali.")
    assert [countries(e.actors + e.recipients) for e in events] == [{"CHN", "IDN"}]
    assert not code("Moon dan Trump berencana mengunjungi desa gencatan senjata Panmunjeom.", published="2019-06-28")


def test_sanction_noun_owned_by_a_body() -> None:
    events = code("Presiden AS memuji sanksi baru PBB kepada Korea Utara.")
    assert {(tuple(countries(e.actors)), tuple(countries(e.recipients)), e.type) for e in events} == {
        (("USA",), ("UNO",), "SUPPORT"), (("UNO",), ("PRK",), "SANCTION")}


def test_needed_is_not_done_and_aid_flights_are_not_visits() -> None:
    assert not code("Rusia menyebutkan perlunya pelonggaran sanksi terhadap Korea Utara.")
    events = code("Pesawat TNI yang membawa bantuan untuk Gaza tiba di Bandara El Arish, Mesir.")
    assert all(e.type != "CONSULT" for e in events)


def test_subject_right_before_the_verb() -> None:
    e = only(code("Dewan berselisih soal cara menghadapi Iran dan pada Juni, Rusia dan China memveto usul Inggris."), "REJECT")
    assert countries(e.actors) == {"CHN", "RUS"}


def test_leaders_pair_after_a_summit() -> None:
    events = code("Perdana Menteri Jepang dan Presiden Korea Selatan menggelar KTT bilateral di Seoul.",
                  "Pemimpin Korea Utara Kim Jong-un pada hari yang sama mengawasi uji coba rudal.",
                  "Kedua pemimpin negara sepakat memperkuat kerja sama keamanan.", published="2023-03-16")
    assert countries(only(events, "AGREE").actors) == {"JPN", "KOR"}


@pytest.mark.parametrize(("sentence", "type_", "actors", "recipients"), [
    ("Kemlu memanggil Duta Besar China di Jakarta terkait insiden di Natuna.", "ACCUSE", {"IDN"}, {"CHN"}),
    ("Kemlu AS mengecam serangan Rusia ke Kharkiv.", "ACCUSE", {"USA"}, {"RUS"}),
    ("Dewan Urusan Daratan mendesak Beijing untuk menghentikan intimidasinya.", "REQUEST", {"TWN"}, {"CHN"}),
    ("Bakamla mengusir kapal CCG 5402 keluar dari Laut Natuna Utara.", "COERCE", {"IDN"}, {"CHN"}),
    ("Kemenlu terus berkomunikasi dengan UNHCR soal pengungsi Rohingya.", "CONSULT", {"IDN"}, {"UNO"}),
    ("DK PBB mengadopsi resolusi sanksi baru terhadap Iran tanpa suara menentang.", "SANCTION", {"UNO"}, {"IRN"}),
])
def test_agencies_and_bodies(sentence: str, type_: str, actors: set[str], recipients: set[str]) -> None:
    e = only(code(sentence), type_)
    assert countries(e.actors) == actors and countries(e.recipients) == recipients


def test_fronted_meeting_takes_the_subject_after_it() -> None:
    events = code("Pada pertemuan dengan Perdana Menteri China Li Qiang di Istana Merdeka, Presiden Jokowi mendorong "
                  "China untuk mempercepat investasi.", published="2023-09-08")
    assert countries(only(events, "CONSULT").actors + only(events, "CONSULT").recipients) == {"IDN", "CHN"}
    assert countries(only(events, "REQUEST").actors) == {"IDN"}


def test_relative_clause_on_a_thing_has_no_state_doer() -> None:
    assert not code("Korea Utara memberi tahu rencana peluncuran pada akhir Mei, yang mendorong Tokyo untuk bersiaga.")


@pytest.mark.parametrize(("sentence", "target"), [
    ("Ratusan mahasiswa menggelar aksi unjuk rasa di depan Kedutaan Besar Australia, Jalan Patra Kuningan, Jakarta.", "AUS"),
    ("Ratusan orang berdemonstrasi di depan Kedubes AS di Jakarta menentang serangan Israel ke Gaza.", "USA"),
    ("Massa aksi bela Rohingya membakar bendera Myanmar di depan Kedutaan Besar Myanmar.", "MMR"),
])
def test_protest_at_an_embassy(sentence: str, target: str) -> None:
    e = only(code(sentence), "PROTEST")
    assert (e.actors, countries(e.recipients)) == (["IDNCVL"], {target})
    assert all(countries(x.actors) != {"USA"} for x in code(sentence))


def test_exercise_parties_it_involves() -> None:
    e = only(code("Latihan bersama itu melibatkan 600 personel Angkatan Laut Australia dan 400 prajurit TNI AL."), "COOPERATE")
    assert countries(e.actors) == {"AUS", "IDN"} and not e.recipients
    e = only(code("TNI AD dan Angkatan Darat AS akan melakukan latihan perang bersama Garuda Shield di Baturaja."), "COOPERATE")
    assert (countries(e.actors), e.status) == ({"USA", "IDN"}, "planned")


def test_mutual_fire_and_agreed_ceasefire() -> None:
    e = only(code("Pasukan India dan Pakistan saling tembak di sepanjang Garis Kontrol di Kashmir."), "ASSAULT")
    assert countries(e.actors) == {"IND", "PAK"} and not e.recipients
    events = code("Thailand dan Kamboja sepakat melakukan gencatan senjata setelah bentrokan di perbatasan.")
    assert [e.type for e in events] == ["AGREE"]


def test_topic_state_is_not_a_party_and_planned_summit_noun() -> None:
    events = code("Jepang mengadakan pertemuan dengan Korea Selatan soal urusan nuklir Korea Utara.")
    assert [countries(e.actors + e.recipients) for e in events] == [{"JPN", "KOR"}]
    events = code("Kim Jong-un mengunjungi Beijing, menjelang KTT yang direncanakan dengan Korea Selatan.")
    assert {(e.status, tuple(countries(e.recipients))) for e in events} == {("occurred", ("CHN",)), ("planned", ("KOR",))}


def test_aid_sent_to_help_and_the_part_a_state_plays() -> None:
    e = only(code("Korea Utara mengirim ribuan tentara untuk membantu Rusia."), "AID")
    assert countries(e.actors) == {"PRK"} and countries(e.recipients) == {"RUS"}
    e = only(code("Laporan itu menyoroti peran Iran dalam mendukung pasukan pemerintah Suriah."), "SUPPORT")
    assert countries(e.actors) == {"IRN"} and countries(e.recipients) == {"SYR"}


@pytest.mark.parametrize(("sentence", "type_", "parties"), [
    ('Putin mengadakan "pembicaraan produktif" dengan Presiden Xi Jinping di Moskow.', "CONSULT", {"CHN", "RUS"}),
    ("Presiden Prancis dan Kanselir Jerman berjumpa di Strasbourg.", "CONSULT", {"FRA", "DEU"}),
    ("Menjelang pertemuan dengan Xi Jinping, Presiden Jokowi berbicara kepada wartawan.", "CONSULT", {"IDN", "CHN"}),
    ("Rusia kembali mengirim pesawat militer ke dekat Jepang sejak awal Oktober.", "MOBILIZE", {"RUS", "JPN"}),
    ("Kementerian Luar Negeri Vietnam memanggil wakil duta besar China di Hanoi.", "ACCUSE", {"VNM", "CHN"}),
])
def test_more_clause_shapes(sentence: str, type_: str, parties: set[str]) -> None:
    doc = "Pemimpin Korea Utara Kim Jong-un tiba di Beijing pada Senin." if sentence.startswith("Dia") else None
    events = code(*filter(None, (doc, sentence)), published="2019-04-26")
    assert parties in [countries(e.actors + e.recipients) for e in events if e.type == type_]


def test_fronted_response_names_the_target() -> None:
    e = only(code("Menanggapi manuver yang dilakukan oleh Vietnam itu, Kementerian Luar Negeri Malaysia mengirim protes keras."), "ACCUSE")
    assert countries(e.actors) == {"MYS"} and countries(e.recipients) == {"VNM"}
    e = only(code("Sebagai balasan atas uji coba rudal Korea Utara, Jepang menjatuhkan sanksi baru."), "SANCTION")
    assert countries(e.actors) == {"JPN"} and countries(e.recipients) == {"PRK"}


@pytest.mark.parametrize("sentence", [
    "Perang antara Rusia dan Ukraina telah berlangsung lebih dari tiga tahun.",
    "Hubungan India dan Pakistan memburuk sejak pemisahan pada 1947.",
    "Timnas Indonesia akan menghadapi Jepang di Stadion Gelora Bung Karno.",
    "Warga negara Indonesia yang bekerja di Malaysia mengirim uang ke keluarga mereka.",
    "Pebulu tangkis Indonesia mengalahkan wakil China di final.",
])
def test_no_interstate_event(sentence: str) -> None:
    assert code(sentence) == []


def test_second_verb_shares_the_plan_and_a_third_party() -> None:
    events = code("Presiden Korea Selatan dan Presiden AS mengumumkan rencana untuk mengunjungi zona perbatasan dan "
                  "bertemu dengan Pemimpin Korea Utara di sana.", published="2019-06-29")
    assert events and all(e.status == "planned" for e in events)
    assert all(countries(e.actors + e.recipients) == {"KOR", "USA", "PRK"} for e in events)


def test_time_to_do_is_not_done() -> None:
    assert not code("Juru bicara itu menyatakan bahwa sudah saatnya untuk memutuskan hubungan dengan Israel.")


def test_blocking_aid_is_coercion_and_ships_do_not_visit() -> None:
    events = code("Israel menutup akses bantuan kemanusiaan ke Gaza.")
    assert [(e.type, countries(e.actors), countries(e.recipients)) for e in events] == [("COERCE", {"ISR"}, {"PSE"})]
    assert all(e.type != "CONSULT" for e in code("Kapal selam nuklir AS tiba di Busan, Korea Selatan."))
    assert not code("Amerika Serikat memveto resolusi gencatan senjata Gaza di Dewan Keamanan PBB.")


def test_planned_meeting_dated_by_the_report_joins_the_dated_plan() -> None:
    events = code("Rencananya, Presiden Moon akan bertemu Kim Jong-un untuk ketiga kalinya.",
                  "Pekan depan, Moon akan menyambangi Pyongyang.", published="2018-09-14")
    assert len([e for e in events if e.type == "CONSULT"]) == 1


def test_named_exercise_between_partners() -> None:
    e = only(code("Amerika Serikat dan Filipina menggelar latihan Balikatan di dekat Laut China Selatan."), "COOPERATE")
    assert countries(e.actors) == {"USA", "PHL"} and not e.recipients


def test_judging_the_act_just_reported() -> None:
    events = code("Israel kembali melancarkan serangan udara ke Jalur Gaza pada Selasa.",
                  "Kementerian Luar Negeri RI dalam pernyataannya mengecam keras serangan tersebut.")
    e = only(events, "ACCUSE")
    assert countries(e.actors) == {"IDN"} and countries(e.recipients) == {"ISR"}
    # judging "kebijakan itu" is not aimed at whoever judged it before, but, as the same judgement, at its owner
    events = code("Kanada mengecam kebijakan tarif Amerika Serikat.", "Presiden Brasil juga mengecam kebijakan itu.")
    assert [(countries(e.actors), countries(e.recipients)) for e in events] == [({"CAN"}, {"USA"}), ({"BRA"}, {"USA"})]


def test_mediation_and_a_mediator_calling_on_both_sides() -> None:
    events = code("Qatar dan Mesir terus menengahi perundingan antara Israel dan Hamas di Kairo.")
    e = next(x for x in events if x.mode == "third-party")
    assert countries(e.actors) == {"QAT", "EGY"} and countries(e.recipients) == {"ISR", "PSE"}
    events = code("Militer Pakistan menembak jatuh lima jet tempur India.",
                  "Menlu China Wang Yi menelepon Menlu Pakistan Ishaq Dar dan menyerukan kedua pihak menahan diri.",
                  published="2025-05-08")
    assert countries(only(events, "REQUEST").recipients) == {"IND", "PAK"}


def test_suffered_by_the_subject() -> None:
    e = only(code("Pasukan penjaga perdamaian Indonesia di Lebanon selatan terluka akibat tembakan tank Israel."), "ASSAULT")
    assert countries(e.actors) == {"ISR"} and countries(e.recipients) == {"IDN"}


def test_resolution_demand_and_answers_to_it() -> None:
    events = code("Dewan Keamanan PBB meloloskan resolusi yang menuntut gencatan senjata segera di Gaza, Senin (4/3).",
                  "Amerika Serikat memilih abstain.",
                  "Malaysia menyambut baik resolusi tersebut.")
    e = only(events, "REQUEST")
    assert countries(e.actors) == {"UNO"} and countries(e.recipients) == {"PSE"}
    e = only(events, "SUPPORT")
    assert countries(e.actors) == {"MYS"} and countries(e.recipients) == {"UNO"}


def test_cancelled_delegation() -> None:
    e = only(code("Perdana Menteri Israel membatalkan rencana pengiriman delegasi ke Washington."), "CONSULT")
    assert countries(e.actors) == {"ISR"} and countries(e.recipients) == {"USA"} and e.status == "negated"


def test_two_state_solution_is_not_two_states() -> None:
    events = code("Jepang dan Korea Selatan menggelar pertemuan di Tokyo.",
                  "Kementerian Luar Negeri RI menegaskan dukungan bagi solusi dua negara.")
    assert all("IDN" not in countries(e.actors) for e in events), events


def test_meeting_on_the_sidelines_of_a_summit() -> None:
    e = only(code("Presiden Zelensky bertemu Presiden Prabowo di sela KTT G20 di Rio de Janeiro, Senin (4/3)."), "CONSULT")
    assert countries(e.actors + e.recipients) == {"UKR", "IDN"} and e.date == "2024-03-04"


def test_condemning_an_attack_on_a_camp() -> None:
    events = code("Kementerian Luar Negeri RI mengecam keras serangan Israel ke kamp pengungsi di Rafah.")
    e = only(events, "ACCUSE")
    assert countries(e.actors) == {"IDN"} and countries(e.recipients) == {"ISR"}


def test_summoning_an_envoy_after_an_incident() -> None:
    e = only(code("Filipina memanggil duta besar China setelah insiden di Laut China Selatan."), "ACCUSE")
    assert countries(e.actors) == {"PHL"} and countries(e.recipients) == {"CHN"}


def test_retaliation_and_exchange_of_fire() -> None:
    events = code("India melancarkan serangan rudal ke wilayah Pakistan pada Rabu dini hari.",
                  "Pakistan membalas serangan India.")
    assert {(frozenset(countries(e.actors)), frozenset(countries(e.recipients))) for e in events} == {
        (frozenset({"IND"}), frozenset({"PAK"})), (frozenset({"PAK"}), frozenset({"IND"}))}
    events = code("Militer Thailand dan Kamboja terlibat baku tembak di perbatasan.",
                  "ASEAN menyerukan agar kedua pihak menahan diri.")
    assert countries(only(events, "ASSAULT").actors) == {"THA", "KHM"}
    e = only(events, "REQUEST")
    assert countries(e.actors) == {"IGO:ASEAN"} and countries(e.recipients) == {"THA", "KHM"}


def test_detected_aircraft_near_the_island() -> None:
    e = only(code("Taiwan mendeteksi 20 pesawat militer China di sekitar pulau itu."), "MOBILIZE")
    assert countries(e.actors) == {"CHN"} and countries(e.recipients) == {"TWN"}


def test_condemning_a_launch_told_of_earlier() -> None:
    events = code("Korea Utara kembali menembakkan rudal balistik ke arah laut pada Senin pagi.",
                  "Rudal itu jatuh di perairan internasional.",
                  "Filipina dan Australia mengecam penembakan tersebut.")
    e = only(events, "ACCUSE")
    assert countries(e.actors) == {"PHL", "AUS"} and countries(e.recipients) == {"PRK"}
    events = code("Korea Utara kembali menembakkan rudal balistik ke arah laut pada Senin pagi.",
                  "Filipina dan Australia mengecam keputusan tarif tersebut.")
    assert not [e for e in events if e.type == "ACCUSE"], events


def test_water_cannon_sprayed_or_used() -> None:
    # PLOVER lists water cannons under ASSAULT (crowd-control), as "menembakkan meriam air" already is
    for verb in ("menyemprotkan meriam air ke", "menggunakan meriam air terhadap"):
        e = only(code(f"Kapal patroli Vietnam {verb} perahu nelayan Kamboja pada Senin (4/3)."), "ASSAULT")
        assert countries(e.actors) == {"VNM"} and countries(e.recipients) == {"KHM"}


def test_warning_of_consequences_names_the_one_warned_after_bahwa() -> None:
    e = only(code("Tokyo memperingatkan bahwa Beijing akan menanggung akibatnya jika latihan itu berlanjut."), "THREATEN")
    assert countries(e.actors) == {"JPN"} and countries(e.recipients) == {"CHN"}
    # a warning about what others will suffer is a forecast, not a threat
    assert not code("Badan PBB memperingatkan bahwa warga Sudan menghadapi kelaparan.")


def test_threat_to_retaliate_is_aimed_at_the_sanctioning_state() -> None:
    events = code("Amerika Serikat menjatuhkan sanksi baru terhadap Iran pada Senin (4/3).",
                  "Iran mengecam sanksi tersebut dan mengancam akan membalas.")
    for type_ in ("ACCUSE", "THREATEN"):
        e = only(events, type_)
        assert countries(e.actors) == {"IRN"} and countries(e.recipients) == {"USA"}
    events = code("Jepang menjatuhkan sanksi terhadap Korea Utara pada Senin (4/3).",
                  "Sanksi itu menyasar sektor perbankan Pyongyang.",
                  "Kementerian Luar Negeri Korea Utara memperingatkan bahwa Pyongyang akan membalas.")
    e = only(events, "THREATEN")
    assert countries(e.actors) == {"PRK"} and countries(e.recipients) == {"JPN"}


def test_rescue_teams_sent_by_several_states() -> None:
    e = only(code("Thailand dan Vietnam juga mengirim tim penyelamat ke Nepal."), "AID")
    assert countries(e.actors) == {"THA", "VNM"} and countries(e.recipients) == {"NPL"}


def test_forces_sent_in_a_passive_with_the_cause_named() -> None:
    e = only(code("Kapal perang Angkatan Laut Filipina dikerahkan ke Scarborough setelah kapal China masuk ke sana."),
             "MOBILIZE")
    assert countries(e.actors) == {"PHL"} and countries(e.recipients) == {"CHN"}
    assert not code("Kapal perang Angkatan Laut Filipina dikerahkan ke Scarborough.")


def test_noun_with_possessor_and_oleh_doer() -> None:
    # "pengusiran kapal X oleh Y": the possessor undergoes the act, "oleh" names its doer
    e = only(code("Pengusiran kapal nelayan Vietnam oleh TNI AL berlangsung Senin."), "COERCE")
    assert countries(e.actors) == {"IDN"} and countries(e.recipients) == {"VNM"}


def test_state_right_before_the_verb_is_its_subject() -> None:
    # an earlier state in the clause is the subject of another verb ("tahu"); the one right before this verb acts
    e = only(code("Warga Chili tahu Peru terus mendesak Bolivia untuk berunding."), "REQUEST")
    assert countries(e.actors) == {"PER"} and countries(e.recipients) == {"BOL"}


def test_meetings_with_different_people_are_different_meetings() -> None:
    events = code("Menteri Luar Negeri Australia Penny Wong bertemu Presiden Korea Selatan Yoon Suk Yeol di Seoul.",
                  "Penny Wong juga bertemu Perdana Menteri Korea Selatan Han Duck-soo.", published="2023-05-10")
    assert len([e for e in events if e.type == "CONSULT"]) == 2


def test_headline_introduces_the_actors() -> None:
    t = trace(Article(id="t", published="2023-08-10", title="Junta Niger usir duta besar Prancis",
                      paragraphs=["Junta memerintahkan duta besar itu meninggalkan negara dalam 48 jam."]), DEFAULT)
    assert any(m.code.startswith("NER") for s in t.sentences for m in s.mentions)


def test_patient_after_an_expulsion_noun() -> None:
    # "pengusiran diplomat X": the diplomat undergoes it; the clause subject expels
    e = only(code("Kanada mengumumkan pengusiran diplomat Iran pada Senin."), "SANCTION")
    assert countries(e.actors) == {"CAN"} and countries(e.recipients) == {"IRN"}


def test_relative_passive_names_the_doer_and_people_of_a_state_after_a_preposition() -> None:
    t = trace(Article(id="t", published="2024-03-06", paragraphs=["Turki mengecam veto yang dilakukan Rusia pekan lalu."]), DEFAULT)
    veto = next(c for s in t.sentences for c in s.candidates if c.text == "veto")
    assert veto.parties is not None and [m.code for m in veto.parties.agents] == ["RUS"]
    e = only(code("Pemerintah Swiss pada Selasa menyatakan persona non grata kepada staf konsulat Iran."), "SANCTION")
    assert countries(e.actors) == {"CHE"} and countries(e.recipients) == {"IRN"}


def test_antara_further_on_and_sementara_as_temporary() -> None:
    # "gencatan senjata sementara" is a temporary ceasefire, not "while"; "antara" further on names its parties
    events = code("Menteri Pertahanan Sudan berbicara soal gencatan senjata sementara selama tujuh hari antara Sudan dan Chad.")
    e = only(events, "RETREAT")
    assert countries(e.actors) == {"SDN", "TCD"} and not e.recipients
    assert not [x for x in events if x.type == "CONSULT"]  # Chad is in the topic of the talk, not its other side


def test_fronted_phrase_names_no_subject() -> None:
    events = code("Selain Kenya, Presiden Brasil akan mengunjungi Tanzania pekan depan.")
    e = only(events, "CONSULT")
    assert countries(e.actors) == {"BRA"} and countries(e.recipients) == {"TZA"}


def test_state_named_in_the_cause_is_not_the_target() -> None:
    events = code("Pemerintah Malaysia menyampaikan duka cita kepada para korban akibat serangan tentara Myanmar.")
    assert not [e for e in events if e.type == "SUPPORT" and "MMR" in countries(e.recipients)]


def test_acts_of_neighbouring_months_stay_apart() -> None:
    events = trace(Article(id="t", published="2024-05-08", paragraphs=[
        "Kanada mengenakan tarif 10 persen atas baja Meksiko pada Februari.",
        "Tarif itu kemudian dinaikkan menjadi 25 persen bulan berikutnya."]), DEFAULT).events
    assert sorted(e.date for e in events if e.type == "SANCTION") == ["2024-02", "2024-03"]


def test_meeting_with_a_named_host_during_a_visit_is_its_own_event() -> None:
    evs = code("Menlu Sugiono melakukan kunjungan kerja ke Tokyo, Jepang. "
               "Di sana, Menlu Sugiono bertemu dengan Perdana Menteri Jepang Shigeru Ishiba.")
    consults = [e for e in evs if e.type == "CONSULT"]
    assert sorted(e.mode or "" for e in consults) == ["", "visit"]


def test_planned_trip_and_its_planned_talks_are_one_plan() -> None:
    evs = code("Menlu Sugiono akan berkunjung ke Tokyo dan akan bertemu dengan Perdana Menteri Jepang "
               "Shigeru Ishiba.")
    assert len([e for e in evs if e.type == "CONSULT"]) == 1


def test_fronted_clause_without_subject_takes_the_main_subject() -> None:
    evs = code("Selain mengadakan pembicaraan empat mata dengan Menlu Australia Penny Wong, Menlu Sugiono juga "
               "menghadiri sebuah seminar di Canberra.")
    ev = only(evs, "CONSULT")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"AUS"}


def test_counterpart_named_after_a_comma_takes_the_preposition() -> None:
    evs = code("Menteri Luar Negeri Jepang Takeshi Iwaya bersepakat dengan mitranya, Menteri Luar Negeri Korea "
               "Selatan Cho Tae-yul, untuk memperluas pertukaran pelajar.")
    ev = only(evs, "AGREE")
    assert countries(ev.actors + ev.recipients) == {"JPN", "KOR"}


def test_a_dialog_is_a_meeting() -> None:
    ev = only(code("Indonesia dan Malaysia menggelar dialog perbatasan di Kuching pada Senin (4/3)."), "CONSULT")
    assert countries(ev.actors) == {"IDN", "MYS"}


def test_a_voiced_claim_of_jurisdiction_rejects_the_other_side() -> None:
    evs = code("Kapal penjaga pantai Vietnam mengusir kapal nelayan China dari perairan Kepulauan Paracel.",
               "Vietnam mengatakan kapal nelayan China melanggar kedaulatan Vietnam.",
               "Juru bicara Kementerian Luar Negeri China mengatakan kapal-kapal itu sah beroperasi dan berada dalam "
               "yurisdiksi China.")
    ev = only(evs, "REJECT")
    assert countries(ev.actors) == {"CHN"} and countries(ev.recipients) == {"VNM"}


def test_an_unvoiced_entry_into_jurisdiction_is_no_rejection() -> None:
    assert not [e for e in code("Kapal China itu masuk ke dalam yurisdiksi Vietnam.") if e.type == "REJECT"]


def test_a_promise_told_by_the_other_side_is_made_to_it() -> None:
    ev = only(code("Presiden Prabowo mengatakan bahwa Perdana Menteri Anwar berjanji akan mempercepat perundingan."),
              "AGREE")
    assert countries(ev.actors) == {"MYS"} and countries(ev.recipients) == {"IDN"}


def test_an_invited_visit_is_planned() -> None:
    evs = code("Presiden Xi Jinping mengundang Presiden Prabowo berkunjung ke Beijing.")
    visit = next(e for e in evs if e.type == "CONSULT")
    assert visit.status == "planned" and countries(visit.actors) == {"IDN"}


def test_speaker_named_after_a_closed_quote_voices_it() -> None:
    ev = only(code("\"Uji coba rudal Korea Utara itu adalah pelanggaran terhadap resolusi Dewan Keamanan PBB,\" "
                   "Menteri Luar Negeri Korea Selatan Cho Tae-yul mengatakan kepada wartawan."), "ACCUSE")
    assert countries(ev.actors) == {"KOR"} and countries(ev.recipients) == {"PRK"}


def test_even_if_is_a_concession_not_a_condition() -> None:
    evs = [e for e in code("\"Bahkan jika China mungkin menyebutnya latihan rutin, manuver kapal perang China itu "
                           "adalah provokasi,\" Menteri Pertahanan Filipina mengatakan.") if e.type == "ACCUSE"]
    assert evs and all(e.status == "occurred" for e in evs)


def test_a_voiced_judgement_of_two_states_accuses_both() -> None:
    ev = only(code("Juru bicara Kementerian Luar Negeri China mengatakan Washington dan Manila telah mengambil langkah "
                   "yang sangat berbahaya dengan menggelar latihan itu."), "ACCUSE")
    assert countries(ev.recipients) == {"USA", "PHL"}


def test_refusing_to_recognise_is_a_rejection() -> None:
    ev = only(code("Filipina tidak akan pernah mengakui klaim sembilan garis putus China di Laut China Selatan."),
              "REJECT")
    assert countries(ev.actors) == {"PHL"} and countries(ev.recipients) == {"CHN"} and ev.status == "occurred"


def test_thanks_written_as_one_word_is_support() -> None:
    ev = only(code("Menlu Sugiono mengucapkan terimakasih kepada Jepang atas bantuan kemanusiaannya."), "SUPPORT")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"JPN"}


def test_an_agreement_reached_between_two_states_named_after_it() -> None:
    ev = only(code("Kedua menteri membahas pelaksanaan kesepakatan yang dicapai antara Armenia dan Azerbaijan di "
                   "Washington."), "AGREE")
    assert countries(ev.actors + ev.recipients) == {"ARM", "AZE"}


def test_the_same_day_is_no_preposition_before_the_subject() -> None:
    ev = only(code("Pada hari yang sama Presiden Korea Selatan Moon Jae-in bertemu dengan Presiden China Xi Jinping."),
              "CONSULT")
    assert countries(ev.actors + ev.recipients) == {"KOR", "CHN"}


def test_a_relative_clause_of_a_noun_that_is_no_actor_has_no_state_doer() -> None:
    evs = code("Kantor berita Korea Utara yang berbasis di Tokyo melaporkan bahwa perbatasan ditutup bagi wisatawan yang "
               "berkunjung dari Seoul.")
    assert not [e for e in evs if e.type == "CONSULT"]


def test_the_head_of_a_relative_clause_is_right_before_it() -> None:
    ev = only(code("Presiden Filipina, yang pekan lalu berkunjung ke Hanoi, bertemu dengan wartawan."), "CONSULT")
    assert countries(ev.actors) == {"PHL"} and countries(ev.recipients) == {"VNM"}


def test_deeming_someone_persona_non_grata_far_after_the_verb_is_an_expulsion() -> None:
    ev = only(code("Pemerintah Estonia menganggap seorang diplomat Rusia yang bertugas di kedutaan besarnya di Tallinn "
                   "sebagai persona non grata."), "SANCTION")
    assert ev.mode == "expel" and countries(ev.recipients) == {"RUS"}


def test_a_spoken_topic_with_its_clitic_is_the_speakers_own_act() -> None:
    ev = only(code("Presiden Prabowo menjelaskan tentang pertemuannya dengan Perdana Menteri Malaysia Anwar Ibrahim."),
              "CONSULT")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"MYS"}


def test_a_tariff_in_a_relative_clause_about_goods_hits_their_origin() -> None:
    ev = only(code("Kanada merilis daftar barang impor dari Amerika Serikat, termasuk baja, yang akan dikenakan bea "
                   "masuk 25 persen mulai 1 Juli."), "SANCTION")
    assert countries(ev.actors) == {"CAN"} and countries(ev.recipients) == {"USA"} and ev.status == "planned"


def test_calling_something_a_joke_far_after_the_verb_is_an_accusation() -> None:
    ev = only(code("Rusia menyebut rancangan resolusi Dewan Keamanan yang diajukan oleh Jepang dan Korea Selatan "
                   "sebagai lelucon."), "ACCUSE")
    assert countries(ev.actors) == {"RUS"}


def test_blocking_imports_from_a_state_sanctions_it() -> None:
    ev = only(code("Rusia memblokir impor buah-buahan dari Moldova mulai pekan depan."), "SANCTION")
    assert countries(ev.actors) == {"RUS"} and countries(ev.recipients) == {"MDA"}


def test_an_embassy_demonstrated_against_in_the_passive() -> None:
    ev = only(code("Kedutaan Besar Prancis di Jakarta didemo ratusan orang pada Jumat (30/10)."), "PROTEST")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"FRA"}


def test_troops_sent_in_the_passive_are_sent_by_their_state() -> None:
    evs = code("Presiden Prancis Emmanuel Macron tiba di Jakarta.",
               "Sebanyak 800 personel TNI dikirim ke Republik Afrika Tengah sebagai bagian dari misi perdamaian PBB.")
    ev = only(evs, "AID")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"CAF"}


def test_named_protesters_at_an_embassy_protest_against_its_state() -> None:
    ev = only(code("Ratusan warga Malaysia berunjuk rasa di depan Kedutaan Besar Prancis di Kuala Lumpur."), "PROTEST")
    assert countries(ev.actors) == {"MYS"} and countries(ev.recipients) == {"FRA"}


def test_missiles_fired_at_a_ship_owned_by_a_state_are_an_attack() -> None:
    ev = only(code("Kelompok Houthi menembakkan rudal ke kapal tanker milik Norwegia di Laut Merah."), "ASSAULT")
    assert countries(ev.actors) == {"YEM"} and countries(ev.recipients) == {"NOR"}


def test_an_initial_in_a_name_is_no_clause_boundary() -> None:
    ev = only(code("Presiden SBY bertemu dengan Presiden AS George W. Bush di Bogor pada November 2006."), "CONSULT")
    assert countries(ev.actors + ev.recipients) == {"IDN", "USA"}


def test_waging_war_against_a_group_is_an_attack_on_its_state() -> None:
    ev = only(code("Pada tahun 2006, Israel melancarkan perang melawan Hizbullah di Lebanon selatan."), "ASSAULT")
    assert countries(ev.actors) == {"ISR"} and countries(ev.recipients) == {"LBN"} and ev.date == "2006"


def test_no_bare_doer_after_a_passive_across_another_verb() -> None:
    evs = code("Pasukan Rwanda dituduh mendukung pemberontak M23 di Republik Demokratik Kongo.")
    assert not [e for e in evs if e.type == "ACCUSE" and countries(e.actors) == {"COD"}]


def test_no_bare_doer_after_a_passive_across_a_condition() -> None:
    evs = code("Uni Eropa mengatakan sanksi akan diperketat jika Rusia melanjutkan serangannya.")
    assert not [e for e in evs if e.type == "SANCTION" and countries(e.actors) == {"RUS"}]


def test_a_purpose_named_by_a_noun_is_no_host() -> None:
    ev = only(code("Delegasi Ukraina tiba di Istanbul untuk perundingan dengan Rusia yang dimediasi Turki."), "CONSULT")
    assert countries(ev.actors) == {"UKR"} and countries(ev.recipients) == {"TUR"}


def test_the_meeting_an_agreement_was_made_in_was_held() -> None:
    evs = code("Indonesia dan Australia menyepakati tiga nota kesepahaman dalam pertemuan Presiden Prabowo dengan "
               "Perdana Menteri Anthony Albanese di Canberra.")
    assert any(e.type == "CONSULT" and e.status == "occurred" for e in evs)


def test_a_meeting_that_yields_agreements_is_an_agreement() -> None:
    evs = code("Presiden Prabowo dan Presiden Xi Jinping bertemu di Beijing.",
               "Pertemuan kedua pemimpin menghasilkan tujuh kesepakatan kerja sama.")
    assert any(e.type == "AGREE" and countries(e.actors + e.recipients) == {"IDN", "CHN"} for e in evs)


def test_witnessing_the_signing_of_an_agreement_is_the_agreement() -> None:
    ev = only(code("Presiden Prabowo dan Perdana Menteri Anwar Ibrahim menyaksikan penandatanganan nota kesepahaman."),
              "AGREE")
    assert countries(ev.actors + ev.recipients) == {"IDN", "MYS"}


def test_aid_offered_is_not_aid_given() -> None:
    evs = code("Jepang menawarkan bantuan sebesar 10 juta dolar kepada Filipina.")
    assert [e.type for e in evs] == ["AGREE"]


def test_a_commitment_and_a_signing_of_the_same_pair_are_two_agreements() -> None:
    evs = code("Anwar menegaskan komitmen negaranya untuk melindungi pekerja migran Indonesia.",
               "Selain itu, Malaysia dan Indonesia menandatangani empat nota kesepahaman di bidang pendidikan.")
    assert len([e for e in evs if e.type == "AGREE"]) == 2


def test_hoping_that_another_state_acts_is_a_request() -> None:
    ev = only(code("Presiden Prabowo menyampaikan harapan agar Malaysia mempercepat perundingan batas laut."), "REQUEST")
    assert countries(ev.actors) == {"IDN"} and countries(ev.recipients) == {"MYS"}
    ev = only(code("Indonesia berharap agar Myanmar segera menghentikan kekerasan."), "REQUEST")
    assert countries(ev.recipients) == {"MMR"}


def test_retaliating_with_a_tariff_is_a_sanction_and_unjustifiable_is_voiced() -> None:
    evs = code("Kanada langsung membalas dengan tarif serupa terhadap produk Amerika Serikat.",
               "Perdana Menteri Kanada menyebut kebijakan Amerika Serikat itu tidak dapat dibenarkan.")
    assert {e.type for e in evs} == {"SANCTION", "ACCUSE"}
    assert all(countries(e.actors) == {"CAN"} and countries(e.recipients) == {"USA"} for e in evs)


def test_what_is_vetoed_is_not_done() -> None:
    evs = code("Hongaria memveto paket bantuan Uni Eropa untuk Ukraina.")
    assert [e.type for e in evs] == ["REJECT"]


def test_calling_a_leader_a_war_criminal_is_an_accusation() -> None:
    ev = only(code("Presiden Turki Erdogan menyebut Netanyahu sebagai penjahat perang."), "ACCUSE")
    assert countries(ev.actors) == {"TUR"} and countries(ev.recipients) == {"ISR"}


def test_sports_words_counted_as_ignorecase_reads_them() -> None:
    """The whole-article count runs on lower-cased text only where that finds what IGNORECASE finds (dates.caseless):
    a long s ("ſ") still reads as s."""
    from kronik.events import _sports_words

    assert _sports_words("Pelatih timnas tiba di stadion, lalu ke ſtadion lain.") == 4  # pelatih, timnas, stadion twice
