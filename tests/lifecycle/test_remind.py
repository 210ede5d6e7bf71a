"""`okrctl remind`: exactly the findings `okrctl check` reports for OKR700, OKR705, OKR710 and
OKR510, at the same file and line, each routed to the person who must act."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from okrctl.lifecycle.remind import Item, Recipient, Reminders
from okrctl.lifecycle.remind_formats import LIMIT, markdown
from tests.conftest import REPO, Run
from tests.lifecycle.organisation import ORG, D, numeric, objective, write

TODAY = "2026-11-22"
CODES = {"OKR700", "OKR705", "OKR710", "OKR510"}


def _organisation(root: Path) -> None:
    """Three people with something due (and a fourth without a GitHub handle, and a team)."""
    (root / ".git").mkdir(parents=True)
    write(root, ORG)
    fresh = [(D(2026, 10, 2), 10), (D(2026, 11, 20), 40)]
    # Q3 ended, not closed: an ungraded objective (ben) and a committed one short of 1.0 (cai)
    write(
        root,
        objective(
            "old-q3", "sales", "ben", [numeric("a", fresh[:1]), numeric("b", [])], period="2026-Q3"
        ),
    )
    write(
        root,
        objective(
            "missed-q3",
            "marketing",
            "cai",
            [numeric("c", [])],
            period="2026-Q3",
            type="committed",
            score=0.6,
        ),
    )
    # Q4: stale key results of a key result's owner (eve), of the objective's owner (ben), of a
    # team-owned objective (its unit's lead, cai); a dependency engineering must acknowledge (dev)
    write(
        root,
        objective(
            "sell-q4",
            "sales",
            "ben",
            [
                numeric("deals", [(D(2026, 10, 20), 5)], owner="eve"),
                numeric("demos", []),
                numeric("calls", fresh),
            ],
            depends_on=["docs-q4"],
        ),
    )
    write(
        root,
        objective(
            "brand-q4",
            "marketing",
            "marketing",
            [numeric("mentions", [(D(2026, 10, 3), 1)]), numeric("posts", fresh)],
        ),
    )
    write(
        root,
        objective(
            "docs-q4", "engineering", "dev", [numeric("pages", fresh), numeric("guides", fresh)]
        ),
    )


@pytest.fixture
def organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    _organisation(root)
    monkeypatch.chdir(root)
    return root


def _check_findings(okrctl: Run) -> list[tuple[str, str, int, str]]:
    found = json.loads(okrctl("check", "--format", "json", "--today", TODAY).out)["findings"]
    return sorted(
        (f["code"], f["file"], f["line"], f["message"]) for f in found if f["code"] in CODES
    )


def _items(document: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    return sorted(
        (i["code"], i["file"], i["line"], i["message"])
        for p in document["people"]
        for i in p["items"]
    )


def test_three_people_get_exactly_what_check_reports(organisation: Path, okrctl: Run) -> None:
    result = okrctl("remind", "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert _items(document) == _check_findings(okrctl)
    assert document["as_of"] == TODAY and document["period"] == "2026-Q4"
    routed = {
        p["person"]: [(i["code"], i["objective"], i["key_result"]) for i in p["items"]]
        for p in document["people"]
    }
    assert routed == {
        "ben": [("OKR705", "old-q3", None), ("OKR700", "sell-q4", "demos")],
        "cai": [("OKR710", "missed-q3", None), ("OKR700", "brand-q4", "mentions")],
        "dev": [("OKR510", "sell-q4", None)],
        "eve": [("OKR700", "sell-q4", "deals")],
    }
    people = {p["person"]: (p["name"], p["github"]) for p in document["people"]}
    assert people["ben"] == ("Ben Okafor", "Ben-GH") and people["eve"][1] is None
    assert all(i["url"] is None for p in document["people"] for i in p["items"])


def test_the_period_filter_and_site_links(organisation: Path, okrctl: Run) -> None:
    result = okrctl(
        "remind",
        "--today",
        TODAY,
        "--format",
        "json",
        "--period",
        "2026-Q3",
        "--site-url",
        "https://acme.example/okrs",
    )
    document = json.loads(result.out)
    assert document["period"] == "2026-Q3"
    assert [(i["code"], i["url"]) for p in document["people"] for i in p["items"]] == [
        ("OKR705", "https://acme.example/okrs/units/sales/2026-Q3.html#old-q3"),
        ("OKR710", "https://acme.example/okrs/units/marketing/2026-Q3.html#missed-q3"),
    ]
    result = okrctl(
        "remind",
        "--today",
        TODAY,
        "--format",
        "json",
        "--period",
        "2026-Q4",
        "--site-url",
        "https://acme.example/okrs/",
    )
    urls = [i["url"] for p in json.loads(result.out)["people"] for i in p["items"]]
    assert "https://acme.example/okrs/units/sales/2026-Q4.html#sell-q4--demos" in urls


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2025-Q1"), "okrctl: unknown period '2025-Q1'; periods: 2026-Q3, 2026-Q4\n"),
        (("--site-url", "javascript:alert(1)"), "okrctl: --site-url 'javascript:alert(1)' is not"),
        (("--site-url", "https://a.example/x) [y](https://evil.example"), "okrctl: --site-url"),
    ],
)
def test_usage_errors(organisation: Path, okrctl: Run, args: tuple[str, ...], message: str):
    result = okrctl("remind", "--today", TODAY, *args)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(message)


def test_markdown_mentions_handles_and_escapes_names(organisation: Path, okrctl: Run) -> None:
    text = okrctl(
        "remind",
        "--today",
        TODAY,
        "--format",
        "markdown",
        "--site-url",
        "https://acme.example/okrs/",
    ).out
    lines = text.splitlines()
    assert lines[:2] == ["<!-- okrctl remind -->", "# OKR reminders for `2026-Q4`"]
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Ben Okafor (@Ben-GH)",
        "## Cai Wen (@cai-gh)",
        "## Dev Patel (@dev-gh)",
        "## Eve &lt;b&gt;@&#8203;ana\\-gh&lt;/b&gt; (`eve`)",
    ]
    assert (
        "- [ ] **Check in** [`sell-q4/demos`](https://acme.example/okrs/units/sales/2026-Q4.html"
        "#sell-q4--demos): no check\\-in since the period started on 2026\\-10\\-01 \\(52 days\\); "
        "record progress at least every 14 days \\(\\`okrctl checkin\\`\\) "
        "(OKR700, `okrs/2026-Q4/sales/sell-q4.yaml:23`)"
    ) in lines
    # only a handle mentions: no name, title or message can (GitHub reads `@` then a name)
    assert len(re.findall(r"@[A-Za-z0-9]", text)) == 3


def test_text_lists_each_person_with_the_places(organisation: Path, okrctl: Run) -> None:
    text = okrctl("remind", "--today", TODAY).out
    assert text.splitlines()[0] == "Ben Okafor (ben, @Ben-GH): 2 reminders"
    assert text.splitlines()[1].startswith(
        "  okrs/2026-Q3/sales/old-q3.yaml:9:9: OKR705 Grade old-q3: period '2026-Q3' ended on "
        "2026-09-30 and its 14 days of grace on 2026-10-14, and this objective has no `score`"
    )
    assert text.endswith("6 reminders for 4 people on 2026-11-22\n")


def test_nothing_due(organisation: Path, okrctl: Run) -> None:
    for name in (
        "2026-Q3/sales/old-q3",
        "2026-Q3/marketing/missed-q3",
        "2026-Q4/sales/sell-q4",
        "2026-Q4/marketing/brand-q4",
    ):
        (organisation / f"okrs/{name}.yaml").unlink()
    assert okrctl("remind", "--today", TODAY).out == f"nothing is due on {TODAY}\n"
    markdown = okrctl("remind", "--today", TODAY, "--format", "markdown").out
    assert markdown.endswith(f"\nNothing is due on {TODAY}.\n")
    document = json.loads(okrctl("remind", "--today", TODAY, "--format", "json").out)
    assert document == {"as_of": TODAY, "period": "2026-Q4", "people": []}


def test_a_disabled_or_suppressed_rule_reminds_of_nothing(organisation: Path, okrctl: Run):
    (organisation / "okrctl.yaml").write_text("rules:\n  stale-key-result: off\n")
    document = json.loads(okrctl("remind", "--today", TODAY, "--format", "json").out)
    assert "OKR700" not in {i["code"] for p in document["people"] for i in p["items"]}
    assert _items(document) == _check_findings(okrctl)


def test_the_example_organisation(tmp_path: Path, monkeypatch, okrctl: Run) -> None:
    shutil.copytree(REPO / "okrs", tmp_path / "okrs")
    shutil.copy(REPO / "okrctl.yaml", tmp_path / "okrctl.yaml")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    document = json.loads(okrctl("remind", "--today", TODAY, "--format", "json").out)
    assert _items(document) == _check_findings(okrctl)
    assert [
        (p["person"], p["github"], [i["code"] for i in p["items"]]) for p in document["people"]
    ] == [("noah-fischer", "nfischer-brightpath", ["OKR510"])]
    # a month later, the key results nobody checked in go to their owners
    later = json.loads(okrctl("remind", "--today", "2026-12-20", "--format", "json").out)
    assert len(later["people"]) >= 3
    assert all(i["code"] in CODES for p in later["people"] for i in p["items"])


def test_the_issue_body_stays_under_githubs_limit() -> None:
    """GitHub refuses an issue body over 65,536 characters: the rest is counted, not written."""
    item = Item(
        code="OKR700",
        objective="o" * 90,
        key_result="k" * 90,
        message="m" * 300,
        file="okrs/" + "f" * 200 + ".yaml",
        line=1,
        column=1,
    )
    people = tuple(
        Recipient(person=f"p{i}", name=f"Person {i}", github=f"gh{i}", items=(item,) * 20)
        for i in range(30)
    )
    text = markdown(Reminders(as_of=D(2026, 11, 22), period="2026-Q4", people=people))
    assert len(text) < LIMIT
    shown = text.count("- [ ] ")
    assert 0 < shown < 600
    assert text.endswith(f"…and {600 - shown} more things to do: `okrctl remind` lists them all.\n")


def test_the_documentation_shows_what_remind_prints(monkeypatch, okrctl: Run) -> None:
    page = (REPO / "docs" / "between-merges.md").read_text(encoding="utf-8")
    command = (
        "okrctl remind --today 2026-11-22 --format json --site-url https://brightpath.example/okrs/"
    )
    shown = page.split(f"```sh\n{command}\n```\n\n```json\n", 1)[1].split("```\n", 1)[0]
    monkeypatch.chdir(REPO)
    assert okrctl(*command.split()[1:]).out == shown
