"""One test per rule of the event coder (kronik.rules.RULES and the further targets of one act), each on sentences written for it:
the rule must act on the candidate it was written for, and do what it says."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kronik.clauses import countries
from kronik.events import trace
from kronik.model import Article
from kronik.rules import RULES, Candidate
from kronik.settings import DEFAULT


def fired(rule: str, *paragraphs: str, published: str = "2024-05-08") -> list[Candidate]:
    """The candidates the rule acted on, coding the paragraphs as one article."""
    t = trace(Article(id="t", published=published, paragraphs=list(paragraphs)), DEFAULT)
    if rule == "event":  # the last step names no rule in the trace: its mark is the event itself
        return [c for s in t.sentences for c in s.candidates if c.event is not None]
    return [c for s in t.sentences for c in s.candidates if any(name == rule for name, _ in c.fired)]


def parties(c: Candidate) -> tuple[set[str], set[str]]:
    assert c.event is not None
    return countries(c.event.actors), countries(c.event.recipients)


def dropped(why: str) -> Callable[[list[Candidate]], bool]:
    return lambda cs: bool(cs) and all(c.event is None and why in (c.dropped or "") for c in cs)


def coded(actors: set[str], recipients: set[str], **fields: str) -> Callable[[list[Candidate]], bool]:
    return lambda cs: any(c.event is not None and parties(c) == (actors, recipients)
                          and all(getattr(c.event, k) == v for k, v in fields.items()) for c in cs)


CASES: dict[str, tuple[tuple[str, ...], Callable[[list[Candidate]], bool]]] = {
    "complement_of_governing_cue": (("Jepang dan Korea Selatan sepakat untuk menggelar latihan bersama tahun depan.",),
                                    dropped("complement")),
    "sports_report": (("Timnas Jepang menyerang pertahanan Korea Selatan sejak babak pertama di stadion itu.",),
                      dropped("sports")),
    "scare_quoted_force": (("Kementerian Perdagangan Kanada akan menanggapi 'serangan' Meksiko itu dengan tarif serupa.",),
                           dropped("figure of speech")),
    "setting_noun": (("Di sela KTT G20, Presiden Brasil berbincang dengan wartawan India.",), dropped("setting")),
    "no_comment": (("Pemerintah Rusia tidak membenarkan maupun membantah tuduhan Ukraina itu.",), dropped("no comment")),
    "own_instrument": (("Presiden AS menandatangani perintah eksekutif yang mengenakan tarif terhadap impor dari Brasil.",),
                       dropped("own law")),
    "talked_of": (("Mesir dan Qatar menengahi perundingan gencatan senjata antara Israel dan Hamas di Kairo.",),
                  dropped("what talks")),
    "clause_parties": (("Presiden Prancis mengecam Rusia atas serangan itu.",), coded({"FRA"}, {"RUS"}, type="ACCUSE")),
    "resolution_acts": (("Chili memutuskan menyetujui resolusi PBB untuk mendesak Peru menarik pasukannya dari perbatasan.",),
                        coded({"UNO"}, {"PER"}, type="REQUEST")),
    "voiced_judgement": (("Menteri Luar Negeri Ghana mengatakan pengerahan pasukan Togo di perbatasan itu melanggar perjanjian.",),
                         coded({"GHA"}, {"TGO"}, type="ACCUSE")),
    "launched_at_state": (("Azerbaijan meluncurkan puluhan rudal ke arah Armenia pada Senin malam.",),
                          coded({"AZE"}, {"ARM"}, type="ASSAULT")),
    "sympathy_for_victims": (("Pasukan Sudan menyerang kota perbatasan Chad pada Senin.",
                              "Mesir menyampaikan duka cita kepada para korban serangan itu."),
                             coded({"EGY"}, {"TCD"}, type="SUPPORT")),
    "expelled_from": (("Menurut Norwegia, dua diplomat Iran diminta untuk meninggalkan Norwegia dalam tiga hari.",),
                      coded({"NOR"}, {"IRN"}, type="SANCTION")),
    "recalled_envoy": (("Menlu Chili memanggil pulang dubes Chili yang bertugas di Peru sampai waktu yang belum ditentukan.",),
                       coded({"CHL"}, {"PER"}, type="SANCTION")),
    "excluded_from_gathering": (("Uni Afrika memutuskan tidak mengundang pemimpin junta Guinea ke KTT di Addis Ababa.",),
                                coded({"IGO:AU"}, {"GIN"}, type="SANCTION", status="occurred")),
    "instance_of_act": (("Kenya mengecam serangan Somalia ke wilayah Kenya, termasuk serangan terbaru pada 3 Mei.",),
                        coded({"SOM"}, {"KEN"}, type="ASSAULT", date="2024-05-03")),
    "earlier_rounds": (("Menlu Vietnam dan Menlu Filipina menggelar konsultasi bilateral di Hanoi, yang sebelumnya "
                        "terakhir kali diadakan di Manila pada 2019.",),
                       coded({"VNM", "PHL"}, set(), type="CONSULT", date="2019")),
    "each_counterpart": (("Presiden Prabowo berbicara melalui telepon dengan Presiden Prancis Emmanuel Macron dan "
                          "Kanselir Jerman Olaf Scholz.",),
                         coded({"IDN"}, {"FRA"}, type="CONSULT")),
    "own_side_is_no_target": (("Kenya dan Somalia berunding, setelah Presiden Kenya William Ruto mengancam akan menjatuhkan sanksi "
                               "atas masuknya pengungsi ke negaranya.",),
                              coded({"KEN"}, {"SOM"}, type="THREATEN")),
    "shared_with_other_side": (("Sudan menutup pos perbatasan bersama antara Sudan dan Chad pada Senin.",),
                               coded({"SDN"}, {"TCD"}, type="SANCTION")),
    "join_body": (("Presiden Bosnia mengatakan Bosnia berharap bisa bergabung dengan NATO dalam lima tahun.",),
                  coded({"BIH"}, {"IGO:NATO"}, type="REQUEST", status="occurred")),
    "commitment_partner": (("Perdana Menteri Malaysia berkomitmen untuk memperkuat hubungan dengan Indonesia.",),
                           coded({"MYS"}, {"IDN"}, type="AGREE")),
    "harmed_not_accused": (("Malaysia mengecam keras kekerasan terhadap warga Palestina di Tepi Barat.",),
                           dropped("fewer than two distinct states")),
    "only_wished_or_needed": (("Vietnam ingin bertemu dengan Filipina untuk membahas sengketa itu.",), dropped("wished")),
    "cargo_arrival": (("Pesawat bantuan dari Malaysia tiba di Mesir pada Senin.",), dropped("shipment")),
    "other_side_is_place_state": (("Perdana Menteri Belanda tiba di Jakarta untuk kunjungan tiga hari.",),
                                  coded({"NLD"}, {"IDN"}, type="CONSULT")),
    "protest_at_mission": (("Ratusan orang berunjuk rasa di depan Kedutaan Besar Prancis di Jakarta.",),
                           coded({"IDN"}, {"FRA"}, type="PROTEST")),
    "answer_to_fronted_act": (("Menanggapi manuver kapal Vietnam itu, Malaysia mengirim nota protes.",),
                              coded({"MYS"}, {"VNM"})),
    "forces_sent_in_response": (("Kapal perang Filipina dikerahkan ke perairan itu setelah kapal China masuk tanpa izin.",),
                                coded({"PHL"}, {"CHN"}, type="MOBILIZE")),
    "act_told_again": (("Kanada mengenakan tarif 10 persen atas baja Meksiko pada Februari.",
                        "Tarif itu kemudian dinaikkan menjadi 25 persen bulan berikutnya."),
                       coded({"CAN"}, {"MEX"}, type="SANCTION", date="2024-03")),
    "held_again": (("Angkatan Laut Thailand dan Angkatan Laut India akan menggelar latihan bersama di Laut Andaman.",
                    "Latihan berlangsung mulai 3 Maret hingga 10 Maret 2025."),
                   coded({"THA", "IND"}, set(), type="COOPERATE", date="2025-03-03/2025-03-10")),
    "doer_of_previous_event": (("Amerika Serikat menjatuhkan sanksi baru terhadap Iran pada Senin.",
                                "Iran juga diperingatkan agar menghentikan pengayaan uranium."),
                               coded({"USA"}, {"IRN"}, type="THREATEN")),
    "answer_to_previous_doer": (("Ukraina meminta NATO mengirim lebih banyak sistem pertahanan udara.",
                                 "Hungaria menolak permintaan tersebut."), coded({"HUN"}, {"UKR"}, type="REJECT")),
    "answer_to_resolution_issuer": (("Majelis Umum PBB mengadopsi resolusi yang menuntut gencatan senjata di Sudan.",
                                     "Mesir menyambut baik resolusi tersebut."), coded({"EGY"}, {"UNO"}, type="SUPPORT")),
    "same_judgement_again": (("Kanada mengecam kebijakan tarif Amerika Serikat pada Senin.",
                              "Presiden Brasil juga mengecam kebijakan itu dalam pidatonya."), coded({"BRA"}, {"USA"}, type="ACCUSE")),
    "judged_by_others": (("Jepang menjatuhkan sanksi terhadap Rusia pada Senin.",
                          "Langkah tersebut mendapat kecaman dari Kementerian Luar Negeri Rusia."),
                         coded({"RUS"}, {"JPN"}, type="ACCUSE")),
    "judgement_of_last_act": (("Iran meluncurkan rudal balistik ke arah Teluk pada Selasa.",
                               "Arab Saudi mengecam peluncuran tersebut."), coded({"SAU"}, {"IRN"}, type="ACCUSE")),
    "coordinated_verb_shares_target": (("Venezuela mengecam Kolombia dan mengancam akan membalas.",),
                                       coded({"VEN"}, {"COL"}, type="THREATEN")),
    "threat_to_retaliate": (("Australia menjatuhkan sanksi baru terhadap Rusia pada Senin.",
                             "Moskow mengancam akan membalas."), coded({"RUS"}, {"AUS"}, type="THREATEN")),
    "speaker_goes_on": (("Kolombia mengatakan pada Senin bahwa pasukan Venezuela melintasi perbatasan, dan menuduh Caracas "
                         "melanggar kedaulatannya.",), coded({"COL"}, {"VEN"}, type="ACCUSE")),
    "act_goes_on": (("Presiden Chili tiba di Lima pada Senin untuk kunjungan tiga hari.",
                     "Kunjungan kenegaraan ini juga dijadwalkan mencakup pertemuan dengan Presiden Peru."),
                    coded({"CHL"}, {"PER"}, type="CONSULT", status="planned")),
    "this_joint_act": (("Menteri Luar Negeri Chili bertemu Menteri Luar Negeri Peru di Lima pada Senin.",
                        "\"Ini adalah pertemuan pertama sejak pertemuan di Santiago dua bulan lalu,\" kata Menteri Luar Negeri Chili."),
                       coded({"CHL", "PER"}, set(), type="CONSULT", date="2024-03")),
    "same_parties_again": (("Pertemuan antara Mesir dan Sudan ini yang pertama setelah KTT di Kairo pada bulan Maret lalu.",),
                           coded({"EGY", "SDN"}, set(), type="CONSULT", date="2024-03")),
    "dated_meeting_of_pair": (("Presiden Chili bertemu Presiden Peru di Lima.",
                               "Menurut pejabat Chili, hasil KTT 12 Juni 2019 belum terlaksana."),
                              coded({"CHL", "PER"}, set(), type="CONSULT", date="2019-06-12")),
    "proposer": (("Kanada menolak rancangan resolusi tentang perdagangan bebas yang diajukan Meksiko di forum itu.",),
                 coded({"CAN"}, {"MEX"}, type="REJECT")),
    "nearest_other_state": (("Filipina melancarkan protes diplomatik, yang ketiga bulan ini, kepada China.",),
                            coded({"PHL"}, {"CHN"}, type="ACCUSE")),
    "sentence_counterpart": (("Kenya dan Uganda menandatangani pakta dagang pada Jumat, sepekan setelah Kenya mengancam akan "
                              "menutup perbatasan.",), coded({"KEN"}, {"UGA"}, type="THREATEN")),
    "document_counterpart": (("Kapal Vietnam memasuki perairan Filipina pada Senin.", "Filipina memanggil duta besar Vietnam.",
                              "Pekan lalu Vietnam juga membantah adanya kapal militer di sana."), coded({"VNM"}, {"PHL"}, type="REJECT")),
    "mediated_pair": (("Kamboja dan Thailand menandatangani gencatan senjata di perbatasan.",
                       "Kesepakatan itu tercapai berkat mediasi Malaysia."), coded({"MYS"}, {"KHM", "THA"}, type="CONSULT")),
    "each_host": (("Presiden Brasil akan mengunjungi Kenya, Tanzania dan Mozambik pekan depan.",),
                  lambda cs: bool(cs) and all(c.parties is not None and len(c.parties.also) == 2 for c in cs)),
    "joint_stance": (("Brasil dan Argentina setuju untuk menjatuhkan sanksi terhadap Venezuela.",), dropped("joint stance")),
    "two_states": (("Pemerintah Brasil mengecam keputusan itu.",), dropped("fewer than two")),
    "date_in_sentence": (("Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Vietnam pada Jumat (3/5).",),
                         coded({"JPN"}, {"VNM"}, date="2024-05-03")),
    "date_after_previous": (("Pada 2 Mei, Presiden Kenya berkunjung ke Uganda.",
                             "Dua hari kemudian Presiden Kenya bertemu Presiden Tanzania di Arusha."),
                            coded({"KEN"}, {"TZA"}, date="2024-05-04")),
    "date_in_former_office": (("Presiden Korea Selatan bertemu Kim Jong-un di perbatasan.",
                               "Sebelumnya ada mantan Presiden Roh Moo-hyun yang berkunjung ke Korea Utara."),
                              coded({"KOR"}, {"PRK"}, date="2003-02-25/2008-02-24")),
    "date_of_sentence_before": (("Pada 2 Mei, Presiden Kenya berkunjung ke Uganda.",
                                 "Saat itu Presiden Kenya juga bertemu Presiden Tanzania."),
                                coded({"KEN"}, {"TZA"}, date="2024-05-02")),
    "article_date": (("Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Vietnam.",),
                     coded({"JPN"}, {"VNM"}, date="2024-05-08")),
    "past_reference": (("Menlu Chili akan membahas situasi pasca KTT Chili-Peru di Lima.",),
                       lambda cs: bool(cs) and all(c.status == "occurred" for c in cs)),
    "noun_status": (("Kunjungan Presiden Chili ke Peru akan digelar bulan depan.",), coded({"CHL"}, {"PER"}, status="planned")),
    "status_words": (("Presiden Chili tidak menghadiri pertemuan dengan Presiden Peru.",),
                     lambda cs: any(c.status == "negated" for c in cs)),
    "still_ahead": (("Angkatan Laut Peru dan Chili akan menggelar latihan bersama di Pasifik.",
                     "Latihan bersama itu melibatkan dua ribu pelaut Peru dan Chili."),
                    lambda cs: bool(cs) and all(c.status == "planned" for c in cs)),
    "date_ahead": (("Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Vietnam pekan depan.",),
                   coded({"JPN"}, {"VNM"}, status="planned")),
    "event": (("Turki mengirim bantuan kemanusiaan ke Suriah.",), coded({"TUR"}, {"SYR"}, type="AID")),
    "shares_status_of_coordinated_verb": (("Presiden Kenya berencana mengunjungi Jepang dan Korea Selatan pada bulan Juni dan kemudian "
                                           "bertemu dengan Perdana Menteri Jepang di Tokyo.",),
                                          lambda cs: bool(cs) and all(c.status == "planned" for c in cs)),
    "further_target": (("Menteri Luar Negeri Swedia bertemu dengan Menteri Luar Negeri Norwegia, dan pada Selasa dengan "
                        "Menteri Luar Negeri Finlandia.",), coded({"SWE"}, {"FIN"}, type="CONSULT")),
    "conditional_threat": (("Kanada akan mengenakan tarif baru atas baja Meksiko jika Meksiko tidak mencabut kuotanya.",),
                           coded({"CAN"}, {"MEX"}, type="THREATEN", status="occurred")),
}


def test_every_rule_has_a_case() -> None:
    assert {r.name for r in RULES} <= set(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule(rule: str) -> None:
    paragraphs, expect = CASES[rule]
    assert expect(fired(rule, *paragraphs)), rule


def test_rule_names_are_unique_and_documented() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.does and r.stage in ("gate", "parties", "check", "date", "status", "event", "after") for r in RULES)


def test_a_trip_to_several_states_is_a_visit_to_each() -> None:
    t = trace(Article(id="t", published="2024-05-08",
                      paragraphs=["Presiden Brasil akan mengunjungi Kenya, Tanzania dan Mozambik pekan depan."]), DEFAULT)
    assert sorted(tuple(countries(e.recipients)) for e in t.events) == [("KEN",), ("MOZ",), ("TZA",)]


def test_complement_ends_at_a_speech_verb_or_an_appositive_relative() -> None:
    # the request's complement ends at ", permintaan yang ...": the support is an act of its own
    cs = fired("complement_of_governing_cue", "Jerman meminta Dewan Keamanan PBB bersidang, permintaan yang "
               "didukung oleh Prancis.")
    assert all("didukung" not in c.text for c in cs)


def test_a_governing_noun_governs_what_it_threatens() -> None:
    # "ancaman akan memutus bantuan": the cut is only threatened, not done
    cs = fired("complement_of_governing_cue", "Presiden AS mengeluarkan ancaman akan memutus bantuan kepada Kolombia.")
    assert any(c.text == "memutus" for c in cs)


def test_no_counterpart_for_material_help_sent_to_someone_named() -> None:
    cs = fired("document_counterpart", "Rusia mengerahkan pasukan ke perbatasan Estonia pekan lalu.", "Rusia juga dikecam Estonia.",
               "NATO berencana mengirimkan empat batalion ke negara-negara di kawasan itu.")
    assert not [c for c in cs if c.text == "mengirimkan"]


def test_an_anaphoric_clause_continues_the_act_told_of_before() -> None:
    """"Itu termasuk menuntut Y ..." after "X mengajukan tuntutan": X demands, though the first act had no target."""
    cs = fired("doer_of_previous_event", "Delegasi Peru mengajukan tuntutan yang keras, kata pejabat Chili.",
               "Itu termasuk menuntut Santiago menarik kapal-kapalnya dari perairan itu.")
    assert any(c.event is not None and parties(c) == ({"PER"}, {"CHL"}) and c.event.type == "REQUEST" for c in cs)


def test_who_is_asked_after_agar_may_be_a_group_of_a_body() -> None:
    cs = fired("clause_parties", "Menteri Luar Negeri Chili mendesak agar negara-negara anggota ASEAN menolak tekanan itu.")
    assert any(c.event is not None and parties(c) == ({"CHL"}, {"IGO:ASEAN"}) for c in cs)


def test_a_judgement_does_not_take_the_date_of_the_act_it_judges() -> None:
    cs = fired("event", "Chili mengecam keras serangan Peru di perbatasan, termasuk serangan terakhir pada 3 Mei 2024, "
               "demikian pernyataan kementerian itu pada Selasa (7/5).")
    judged = [c for c in cs if c.event is not None and c.event.type == "ACCUSE"]
    assert judged and all(c.date == "2024-05-07" for c in judged)


def test_judging_this_step_judges_the_material_act_just_told_of() -> None:
    cs = fired("event", "Kolombia mengirim ribuan tentara ke Panama pekan ini.",
               "Presiden Brasil menyebut langkah ini sebagai \"eskalasi berbahaya\" dalam konflik antara Venezuela dan Kolombia.")
    assert any(c.event is not None and parties(c) == ({"BRA"}, {"COL"}) and c.event.type == "ACCUSE" for c in cs)
    assert not any(c.event is not None and "VEN" in parties(c)[1] for c in cs)


def test_a_mediator_is_no_party_of_the_truce_but_mediates_between_them() -> None:
    cs = fired("event", "Kamboja dan Thailand telah menyetujui gencatan senjata yang ditengahi oleh Malaysia, kata pejabat itu.")
    found = {(c.event.type, frozenset(parties(c)[0]), frozenset(parties(c)[1])) for c in cs if c.event is not None}
    assert ("RETREAT", frozenset({"KHM", "THA"}), frozenset()) in found
    assert ("CONSULT", frozenset({"MYS"}), frozenset({"KHM", "THA"})) in found


def test_an_embassy_opened_in_a_capital_is_opened_with_its_state() -> None:
    cs = fired("event", "Uganda tahun lalu secara resmi membuka kedutaan besar di Jakarta.")
    assert any(c.event is not None and parties(c) == ({"UGA"}, {"IDN"}) and c.event.type == "COOPERATE" for c in cs)


def test_the_owner_of_nya_is_the_last_actor_named_before_it() -> None:
    cs = fired("event", "Usulan itu disampaikan oleh Menteri Luar Negeri Chili dalam kunjungannya ke Peru pada Kamis.")
    assert any(c.event is not None and parties(c) == ({"CHL"}, {"PER"}) and c.event.type == "CONSULT" for c in cs)


def test_the_act_a_condition_names_is_no_threat() -> None:
    cs = fired("event", "Kanada akan mengenakan tarif atas baja Meksiko jika Meksiko menyerang kapal Kanada.")
    assert not any(c.event is not None and c.event.type == "THREATEN" and parties(c) == ({"MEX"}, {"CAN"}) for c in cs)
    assert any(c.event is not None and c.event.type == "THREATEN" and parties(c) == ({"CAN"}, {"MEX"}) for c in cs)


def test_own_troops_sent_are_the_cargo_not_the_other_side() -> None:
    cs = fired("event", "Pemerintah Kenya kembali mengirim 800 prajurit Kenya ke Somalia untuk misi perdamaian.")
    assert any(c.event is not None and parties(c) == ({"KEN"}, {"SOM"}) and c.event.type == "AID" for c in cs)


def test_a_sanctions_package_proposed_is_a_planned_sanction() -> None:
    cs = fired("event", "Kanada juga akan mengajukan paket sanksi terhadap Venezuela pekan depan.")
    assert any(c.event is not None and parties(c) == ({"CAN"}, {"VEN"}) and c.event.type == "SANCTION"
               and c.status == "planned" for c in cs)


def test_help_needed_is_not_help_given_and_what_we_know_has_its_own_subject() -> None:
    cs = fired("event", "\"Saat kami butuh bantuan dari Kenya, kami tahu Uganda mendorong Kenya untuk membantu Sudan Selatan,\" "
               "ujarnya.")
    assert not any(c.event is not None and c.event.type == "AID" for c in cs)
    assert any(c.event is not None and parties(c) == ({"UGA"}, {"KEN"}) and c.event.type == "REQUEST" for c in cs)


def test_declaring_an_envoy_persona_non_grata_expels_him() -> None:
    cs = fired("event", "Pemerintah Kanada menetapkan Duta Besar Venezuela sebagai persona non grata pada Senin.")
    assert any(c.event is not None and parties(c) == ({"CAN"}, {"VEN"}) and c.event.mode == "expel" for c in cs)


def test_the_main_clause_after_a_fronted_subordinate_clause_has_its_own_subject() -> None:
    cs = fired("event", "Setelah Presiden Peru tiba, dua jet tempur Chili menerobos wilayah udara Bolivia.")
    assert any(c.event is not None and parties(c) == ({"CHL"}, {"BOL"}) and c.event.type == "MOBILIZE" for c in cs)


def test_an_unresolved_possessor_keeps_a_joint_act_its_own() -> None:
    cs = fired("event", "Ia menambahkan bahwa KTT Peru-Chili akan berlangsung setelah pembicaraan Xavier-Lopez di Lima.")
    assert not any(c.event is not None and c.event.status == "occurred" for c in cs)


def test_the_state_that_initiated_a_sanction_is_not_its_target() -> None:
    cs = fired("event", "Sanksi baru PBB yang diprakarsai Kanada itu melarang Venezuela mengekspor minyak.")
    assert not any(c.event is not None and "CAN" in parties(c)[1] for c in cs)


def test_kalau_after_a_speech_verb_is_that_not_if() -> None:
    cs = fired("event", "Menteri itu menuturkan kalau Chili mengecam keras Peru atas insiden di perbatasan.")
    assert any(c.event is not None and parties(c) == ({"CHL"}, {"PER"}) and c.status == "occurred" for c in cs)


def test_congratulations_on_a_day_ahead_are_given_now() -> None:
    cs = fired("event", "Raja Belanda mengucapkan selamat kepada Chili atas perayaan kemerdekaan Chili pada 18 September mendatang.")
    assert any(c.event is not None and parties(c) == ({"NLD"}, {"CHL"}) and c.status == "occurred" for c in cs)


def test_an_agreement_takes_no_date_from_the_act_it_agrees_to() -> None:
    cs = fired("event", "Chili dan Peru sepakat untuk menggelar pertemuan puncak pada akhir bulan Juni mendatang.")
    assert any(c.event is not None and c.event.type == "AGREE" and c.status == "occurred" and c.date == "2024-05-08"
               for c in cs)


def test_the_document_counterpart_is_the_doer_s_own_partner_first() -> None:
    """Kenya, named most for condemning, is not whom Ethiopia's forces fight: Eritrea, its earlier target, is."""
    cs = fired("document_counterpart", "Kenya mengecam Etiopia. Kenya juga meminta Etiopia menahan diri.",
               "Pasukan Etiopia menembaki pos perbatasan Eritrea pada Selasa.", "Kenya menyerukan dialog.",
               "Pasukan Etiopia kembali menyerang pada Rabu malam.")
    assert any(c.text == "menyerang" and parties(c) == ({"ETH"}, {"ERI"}) for c in cs)


