"""The selection of events an analyst narrows to: a date range, an actor and a partner, event types, quad
classes, statuses and outlets. One value read from `kronik export`'s options or from a dashboard URL, and one
SQL condition, so a dashboard download and `kronik export` with the same filters hold the same rows.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kronik.db import EVENT_DAY

STATUSES = ("occurred", "planned", "negated", "hypothetical")
"""The statuses of the output contract (ANNOTATION.md, section 2)."""

LIST_FIELDS = ("types", "quads", "statuses", "outlets")
"""Fields that hold several values: an event matches when it has any of them."""

PARAMS = {"start": "from", "end": "to", "actor": "actor", "other": "with", "types": "type", "quads": "quad",
          "statuses": "status", "outlets": "outlet"}
"""Field -> the URL parameter and, with `--` before it, the `kronik export` option that sets it."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Events matching every field given; an empty field does not filter. Dates filter on the day an event counts
    under (its own date, else its first report), so a date range leaves undated events out."""

    start: date | None = None
    end: date | None = None
    actor: str = ""
    other: str = ""
    types: tuple[str, ...] = ()
    quads: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()

    def where(self, dated: bool = True) -> tuple[str, list[Any]]:
        """SQL condition over `events e` and its parameters; with dated=False the date range is left out (to count
        the undated events that the rest of the selection matches)."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        for who in (self.actor, self.other):
            if who:
                parts.append("list_contains(e.parties, ?)")
                params.append(who)
        if dated and self.start:
            parts.append(f"{EVENT_DAY} >= ?")
            params.append(self.start)
        if dated and self.end:
            parts.append(f"{EVENT_DAY} <= ?")
            params.append(self.end)
        for column, values in (("type", self.types), ("quad", self.quads), ("status", self.statuses)):
            if values:
                parts.append(f"list_contains(?, e.{column})")
                params.append(list(values))
        if self.outlets:
            parts.append("list_has_any(e.outlets, ?)")
            params.append(list(self.outlets))
        return " AND ".join(parts), params

    @property
    def dated(self) -> bool:
        """True when a date range is set (undated events are then outside the selection)."""
        return self.start is not None or self.end is not None

    def params(self) -> list[tuple[str, str]]:
        """The selection as URL parameters, in a fixed order (what the dashboard puts in its links)."""
        out: list[tuple[str, str]] = []
        for name, key in PARAMS.items():
            value = getattr(self, name)
            if name in LIST_FIELDS:
                out.extend((key, v) for v in value)
            elif value:
                out.append((key, value.isoformat() if isinstance(value, date) else value))
        return out

    def options(self) -> list[str]:
        """The `kronik export` options that select the same events."""
        return [part for key, value in self.params() for part in (f"--{key}", value)]


def _many(values: Iterable[str] | None) -> list[str]:
    """Repeated values, each possibly comma-separated (`--type ACCUSE,REJECT` or `type=ACCUSE&type=REJECT`); outlets are
    taken whole, as their names may hold commas."""
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _known(values: list[str], allowed: Sequence[str], what: str) -> tuple[str, ...]:
    for v in values:
        if v not in allowed:
            near = difflib.get_close_matches(v, allowed, n=2, cutoff=0.6)
            hint = f"; did you mean {' or '.join(near)}?" if near else f" (one of {', '.join(allowed)})"
            raise ValueError(f"unknown {what} {v!r}{hint}")
    return tuple(dict.fromkeys(values))


def parse(start: str | None = None, end: str | None = None, actor: str | None = None, other: str | None = None,
          types: Iterable[str] | None = None, quads: Iterable[str] | None = None, statuses: Iterable[str] | None = None,
          outlets: Iterable[str] | None = None) -> Selection:
    """A selection from text as typed on the command line or in a URL: dates `YYYY[-MM[-DD]]`, actors as codes or
    names (kronik.gazetteer.resolve_actor, as every command resolves them), PLOVER types in any case, quad names
    (`verbal_coop` … `material_conflict`) or numbers 1-4. ValueError (UnknownActor for actors) says what is wrong."""
    from kronik.analysis import bounds
    from kronik.gazetteer import resolve_actor
    from kronik.plover import quad_names
    from kronik.plover import types as plover_types

    first, last = bounds(start or None, end or None)
    a = resolve_actor(actor) if actor and actor.strip() else ""
    b = resolve_actor(other) if other and other.strip() else ""
    if a and a == b:
        raise ValueError(f"the actor and its partner are both {a}: give two different parties")
    numbers = {str(n): q for n, q in quad_names().items()}
    return Selection(
        start=first, end=last, actor=a, other=b,
        types=_known([v.upper() for v in _many(types)], plover_types(), "event type"),
        quads=_known([numbers.get(v, v.lower()) for v in _many(quads)], list(quad_names().values()), "quad class"),
        statuses=_known([v.lower() for v in _many(statuses)], STATUSES, "status"),
        outlets=tuple(dict.fromkeys(o.strip() for o in outlets or () if o.strip())),
    )


def from_args(args: Any) -> Selection:
    """The selection `kronik export`'s filter options ask for (cli.py declares them); options a caller's namespace
    lacks do not filter."""
    def get(name: str) -> Any:
        return getattr(args, name, None)

    return parse(start=get("start"), end=get("end"), actor=get("actor"), other=get("other"), types=get("type"),
                 quads=get("quad"), statuses=get("status"), outlets=get("outlet"))
