"""Analyses over the events table: a dyad's timeline, the most active dyads and types, the actor network.

Each analysis is a function from a read-only connection to plain rows (or a networkx graph), so the CLI, the
tests and notebooks share them; plots are drawn from those rows with matplotlib, imported only when asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from kronik.calendar import date_span, month_end
from kronik.db import EVENT_DAY, format_table, open_for_reading, query_rows, undated_events
from kronik.gazetteer import resolve_actor
from kronik.plover import quad_names

QUAD_COUNTS = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}" for n, name in quad_names().items())
def bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """`--from` and `--to` (YYYY, YYYY-MM or YYYY-MM-DD) as the first and the last day they cover; ValueError for
    a date that is none of these or a period that ends before it starts."""
    first, last = date_span(start) if start else None, date_span(end) if end else None
    if (start and first is None) or (end and last is None):
        raise ValueError("dates must be YYYY, YYYY-MM or YYYY-MM-DD")
    lo, hi = (first[0] if first else None), (last[1] if last else None)
    if lo and hi and lo > hi:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return lo, hi


def _period_filter(start: date | None, end: date | None, dated: bool = False) -> tuple[str, list[Any]]:
    """SQL condition for events in the period; with no period every event counts, the undated ones included,
    unless only `dated` events will do (a timeline has no period to put the others in)."""
    if start is None and end is None and not dated:
        return "TRUE", []
    return f"({EVENT_DAY}) IS NOT NULL AND (?::DATE IS NULL OR {EVENT_DAY} >= ?) AND (?::DATE IS NULL OR {EVENT_DAY} <= ?)", [
        start, start, end, end]


def undated(con: duckdb.DuckDBPyConnection, *parties_: str) -> int:
    """Events (with all the given parties) that have no day: no event date and no dated report."""
    where = " AND ".join(["TRUE", *("list_contains(parties, ?)" for _ in parties_)])
    return undated_events(con, where, parties_)


def _periods(first: date, last: date, freq: str) -> Iterator[date]:
    d = first
    while d <= last:
        yield d
        if freq == "week":
            d += timedelta(days=7)
        elif freq == "month":
            d = month_end(d.year, d.month) + timedelta(days=1)
        else:
            d = date(d.year + 1, 1, 1)


def timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, freq: str = "month",
             start: date | None = None, end: date | None = None) -> list[dict[str, Any]]:
    """Per period: events between a and b by quad class and their mean PLOVER score (empty periods included).

    The score averages the events' intensities (-10 conflict ... +10 cooperation), as GDELT users average Goldstein.
    """
    where, params = _period_filter(start, end, dated=True)
    rows = query_rows(con, f"""
        SELECT CAST(date_trunc(?, {EVENT_DAY}) AS DATE) AS period, {QUAD_COUNTS}, count(*) AS events,
               round(avg(intensity), 2) AS score
        FROM events WHERE list_contains(parties, ?) AND list_contains(parties, ?) AND {where}
        GROUP BY period ORDER BY period""", [freq, a, b, *params])
    if not rows:
        return []
    found = {r["period"]: r for r in rows}
    empty = dict.fromkeys(quad_names().values(), 0) | {"events": 0, "score": None}
    return [found.get(p, {"period": p, **empty}) for p in _periods(rows[0]["period"], rows[-1]["period"], freq)]


_PAIRS = """
    WITH p AS (SELECT event_id, intensity, quad_class, unnest(parties) AS party FROM events WHERE {where}),
    pairs AS (SELECT x.event_id, x.party AS a, y.party AS b, x.intensity, x.quad_class
              FROM p x JOIN p y ON x.event_id = y.event_id AND x.party < y.party)