def test_a_state_left_out_by_a_passive_is_left_out_by_the_gathering_s_owner() -> None:
    cs = fired("excluded_from_gathering", "Delegasi Niger tidak diundang dalam KTT ECOWAS pekan ini.")
    assert any(c.event is not None and parties(c) == ({"IGO:ECOWAS"}, {"NER"}) for c in cs)
    # the gathering it is left out of is no meeting of its own
    assert not [e for e in fired("event", "Delegasi Niger tidak diundang dalam KTT ECOWAS pekan ini.") if e.cue.type == "CONSULT"]


def test_a_month_told_of_gives_no_day_to_count_from() -> None:
    cs = fired("event", "Pada Maret, Ghana dan Togo menggelar pembicaraan.", "Dua hari kemudian Ghana menuduh Togo.")
    assert [c.event.date for c in cs if c.event is not None and c.event.type == "ACCUSE"] == ["2024-05-08"]


def test_what_a_threat_threatens_gives_the_threat_no_time() -> None:
    """"ancaman akan memutus bantuan": the threat is made, the cut is what would follow."""
    cs = fired("event", "Presiden AS mengeluarkan ancaman akan memutus bantuan kepada Kolombia.")
    assert [c.event.status for c in cs if c.event is not None and c.event.type == "THREATEN"] == ["occurred"]


