"""The dashboard's routes: parse the request, ask `queries`, hand the result to a template or to JSON.

Pages work without JavaScript (forms and links); the charts are drawn in the browser from /api/.
Jinja2 escapes everything, and the Content-Security-Policy allows no inline script, so text from
crawled pages can never run as code.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import duckdb
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronik.calendar import MONTH_NAMES
from kronik.web import highlight, queries

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 100
FREQS = ("week", "month", "year")
QUAD_LABELS = {
    "verbal_coop": "verbal cooperation",
    "material_coop": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}
ZONES = {"+0700": "WIB", "+0800": "WITA", "+0900": "WIT"}
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


def _codes(values: list[str] | None) -> str:
    return ", ".join(values or [])


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


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(score=_score, codes=_codes, web_url=_web_url, when=_when)
    env.globals.update(quad_labels=QUAD_LABELS)
    return Jinja2Templates(env=env)


def _dates(request: Request) -> tuple[Any, Any]:
    try:
        return queries.bounds(request.query_params.get("from"), request.query_params.get("to"))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


def _actor(request: Request, name: str) -> str:
    try:
        return queries.actor(request.query_params.get(name))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


def _int(request: Request, name: str, default: int, most: int) -> int:
    try:
        return min(max(int(request.query_params.get(name, default)), 0), most)
    except ValueError as exc:
        raise HTTPException(400, f"{name} must be a whole number") from exc


def _freq(request: Request) -> str:
    freq = request.query_params.get("freq") or "month"
    if freq not in FREQS:
        raise HTTPException(400, f"freq must be one of {', '.join(FREQS)}")
    return freq


def _filter(request: Request) -> queries.EventFilter:
    q = request.query_params
    start, end = _dates(request)
    return queries.EventFilter(
        start=start, end=end, actor=_actor(request, "actor"), other=_actor(request, "other"),
        type=q.get("type", "").strip(), status=q.get("status", "").strip(), outlet=q.get("outlet", "").strip(),
        quad=q.get("quad", "").strip(),
    )


def create_app(db_path: str | Path) -> Starlette:
    """The dashboard over one DuckDB file, opened read-only for each request."""
    templates = _templates()

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def dashboard(request: Request) -> Response:
        q = request.query_params
        with queries.open_db(db_path) as con:
            actors = queries.actors(con)
            default = queries.top_dyad(con) or ("", "")
        a, b = _actor(request, "a") or default[0], _actor(request, "b") or default[1]
        return page(request, "dashboard.html", actors=actors, a=a, b=b, freq=_freq(request), freqs=FREQS,
                    start=q.get("from", ""), end=q.get("to", ""))

    def event_table(request: Request) -> Response:
        flt = _filter(request)
        n = _int(request, "page", 0, 10**6)
        with queries.open_db(db_path) as con:
            rows, total = queries.events(con, flt, PAGE_SIZE, n * PAGE_SIZE)
            undated = queries.undated(con, flt)
            options = queries.choices(con)
        params = {k: v for k, v in request.query_params.items() if k != "page" and v}

        def link(p: int) -> str | None:
            return "/events?" + urlencode({**params, "page": p}) if p >= 0 and p * PAGE_SIZE < total else None

        return page(request, "events.html", rows=rows, total=total, undated=undated, options=options, f=request.query_params,
                    first=n * PAGE_SIZE + 1, prev_page=link(n - 1) if n else None, next_page=link(n + 1))

    def show_article(request: Request, article_id: str, event_id: str | None, ev: dict[str, Any] | None = None) -> Response:
        with queries.open_db(db_path) as con:
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
        return page(request, "article.html", art=art, body=body, ev=ev, found=found, needles=needles)

    def event_page(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        with queries.open_db(db_path) as con:
            ev = queries.event(con, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return show_article(request, ev["article_id"], event_id, ev)

    def article_page(request: Request) -> Response:
        return show_article(request, request.path_params["article_id"], request.query_params.get("event") or None)

    def search_page(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        with queries.open_db(db_path) as con:
            hits = queries.search(con, text) if text else []
        for hit in hits:
            hit["snippet"] = highlight.snippet(hit.pop("body") or "", text)
        return page(request, "search.html", q=text, hits=hits)

    def api_actors(request: Request) -> Response:
        with queries.open_db(db_path) as con:
            return JSON({"actors": queries.actors(con)})

    def api_timeline(request: Request) -> Response:
        a, b = _actor(request, "a"), _actor(request, "b")
        if not (a and b):
            raise HTTPException(400, "give two actors: ?a=IDN&b=USA")
        freq = _freq(request)
        start, end = _dates(request)
        with queries.open_db(db_path) as con:
            periods = queries.timeline(con, a, b, freq, start, end)
            undated = 0 if start or end else queries.undated(con, queries.EventFilter(actor=a, other=b))
        return JSON({"a": a, "b": b, "freq": freq, "quads": list(queries.QUADS), "periods": periods, "undated": undated})

    def api_network(request: Request) -> Response:
        start, end = _dates(request)
        limit = _int(request, "limit", 120, 1000)
        with queries.open_db(db_path) as con:
            return JSON(queries.network(con, start, end, limit))

    def api_events(request: Request) -> Response:
        flt = _filter(request)
        limit = _int(request, "limit", PAGE_SIZE, 1000)
        offset = _int(request, "offset", 0, 10**9)
        with queries.open_db(db_path) as con:
            rows, total = queries.events(con, flt, limit, offset)
            undated = queries.undated(con, flt)
        return JSON({"total": total, "undated": undated, "events": rows})

    def api_search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        limit = _int(request, "limit", 50, 500)
        with queries.open_db(db_path) as con:
            hits = queries.search(con, text, limit) if text else []
        for hit in hits:
            hit["snippet"] = "".join(s for s, _ in highlight.snippet(hit.pop("body") or "", text))
        return JSON({"q": text, "articles": hits})

    def favicon(request: Request) -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return JSON({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, status=exc.status_code, message=exc.detail)

    async def busy(request: Request, exc: Exception) -> Response:
        """DuckDB lets one process write or many read: while `kronik ingest` writes, ask the reader to retry."""
        return await http_error(request, HTTPException(503, "the database is busy (an ingest may be writing); retry shortly"))

    routes = [
        Route("/", dashboard, name="dashboard"),
        Route("/events", event_table, name="events"),
        Route("/events/{event_id}", event_page, name="event"),
        Route("/articles/{article_id}", article_page, name="article"),
        Route("/search", search_page, name="search"),
        Route("/api/actors", api_actors),
        Route("/api/timeline", api_timeline),
        Route("/api/network", api_network),
        Route("/api/events", api_events),
        Route("/api/search", api_search),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
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
