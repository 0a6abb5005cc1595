"""The dashboard's routes: parse the request, ask `queries`, hand the result to a template, to JSON or to a download.

Every view reads the same filters from the URL (kronik.selection), so a link is the view: copying it shares the
selection, reloading keeps it. Pages work without JavaScript (forms and links); charts and the map are drawn
in the browser from /api/. Jinja2 escapes everything, and the Content-Security-Policy allows no inline script,
so text from crawled pages can never run as code.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import duckdb
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronik import export, names
from kronik.calendar import MONTH_NAMES
from kronik.frontier import watch_status
from kronik.gazetteer import UnknownActor, party, resolve_actor
from kronik.plover import lookup
from kronik.selection import LIST_FIELDS, PARAMS, Selection, parse
from kronik.web import highlight, queries

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 100
QUAD_LABELS = {
    "verbal_coop": "verbal cooperation",
    "material_coop": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}
ZONES = {"+0700": "WIB", "+0800": "WITA", "+0900": "WIT"}
LAYOUTS = {"kronik": "kronik", "polecat": "POLECAT", "gdelt": "GDELT 2.0"}
FORMATS = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class JSON(JSONResponse):
    """JSON with dates as ISO strings and Indonesian text left readable."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _when(stamp: str | None) -> str:
    """An ISO stamp as Indonesian readers write it: `14 Februari 2024, 10:00 WIB`; other text as it is."""
    if not stamp:
        return "–"
    try:
        t = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    day = f"{t.day} {MONTH_NAMES[t.month - 1]} {t.year}"
    if len(stamp) <= 10:
        return day
    offset = t.strftime("%z")
    zone = ZONES.get(offset, f"UTC{offset[:3]}:{offset[3:]}" if offset else "")
    return f"{day}, {t:%H:%M} {zone}".rstrip()