"""


def top_dyads(con: duckdb.DuckDBPyConnection, actor: str | None = None, limit: int = 20,
              start: date | None = None, end: date | None = None) -> list[dict[str, Any]]:
    """The pairs of parties with the most events, with their mean score and counts per quad class."""
    where, params = _period_filter(start, end)
    return query_rows(con, _PAIRS.format(where=where) + f"""
        SELECT a, b, count(*) AS events, round(avg(intensity), 2) AS score, {QUAD_COUNTS}
        FROM pairs WHERE ?::VARCHAR IS NULL OR a = ? OR b = ?
        GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""", [*params, actor, actor, actor, limit])


def top_types(con: duckdb.DuckDBPyConnection, actor: str | None = None, limit: int = 20,
              start: date | None = None, end: date | None = None) -> list[dict[str, Any]]:
    """The most frequent event types (of events involving the actor, if given)."""
    where, params = _period_filter(start, end)
    return query_rows(con, f"""
        SELECT type, any_value(quad) AS quad, count(*) AS events, round(avg(intensity), 2) AS score,
               sum(source_count) AS sources
        FROM events WHERE (?::VARCHAR IS NULL OR list_contains(parties, ?)) AND {where}
        GROUP BY type ORDER BY events DESC, type LIMIT ?""", [actor, actor, *params, limit])


def network(con: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None) -> Any:
    """Undirected actor graph: nodes are parties (with their event count), edges carry event count and mean score."""
    import networkx as nx

    where, params = _period_filter(start, end)
    graph = nx.Graph()
    for r in query_rows(con, _PAIRS.format(where=where) + f"""
            SELECT a, b, count(*) AS events, avg(intensity) AS score, {QUAD_COUNTS}
            FROM pairs GROUP BY a, b ORDER BY a, b""", params):
        attrs = {k: v for k, v in r.items() if k not in ("a", "b") and v is not None}
        graph.add_edge(r["a"], r["b"], weight=r["events"], **attrs)
    for node in graph.nodes:
        graph.nodes[node]["events"] = int(sum(d["events"] for *_, d in graph.edges(node, data=True)))
    return graph


def write_graph(graph: Any, path: str) -> None:
    """GraphML (Gephi, Cytoscape) or node-link JSON (d3, networkx), by the file's extension."""
    import networkx as nx

    if path.endswith(".graphml"):
        nx.write_graphml(graph, path)
    elif path.endswith(".json"):
        Path(path).write_text(json.dumps(nx.node_link_data(graph, edges="links"), indent=1), encoding="utf-8")
    else:
        raise ValueError("the graph file must end in .graphml or .json")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


QUAD_COLOURS = {"verbal_coop": "#74add1", "material_coop": "#4575b4", "verbal_conflict": "#fdae61", "material_conflict": "#d73027"}


def _label(period: date, freq: str) -> str:
    return {"year": f"{period:%Y}", "month": f"{period:%Y-%m}"}.get(freq, period.isoformat())


