"""Exports: exact POLECAT and GDELT 2.0 column sets, values that their users' code expects, CSV and Parquet."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kronik import export, store
from kronik.model import Article, Event, Record

POLECAT = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
    "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
    "Story ID", "Story Date", "Headline", "Event Text", "Source URL", "Num Sources",
]
GDELT = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "e.duckdb")
    sentence = "Presiden Korea Selatan menemui Presiden Amerika Serikat di Seoul pada Senin."
    events = [Event(["KORGOV"], ["USAGOV"], "CONSULT", "visit", "occurred", "2024-03-04", "Seoul", sentence,
                    "Presiden Korea Selatan", "Presiden Amerika Serikat", location_country="KOR", latitude=37.57, longitude=126.98),
              Event(["KOR", "IGO:ASEAN"], [], "AGREE", sentence="Kedua pihak sepakat.", cameo="057")]
    recs = [Record(id=f"art-{i}", events=events, article=Article(
        id=f"art-{i}", url=f"https://contoh.id/{i}", outlet=outlet, title="Korsel dan AS bertemu",
        published=f"2024-03-0{5 + i}T10:00:00+07:00", language="id", paragraphs=[sentence, f"Paragraf lain {i}."]))
        for i, outlet in enumerate(["Kompas", "Antara"])]
    with store.connect(path) as con:
        store.ingest_records(con, recs)
    return path


def test_polecat_columns_and_values(db: str) -> None:
    with store.connect(db, read_only=True) as con:
        table = export.events_table(con, "polecat")
    assert table.column_names == POLECAT
    rows = table.to_pylist()
    consult = next(r for r in rows if r["Event Type"] == "CONSULT")
    assert consult["Event Date"] == "2024-03-04" and consult["Quad Code"] == 1 and consult["Event Mode"] == "visit"
    assert (consult["Actor Country"], consult["Primary Actor Sector"], consult["Recipient Country"]) == ("KOR", "GOV", "USA")
    assert consult["Actor Name"] == "Korea Selatan" and consult["Actor Name Raw"] == "Presiden Korea Selatan"
    assert (consult["Latitude"], consult["Placename"], consult["Num Sources"]) == (37.57, "Seoul", 2)
    assert consult["Story Date"] == "2024-03-05" and consult["Source"] == "Kompas"
    agree = next(r for r in rows if r["Event Type"] == "AGREE")  # reciprocal: first party acts, the others receive
    assert (agree["Actor Country"], agree["Recipient Country"], agree["Event Date"]) == ("KOR", "IGO:ASEAN", "2024-03-05")


def test_gdelt_columns_and_values(db: str) -> None:
    with store.connect(db, read_only=True) as con:
        table = export.events_table(con, "gdelt")
    assert table.column_names == GDELT and len(GDELT) == 61
    consult = next(r for r in table.to_pylist() if r["EventRootCode"] == "04")
    assert consult["SQLDATE"] == 20240304 and consult["MonthYear"] == 202403 and consult["Year"] == 2024
    assert (consult["Actor1Code"], consult["Actor1CountryCode"], consult["Actor1Type1Code"]) == ("KORGOV", "KOR", "GOV")
    assert (consult["Actor2Code"], consult["Actor2CountryCode"]) == ("USAGOV", "USA")
    assert (consult["EventCode"], consult["EventBaseCode"], consult["QuadClass"], consult["GoldsteinScale"]) == ("042", "042", 1, 4.0)
    assert (consult["NumMentions"], consult["NumSources"], consult["NumArticles"], consult["IsRootEvent"]) == (2, 2, 2, 1)
    assert consult["ActionGeo_Type"] == 4 and consult["ActionGeo_FullName"] == "Seoul, Korea Selatan"
    assert consult["DATEADDED"] == 20240305030000 and consult["SOURCEURL"] == "https://contoh.id/0"
    agree = next(r for r in table.to_pylist() if r["EventRootCode"] == "05")
    assert (agree["EventCode"], agree["Actor2Code"], agree["Actor2KnownGroupCode"], agree["IsRootEvent"]) == ("057", "IGOASEAN", "ASEAN", 0)


@pytest.mark.parametrize("schema", ["kronik", "polecat", "gdelt"])
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_command_writes_files(db: str, tmp_path: Path, schema: str, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export.command(argparse.Namespace(db=db, format=fmt, schema=schema, output=str(out))) == 0
    if fmt == "csv":
        with out.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
    else:
        table = pq.read_table(out)
        header, body = table.column_names, table.to_pylist()
    assert len(body) == 2
    expected = {"polecat": POLECAT, "gdelt": GDELT}.get(schema)
    if expected:
        assert header == expected
    else:
        assert header[:4] == ["event_id", "actors", "recipients", "parties"] and "cluster_key" not in header
    if schema == "kronik" and fmt == "csv":
        assert "KOR;IGO:ASEAN" in {r[1] for r in body}