def _web_url(url: str | None) -> str | None:
    """Only http(s) links: a crawled `javascript:` URL must not become a clickable link."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


@jinja2.pass_context
def _actor_name(ctx: Any, code: str) -> str:
    """A code's party name in the page's language (the code itself is shown beside it by the templates)."""
    return names.name(code, ctx.get("lang", "id"))


def _type_quad(event_type: str) -> str:
    """The quad of a PLOVER type (its check box is marked in the quad's colour)."""
    facts = lookup(event_type)
    return facts.quad if facts else ""


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(score=_score, web_url=_web_url, when=_when, actor_name=_actor_name)
    env.globals.update(quad_labels=QUAD_LABELS, layouts=LAYOUTS, formats=list(FORMATS), freqs=queries.FREQS, type_quad=_type_quad)
    return Jinja2Templates(env=env)


# ---------------------------------------------------------------- reading the request


ALIASES = {"actor": ("a",), "with": ("b", "other")}
"""Older links named the two actors `a` and `b` (timeline) or `actor` and `other` (event table): they still work."""


def _raw(request: Request) -> dict[str, Any]:
    """The selection's fields as the URL gives them (lists for the fields that take several values)."""
    q = request.query_params

    def one(key: str) -> str | None:
        return next((q[k] for k in (key, *ALIASES.get(key, ())) if q.get(k)), None)

    return {name: q.getlist(key) if name in LIST_FIELDS else one(key) for name, key in PARAMS.items()}


def _selection(request: Request) -> Selection:
    """The URL's selection; 400 naming what is wrong (and, for an unknown actor, the nearest names)."""
    try:
        return parse(**_raw(request))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or "id"
    return lang if lang in names.LANGUAGES else "id"


def _int(request: Request, name: str, default: int, most: int) -> int:
    try:
        return min(max(int(request.query_params.get(name, default)), 0), most)
    except ValueError as exc:
        raise HTTPException(400, f"{name} must be a whole number") from exc


def _freq(request: Request, first: Any, last: Any) -> tuple[str, bool]:
    """The granularity asked for, or (`auto`, the default) the one the span calls for; and whether it was chosen."""
    freq = request.query_params.get("freq") or "auto"
    if freq == "auto":
        return queries.auto_freq(first, last), True
    if freq not in queries.FREQS:
        raise HTTPException(400, f"freq must be auto or one of {', '.join(queries.FREQS)}")
    return freq, False


def _with(request: Request, **changes: str | None) -> str:
    """The current URL's query with some parameters replaced (None drops them)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, v) for k, v in changes.items() if v]
    return "?" + urlencode(items)


def _resolves(text: str) -> str | None:
    """The code a suggested name resolves to (None for a name that stands for several parties)."""
    try:
        return resolve_actor(text)
    except UnknownActor:
        return None


def _chrome(request: Request, view: str) -> dict[str, Any]:
    """What the page frame needs: the view's name, the language and the links that switch it."""
    return {"view": view, "lang": _lang(request), "query": "",
            "lang_links": {x: _with(request, lang=None if x == "id" else x) for x in names.LANGUAGES}}


def _names_for(codes: Any, lang: str) -> dict[str, str]:
    """Names of every code in a nested structure of lists (what an API answer carries for its rows)."""
    found: set[str] = set()

    def walk(x: Any) -> None:
        if isinstance(x, str):
            found.add(x)
        elif isinstance(x, list | tuple | set):
            for y in x:
                walk(y)

    walk(codes)
    return {c: names.name(c, lang) for c in found}


class Facts:
    """Facts of the whole database the pages need (events per party, values of the filters, the busiest pair), read
    once per version of the file: the database changes only when an ingest writes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.key: tuple[int, ...] | None = None
        self.actors: dict[str, int] = {}
        self.choices: dict[str, list[str]] = {}
        self.busiest_pair: tuple[str, str] | None = None

    def _stamp(self) -> tuple[int, ...]:
        wal = self.path.with_name(self.path.name + ".wal")
        stats = [self.path.stat(), *([wal.stat()] if wal.exists() else [])]
        return tuple(x for s in stats for x in (s.st_mtime_ns, s.st_size))

    def fresh(self, con: duckdb.DuckDBPyConnection) -> Facts:
        stamp = self._stamp()
        if stamp != self.key:
            self.actors, self.choices, self.busiest_pair = queries.actor_counts(con), queries.choices(con), queries.top_dyad(con)
            self.key = stamp
        return self


def create_app(db_path: str | Path, threads: int | None = None) -> Starlette:
    """The dashboard over one DuckDB file, opened read-only for each request (`threads`: DuckDB's per connection)."""
    db_path = Path(db_path)
    templates = _templates()
    facts = Facts(db_path)

    def connect() -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        return queries.open_db(db_path, threads)

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def view(request: Request, name: str, **extra: Any) -> dict[str, Any]:
        """What every filtered view's template needs: the filters as given, the selection (or what is wrong with it
        and the nearest names), the values to choose from, links and the equivalent `kronik export` options."""
        raw, lang = _raw(request), _lang(request)
        problem, sel = "", None
        fixes: list[tuple[str, str]] = []
        try:
            sel = parse(**raw)
        except UnknownActor as exc:
            key = "actor" if raw["actor"] == exc.text else "with"
            problem = str(exc)
            fixes = [(s, _with(request, **{key: code})) for s in exc.suggestions if (code := _resolves(s))]
        except ValueError as exc:
            problem = str(exc)
        with connect() as con:
            known = facts.fresh(con)
        pickers = {}
        for key, field in (("actor", "actor"), ("with", "other")):
            code = getattr(sel, field) if sel else ""
            pickers[key] = {"code": code or (raw[field] or ""), "text": names.name(code, lang) if code else (raw[field] or ""),
                            "events": known.actors.get(code, 0) if code else None}
        return {
            **_chrome(request, name), "sel": sel, "problem": problem, "fixes": fixes, "raw": raw, "pickers": pickers,
            "options": known.choices, "query": urlencode(sel.params()) if sel else "",
            "freq": request.query_params.get("freq") or "auto",
            "export_options": " ".join(shlex.quote(o) for o in sel.options()) if sel else "", "known": known, **extra,
        }

    def dashboard(request: Request) -> Response:
        ctx = view(request, "dashboard")
        suggestion = ctx["known"].busiest_pair if not (ctx["sel"] and ctx["sel"].actor) else None
        return page(request, "dashboard.html", **ctx, suggestion=suggestion)

    def country(request: Request) -> Response:
        ctx = view(request, "country")
        return page(request, "country.html", **ctx, busiest=list(ctx["known"].actors.items())[:24])

    def event_table(request: Request) -> Response:
        ctx = view(request, "events")
        n = _int(request, "page", 0, 10**6)
        rows, total, undated = [], 0, 0
        if ctx["sel"]:
            with connect() as con:
                rows, total = queries.events(con, ctx["sel"], PAGE_SIZE, n * PAGE_SIZE)
                undated = queries.undated(con, ctx["sel"])

        def link(p: int) -> str | None:
            return "/events" + _with(request, page=str(p) if p else None) if p >= 0 and p * PAGE_SIZE < total else None

        return page(request, "events.html", **ctx, rows=rows, total=total, undated=undated, first=n * PAGE_SIZE + 1,
                    prev_page=link(n - 1) if n else None, next_page=link(n + 1))

    def show_article(request: Request, article_id: str, event_id: str | None, ev: dict[str, Any] | None = None) -> Response:
        with connect() as con:
            art = queries.article(con, article_id)
            if ev is None and event_id:
                ev = queries.event(con, event_id)
        if art is None:
            raise HTTPException(404, "no such article")
        mentions = art["mentions"]
        chosen = [m for m in mentions if m["event_id"] == event_id] if event_id else mentions
        needles = [m["sentence"] for m in chosen if m["sentence"]]
        if ev and ev["article_id"] == article_id and ev["sentence"]:
            needles.append(ev["sentence"])
        body = highlight.paragraphs(art["body"] or "", needles)
        found = any(marked for para in body for _, marked in para)
        return page(request, "article.html", **_chrome(request, "article"), art=art, body=body, ev=ev, found=found, needles=needles)

    def event_page(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        with connect() as con:
            ev = queries.event(con, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return show_article(request, ev["article_id"], event_id, ev)

    def article_page(request: Request) -> Response:
        return show_article(request, request.path_params["article_id"], request.query_params.get("event") or None)

    def search_page(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        with connect() as con:
            hits = queries.search(con, text) if text else []
        for hit in hits:
            hit["snippet"] = highlight.snippet(hit.pop("body") or "", text)
        return page(request, "search.html", **_chrome(request, "search"), q=text, hits=hits)

    def sources_page(request: Request) -> Response:
        """What `kronik watch --status` prints: each watched source's last round and its pages by state."""
        with connect() as con:
            rows = watch_status(con)
        return page(request, "sources.html", **_chrome(request, "sources"), sources=rows)

    def api_watch(request: Request) -> Response:
        with connect() as con:
            return JSON({"sources": watch_status(con)})

    def download(request: Request) -> Response:
        """The selection as a file, in the layouts and formats of `kronik export` (the same rows, by the same code),
        streamed batch by batch so a large selection starts at once."""
        sel = _selection(request)
        layout = request.query_params.get("layout") or "kronik"
        fmt = request.query_params.get("format") or "csv"
        if layout not in LAYOUTS or fmt not in FORMATS:
            raise HTTPException(400, f"layout must be one of {', '.join(LAYOUTS)} and format one of {', '.join(FORMATS)}")
        con = queries.connect(db_path, threads)
        try:
            columns, tables = export.batches(con, layout, sel)
            chunks = export.encode(columns, tables, fmt)
            first = next(chunks)
        except BaseException:
            con.close()
            raise

        def stream() -> Iterator[bytes]:
            try:
                yield first
                yield from chunks
            finally:
                con.close()

        stem = "-".join(["kronik", layout, *(re.sub(r"[^\w.-]+", "_", v) for _, v in sel.params())])[:120]
        headers = {"content-disposition": f'attachment; filename="{stem}.{fmt}"'}
        return StreamingResponse(stream(), media_type=FORMATS[fmt], headers=headers)

    # ------------------------------------------------------------ JSON

    def api_actors(request: Request) -> Response:
        """Parties for a picker: those matching `q` by name, abbreviation, person or code (with what the resolver
        makes of the text as a whole), else the busiest."""
        text, lang = request.query_params.get("q", "").strip(), _lang(request)
        with connect() as con:
            counts = facts.fresh(con).actors
        if not text:
            busiest = list(counts.items())[: _int(request, "limit", 20, 500)]
            return JSON({"actors": [{"code": c, "name": names.name(c, lang), "events": n} for c, n in busiest]})
        out: dict[str, Any] = {"q": text, "resolved": None, "error": None, "suggestions": []}
        try:
            code = resolve_actor(text)
            out["resolved"] = {"code": code, "name": names.name(code, lang), "events": counts.get(code, 0)}
        except UnknownActor as exc:
            out["error"], out["suggestions"] = str(exc), exc.suggestions
        matches = names.find(text, lang, _int(request, "limit", 10, 50), counts)
        out["actors"] = [{"code": m.code, "name": m.name, "matched": m.matched, "events": counts.get(m.code, 0)} for m in matches]
        return JSON(out)

    def api_timeline(request: Request) -> Response:
        sel, lang = _selection(request), _lang(request)
        with connect() as con:
            counts = queries.counts(con, sel)
            freq, auto = _freq(request, counts["first"], counts["last"])
            periods = queries.timeline(con, sel, freq)
        return JSON({**counts, "freq": freq, "auto": auto, "dated": sel.dated, "quads": list(queries.QUADS), "periods": periods,
                     "names": _names_for([sel.actor, sel.other], lang)})

    def api_map(request: Request) -> Response:
        sel = _selection(request)
        with connect() as con:
            data = queries.map_points(con, sel)
        numeric = {code: num for num, code in names.iso_numeric().items()}
        focus = [numeric[party(c)] for c in (sel.actor, sel.other) if c and party(c) in numeric]
        return JSON({**data, "focus": focus})

    def api_events(request: Request) -> Response:
        sel, lang = _selection(request), _lang(request)
        limit = _int(request, "limit", PAGE_SIZE, 1000)
        offset = _int(request, "offset", 0, 10**9)
        with connect() as con:
            rows, total = queries.events(con, sel, limit, offset)
            undated = queries.undated(con, sel)
        return JSON({"total": total, "undated": undated, "dated": sel.dated, "events": rows,
                     "names": _names_for([[r["actors"], r["recipients"]] for r in rows], lang)})

    def api_network(request: Request) -> Response:
        sel, lang = _selection(request), _lang(request)
        limit = _int(request, "limit", 120, 1000)
        with connect() as con:
            data = queries.network(con, sel, limit)
            undated = queries.undated(con, sel)
        return JSON({**data, "undated": undated, "dated": sel.dated, "names": _names_for([n["id"] for n in data["nodes"]], lang)})

    def api_partners(request: Request) -> Response:
        sel, lang = _selection(request), _lang(request)
        if not sel.actor:
            raise HTTPException(400, "give an actor: ?actor=IDN (a code or a name)")
        limit = _int(request, "limit", 12, 200)
        with connect() as con:
            counts = queries.counts(con, sel)
            freq, auto = _freq(request, counts["first"], counts["last"])
            data = queries.partners(con, sel, freq, limit)
        return JSON({**data, **counts, "auto": auto, "dated": sel.dated,
                     "names": _names_for([sel.actor, *(p["partner"] for p in data["partners"])], lang)})

    def api_search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        limit = _int(request, "limit", 50, 500)
        with connect() as con:
            hits = queries.search(con, text, limit) if text else []
        for hit in hits:
            hit["snippet"] = "".join(s for s, _ in highlight.snippet(hit.pop("body") or "", text))
        return JSON({"q": text, "articles": hits})

    def favicon(request: Request) -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith(("/api/", "/download")):
            return JSON({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, **_chrome(request, "error"), status=exc.status_code, message=exc.detail)

    async def busy(request: Request, exc: Exception) -> Response:
        """DuckDB lets one process write or many read: while `kronik ingest` writes, ask the reader to retry."""
        return await http_error(request, HTTPException(503, "the database is busy (an ingest may be writing); retry shortly"))

    handlers: list[tuple[str, Callable[[Request], Response]]] = [
        ("/", dashboard), ("/country", country), ("/events", event_table), ("/events/{event_id}", event_page),
        ("/articles/{article_id}", article_page), ("/search", search_page), ("/sources", sources_page),
        ("/download", download), ("/api/watch", api_watch),
        ("/api/actors", api_actors), ("/api/timeline", api_timeline), ("/api/map", api_map), ("/api/events", api_events),
        ("/api/network", api_network), ("/api/partners", api_partners), ("/api/search", api_search), ("/favicon.ico", favicon),
    ]
    routes: list[Any] = [Route(path, fn) for path, fn in handlers]
    routes.append(Mount("/static", StaticFiles(directory=HERE / "static"), name="static"))
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, duckdb.IOException: busy})
    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Adds the headers that keep crawled text inert even if a template ever slipped."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
