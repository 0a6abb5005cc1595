"""Synthetic Indonesian news pages for speed and resilience runs, written from the project's own templates.

A page looks like a scraped news page: menu and promo lines, headline, dateline and date, byline, photo
caption, "Baca juga" links, ads, tags, footer; its body reports diplomatic events between states. Page i of
seed s depends only on (s, i), so any slice of a corpus can be regenerated without the rest.
`bad_documents` writes one file per kind of bad input (binary, empty, huge, mis-encoded, truncated archives,
pathological HTML, other languages, broken JSONL) for the resilience tests.

    python -m kronik.generate 10000 corpus.jsonl [--seed 1] [--bad 0.05]
    python -m kronik.generate 500 pages/ --format txt
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronik.calendar import MONTH_NAMES, WEEKDAY_NAMES

TARGET_CHARS = 3000

# (Indonesian name, capital, demonym-free short name for headlines)
COUNTRIES = [
    ("Indonesia", "Jakarta", "RI"), ("Malaysia", "Kuala Lumpur", "Malaysia"), ("Singapura", "Singapura", "Singapura"),
    ("Jepang", "Tokyo", "Jepang"), ("Korea Selatan", "Seoul", "Korsel"), ("Korea Utara", "Pyongyang", "Korut"),
    ("China", "Beijing", "China"), ("Amerika Serikat", "Washington", "AS"), ("Rusia", "Moskow", "Rusia"),
    ("Ukraina", "Kyiv", "Ukraina"), ("Australia", "Canberra", "Australia"), ("India", "New Delhi", "India"),
    ("Prancis", "Paris", "Prancis"), ("Jerman", "Berlin", "Jerman"), ("Inggris", "London", "Inggris"),
    ("Iran", "Teheran", "Iran"), ("Arab Saudi", "Riyadh", "Saudi"), ("Turki", "Ankara", "Turki"),
    ("Filipina", "Manila", "Filipina"), ("Vietnam", "Hanoi", "Vietnam"), ("Thailand", "Bangkok", "Thailand"),
    ("Mesir", "Kairo", "Mesir"), ("Brasil", "Brasilia", "Brasil"), ("Afrika Selatan", "Pretoria", "Afsel"),
]
ROLES = [
    ("Presiden", "Presiden"), ("Perdana Menteri", "PM"), ("Menteri Luar Negeri", "Menlu"), ("Menteri Pertahanan", "Menhan"),
    ("Duta Besar", "Dubes"), ("Menteri Perdagangan", "Mendag"), ("Wakil Presiden", "Wapres"), ("juru bicara pemerintah", "Jubir"),
]
FIRST = ["Arman", "Sekar", "Hideo", "Min-jun", "Li Wei", "Elena", "Pierre", "Karl", "Omar", "Lucas", "Anan", "Thu", "Rafael",
         "Nadia", "Viktor", "Grace", "Tomas", "Aisha", "Kenji", "Mireille", "Hassan", "Olena", "Ravi", "Ingrid"]
LAST = ["Wiratama", "Kusuma", "Tanaka", "Park", "Zhang", "Petrova", "Moreau", "Hoffmann", "Al-Rashid", "Silva", "Chaiyaporn",
        "Nguyen", "Santos", "Rahman", "Sokolov", "Whitfield", "Novak", "Demir", "Kobayashi", "Laurent", "Karimi", "Bondar",
        "Mehta", "Larsen"]
REPORTERS = ["Dimas Prasetyo", "Ayu Lestari", "Rina Handayani", "Fajar Nugroho", "Sinta Maharani", "Bagus Setiawan",
             "Wulan Sari", "Yoga Pratama"]
OUTLETS = ["WartaNusa", "KabarDunia", "SuaraGlobal", "BeritaKini", "JendelaIndo", "LintasBangsa"]
TOPICS = ["keamanan maritim", "perdagangan bebas", "transisi energi", "ketahanan pangan", "program nuklir", "perubahan iklim",
          "investasi infrastruktur", "perlindungan pekerja migran", "stabilitas kawasan", "penanggulangan terorisme",
          "kerja sama pertahanan", "rantai pasok semikonduktor"]

# event templates: {a}/{b} actor phrases, {A}/{B} country names, {when} date phrase, {city} place, {topic}
EVENTS = [
    "{a} bertemu dengan {b} di {city} {when} untuk membahas {topic}.",
    "{a} menerima kunjungan kehormatan {b} di {city} {when}.",
    "Dalam pembicaraan telepon {when}, {a} dan {b} membahas {topic} serta hubungan bilateral kedua negara.",
    "{A} dan {B} menandatangani nota kesepahaman tentang {topic} di {city} {when}.",
    "Kedua negara sepakat memperluas kerja sama di bidang {topic}, kata {a} seusai pertemuan {when}.",
    "{a} menyatakan dukungan penuh terhadap langkah {B} dalam isu {topic}.",
    "{A} mengirim bantuan kemanusiaan berupa obat-obatan dan bahan pangan ke {B} {when}.",
    "{a} mendesak {B} untuk segera kembali ke meja perundingan terkait {topic}.",
    "{a} mengecam keras tindakan {B} yang dinilai melanggar hukum internasional.",
    "{B} menolak tuduhan tersebut dan menyebutnya tidak berdasar, ujar {b} {when}.",
    "{a} memperingatkan bahwa {A} akan mengambil langkah tegas jika {B} tidak menghentikan provokasi.",
    "{A} menjatuhkan sanksi baru terhadap sejumlah pejabat {B} {when}.",
    "{A} mengusir dua diplomat {B} dan menutup konsulatnya di {city}.",
    "{A} mengerahkan kapal perang ke perairan dekat {B} {when}, menurut kantor berita resmi.",
    "Militer {A} menyerang pos perbatasan {B} {when} dan menewaskan sedikitnya tiga tentara.",
    "Ratusan warga berunjuk rasa di depan Kedutaan Besar {B} di {city} memprotes kebijakan {topic}.",
    "{A} menarik pasukannya dari wilayah sengketa dengan {B} setelah gencatan senjata disepakati {when}.",
    "{A} melonggarkan sanksi terhadap {B} sebagai bagian dari kesepakatan {topic}.",
    "Otoritas {A} menahan kapal nelayan berbendera {B} yang dituduh masuk tanpa izin {when}.",
    "{a} dijadwalkan berkunjung ke {city} pekan depan untuk bertemu {b}.",
    "{A} dan {B} akan menggelar latihan militer gabungan {when}.",
]
FILLERS = [
    "Pertemuan itu berlangsung sekitar dua jam dan dihadiri pejabat senior dari kedua pihak.",
    "Menurut pengamat hubungan internasional, langkah tersebut menandai babak baru dalam hubungan kedua negara.",
    "Hingga berita ini diturunkan, pemerintah belum memberikan keterangan resmi lebih lanjut.",
    "Isu tersebut telah menjadi perhatian utama sejumlah negara di kawasan dalam beberapa tahun terakhir.",
    "Sejumlah analis menilai kesepakatan itu dapat membuka peluang investasi yang lebih besar.",
    "Volume perdagangan kedua negara tercatat meningkat hampir 12 persen dibandingkan tahun sebelumnya.",
    "Pernyataan itu disampaikan dalam konferensi pers bersama yang digelar di gedung kementerian.",
    "Kedua delegasi juga bertukar pandangan mengenai perkembangan situasi global terkini.",
    "\"Kami berharap dialog ini terus berlanjut demi perdamaian dan kemakmuran bersama,\" ujarnya kepada wartawan.",
    "Ketegangan di kawasan itu meningkat sejak awal tahun, menyusul serangkaian insiden di perbatasan.",
]
MENUS = [
    "Home News Internasional Ekonomi Bisnis Olahraga Tekno Otomotif Lifestyle Video Foto Indeks",
    "BERANDANASIONALINTERNASIONALEKONOMIHIBURANOLAHRAGATEKNOLOGI",
    "Masuk | Daftar | Langganan | Indeks Berita | Live TV",
    "Trending: #PemiluDamai #HargaBeras #PialaDunia #CuacaEkstrem",
]
ADS = ["ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Advertisement", "Iklan", "Konten Promosi",
       "Dapatkan promo spesial berlangganan hanya Rp 29.000 per bulan!"]
FOOTERS = [
    "Tentang Kami | Redaksi | Pedoman Media Siber | Kebijakan Privasi | Kontak | Karir",
    "Copyright © {year} {outlet}. All rights reserved.",
    "Dilarang mengambil dan/atau menayangkan ulang sebagian atau keseluruhan artikel di atas tanpa izin.",
    "Ikuti kami di Facebook, Instagram, X dan TikTok",
    "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. Setuju",
]
HEADLINES = [
    "{ra} {A} Temui {rb} {B}, Bahas {Topic}", "{A} dan {B} Sepakati Kerja Sama {Topic}",
    "{A} Kecam Langkah {B} soal {Topic}", "{A} Jatuhkan Sanksi Baru ke {B}", "Ketegangan {A}-{B} Memanas",
    "{ra} {A} Dijadwalkan Kunjungi {B} Pekan Depan", "{A} Kirim Bantuan Kemanusiaan ke {B}",
]


@dataclass(frozen=True, slots=True)
class _Actor:
    country: int
    role: int
    name: str

    def phrase(self, rng: random.Random, first: bool) -> str:
        role, short = ROLES[self.role]
        country = COUNTRIES[self.country][0]
        if first or rng.random() < 0.3:
            return f"{role} {country} {self.name}"
        return f"{short} {self.name.split()[-1]}" if rng.random() < 0.5 else f"{short} {country}"


def _date_phrase(rng: random.Random, day: int, month: int, year: int, dated: bool = True) -> str:
    wd = WEEKDAY_NAMES[(day + month * 3 + year) % 7]
    if not dated:  # only phrases that need a publication date to resolve
        return rng.choice(["kemarin", "pekan lalu", f"{wd} lalu", "baru-baru ini"])
    return rng.choice([f"pada {wd} ({day}/{month})", f"{wd} ({day}/{month}/{year})", f"pada {day} {MONTH_NAMES[month - 1]} {year}",
                       "kemarin", "pekan lalu", f"awal {MONTH_NAMES[month - 1]}", f"{wd} lalu"])


def page(i: int, seed: int = 0, dated: bool = True) -> str:
    """The i-th page of the corpus `seed`: about TARGET_CHARS characters of plain text as scraped."""
    return "\n".join(line for _, line in page_lines(i, seed, dated))


def page_lines(i: int, seed: int = 0, dated: bool = True) -> list[tuple[str, str]]:
    """The i-th page as (label, line) pairs, labelled as the gold files are (title, meta, body, caption, boilerplate).

    `dated=False` gives an undated page, as scrapers often deliver: no date line, no copyright year, and only
    relative date phrases ("kemarin"), so neither the page nor its events have a date."""
    rng = random.Random(f"{seed}:{i}")
    outlet = rng.choice(OUTLETS)
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    ca, cb = rng.sample(range(len(COUNTRIES)), 2)
    a = _Actor(ca, rng.randrange(len(ROLES)), f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    b = _Actor(cb, rng.randrange(len(ROLES)), f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    topic = rng.choice(TOPICS)
    names = {"A": COUNTRIES[ca][0], "B": COUNTRIES[cb][0], "topic": topic, "Topic": topic.title(),
             "ra": ROLES[a.role][1], "rb": ROLES[b.role][1]}
    title = rng.choice(HEADLINES).format(**{**names, "A": COUNTRIES[ca][2], "B": COUNTRIES[cb][2]})
    hh, mm = rng.randint(6, 23), rng.randint(0, 59)
    wd = WEEKDAY_NAMES[(day + month * 3 + year) % 7]
    head = [*(("boilerplate", x) for x in rng.sample(MENUS, 2)), ("boilerplate", rng.choice(ADS)), ("title", title),
            *([("meta", rng.choice([f"{wd}, {day:02d} {MONTH_NAMES[month - 1]} {year} {hh:02d}:{mm:02d} WIB",
                        f"{day} {MONTH_NAMES[month - 1]} {year}, {hh:02d}.{mm:02d} WIB",
                        f"Diperbarui {wd}, {day}/{month}/{year} - {hh:02d}:{mm:02d}"]))] if dated else []),
            ("meta", rng.choice([f"Penulis: {rng.choice(REPORTERS)} | Editor: {rng.choice(REPORTERS)}",
                                 f"Oleh {rng.choice(REPORTERS)}", f"Reporter: {rng.choice(REPORTERS)}"])),
            ("caption", f"Foto: {a.phrase(rng, True)} saat tiba di {COUNTRIES[cb][1]}. "
                        f"(Dok. {rng.choice(['Reuters', 'AFP', 'AP', 'Istimewa'])})")]
    city = rng.choice([COUNTRIES[ca][1], COUNTRIES[cb][1]])
    body: list[tuple[str, str]] = []
    first = True
    size = sum(len(x) + 1 for _, x in head) + 400
    while size < TARGET_CHARS:
        sents = []
        for _ in range(rng.randint(2, 3)):
            if rng.random() < 0.6:
                tpl = rng.choice(EVENTS)
                sents.append(tpl.format(a=a.phrase(rng, first), b=b.phrase(rng, first), city=city,
                                        when=_date_phrase(rng, day, month, year, dated), **names))
                first = False
            else:
                sents.append(rng.choice(FILLERS))
        para = " ".join(sents)
        if not body:
            para = f"{city.upper()}, {outlet} - {para[0].upper()}{para[1:]}"
        body.append(("body", para))
        size += len(para) + 1
        if rng.random() < 0.3:
            body.append(("boilerplate", rng.choice([f"Baca juga: {rng.choice(HEADLINES).format(**names)}", rng.choice(ADS),
                                                    f"BACA JUGA: {rng.choice(TOPICS).title()} Jadi Sorotan"])))
    footers = [f.format(year=year, outlet=outlet) for f in rng.sample(FOOTERS, 3) if dated or "{year}" not in f]
    tail = [f"Tag: {COUNTRIES[ca][0]}, {COUNTRIES[cb][0]}, {topic}", "Berita Terkait",
            *(rng.choice(HEADLINES).format(**names) for _ in range(2)), *footers]
    return [*head, *body, *(("boilerplate", x) for x in tail)]


def pages(n: int, seed: int = 0, start: int = 0) -> Iterator[tuple[str, str]]:
    """(id, text) for pages start..start+n-1 of corpus `seed`, generated lazily."""
    for i in range(start, start + n):
        yield f"gen-{seed}-{i:07d}", page(i, seed)


# ---- bad documents -------------------------------------------------------------------------------------------

_EN = ("The foreign minister met his counterpart in the capital on Monday to discuss trade and regional security. "
       "Officials said both sides agreed to continue talks next month.")
_ZH = "两国外长周一在首都举行会谈，讨论贸易和地区安全问题。双方同意下个月继续对话。"
_AR = "التقى وزير الخارجية بنظيره في العاصمة يوم الاثنين لبحث التجارة والأمن الإقليمي."


def _warc_gz(texts: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n, text in enumerate(texts):
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(f"https://contoh.example/berita/{n}", "response",
                                        payload=io.BytesIO(html.encode("utf-8")), http_headers=headers)
        writer.write_record(rec)
    return buf.getvalue()


def bad_documents(folder: Path, seed: int = 0, huge_mb: int = 50) -> dict[str, Path]:
    """One file per kind of bad input in `folder`; returns kind -> path. Every kind must yield records, not a crash."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"bad:{seed}")
    good = page(0, seed)
    files: dict[str, bytes] = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00",
        "png.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048)),
        "empty.txt": b"",
        "blank.txt": b" \n\n\t \r\n",
        "cp1252.txt": (good + "\nCaf\u00e9 \u201cdiplomasi\u201d \u2013 na\u00efve").encode("cp1252", errors="replace"),
        "latin1.txt": (good + "\nRen\u00e9 Fran\u00e7ois \u00bd \u00e9t\u00e9").encode("latin-1", errors="replace") + b"\x81\x8d",
        "utf16_bom.txt": good.encode("utf-16"),
        "utf16_nobom.txt": good.encode("utf-16-le"),
        "mixed_encoding.txt": good.encode("utf-8") + "\nKonferensi di Qu\u00e9bec \u2013 \u201cselesai\u201d\n".encode("cp1252"),
        "nested.html": b"<html><body>" + b"<div>" * 100_000 + good.encode() + b"</div>" * 10 + b"</body></html>",
        "malformed.html": ("<html><head><title>Judul <b>tanpa penutup</head><body><p>" + good.replace("\n", "<p><div <span")
                           + "<script>var x = '</p>';<table><tr><td>" + "<<>>&&#;&#xZZ;" * 50).encode(),
        "english.txt": "\n".join([_EN] * 12).encode(),
        "chinese.txt": "\n".join([_ZH] * 30).encode(),
        "arabic.html": ("<html dir='rtl'><body>" + "".join(f"<p>{_AR}</p>" for _ in range(20)) + "</body></html>").encode(),
        "long_line.txt": (" ".join(good.split("\n")) * 300).encode(),
        "controls.txt": "".join(chr(rng.randrange(1, 32)) if rng.random() < 0.2 else c for c in good).encode(),
        "furniture_only.txt": "\n".join(MENUS + ADS + FOOTERS).encode(),
    }
    big = (good + "\n").encode()
    files["huge.txt"] = big * (huge_mb * 1024 * 1024 // len(big) + 1)
    warc = _warc_gz([page(k, seed) for k in range(1, 5)])
    files["truncated.warc.gz"] = warc[: int(len(warc) * 0.6)]
    files["garbage.warc"] = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>" + b"x" * 100
    lines = [json.dumps({"id": f"ok-{k}", "text": page(k, seed)}) for k in range(5)]
    body = "\n".join(lines).encode()
    files["truncated.jsonl.gz"] = gzip.compress(body, mtime=0)[: len(gzip.compress(body, mtime=0)) // 2]
    files["broken.jsonl"] = "\n".join([
        lines[0], "{not json", "[1, 2, 3]", json.dumps({"id": "no-text"}), '{"id": "lone", "text": "Halo \\ud800 dunia"}',
        json.dumps({"id": 17, "text": None, "html": 5}), json.dumps({"id": "nul", "text": "a\u0000b"}), "\u00ff\u00fe garbage",
        "[" * 100_000, json.dumps({"id": "", "url": ["x"], "text": good}), lines[1]]).encode()
    out = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name.split(".")[0]] = path
    return out


def write_jsonl(path: Path, n: int, seed: int = 0, bad: float = 0.0) -> int:
    """n pages as JSON Lines; a share `bad` of the lines is replaced by broken ones. Returns the lines written."""
    rng = random.Random(f"mix:{seed}")
    broken = ["{not json", "[1, 2]", json.dumps({"id": "x"}), '{"id": "s", "text": "\\udfff"}', json.dumps({"text": ""})]
    with path.open("w", encoding="utf-8") as fh:
        for k, (doc_id, text) in enumerate(pages(n, seed)):
            if bad and rng.random() < bad:
                fh.write(rng.choice(broken).replace('"x"', f'"bad-{k}"') + "\n")
            else:
                fh.write(json.dumps({"id": doc_id, "url": f"https://contoh.example/{doc_id}", "text": text}, ensure_ascii=False) + "\n")
    return n


def write_dir(folder: Path, n: int, seed: int = 0) -> int:
    """n pages as .txt files (the layout of a scraped folder). Returns n."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in pages(n, seed):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return n


def main(argv: list[str] | None = None) -> int:
    """Command line: write a corpus as one JSONL file or a folder of .txt pages."""
    p = argparse.ArgumentParser(prog="python -m kronik.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=["jsonl", "txt"], default="jsonl")
    p.add_argument("--bad", type=float, default=0.0, help="share of broken JSONL lines (jsonl only)")
    p.add_argument("--bad-files", type=Path, default=None, help="also write one file per bad-input kind into this folder")
    args = p.parse_args(argv)
    if args.format == "jsonl":
        write_jsonl(args.out, args.n, args.seed, args.bad)
    else:
        write_dir(args.out, args.n, args.seed)
    if args.bad_files:
        bad_documents(args.bad_files, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
