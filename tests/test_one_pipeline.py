"""One check for every command: `check`, `build` and its health page, `close` and `import`
report the same findings for the same repository, on every repository under tests/.

Each command is run the way it reports: `check` and `build` through the command line (JSON),
the health page as `build` renders it, `close` by the errors it refuses to close over, and
`import` by what its trial check finds in its scratch copy of the OKR files (against `check`
run on that copy: the copy holds no links and no git history, by design). Before, edits to a closed period (OKR820)
were added by `okrctl check` alone, so the site and the check disagreed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from okrctl import config as configuration
from okrctl.adopt import trial
from okrctl.cli import run
from okrctl.errors import UsageError
from okrctl.lifecycle.close import check_errors
from okrctl.lifecycle.repo import open_repository
from okrctl.site import build as site_build
from okrctl.site.templates import Page

TESTS = Path(__file__).resolve().parent
TODAY = "2026-11-22"
REPOSITORIES = sorted({p.parent for p in TESTS.rglob("okrs") if p.is_dir()})

Finding = tuple[str, str, int, int, str]
"""(code, file, line, column, severity)."""
_ATTRIBUTES = re.compile(
    r'<li data-code="([^"]*)" data-file="([^"]*)" data-line="(\d+)" data-column="(\d+)">(\w+) '
)


def _findings(document: dict[str, Any]) -> list[Finding]:
    return sorted(
        (f["code"], f["file"], f["line"], f["column"], f["severity"]) for f in document["findings"]
    )


def _json_before(text: str) -> dict[str, Any]:
    """The JSON report at the start of a command's output (`build` prints a summary after it)."""
    return json.JSONDecoder().raw_decode(text)[0] if text.startswith("{") else {"findings": []}


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[Finding]:
    capsys.readouterr()
    code = run(["check", "--format", "json", "--today", TODAY, "--no-cache"])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return _findings(json.loads(out))


def _build(
    root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[list[Finding], list[Finding] | None]:
    """What `okrctl build` reports, and what its health page lists (None: no site was built)."""
    rendered: list[Page] = []

    def pages_only(
        root: Path, work: Path, staged: Path, view: Any, pages: list[Page], *_: Any
    ) -> int:
        rendered.extend(pages)  # mkdocs itself is not the subject here
        return len(pages)

    monkeypatch.setattr(site_build, "_mkdocs", pages_only)
    capsys.readouterr()
    code = run(["build", "--format", "json", "--today", TODAY, "--out", str(out)])
    text = capsys.readouterr().out
    assert code in (0, 1), text
    health = next((p for p in rendered if p.path == "health.md"), None)
    if health is None:
        return _findings(_json_before(text)), None
    listed = [
        (code, unescape(file), int(line), int(column), severity)
        for code, file, line, column, severity in _ATTRIBUTES.findall(str(health.body))
    ]
    return _findings(_json_before(text)), sorted(listed)


def _closing(root: Path, today: dt.date) -> dict[str, list[Finding]] | None:
    """The errors `close` refuses to close each period over (None: no organisation to close)."""
    try:
        repository = open_repository(root)
    except UsageError:
        return None
    return {
        period.id: sorted(
            (d.code, d.file, d.line, d.column, str(d.severity))
            for d in check_errors(repository, period, today)
        )
        for period in repository.cascade.periods.values()
    }


def _imported(
    root: Path, scratch: Path, today: dt.date, capsys: pytest.CaptureFixture[str]
) -> tuple[list[Finding], list[Finding]]:
    """What `import`'s trial check finds in its scratch copy of the repository's OKR files (it
    reports the errors the planned files add to it), and what `check` finds in the same copy."""
    trial._copy(trial.discovered(root)[0], scratch)
    found = trial._errors(scratch, today, configuration.load(root, None))
    for name in ("okrctl.yaml", ".okrctl.yaml"):
        if (root / name).is_file():
            shutil.copy(root / name, scratch / name)
    imported = sorted((d.code, d.file, d.line, d.column, str(d.severity)) for d in found)
    if not (scratch / "okrs").is_dir():
        return imported, []
    os.chdir(scratch)
    try:
        return imported, _check(scratch, capsys)
    finally:
        os.chdir(root)


def _same_everywhere(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[Finding]:
    monkeypatch.chdir(root)
    today = dt.date.fromisoformat(TODAY)
    checked = _check(root, capsys)
    built, health = _build(root, tmp_path / "public", monkeypatch, capsys)
    assert built == checked, "build"
    if health is not None:
        assert health == checked, "the health page"
    closing = _closing(root, today)
    for period, errors in (closing or {}).items():
        files = {
            f"okrs/{period}/",
            *(
                e.file
                for e in open_repository(root).cascade.objectives.values()
                if e.objective.period == period
            ),
        }
        expected = [
            f
            for f in checked
            if f[4] == "error"
            and any(f[1] == n or (n.endswith("/") and f[1].startswith(n)) for n in files)
        ]
        assert errors == expected, f"close {period}"
    imported, checked_there = _imported(root, tmp_path / "import-copy", today, capsys)
    assert imported == checked_there, "import"
    return checked


@pytest.mark.parametrize(
    "root", REPOSITORIES, ids=[str(r.relative_to(TESTS)) for r in REPOSITORIES]
)
def test_every_command_reports_the_check_s_findings(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(root, copy, symlinks=True)
    _same_everywhere(copy, tmp_path, monkeypatch, capsys)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_an_edit_to_a_closed_period_is_a_finding_of_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(TESTS / "gitops/fixture", root)
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    _git(root, "init", "-q", "-b", "main")
    _git(
        root,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "start",
    )
    _git(root, "add", "-A")
    _git(
        root,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        "2026-Q3 closed",
    )
    grow = root / "okrs/2026-Q3/acme/grow-q3.yaml"
    grow.write_text(grow.read_text().replace("target: 1500", "target: 1400"))
    checked = _same_everywhere(root, tmp_path, monkeypatch, capsys)
    assert ("OKR820", "okrs/2026-Q3/acme/grow-q3.yaml") in {f[:2] for f in checked}