def test_what_a_state_must_do_is_not_done() -> None:
    cs = fired("only_wished_or_needed", "Menurut Ghana, Togo harus menarik pasukannya dari perbatasan.")
    assert cs and all(c.event is None for c in cs)


def test_the_sides_of_a_conflict_named_as_a_topic_are_no_target() -> None:
    cs = fired("event", "Brasil mendukung solusi damai bagi konflik Armenia-Azerbaijan.")
    assert not [c for c in cs if c.event is not None and c.event.type == "SUPPORT"]


def test_what_is_occupied_in_a_relative_clause_is_the_place() -> None:
    cs = fired("event", "Kapal Vietnam menabrak kapal nelayan Malaysia di perairan yang diklaim oleh Malaysia.")
    assert not [c for c in cs if c.event is not None and countries(c.event.recipients) == {"VNM"}]


def test_the_owner_of_a_trade_surplus_is_no_counterpart() -> None:
    cs = fired("event", "Presiden Meksiko mengeluhkan aturan itu, termasuk surplus perdagangan Korea Selatan.")
    assert not [c for c in cs if c.event is not None]


def test_the_origin_of_goods_hit_is_the_target() -> None:
    cs = fired("event", "Pemerintah Kanada mengenakan tarif balasan terhadap produk impor dari Brasil.")
    assert any(c.event is not None and parties(c) == ({"CAN"}, {"BRA"}) for c in cs)


