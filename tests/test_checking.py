"""`okrctl check` end to end with the run cache: a hit only when nothing that matters changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl import checking, cli
from tests.conftest import CASES, REPO, child_env


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CASES / "ok-minimal" / "okrs", tmp_path / "okrs")
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts full checks (cache misses)."""
    from okrctl import engine

    calls: list[int] = []
    original = engine.check_repository

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_repository", counting)
    return calls


def test_unchanged_repository_is_answered_from_the_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _spy(monkeypatch)
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    first = capsys.readouterr().out
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    assert capsys.readouterr().out == first
    assert len(calls) == 1


def test_a_changed_byte_is_always_checked_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _spy(monkeypatch)
    target = repo / "okrs" / "2026-Q4" / "company" / "grow.yaml"
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    stat = target.stat()
    target.write_text(target.read_text().replace("owner: ana", "owner: anz"))
    # same size and the same modification time: only the content tells
    import os

    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cli.run(["check", "--today", "2026-11-22"]) == 1
    assert "unknown person or unit 'anz'" in capsys.readouterr().out
    assert len(calls) == 2


@pytest.mark.parametrize(
    "change",
    ["today", "config", "new-file", "removed-file"],
)
def test_what_else_invalidates_the_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    calls = _spy(monkeypatch)
    cli.run(["check", "--today", "2026-11-22"])
    day = "2026-11-22"
    if change == "today":
        day = "2026-11-23"
    elif change == "config":
        (repo / "okrctl.yaml").write_text("rules:\n  OKR600: off\n")
    elif change == "new-file":
        (repo / "okrs" / "x.yaml").write_text("a: 1\n")
    else:
        (repo / "okrs" / "2026-Q4" / "company" / "grow.yaml").unlink()
    cli.run(["check", "--today", day])
    assert len(calls) == 2


def test_corrupt_or_unwritable_cache_is_ignored(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    expected = capsys.readouterr().out
    for stored in (repo / "cache").glob("*.json"):
        stored.write_bytes(b"\x00{not json")
    assert cli.run(["check", "--today", "2026-11-22"]) == 0
    assert capsys.readouterr().out == expected
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(repo / "okrs" / "2026-Q4" / "company" / "grow.yaml"))
    assert cli.run(["check", "--today", "2026-11-22"]) == 0  # a file where the folder should be
    assert capsys.readouterr().out == expected


def test_no_cache_always_checks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    cli.run(["check", "--no-cache"])
    cli.run(["check", "--no-cache"])
    assert len(calls) == 2
    assert not (repo / "cache").exists()


def test_the_cache_lives_outside_the_repository(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OKRCTL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "xdg"))
    _, files = checking.check_cached(repo, [repo / "okrs"], today=None)
    assert files and list((repo.parent / "xdg" / "okrctl").glob("check-*.json"))
    assert not any(p.name.startswith("check-") for p in repo.rglob("*"))


def test_check_does_not_import_the_site_generator(repo: Path) -> None:
    probe = (
        "import sys; from okrctl.cli import run; code = run(['check', '--no-cache']);"
        "print(sorted(m for m in ('mkdocs', 'jinja2', 'okrctl.site') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=repo,
        capture_output=True,
        text=True,
        env=child_env(PYTHONPATH=str(REPO), OKRCTL_CACHE_DIR=str(repo / "c")),
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr
