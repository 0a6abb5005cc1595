"""The `kronik` command line: argument parsing only; each command's work lives in its own module.

Commands import their module lazily so that `kronik --help` and `extract` start fast. Every number an option
takes is checked here, so a bad value is a usage message (exit 2), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from kronik import __version__

# command -> module whose `command(args) -> int` does the work
COMMANDS = {
    "extract": "kronik.extract",
    "explain": "kronik.explain",
    "ingest": "kronik.ingest",
    "sql": "kronik.db",
    "timeline": "kronik.analysis",
    "top": "kronik.analysis",
    "network": "kronik.analysis",
    "export": "kronik.export",
    "serve": "kronik.web",
    "watch": "kronik.watch",
}

EXIT_STATUS = """exit status: 0 done (documents that failed are error records); 1 with --strict when a document failed,
or when an SQL query fails; 2 when an input path cannot be read (missing, unreadable, a folder with nothing to
read: the rest of the batch is processed first), for bad arguments, or when the database cannot be opened."""


class _Help(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples keep their line breaks."""


def positive(text: str) -> int:
    """A whole number of at least 1 (workers, limits, batch sizes)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def port(text: str) -> int:
    """A TCP port number."""
    value = positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (1-65535)")
    return value


def duration(text: str) -> float:
    """A time span in seconds, from 90, 90s, 15m, 1h or 1h30m."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    parts = re.fullmatch(r"(?:\d+(?:\.\d+)?[smhd]?)+", text.strip().lower())
    total = sum(float(n) * units[u or "s"] for n, u in re.findall(r"(\d+(?:\.\d+)?)([smhd]?)", text.lower())) if parts else 0
    if total <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time span such as 90s, 15m or 1h")
    return total