def test_a_suspended_tariff_did_not_take_effect() -> None:
    cs = fired("event", "Presiden Chili mengatakan tarif impor dari Peru telah 'ditangguhkan' sampai akhir tahun.")
    assert [c.event.status for c in cs if c.event is not None] == ["negated"]


def test_a_judgement_the_narrator_makes_is_no_event() -> None:
    assert dropped("nobody")(fired("voiced_judgement", "Pengerahan pasukan Togo itu melanggar perjanjian dengan Ghana."))


def test_a_judgement_voiced_after_it_by_a_speaker() -> None:
    cs = fired("voiced_judgement", "Latihan angkatan laut Vietnam itu ilegal, kata juru bicara Kemlu China.")
    assert any(c.event is not None and parties(c) == ({"CHN"}, {"VNM"}) for c in cs)


def test_a_voiced_provocation_names_its_owner() -> None:
    cs = fired("voiced_judgement", "Menurut Menlu Jepang, peluncuran itu adalah provokasi Korea Utara.")
    assert any(c.event is not None and parties(c) == ({"JPN"}, {"PRK"}) for c in cs)


def test_a_voiced_violation_of_a_truce_is_an_accusation() -> None:
    cs = fired("voiced_judgement", "Kemlu Mesir menilai serangan Sudan itu melanggar gencatan senjata di Darfur.")
    assert any(c.event is not None and c.event.type == "ACCUSE" and parties(c) == ({"EGY"}, {"SDN"}) for c in cs)
    # told by the narrator, the violation is the act itself
    cs = fired("event", "Sudan melanggar gencatan senjata di perbatasan Chad pada Selasa.")
    assert [c.event.type for c in cs if c.event is not None] == ["ASSAULT"]


