"""`okrctl digest`: what changed after a day, from a git history made in the test, and the
pure comparison the site's home page calls."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from okrctl import engine, status
from okrctl.config import Config
from okrctl.git_history.baseline import read_baseline
from okrctl.git_history.digest import WEEK, Change, Digest, Stale, compare, digest
from okrctl.lifecycle.digest_formats import as_json, markdown
from okrctl.scoring import effective_scores
from tests.conftest import REPO, Run
from tests.lifecycle.organisation import ORG, D, commit, git, init, numeric, objective, write

TODAY = "2026-11-22"
SINCE = "2026-11-12"


def _history(root: Path) -> None:
    """A plan on 2026-11-05, a change on the baseline's own day, and a week of changes after."""
    init(root)
    write(root, ORG)
    start = [(D(2026, 10, 2), 10)]
    sell = objective(
        "sell-q4",
        "sales",
        "ben",
        [numeric("deals", start), numeric("demos", start), numeric("calls", start)],
    )
    brand = objective(
        "brand-q4", "marketing", "cai", [numeric("mentions", start), numeric("posts", start)]
    )
    docs = objective(
        "docs-q4",
        "engineering",
        "dev",
        [
            numeric("pages", [(D(2026, 10, 2), 10), (D(2026, 11, 4), 50)]),
            numeric("guides", [(D(2026, 10, 2), 10), (D(2026, 11, 4), 50)]),
        ],
    )
    old = objective("old-q4", "sales", "ben", [numeric("a", start), numeric("b", start)])
    wrap = objective(
        "wrap-q3",
        "sales",
        "ben",
        [numeric("x", [(D(2026, 9, 1), 80)]), numeric("y", [(D(2026, 9, 1), 80)])],
        period="2026-Q3",
    )
    for data in (sell, brand, docs, old, wrap):
        write(root, data)
    commit(root, "plan", D(2026, 11, 5))
    # on the baseline's day itself: part of the baseline, not a change
    sell["key_results"][0]["target"] = 90
    write(root, sell)
    commit(root, "a goalpost before the week", D(2026, 11, 12))
    # the week
    sell["key_results"][0]["checkins"].append({"date": D(2026, 11, 15), "value": 60})
    sell["key_results"][1]["checkins"].append({"date": D(2026, 11, 15), "value": 40})
    sell["key_results"][1]["checkins"].append({"date": D(2026, 11, 16), "value": 45})
    sell["key_results"][2] = numeric("referrals", [(D(2026, 11, 15), 5)])
    write(root, sell)
    brand.update(status="dropped", dropped_reason="The agency left.")
    write(root, brand)
    docs["key_results"][0]["target"] = 80
    write(root, docs)
    (root / "okrs/2026-Q4/sales/old-q4.yaml").unlink()
    write(
        root,
        objective(
            "launch-q4", "marketing", "cai", [numeric("signups", start), numeric("trials", start)]
        ),
    )
    commit(root, "the week", D(2026, 11, 15))
    wrap["score"] = 0.8
    write(root, wrap)
    commit(root, "grades", D(2026, 11, 20))


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    _history(root)
    monkeypatch.chdir(root)
    return root


def _changes(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (c["kind"], c["objective"], c["key_result"], c["from"], c["to"])
        for c in document["changes"]
    ]


