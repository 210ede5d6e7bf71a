"""The one error handler: a bug exits 3 and leaves its traceback in okrctl's cache folder under a
stable name (`crash.log`, the latest crash), or on stderr when that folder cannot be written; a
user's mistake is one line and exit 1, 2 or 130."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from okrctl import __version__, cli, engine, transaction
from okrctl.errors import UsageError
from tests.conftest import CASES, REPO, child_env


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(CASES / "ok-minimal" / "okrs", root / "okrs")
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    return root


def _raising(error: BaseException) -> object:
    def explode(*args: object, **kwargs: object) -> None:
        raise error

    return explode


def _log_named_in(err: str) -> Path:
    assert err.count("\n") == 1, err  # one line: no traceback
    return Path(err.rsplit("the details are in ", 1)[1].rstrip(".\n"))


def test_a_bug_exits_3_and_its_traceback_is_in_the_crash_log(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(engine, "check_repository", _raising(RuntimeError("boom")))
    assert cli.run(["check", "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("okrctl: internal error: RuntimeError('boom'). This is a bug in okrctl")
    log = _log_named_in(err)
    assert log == tmp_path / "cache" / "crash.log"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"okrctl {__version__}"
    assert lines[1].startswith("time: 20")
    assert lines[2] == "argv: ['check', '--no-cache']"
    assert "Traceback (most recent call last):" in lines
    assert lines[-1] == "RuntimeError: boom"
    assert any("in explode" in line for line in lines)

    # the next crash replaces it: the log is always the latest, at the same place
    monkeypatch.setattr(engine, "check_repository", _raising(KeyError("again")))
    assert cli.run(["check", "--no-cache"]) == 3
    assert _log_named_in(capsys.readouterr().err) == log
    assert log.read_text(encoding="utf-8").splitlines()[-1] == "KeyError: 'again'"
    assert [p.name for p in log.parent.iterdir()] == ["crash.log"]


def test_an_unwritable_cache_folder_puts_the_traceback_on_stderr(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n")
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    monkeypatch.setattr(engine, "check_repository", _raising(RuntimeError("boom\x1b[31m")))
    assert cli.run(["check", "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: boom\\x1b[31m\n" in err and "\x1b" not in err
    assert err.splitlines()[-1].endswith("with the command you ran and the traceback above.")
    assert "the details are in" not in err
    assert not (tmp_path / "a-file" / "cache").exists()


def test_okrctl_debug_prints_the_traceback_as_well(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OKRCTL_DEBUG", "1")
    monkeypatch.setattr(engine, "check_repository", _raising(RuntimeError("boom")))
    assert cli.run(["check", "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert f"the details are in {tmp_path / 'cache' / 'crash.log'}." in err


@pytest.mark.skipif(
    sys.platform in ("darwin", "win32"), reason="XDG_CACHE_HOME is the cache folder on Linux/BSD"
)
def test_the_crash_log_is_in_xdg_cache_home_for_the_installed_command(
    repo: Path, tmp_path: Path
) -> None:
    """As a user runs it: a subprocess, no OKRCTL_CACHE_DIR, XDG_CACHE_HOME honoured. The bug is
    provoked by a `sitecustomize` that breaks the engine before okrctl starts."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import okrctl.engine\n"
        "def explode(*args, **kwargs):\n"
        "    raise RuntimeError('boom')\n"
        "okrctl.engine.check_repository = explode\n"
    )
    xdg = tmp_path / "xdg-cache"
    done = subprocess.run(
        [sys.executable, "-m", "okrctl", "check", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=repo,
        env=child_env(
            PYTHONPATH=f"{hook}{os.pathsep}{REPO}",
            XDG_CACHE_HOME=str(xdg),
            HOME=str(tmp_path / "home"),
        ),
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert _log_named_in(done.stderr) == xdg / "okrctl" / "crash.log"
    text = (xdg / "okrctl" / "crash.log").read_text(encoding="utf-8")
    assert "argv: ['check', '--no-cache']" in text
    assert text.rstrip().endswith("RuntimeError: boom")
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (UsageError("no okrs/ folder"), 2, "okrctl: no okrs/ folder\n"),
        (click.ClickException("bad option"), 2, "Error: bad option\n"),
        (transaction.Conflict("okrs/a.yaml changed"), 1, "okrctl: okrs/a.yaml changed\n"),
        (
            OSError(errno.ENOSPC, "No space left on device", "okrs/\udcff\x1b.yaml"),
            2,
            "okrctl: okrs/\\xff\\x1b.yaml: No space left on device\n",
        ),
        (OSError(errno.EROFS, "Read-only file system"), 2, "okrctl: Read-only file system\n"),
        (click.exceptions.Abort(), 130, "okrctl: aborted\n"),
        # click turns Ctrl-C in a command into Abort, after a line feed
        (KeyboardInterrupt(), 130, "\nokrctl: aborted\n"),
    ],
)
def test_a_users_mistake_is_one_line_and_no_log(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
    message: str,
) -> None:
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(engine, "check_repository", _raising(error))
    assert cli.run(["check", "--no-cache"]) == code
    assert capsys.readouterr().err == message
    assert not (tmp_path / "cache" / "crash.log").exists()


def test_an_os_error_of_okrctl_itself_is_a_bug(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a full disk or a permission: okrctl looked for a file it should have known was there."""
    monkeypatch.setenv("OKRCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(engine, "check_repository", _raising(FileNotFoundError(2, "gone", "x")))
    assert cli.run(["check", "--no-cache"]) == 3
    assert "internal error: FileNotFoundError(2, 'gone')" in capsys.readouterr().err
    assert (tmp_path / "cache" / "crash.log").is_file()


def test_ctrl_c_before_the_command_starts_is_an_interruption(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_recover", _raising(KeyboardInterrupt()))
    assert cli.run(["check"]) == 130
    assert capsys.readouterr().err == "okrctl: interrupted\n"