def test_an_act_noun_s_possessor_may_follow_its_modifier() -> None:
    cs = fired("event", "Chad mengecam serangan berulang Sudan ke wilayah Chad.")
    assert any(c.event is not None and c.event.type == "ASSAULT" and countries(c.event.actors) == {"SDN"} for c in cs)


def test_not_including_a_state_is_leaving_it_out() -> None:
    cs = fired("excluded_from_gathering", "Uni Afrika memutuskan untuk tidak mengikutsertakan pemimpin junta Mali dalam "
               "perundingan itu.", "Uni Afrika juga tidak mengikutsertakan Guinea dalam misi pemantau itu, kata diplomat.")
    assert sum(c.event is not None and c.event.type == "SANCTION" for c in cs) == 2


def test_menyebut_jika_is_said_that() -> None:
    cs = fired("event", "Chile menyebut jika Peru akan menyerang perbatasan itu pekan depan.")
    assert all(c.event.status != "hypothetical" for c in cs if c.event is not None)


def test_a_visit_in_a_fronted_clause_has_no_host_in_the_main_clause() -> None:
    cs = fired("event", "Setelah Menlu Jerman tiba, kapal perang Rusia memasuki perairan Estonia.")
    assert not [c for c in cs if c.event is not None and c.event.type == "CONSULT"]