def test_only_what_changed_after_the_day(history: Path, okrctl: Run) -> None:
    result = okrctl("digest", "--since", SINCE, "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["since"] == SINCE and document["as_of"] == TODAY
    assert document["baseline"] == git(history, "rev-parse", "HEAD~2").strip()
    assert _changes(document) == [
        ("added", "launch-q4", None, None, None),
        ("added", "sell-q4", "referrals", None, None),
        ("removed", "old-q4", None, None, None),
        ("removed", "sell-q4", "calls", None, None),
        ("dropped", "brand-q4", None, "off track", "dropped"),
        ("graded", "wrap-q3", None, None, 0.8),
        ("status", "sell-q4", None, "off track", "on track"),
        # graded work reads by its band (okrctl.status): no longer a pace
        ("status", "wrap-q3", None, "on track", "delivered"),
        ("score", "sell-q4", None, 0.1, 0.39),
        ("score", "docs-q4", None, 0.5, 0.56),
        ("target", "docs-q4", "pages", 100, 80),
    ]  # the target sell-q4's deals moved on the baseline's own day is the baseline
    # every unit with objectives of the running period, and the check-ins dated after the day
    assert document["checkins"] == [
        {"unit": "engineering", "name": "Engineering", "checkins": 0, "key_results": 0},
        {"unit": "marketing", "name": "Marketing", "checkins": 0, "key_results": 0},
        {"unit": "sales", "name": "Sales", "checkins": 4, "key_results": 3},
    ]
    assert [(s["objective"], s["key_result"], s["last"], s["days"]) for s in document["stale"]] == [
        ("docs-q4", "pages", "2026-11-04", 18),
        ("docs-q4", "guides", "2026-11-04", 18),
        ("launch-q4", "signups", "2026-10-02", 51),
        ("launch-q4", "trials", "2026-10-02", 51),
    ]


def test_status_and_score_are_the_sites_for_each_day(history: Path) -> None:
    """Each side is judged by `okrctl.status` for its own day, from its own scores."""
    before, _, note = read_baseline(history, D(2026, 11, 12))
    assert before is not None and note is None
    now = engine.check_repository(history, config=Config(), today=D(2026, 11, 22)).cascade
    found = digest(history, D(2026, 11, 12), D(2026, 11, 22), current=now)
    then_scores, now_scores = effective_scores(before), effective_scores(now)
    for change in found.of("status"):
        old, new = before.objectives[change.objective], now.objectives[change.objective]
        period_then = before.periods[old.objective.period]
        period_now = now.periods[new.objective.period]
        assert (
            change.before
            == status.objective(
                old.objective, then_scores[change.objective], period_then, D(2026, 11, 12)
            ).status
        )
        assert (
            change.after
            == status.objective(
                new.objective, now_scores[change.objective], period_now, D(2026, 11, 22)
            ).status
        )
    assert found.of("status")
    for change in found.of("score"):
        assert change.before == round(then_scores[change.objective] or 0, 2)
        assert change.after == round(now_scores[change.objective] or 0, 2)


def test_the_same_history_gives_the_same_bytes(history: Path, okrctl: Run) -> None:
    for fmt in ("markdown", "json", "html"):
        first = okrctl("digest", "--since", SINCE, "--today", TODAY, "--format", fmt).out
        assert first == okrctl("digest", "--since", "10d", "--today", TODAY, "--format", fmt).out


def test_markdown_has_a_section_per_kind(history: Path, okrctl: Run) -> None:
    text = okrctl("digest", "--since", SINCE, "--today", TODAY).out
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "## What changed in the OKRs since 2026-11-12",
        "### Objectives added, removed, dropped and graded",
        "### Status changes",
        "### Largest score moves",
        "### Moved goalposts",
        "### Check-ins recorded",
        "### Stale key results",
    ]
    assert "- `docs-q4/pages` Pages reach 100: target 100 → 80\n" in text
    assert "- `sell-q4` Sell q4 goes well: off track → on track\n" in text
    assert "- graded: `wrap-q3` Wrap q3 goes well: 0.80\n" in text
    assert "| Sales | 4 | 3 |\n" in text


def test_html_is_one_escaped_page_without_other_hosts(history: Path, okrctl: Run) -> None:
    sell = history / "okrs/2026-Q4/sales/sell-q4.yaml"
    sell.write_text(
        sell.read_text().replace(
            "title: Sell q4 goes well", 'title: "<script>alert(1)</script> {{ x }}"'
        )
    )
    page = okrctl("digest", "--since", SINCE, "--today", TODAY, "--format", "html").out
    assert page.startswith("<!doctype html>") and page.endswith("</html>\n")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; {{ x }}" in page
    assert not re.search(r"(src|href)=", page)


