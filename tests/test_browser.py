"""The dashboard end to end in headless Chromium: uvicorn on 127.0.0.1, a demo database, Playwright clicking.

Skips when Debian's Chromium is absent (scripts/browser-deps.sh installs it). Every request the page makes
that is not to 127.0.0.1 is aborted and fails the test, as does any script error or console error (CSP
violations included). Screenshots go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
import shlex
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
import webdemo

from kronik import cli
from kronik.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (run scripts/browser-deps.sh as root to install it)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
expect = sync_api.expect


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webdemo.build(tmp_path_factory.mktemp("browser") / "demo.duckdb")


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """The dashboard on a free loopback port in a background thread, stopped after the module."""
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
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server, locale="id-ID", accept_downloads=True)
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
    yield p
    context.close()
    assert not dialogs, f"a dialog fired: {dialogs}"
    assert not problems, problems


def _shot(page: sync_api.Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _pick(page: sync_api.Page, which: str, typed: str, name: str) -> None:
    """Type into an actor picker and click the suggestion with that name."""
    page.locator(f"#picker-{which}").fill(typed)
    page.locator(f"#picker-{which}-list li.option", has_text=name).first.click()


def _api(page: sync_api.Page, path: str) -> dict:
    return page.request.get(path).json()


def _settled(page: sync_api.Page, query: str) -> dict:
    """Wait until the timeline, the map and the list all show the selection `query`; returns its counts."""
    events = _api(page, f"/api/events?{query}&limit=0")
    located = _api(page, f"/api/map?{query}")["located"]
    for box in ("#timeline", "#map", "#event-list"):
        expect(page.locator(box)).to_have_attribute("data-total", str(events["total"]))
    expect(page.locator("#map")).to_have_attribute("data-markers", str(located))
    return {"total": events["total"], "undated": events["undated"], "located": located}


def _bar_total(page: sync_api.Page) -> int:
    return sum(int(n) for n in page.locator("#timeline svg .bar").evaluate_all("bs => bs.map(b => b.dataset.events)"))


def test_choosing_actors_by_indonesian_name(page: sync_api.Page) -> None:
    page.goto("/")
    expect(page.locator("#timeline svg .bar").first).to_be_visible()
    _pick(page, "actor", "Korea Sel", "Korea Selatan")
    expect(page).to_have_url(re.compile(r"[?&]actor=KOR(&|$)"))
    page.locator("#picker-with").fill("korut")  # the press's abbreviation: the suggestion says what matched
    option = page.locator("#picker-with-list li.option").first
    expect(option).to_contain_text("Korea Utara")
    expect(option).to_contain_text("Korut")
    option.click()
    expect(page).to_have_url(re.compile(r"\?actor=KOR&with=PRK$"))
    expect(page.locator("#picker-actor")).to_have_value("Korea Selatan")
    expect(page.locator("#timeline-title")).to_have_text("Timeline: Korea Selatan – Korea Utara")
    counts = _settled(page, "actor=KOR&with=PRK")
    periods = _api(page, "/api/timeline?actor=KOR&with=PRK")["periods"]
    expect(page.locator("#timeline svg .bar")).to_have_count(len(periods))
    assert _bar_total(page) == counts["total"] - counts["undated"] == sum(p["events"] for p in periods)
    assert page.locator("#timeline svg rect.seg").count() == sum(1 for p in periods for q in QUADS if p[q])
    expect(page.locator("#timeline .undated")).to_contain_text(f"{counts['undated']} undated events")
    for row in page.locator("#event-list tbody tr").all():
        codes = set(row.locator("small.code").all_inner_texts())
        assert codes == {"KOR", "PRK"}, codes
    names = page.locator("#event-list tbody tr").first.locator("span.actor").all_inner_texts()
    assert {n.split()[0] for n in names} == {"Korea"}  # names first, codes as secondary text
    _shot(page, "dashboard-pair")

    page.locator("#picker-actor").fill("Jep")  # the keyboard works too
    expect(page.locator("#picker-actor-list li.option").first).to_contain_text("Jepang")
    page.locator("#picker-actor").press("ArrowDown")
    page.locator("#picker-actor").press("Enter")
    expect(page).to_have_url(re.compile(r"\?actor=JPN&with=PRK$"))
    page.locator("#picker-with").fill("Tiongkok")  # typed and entered at once: the best match
    page.locator("#picker-with").press("Enter")
    expect(page).to_have_url(re.compile(r"\?actor=JPN&with=CHN$"))

    page.locator("header .lang a", has_text="English").click()  # English names on request, kept with the filters
    expect(page).to_have_url(re.compile(r"actor=JPN&with=CHN.*lang=en"))
    expect(page.locator("#timeline-title")).to_have_text("Timeline: Japan – China")


def test_an_unknown_actor_gets_a_suggestion(page: sync_api.Page) -> None:
    page.goto("/")
    page.locator("#picker-actor").fill("Korea Selatn")
    expect(page.locator("#picker-actor-list li.no-match")).to_contain_text("did you mean 'Korea Selatan'")
    page.locator("#picker-actor-list button.suggestion", has_text="Korea Selatan").click()
    page.locator("#picker-actor-list li.option", has_text="Korea Selatan").first.click()
    expect(page).to_have_url(re.compile(r"\?actor=KOR$"))

    page.goto("/?actor=Korea+Selatn&quad=verbal_conflict")  # a mistyped link
    expect(page.locator("#problem")).to_contain_text("unknown actor 'Korea Selatn'")
    page.locator("#problem a.fix", has_text="Korea Selatan").click()
    expect(page).to_have_url(re.compile(r"actor=KOR"))
    _settled(page, "actor=KOR&quad=verbal_conflict")


def test_the_map_draws_one_marker_per_located_event(page: sync_api.Page) -> None:
    page.goto("/?actor=IDN")
    data = _api(page, "/api/map?actor=IDN")
    assert data["mode"] == "events" and data["located"] > 10
    _settled(page, "actor=IDN")
    markers = page.locator("#map a.marker")
    expect(markers).to_have_count(data["located"])
    drawn = markers.evaluate_all("ms => ms.map(m => [m.dataset.event, m.dataset.quad, m.querySelector('circle').getAttribute('fill')])")
    quad_of = {p[0]: QUADS[p[3] - 1] for p in data["points"]}
    assert sorted(d[0] for d in drawn) == sorted(quad_of)
    assert all(quad == quad_of[event] for event, quad, _ in drawn)
    fills = {quad: {fill for _, q, fill in drawn if q == quad} for quad in {q for _, q, _ in drawn}}
    assert all(len(f) == 1 for f in fills.values()) and len({f.pop() for f in fills.values()}) == len(fills)  # one colour a quad
    assert page.locator("#map path.country").count() > 150
    expect(page.locator('#map path.country.focus[data-id="360"]')).to_have_count(1)
    expect(page.locator("#map .map-notes")).to_contain_text(f"{data['located']} events of {data['total']} have a place")
    _shot(page, "map")
    first = markers.first
    event = first.get_attribute("data-event")
    first.click()
    page.wait_for_url(re.compile(f"/events/{event}$"))
    expect(page.locator("aside")).to_contain_text("Indonesia")


def test_filters_change_map_timeline_and_list_together_and_survive_a_reload(page: sync_api.Page) -> None:
    page.goto("/?actor=IDN")
    everything = _settled(page, "actor=IDN")
    page.locator("#quad-filter input[value=material_coop]").check()
    expect(page).to_have_url(re.compile(r"\?actor=IDN&quad=material_coop$"))
    coop = _settled(page, "actor=IDN&quad=material_coop")
    assert 0 < coop["total"] < everything["total"]
    assert _bar_total(page) == coop["total"] - coop["undated"]
    assert set(page.locator("#event-list tbody .badge").evaluate_all("bs => bs.map(b => b.className)")) == {"badge quad-material_coop"}
    assert set(page.locator("#map a.marker").evaluate_all("ms => ms.map(m => m.dataset.quad)")) == {"material_coop"}

    page.locator("#type-filter summary").click()
    page.locator("#type-filter input[value=AID]").check()
    expect(page.locator("#type-filter .chosen")).to_have_text("AID")
    page.locator("#from").fill("2023-07")
    page.locator("#from").press("Enter")
    query = "actor=IDN&from=2023-07&quad=material_coop&type=AID"
    expect(page).to_have_url(re.compile(r"\?" + re.escape(query) + "$"))
    narrowed = _settled(page, query)
    assert 0 < narrowed["total"] < coop["total"] and narrowed["undated"] == 0
    days = page.locator("#event-list tbody tr td:first-child").all_inner_texts()
    assert days and all(d >= "2023-07" for d in days)
    assert _bar_total(page) == narrowed["total"]
    _shot(page, "dashboard-filtered")

    page.reload()
    expect(page.locator("#quad-filter input[value=material_coop]")).to_be_checked()
    expect(page.locator("#type-filter input[value=AID]")).to_be_checked()
    expect(page.locator("#from")).to_have_value("2023-07")
    expect(page.locator("#picker-actor")).to_have_value("Indonesia")
    assert _settled(page, query) == narrowed
    assert _bar_total(page) == narrowed["total"]
    carried = "/country?from=2023-07&actor=IDN&type=AID&quad=material_coop"  # the other views keep the filters
    expect(page.locator("#views a", has_text="Country")).to_have_attribute("href", carried)


def test_clicking_a_bar_narrows_every_view_to_that_period(page: sync_api.Page) -> None:
    page.goto("/?actor=RUS&with=UKR&freq=year")
    expect(page.locator("#timeline svg .bar")).to_have_count(2)
    bar = page.locator("#timeline svg .bar").last
    assert bar.get_attribute("data-period") == "2024"
    bar.click()
    expect(page).to_have_url(re.compile(r"from=2024-01-01&to=2024-12-31"))
    expect(page.locator("#freq")).to_have_value("auto")
    counts = _settled(page, "actor=RUS&with=UKR&from=2024-01-01&to=2024-12-31")
    assert page.locator("#timeline").get_attribute("data-freq") == "week"  # finer bars for the shorter span
    days = page.locator("#event-list tbody tr td:first-child").all_inner_texts()
    assert len(days) == counts["total"] and all(day.startswith("2024") for day in days)


def test_the_country_view_sets_one_actor_against_all_others(page: sync_api.Page) -> None:
    page.goto("/country")
    _pick(page, "actor", "Indones", "Indonesia")
    page.wait_for_url(re.compile(r"/country\?actor=IDN$"))
    expect(page.locator("#selection-title")).to_contain_text("Indonesia")
    data = _api(page, "/api/partners?actor=IDN&limit=15")
    rows = page.locator("#partners tbody tr")
    expect(rows).to_have_count(len(data["partners"]))
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.partner)") == [p["partner"] for p in data["partners"]]
    for row, p in zip(rows.all(), data["partners"], strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[1] == str(p["events"]) and cells[3] == f"{p['cooperation']} / {p['conflict']}"
        expect(row.locator("svg.spark")).to_have_count(1)
    periods = _api(page, "/api/timeline?actor=IDN")["periods"]
    expect(page.locator("#balance svg .bar")).to_have_count(len(periods))
    zero = float(page.locator("#balance svg line.zero").first.get_attribute("y1"))
    for rect in page.locator("#balance svg rect.seg.quad-material_conflict, #balance svg rect.seg.quad-verbal_conflict").all():
        assert float(rect.get_attribute("y")) >= zero - 0.01  # conflict below the line
    for rect in page.locator("#balance svg rect.seg.quad-material_coop, #balance svg rect.seg.quad-verbal_coop").all():
        assert float(rect.get_attribute("y")) + float(rect.get_attribute("height")) <= zero + 0.01
    expect(page.locator('#map path.country.focus[data-id="360"]')).to_have_count(1)
    items = page.locator("#event-list li")
    expect(items.first).to_be_visible()
    for item in items.all():
        assert "IDN" in item.locator("small.code").all_inner_texts()
    _shot(page, "country")
    page.locator("#partners a.partner-link", has_text="Australia").click()
    page.wait_for_url(re.compile(r"/\?actor=IDN&with=AUS$"))
    expect(page.locator("#timeline-title")).to_have_text("Timeline: Indonesia – Australia")


def test_csv_download_equals_kronik_export_with_the_same_filters(page: sync_api.Page, db: Path, tmp_path: Path) -> None:
    page.goto("/")
    _pick(page, "actor", "Korea Sel", "Korea Selatan")
    expect(page).to_have_url(re.compile(r"\?actor=KOR$"))
    page.locator("#quad-filter input[value=material_conflict]").check()
    page.locator("#quad-filter input[value=verbal_conflict]").check()
    page.locator("#from").fill("2023-06")
    page.locator("#from").press("Enter")
    expect(page).to_have_url(re.compile(r"from=2023-06"))
    counts = _settled(page, "actor=KOR&from=2023-06&quad=verbal_conflict&quad=material_conflict")
    page.locator("#downloads summary").click()
    command = page.locator("#export-command")
    expect(command).to_have_text("kronik export --from 2023-06 --actor KOR --quad verbal_conflict --quad material_conflict -o events.csv")
    for layout in ("polecat", "gdelt"):
        with page.expect_download() as caught:
            page.locator(f"a.download[data-layout={layout}][data-format=csv]").click()
        got = Path(caught.value.path()).read_bytes()
        argv = shlex.split(command.inner_text())[2:-2]
        out = tmp_path / f"{layout}.csv"
        assert cli.main(["export", *argv, "--schema", layout, "--db", str(db), "-o", str(out)]) == 0
        assert got == out.read_bytes()
        assert got.decode("utf-8").count("\n") == counts["total"] + 1  # a header and one line per event of the selection


def test_clicking_an_event_opens_its_article_with_the_evidence_marked(page: sync_api.Page) -> None:
    page.goto("/?actor=IDN&with=USA&from=2024-02&to=2024-02")
    link = page.locator("#event-list a.event-link", has_text="Retno Marsudi")
    sentence = link.inner_text()
    assert sentence == webdemo.SHARED_SENTENCE
    link.click()
    page.wait_for_url(re.compile(r"/events/\w+$"))
    mark = page.locator("article mark")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text(sentence)
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    expect(page.locator("aside")).to_contain_text("CONSULT")
    expect(page.locator("aside")).to_contain_text("Amerika Serikat")
    _shot(page, "article")


def test_an_untitled_article_is_headed_by_its_first_sentence(page: sync_api.Page) -> None:
    page.goto("/search?q=patroli")
    link = page.locator(".hits li a").first
    expect(link).to_have_text(webdemo.UNTITLED_LEAD)
    link.click()
    expect(page.locator("h1.article-title")).to_have_text(webdemo.UNTITLED_LEAD)
    _shot(page, "untitled-article")


def test_script_in_a_page_is_shown_as_text(page: sync_api.Page) -> None:
    page.goto(f"/articles/{webdemo.HOSTILE_ID}")
    expect(page.locator("h1.article-title")).to_have_text(f"Uji {webdemo.HOSTILE} keamanan")
    expect(page.locator("article mark")).to_contain_text(webdemo.HOSTILE)
    assert page.locator("article script").count() == 0

    page.goto("/?actor=CHN&with=USA&from=2024-03&to=2024-03")  # the same text drawn by the dashboard's script
    expect(page.locator("#event-list a.event-link", has_text=webdemo.HOSTILE)).to_be_visible()
    page.goto("/search?q=warga")
    expect(page.locator(".hits li a").first).to_have_text(f"Uji {webdemo.HOSTILE} keamanan")
    _shot(page, "search")


def test_event_table_shares_the_filters(page: sync_api.Page) -> None:
    page.goto("/?actor=USA")
    page.locator("#views a", has_text="Events").click()
    page.wait_for_url(re.compile(r"/events\?actor=USA$"))
    page.locator("#type-filter summary").click()
    page.locator("#type-filter input[value=SANCTION]").check()
    page.wait_for_url(re.compile(r"/events\?actor=USA&type=SANCTION$"))
    types = page.locator("table.events tbody td:nth-child(4) .badge").all_inner_texts()
    assert types and set(types) == {"SANCTION"}
    expect(page.locator("#type-filter input[value=SANCTION]")).to_be_checked()
    _shot(page, "events")
