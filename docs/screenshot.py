"""Take docs/screenshot.png: the example organisation's site (okrs/) in headless Chromium.

    .venv/bin/python docs/screenshot.py [--page cascade/2026-Q4.html] [--today 2026-11-22]

Builds the example organisation into a temporary folder, serves it on 127.0.0.1 and saves a
1280x900 screenshot of the page (default: the home page) next to this script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import tempfile
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from okrctl.site.build import build_site

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", default="index.html")
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--out", type=Path, default=HERE / "screenshot.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        result = build_site(ROOT, site, today=dt.date.fromisoformat(args.today))
        if not result.built:
            raise SystemExit(f"okrs/ does not pass the check: {result.check.errors} errors")
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--headless", "--no-sandbox", "--disable-gpu"],
                )
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{args.page}")
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
