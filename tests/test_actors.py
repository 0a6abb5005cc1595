"""Actor mentions: each construction with sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools

from kronik.actors import DocumentActors, Mention

D2021 = dt.date(2021, 8, 23)


def codes(doc: DocumentActors, sentence: str) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in doc.mentions(sentence)]


def one(doc: DocumentActors, sentence: str) -> Mention:
    found = doc.mentions(sentence)
    assert len(found) == 1, found
    return found[0]


def test_role_country_name_is_one_mention() -> None:
    doc = DocumentActors(D2021)
    m = one(doc, "Menteri Luar Negeri Australia Marise Payne menyambut tamunya.")
    assert (m.text, m.code, m.kind) == ("Menteri Luar Negeri Australia Marise Payne", "AUSGOV", "person")
    assert "foreign_minister" in m.how
    assert one(DocumentActors(D2021), "Kemarin Presiden China Xi Jinping berpidato.").code == "CHNGOV"
    assert one(DocumentActors(D2021), "Pernyataan itu disampaikan militer Korea Selatan.").code == "KORMIL"
    assert one(DocumentActors(D2021), "Kementerian Unifikasi Korea Selatan membantah laporan itu.").code == "KORGOV"


def test_envoy_belongs_to_the_sending_state() -> None:
    doc = DocumentActors(dt.date(2017, 12, 23))
    m = one(doc, "Duta Besar AS untuk PBB, Nikki Haley, berbicara di depan wartawan.")
    assert m.code == "USAGOV" and m.text.endswith("Nikki Haley")
    assert one(DocumentActors(D2021), "Utusan khusus AS untuk Korea Utara akan tiba besok.").code == "USAGOV"


def test_counterpart_takes_the_named_person() -> None:
    doc = DocumentActors(D2021)
    m = one(doc, "Ia akan bertemu mitranya dari Korea Selatan, Noh Kyu-duk, di Seoul.")
    assert m.code == "KORGOV" and m.text == "mitranya dari Korea Selatan, Noh Kyu-duk"


def test_state_media() -> None:
    doc = DocumentActors(D2021)
    found = doc.mentions("Media pemerintah Korea Utara (Korut), KCNA, menyiarkan pernyataan itu.")
    assert found[0].code == "PRKJRN"
    assert all(m.code == "PRKJRN" for m in found)


def test_press_abbreviations_and_nicknames() -> None:
    doc = DocumentActors(D2021)
    assert [c for _, c in codes(doc, "Korut menembakkan rudal, Korsel dan AS berunding.")] == ["PRK", "KOR"]
    assert codes(DocumentActors(D2021), "Negeri Tirai Bambu menolak tuduhan RI.") == [("Negeri Tirai Bambu", "CHN"), ("RI", "IDN")]
    assert codes(DocumentActors(D2021), "as the word as is not a state") == []


def test_group_of_coordinated_states() -> None:
    m = one(DocumentActors(D2021), "Korsel dan AS menggelar latihan bersama.")
    assert m.kind == "group" and m.members == ("KOR", "USA")
    m = one(DocumentActors(D2021), "Latihan militer AS-Korea Selatan dimulai.")
    assert m.members == ("USAMIL", "KORMIL")


def test_metonyms() -> None:
    doc = DocumentActors(D2021)
    assert one(doc, "Gedung Putih menyatakan keprihatinan.").code == "USAGOV"
    assert one(doc, "Sementara itu, Kremlin membantah.").code == "RUSGOV"
    assert one(doc, "Pyongyang mengecam latihan itu.").code == "PRK"
    assert codes(doc, "Delegasi tiba di Pyongyang pada pagi hari.") == []


def test_igos() -> None:
    doc = DocumentActors(D2021)
    assert one(doc, "Dewan Keamanan PBB menjatuhkan sanksi baru.").code == "UNO"
    assert one(doc, "Pernyataan bersama dikeluarkan Uni Eropa.").code == "EUR"
    assert one(doc, "Para menteri ASEAN berkumpul.").code == "IGO:ASEAN"


def test_surname_after_introduction_and_title_surname() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Menteri Luar Negeri Australia Marise Payne menerima tamu dari Canberra.")
    assert one(doc, "Payne kemudian menjelaskan rencananya.").code == "AUSGOV"
    m = one(doc, "Menurut Menlu Payne, pembicaraan berjalan lancar.")
    assert (m.text, m.code) == ("Menlu Payne", "AUSGOV")


def test_bare_surname_by_article_date() -> None:
    assert one(DocumentActors(dt.date(2018, 4, 27)), "Moon menyambut tamunya.").code == "KORGOV"
    assert one(DocumentActors(dt.date(2019, 5, 1)), "Putin tidak hadir.").code == "RUSGOV"
    assert one(DocumentActors(dt.date(2023, 3, 16)), "Kishida menyampaikan terima kasih.").code == "JPNGOV"
    assert one(DocumentActors(dt.date(2018, 3, 28)), "Jinping tersenyum.").code == "CHNGOV"


def test_pronoun_refers_to_last_person() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Presiden Rusia Vladimir Putin berpidato di Moskow.")
    m = one(doc, "Ia mengatakan perundingan harus dilanjutkan.")
    assert (m.kind, m.code) == ("pronoun", "RUSGOV")


def test_two_of_them_resolves_to_last_two_states() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Indonesia menerima kunjungan pejabat Australia.")
    m = one(doc, "Kedua negara sepakat memperkuat kerja sama.")
    assert m.kind == "group" and set(m.members) == {"IDN", "AUS"}
    m = one(DocumentActors(D2021), "Kedua Korea membuka kembali jalur komunikasi.")
    assert set(m.members) == {"PRK", "KOR"}


def test_same_surname_two_people() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Pemimpin Korea Utara Kim Jong-un tidak menanggapi.")
    assert one(doc, "Kim dikabarkan sakit.").code == "PRKGOV"
    doc.mentions("Utusan AS Sung Kim tiba di Seoul.")
    assert one(doc, "Kim mengatakan pintu dialog terbuka.").code == "USAGOV"


def test_dated_roles() -> None:
    chung = "Chung Eui-yong tiba di Washington."
    assert "national_security_adviser" in one(DocumentActors(dt.date(2018, 3, 8)), chung).how
    assert "foreign_minister" in one(DocumentActors(dt.date(2021, 8, 23)), chung).how
    trump = "Donald Trump mengomentari keputusan itu."
    assert one(DocumentActors(dt.date(2019, 6, 30)), trump).code == "USAGOV"
    assert one(DocumentActors(dt.date(2022, 6, 30)), trump).code == "USAELI"
    assert one(DocumentActors(dt.date(2019, 6, 30)), "Mantan Presiden Barack Obama berbicara.").code == "USAELI"


def test_mentions_are_sorted_and_disjoint() -> None:
    doc = DocumentActors(D2021)
    found = doc.mentions("Presiden AS Joe Biden, Perdana Menteri Jepang Yoshihide Suga dan PBB membahas Korut.")
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_dateline_is_not_a_pair() -> None:
    found = DocumentActors(D2021).mentions("JAKARTA - Indonesia dan Australia menandatangani perjanjian.")
    assert [m.members for m in found] == [("IDN", "AUS")]


def test_north_and_south_after_both_koreas() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Korea Utara dan Korea Selatan membuka kembali hotline.")
    m = one(doc, "Hubungan antara Selatan dan Utara membaik.")
    assert m.members == ("KOR", "PRK")
    assert DocumentActors(D2021).mentions("Angin bertiup dari Utara.") == []


def test_places_are_not_actors() -> None:
    doc = DocumentActors(D2021)
    assert codes(doc, "Kapal itu berlayar di Laut China Selatan.") == []
    assert codes(doc, "Ketegangan di Semenanjung Korea meningkat.") == []
    assert codes(doc, "Harganya 10 dolar AS per barel.") == []
    assert codes(doc, "Ekspornya bernilai US$3 miliar.") == []


def test_former_official_and_state_body() -> None:
    doc = DocumentActors(dt.date(2023, 3, 16))
    assert one(doc, "Mantan Presiden Lee Myung-bak hadir.").code == "KORELI"
    assert one(doc, "Juru bicara Kementerian Luar Negeri China menolak berkomentar.").code == "CHNGOV"
    assert one(doc, "Kantor berita pemerintah Korea Utara melaporkan uji coba itu.").code == "PRKJRN"


def test_deputy_prefix() -> None:
    m = one(DocumentActors(D2021), "Pada Selasa, Wakil Menteri Luar Negeri Rusia Igor Morgulov tiba.")
    assert (m.text, m.code) == ("Wakil Menteri Luar Negeri Rusia Igor Morgulov", "RUSGOV")


def test_bare_half_after_one_korea() -> None:
    m = one(DocumentActors(D2021), "Korea Selatan dan Utara sepakat berunding.")
    assert m.members == ("KOR", "PRK")


def test_regions_named_after_states_are_not_states() -> None:
    assert codes(DocumentActors(D2021), "Negara-negara Amerika Latin dan Amerika Selatan bersatu.") == []


def test_known_surname_opening_an_unknown_name() -> None:
    doc = DocumentActors(dt.date(2018, 3, 28))
    m = one(doc, "Hadir pula Perdana Menteri Korea Utara Park Pong-ju dalam jamuan itu.")
    assert (m.text, m.code) == ("Perdana Menteri Korea Utara Park Pong-ju", "PRKGOV")
    assert codes(doc, "Park Tae-sung tidak berkomentar.") == []
    assert codes(DocumentActors(dt.date(2020, 1, 5)), "Menteri Kelautan Edhy Prabowo meninjau Natuna.") == []


def test_that_state_refers_to_the_last_state_named() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Dewan Keamanan PBB menjatuhkan sanksi kepada Iran.")
    m = one(doc, "Sanksi itu memukul ekonomi negara tersebut.")
    assert (m.kind, m.code) == ("pronoun", "IRN")


def test_unlisted_portfolio() -> None:
    doc = DocumentActors(dt.date(2023, 11, 1))
    assert one(doc, "Kementerian Kesehatan Gaza melaporkan jumlah korban.").code == "PSEGOV"
    assert one(doc, "Menteri Ekonomi dan Keuangan Prancis Bruno Le Maire hadir.").code == "FRAGOV"


def test_role_word_that_is_also_an_organisation() -> None:
    doc = DocumentActors(D2021)
    assert one(doc, "Tentara Pembebasan Rakyat (PLA) menggelar latihan.").text == "Tentara Pembebasan Rakyat (PLA)"
    assert one(doc, "Ketua DPR mengecam keputusan itu.").code == "IDNLEG"


def test_unknown_name_after_role_is_learned() -> None:
    doc = DocumentActors(dt.date(2024, 5, 1))
    m = one(doc, "Presiden Kenya William Ruto tiba di Jakarta.")
    assert (m.text, m.code, m.kind) == ("Presiden Kenya William Ruto", "KENGOV", "person")
    assert codes(doc, "Ruto disambut Presiden Joko Widodo.") == [("Ruto", "KENGOV"), ("Presiden Joko Widodo", "IDNGOV")]


def test_mention_carries_the_canonical_person() -> None:
    doc = DocumentActors(dt.date(2024, 11, 20))
    m = one(doc, "Presiden Ukraina Volodymyr Zelenskyy menerima tamunya.")
    assert (m.code, m.person) == ("UKRGOV", "Volodymyr Zelensky")
    assert one(doc, "Zelensky kemudian berpidato.").person == "Volodymyr Zelensky"
    assert one(doc, "Ukraina menolak usul itu.").person is None


def test_media_outlets_are_not_states() -> None:
    for sentence in ("BBC Indonesia mengabarkan hal itu.", "Menurut CNN Indonesia, rapat ditunda.",
                     "VOA Indonesia melaporkan kejadian itu.", "Laporan Japan Times terbit pagi ini.",
                     "Kantor Berita Antara mengutip sumber itu.", "Harian Media Indonesia menulis tajuk."):
        assert DocumentActors(D2021).mentions(sentence) == [], sentence
    assert one(DocumentActors(D2021), "Menurut BBC, Rusia menolak tawaran itu.").code == "RUS"


def test_national_sports_teams_are_not_states() -> None:
    for sentence in ("Timnas Jepang menang 2-1.", "Timnas U-23 Indonesia lolos ke final.",
                     "Tim nasional Korea Selatan tiba di Doha.", "Skuad Vietnam berlatih sore ini."):
        assert DocumentActors(D2021).mentions(sentence) == [], sentence


def test_named_place_is_no_actor() -> None:
    assert DocumentActors(D2021).mentions("Pasukan masuk ke Rumah Sakit Indonesia di Beit Lahia.") == []
    assert DocumentActors(D2021).mentions("Korban dibawa ke rumah sakit Yordania di Gaza.") == []
    assert all(m.code[:3] != "IDN" for m in DocumentActors(D2021).mentions("Israel mengepung RS Indonesia di Gaza utara."))
    assert [m.code for m in DocumentActors(D2021).mentions("Israel menyerbu Rumah Sakit Al-Shifa.")] == ["ISR"]


def test_two_of_them_prefers_the_latest_pair_of_parties() -> None:
    doc = DocumentActors(dt.date(2023, 5, 21))
    doc.mentions("Perdana Menteri Jepang Fumio Kishida dan Presiden Korea Selatan Yoon Suk Yeol bertemu di Tokyo.")
    doc.mentions("Pemimpin Korea Utara Kim Jong-un pada hari yang sama mengawasi uji coba rudal.")
    assert set(one(doc, "Kedua pemimpin negara sepakat memperkuat kerja sama.").members) == {"JPN", "KOR"}
    doc.note_pair(["IDNGOV", "AUS"], meeting=True)
    assert set(one(doc, "Keduanya membahas kerja sama pertahanan.").members) == {"IDN", "AUS"}
    # a condemnation since is no pair of negotiators: "kedua juru runding" are still the sides that met
    doc.note_pair(["AUSGOV", "CHN"])
    assert set(one(doc, "Kedua juru runding itu sepakat bertemu lagi.").members) == {"IDN", "AUS"}
    m = DocumentActors(D2021).mentions("Presiden Moon mengatakan Kim Jong-un berkomitmen saat keduanya bertemu.")[-1]
    assert set(m.members) == {"KOR", "PRK"}


def test_his_country_is_the_last_persons_state() -> None:
    doc = DocumentActors(dt.date(2025, 5, 12))
    doc.mentions("Presiden Ukraina Volodymyr Zelensky berbicara setelah Rusia menyerang Kharkiv.")
    assert [m.code for m in doc.mentions("Dia mengatakan negaranya terbuka untuk berunding.")] == ["UKRGOV", "UKR"]


def test_indonesian_officials_named_without_their_state() -> None:
    doc = DocumentActors(dt.date(2024, 11, 20))
    assert [m.code for m in doc.mentions("Wamenlu Anis Matta bertemu Dubes Palestina.")] == ["IDNGOV", "PSEGOV"]
    assert one(DocumentActors(dt.date(2024, 11, 20)), "Panglima TNI Agus Subiyanto tiba di sana.").code == "IDNMIL"


def test_titled_surname_of_a_former_minister() -> None:
    m = DocumentActors(dt.date(2025, 3, 1)).mentions("Menlu Retno mengecam serangan itu.")[0]
    assert (m.text, m.code, m.person) == ("Menlu Retno", "IDNGOV", "Retno Marsudi")


def test_officials_named_only_by_role_and_state() -> None:
    when = dt.date(2024, 2, 1)
    assert one(DocumentActors(when), "Dubes RRT menyerahkan nota diplomatik.").code == "CHNGOV"
    assert one(DocumentActors(when), "Menhan AS dijadwalkan tiba pekan depan.").code == "USAMIL"
    assert one(DocumentActors(when), "Menlu Jepang menolak berkomentar.").code == "JPNGOV"
    assert one(DocumentActors(when), "Jubir Kemlu Tiongkok membantah tudingan itu.").code == "CHNGOV"
    assert one(DocumentActors(when), "KSAL Australia meninjau galangan kapal.").code == "AUSMIL"
    assert one(DocumentActors(when), "Wamenhan Korea Selatan membuka pameran.").code == "KORMIL"
    assert one(DocumentActors(when), "Atase pertahanan Prancis menghadiri upacara.").code == "FRAMIL"


def test_each_state_of_a_list_after_termasuk_or_seperti() -> None:
    m = one(DocumentActors(D2021), "Sedikitnya 12 negara, termasuk Kuwait, Oman dan Maroko, menyambut usulan itu.")
    assert m.kind == "group" and m.members == ("KWT", "OMN", "MAR")
    m = one(DocumentActors(D2021), "Negara-negara seperti Norwegia, Irlandia, dan Spanyol sudah mengakuinya.")
    assert m.members == ("NOR", "IRL", "ESP")


def test_armed_groups_are_coded_to_their_state() -> None:
    doc = DocumentActors(dt.date(2024, 1, 10))
    assert [c for _, c in codes(doc, "Roket ditembakkan Hizbullah, sementara Houthi mengancam kapal.")] == ["LBNREB", "YEMREB"]
    m = one(doc, "Pasukan Dukungan Cepat (RSF) merebut kota itu.")
    assert (m.text, m.code) == ("Pasukan Dukungan Cepat (RSF)", "SDNREB")
    assert one(doc, "Serangan itu diklaim Kataib Hizbullah.").code == "IRQREB"
    assert one(doc, "Militan Taliban Pakistan menyerang pos itu.").code == "PAKREB"
    assert one(doc, "Sayap bersenjata Jihad Islam Palestina (PIJ) ikut bertempur.").code == "PSEREB"
    assert one(doc, "Pemberontak M23 mendekati Goma.").code == "CODREB"


def test_bare_junta_is_the_junta_of_the_state_named_before() -> None:
    doc = DocumentActors(dt.date(2023, 9, 1))
    doc.mentions("Prancis menolak tuntutan Niger.")
    m = one(doc, "Junta memberi waktu 48 jam.")
    assert (m.code, m.kind) == ("NERMIL", "org")
    assert one(doc, "Pemimpin junta itu berpidato di televisi.").code == "NERMIL"
    doc = DocumentActors(dt.date(2016, 5, 1))
    doc.mentions("Kamboja dan Thailand berunding.")
    assert one(doc, "Junta berjanji menggelar pemilu.").code == "THAMIL"
    doc = DocumentActors(dt.date(2019, 12, 1))
    doc.mentions("Myanmar membantah laporan itu.")
    assert doc.mentions("Junta dibubarkan.") == []


def test_agencies_forces_and_missions() -> None:
    doc = DocumentActors(dt.date(2024, 3, 1))
    assert one(doc, "Penjaga pantai Jepang memantau kapal itu.").code == "JPNMIL"
    assert one(doc, "Kapal China Coast Guard membayangi kapal riset.").code == "CHNMIL"
    assert one(doc, "Kapal Bakamla berpatroli di Natuna.").code == "IDNMIL"
    assert one(doc, "Marinir TNI AL mendarat di pantai.").code == "IDNMIL"
    assert one(doc, "Angkatan Udara Filipina menerima jet baru.").code == "PHLMIL"
    assert one(doc, "Laporan itu dibocorkan dinas intelijen Jerman.").code == "DEUSPY"
    assert one(doc, "Kantor berita WAFA melaporkan korban baru.").code == "PSEJRN"
    assert one(doc, "Kementerian Luar Negeri Norwegia memanggil duta besar.").code == "NORGOV"
    assert one(doc, "Kedubes Belanda mengeluarkan imbauan.").code == "NLDGOV"
    m = one(doc, "KBRI Canberra membuka layanan darurat.")
    assert (m.text, m.code) == ("KBRI Canberra", "IDNGOV")
    assert one(doc, "KJRI Jeddah memulangkan pekerja.").code == "IDNGOV"


def test_un_organs_agencies_and_other_igos() -> None:
    doc = DocumentActors(dt.date(2024, 3, 1))
    assert one(doc, "Resolusi itu disahkan Majelis Umum PBB.").code == "UNO"
    assert one(doc, "Pos pemantau UNIFIL terkena tembakan.").code == "UNO"
    assert one(doc, "Inspektur IAEA tiba di fasilitas itu.").code == "IGO:IAEA"
    assert one(doc, "KTT OKI digelar di Riyadh.").code == "IGO:OIC"
    assert one(doc, "Para menteri Asean bertemu di Vientiane.").code == "IGO:ASEAN"
    assert one(doc, "Sidang IORA dibuka hari ini.").code == "IGO:IORA"
    assert one(doc, "Aliansi Negara-Negara Sahel menolak sanksi itu.").code == "IGO:AES"


def test_capitals_and_nicknames_as_states() -> None:
    doc = DocumentActors(dt.date(2024, 3, 1))
    assert one(doc, "Niamey menuntut penarikan pasukan asing.").code == "NER"
    assert one(doc, "Bamako dan Ouagadougou menandatangani pakta.").members == ("MLI", "BFA")
    assert one(doc, "Negeri Jiran menolak klaim itu.").code == "MYS"
    assert one(doc, "Negeri Seribu Bukit membantah mendukung pemberontak.").code == "RWA"
    assert codes(doc, "Pertemuan itu diadakan di Dakar.") == []


def test_people_of_more_states_by_date() -> None:
    assert one(DocumentActors(dt.date(2012, 5, 1)), "Presiden Nigeria Goodluck Jonathan berpidato.").code == "NGAGOV"
    assert one(DocumentActors(dt.date(2024, 5, 1)), "Tinubu menerima tamunya.").code == "NGAGOV"
    assert one(DocumentActors(dt.date(2021, 5, 1)), "Hemedti menghadiri rapat dewan.").code == "SDNGOV"
    assert one(DocumentActors(dt.date(2024, 5, 1)), "Hemedti menolak gencatan senjata.").code == "SDNREB"
    assert one(DocumentActors(dt.date(2026, 2, 1)), "Nicolas Maduro diadili di New York.").code == "VENELI"
    assert one(DocumentActors(dt.date(2026, 2, 1)), "Delcy Rodriguez menerima utusan itu.").code == "VENGOV"
    assert one(DocumentActors(dt.date(2023, 6, 1)), "Abiy membuka perundingan.").code == "ETHGOV"
    assert one(DocumentActors(dt.date(2008, 6, 1)), "Musharraf menolak mundur.").code == "PAKGOV"


def test_common_words_are_not_surnames() -> None:
    assert codes(DocumentActors(dt.date(2025, 8, 1)), "Dan Korea Selatan menolak usulan itu.") == [("Korea Selatan", "KOR")]
    assert codes(DocumentActors(dt.date(2016, 1, 1)), "Sang menteri tiba terlambat.") == []
    assert codes(DocumentActors(dt.date(2012, 5, 1)), "Jonathan menonton film.") == []


def test_each_side_words_take_up_the_pair() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Delegasi Armenia dan Azerbaijan bertemu di Brussel.")
    m = one(doc, "Masing-masing pihak akan membebaskan tawanan.")
    assert set(m.members) == {"ARM", "AZE"}


def test_a_foreign_office_holder_named_with_an_indonesian_body_is_foreign() -> None:
    when = dt.date(2020, 6, 1)
    assert [c for _, c in codes(DocumentActors(when), "Wartawan menunggu Ketua DPR Nancy Pelosi di Washington.")] == ["USALEG"]
    found = codes(DocumentActors(when), "Wartawan menunggu pimpinan Dewan Perwakilan Rakyat (DPR), Nancy Pelosi, kemarin.")
    assert found == [("Dewan Perwakilan Rakyat (DPR), Nancy Pelosi", "USALEG")]  # the mention spans the office


def test_its_neighbour_is_the_other_side_of_the_latest_pair() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Utusan Armenia dan Azerbaijan bertemu di Jenewa.")
    found = codes(doc, "Setahun lalu Baku menyerang tetangganya.")
    assert found[-1] == ("tetangganya", "ARM")


def test_the_bloc_is_the_last_international_body_named() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Para menteri Uni Afrika bertemu di Addis Ababa.")
    assert codes(doc, "Kecaman dari blok tersebut mengejutkan banyak pihak.")[-1][1] == "IGO:AU"


def test_the_state_a_force_moves_out_of_is_another_one() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Mali meminta pasukan asing pergi.")
    assert codes(doc, "Tentara Jerman akan keluar dari negara itu bulan depan.")[-1] == ("negara itu", "MLI")
    # with no move of its own between them, "negara itu" is still the last state named
    assert codes(doc, "Presiden Jerman mengatakan negara itu akan membantu.")[-1] == ("negara itu", "DEU")


def test_a_bare_ambassador_is_the_one_named_before() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Peru memanggil Duta Besar Bolivia untuk Peru.")
    assert codes(doc, "Duta besar itu kemudian dinyatakan tidak diterima.")[0] == ("Duta besar", "BOLGOV")
    # several envoys, or a new one named, are not the one before
    assert codes(doc, "Para duta besar negara sahabat hadir.") == []
    assert codes(doc, "Dubes Quispe tiba kemarin.") == []


def test_a_state_s_mission_and_korea_s_official_names() -> None:
    doc = DocumentActors(D2021)
    assert codes(doc, "Misi Iran untuk PBB menolak tuduhan itu.") == [("Misi Iran untuk PBB", "IRNGOV")]
    assert codes(doc, "Delegasi RDRK tiba di Seoul.")[0] == ("Delegasi RDRK", "PRKGOV")


def test_caretaker_interim_and_elect_stay_with_their_office() -> None:
    doc = DocumentActors(D2021)
    assert codes(doc, "Ia bertemu Perdana Menteri Penjaga Lebanon.") == [("Perdana Menteri Penjaga Lebanon", "LBNGOV")]
    assert codes(doc, "Presiden interim Mali tiba.") == [("Presiden interim Mali", "MLIGOV")]


def test_the_island_is_the_last_island_state_named() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("China mengerahkan kapal perang ke dekat Taiwan.")
    assert codes(doc, "Menlu AS akan berkunjung ke pulau itu pekan depan.")[-1] == ("pulau itu", "TWN")


def test_a_foreign_office_holder_s_mention_spans_the_office() -> None:
    doc = DocumentActors(dt.date(2022, 8, 3))
    found = codes(doc, "Beijing mengecam Ketua Majelis Permusyawaratan (MPR) Nancy Pelosi atas lawatannya.")
    assert ("Ketua Majelis Permusyawaratan (MPR) Nancy Pelosi", "USALEG") in found


def test_a_portfolio_after_the_office_is_part_of_it() -> None:
    m = one(DocumentActors(dt.date(2021, 11, 2)),
            "Asisten Menteri Luar Negeri AS untuk Urusan Asia Selatan dan Tengah Donald Lu tiba di Dhaka.")
    assert m.code.startswith("USA") and m.text.endswith("Donald Lu")


def test_north_south_means_both_koreas_once_both_are_named() -> None:
    doc = DocumentActors(D2021)
    doc.mentions("Korea Utara dan Korea Selatan kembali saling menelepon.")
    assert one(doc, "Jalur komunikasi utara-selatan itu sempat terputus.").members == ("PRK", "KOR")
    assert not DocumentActors(D2021).mentions("Jalan tol utara-selatan itu dibuka kembali.")


def test_an_abbreviation_shared_by_unrelated_forces_is_left_out() -> None:
    doc = DocumentActors(D2021)
    assert [m.code for m in doc.mentions("Pasukan Kurdi SDF menyerang ISIS di Suriah.")] == ["SYR"]
    assert one(DocumentActors(D2021), "Pasukan Pertahanan Diri Jepang ikut dalam latihan.").code == "JPNMIL"
    assert one(DocumentActors(D2021), "Pasukan Demokratik Suriah menguasai kota itu.").code == "SYRREB"


def test_lower_case_keeps_token_boundaries() -> None:
    """DocumentActors.mentions tokenises the lower-cased sentence on its own: that is only right while lower case
    turns no character into or out of a word character or a space."""
    import re

    every = "".join(c for c in map(chr, range(0x110000)) if len(c.lower()) == 1)
    low = every.lower()
    for pattern in (r"\w", r"\s"):
        assert [m.start() for m in re.finditer(pattern, every)] == [m.start() for m in re.finditer(pattern, low)]


def test_glued_words_odd_case_and_hyphens_keep_their_offsets() -> None:
    """The quick tokeniser for unglued sentences, the glue-splitting one and the fallback for a lower case of another
    length (İ) give the same mentions at the same offsets."""
    a = DocumentActors(dt.date(2022, 5, 1))
    found = [
        [(m.start, m.end, m.code) for m in a.mentions(s)]
        for s in ("Menurut Duta BesarChina untuk Indonesia, hubungan baik.",
                  "Presiden İNDONESIA dan Presiden Prancis Emmanuel Macron bertemu.",
                  "Menlu AS-Korea Selatan dan Jepang bertemu.",
                  "MenluRusia bertemu Sergei Lavrov di Moskow.")
    ]
    assert found == [
        [(8, 39, "CHNGOV")],
        [(23, 55, "FRAGOV")],
        [(0, 33, "USAGOV")],
        [(0, 10, "RUSGOV"), (19, 32, "RUSGOV")],
    ]
