"""`kronik export`: the events table as CSV or Parquet, in kronik's own layout or in POLECAT's or GDELT 2.0's columns.

The POLECAT and GDELT layouts keep those datasets' column names and order, so code written for them loads
kronik's events unchanged; fields kronik does not produce are left empty. Codes stay ISO 3166-1 alpha-3
(GDELT's ActionGeo_CountryCode is FIPS 10-4 and CAMEO actor codes differ for a few states: see the README, Export layouts).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from datetime import UTC, date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kronik import __version__
from kronik.calendar import report_time
from kronik.db import EVENT_DAY, open_for_reading, undated_events
from kronik.gazetteer import party
from kronik.plover import lookup
from kronik.selection import Selection, from_args

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
    # kronik's additions, after POLECAT's own columns so positional readers are not disturbed
    "Story ID", "Story Date", "Headline", "Event Text", "Source URL", "Num Sources",
)

_GDELT_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
_GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _GDELT_ACTOR), *(f"Actor2{f}" for f in _GDELT_ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GDELT_GEO), *(f"Actor2Geo_{f}" for f in _GDELT_GEO), *(f"ActionGeo_{f}" for f in _GDELT_GEO),
    "DATEADDED", "SOURCEURL",
)
_GDELT_INT = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
              "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
_GDELT_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
                "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
_POLECAT_FLOAT = {"Event Intensity", "Latitude", "Longitude"}
_POLECAT_INT = {"Quad Code", "Num Sources"}
_CAMEO = re.compile(r"\d{3,4}")

EVENTS_SQL = f"""
    WITH e AS (SELECT * FROM events e WHERE {{where}} ORDER BY {EVENT_DAY} NULLS LAST, e.event_id {{part}})
    SELECT e.* EXCLUDE (cluster_key), a.url, a.outlet, a.title, a.published, a.language,
           CASE WHEN strpos(split_part(a.body, chr(10) || chr(10), 1), e.sentence) > 0 THEN 1 ELSE 0 END AS in_lead
    FROM e LEFT JOIN articles a USING (article_id)
    ORDER BY {EVENT_DAY} NULLS LAST, e.event_id
"""
"""The selected events with their representative article's fields, in export order; `part` (LIMIT or OFFSET) takes
a slice of the ordered events before the articles are joined, so the first rows come without reading every body."""


def dyad(actors: Sequence[str], recipients: Sequence[str]) -> tuple[list[str], list[str]]:
    """Actor and recipient sides; a reciprocal event (no recipients) puts its first party on the actor side."""
    if recipients or len(actors) < 2:
        return list(actors), list(recipients)
    return list(actors[:1]), list(actors[1:])


def _names(codes: Sequence[str]) -> str | None:
    from kronik.gazetteer import country_name

    return "; ".join(country_name(c) for c in codes) or None


def _join(values: Sequence[str]) -> str | None:
    return "; ".join(v for v in values if v) or None


def _sector(code: str) -> str | None:
    return None if code.startswith("IGO:") else (code[3:] or None)


def _day(e: dict[str, Any]) -> date | None:
    if e["date_start"] is not None:
        return e["date_start"]
    t = report_time(e["first_reported"])
    return t.date() if t else None


def polecat_row(e: dict[str, Any]) -> dict[str, Any]:
    """One event in POLECAT's columns (one row per event, several actors joined with '; ' as POLECAT lists are)."""
    actors, recipients = dyad(e["actors"], e["recipients"])
    day = _day(e)
    story = (e["published"] or "")[:10] or None
    return {
        "Event ID": e["event_id"], "Event Date": day.isoformat() if day else None, "Event Type": e["type"],
        "Event Mode": e["mode"], "Event Intensity": e["intensity"], "Quad Code": e["quad_class"], "Contexts": None,
        "Actor Name": _names(actors), "Actor Country": _join([party(c) for c in actors]),
        "Primary Actor Sector": _sector(actors[0]) if actors else None, "Actor Sectors": _join([_sector(c) or "" for c in actors]),
        "Actor Name Raw": e["actor_text"],
        "Recipient Name": _names(recipients), "Recipient Country": _join([party(c) for c in recipients]),
        "Primary Recipient Sector": _sector(recipients[0]) if recipients else None,
        "Recipient Sectors": _join([_sector(c) or "" for c in recipients]), "Recipient Name Raw": e["recipient_text"],
        "Placename": e["location"], "Country": e["location_country"], "Latitude": e["latitude"], "Longitude": e["longitude"],
        "Raw Placename": e["location"], "Source": e["outlet"], "Publication Date": story, "Language": e["language"],
        "Version": f"kronik {__version__}", "Story ID": e["article_id"], "Story Date": story, "Headline": e["title"],
        "Event Text": e["sentence"], "Source URL": e["url"], "Num Sources": e["source_count"],
    }


