"""`okrctl diff` end to end: a branch of a temporary repository changed the way a user would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitops.conftest import TODAY, Repo, init_repo, make_repo

SALES = "okrs/2026-Q4/sales/more-deals-q4.yaml"
FIELD = "okrs/2026-Q4/field/demos-q4.yaml"
OPS = "okrs/2026-Q4/ops/ship-faster-q4.yaml"
GROW_Q3 = "okrs/2026-Q3/acme/grow-q3.yaml"
GROW_Q4 = "okrs/2026-Q4/acme/grow-q4.yaml"

CHECKIN = """\
        value: 11
        confidence: 0.7
"""
NEW_CHECKIN = (
    CHECKIN
    + """\
      - date: 2026-11-20
        value: 15
        confidence: 0.8
"""
)


def base(repo: Repo) -> str:
    """The short id of the commit the branch started from."""
    return repo.git("merge-base", "main", "HEAD")[:7]


def progress(repo: Repo) -> None:
    """A check-in on one objective and a target moved in the closed period."""
    repo.edit(GROW_Q3, "target: 1500", "target: 1400")
    repo.edit(SALES, "current: 11\n", "current: 15\n")
    repo.edit(SALES, CHECKIN, NEW_CHECKIN)


def test_no_change_says_so(repo, okrctl):
    result = okrctl("diff", "--today", TODAY)
    assert result.code == 0
    assert result.out == (
        f"OKR changes: {base(repo)} (merge base with main) -> working tree\n"
        "no changes to OKR files\n"
        "scope: every file checked on both sides\n"
    )


def test_progress_confidence_and_a_goalpost_moved_in_a_closed_period(repo, okrctl):
    progress(repo)
    result = okrctl("diff", "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out == (
        f"OKR changes: {base(repo)} (merge base with main) -> working tree\n"
        "2 changed, 1 goalpost moved in a closed period\n"
        "changed grow-q3: Grow the installed base [acme, 2026-Q3]\n"
        "    goalpost moved: key result sensors target 1500 -> 1400  !! closed period\n"
        "changed more-deals-q4: Win starter-kit customers quickly [sales, 2026-Q4]\n"
        "    progress: key result deals current 11 -> 15\n"
        "    progress: key result deals check-in added: 2026-11-20: value 15, confidence 0.8\n"
        "    progress: score 0.37 -> 0.41\n"  # blended with demos-q4 below it
        "    confidence: key result deals 0.7 -> 0.8\n"
        "scope: every file checked on both sides\n"
    )


def test_markdown_for_the_job_summary(repo, okrctl):
    progress(repo)
    result = okrctl("diff", "--format", "markdown", "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out == (
        f"### OKR changes: {base(repo)} \\(merge base with main\\) → working tree\n"
        "\n"
        "2 changed · 1 goalpost moved in a closed period\n"
        "\n"
        "⚠️ **Goalposts moved in a closed period**\n"
        "\n"
        "- `grow-q3` (period `2026-Q3`): key result `sensors` target 1500 → 1400\n"
        "\n"
        "#### Changed (2)\n"
        "\n"
        "- `grow-q3`: Grow the installed base (unit `acme`, period `2026-Q3`)\n"
        "    - ⚠️ goalpost moved: key result `sensors` target 1500 → 1400\n"
        "- `more-deals-q4`: Win starter\\-kit customers quickly (unit `sales`, period `2026-Q4`)\n"
        "    - progress: key result `deals` current 11 → 15\n"
        "    - progress: key result `deals` check-in added: 2026\\-11\\-20: value 15, confidence 0\\.8\n"
        "    - progress: score 0.37 → 0.41\n"
        "    - confidence: key result `deals` 0.7 → 0.8\n"
        "\n"
        "<sub>Scope: every file checked on both sides.</sub>\n"
    )


def test_added_removed_renamed_and_moved(repo, okrctl):
    # An id renamed along with its file (git mv), its dependent updated.
    repo.git("mv", OPS, "okrs/2026-Q4/ops/same-day-q4.yaml")
    repo.edit("okrs/2026-Q4/ops/same-day-q4.yaml", "id: ship-faster-q4", "id: same-day-q4")
    repo.edit(FIELD, "  - ship-faster-q4", "  - same-day-q4")
    # Re-parented, and a key result swapped for another.
    repo.edit(FIELD, "parent: more-deals-q4", "parent: grow-q4")
    repo.edit(
        FIELD, "  - id: demo-kit\n    kind: milestone\n", "  - id: demo-day\n    kind: milestone\n"
    )
    # Moved to another unit, the file moved without telling git.
    shutil.move(repo.path / SALES, repo.path / "okrs/2026-Q4/field/more-deals-q4.yaml")
    repo.edit("okrs/2026-Q4/field/more-deals-q4.yaml", "unit: sales", "unit: field")
    # One added, one removed (the objectives that supported it lose their parent).
    repo.write(
        "okrs/2026-Q4/ops/fewer-returns-q4.yaml",
        repo.read("okrs/2026-Q4/ops/same-day-q4.yaml")
        .replace("id: same-day-q4", "id: fewer-returns-q4")
        .replace("Ship starter kits the day they are ordered", "Fewer kits come back")
        .replace("acknowledges:\n  - demos-q4\n", "")
        .replace("parent: grow-q4", "parent: grow-q3"),
    )
    repo.remove(GROW_Q4)
    result = okrctl("diff", "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[-1] == "scope: every file checked on both sides"
    # each finding by its file, line, column, severity and code; the wording is the rule's
    findings = [line.split(" ")[:4] for line in lines if line.startswith("introduced: ")]
    assert findings == [
        ["introduced:", "okrs/2026-Q4/field/demos-q4.yaml:10:9:", "error", "OKR304"],
        ["introduced:", "okrs/2026-Q4/field/more-deals-q4.yaml:10:9:", "error", "OKR304"],
        ["introduced:", "okrs/2026-Q4/ops/fewer-returns-q4.yaml:10:9:", "error", "OKR308"],
        ["introduced:", "okrs/2026-Q4/ops/same-day-q4.yaml:10:9:", "error", "OKR304"],
    ]
    assert all("'grow-q4'" in line for line in lines if " OKR304 " in line)
    assert lines[: -len(findings) - 1] == [
        f"OKR changes: {base(repo)} (merge base with main) -> working tree",
        "1 added, 1 removed, 3 changed, 4 findings introduced, 0 fixed",
        "added fewer-returns-q4: Fewer kits come back [ops, 2026-Q4]",
        "removed grow-q4: Grow the installed base with the starter kit [acme, 2026-Q4]",
        "changed demos-q4: Make every demo count [field, 2026-Q4]",
        "    moved: parent more-deals-q4 -> grow-q4",
        '    key results: removed demo-kit: "Every rep carries a demo kit"',
        '    key results: added demo-day: "Every rep carries a demo kit"',
        "    edited: depends_on: added same-day-q4, removed ship-faster-q4",
        "changed more-deals-q4: Win starter-kit customers quickly [field, 2026-Q4]",
        "    renamed: file okrs/2026-Q4/sales/more-deals-q4.yaml -> "
        "okrs/2026-Q4/field/more-deals-q4.yaml",
        "    moved: unit sales -> field",
        "    progress: score 0.37 -> 0.5",  # demos-q4 no longer supports it
        "changed same-day-q4: Ship starter kits the day they are ordered [ops, 2026-Q4]",
        "    renamed: file okrs/2026-Q4/ops/ship-faster-q4.yaml -> "
        "okrs/2026-Q4/ops/same-day-q4.yaml",
        "    renamed: id ship-faster-q4 -> same-day-q4",
    ]


def test_findings_fixed_and_a_file_that_no_longer_loads(repo, okrctl):
    repo.edit(FIELD, "parent: more-deals-q4", "parent: more-deal-q4")
    repo.commit("typo")
    repo.git("branch", "-f", "main", "HEAD")
    repo.edit(FIELD, "parent: more-deal-q4", "parent: more-deals-q4")
    repo.write(OPS, "id: ship-faster-q4\nkey_results: [\n")
    result = okrctl("diff", "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == "1 changed, 1 finding introduced, 1 fixed, 1 unreadable"
    assert lines[2:4] == [
        "changed demos-q4: Make every demo count [field, 2026-Q4]",
        "    moved: parent more-deal-q4 -> more-deals-q4",
    ]
    # The objective whose file broke is not reported as removed, and its dependents are not
    # told it is unknown: the broken file itself is the one finding.
    assert "ship-faster-q4" not in "\n".join(lines[:4])
    assert lines[4].startswith(f"introduced: {OPS}:3:1: error OKR100 ")
    assert lines[5].startswith(f"fixed: {FIELD}:10:9: error OKR304 ")
    assert "'more-deal-q4'" in lines[5]
    assert lines[6].startswith(f"unreadable in working tree: {OPS}: OKR100 3:1 ")


def test_a_file_that_did_not_load_in_the_base_is_not_an_addition(repo, okrctl):
    good = repo.read(OPS)
    repo.write(OPS, "kind: Objective\nid: ship-faster-q4\n")
    repo.commit("broken")
    repo.git("branch", "-f", "main", "HEAD")
    repo.write(OPS, good)
    result = okrctl("diff", "--format", "json", "--today", TODAY)
    document = json.loads(result.out)
    assert document["objectives"] == []
    assert [u["file"] for u in document["unreadable"]] == [OPS]
    assert document["unreadable"][0]["side"] == "base"
    assert [d["code"] for d in document["findings"]["fixed"]] == ["OKR200"]
    assert document["findings"]["introduced"] == []


def test_two_commits_ignore_the_working_tree(repo, okrctl):
    progress(repo)
    head = repo.commit("progress")
    repo.edit(FIELD, "title: Make every demo count", "title: Uncommitted")
    result = okrctl("diff", "main", head, "--format", "json", "--today", TODAY)
    document = json.loads(result.out)
    assert document["base"] == f"main ({base(repo)})"
    assert document["head"] == f"{head} ({head[:7]})"
    assert [o["id"] for o in document["objectives"]] == ["grow-q3", "more-deals-q4"]


def test_the_default_base_is_the_merge_base_with_main(repo, okrctl):
    repo.edit(FIELD, "title: Make every demo count", "title: Make each demo count")
    repo.commit("on the branch")
    repo.git("checkout", "-q", "main")
    repo.edit(OPS, "title: Ship starter kits the day they are ordered", "title: Ship kits fast")
    repo.commit("main moved on")
    repo.git("checkout", "-q", "change")
    document = json.loads(okrctl("diff", "--format", "json").out)
    assert [o["id"] for o in document["objectives"]] == ["demos-q4"]
    assert document["base"] == f"{base(repo)} (merge base with main)"


def test_the_base_branch_of_a_pull_request(repo, okrctl, monkeypatch):
    repo.git("branch", "release", "main")
    repo.git("checkout", "-q", "release")
    repo.edit(OPS, "title: Ship starter kits the day they are ordered", "title: Ship kits fast")
    release = repo.commit("release fix")
    repo.git("checkout", "-q", "-b", "fix", "release")
    repo.edit(FIELD, "title: Make every demo count", "title: Make each demo count")
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    document = json.loads(okrctl("diff", "--format", "json").out)
    assert document["base"] == f"{release[:7]} (merge base with release)"
    assert [o["id"] for o in document["objectives"]] == ["demos-q4"]


def test_hostile_titles_are_inert_in_markdown(repo, okrctl):
    title = '"<img src=x onerror=alert(1)> @everyone | `x` [a](javascript:b) *c* # d"'
    repo.edit(FIELD, "title: Make every demo count", f"title: {title}")
    result = okrctl("diff", "--format", "markdown", "--today", TODAY)
    line = next(line for line in result.out.splitlines() if line.startswith("- `demos-q4`"))
    assert line == (
        "- `demos-q4`: &lt;img src\\=x onerror\\=alert\\(1\\)&gt; @&#8203;everyone \\| \\`x\\` "
        "\\[a\\]\\(javascript:b\\) \\*c\\* \\#&#8203; d (unit `field`, period `2026-Q4`)"
    )
    assert "<img" not in result.out and "@everyone" not in result.out


def test_control_characters_never_reach_the_terminal(repo, okrctl):
    repo.edit(FIELD, "title: Make every demo count", 'title: "Make \\e[31mred\\e[0m count"')
    result = okrctl("diff", "--today", TODAY)
    assert "\x1b" not in result.out
    assert "changed demos-q4: Make \\x1b[31mred\\x1b[0m count [field, 2026-Q4]" in result.out


def test_json_output(repo, okrctl):
    progress(repo)
    document = json.loads(okrctl("diff", "--format", "json", "--today", TODAY).out)
    assert document["version"] == 1
    assert document["scope"] == {"mode": "full", "note": "every file checked on both sides"}
    grow = document["objectives"][0]
    assert grow == {
        "status": "changed",
        "id": "grow-q3",
        "old_id": None,
        "title": "Grow the installed base",
        "unit": "acme",
        "period": "2026-Q3",
        "file": GROW_Q3,
        "old_file": GROW_Q3,
        "changes": [
            {
                "category": "goalpost",
                "of": "key result",
                "ref": "sensors",
                "field": "target",
                "old": 1500.0,
                "new": 1400.0,
                "closed_period": True,
            }
        ],
    }


def test_output_is_the_same_every_time(repo, okrctl):
    progress(repo)
    repo.remove(GROW_Q4)
    first = okrctl("diff", "--format", "markdown", "--today", TODAY).out
    assert okrctl("diff", "--format", "markdown", "--today", TODAY).out == first


def test_an_okrctl_root_below_the_top_of_the_repository(tmp_path, okrctl, monkeypatch):
    top = tmp_path / "top"
    top.mkdir()
    make_repo(top / "planning")
    shutil.rmtree(top / "planning" / ".git")
    (top / "planning" / "okrctl.yaml").write_text("rules: {}\n")
    repo = init_repo(top)
    repo.commit("base")
    repo.edit("planning/" + FIELD, "title: Make every demo count", "title: Demos that count")
    monkeypatch.chdir(top / "planning")
    result = okrctl("diff", "--format", "json", "--today", TODAY)
    document = json.loads(result.out)
    assert [(o["id"], o["file"]) for o in document["objectives"]] == [("demos-q4", FIELD)]


# --------------------------------------------------------------------------- usage errors


def test_an_unknown_revision_is_a_usage_error(repo, okrctl):
    result = okrctl("diff", "no-such-branch")
    assert result.code == 2
    assert result.out == ""
    assert "unknown revision 'no-such-branch'" in result.err


def test_a_revision_is_never_taken_for_an_option(repo, okrctl):
    result = okrctl("diff", "--", "--output=/tmp/x")
    assert result.code == 2
    assert "'--output=/tmp/x' is not a revision" in result.err


def test_outside_a_git_repository(tmp_path, okrctl, monkeypatch):
    shutil.copytree(Path(__file__).parent / "fixture", tmp_path / "plain")
    (tmp_path / "plain" / "okrctl.yaml").write_text("rules: {}\n")
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = okrctl("diff")
    assert result.code == 2
    assert "is not inside a git repository" in result.err


def test_a_shallow_clone_says_how_to_fetch_the_base(repo, okrctl, tmp_path, monkeypatch):
    repo.edit(FIELD, "title: Make every demo count", "title: Demos that count")
    repo.commit("change")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "change", repo.path.as_uri(), clone],
        check=True,
    )
    monkeypatch.chdir(clone)
    result = okrctl("diff")
    assert result.code == 2
    assert "none of main, origin/main" in result.err and "fetch-depth: 0" in result.err
    result = okrctl("diff", "HEAD~1")
    assert result.code == 2
    assert "this is a shallow clone" in result.err and "fetch-depth: 0" in result.err


def test_as_a_subprocess(repo):
    progress(repo)
    okrctl = Path(sys.executable).parent / "okrctl"
    done = subprocess.run(
        [okrctl, "diff", "--format", "text", "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2 changed, 1 goalpost moved in a closed period"
    bad = subprocess.run([okrctl, "diff", "nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("okrctl: unknown revision 'nope'")


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_every_format_runs_on_an_empty_base(tmp_path, okrctl, monkeypatch, fmt):
    """A repository whose first commit had no OKR files yet: everything is added."""
    repo = init_repo(tmp_path / "r")
    repo.write("README.md", "plans\n")
    repo.commit("empty")
    shutil.copytree(Path(__file__).parent / "fixture" / "okrs", repo.path / "okrs")
    monkeypatch.chdir(repo.path)
    result = okrctl("diff", "--format", fmt, "--today", TODAY)
    assert result.code == 0, result.err
    assert "demos-q4" in result.out


def test_organisation_and_detail_changes(repo, okrctl):
    repo.edit("okrs/org.yaml", "    closed: true\n", "")
    repo.edit("okrs/org.yaml", "    lead: dee\n", "    lead: ada\n")
    repo.edit(
        "okrs/org.yaml",
        "  - id: dee\n",
        "  - id: eve\n    name: Eve Stone\n    unit: ops\n  - id: dee\n",
    )
    repo.edit(FIELD, "type: committed", "type: aspirational")
    repo.edit(FIELD, "owner: cy", "owner: eve")
    repo.edit(
        FIELD, "    kind: milestone\n", "    kind: milestone\n    weight: 2\n    done: true\n"
    )
    repo.edit(FIELD, "    baseline: 20\n", "    baseline: 22\n")
    result = okrctl("diff", "--today", TODAY)
    lines = result.out.splitlines()
    assert lines[1].startswith("1 changed, organisation changed, ")
    assert lines[2:12] == [
        "changed demos-q4: Make every demo count [field, 2026-Q4]",
        "    goalpost moved: key result demo-conversion baseline 20 -> 22",
        "    progress: key result demo-kit done no -> yes",
        "    progress: score 0.23 -> 0.79",
        "    edited: owner cy -> eve",
        "    edited: type committed -> aspirational",
        "    edited: key result demo-kit weight 1 -> 2",
        "organisation: unit ops lead dee -> ada",
        "organisation: person eve added",
        "organisation: period 2026-Q3 reopened",
    ]
    # The goalpost moved in 2026-Q4, and 2026-Q3 is no longer closed: nothing is loud.
    assert "!!" not in result.out


def test_every_changed_field_is_reported_notes_and_retrospectives_as_text(repo, okrctl):
    repo.edit(
        SALES,
        "parent: grow-q4\n",
        "parent: grow-q4\nretrospective: The second rep started late; <b>ramp</b> took 9 weeks.\n",
    )
    repo.edit(SALES, "    indicator: leading\n", "    indicator: lagging\n")
    repo.edit(
        SALES,
        "    title: Sales cycle falls from 30 to 14 days\n",
        "    title: Sales cycle falls from 30 to 14 days\n    description: Median, from the CRM.\n",
    )
    repo.edit(
        SALES,
        "        value: 11\n        confidence: 0.7\n",
        "        value: 11\n        confidence: 0.7\n      - date: 2026-11-20\n"
        "        note: Tracking in the dashboard, no data yet.\n",
    )
    repo.edit(
        FIELD,
        "  - id: demo-kit\n    kind: milestone\n",
        "  - id: demo-kit\n    status: dropped\n    dropped_reason: Kits are late.\n"
        "    kind: milestone\n",
    )
    result = okrctl("diff", "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "changed more-deals-q4: Win starter-kit customers quickly [sales, 2026-Q4]" in lines
    assert (
        '    edited: retrospective none -> "The second rep started late; <b>ramp</b> took 9 weeks."'
        in lines
    )
    assert "    edited: key result cycle indicator leading -> lagging" in lines
    assert "    edited: key result cycle description" in lines
    assert (
        '    progress: key result deals check-in added: 2026-11-20: note "Tracking in the dashboard, no data yet."'
        in lines
    )
    assert "    status: key result demo-kit active -> dropped" in lines
    assert '    status: key result demo-kit dropped_reason none -> "Kits are late."' in lines
    # Dropping a key result that scored 0 lifts the objective's score: reported too.
    assert any(line.startswith("    progress: score ") for line in lines)
    markdown = okrctl("diff", "--format", "markdown", "--today", TODAY).out
    assert "&lt;b&gt;ramp&lt;/b&gt;" in markdown and "<b>" not in markdown
