"""PLOVER facts, read from kronik/data/plover.tsv and written nowhere else: per type and mode the quad, its
GDELT QuadClass number, the CAMEO event code and the PLOVER score. The coder, the store and the exports ask here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kronik.datafiles import rows


@dataclass(frozen=True, slots=True)
class PloverType:
    """What one type, or one type/mode pair, stands for."""

    quad: str
    cameo: str
    score: float
    quad_class: int


@cache
def plover() -> dict[tuple[str, str | None], PloverType]:
    """plover.tsv by (type, mode); mode None is the type's own row."""
    return {(type_, mode or None): PloverType(quad, cameo, float(score), int(quad_class))
            for type_, mode, quad, quad_class, cameo, score, _description in rows("plover.tsv")}


def lookup(event_type: str | None, mode: str | None = None) -> PloverType | None:
    """The row of the type and mode, else of the type alone; None for a type PLOVER does not have."""
    table = plover()
    return table.get((event_type or "", mode)) or table.get((event_type or "", None))


@cache
def quad_names() -> dict[int, str]:
    """Quad class number -> quad name (1 verbal_coop … 4 material_conflict), in number order."""
    return dict(sorted({t.quad_class: t.quad for t in plover().values()}.items()))


def types() -> list[str]:
    """The PLOVER types, in the file's order."""
    return list(dict.fromkeys(t for t, _ in plover()))