def test_a_calendar_month_beats_a_round_count_back() -> None:
    cs = fired("event", "Presiden Chili dan Presiden Peru bertemu 12 bulan yang lalu di Lima pada bulan Mei.", published="2024-04-10")
    assert [c.event.date for c in cs if c.event is not None] == ["2023-05"]


def test_a_speech_verb_before_a_comma_opens_a_clause_of_its_own() -> None:
    cs = fired("event", "Presiden Chili melanjutkan, Peru juga membuka kedutaan besar di Santiago tahun lalu.")
    assert any(c.event is not None and parties(c) == ({"PER"}, {"CHL"}) for c in cs)


def test_a_join_counts_once_done() -> None:
    assert dropped("prospect")(fired("join_body", "Bergabung dengan NATO akan memperkuat keamanan Finlandia."))
    cs = fired("join_body", "Finlandia resmi bergabung dengan NATO pada April.")
    assert cs and all(c.event is not None for c in cs)


def test_an_attack_by_one_side_of_a_war_the_sentence_names_hits_the_other() -> None:
    cs = fired("shared_with_other_side", "Perang Armenia dan Azerbaijan berlanjut setelah serangan Azerbaijan pada 3 Mei.")
    assert any(c.event is not None and parties(c) == ({"AZE"}, {"ARM"}) for c in cs)


