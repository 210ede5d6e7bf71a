"""Serving a built fixture site on 127.0.0.1 and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from okrctl.site.build import build_site
from tests.conftest import REPO
from tests.site.conftest import ACME, TODAY, copy_example, copy_repo
from tests.site.test_history import RELIABLE, edit, git

REPO_URL = "https://github.com/acme/okrs"
"""The fixture organisation's repository on GitHub, as its site/mkdocs.yml names it."""

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) while the block runs; yields its address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def site_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture organisation as a git repository, with `repo_url` set (the Check in and
    Edit links): planned in June, then a check-in committed on 2026-11-19, in the week before
    the build."""
    root = copy_repo(ACME, tmp_path_factory.mktemp("browser") / "acme")
    (root / "site").mkdir()
    (root / "site" / "mkdocs.yml").write_text(
        f"repo_url: {REPO_URL}\nedit_uri: edit/trunk/okrs/\n", encoding="utf-8"
    )
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "plan", date="2026-06-20T12:00:00+00:00")
    edit(
        root / RELIABLE,
        "      - {date: 2026-11-01, value: 99.5}\n",
        "      - {date: 2026-11-01, value: 99.5}\n      - {date: 2026-11-19, value: 99.2}\n",
    )
    git(root, "commit", "--quiet", "-am", "check in", date="2026-11-19T09:00:00+00:00")
    assert build_site(root, root / "public", today=TODAY).built
    return root


@pytest.fixture(scope="session")
def site_url(site_repo: Path) -> Iterator[str]:
    with serve_folder(site_repo / "public") as url:
        yield url


@pytest.fixture(scope="session")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example organisation (okrs/ and site/ of this repository, its own palette)."""
    root = copy_example(tmp_path_factory.mktemp("example") / "example")
    result = build_site(root, root / "public", today=TODAY, history=False)
    assert result.built and result.warnings == ()
    with serve_folder(root / "public") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page whose requests and dialogs are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign(self, site_url: str) -> list[str]:
        return [u for u in self.requests if not u.startswith((site_url, "data:", "blob:"))]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    with reader(browser) as found:
        yield found


@contextlib.contextmanager
def reader(browser: Any, width: int = 1280, **options: Any) -> Iterator[Watched]:
    """A page in a fresh browser context (`options`: Playwright's, e.g. `color_scheme`,
    `java_script_enabled`), `width` pixels wide."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    try:
        yield Watched(context.new_page())
    finally:
        context.close()
