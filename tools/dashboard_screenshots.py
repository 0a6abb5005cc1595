"""The README's screenshots of the dashboard, taken in headless Chromium (as tests/test_browser.py drives it).

Views of the tests' demo database (tests/webdemo.py: the project's own Indonesian sentences) and, with --scale DB,
the dashboard over a large generated database (bench/dashboard.py builds one). Each page is shot at 1280 px,
cut to its first --height pixels, and saved as a 256-colour PNG in docs/screenshots/.

Usage: .venv/bin/python tools/dashboard_screenshots.py [--scale out/bench/dashboard.duckdb]
"""

from __future__ import annotations

import argparse
import io
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import webdemo  # noqa: E402

from kronik.web.app import create_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
VIEWS = [
    ("dashboard", "/?actor=KOR&with=PRK", "#network svg", 1500),
    ("dashboard-filtered", "/?actor=IDN&quad=material_coop&quad=verbal_coop&from=2023-07", "#network svg", 1500),
    ("country", "/country?actor=IDN", "#partners svg.spark", 1650),
    ("events", "/events?actor=USA&type=SANCTION&type=THREATEN", "table.events", 900),
    ("article", "/articles/shared-kompas", "article mark", 700),
    ("untitled-article", f"/articles/{webdemo.UNTITLED_ID}", "article", 520),
    ("search", "/search?q=kawasan", ".hits", 900),
    ("english-names", "/?actor=JPN&with=KOR&lang=en", "#map svg", 1100),
]
SCALE_VIEWS = [("scale-dashboard", "/", "#network svg", 1500), ("scale-country", "/country?actor=IDN", "#partners svg.spark", 1650)]


def serve(db: Path) -> tuple[uvicorn.Server, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def shoot(db: Path, views: list[tuple[str, str, str, int]]) -> None:
    server, base = serve(db)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
            for name, url, ready, height in views:
                page.goto(base + url)
                page.locator(ready).first.wait_for()
                page.wait_for_timeout(500)
                shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
                shot = shot.crop((0, 0, shot.width, min(shot.height, height))).convert("RGB")
                shot.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(OUT / f"{name}.png", optimize=True)
                print(f"{OUT / f'{name}.png'}: {(OUT / f'{name}.png').stat().st_size // 1024} kB", file=sys.stderr)
            browser.close()
    finally:
        server.should_exit = True


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=Path, default=None, help="also shoot the dashboard over this (large) database")
    args = p.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shoot(webdemo.build(Path(tmp) / "demo.duckdb"), VIEWS)
    if args.scale:
        shoot(args.scale, SCALE_VIEWS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
