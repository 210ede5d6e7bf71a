"""The reminder and the issue-form check-in workflows, run from their YAML (`tests/lifecycle/
actions.py`) with a recording `gh` and `curl` on PATH: the calls they make for nothing due,
three people due, a check-in from an owner, from someone who owns nothing, and hostile issues.
Also: the same workflows are what `okrctl init` writes, and they pass actionlint and zizmor."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrctl.lifecycle.starter import Starter, files, quarter
from tests.conftest import REPO
from tests.gitops.test_workflows import zizmor
from tests.lifecycle import actions
from tests.lifecycle.organisation import (
    ORG,
    D,
    commit,
    init,
    numeric,
    objective,
    shift_dates,
    write,
)
from tests.lifecycle.test_issue_form import body as form_body
from tests.lifecycle.workflows_helpers import actionlint_files

WORKFLOWS = REPO / ".github" / "workflows"
REMIND = WORKFLOWS / "remind.yml"
CHECKIN = WORKFLOWS / "checkin.yml"
SKELETON = REPO / "okrctl" / "lifecycle" / "skeleton"
DAY = D(2026, 11, 22)
"""The day the organisations here are written for; their dates are moved to the real today."""
SHIFT = (dt.date.today() - DAY).days


def _today(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=SHIFT)


def _origin(tmp_path: Path, work: Path) -> Path:
    """`work` (a repository) as the bare `origin` the workflows check out and push to."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(origin)], check=True)
    return origin


def _calls(root: Path, *commands: str) -> list[list[str]]:
    """The recorded `gh` calls (their first two words among `commands`, if given)."""
    found = actions.state(root)["calls"]
    return [c["args"] for c in found if not commands or " ".join(c["args"][:2]) in commands]


def _bodies(root: Path, command: str) -> list[str]:
    return [c["body"] for c in actions.state(root)["calls"] if " ".join(c["args"][:2]) == command]


# --------------------------------------------------------------------------- reminders


