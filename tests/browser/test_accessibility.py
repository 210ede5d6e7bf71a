"""WCAG 2.1 AA with axe-core (a vendored copy: nothing is downloaded), on every kind of page, in
both palettes, with every tree node and disclosure open."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from okrctl.site.build import build_site
from tests.browser.conftest import Watched, serve_folder
from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PAGES = [
    "index.html",
    "periods/2026-Q3.html",
    "tree/2026-Q4.html",
    "cascade/2026-Q4.html",
    "units/index.html",
    "units/sales/2026-Q4.html",
    "units/acme/2026-Q3.html",
    "people.html",
    "health.html",
    "dependencies/2026-Q4.html",
    "scoring.html",
    "rules/index.html",
    "rules/OKR700.html",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
            "summary": v["nodes"][0].get("failureSummary", "")[:300],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser: Any, site_url: str, path: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        watched = Watched(context.new_page())
        watched.page.goto(site_url + path)
        found = violations(watched.page)
        assert found == [], json.dumps(found, indent=1)
        assert watched.foreign(site_url) == []
    finally:
        context.close()


EXAMPLE_PAGES = [
    "index.html",
    "tree/2026-Q4.html",
    "cascade/2026-Q4.html",
    "units/sales/2026-Q4.html",
    "units/brightpath/2026-Q3.html",
    "people.html",
    "health.html",
    "dependencies/2026-Q4.html",
]


@pytest.fixture(scope="module")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example organisation (okrs/ and site/ of this repository, its own palette)."""
    root = tmp_path_factory.mktemp("example")
    for name in ("okrs", "site"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "okrctl.yaml", root / "okrctl.yaml")
    result = build_site(root, root / "public", today=dt.date(2026, 11, 22), history=False)
    assert result.built and result.warnings == ()
    with serve_folder(root / "public") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", EXAMPLE_PAGES)
def test_the_example_organisation_has_no_axe_violations(
    browser: Any, example_url: str, path: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        watched = Watched(context.new_page())
        watched.page.goto(example_url + path)
        found = violations(watched.page)
        assert found == [], json.dumps(found, indent=1)
        assert watched.foreign(example_url) == []
    finally:
        context.close()