def test_a_meeting_with_its_own_time_ahead_is_scheduled_not_only_wanted() -> None:
    cs = fired("event", "Kedua menteri sepakat untuk menyukseskan KTT Chili dan Peru pada akhir bulan Juni mendatang.")
    assert any(c.event is not None and c.event.type == "CONSULT" and c.event.status == "planned" for c in cs)
    cs = fired("event", "Kedua menteri sepakat untuk menggelar KTT Chili dan Peru.")
    assert not [c for c in cs if c.event is not None and c.event.type == "CONSULT"]


def test_di_mana_opens_a_clause_with_its_own_time() -> None:
    cs = fired("event", "Pasukan Sudan menyerang tentara Chad di perbatasan, di mana milisi itu menguasai desa sejak Maret lalu.")
    assert [c.event.date for c in cs if c.event is not None and c.event.type == "ASSAULT"] == ["2024-05-08"]


def test_a_relative_passive_is_about_its_own_noun() -> None:
    cs = fired("event", "Presiden Chili dan Presiden Peru mengatakan sanksi tetap berlaku meskipun ada perjanjian yang "
               "ditandatangani pekan lalu.")
    assert not [c for c in cs if c.event is not None and c.event.type == "AGREE"]
    # after a copula the noun is the subject itself
    cs = fired("event", "Kenya menjadi negara pertama yang dikunjungi oleh Presiden Brasil tahun ini.")
    assert any(c.event is not None and parties(c) == ({"BRA"}, {"KEN"}) for c in cs)


def test_an_own_visit_named_in_a_complement_is_under_way() -> None:
    cs = fired("event", "Krisis itu memaksa Presiden Chili untuk mempersingkat kunjungannya ke Peru.")
    assert any(c.event is not None and parties(c) == ({"CHL"}, {"PER"}) for c in cs)


def test_the_act_a_protest_is_aimed_at_has_happened() -> None:
    cs = fired("event", "Rusia menggelar latihan di perbatasan untuk memprotes kunjungan Presiden Prancis ke Ukraina.")
    assert any(c.event is not None and parties(c) == ({"FRA"}, {"UKR"}) for c in cs)


def test_a_relative_clause_keeps_its_own_time_and_its_doer_is_the_main_clause_s() -> None:
    cs = fired("event", "Kolombia mengusir diplomat Venezuela pekan lalu.",
               "Peru membebaskan tiga nelayan Chili yang ditahan sejak 2022.")
    release = [c.event for c in cs if c.event is not None and c.event.type == "RETREAT"]
    detention = [c.event for c in cs if c.event is not None and c.event.type == "COERCE"]
    assert [e.date for e in release] == ["2024-05-08"]
    assert [(countries(e.actors), e.date) for e in detention] == [({"PER"}, "2022")]


def test_a_deal_signed_after_a_meeting_is_with_the_one_met() -> None:
    cs = fired("coordinated_verb_shares_target", "Presiden Chili bertemu Presiden Peru dan menandatangani tiga perjanjian.")
    assert any(c.event is not None and c.event.type == "AGREE" and countries(c.event.recipients) == {"PER"} for c in cs)


def test_what_an_accusation_says_after_bahwa_is_only_alleged() -> None:
    cs = fired("event", "Uganda membantah tuduhan Sudan Selatan bahwa Kampala mendukung kelompok pemberontak.")
    assert not [c for c in cs if c.event is not None and c.event.type == "SUPPORT"]
    assert [c for c in cs if c.event is not None and c.event.type == "REJECT"]


