"""WCAG 2.1 AA with axe-core (a vendored copy: nothing is downloaded), on every kind of page, in
both palettes, with every tree node and disclosure open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Watched

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
    "objectives/win-emea-q4.html",
    "objectives/hostile-q4.html",
    "objectives/win-emea-q3.html",
    "people.html",
    "health.html",
    "dependencies/2026-Q4.html",
    "dependencies/2026-Q4/red-team.html",
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
    "periods/2026-Q3.html",
    "tree/2026-Q4.html",
    "cascade/2026-Q4.html",
    "units/sales/2026-Q4.html",
    "units/brightpath/2026-Q3.html",
    "objectives/repeat-business-q4.html",
    "objectives/lite-package-revenue-q4.html",
    "objectives/rep-onboarding-q3.html",
    "people.html",
    "health.html",
    "dependencies/2026-Q4.html",
    "dependencies/2026-Q4/customer-support.html",
]


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