def _people_due(root: Path, *, due: bool = True) -> None:
    """Three people with something due (ben, cai, dev), or nobody."""
    init(root)
    write(root, ORG)
    fresh = [(D(2026, 10, 2), 10), (D(2026, 11, 12), 40)]
    write(
        root,
        objective(
            "docs-q4", "engineering", "dev", [numeric("pages", fresh), numeric("guides", fresh)]
        ),
    )
    if due:
        write(
            root,
            objective(
                "old-q3",
                "sales",
                "ben",
                [numeric("a", fresh[:1]), numeric("b", [])],
                period="2026-Q3",
            ),
        )
        write(
            root,
            objective(
                "sell-q4",
                "sales",
                "ben",
                [numeric("deals", [(D(2026, 10, 20), 5)]), numeric("calls", fresh)],
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
    shift_dates(root, SHIFT)
    commit(root, "the organisation", _today(D(2026, 11, 12)))
    # a check-in two days ago: the week's digest has something to say
    docs = root / "okrs/2026-Q4/engineering/docs-q4.yaml"
    day = _today(D(2026, 11, 20)).isoformat()
    # the last key result's check-ins end the file
    docs.write_text(docs.read_text() + f"  - date: {day}\n    value: 50\n")
    commit(root, "a check-in", _today(D(2026, 11, 20)))


def _remind(
    tmp_path: Path,
    work: Path,
    *,
    issues: list[dict[str, Any]] | None = None,
    secrets: dict[str, str] | None = None,
    run: int = 0,
) -> actions.Run:
    root = tmp_path / f"run-{run}"
    stand_ins = actions.stand_ins(root / "bin", issues=issues)
    runner = actions.Runner(
        root,
        _origin(root, work),
        {"schedule": "7 7 * * 1"},
        secrets=secrets or {},
        stand_ins=stand_ins,
    )
    return runner.run(REMIND)


def _issue(number: int, title: str, body: str = "old") -> dict[str, Any]:
    return {
        "number": number,
        "title": title,
        "labels": ["okr-checkin"],
        "state": "open",
        "body": body,
    }


def test_nothing_due_makes_no_issue(tmp_path: Path) -> None:
    work = tmp_path / "work"
    _people_due(work, due=False)
    run = _remind(tmp_path, work)
    assert run.results == {"remind": "success", "chat": "success"}
    root = tmp_path / "run-0"
    assert _calls(root) == [
        [
            "label",
            "create",
            "okr-checkin",
            "--force",
            "--color",
            "FBCA04",
            "--description",
            "Check-ins and grades due (okrctl remind)",
        ],
        [
            "label",
            "create",
            "okr-checkin-form",
            "--force",
            "--color",
            "0E8A16",
            "--description",
            "A check-in from the issue form (okrctl checkin --from-issue-form)",
        ],
        [
            "issue",
            "list",
            "--label",
            "okr-checkin",
            "--state",
            "open",
            "--limit",
            "100",
            "--json",
            "number,title",
        ],
    ]
    assert actions.state(root)["curl"] == []


def test_three_people_due_get_one_issue_kept_up_to_date(tmp_path: Path) -> None:
    work = tmp_path / "work"
    _people_due(work)
    run = _remind(tmp_path, work, issues=[_issue(7, "OKR check-ins due: 2026-Q3")])
    assert run.results == {"remind": "success", "chat": "success"}
    root = tmp_path / "run-0"
    assert _calls(root, "issue create", "issue edit", "issue comment", "issue close") == [
        [
            "issue",
            "close",
            "7",
            "--comment",
            "A new period has started: the reminders are now "
            'in the issue "OKR check-ins due: 2026-Q4".',
        ],
        [
            "issue",
            "create",
            "--title",
            "OKR check-ins due: 2026-Q4",
            "--label",
            "okr-checkin",
            "--body-file",
            "remind.md",
        ],
        ["issue", "comment", "100", "--body-file", "digest.md"],
    ]
    body = _bodies(root, "issue create")[0]
    assert body.startswith("<!-- okrctl remind -->\n# OKR reminders for `2026-Q4`\n")
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## Ben Okafor (@Ben-GH)",
        "## Cai Wen (@cai-gh)",
        "## Dev Patel (@dev-gh)",
    ]
    digest = _bodies(root, "issue comment")[0]
    assert digest.startswith(f"## What changed in the OKRs since {_today(D(2026, 11, 15))}\n")
    assert "| Engineering | 1 | 1 |" in digest

    # the next week, unchanged: the issue is left as it is, the digest is posted
    state = actions.state(root)
    _remind(tmp_path, work, issues=state["issues"], run=1)
    assert _calls(
        tmp_path / "run-1", "issue create", "issue edit", "issue comment", "issue close"
    ) == [["issue", "comment", "100", "--body-file", "digest.md"]]

    # a stale key result checked in: the issue is edited
    sell = work / "okrs/2026-Q4/sales/sell-q4.yaml"
    day = _today(DAY).isoformat()
    sell.write_text(
        sell.read_text().replace(
            "- id: calls\n", f"  - date: {day}\n    value: 20\n- id: calls\n", 1
        )
    )
    commit(work, "deals checked in", _today(DAY))
    _remind(tmp_path, work, issues=actions.state(tmp_path / "run-1")["issues"], run=2)
    calls = _calls(tmp_path / "run-2", "issue create", "issue edit", "issue comment", "issue close")
    assert calls == [
        ["issue", "edit", "100", "--body-file", "remind.md"],
        ["issue", "comment", "100", "--body-file", "digest.md"],
    ]
    assert (
        "sell-q4/deals" in body
        and "sell-q4/deals" not in _bodies(tmp_path / "run-2", "issue edit")[0]
    )


def test_when_nothing_is_due_any_more_the_issue_closes(tmp_path: Path) -> None:
    work = tmp_path / "work"
    _people_due(work, due=False)
    _remind(tmp_path, work, issues=[_issue(100, "OKR check-ins due: 2026-Q4")])
    assert _calls(
        tmp_path / "run-0", "issue create", "issue edit", "issue comment", "issue close"
    ) == [
        ["issue", "comment", "100", "--body-file", "digest.md"],
        [
            "issue",
            "close",
            "100",
            "--comment",
            "Nothing is due any more: every check-in, grade and acknowledgement is done.",
        ],
    ]


def test_the_digest_goes_to_the_chat_webhook(tmp_path: Path) -> None:
    work = tmp_path / "work"
    _people_due(work)
    hook = "https://hooks.slack.com/services/T000/B000/XXXX"
    run = _remind(tmp_path, work, secrets={"OKRCTL_CHAT_WEBHOOK": hook})
    assert run.results["chat"] == "success"
    [call] = actions.state(tmp_path / "run-0")["curl"]
    assert call["args"][-2:] == ["--", hook] and "=https" in call["args"]
    digest = _bodies(tmp_path / "run-0", "issue comment")[0]
    assert call["payload"] == {"text": digest}


# --------------------------------------------------------------------------- check-ins


def _example(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    init(work)
    shutil.copytree(REPO / "okrs", work / "okrs")
    shutil.copy(REPO / "okrctl.yaml", work / "okrctl.yaml")
    shift_dates(work, SHIFT)
    commit(work, "the example organisation", dt.date.today())
    return work


def _form(**fields: str) -> str:
    """The check-in form as GitHub renders it, with no confidence unless one is given."""
    return form_body(**{"confidence": "_No response_", **fields})


def _event(
    body: str,
    sender: str = "tbecker-brightpath",
    action: str = "opened",
    label: str = "okr-checkin-form",
    opener: str | None = None,
) -> dict[str, Any]:
    """The event of an issue that `sender` opened (or `opener` did, and `sender` edited)."""
    return {
        "action": action,
        "issue": {
            "number": 7,
            "state": "open",
            "body": body,
            "labels": [{"name": label}],
            "user": {"login": opener or sender},
        },
        "sender": {"login": sender},
    }


def _checkin(
    tmp_path: Path, event: dict[str, Any], prs: list[dict[str, Any]] | None = None
) -> tuple[actions.Run, Path, Path]:
    work = _example(tmp_path)
    root = tmp_path / "run"
    stand_ins = actions.stand_ins(root / "bin", prs=prs)
    origin = _origin(root, work)
    run = actions.Runner(root, origin, event, stand_ins=stand_ins).run(CHECKIN)
    return run, root, origin


def _branches(origin: Path) -> list[str]:
    found = subprocess.run(
        ["git", "-C", str(origin), "branch", "--format=%(refname:short)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.split()


def test_a_checkin_from_the_owner_opens_a_pull_request(tmp_path: Path) -> None:
    run, root, origin = _checkin(tmp_path, _event(_form(note="Two reps send it the same day.")))
    assert run.results == {"record": "success", "pull-request": "success", "comment": "success"}
    assert run.outputs["record"] == {"recorded": "true"}
    assert _calls(root) == [
        ["auth", "setup-git"],
        [
            "pr",
            "list",
            "--head",
            "okrctl/checkin-7",
            "--state",
            "open",
            "--json",
            "url",
            "--jq",
            ".[0].url // empty",
        ],
        [
            "pr",
            "create",
            "--base",
            "main",
            "--head",
            "okrctl/checkin-7",
            "--title",
            "Check-in from issue #7",
            "--body",
            "Closes #7. okrctl recorded the check-in the "
            "issue's form asks for, from the key result's owner, the objective's owner or the "
            "unit's lead; review the numbers, then merge.",
        ],
        ["issue", "comment", "7", "--body-file", str(root / "runner/comment/temp/comment.md")],
    ]
    assert _branches(origin) == ["main", "okrctl/checkin-7"]
    changed = subprocess.run(
        ["git", "-C", str(origin), "diff", "--name-only", "main", "okrctl/checkin-7"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert changed.stdout == "okrs/2026-Q4/field-sales/lite-conversion-q4.yaml\n"
    comment = _bodies(root, "issue comment")[0]
    assert comment == (
        "The check-in is ready for review in https://github.com/acme/okrs/pull/100; this issue "
        "closes when it is merged.\n\n"
        "    okrs/2026-Q4/field-sales/lite-conversion-q4.yaml: demo-to-proposal 4 days -> "
        f"3.5 days on {dt.date.today()}\n"
    )


def test_an_edit_updates_the_same_pull_request(tmp_path: Path) -> None:
    open_pr = {
        "number": 50,
        "head": "okrctl/checkin-7",
        "state": "open",
        "url": "https://github.com/acme/okrs/pull/50",
    }
    run, root, _ = _checkin(tmp_path, _event(_form(value="3"), action="edited"), prs=[open_pr])
    assert run.results["pull-request"] == "success"
    assert _calls(root, "pr create") == []
    assert "https://github.com/acme/okrs/pull/50" in _bodies(root, "issue comment")[0]


def test_a_checkin_from_someone_who_owns_nothing(tmp_path: Path) -> None:
    run, root, origin = _checkin(tmp_path, _event(_form(), sender="jweber-brightpath"))
    assert run.results == {"record": "success", "pull-request": "skipped", "comment": "success"}
    assert _calls(root) == [
        ["issue", "comment", "7", "--body-file", str(root / "runner/comment/temp/comment.md")]
    ]
    assert _bodies(root, "issue comment")[0] == (
        "The check-in was not recorded. Edit the issue to correct the form; it is read again.\n\n"
        "    okrctl: @jweber-brightpath may not check in lite-conversion-q4/demo-to-proposal: "
        "only the key result's owner, the objective's owner or the lead of unit 'field-sales' "
        "may, by the `github` handle the organisation file gives them\n"
    )
    assert _branches(origin) == ["main"]


def test_an_owners_edit_of_someone_elses_issue_records_nothing(tmp_path: Path) -> None:
    # anyone may open the form's issue; when the key result's owner then edits it (its title,
    # a label's typo), GitHub sends `edited` with the owner as the sender: the stranger's
    # numbers were recorded and proposed as the owner's own check-in
    body = _form(value="0", note="Nothing sold.")
    event = _event(body, sender="tbecker-brightpath", action="edited", opener="mallory-x")
    run, root, origin = _checkin(tmp_path, event)
    assert run.results == {"record": "success", "pull-request": "skipped", "comment": "success"}
    assert run.outputs["record"] == {"recorded": "false"}
    assert _calls(root) == [
        ["issue", "comment", "7", "--body-file", str(root / "runner/comment/temp/comment.md")]
    ]
    assert _bodies(root, "issue comment")[0] == (
        "The check-in was not recorded. Edit the issue to correct the form; it is read again.\n\n"
        "    the form is read only when the person who opened the issue opens or edits it; "
        "open a new issue from the check-in form\n"
    )
    assert _branches(origin) == ["main"]


def test_an_issue_without_the_label_runs_nothing(tmp_path: Path) -> None:
    run, root, _ = _checkin(tmp_path, _event(_form(), label="bug"))
    assert run.results == {"record": "skipped", "pull-request": "skipped", "comment": "skipped"}
    assert _calls(root) == []


HOSTILE = {
    "an expression": (_form(value="${{ github.token }}"), "tbecker-brightpath"),
    "backticks and substitutions in the note": (
        _form(note="`touch pwned-backtick` $(touch pwned-subst) ${{ secrets.X }} '; touch pwned"),
        "tbecker-brightpath",
    ),
    "a newline aimed at GITHUB_OUTPUT": (
        _form(value="1\nrecorded=true\nurl=https://evil"),
        "tbecker-brightpath",
    ),
    "a note aimed at GITHUB_ENV": (
        _form(note="x\nGITHUB_ENV=pwned\nBASH_ENV=/tmp/pwned\n::set-env name=X::y"),
        "tbecker-brightpath",
    ),
    "a 1 MB value": (_form(note="y" * 1_000_000), "tbecker-brightpath"),
    "control characters": (_form(value="3\x1b]0;pwned\x07"), "tbecker-brightpath"),
    "an id with ../": (_form(objective="../../.github/workflows/checkin"), "tbecker-brightpath"),
    "a hostile author": (_form(), "$(touch pwned-author)"),
    "an author with a newline": (_form(), "tbecker-brightpath\nrecorded=true"),
}


RECORDED_AS_TEXT = {
    "backticks and substitutions in the note": "`touch pwned-backtick` $(touch pwned-subst) ${{ secrets.X }} '; touch pwned",
    "a note aimed at GITHUB_ENV": "x\\nGITHUB_ENV=pwned\\nBASH_ENV=/tmp/pwned\\n::set-env name=X::y",
}
"""Notes with these texts are the owner's words: recorded as they are (YAML-quoted)."""


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_issue_runs_nothing_and_forges_nothing(tmp_path: Path, case: str) -> None:
    body, sender = HOSTILE[case]
    run, root, origin = _checkin(tmp_path, _event(body, sender=sender))
    assert not list(tmp_path.rglob("pwned*"))
    record = [s for s in run.steps if s.job == "record"]
    assert [s.outputs for s in record] == [{"recorded": run.outputs["record"]["recorded"]}]
    assert all(s.env_file == "" for s in run.steps)
    assert set(run.outputs["record"]) == {"recorded"}
    comment = _bodies(root, "issue comment")[0].split("\n")
    assert comment[1] == "" and all(line.startswith("    ") for line in comment[2:-1])
    assert len("\n".join(comment)) < 5000
    if case in RECORDED_AS_TEXT:  # a note is text: recorded as written, nothing ran
        assert run.outputs["record"] == {"recorded": "true"}
        changed = subprocess.run(
            [
                "git",
                "-C",
                str(origin),
                "show",
                "okrctl/checkin-7:okrs/2026-Q4/field-sales/lite-conversion-q4.yaml",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert RECORDED_AS_TEXT[case] in changed
        assert _calls(root, "pr create")
        return
    assert run.outputs["record"] == {"recorded": "false"}
    assert run.results["pull-request"] == "skipped"
    assert _branches(origin) == ["main"]
    assert comment[0].startswith("The check-in was not recorded.")
    assert comment[2].startswith("    okrctl: ")


# --------------------------------------------------------------------------- shape


def _without_install(workflow: dict[str, Any]) -> dict[str, Any]:
    for job in workflow["jobs"].values():
        job["steps"] = [s for s in job["steps"] if s.get("name") != "Install okrctl"]
    return workflow


WRITTEN = files(Starter("Acme", "Ann Lee", quarter(dt.date(2026, 11, 22))))
"""What `okrctl init` writes (the templates filled in: okrctl's action pinned)."""


def test_the_workflows_init_writes_are_these_but_for_the_install_step() -> None:
    """The same jobs and scripts (so the tests above hold for both); only where okrctl's action
    comes from differs: this repository's own checkout, or a new one's pinned release."""
    for name in ("remind", "checkin"):
        ours = yaml.safe_load((WORKFLOWS / f"{name}.yml").read_text(encoding="utf-8"))
        written = yaml.safe_load(WRITTEN[f".github/workflows/{name}.yml"])
        installs = [
            s
            for job in written["jobs"].values()
            for s in job["steps"]
            if s.get("name") == "Install okrctl"
        ]
        assert len(installs) == 1  # one step of its own, whatever way it installs
        assert _without_install(written) == _without_install(ours)


def test_least_permissions_and_nothing_from_a_pull_request() -> None:
    remind = yaml.safe_load(REMIND.read_text())
    assert remind["permissions"] == {}
    assert set(remind[True]) == {"schedule", "workflow_dispatch"}
    assert remind["jobs"]["remind"]["permissions"] == {"contents": "read", "issues": "write"}
    assert remind["jobs"]["chat"]["permissions"] == {}
    checkin = yaml.safe_load(CHECKIN.read_text())
    assert checkin["permissions"] == {}
    assert checkin[True] == {"issues": {"types": ["opened", "edited"]}}
    jobs = checkin["jobs"]
    assert jobs["record"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    # the issue's text reaches no expression: only the event file is read, by jq
    text = CHECKIN.read_text()
    assert (
        "issue.body }}" not in text and "issue.title" not in text and "sender.login }}" not in text
    )
    for job in jobs.values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", "")
    publish = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    written = yaml.safe_load(WRITTEN[".github/workflows/publish.yml"])
    assert publish[True]["schedule"] == written[True]["schedule"] == [{"cron": "31 5 * * *"}]


def test_the_written_workflows_pass_actionlint_and_zizmor(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name in ("remind", "checkin", "publish"):
        (folder / f"{name}.yml").write_text(WRITTEN[f".github/workflows/{name}.yml"])
    files = sorted(folder.glob("*.yml"))
    done = actionlint_files(files, tmp_path)
    assert done.returncode == 0, done.stdout
    done = zizmor(*files)
    assert done.returncode == 0, done.stdout + done.stderr
    form = yaml.safe_load((SKELETON / "checkin-form.yml.tmpl").read_text())
    assert json.dumps(form["labels"]) == '["okr-checkin-form"]'