def _cameo(e: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """EventCode, EventBaseCode and EventRootCode: the event's CAMEO code (kronik/data/plover.tsv's for its type and
    mode when the stored one is not a CAMEO event code, as in databases written before plover.tsv held them)."""
    code = e["cameo"] if _CAMEO.fullmatch(e["cameo"] or "") else None
    if code is None and (facts := lookup(e["type"], e["mode"])) is not None:
        code = facts.cameo
    return (code, code[:3], code[:2]) if code else (None, None, None)


def _gdelt_actor(n: int, codes: Sequence[str]) -> dict[str, Any]:
    if not codes:
        return {}
    first = codes[0]
    return {f"Actor{n}Code": first.replace(":", ""), f"Actor{n}Name": _names(codes[:1]),
            f"Actor{n}CountryCode": None if first.startswith("IGO:") else party(first),
            f"Actor{n}KnownGroupCode": first[4:] if first.startswith("IGO:") else None, f"Actor{n}Type1Code": _sector(first)}


def gdelt_row(e: dict[str, Any]) -> dict[str, Any]:
    """One event in GDELT 2.0's event table columns (tone and actor geography are not computed: left empty)."""
    actors, recipients = dyad(e["actors"], e["recipients"])
    day = _day(e)
    code, base, root = _cameo(e)
    added = report_time(e["first_reported"])
    place = ", ".join(x for x in (e["location"], _names([e["location_country"]]) if e["location_country"] else None) if x)
    geo_type = 4 if e["latitude"] is not None else (1 if e["location_country"] else None)
    return {
        "GLOBALEVENTID": int(e["event_id"][:15], 16),
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None, "MonthYear": int(day.strftime("%Y%m")) if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + day.timetuple().tm_yday / 365, 4) if day else None,
        **_gdelt_actor(1, actors), **_gdelt_actor(2, recipients),
        "IsRootEvent": e["in_lead"], "EventCode": code, "EventBaseCode": base, "EventRootCode": root,
        "QuadClass": e["quad_class"], "GoldsteinScale": e["intensity"], "NumMentions": e["mention_count"],
        "NumSources": e["source_count"], "NumArticles": e["article_count"],
        "ActionGeo_Type": geo_type, "ActionGeo_FullName": place or None, "ActionGeo_CountryCode": e["location_country"],
        "ActionGeo_Lat": e["latitude"], "ActionGeo_Long": e["longitude"],
        "DATEADDED": int(added.astimezone(UTC).strftime("%Y%m%d%H%M%S")) if added else None,
        "SOURCEURL": e["url"] or e["article_id"],
    }


def _typed(rows: list[dict[str, Any]], columns: Sequence[str], ints: set[str], floats: set[str]) -> pa.Table:
    def kind(c: str) -> pa.DataType:
        return pa.int64() if c in ints else pa.float64() if c in floats else pa.string()

    return pa.table({c: pa.array([r.get(c) for r in rows], kind(c)) for c in columns})


LAYOUTS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Sequence[str], set[str], set[str]]] = {
    "polecat": (polecat_row, POLECAT_COLUMNS, _POLECAT_INT, _POLECAT_FLOAT),
    "gdelt": (gdelt_row, GDELT_COLUMNS, _GDELT_INT, _GDELT_FLOAT),
}


BATCH_ROWS = 1000
"""Rows converted and written at a time: the dashboard's downloads start after the first batch."""


def batches(con: duckdb.DuckDBPyConnection, schema: str = "kronik", selection: Selection | None = None,
            size: int = BATCH_ROWS) -> tuple[pa.Schema, Iterator[pa.Table]]:
    """The selected events (all by default) in the chosen layout, ordered by event day then id (so exports are
    reproducible): the columns, and the rows `size` at a time, read lazily from the open connection. The first
    batch is its own small query, so a download starts before the rest of a large selection is read."""
    where, params = (selection or Selection()).where()
    parts = [(EVENTS_SQL.format(where=where, part=part), [*params, size]) for part in ("LIMIT ?", "OFFSET ?")]
    if schema == "kronik":
        def read(sql: str, values: list[Any]) -> pa.RecordBatchReader:
            return con.sql(f"SELECT * EXCLUDE (in_lead, published, language) FROM ({sql})", params=values).to_arrow_reader(size)

        head = read(*parts[0])

        def arrow() -> Iterator[pa.Table]:
            first = head.read_all()
            yield first
            if first.num_rows == size:  # a short first batch was the whole selection
                yield from (pa.Table.from_batches([b]) for b in read(*parts[1]))

        return head.schema, arrow()
    convert, columns, ints, floats = LAYOUTS[schema]

    def tables() -> Iterator[pa.Table]:
        for sql, values in parts:
            cursor = con.execute(sql, values)
            names = [d[0] for d in cursor.description]
            count = 0
            while rows := cursor.fetchmany(size):
                count += len(rows)
                yield _typed([convert(dict(zip(names, r, strict=True))) for r in rows], columns, ints, floats)
            if count < size:  # a short first batch was the whole selection
                return

    return _typed([], columns, ints, floats).schema, tables()


