"""The pieces of a page's reading: results beside titles, who a holder is, and the markers a
page uses (`markers.detect`)."""

from __future__ import annotations

import pytest

from okrctl.adopt import holders, markers
from okrctl.adopt.mdtree import tree
from okrctl.adopt.results import split


@pytest.mark.parametrize(
    ("raw", "title", "score", "done", "status"),
    [
        ("Build X. => Achieved. 50 SQOs generated.", "Build X.", None, True, None),
        ("Increase EE Trials. 21% QoQ => [Miss]", "Increase EE Trials. 21% QoQ", None, False, None),
        ("Support: Reduce time by 5%. -> Not Hit. SLAs were breached.", "Support: Reduce time by 5%.", None, False, None),
        ("Geo reliable => 10% done, moved to Q4 with GitLab QA", "Geo reliable", 0.1, None, "moved"),
        ("Zuora reconciliation complete and tested. DONE", "Zuora reconciliation complete and tested.", None, True, None),
        ("Deliver 10 SQLs > $10k 50% ACHIEVED - 20% OF METRICS", "Deliver 10 SQLs > $10k", 0.5, None, None),
        ("Decrease age of deals by 10% ACHIEVED", "Decrease age of deals by 10%", None, True, None),
        ("Make runners work without dying halfway. Done", "Make runners work without dying halfway.", None, True, None),
        ("Reduce p99 to < 3 s. 25% done. 10% still exceed", "Reduce p99 to < 3 s.", 0.25, None, None),
        ("NPS 10% improvement. Update: This will be pushed back until 2018", "NPS 10% improvement.", None, None, "moved"),
        ("Index any code => not going to measure KR as written", "Index any code", None, None, "dropped"),
        ("Admins know => This was de-prioritized in favor of campaigns.", "Admins know", None, None, "dropped"),
        ("Ship the app [0.5]", "Ship the app", 0.5, None, None),
        ("Ship the app - score 0.7", "Ship the app", 0.7, None, None),
        ("Ship the app (dropped)", "Ship the app", None, None, "dropped"),
        ("Ship the app ✅", "Ship the app", None, True, None),
        ("optimize global performance >needs baseline and targets", "optimize global performance", None, None, None),
        ("Keep marketing efficient. Ratio > 3.4 => 3.43", "Keep marketing efficient. Ratio > 3.4", None, None, None),
        ("Generate 25% of quota => 36% of SCLAU was SDR sourced", "Generate 25% of quota", None, None, None),
        ("Repo as editor => PoC Done, move to Beta as a stable feature", "Repo as editor", None, None, None),
        ("Key Result: Ensure coverage of core workflows.", "Key Result: Ensure coverage of core workflows.", None, None, None),
        ("NPS 30 -> 45", "NPS 30 -> 45", None, None, None),
        ("Management completed basic classes. 75% completed", "Management completed basic classes. 75% completed", None, None, None),
    ],
)  # fmt: skip
def test_results_beside_a_title(raw: str, title: str, score: float | None, done: bool | None,
                                status: str | None) -> None:  # fmt: skip
    found, result = split(raw)
    assert found == title
    stated = (result.score, result.done, result.status) if result else (None, None, None)
    assert stated == (score, done, status)


@pytest.mark.parametrize(
    ("name", "single", "kind", "person", "team"),
    [
        ("CEO", "person", "role", "CEO", None),
        ("VP Eng", "person", "role", "VP Eng", None),
        ("SDR lead", "person", "role", "SDR lead", None),
        ("Data and Analytics Architect", "person", "role", "Data and Analytics Architect", None),
        ("Anna Keller", "person", "person", "Anna Keller", None),
        ("Ravi Shah (SRE)", "person", "person", "Ravi Shah", "SRE"),
        ("Sales (Closing Deals)", "person", "team", None, "Sales (Closing Deals)"),
        ("Customer Success", "person", "team", None, "Customer Success"),
        ("Platform", "team", "team", None, "Platform"),
        ("Anna", "person", "person", "Anna", None),
        ("Anna", "team", "team", None, "Anna"),
        ("@alanshaw", "team", "person", "alanshaw", None),
    ],
)
def test_who_a_holder_is(name: str, single: holders.Kind, kind: str, person: str | None,
                         team: str | None) -> None:  # fmt: skip
    found = holders.classify(name, set(), set(), single)
    assert (found.kind, found.person, found.team) == (kind, person, team)


def test_a_name_the_page_uses_for_a_person_is_a_person() -> None:
    found = holders.classify("Martin", {"martin"}, set(), "team")
    assert (found.kind, found.stated) == ("person", True)
    assert holders.names("Martin and Bedeho equally") == ["Martin", "Bedeho"]
    assert holders.names("skobes, ymalik") == ["skobes", "ymalik"]
    assert holders.handle_of("Bedeho (@bedeho)") == ("Bedeho", "bedeho")


PAGES = {
    "labels": "## Q3 2026\n\n- Objective: Grow\n  - Key result: Revenue from 1 to 2\n",
    "bold": "## Q3 2026\n\n**Grow revenue**\n\n- Revenue from 1 to 2\n\n**Keep customers**\n\n- Churn below 2%\n",
    "headings": "## Q3 2026\n\n### Grow revenue\n\n- Revenue from 1 to 2\n- Deals from 3 to 4\n",
    "list": "## Q3 2026\n\n- Grow revenue\n  - Revenue from 1 to 2\n- Keep customers\n  - Churn below 2%\n",
    "paragraphs": "## Q3 2026\n\nGrow revenue\n- Revenue from 1 to 2\n\nKeep customers\n- Churn below 2%\n",
}  # fmt: skip


@pytest.mark.parametrize("marker", sorted(PAGES))
def test_the_reading_follows_the_pages_markers(marker: str) -> None:
    reading = markers.detect(tree(PAGES[marker], "p.md", []))
    assert reading.objectives == marker
    assert reading.level == (3 if marker == "headings" else None)
    assert reading.describe().startswith("objectives: ")


def test_holder_prefixes_and_handles_choose_the_owners() -> None:
    page = "- CEO: Grow\n  - CMO: Leads from 1 to 2\n  - CFO: Costs below 5\n- VP Eng: Ship\n  - Web: Faster\n"
    assert markers.detect(tree(page, "p.md", [])).owners == "holders"
    page = "**Grow**\n\n- Ship it - @alanshaw\n- Sell it - @diasdavid\n"
    assert markers.detect(tree(page, "p.md", [])).owners == "handles"
    chosen = markers.override(markers.detect(tree(page, "p.md", [])), "headings:4", "boxes", "none")
    assert (chosen.objectives, chosen.level, chosen.key_results, chosen.owners) == (
        "headings", 4, "boxes", "none",
    )  # fmt: skip