def plot_timeline(rows: Sequence[dict[str, Any]], a: str, b: str, path: str, freq: str = "month") -> None:
    """Stacked bars of events per quad class, and the mean score as a line on its own axis."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 4.5))
    x = list(range(len(rows)))
    bottom = [0] * len(rows)
    for name, colour in QUAD_COLOURS.items():
        heights = [r[name] for r in rows]
        ax.bar(x, heights, bottom=bottom, color=colour, label=name.replace("_", " "))
        bottom = [h + s for h, s in zip(heights, bottom, strict=True)]
    ax.set_ylabel("events")
    ax.set_xticks(x, [_label(r["period"], freq) for r in rows], rotation=60, ha="right", fontsize=7)
    score = ax.twinx()
    score.plot([i for i, r in zip(x, rows, strict=True) if r["score"] is not None],
               [r["score"] for r in rows if r["score"] is not None], color="black", marker="o", lw=1.2, label="score")
    score.axhline(0, color="grey", lw=0.5)
    score.set_ylim(-10, 10)
    score.set_ylabel("mean PLOVER score (conflict - / cooperation +)")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(f"{a} - {b}")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_network(graph: Any, path: str) -> None:
    """Nodes sized by events, edges as wide as their event count and coloured by mean score (red conflict, green cooperation)."""
    import networkx as nx

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 9))
    if graph.number_of_nodes():
        pos = nx.spring_layout(graph, seed=7, weight="weight")
        edges = list(graph.edges(data=True))
        top = max(d["events"] for *_, d in edges)
        cmap = plt.get_cmap("RdYlGn")
        nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.5 + 5 * d["events"] / top for *_, d in edges],
                               edge_color=[d.get("score", 0.0) for *_, d in edges], edge_cmap=cmap, edge_vmin=-10, edge_vmax=10)
        sizes = [graph.nodes[n]["events"] for n in graph.nodes]
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=[200 + 1800 * s / max(sizes) for s in sizes], node_color="#dddddd")
        nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
        fig.colorbar(plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(-10, 10)), ax=ax, shrink=0.6, label="mean PLOVER score")
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _print(rows: Sequence[dict[str, Any]], title: str | None = None) -> None:
    if title:
        print(title)
    if rows:
        print(format_table(list(rows[0]), [list(r.values()) for r in rows]))
    else:
        print("(no events)")


def _undated_line(count: int, period: bool, what: str = "") -> None:
    """Say how many undated events (no event date, no dated report) there are and whether they were counted."""
    if not count:
        return
    if period:
        print(f"\n{count} undated event(s){what} (no event date and no dated report) fall in no period and are not counted")
    else:
        print(f"\nof these, {count} undated event(s){what} (no event date and no dated report) are counted too")


def _report(con: duckdb.DuckDBPyConnection, args: argparse.Namespace, start: date | None, end: date | None) -> None:
    period = start is not None or end is not None
    if args.command == "timeline":
        a, b = resolve_actor(args.a), resolve_actor(args.b)
        if a == b:
            raise ValueError(f"A and B are both {a}: a timeline needs two different parties")
        rows = timeline(con, a, b, args.freq, start, end)
        _print(rows)
        missing = undated(con, a, b)
        if missing:
            print(f"\n{missing} undated event(s) between {a} and {b} (no event date and no dated report) cannot be placed "
                  "in a period and are not in the timeline")
        if args.plot:
            _folder(args.plot)
            plot_timeline(rows, a, b, args.plot, args.freq)
    elif args.command == "top":
        actor = resolve_actor(args.actor) if args.actor else None
        _print(top_dyads(con, actor, args.limit, start, end), "dyads")
        print()
        _print(top_types(con, actor, args.limit, start, end), "event types")
        _undated_line(undated(con, *([actor] if actor else [])), period, f" with {actor}" if actor else "")
    else:
        graph = network(con, start, end)
        _print(sorted(({"a": u, "b": v, "events": d["events"], "score": round(d.get("score", 0.0), 2)}
                       for u, v, d in graph.edges(data=True)), key=lambda r: (-r["events"], r["a"], r["b"])))
        _undated_line(undated(con), period)
        if args.graph:
            _folder(args.graph)
            write_graph(graph, args.graph)
        if args.plot:
            _folder(args.plot)
            plot_network(graph, args.plot)


def _folder(path: str) -> None:
    """Output files may name a folder that does not exist yet."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)


def command(args: argparse.Namespace) -> int:
    """`kronik timeline`, `kronik top` and `kronik network`: 0, or 2 for bad arguments or an unusable database."""
    try:
        start, end = bounds(getattr(args, "start", None), getattr(args, "end", None))
    except ValueError as exc:
        print(f"kronik {args.command}: {exc}", file=sys.stderr)
        return 2
    opened = open_for_reading(args.db, args.command)
    if opened is None:
        return 2
    with opened as con:
        try:
            _report(con, args, start, end)
        except ValueError as exc:
            print(f"kronik {args.command}: {exc}", file=sys.stderr)
            return 2
    return 0
