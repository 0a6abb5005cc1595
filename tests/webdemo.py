"""A demo database for the dashboard tests: Indonesian-language articles with coded events, stored by kronik.store.

Deterministic (fixed seed), so the tests can name what they expect. About half the events took place in a
capital (coordinates from the gazetteer), some are planned rather than occurred; includes one hostile page whose
title and body hold a `<script>` tag, one event reported by two outlets, undated pages (no publication date, no
event date) and a page without a title.
"""

from __future__ import annotations

import random
from pathlib import Path

from kronik import store
from kronik.gazetteer import country_of_place
from kronik.model import Article, Event, Record

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ID = "hostile-001"
SHARED_SENTENCE = "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri AS Antony Blinken di Jakarta pada Selasa (14/2)."

NAMES = {
    "IDN": ("Pemerintah Indonesia", "Indonesia"), "USA": ("Washington", "Amerika Serikat"),
    "CHN": ("Beijing", "China"), "KOR": ("Seoul", "Korea Selatan"), "PRK": ("Pyongyang", "Korea Utara"),
    "JPN": ("Tokyo", "Jepang"), "RUS": ("Moskow", "Rusia"), "UKR": ("Kyiv", "Ukraina"), "AUS": ("Canberra", "Australia"),
}
SENTENCES = {
    "CONSULT": "{a} bertemu dengan delegasi {b} untuk membahas kerja sama kawasan",
    "AGREE": "{a} dan {b} menandatangani nota kesepahaman di bidang energi",
    "SUPPORT": "{a} menyambut baik langkah {b} dalam menjaga stabilitas kawasan",
    "COOPERATE": "{a} dan {b} menggelar latihan militer gabungan",
    "AID": "{a} mengirim bantuan kemanusiaan senilai 5 juta dolar kepada {b}",
    "REQUEST": "{a} mendesak {b} untuk kembali ke meja perundingan",
    "ACCUSE": "{a} mengecam tindakan {b} yang dinilai melanggar hukum internasional",
    "REJECT": "{a} menolak tuduhan yang dilontarkan {b}",
    "THREATEN": "{a} memperingatkan {b} akan konsekuensi serius",
    "SANCTION": "{a} menjatuhkan sanksi baru terhadap {b}",
    "MOBILIZE": "{a} mengerahkan pasukan ke perbatasan dengan {b}",
    "ASSAULT": "{a} melancarkan serangan udara ke wilayah {b}",
}
RECIPROCAL = {"AGREE", "COOPERATE"}
# dyad -> the event types its news is made of (repeats weight the draw)
DYADS = {
    ("IDN", "USA"): ["CONSULT", "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST"],
    ("USA", "CHN"): ["CONSULT", "ACCUSE", "ACCUSE", "SANCTION", "THREATEN", "REJECT", "AGREE"],
    ("KOR", "PRK"): ["THREATEN", "MOBILIZE", "ACCUSE", "REQUEST", "ASSAULT"],
    ("USA", "PRK"): ["SANCTION", "THREATEN", "REQUEST", "ACCUSE"],
    ("RUS", "UKR"): ["ASSAULT", "ASSAULT", "MOBILIZE", "ACCUSE", "REJECT"],
    ("IDN", "CHN"): ["CONSULT", "AGREE", "COOPERATE", "SUPPORT"],
    ("JPN", "KOR"): ["CONSULT", "AGREE", "REQUEST"],
    ("IDN", "AUS"): ["CONSULT", "COOPERATE", "AID"],
}
CAPITALS = {"IDN": "Jakarta", "USA": "Washington", "CHN": "Beijing", "KOR": "Seoul", "PRK": "Pyongyang", "JPN": "Tokyo",
            "RUS": "Moskow", "UKR": "Kyiv", "AUS": "Canberra"}
OUTLETS = ["Kompas", "Liputan6", "Detik", "Antara", "Tempo"]
UNDATED = [("KOR", "PRK", "THREATEN"), ("IDN", "USA", "CONSULT"), ("KOR", "PRK", "ACCUSE")]
"""Events of pages without a publication date whose sentences give no date either."""
UNTITLED_ID = "untitled-001"
UNTITLED_LEAD = "Indonesia dan Australia sepakat memperkuat patroli bersama di Laut Timor."
FILLER = [
    "Pertemuan itu berlangsung selama hampir dua jam dan diikuti sejumlah pejabat senior.",
    "Pengamat hubungan internasional menilai langkah tersebut akan berdampak pada dinamika kawasan.",
    "Juru bicara kementerian menyampaikan keterangan itu kepada wartawan, Rabu pagi.",
    "Isu ini juga akan dibawa ke forum multilateral dalam beberapa pekan mendatang.",
    "Sejumlah anggota parlemen meminta pemerintah bersikap lebih tegas.",
    "Kantor berita setempat melaporkan bahwa situasi di ibu kota relatif tenang.",
]