def test_each_side_accuses_the_other() -> None:
    cs = fired("event", "Ethiopia dan Eritrea saling tuding atas bentrokan di perbatasan.")
    assert any(c.event is not None and c.event.type == "ACCUSE" and countries(c.event.actors) == {"ETH", "ERI"} for c in cs)


def test_what_a_relative_clause_says_was_done_is_a_fact_inside_a_complement() -> None:
    cs = fired("event", "Presiden Chili bertemu Presiden Peru di Lima.",
               "Kedua pihak sepakat untuk menjalankan rencana yang sudah dibahas dalam KTT 12 Juni 2019.")
    assert any(c.event is not None and c.event.type == "CONSULT" and c.event.date == "2019-06-12" for c in cs)


def test_force_is_not_guessed_against_a_body() -> None:
    cs = fired("document_counterpart", "ASEAN mengecam junta Myanmar. ASEAN juga meminta junta berdialog.",
               "Junta Myanmar mengeksekusi empat aktivis pada Juli.")
    assert not [c for c in cs if c.event is not None and c.event.type == "ASSAULT"]


def test_denying_having_done_it_negates_the_act() -> None:
    cs = fired("event", "Belarus membantah telah mengirim senjata ke Rusia.")
    assert [c.event.status for c in cs if c.event is not None and c.event.type == "AID"] == ["negated"]
    cs = fired("event", "Rusia menembakkan rudal ke Kharkiv, Ukraina, pada Senin.")
    assert [c.event.type for c in cs if c.event is not None] == ["ASSAULT"]


def test_a_voiced_violation_named_with_its_doer_happened_too() -> None:
    cs = fired("event", "Pesawat Belarus melanggar wilayah udara Lituania selama sepuluh menit, kata militer Lituania.")
    assert sorted(c.event.type for c in cs if c.event is not None) == ["ACCUSE", "MOBILIZE"]


def test_a_dated_agreement_with_no_parties_is_the_page_s_pair() -> None:
    cs = fired("event", "Uni Afrika mengecam junta Mali. Uni Afrika juga meminta junta Mali berdialog.",
               "Mali menolak seruan itu. Adapun peta jalan transisi disepakati pada bulan Maret tahun lalu "
               "yang mengatur pemilu di Mali.")
    assert any(c.event is not None and c.event.type == "AGREE" and c.event.date == "2023-03" for c in cs)


def test_whose_envoy_is_recalled_recalls_him() -> None:
    cs = fired("recalled_envoy", "Junta Mali mengusir pasukan Prancis. Prancis mengecam Mali.",
               "Presiden Prancis mengatakan duta besarnya ditarik pulang pekan ini.")
    assert any(c.event is not None and parties(c) == ({"FRA"}, {"MLI"}) for c in cs)


def test_what_a_warning_asks_not_to_do_is_not_done() -> None:
    cs = fired("event", "Amerika Serikat memperingatkan Mesir agar tidak membeli jet tempur Rusia.")
    assert [c.event.type for c in cs if c.event is not None] == ["THREATEN"]


def test_each_earlier_round_is_its_own_event_and_keeps_its_year_from_the_current_one() -> None:
    cs = fired("earlier_rounds", "Presiden Filipina melakukan kunjungan ke Hanoi pada 30 Januari 2024.",
               "\"Ini akan menjadi pertemuan ketiga setelah yang pertama di Manila pada 2021 dan yang kedua di Hanoi "
               "2022,\" katanya.")
    assert sorted(c.event.date for c in cs if c.event is not None) == ["2021", "2022"]
    assert all(c.event.status == "occurred" for c in cs if c.event is not None)


def test_the_first_since_a_year_is_no_round() -> None:
    assert not fired("earlier_rounds", "Pertemuan Korea Utara dan Korea Selatan itu merupakan yang pertama sejak "
                                       "dia berkuasa pada 2011.")


def test_a_backed_dialog_is_not_held() -> None:
    assert dropped("backed")(fired("only_wished_or_needed", "Jepang menegaskan dukungannya bagi dialog antara Korea "
                                                            "Utara dan Korea Selatan."))


def test_a_meeting_told_as_one_of_all_sides_is_not_split() -> None:
    assert not fired("each_counterpart", "Menlu Sugiono menggelar pertemuan trilateral dengan Menlu Jepang Takeshi "
                                         "Iwaya dan Menlu Australia Penny Wong.")


def test_talks_with_officials_of_two_states_are_two_events() -> None:
    cs = fired("event", "Presiden Prabowo berbicara melalui telepon dengan Presiden Prancis Emmanuel Macron dan "
                        "Kanselir Jerman Olaf Scholz.")
    assert sorted(next(iter(parties(c)[1])) for c in cs) == ["DEU", "FRA"]


def test_a_harm_named_with_its_doer_accuses_the_doer() -> None:
    cs = fired("event", "Malaysia mengecam keras kekerasan Israel terhadap warga Palestina di Tepi Barat.")
    assert any(c.cue.type == "ACCUSE" and parties(c) == ({"MYS"}, {"ISR"}) for c in cs)


def test_an_earlier_round_after_a_pair_named_as_one_group() -> None:
    cs = fired("earlier_rounds", "Indonesia dan Vietnam menggelar konsultasi bilateral di Hanoi.",
               "Forum konsultasi bilateral itu sebelumnya terakhir kali diadakan di Jakarta, pada 2019.")
    assert any(c.event is not None and c.event.date == "2019" for c in cs)