def seconds(text: str) -> float:
    """A number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"{text} is not 0 or more seconds")
    return value


def _add(sub: argparse._SubParsersAction, name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=summary, description=f"{summary}.\n\n{description}",
                          epilog=f"examples:\n{examples}", formatter_class=_Help)


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a file (.txt .html .htm .jsonl[.gz] .warc[.gz]), a folder (read recursively), or - for stdin")
    p.add_argument("--workers", type=positive, default=1, help="processes to run the pipeline in (default: 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or a Dask cluster (default: local)")
    p.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="Dask scheduler address with --engine dask (default: a local cluster of --workers processes)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr (shown only on a terminal anyway)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any document fails (default: failed documents "
                                                         "are error records and the exit status stays 0)")


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="kronik.duckdb", help="DuckDB database file (default: kronik.duckdb)")


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", default=None, metavar="DATE",
                   help="first day, YYYY[-MM[-DD]] (default: no limit; a period leaves undated events out, and says how many)")
    p.add_argument("--to", dest="end", default=None, metavar="DATE", help="last day, YYYY[-MM[-DD]] (default: no limit)")


def _selection_options(p: argparse.ArgumentParser) -> None:
    """The filters the dashboard shares in its URLs (kronik.selection); repeated or comma-separated values match any."""
    _period_options(p)
    p.add_argument("--actor", default=None, help="only events with this party (code or name; default: all)")
    p.add_argument("--with", dest="other", default=None, metavar="ACTOR", help="and with this second party (default: any)")
    p.add_argument("--type", action="append", metavar="TYPE", help="PLOVER event type(s), e.g. ACCUSE,REJECT (default: all)")
    p.add_argument("--quad", action="append", metavar="QUAD",
                   help="quad class(es): verbal_coop, material_coop, verbal_conflict, material_conflict or 1-4 (default: all)")
    p.add_argument("--status", action="append", metavar="STATUS",
                   help="occurred, planned, negated, hypothetical (default: all)")
    p.add_argument("--outlet", action="append", metavar="NAME", help="reported by this outlet; repeat for several (default: all)")


def build_parser() -> argparse.ArgumentParser:
    """All commands and their options."""
    parser = argparse.ArgumentParser(
        prog="kronik", description="Indonesian news pages to a database of dated, PLOVER-coded events between states.",
        epilog=EXIT_STATUS + "\n\nRun `kronik COMMAND --help` for a command's options and examples.", formatter_class=_Help)
    parser.add_argument("--version", action="version", version=f"kronik {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _add(sub, "extract", "clean pages and code their events; one JSON record per document",
             "Records follow ANNOTATION.md: id, url, language, outlet, title, authors, published, updated, body, events.\n"
             "A document that cannot be read or processed gives {\"id\", \"error\", \"source\"}. A summary goes to stderr.\n"
             "Ids: a JSONL line's id (else its url), a WARC record's URI, a file's path relative to the inputs'\n"
             "common folder without its extension, a content hash (stdin:...) for a page piped on stdin.\n\n" + EXIT_STATUS,
             "  kronik extract samples/pages -o out/samples.jsonl\n"
             "  kronik extract crawl.warc.gz --workers 2 -o out/crawl.jsonl\n"
             "  cat page.html | kronik extract -")
    _run_options(p)
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl", help="JSON Lines or one JSON array (default: jsonl)")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="output file, its folder created if missing (default: - = stdout); with --engine dask, a folder "
                        "of Parquet partitions that `kronik ingest` loads")

    p = _add(sub, "explain", "show, sentence by sentence, why each event was coded or dropped",
             "Per sentence: the actors found and how each was resolved, the dates, every cue that fired and the event\n"
             "it produced or why it was dropped: the trace the coder itself runs on.\n\n" + EXIT_STATUS,
             "  kronik explain samples/pages/wartanusantara-albanese-akan-ke-jakarta.txt\n  kronik explain page.html | less")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders, as for extract")
    p.add_argument("--strict", action="store_true", help="exit 1 when any document fails (default: failed documents "
                                                         "are shown and the exit status stays 0)")

    p = _add(sub, "ingest", "run the pipeline and store articles, mentions and events in the database",
             "Documents already stored with the same content are skipped before the pipeline; changed ones are updated.\n"
             "Also loads the Parquet partitions of `kronik extract --engine dask -o DIR`. Batches are atomic.\n\n" + EXIT_STATUS,
             "  kronik ingest samples/pages --db out/demo.duckdb\n"
             "  kronik ingest crawl/ --db news.duckdb --workers 2\n"
             "  kronik ingest parts/ --db news.duckdb        # Parquet partitions from extract --engine dask")
    _run_options(p)
    _db_option(p)
    p.add_argument("--force", action="store_true", help="run the pipeline again on documents already stored unchanged")
    p.add_argument("--batch-size", type=positive, default=None, metavar="N",
                   help="documents per database transaction (default: 200)")

    p = _add(sub, "sql", "run an SQL query against the database",
             "Tables: articles, mentions, events, errors, documents, near_duplicates, lsh_bands, terms, watch_urls,\n"
             "watch_sources (README, Database).",
             "  kronik sql \"SELECT type, count(*) FROM events GROUP BY ALL ORDER BY 2 DESC\"\n"
             "  kronik sql \"SELECT * FROM errors\" --csv > errors.csv")
    p.add_argument("query", help="one SQL statement (DuckDB dialect)")
    _db_option(p)
    p.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")

    p = _add(sub, "timeline", "events between two actors per period, with a cooperation-conflict score",
             "Counts per quad class and the mean PLOVER score (-10 conflict ... +10 cooperation) per period. An event\n"
             "counts on its own date, else on the day it was first reported; events with neither cannot be placed\n"
             "and are counted below the table. Actors are codes (KOR, KORGOV, IGO:ASEAN) or names the articles'\n"
             "resolver knows (Korea Selatan, Korut, AS, PBB, Kremlin, Japan).",
             "  kronik timeline IDN JPN --freq month --plot out/idn-jpn.png\n"
             "  kronik timeline \"Korea Selatan\" Korut --from 2018 --to 2019-06 --freq week")
    p.add_argument("a", metavar="A", help="first actor")
    p.add_argument("b", metavar="B", help="second actor (another party than A)")
    p.add_argument("--freq", choices=["week", "month", "year"], default="month", help="period length (default: month)")
    _period_options(p)
    p.add_argument("--plot", default=None, metavar="FILE", help="also draw a chart (.png or .svg)")
    _db_option(p)

    p = _add(sub, "top", "the most active dyads and event types",
             "Dyads: pairs of parties with the most events, their mean score and counts per quad class. All events\n"
             "count, dated or not (the number of undated ones is printed).",
             "  kronik top --limit 8\n  kronik top --actor \"Korea Utara\"")
    p.add_argument("--actor", default=None, help="only events with this actor (code or name; default: all)")
    p.add_argument("--limit", type=positive, default=20, metavar="N", help="rows per table (default: 20)")
    _period_options(p)
    _db_option(p)

    p = _add(sub, "network", "actor graph: edge list, image and GraphML/JSON",
             "Nodes are parties, edges join the parties of an event, weighted by event count and coloured by mean score.",
             "  kronik network --plot out/net.svg --graph out/net.graphml\n  kronik network --from 2024 --graph net.json")
    _period_options(p)
    p.add_argument("--plot", default=None, metavar="FILE", help="draw the graph (.png or .svg)")
    p.add_argument("--graph", default=None, metavar="FILE", help="write the graph (.graphml for Gephi/Cytoscape, or .json)")
    _db_option(p)

    p = _add(sub, "export", "export events as CSV or Parquet, in kronik's, POLECAT's or GDELT 2.0's columns",
             "One row per event, ordered by event day (undated events last). GDELT's EventCode is the CAMEO code,\n"
             "EventBaseCode its first three digits, EventRootCode two (README, Export layouts). The filters are the\n"
             "dashboard's: its downloads hold the rows this command writes with the same filters.",
             "  kronik export -o out/events.parquet                        # format from the extension\n"
             "  kronik export --schema gdelt --format csv -o - | head       # to stdout\n"
             "  kronik export --schema polecat -o out/polecat.csv\n"
             "  kronik export --actor \"Korea Selatan\" --with PRK --quad material_conflict --from 2018 -o kor-prk.csv")
    p.add_argument("--format", choices=["csv", "parquet"], default=None,
                   help="file format (default: from the output's extension, .parquet or .pq for Parquet, else CSV)")
    p.add_argument("--schema", choices=["kronik", "polecat", "gdelt"], default="kronik", help="column layout (default: kronik)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file (its folder is created), or - for stdout")
    _selection_options(p)
    _db_option(p)

    p = _add(sub, "serve", "the web dashboard (timeline, map, network, country view, events, articles, search, downloads)",
             "Read-only over the database; binds to 127.0.0.1 and has no login.",
             "  kronik serve --db out/demo.duckdb      # then open http://127.0.0.1:8765/")
    _db_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=port, default=8765, help="port (default: 8765)")
    p.add_argument("--threads", type=positive, default=None, metavar="N",
                   help="DuckDB threads per request (default: one per core)")

    p = _add(sub, "watch", "fetch new articles from the outlets' feeds and sitemaps, archive them, and ingest them",
             "Each round reads every source's feeds and sitemaps (conditional requests), fetches the article pages not\n"
             "stored yet or listed with a later date, archives every response as gzip WARC, and ingests the pages like\n"
             "`kronik ingest`. robots.txt and its Crawl-delay are obeyed, one request at a time per host. A stop (Ctrl-C,\n"
             "SIGTERM) finishes the request under way and stores what was fetched. Settings: the [watch] table of the\n"
             "sources file (README, Watching outlets; example: kronik/data/sources.toml).",
             "  kronik watch sources.toml --db news.duckdb --once            # one round (cron)\n"
             "  kronik watch sources.toml --db news.duckdb --interval 15m    # until stopped (systemd)\n"
             "  kronik watch --status --db news.duckdb")
    p.add_argument("sources", nargs="?", metavar="SOURCES.toml", help="the sources file (not needed with --status)")
    _db_option(p)
    p.add_argument("--archive", default=None, metavar="DIR",
                   help="folder of the WARC files (default: beside the database, DB-NAME-warc/)")
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    p.add_argument("--interval", type=duration, default=900.0, metavar="TIME",
                   help="time from the start of one round to the start of the next: 90s, 15m, 1h (default: 15m)")
    p.add_argument("--delay", type=seconds, default=None, metavar="SECONDS",
                   help="seconds between two requests to one host (default: the sources file's, else 1; "
                        "a longer robots.txt Crawl-delay wins)")
    p.add_argument("--workers", type=positive, default=1, help="processes to run the pipeline in (default: 1)")
    p.add_argument("--status", action="store_true", help="print each source's last round and pages by state, then exit")
    p.add_argument("-v", "--verbose", action="store_true", help="a line per listing and per page on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and hand them to the command's module."""
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command])
    try:
        return int(module.command(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
