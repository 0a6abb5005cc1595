"""The dashboard end to end in headless Chromium: uvicorn on 127.0.0.1, a demo database, Playwright clicking.

Skips when Debian's Chromium is absent (scripts/browser-deps.sh installs it). Every request the page makes
that is not to 127.0.0.1 is aborted and fails the test. Screenshots go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
import webdemo

from kronik.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (run scripts/browser-deps.sh as root to install it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a free loopback port in a background thread, stopped after the module."""
    db = webdemo.build(tmp_path_factory.mktemp("browser") / "demo.duckdb")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()
        assert not thread.is_alive(), "the dashboard server did not stop"


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: sync_api.Browser, server: str) -> Iterator[sync_api.Page]:
    """A fresh page that may talk to the test server only; records dialogs, script errors and stray requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server, locale="id-ID")
    p = context.new_page()
    p.set_default_timeout(10_000)
    problems: list[str] = []
    dialogs: list[str] = []

    def guard(route: sync_api.Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            problems.append(f"request off loopback: {route.request.url}")
            route.abort()

    def on_dialog(d: sync_api.Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    context.route("**/*", guard)
    p.on("dialog", on_dialog)
    p.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    p.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    p.problems = problems  # type: ignore[attr-defined]
    p.dialogs = dialogs  # type: ignore[attr-defined]
    yield p
    context.close()
    assert not dialogs, f"a dialog fired: {dialogs}"
    assert not problems, problems


def _shot(page: sync_api.Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_dashboard_draws_the_chosen_dyad(page: sync_api.Page) -> None:
    page.goto("/")
    expect = sync_api.expect
    expect(page.locator("#timeline svg .bar").first).to_be_visible()
    expect(page.locator("#network svg line.edge").first).to_be_visible()

    page.select_option("#actor-a", "KOR")
    page.select_option("#actor-b", "PRK")
    chart = page.locator("#timeline svg.timeline-chart")
    expect(chart).to_have_attribute("aria-label", re.compile("KOR – PRK"))
    expect(page.locator("#timeline-title")).to_have_text("Timeline: KOR – PRK")
    periods = page.request.get("/api/timeline?a=KOR&b=PRK").json()["periods"]
    expect(page.locator("#timeline")).to_have_attribute("data-periods", str(len(periods)))
    assert page.locator("#timeline svg .bar").count() == len(periods) > 3
    assert page.locator("#timeline svg rect.seg").count() == sum(1 for p in periods for q in ("verbal_coop", "material_coop",
                                                                 "verbal_conflict", "material_conflict") if p[q])
    expect(page.locator("#timeline svg path.score-line")).to_have_count(1)
    expect(page.locator("#dyad-events .count")).to_contain_text("KOR – PRK:")
    expect(page.locator("#dyad-events tbody tr").first).to_be_visible()
    for row in page.locator("#dyad-events tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        assert (set(cells[1].split(", ")) | set(cells[2].split(", "))) - {""} == {"KOR", "PRK"}
    assert "a=KOR&b=PRK" in page.url
    _shot(page, "dashboard")


def test_clicking_a_bar_lists_that_period(page: sync_api.Page) -> None:
    page.goto("/?a=RUS&b=UKR")
    page.select_option("#freq", "year")
    sync_api.expect(page.locator("#timeline svg .bar")).to_have_count(2)
    bar = page.locator("#timeline svg .bar").last
    year = bar.get_attribute("data-period")
    assert year == "2024"
    bar.click()
    sync_api.expect(page.locator("#dyad-events .count")).to_contain_text(f"RUS – UKR, {year}")
    days = page.locator("#dyad-events tbody tr td:first-child").all_inner_texts()
    assert days and all(day.startswith(year) for day in days)


def test_clicking_an_event_opens_its_article_with_the_evidence_marked(page: sync_api.Page) -> None:
    page.goto("/?a=IDN&b=USA")
    link = page.locator("#dyad-events a.event-link", has_text="Retno Marsudi")
    sentence = link.inner_text()
    assert sentence == webdemo.SHARED_SENTENCE
    link.click()
    page.wait_for_url(re.compile(r"/events/\w+$"))
    mark = page.locator("article mark")
    sync_api.expect(mark).to_have_count(1)
    sync_api.expect(mark).to_have_text(sentence)
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    sync_api.expect(page.locator("aside")).to_contain_text("CONSULT")
    _shot(page, "article")


def test_script_in_a_page_is_shown_as_text(page: sync_api.Page) -> None:
    page.goto(f"/articles/{webdemo.HOSTILE_ID}")
    sync_api.expect(page.locator("h1.article-title")).to_have_text(f"Uji {webdemo.HOSTILE} keamanan")
    sync_api.expect(page.locator("article mark")).to_contain_text(webdemo.HOSTILE)
    assert page.locator("article script").count() == 0
    _shot(page, "hostile-article")

    page.goto("/?a=CHN&b=USA")  # the same text drawn by the dashboard's script
    sync_api.expect(page.locator("#dyad-events a.event-link", has_text=webdemo.HOSTILE)).to_be_visible()
    page.goto("/search?q=warga")
    sync_api.expect(page.locator(".hits li a").first).to_have_text(f"Uji {webdemo.HOSTILE} keamanan")
    _shot(page, "search")


def test_event_table_filters(page: sync_api.Page) -> None:
    page.goto("/events")
    page.fill("input[name=actor]", "usa")
    page.select_option("select[name=type]", "SANCTION")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"type=SANCTION"))
    types = page.locator("table.events tbody td:nth-child(4) .badge").all_inner_texts()
    assert types and set(types) == {"SANCTION"}
    _shot(page, "events")