def test_markdown_titles_mention_no_one_and_reference_nothing(history: Path, okrctl: Run):
    # the digest is posted as a comment on GitHub, which finds `@org/team` mentions and `#12`
    # references after decoding `\\@` and `&#64;`: a title naming them notified the whole team
    sell = history / "okrs/2026-Q4/sales/sell-q4.yaml"
    sell.write_text(
        sell.read_text().replace(
            "title: Sell q4 goes well", 'title: "Ask @acme/everyone, see #12 and acme/okrs#3"'
        )
    )
    text = okrctl("digest", "--since", SINCE, "--today", TODAY).out
    line = next(x for x in text.splitlines() if x.startswith("- `sell-q4` "))
    assert "@&#8203;acme/everyone" in line and "\\#&#8203;12" in line
    assert not re.search(r"@[A-Za-z0-9]|(?<!&)#[0-9]|&#64;", text)


def test_a_repository_younger_than_the_day_has_everything_added(history: Path, okrctl: Run):
    document = json.loads(
        okrctl("digest", "--since", "2026-11-01", "--today", TODAY, "--format", "json").out
    )
    assert document["baseline"] is None
    assert {c["kind"] for c in document["changes"]} == {"added"}
    assert [c["objective"] for c in document["changes"]] == [
        "brand-q4",
        "docs-q4",
        "launch-q4",
        "sell-q4",
        "wrap-q3",
    ]


def test_without_git_the_digest_says_so(tmp_path: Path, monkeypatch, okrctl: Run) -> None:
    _history(tmp_path / "repo")
    shutil.rmtree(tmp_path / "repo" / ".git")
    (tmp_path / "repo" / "okrctl.yaml").write_text("")
    monkeypatch.chdir(tmp_path / "repo")
    document = json.loads(
        okrctl("digest", "--since", SINCE, "--today", TODAY, "--format", "json").out
    )
    assert document["changes"] == [] and document["checkins"] == []
    assert document["notes"][0].startswith("no history to compare with: ")


def test_a_shallow_clone_without_the_day_says_so(
    history: Path, tmp_path: Path, okrctl: Run, monkeypatch
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(clone)
    document = json.loads(
        okrctl("digest", "--since", SINCE, "--today", TODAY, "--format", "json").out
    )
    assert document["changes"] == []
    assert "fetch-depth: 0" in document["notes"][0]


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("yesterday", "okrctl: --since 'yesterday' is neither a day written YYYY-MM-DD nor days"),
        ("2026-11-22", "okrctl: --since 2026-11-22 is not before today (2026-11-22)"),
        ("2026-02-30", "okrctl: --since '2026-02-30' is neither"),
        ("0d", "okrctl: --since '0d' is neither"),
        ("9999d", "okrctl: --since 9999d: there is no day 9999 days before 0001-01-02"),
    ],
)
def test_bad_since(history: Path, okrctl: Run, since: str, message: str) -> None:
    today = "0001-01-02" if since == "9999d" else TODAY
    result = okrctl("digest", "--since", since, "--today", today)
    assert result.code == 2 and result.out == "" and result.err.startswith(message)


def test_the_stale_list_follows_the_configuration(history: Path, okrctl: Run) -> None:
    def stale() -> list[tuple[str, str]]:
        document = json.loads(
            okrctl("digest", "--since", "7d", "--today", TODAY, "--format", "json").out
        )
        return [(s["objective"], s["key_result"]) for s in document["stale"]]

    assert len(stale()) == 4
    (history / "okrctl.yaml").write_text("rules:\n  stale-key-result:\n    max_days: 60\n")
    assert stale() == []
    (history / "okrctl.yaml").write_text("rules:\n  stale-key-result: off\n")
    assert stale() == []