def _record(rid: str, outlet: str, day: str | None, title: str | None, paragraphs: list[str], events: list[Event]) -> Record:
    article = Article(id=rid, url=f"https://example.id/{rid}", language="id", outlet=outlet, title=title,
                      authors=["Redaksi"], published=f"{day}T10:00:00+07:00" if day else None, paragraphs=paragraphs,
                      dateline="JAKARTA")
    return Record(id=rid, article=article, events=events, source="demo")


def records(months: int = 18, seed: int = 7) -> list[Record]:
    """Generated news for the dyads above, month by month from January 2023, plus the two special pages."""
    rng = random.Random(seed)
    where = random.Random(seed + 1)  # places and statuses draw apart, so the events themselves stay as they were
    out: list[Record] = []
    for i in range(months):
        year, month = 2023 + i // 12, i % 12 + 1
        for (x, y), kinds in DYADS.items():
            for n in range(rng.randint(0, 3)):
                kind = rng.choice(kinds)
                a, b = (x, y) if rng.random() < 0.6 else (y, x)
                day = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
                sentence = SENTENCES[kind].format(a=NAMES[a][0], b=NAMES[b][1]) + f" pada {day}."
                event = Event(actors=[a, b] if kind in RECIPROCAL else [a], recipients=[] if kind in RECIPROCAL else [b],
                              type=kind, date=day, sentence=sentence, actor_text=NAMES[a][0], recipient_text=NAMES[b][1],
                              status="planned" if where.random() < 0.15 else "occurred")
                if where.random() < 0.5:
                    _place(event, CAPITALS[where.choice((a, b))])
                rid = f"{a.lower()}-{b.lower()}-{year}{month:02d}-{n}"
                filler = rng.sample(FILLER, 3)
                body = [f"JAKARTA - {sentence}", filler[0], f"Laporan {rid}: {filler[1]}", filler[2]]
                title = f"{NAMES[a][1]} dan {NAMES[b][1]}: {kind.lower()} ({day})"
                out.append(_record(rid, rng.choice(OUTLETS), day, title, body, [event]))
    shared = Event(actors=["IDN", "USA"], recipients=[], type="CONSULT", date="2024-02-13",
                   sentence=SHARED_SENTENCE, actor_text="Retno Marsudi", recipient_text="Antony Blinken")
    _place(shared, "Jakarta")
    for rid, outlet in (("shared-kompas", "Kompas"), ("shared-antara", "Antara")):
        body = ["JAKARTA - Kunjungan itu merupakan bagian dari lawatan Blinken ke Asia Tenggara.", SHARED_SENTENCE,
                f"Menurut {outlet}, kedua menteri membahas Laut China Selatan dan perdagangan."]
        out.append(_record(rid, outlet, "2024-02-14", "Retno Temui Blinken di Jakarta", body, [shared]))
    for n, (a, b, kind) in enumerate(UNDATED):
        sentence = SENTENCES[kind].format(a=NAMES[a][0], b=NAMES[b][1]) + "."
        event = Event(actors=[a], recipients=[b], type=kind, sentence=sentence, actor_text=NAMES[a][0], recipient_text=NAMES[b][1])
        out.append(_record(f"undated-{n}", "Detik", None, f"{NAMES[a][1]} dan {NAMES[b][1]}", [sentence, FILLER[n]], [event]))
    agree = Event(actors=["IDN", "AUS"], recipients=[], type="AGREE", date="2024-05-20", sentence=UNTITLED_LEAD)
    _place(agree, "Jakarta")
    out.append(_record(UNTITLED_ID, "Antara", "2024-05-21", None, [UNTITLED_LEAD, FILLER[3]], [agree]))
    hostile = f"Warga {HOSTILE} mengecam sanksi Amerika Serikat terhadap China."
    out.append(_record(HOSTILE_ID, "Tempo", "2024-03-05", f"Uji {HOSTILE} keamanan", ["Paragraf pembuka.", hostile],
                       [Event(actors=["CHN"], recipients=["USA"], type="ACCUSE", date="2024-03-05", sentence=hostile)]))
    return out


def _place(event: Event, name: str) -> None:
    """Locate an event in a place the gazetteer knows (its coordinates and state from kronik/data/places.tsv)."""
    found = country_of_place(name)
    assert found is not None, name
    event.location, (event.location_country, event.latitude, event.longitude) = name, found


def build(path: Path) -> Path:
    """Write the demo database at path (replacing it) through the store's own ingest."""
    path.unlink(missing_ok=True)
    con = store.connect(str(path))
    try:
        store.ingest_records(con, records())
    finally:
        con.close()
    return path