def events_table(con: duckdb.DuckDBPyConnection, schema: str = "kronik", selection: Selection | None = None) -> pa.Table:
    """The selected events (all by default) in the chosen layout as one table, ordered by event day then id."""
    columns, parts = batches(con, schema, selection)
    return pa.concat_tables([columns.empty_table(), *parts])


_EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def output_format(fmt: str | None, path: str) -> str:
    """The format to write: --format when given, else the output file's extension (.parquet or .pq: Parquet, else
    CSV); ValueError when --format and the extension disagree (a .parquet file full of CSV helps no one)."""
    by_name = None if path == "-" else _EXTENSIONS.get(Path(path).suffix.lower())
    if fmt and by_name and fmt != by_name:
        raise ValueError(f"--format {fmt} does not match the file name {path!r}; drop --format or change the extension")
    return fmt or by_name or "csv"


class _Sink(io.RawIOBase):
    """Collects what a pyarrow writer writes, handed on chunk by chunk; keeps count of the position for Parquet."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def _csv_ready(table: pa.Table) -> pa.Table:
    """List columns joined with ';' (CSV has no lists)."""
    import pyarrow.compute as pc

    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            table = table.set_column(i, f.name, pc.binary_join(table.column(i), ";"))
    return table


def encode(columns: pa.Schema, tables: Iterable[pa.Table], fmt: str) -> Iterator[bytes]:
    """A CSV or Parquet file's bytes, a chunk per table: the one encoder of `kronik export` and the dashboard's
    downloads. Parquet keeps list columns; CSV joins them with ';'."""
    sink = _Sink()
    writer: Any
    if fmt == "parquet":
        import pyarrow.parquet as pq

        writer, ready = pq.ParquetWriter(sink, columns), (lambda t: t)
    else:
        import pyarrow.csv as pcsv

        writer, ready = pcsv.CSVWriter(sink, _csv_ready(columns.empty_table()).schema), _csv_ready
    for table in tables:
        writer.write_table(ready(table))
        yield sink.take()
    writer.close()
    yield sink.take()


def write(table: pa.Table, fmt: str, path: str) -> None:
    """Write to a file (its folder created if missing) or, for `-`, to stdout."""
    if path != "-":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") if path != "-" else nullcontext(sys.stdout.buffer) as target:
        for chunk in encode(table.schema, [table], fmt):
            target.write(chunk)


def command(args: argparse.Namespace) -> int:
    """Write the events table to a file or stdout; 2 when the database or the output cannot be used."""
    try:
        fmt = output_format(args.format, args.output)
    except ValueError as exc:
        print(f"kronik export: {exc}", file=sys.stderr)
        return 2
    if fmt == "parquet" and args.output == "-" and sys.stdout.isatty():
        print("kronik export: Parquet is binary; redirect stdout to a file or give -o FILE.parquet", file=sys.stderr)
        return 2
    try:
        selection = from_args(args)
    except ValueError as exc:
        print(f"kronik export: {exc}", file=sys.stderr)
        return 2
    opened = open_for_reading(args.db, "export")
    if opened is None:
        return 2
    with opened as con:
        table = events_table(con, args.schema, selection)
        undated = undated_events(con, *selection.where()) if not selection.dated else 0
    try:
        write(table, fmt, args.output)
    except OSError as exc:
        print(f"kronik export: cannot write {args.output}: {exc}", file=sys.stderr)
        return 2
    where = "stdout" if args.output == "-" else args.output
    note = f"; {undated} of them undated (no event date and no dated report: empty date columns, listed last)" if undated else ""
    print(f"kronik export: {table.num_rows} events written to {where} ({args.schema}, {fmt}){note}", file=sys.stderr)
    return 0
