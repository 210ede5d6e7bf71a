"""Hostile input and a hostile machine give a finding or a usage error, never exit 3 (issue 14,
item 14): file names that are not UTF-8, periods in year 9999, `nan` for a number, and a full
disk or a read-only file system under every command that writes."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrctl import transaction
from okrctl.cli import run
from tests.conftest import REPO
from tests.lifecycle.conftest import FIXTURE, git, git_init, snapshot

pytestmark = pytest.mark.posix  # file names that are not UTF-8, tmpfs, symbolic links


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "OKRCTL_CACHE_DIR": str(home / "cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrctl", *args],
        cwd=root,
        env=_env(root.parent),
        capture_output=True,
        text=True,
        errors="surrogateescape",
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "repo"))


# --------------------------------------------------------------------------- file names


BAD_FILE = os.fsdecode(b"okrs/2026-Q4/sales/x\xffy.yaml")
BAD_FOLDER = os.fsdecode(b"okrs/2026-Q4/\xfe\xff")


@pytest.fixture
def badly_named(repo: Path) -> Path:
    """The small repository, committed, then a file and a folder named in Latin-1 added."""
    git_init(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    shutil.copy(repo / "okrs/2026-Q4/sales/leads-q4.yaml", repo / BAD_FILE)
    (repo / BAD_FOLDER).mkdir()
    shutil.copy(repo / "okrs/2026-Q4/acme/grow-q4.yaml", repo / BAD_FOLDER / "grow.yaml")
    return repo


def test_check_reports_a_name_that_is_not_utf8(badly_named: Path) -> None:
    for _ in range(2):  # the second run answers from the cache the first one wrote
        result = _run(badly_named, "check", "--today", "2026-11-22", "--format", "json")
        assert result.returncode == 1, result.stderr
        assert result.stderr == ""
        found = [line for line in result.stdout.splitlines() if "OKR109" in line]
        assert len(found) == 2
        assert "okrs/2026-Q4/sales/x\\\\xffy.yaml" in result.stdout  # JSON-escaped `\xff`
        assert "okrs/2026-Q4/\\\\xfe\\\\xff" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "text", "json"])
def test_diff_reports_a_name_that_is_not_utf8(badly_named: Path, fmt: str) -> None:
    result = _run(badly_named, "diff", "--format", fmt)
    assert result.returncode in (0, 1), result.stderr
    assert "x\\xffy" in result.stdout.replace("\\\\", "\\").replace("\\.", ".")
    git(badly_named, "add", "-A")
    git(badly_named, "commit", "-qm", "latin-1 names")
    base = _run(badly_named, "diff", "HEAD~1", "HEAD", "--format", fmt)
    assert base.returncode in (0, 1), base.stderr
    assert "internal error" not in base.stderr


# --------------------------------------------------------------------------- year 9999, nan


@pytest.mark.slow  # five inits, checks and site builds as subprocesses: about 20 s
@pytest.mark.parametrize(
    ("period", "start"),
    [("9999-Q4", "9999-10-01"), ("9999-12", "9999-12-01"), ("9999-H2", "9999-07-01"),
     ("9999", "9999-01-01"), ("0001-Q1", "0001-01-01")],
)  # fmt: skip
def test_init_in_the_last_year_a_date_can_hold(tmp_path: Path, period: str, start: str) -> None:
    target = tmp_path / "repo"
    result = _run(tmp_path, "init", str(target), "--period", period, "--owner", "Ada")
    assert result.returncode == 0, result.stderr
    org = (target / "okrs" / "org.yaml").read_text()
    assert f"start: {start}" in org
    assert f"end: {period[:4]}-" in org
    assert _run(target, "check").returncode == 0
    build = _run(target, "build", "--today", start)
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf"])
def test_checkin_confidence_nan_is_a_usage_error(repo: Path, value: str) -> None:
    before = snapshot(repo)
    result = _run(
        repo, "checkin", "leads-q4", "demo-calls", "12", "--date", "2026-11-20",
        "--confidence", value,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Invalid value for '--confidence'" in result.stderr
    assert snapshot(repo) == before


# --------------------------------------------------------------------------- a hostile machine

WRITERS = [
    ("checkin", "leads-q4", "demo-calls", "12", "--date", "2026-11-20"),
    # The fixture's two key results nobody measured get their scores by hand (never graded 0).
    ("grade", "2026-Q4", "--score", "grow-q4/pricing-page=0", "--score", "leads-q4/demo-calls=0"),
    ("close", "2026-Q3", "--carry"),
    ("new", "objective", "--unit", "sales", "--period", "2026-Q4", "--title", "More demos"),
    ("codeowners",),
    ("schema",),
    ("build", "--today", "2026-11-22"),
    ("export", "--out", "export.json"),
    ("init", "fresh"),
]


def _mount(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A repository on its own small tmpfs, graded for 2026-Q3 so that `close` can run."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    where = tmp_path / "mnt"
    _mount(where, "size=4m,mode=0755")
    try:
        root = where / "repo"
        shutil.copytree(FIXTURE, root)
        (root / ".git").mkdir()
        assert _run(root, "grade", "2026-Q3").returncode == 0
        yield root
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    """Fill the file system holding `folder` to the last byte."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        size = 65536
        while size:
            try:
                os.write(handle, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                size //= 2
    finally:
        os.close(handle)


def _one_line_and_nothing_changed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (1, 2), (result.returncode, result.stdout, result.stderr)
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("okrctl:")]
    assert lines, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("args", WRITERS, ids=[args[0] for args in WRITERS])
def test_a_full_disk_is_one_line_and_damages_nothing(mounted: Path, args: tuple[str, ...]) -> None:
    if args[0] == "build":  # build a first site, to see it survive
        assert _run(mounted, *args).returncode == 0
    before = {k: v for k, v in snapshot(mounted).items() if not k.startswith(".git/")}
    _fill(mounted.parent)
    result = _run(mounted, *args)
    _one_line_and_nothing_changed(result)
    (mounted.parent / "filler").unlink()
    after = {k: v for k, v in snapshot(mounted).items() if not k.startswith(".git/")}
    assert after == before
    assert not [p for p in mounted.parent.iterdir() if p.name.startswith(".")]
    assert not [p for p in mounted.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.slow
@pytest.mark.parametrize("args", WRITERS, ids=[args[0] for args in WRITERS])
def test_a_read_only_file_system_is_one_line_and_damages_nothing(
    mounted: Path, args: tuple[str, ...]
) -> None:
    if args[0] == "build":
        assert _run(mounted, *args).returncode == 0
    before = snapshot(mounted)
    subprocess.run(["mount", "-o", "remount,ro", str(mounted.parent)], check=True)
    try:
        result = _run(mounted, *args)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(mounted.parent)], check=True)
    _one_line_and_nothing_changed(result)
    assert snapshot(mounted) == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EDQUOT])
def test_a_failing_write_is_one_line_without_root(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
) -> None:
    """The same without mounting anything (CI runs unprivileged): every write fails."""

    def failing(path: Path, data: bytes, mode: int) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(transaction, "_write_file", failing)
    monkeypatch.chdir(repo)
    (repo / ".git").mkdir()
    before = snapshot(repo)
    for args in (WRITERS[0], WRITERS[1], WRITERS[3], ("schema",), ("codeowners",)):
        assert run(list(args)) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 + err.count("note: "), err
        assert f"{os.strerror(code)}; nothing was changed" in err
        assert snapshot(repo) == before
