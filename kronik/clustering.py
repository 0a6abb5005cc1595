"""Cross-article event clustering, as pure functions: which mentions (coded events of articles) are one
real-world event, and what that event's row says. The store reads the mentions a batch touched and writes
the events these functions make (kronik.store.recluster)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kronik.calendar import report_time
from kronik.gazetteer import party
from kronik.settings import Settings


def parties(actors: Iterable[str], recipients: Iterable[str]) -> list[str]:
    """Sorted distinct parties of an event, the key that clustering and the scorer compare."""
    return sorted({party(c) for c in (*actors, *recipients) if c})


def cluster_key(party_list: Sequence[str], event_type: str, status: str) -> str:
    """Mentions can only be one event if they share parties, type and occurred/not-occurred status."""
    return f"{'|'.join(party_list)}/{event_type}/{'occurred' if status == 'occurred' else 'not-occurred'}"


def effective_span(start: date | None, end: date | None, reported: datetime | None,
                   settings: Settings) -> tuple[date, date] | None:
    """The days a mention's event may lie in, for comparing it with others.

    A precise date is its own span. An undated mention, or one dated only by a long span (a year),
    stands for the days just before its report: [published - event_cluster_undated_days, published].
    The report is the article's, or for a syndicated copy its canonical article's: a copy tells the same
    story as the original, so its undated events fall on the same days. Without either it cannot be placed.
    """
    if start and end and (end - start).days <= settings.event_cluster_max_span_days:
        return start, end
    if reported is not None:
        day = reported.date()
        return day - timedelta(days=settings.event_cluster_undated_days), day
    return (start, end) if start and end else None


@dataclass(slots=True)
class Mention:
    """One stored mention as clustering sees it: its row, its own report time, its span, and its anchor (the
    canonical article of its article's near-duplicate group)."""

    mention_id: str
    row: dict[str, Any]
    reported: datetime | None
    start: date | None
    end: date | None
    anchor: str

    @property
    def order(self) -> tuple[bool, datetime, str, int]:
        """Report order: earliest published first; undated reports last; then article id and ordinal."""
        aid, _, n = self.mention_id.rpartition("#")
        return self.reported is None, self.reported or datetime.max.replace(tzinfo=UTC), aid, int(n or 0)


def cluster(mentions: Sequence[Mention], settings: Settings) -> list[list[Mention]]:
    """Group mentions of one cluster key into events: sorted by span, a mention joins the open event when its
    span starts at most event_cluster_days after the end of the event's first span (so events cannot chain
    across a long run of daily reports). Mentions without a span are one event per anchor: the copies of one
    undated article share its events, other undated mentions stay apart."""
    unplaced: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.start is None or m.end is None:
            unplaced.setdefault(m.anchor, []).append(m)
    groups: list[list[Mention]] = [unplaced[a] for a in sorted(unplaced)]
    placed = sorted((m for m in mentions if m.start is not None and m.end is not None),
                    key=lambda m: (m.start, m.end, m.order))
    anchor_end: date | None = None
    for m in placed:  # groups[-1] is the open placed event: unplaceable groups were put first
        assert m.start is not None and m.end is not None
        if anchor_end is not None and m.start <= anchor_end + timedelta(days=settings.event_cluster_days):
            groups[-1].append(m)
        else:
            groups.append([m])
            anchor_end = m.end
    return groups


def event_id(first_mention_id: str) -> str:
    """Stable id of an event: a hash of its first-reported mention, which later reports do not change."""
    return hashlib.sha1(first_mention_id.encode()).hexdigest()[:16]


def event_row(group: list[Mention], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The events-table row of one group of mentions; `articles` gives each article's published, canonical_id, outlet."""
    group = sorted(group, key=lambda m: m.order)
    rep = group[0].row
    dated = [m for m in group if m.row["date_start"] is not None]
    precise = min(dated, key=lambda m: ((m.row["date_end"] - m.row["date_start"]).days, m.order)).row if dated else rep
    placed = next((m.row for m in group if m.row["location"]), rep)
    arts = [articles[m.row["article_id"]] for m in group]
    stamps = sorted((t, a["published"]) for a in arts if (t := report_time(a["published"])) is not None)
    return {
        "event_id": event_id(group[0].mention_id), "actors": rep["actors"], "recipients": rep["recipients"],
        "parties": rep["parties"], "type": rep["type"], "mode": rep["mode"], "status": rep["status"],
        "date": precise["date"], "date_start": precise["date_start"], "date_end": precise["date_end"],
        "location": placed["location"], "location_country": placed["location_country"],
        "latitude": placed["latitude"], "longitude": placed["longitude"],
        "quad": rep["quad"], "cameo": rep["cameo"], "intensity": rep["intensity"],
        "source_count": len({a["canonical_id"] for a in arts}),
        "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
        "first_reported": stamps[0][1] if stamps else None, "last_reported": stamps[-1][1] if stamps else None,
        "sentence": rep["sentence"], "article_id": rep["article_id"], "quad_class": rep["quad_class"],
        "mention_count": len(group), "article_count": len({m.row["article_id"] for m in group}),
        "actor_text": rep["actor_text"], "recipient_text": rep["recipient_text"], "cluster_key": rep["cluster_key"],
    }
