"""Take the screenshots the README and docs/site.md show: the example organisation's site (okrs/)
in headless Chromium.

    .venv/bin/python docs/screenshot.py [--today 2026-11-22]
    .venv/bin/python docs/screenshot.py --page units/sales/2026-Q4.html --out shot.png

Builds the example organisation into a temporary folder, serves it on 127.0.0.1 and saves
1280x900 screenshots next to this script: the home page (screenshot.png) and the goal tree of
the current period with every node open (goal-tree.png); or one page with `--page`.
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
    parser.add_argument("--page", default=None)
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.page:
        shots = [(args.page, args.out or HERE / "screenshot.png", False)]
    else:
        shots = [
            ("index.html", HERE / "screenshot.png", False),
            ("tree/2026-Q4.html", HERE / "goal-tree.png", True),
        ]
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
                for path, out, expand in shots:
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
                    if expand:
                        page.get_by_role("button", name="Expand all").click()
                        page.mouse.move(0, 0)
                        page.evaluate("document.activeElement.blur()")
                        page.locator("h1").first.scroll_into_view_if_needed()
                    page.screenshot(path=str(out))
                    print(f"saved {out}")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
