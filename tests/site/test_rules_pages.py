"""The Rules section: an index of every rule as the repository configures it, and a page per rule
with its documentation, its examples and its options (configured values escaped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl import config as configuration
from okrctl.checks.documentation import rule_docs
from okrctl.cli import run
from okrctl.site.pages.rules import indented_code
from okrctl.site.templates import environment
from tests.site.conftest import ACME, HOSTILE_TITLE, copy_repo
from tests.site.html_tree import Node, parse

CONFIG = f"""rules:
  activity-key-result:
    activity_words: [help, {HOSTILE_TITLE!r}]
  OKR441: info
  leading-indicator: off
"""


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """acme with an okrctl.yaml that tunes three rules (one option value hostile), built."""
    root = copy_repo(ACME, tmp_path_factory.mktemp("rules") / "acme")
    (root / "okrctl.yaml").write_text(CONFIG, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert run(["build", "--today", "2026-11-22", "--strict"]) == 0
    return root


def article(site: Path, page: str) -> Node:
    return parse((site / "public" / page).read_text(encoding="utf-8")).find("article")


def test_index_lists_every_rule_as_configured(configured: Path) -> None:
    expected = rule_docs(configuration.load(configured, None))
    rows = article(configured, "rules/index.html").find("tbody").find_all("tr")
    assert [row.attrs["id"] for row in rows] == [f"rule-{rule.code}" for rule in expected]
    cells = {row.attrs["id"]: [td.words() for td in row.find_all("td")] for row in rows}
    assert cells["rule-OKR441"] == [
        "OKR441",
        "qualitative-objective",
        "info (default: warning)",
        "yes",
        "Objective titles carry no numbers; numbers belong in key results.",
    ]
    assert cells["rule-OKR600"][2:4] == ["info", "no"]
    assert cells["rule-OKR400"][3] == "yes"
    first = rows[0].find("a")
    assert first.attrs["href"] == "../rules/OKR400.html"
    for rule in expected:
        assert (configured / "public/rules" / f"{rule.code}.html").is_file()


def test_rule_page_shows_documentation_examples_and_escaped_options(configured: Path) -> None:
    html = (configured / "public/rules/OKR440.html").read_text(encoding="utf-8")
    doc = parse(html).find("article")
    assert doc.find("h1").words() == "OKR440 activity-key-result¶"  # with its permalink
    assert "Severity: warning (default: warning), on." in doc.words()
    headings = [h.attrs.get("id") for h in doc.find_all("h2")]
    assert headings == ["failing-example", "passing-example", "options"]
    failing, passing = (pre.text() for pre in doc.find_all("pre"))
    assert failing.splitlines()[:4] == [
        "key_results:",
        "  - id: webinars",
        "    kind: milestone",
        "    title: Attend the three big food-logistics trade fairs",
    ]
    assert "    title: Qualified leads from trade fairs rise from 20 to 60" in passing.splitlines()
    row = doc.find("tr", id="option-activity_words")
    assert row.find("code", class_="okr-configured").text() == f'["help", "{HOSTILE_TITLE}"]'
    assert row.find_all("script") == [] and row.find_all("img") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_rule_page_of_a_disabled_rule_says_so(configured: Path) -> None:
    doc = article(configured, "rules/OKR600.html")
    assert "Severity: info (default: info), off in this repository." in doc.words()
    assert doc.find("p", class_="okr-muted").words() == "This rule has no options."


def test_one_rules_entry_in_the_navigation_and_health_links_rule_pages(configured: Path) -> None:
    page = parse((configured / "public/index.html").read_text(encoding="utf-8"))
    nav = page.find("nav", class_="md-nav--primary")
    links = [a.words() for a in nav.find_all("a", class_="md-nav__link")]
    assert links.count("Rules") == 1
    assert not any(word.startswith("OKR") for word in links)
    health = article(configured, "health.html")
    refs = {a.attrs["href"] for a in health.find_all("a", class_="okr-rule-ref")}
    alignment = {"rules/OKR502.html", "rules/OKR510.html", "rules/OKR512.html"}
    found = {"rules/OKR440.html", "rules/OKR441.html", "rules/OKR700.html"}  # the findings too
    assert refs == alignment | found


def test_fenced_code_becomes_indented_code() -> None:
    text = "Intro\n\n```yaml\na: 1\n\n  b: 2\n```\nAfter"
    assert indented_code(text) == "Intro\n\n\n    a: 1\n\n      b: 2\n\nAfter"


def test_code_spans_escape_everything_else() -> None:
    prose = environment().get_template("_macros.html.j2").module.prose  # type: ignore[attr-defined]
    assert str(prose("Unit -> `[min, <max>]` & <b>")) == (
        "Unit -&gt; <code>[min, &lt;max&gt;]</code> &amp; &lt;b&gt;"
    )
