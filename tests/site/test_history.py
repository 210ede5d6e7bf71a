""" "As planned vs now" on the site: a goalpost moved after the period started shows on the unit
page and on the health page (louder for a closed period); without git, the site says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl.site import pages
from okrctl.site.view import SiteView
from tests.site.conftest import ACME, copy_repo
from tests.site.html_tree import Node, parse

OKRCTL = Path(sys.executable).parent / "okrctl"
Q4_FILE = "okrs/2026-Q4/sales/win-emea-q4.yaml"
Q3_FILE = "okrs/2026-Q3/sales/win-emea-q3.yaml"
RELIABLE = "okrs/2026-Q4/engineering/reliable-platform-q4.yaml"


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """acme as a git repository: planned before both periods started, then (on 2026-11-01) the
    Q4 deals target lowered from 12 to 10, the Q3 target from 5 to 4 and a key result added;
    built by `okrctl build` run as a subprocess."""
    root = copy_repo(ACME, tmp_path_factory.mktemp("history") / "acme")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "plan", date="2026-06-20T12:00:00+00:00")
    edit(root / Q4_FILE, "    target: 12\n", "    target: 10\n")
    edit(root / Q3_FILE, "    target: 5\n", "    target: 4\n")
    edit(
        root / Q4_FILE,
        "      - {date: 2026-11-18, value: 25}\n",
        "      - {date: 2026-11-18, value: 25}\n"
        "  - id: emea-partners\n"
        "    title: Resellers in Europe grow from 1 to 3\n"
        "    metric: emea-partners\n"
        "    unit: resellers\n"
        "    baseline: 1\n"
        "    target: 3\n",
    )
    git(root, "commit", "--quiet", "-am", "lower the bar", date="2026-11-01T09:00:00+00:00")
    # In the week before the build: a check-in that moves a score, and a dropped key result.
    edit(
        root / RELIABLE,
        "      - {date: 2026-11-01, value: 99.5}\n",
        "      - {date: 2026-11-01, value: 99.5}\n      - {date: 2026-11-19, value: 99.2}\n",
    )
    git(root, "commit", "--quiet", "-am", "check in", date="2026-11-19T09:00:00+00:00")
    done = subprocess.run(
        [str(OKRCTL), "build", "--today", "2026-11-22", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reading the plans from git history" in done.stderr
    return root / "public"


def read(site: Path, page: str) -> Node:
    return parse((site / page).read_text(encoding="utf-8")).find("article")


def kr_block(doc: Node, anchor: str) -> Node:
    heading = doc.find("h3", id=anchor)
    assert heading.parent is not None
    return heading.parent


def test_objective_page_shows_planned_vs_now_for_a_moved_goalpost(moved_site: Path) -> None:
    doc = read(moved_site, "objectives/win-emea-q4.html")
    moved = kr_block(doc, "win-emea-q4--emea-deals")
    assert moved.find("span", class_="okr-moved").words() == "goalpost moved"
    assert moved.find("p", class_="okr-planned").words() == (
        "Planned at period start: baseline 4 deals, target 12 deals; "
        "now: baseline 4 deals, target 10 deals"
    )
    kept = kr_block(doc, "win-emea-q4--emea-demos")
    assert kept.find_all("span", class_="okr-moved") == []
    assert kept.find_all("p", class_="okr-planned") == []
    added = kr_block(doc, "win-emea-q4--emea-partners")
    assert added.find_all("span", class_="okr-moved") == []
    assert "added after the plan" in added.find("div", class_="okr-scoreline").words()
    # The unit page's row says so too, in one line.
    unit = read(moved_site, "units/sales/2026-Q4.html")
    assert (
        unit.find("li", id="win-emea-q4--emea-deals")
        .words()
        .startswith("Closed deals in Europe grow from 4 to 12")
    )


def test_closed_period_page_shows_its_moved_goalpost(moved_site: Path) -> None:
    doc = read(moved_site, "objectives/win-emea-q3.html")
    moved = kr_block(doc, "win-emea-q3--first-deals")
    assert moved.find("p", class_="okr-planned").words() == (
        "Planned at period start: baseline 0 deals, target 5 deals; "
        "now: baseline 0 deals, target 4 deals"
    )


def test_health_page_lists_moved_goalposts_louder_for_closed_periods(moved_site: Path) -> None:
    doc = read(moved_site, "health.html")
    section = doc.find("h2", id="moved-goalposts").parent
    assert section is not None
    assert section.find_all(class_="okr-history-note") == []
    groups = section.find_all("div", class_="okr-moved-period")
    assert [g.find("h3").attrs["id"] for g in groups] == ["moved-2026-Q4", "moved-2026-Q3"]
    q4, q3 = groups
    assert "danger" not in (q4.attrs["class"] or "").split()
    assert "danger" in (q3.attrs["class"] or "").split()
    assert (
        q3.find("h3")
        .words()
        .startswith("Q3 2026 (closed): its grades were earned against moved goalposts")
    )
    [item] = q4.find_all("li")
    assert item.find("a").attrs["href"] == "objectives/win-emea-q4.html#win-emea-q4--emea-deals"
    assert item.words() == (
        "goalpost moved Closed deals in Europe grow from 4 to 12 "
        "(Win the European warehouse market, Sales): Planned at period start: "
        "baseline 4 deals, target 12 deals; now: baseline 4 deals, target 10 deals"
    )
    assert len(q3.find_all("li")) == 1


def test_without_git_the_site_says_history_is_unavailable(acme_site: Path) -> None:
    doc = read(acme_site, "health.html")
    section = doc.find("h2", id="moved-goalposts").parent
    assert section is not None
    [note] = section.find_all(class_="okr-history-note")
    assert note.find("p", class_="admonition-title").words() == "History unavailable"
    assert note.find_all("p")[1].words() == "This repository is not a git repository: no plans"
    assert str(acme_site.parent) not in (acme_site / "health.html").read_text(encoding="utf-8")
    unit = read(acme_site, "units/sales/2026-Q4.html")
    assert unit.find_all("span", class_="okr-moved") == []
    assert unit.find_all("p", class_="okr-planned") == []


def test_a_view_gathered_without_history_says_it_was_not_read(acme_view: SiteView) -> None:
    [health] = [page for page in pages.render_all(acme_view) if page.path == "health.md"]
    [note] = parse(health.body).find_all(class_="okr-history-note")
    assert note.words() == "History unavailable: this build did not read git history."


def test_home_shows_what_changed_in_the_week_as_okrctl_digest_does(moved_site: Path) -> None:
    home = read(moved_site, "index.html")
    assert home.find("h2", id="what-changed").words() == "What changed since 2026-11-15"
    shown = [
        (li.attrs["data-kind"], li.find("a").attrs["href"])
        for li in home.find_all("li", class_="okr-change")
    ]
    # The same computation as `okrctl digest`, for the week before the data's day.
    done = subprocess.run(
        [
            str(OKRCTL),
            "digest",
            "--since",
            "2026-11-15",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ],
        cwd=moved_site.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reported = json.loads(done.stdout)
    assert shown == [
        (
            c["kind"],
            f"objectives/{c['objective']}.html"
            + (f"#{c['objective']}--{c['key_result']}" if c["key_result"] else ""),
        )
        for c in reported["changes"]
    ]
    assert ("score", "objectives/reliable-platform-q4.html") in shown
    table = home.find("table", class_="okr-checked-in")
    assert [r.words() for r in table.find("tbody").find_all("tr")] == ["Engineering11"]


def test_a_build_of_a_commit_is_stamped_with_it_and_byte_identical(
    moved_site: Path, tmp_path: Path
) -> None:
    root = moved_site.parent
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    stamp = read(moved_site, "index.html").find("div", class_="okr-asof")
    assert stamp.words() == (
        f"Data as of 2026-11-22, built 2026-11-19 09:00 UTC from {commit[:10]} "
        "This page may be out of date. Its data is as of 2026-11-22, more than 14 days ago, "
        "longer than the 14-day check-in rhythm: statuses, what is due and what is stale have "
        "moved since."
    )  # the banner's words, hidden until okrctl.js finds the reader's day past the rhythm
    again = tmp_path / "again"
    done = subprocess.run(
        [str(OKRCTL), "build", "--today", "2026-11-22", "--out", str(again)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first = {
        p.relative_to(moved_site): p.read_bytes() for p in moved_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(name) for name in first if first[name] != second[name]] == []
    # A publish job may give the build's time (SOURCE_DATE_EPOCH): the stamp says so.
    later = tmp_path / "later"
    done = subprocess.run(
        [str(OKRCTL), "build", "--today", "2026-11-22", "--out", str(later)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795334400"},  # 2026-11-22 08:00 UTC
    )
    assert done.returncode == 0, done.stderr
    line = read(later, "index.html").find("p", class_="okr-asof-line").words()
    assert line == f"Data as of 2026-11-22, built 2026-11-22 08:00 UTC from {commit[:10]}"
