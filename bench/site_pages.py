"""Measure a built site as a reader's browser sees it: the largest HTML page, and the DOM of the
largest pages of each kind with every <details> open (headless Chromium, Debian's
/usr/bin/chromium), and whether the search index is fetched before search is used.

    python bench/site_pages.py bench/out/synth-10000/public [...]

Run `bench/site_bench.py N` first to build the synthetic organisation's site. Targets: no HTML
page over 1 MB, no page's DOM over 20,000 nodes, the search index fetched only on search.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import Any

KINDS = ("index.html", "tree/", "cascade/", "people", "units/", "health", "dependencies/")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def kind_of(relative: str) -> str:
    """The kind of page at `relative` (a path in the site): an objective's page, a unit's
    dependencies, one of `KINDS`, or "other"."""
    if relative.startswith("objectives/"):
        return "objectives/"
    if relative.count("/") >= 2 and relative.startswith("dependencies/"):
        return "dependencies/<unit>"
    return next((k for k in KINDS if relative.startswith(k)), "other")


def largest(site: Path) -> dict[str, tuple[int, str]]:
    """The largest page of each kind: (bytes, path)."""
    found: dict[str, tuple[int, str]] = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        kind = kind_of(relative)
        found[kind] = max(found.get(kind, (0, "")), (path.stat().st_size, relative))
    return found


def elements(site: Path, pages: dict[str, tuple[int, str]]) -> dict[str, tuple[int, bool]]:
    """Kind -> elements of its largest page with every <details> open, and whether the page
    fetched the search index on load (headless Chromium over a local server)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict[str, tuple[int, bool]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            for kind, (_, relative) in sorted(pages.items()):
                requests.clear()
                page.goto(base + relative)
                page.wait_for_load_state("networkidle")
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                count = int(page.evaluate("document.getElementsByTagName('*').length"))
                found[kind] = (count, any("search_index" in u for u in requests))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def measure(site: Path) -> None:
    pages = largest(site)
    if not pages:
        raise SystemExit(f"{site}: no HTML pages; build the site first (bench/site_bench.py N)")
    biggest = max(pages.values())
    print(f"{site}: largest page {biggest[1]} {biggest[0] / 1e6:.2f} MB")
    counted = elements(site, pages)
    for kind, (size, relative) in sorted(pages.items()):
        nodes, index = counted[kind]
        print(
            f"  {kind:<14} {relative:<40} {size / 1e6:5.2f} MB  {nodes:>6} DOM nodes"
            f"  search index fetched on load: {'yes' if index else 'no'}"
        )


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        measure(Path(folder))
