"""The actor and place data load, are complete where the contract needs it, and answer dated questions."""

from __future__ import annotations

import datetime as dt

from kronik import gazetteer as gz


def test_every_state_has_a_name() -> None:
    codes = set(gz.country_names())
    states = {c for c in codes if len(c) == 3 and c not in ("UNO", "EUR")}
    assert len(states) == 197  # 193 UN members, 2 observers, Taiwan, Kosovo
    assert {"KOR", "PRK", "PSE", "VAT", "TWN", "XKX", "COD"} <= states


def test_country_name() -> None:
    assert gz.country_name("KORGOV") == "Korea Selatan"
    assert gz.country_name("UNO") == "PBB"
    assert gz.country_name("IGO:ASEAN") == "ASEAN"


def test_country_of_place() -> None:
    code, lat, lon = gz.country_of_place("Kaesong") or ("", 0.0, 0.0)
    assert code == "PRK" and 37 < lat < 39 and 126 < lon < 127
    assert gz.country_of_place("Laut China Selatan") is not None
    assert gz.country_of_place("Atlantis") is None


def test_person_office_by_date() -> None:
    chung = gz.people()["Chung Eui-yong"]
    assert chung.office_at(dt.date(2018, 6, 1)).office == "national_security_adviser"  # type: ignore[union-attr]
    assert chung.office_at(dt.date(2021, 8, 1)).office == "foreign_minister"  # type: ignore[union-attr]
    trump = gz.people()["Donald Trump"]
    assert trump.code_at(dt.date(2019, 1, 1))[0] == "USAGOV"
    assert trump.code_at(dt.date(2022, 6, 1))[0] == "USAELI"
    assert trump.code_at(dt.date(2025, 6, 1))[0] == "USAGOV"
    assert gz.people()["António Guterres"].code_at(dt.date(2020, 1, 1))[0] == "UNO"


def test_people_rows_are_well_formed() -> None:
    for person in gz.people().values():
        for office in person.offices:
            assert office.end is None or office.start <= office.end, person.name
            assert len(office.code) == 3 or gz.is_igo(office.code), person.name


def test_index_case_rules() -> None:
    idx = gz.index()
    raw = ["AS", "as", "Korea", "Utara", "korea"]
    low = [gz.norm(t) for t in raw]
    assert idx.match(low, raw, 0) is not None
    assert idx.match(low, raw, 1) is None
    assert idx.match(low, raw, 2) is not None
    assert idx.match(low, raw, 4) is None


def test_undated_person_takes_most_senior_office() -> None:
    assert gz.people()["Julie Bishop"].code_at(None)[0] == "AUSGOV"
    assert gz.people()["Chung Eui-yong"].office_at(None).office == "foreign_minister"  # type: ignore[union-attr]


def test_hospitals_lie_in_their_state() -> None:
    assert gz.country_of_place("Rumah Sakit Al-Shifa")[0] == "PSE"
    assert gz.country_of_place("RS Indonesia")[0] == "PSE"


def test_office_window_from_the_office_holders_named() -> None:
    # both in office: the page's time lies where their terms overlap
    lo, hi = gz.office_window("Presiden Korea Selatan Moon Jae-in bertemu Presiden AS Donald Trump di Seoul.")
    assert (lo, hi) == (dt.date(2017, 5, 10), dt.date(2022, 5, 9))
    # a former office-holder does not bound the page's time
    assert gz.office_window("Mantan Presiden Moon Jae-in mengunjungi pameran itu.") is None
    assert gz.office_window("Tidak ada pejabat yang disebut.") is None


def test_juntas_by_date() -> None:
    in_2022 = gz.junta_states(dt.date(2022, 6, 1))
    assert {"MMR", "MLI", "BFA", "GIN", "SDN", "TCD"} <= in_2022
    assert "THA" not in in_2022 and "NER" not in in_2022
    assert "THA" in gz.junta_states(dt.date(2016, 1, 1))
    assert "NER" in gz.junta_states(None)


def test_actor_data_codes_are_known_states_or_igos() -> None:
    names = gz.country_names()
    states = {c for c in names if len(c) == 3}
    for person in gz.people().values():
        for office in person.offices:
            assert office.code in states or office.code in names, person.name
    for regime in gz.regimes():
        assert regime.code in states, regime
    for word, _sector, role, country in gz._rows("sectors.tsv"):
        if role in ("org", "mission"):
            assert country in states, word


def test_every_actor_data_file_says_what_it_holds_and_where_from() -> None:
    from importlib.resources import files

    for name in ("countries.tsv", "igos.tsv", "sectors.tsv", "people.tsv", "places.tsv", "regimes.tsv", "islands.tsv"):
        head = [ln for ln in files("kronik").joinpath("data", name).read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
        assert head and any("Source" in ln for ln in head), name


def test_dated_offices_of_more_states() -> None:
    people = gz.people()
    assert people["Asim Munir"].code_at(dt.date(2025, 5, 10))[0] == "PAKMIL"
    assert people["Mohamed Hamdan Dagalo"].code_at(dt.date(2021, 1, 1))[0] == "SDNGOV"
    assert people["Mohamed Hamdan Dagalo"].code_at(dt.date(2024, 1, 1))[0] == "SDNREB"
    assert people["Ahmed al-Sharaa"].code_at(dt.date(2020, 1, 1))[0] == "SYRREB"
    assert people["Ahmed Aboul Gheit"].code_at(dt.date(2020, 1, 1))[0] == "IGO:ARL"
    assert people["Nicolás Maduro"].code_at(dt.date(2026, 2, 1))[0] == "VENELI"


def test_words_a_scraper_glued_are_split_but_short_name_prefixes_stay() -> None:
    assert gz.tokens("memanggil Duta BesarKanada") == ["memanggil", "Duta", "Besar", "Kanada"]
    assert gz.tokens("McDonald bertemu DeSantis") == ["McDonald", "bertemu", "DeSantis"]