def test_compare_is_pure_and_what_the_site_calls(history: Path) -> None:
    now = engine.check_repository(history, config=Config(), today=D(2026, 11, 22)).cascade
    found = digest(history, D(2026, 11, 22) - WEEK, D(2026, 11, 22), current=now)
    assert found.since == D(2026, 11, 15)
    same = compare(now, now, since=D(2026, 11, 22), today=D(2026, 11, 22))
    assert same.of("added", "removed", "dropped", "graded", "target", "baseline", "score") == ()
    assert all(u.checkins == 0 for u in same.checkins)
    unknown = compare(None, now, since=D(2026, 11, 15), today=D(2026, 11, 22))
    assert unknown.changes == () and unknown.checkins == () and unknown.stale


def test_the_example_organisation(tmp_path: Path, monkeypatch, okrctl: Run) -> None:
    """okrs/ in a repository of its own whose history is a week of check-ins."""
    root = tmp_path / "repo"
    init(root)
    shutil.copytree(REPO / "okrs", root / "okrs")
    shutil.copy(REPO / "okrctl.yaml", root / "okrctl.yaml")
    commit(root, "the example organisation", dt.date(2026, 11, 14))
    monkeypatch.chdir(root)
    assert (
        okrctl(
            "checkin", "lite-conversion-q4", "conversion-rate", "14.1", "--date", "2026-11-20"
        ).code
        == 0
    )
    commit(root, "a check-in", dt.date(2026, 11, 20))
    document = json.loads(
        okrctl("digest", "--since", "7d", "--today", TODAY, "--format", "json").out
    )
    assert ("score", "lite-conversion-q4") in {
        (c["kind"], c["objective"]) for c in document["changes"]
    }
    assert {u["unit"]: u["checkins"] for u in document["checkins"]}["field-sales"] == 1
    assert not {c["kind"] for c in document["changes"]} & {"added", "removed"}


def test_files_unchanged_since_are_taken_from_the_work_tree_alike(history: Path) -> None:
    """Reading only the changed files gives the digest reading every file gives, also with
    uncommitted edits and a new file not yet added to git."""
    sell = history / "okrs/2026-Q4/sales/sell-q4.yaml"
    sell.write_text(sell.read_text().replace("target: 90", "target: 70"))
    write(history, objective("new-q4", "sales", "ben", [numeric("n", []), numeric("m", [])]))
    now = engine.check_repository(history, config=Config(), today=D(2026, 11, 22)).cascade
    for since in (D(2026, 11, 6), D(2026, 11, 12), D(2026, 11, 16)):
        everything, commit_read, _ = read_baseline(history, since)
        fast = digest(history, since, D(2026, 11, 22), current=now)
        assert fast == compare(
            everything, now, since=since, today=D(2026, 11, 22), baseline=commit_read
        )
        assert ("added", "new-q4") in {(c.kind, c.objective) for c in fast.changes}
    assert ("target", "sell-q4", "deals") in {
        (c.kind, c.objective, c.key_result) for c in fast.changes
    }


def test_a_large_digest_lists_fifty_of_each_and_stays_under_githubs_limit() -> None:
    changes = tuple(
        Change(
            kind="status",
            objective=f"o{i:04d}",
            key_result=None,
            before="on track",
            after="at risk",
            title="'" * 300,
            unit="u",
        )
        for i in range(400)
    )
    stale = tuple(
        Stale(objective=f"o{i:04d}", key_result="k", title="t" * 200, unit="u", last=None, days=9)
        for i in range(400)
    )
    found = Digest(
        since=D(2026, 11, 15), as_of=D(2026, 11, 22), baseline=None, changes=changes, stale=stale
    )
    text = markdown(found)
    assert len(text) < 60_000
    assert 0 < text.count("on track → at risk") < 50
    assert text.endswith("…the digest is cut here: `okrctl digest --format json` has all of it.\n")
    assert len(json.loads(as_json(found))["changes"]) == 400
    short = Digest(since=D(2026, 11, 15), as_of=D(2026, 11, 22), baseline=None, stale=stale)
    text = markdown(short)
    assert text.count("no check-in yet") == 50
    assert text.endswith("- …and 350 more (`okrctl digest --format json` lists them all)\n")
