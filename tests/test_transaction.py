"""Multi-file edits are all-or-nothing, even when okrctl is killed at any step (issue 14, item 10).

Each test of the kill loop runs a real `okrctl` process that sends itself SIGKILL at the N-th
file-system step of its write (staging a file, the journal, each rename), for N = 1, 2, ... until
a run finishes. After every kill the repository must hold no temporary file, and the next okrctl
command must leave it all as before or all as after (between the kill and that run, the files
renamed so far are new: the journal says which are still to come).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl import transaction
from okrctl.transaction import Conflict, Write, WriteFailed, commit, journal
from tests.conftest import REPO
from tests.lifecycle.conftest import FIXTURE, snapshot

KILLER = """\
import os, signal, sys
from pathlib import Path
import okrctl.transaction as t

kill_at = int(os.environ["KILL_AT"])
steps = 0

def step():
    global steps
    steps += 1
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def around(function):
    def wrapped(*args, **kwargs):
        step()
        result = function(*args, **kwargs)
        step()
        return result
    return wrapped

t._write_file = around(t._write_file)
t._fsync_dir = around(t._fsync_dir)
t.os.link = around(os.link)
Path.replace = around(Path.replace)
Path.unlink = around(Path.unlink)
from okrctl.cli import main
main(sys.argv[1:])
"""


def _env(home: Path, kill_at: int | None = None) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "OKRCTL_CACHE_DIR": str(home / "cache"),
    }
    if kill_at is not None:
        env["KILL_AT"] = str(kill_at)
    return env


def _okrctl(root: Path, *args: str, kill_at: int | None = None) -> subprocess.CompletedProcess[str]:
    argv = (
        [sys.executable, "-c", KILLER] if kill_at is not None else [sys.executable, "-m", "okrctl"]
    )
    return subprocess.run(
        [*argv, *args],
        cwd=root,
        env=_env(root.parent, kill_at),
        capture_output=True,
        text=True,
        check=False,
    )


def _files(root: Path) -> dict[str, bytes]:
    """The repository's files, without okrctl's state folder inside `.git`."""
    return {k: v for k, v in snapshot(root).items() if not k.startswith(".git/")}


def _fresh(tmp_path: Path, name: str, source: Path = FIXTURE) -> Path:
    root = tmp_path / name
    shutil.copytree(source, root)
    (root / ".git").mkdir(exist_ok=True)
    return root


@pytest.mark.posix  # SIGKILL
@pytest.mark.slow
@pytest.mark.parametrize(
    ("setup", "args"),
    [
        (
            (),
            (
                "grade",
                "2026-Q4",
                "--regrade",
                "--score",
                "grow-q4/pricing-page=0",
                "--score",
                "leads-q4/demo-calls=0",
            ),
        ),
        (("grade", "2026-Q3"), ("close", "2026-Q3", "--carry")),
    ],
    ids=["grade", "close-carry"],
)
def test_killed_at_every_step_all_old_or_all_new(
    tmp_path: Path, setup: tuple[str, ...], args: tuple[str, ...]
) -> None:
    base = _fresh(tmp_path, "base")
    if setup:
        assert _okrctl(base, *setup).returncode == 0
    reference = _fresh(tmp_path, "reference", base)
    before = _files(reference)
    done = _okrctl(reference, *args)
    assert done.returncode == 0, done.stderr
    after = _files(reference)
    assert after != before
    outcomes = set()
    for kill_at in range(1, 200):
        root = _fresh(tmp_path, f"run-{kill_at}", base)
        run = _okrctl(root, *args, kill_at=kill_at)
        if run.returncode == 0:
            break
        assert run.returncode == -9, run.stderr
        left = _files(root)
        assert not [name for name in left if name.endswith(".tmp")], left.keys()
        assert set(left) <= set(after), "nothing but the files themselves in the repository"
        # the next okrctl run (any command) finishes or discards the interrupted change
        assert _okrctl(root, "check", "--today", "2026-11-22").returncode in (0, 1)
        settled = _files(root)
        assert settled in (before, after), f"killed at step {kill_at}: recovery mixed them"
        outcomes.add("new" if settled == after else "old")
        assert not transaction.pending(root)
        state = root / ".git" / "okrctl"  # at most the lock file, when killed just before it went
        assert not state.exists() or [p.name for p in state.iterdir()] in ([], ["lock"])
        shutil.rmtree(root)
    else:
        pytest.fail("the command never finished")
    assert kill_at > 8  # the loop went through the staging, the journal and the renames
    assert outcomes == {"old", "new"}


def test_commit_writes_every_file_or_none_on_a_conflict(tmp_path: Path) -> None:
    root = tmp_path
    (root / ".git").mkdir()
    (root / "a.yaml").write_bytes(b"a1\n")
    (root / "b.yaml").write_bytes(b"b1\n")
    commit(root, [Write("a.yaml", b"a2\n", b"a1\n"), Write("c/new.yaml", b"c\n", None)])
    assert (root / "a.yaml").read_bytes() == b"a2\n"
    assert (root / "c" / "new.yaml").read_bytes() == b"c\n"
    # b.yaml was changed by someone else since it was read: nothing is written
    with pytest.raises(Conflict, match=r"b\.yaml changed on disk"):
        commit(root, [Write("a.yaml", b"a3\n", b"a2\n"), Write("b.yaml", b"b2\n", b"b0\n")])
    assert (root / "a.yaml").read_bytes() == b"a2\n"
    with pytest.raises(Conflict):  # a file to create exists already
        commit(root, [Write("c/new.yaml", b"x\n", None)])
    assert sorted(p.name for p in root.rglob("*")) == [".git", "a.yaml", "b.yaml", "c", "new.yaml"]


@pytest.mark.posix  # file modes
def test_the_mode_of_a_file_is_kept(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    script = tmp_path / "a.yaml"
    script.write_bytes(b"1\n")
    script.chmod(0o640)
    commit(tmp_path, [Write("a.yaml", b"2\n", b"1\n")])
    assert script.stat().st_mode & 0o777 == 0o640


def test_a_full_disk_changes_nothing_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.yaml").write_bytes(b"a1\n")
    (tmp_path / "b.yaml").write_bytes(b"b1\n")
    real = transaction._write_file
    calls = []

    def full(path: Path, data: bytes, mode: int) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, mode)

    monkeypatch.setattr(transaction, "_write_file", full)
    with pytest.raises(WriteFailed, match="No space left on device; nothing was changed"):
        commit(tmp_path, [Write("a.yaml", b"a2\n", b"a1\n"), Write("b.yaml", b"b2\n", b"b1\n")])
    assert (tmp_path / "a.yaml").read_bytes() == b"a1\n"
    assert (tmp_path / "b.yaml").read_bytes() == b"b1\n"
    assert list((tmp_path / ".git").iterdir()) == []


def test_a_failed_rename_puts_back_the_files_already_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_bytes(b"old\n")
    real = Path.replace
    done: list[Path] = []

    def flaky(self: Path, target: Path) -> Path:
        if Path(target).suffix == ".yaml" and done and not self.name.endswith(".old"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))
        result = real(self, target)
        if Path(target).suffix == ".yaml":
            done.append(Path(target))
        return result

    monkeypatch.setattr(Path, "replace", flaky)
    with pytest.raises(WriteFailed, match="Read-only file system; nothing was changed"):
        commit(tmp_path, [Write(f"{n}.yaml", b"new\n", b"old\n") for n in ("a", "b", "c")])
    monkeypatch.setattr(Path, "replace", real)
    assert done  # one file had been renamed, and was put back
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == dict.fromkeys(
        ("a.yaml", "b.yaml", "c.yaml"), b"old\n"
    )
    assert list((tmp_path / ".git").iterdir()) == []


def test_the_state_folder_of_a_worktree_is_the_one_git_names(tmp_path: Path) -> None:
    gitdir = tmp_path / "main" / ".git" / "worktrees" / "w"
    gitdir.mkdir(parents=True)
    worktree = tmp_path / "w"
    worktree.mkdir()
    (worktree / ".git").write_text(f"gitdir: {gitdir}\n")
    (gitdir / "HEAD").write_text("ref: refs/heads/w\n")  # as `git worktree add` writes them
    (gitdir / "gitdir").write_text(f"{worktree / '.git'}\n")
    assert transaction.state_dir(worktree) == gitdir / "okrctl"
    commit(worktree, [Write("x.yaml", b"x\n", None)])
    assert sorted(p.name for p in worktree.iterdir()) == [".git", "x.yaml"]
    plain = tmp_path / "plain"  # not a git repository: a hidden folder, removed when done
    plain.mkdir()
    commit(plain, [Write("x.yaml", b"x\n", None)])
    assert sorted(p.name for p in plain.iterdir()) == ["x.yaml"]


@pytest.mark.posix  # a symbolic link
def test_a_symlink_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(b"1\n")
    (root / "a.yaml").symlink_to(outside)
    with pytest.raises(transaction.UsageError, match="outside the repository"):
        commit(root, [Write("a.yaml", b"2\n", b"1\n")])
    assert outside.read_bytes() == b"1\n"


def test_a_git_folder_on_another_file_system_stages_at_the_root(tmp_path: Path) -> None:
    """A rename from another file system is not atomic: the state folder moves to the root."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        gitdir = tmp_path / "gitdir"  # not on the tmpfs
        gitdir.mkdir()
        (mount / ".git").write_text(f"gitdir: {gitdir}\n")
        (gitdir / "HEAD").write_text("ref: refs/heads/w\n")
        (gitdir / "gitdir").write_text(f"{mount / '.git'}\n")
        assert transaction.state_dir(mount) == mount / ".okrctl"
        commit(mount, [Write("x.yaml", b"x\n", None)])
        assert sorted(p.name for p in mount.iterdir()) == [".git", "x.yaml"]
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize(
    "line",
    [
        {"target": "{outside}/created", "staged": "0"},  # creates a file anywhere
        {"target": "{root}/stolen", "staged": "{outside}/secret"},  # moves any file in
        {"target": "{root}/.git/hooks/pre-commit", "staged": "0"},  # into .git
        {"target": "{root}/../created", "staged": "0"},
        {"target": "created", "staged": "0"},  # not absolute
        {"target": "{root}/x", "staged": "../0"},
        {"target": "{root}/x"},  # no staged content: was a KeyError (exit 3)
    ],
)
def test_a_journal_an_archive_carries_changes_nothing_outside_the_transaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: dict[str, str]
) -> None:
    """A folder that is not a git repository keeps its state in `.okrctl/` at its root, which a
    downloaded archive of a repository can carry, journal and all."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"secret\n")
    folder = root / ".okrctl" / "tx-archived"
    folder.mkdir(parents=True)
    (folder / "0").write_bytes(b"payload\n")
    entry = {k: v.format(root=root, outside=outside) for k, v in line.items()}
    entry["new"] = journal.digest(b"payload\n")
    (folder / "journal.json").write_bytes(journal.encode([entry]))
    before = _files(root)
    commit(root, [Write("x.yaml", b"x\n", None)])
    assert sorted(p.name for p in outside.iterdir()) == ["secret"]
    assert (outside / "secret").read_bytes() == b"secret\n"
    after = _files(root)
    assert after.pop("x.yaml") == b"x\n"
    assert after == before  # the archived folder stays, reported; nothing else changed
    assert "not a change okrctl made" in capsys.readouterr().err


@pytest.mark.parametrize("pointer", ["{shared}", "../shared"])
def test_a_git_file_an_archive_carries_cannot_put_the_journal_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pointer: str
) -> None:
    """An unpacked archive's `.git` file may name any folder; one that does not name the
    repository back (as a worktree's or a submodule's git folder does) is not its git folder:
    okrctl's state stays at the root, and a journal planted in the named folder is not read."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    shared = tmp_path / "shared"  # a folder others can write to, looking like a git folder
    (shared / "okrctl" / "tx-planted").mkdir(parents=True)
    (shared / "HEAD").write_text("ref: refs/heads/main\n")
    planted = shared / "okrctl" / "tx-planted"
    (planted / "0").write_bytes(b"planted\n")
    entry = {"target": str(root / "okrs" / "planted.yaml"), "staged": "0"}
    entry["new"] = journal.digest(b"planted\n")
    (planted / "journal.json").write_bytes(journal.encode([entry]))
    (root / ".git").write_text(f"gitdir: {pointer.format(shared=shared)}\n")
    assert transaction.state_dir(root) == root / ".okrctl"
    commit(root, [Write("x.yaml", b"x\n", None)])
    assert not (root / "okrs" / "planted.yaml").exists()
    assert (root / "x.yaml").read_bytes() == b"x\n"
    assert sorted(p.name for p in (shared / "okrctl").iterdir()) == ["tx-planted"]
    assert not (root / ".okrctl").exists()  # removed when done


def _run_git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-c",
         "protocol.file.allow=always", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


def test_real_worktrees_and_submodules_keep_their_state_in_their_git_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    main = tmp_path / "main"
    main.mkdir()
    _run_git(main, "init", "-q", "-b", "main")
    (main / "a.yaml").write_text("a\n")
    _run_git(main, "add", "-A")
    _run_git(main, "commit", "-qm", "a")
    _run_git(main, "worktree", "add", "-q", str(tmp_path / "w"), "-b", "w")
    assert transaction.state_dir(tmp_path / "w") == main / ".git" / "worktrees" / "w" / "okrctl"
    outer = tmp_path / "outer"
    outer.mkdir()
    _run_git(outer, "init", "-q", "-b", "main")
    _run_git(outer, "submodule", "add", "-q", str(main), "sub")
    state = transaction.state_dir(outer / "sub")
    assert state.resolve() == (outer / ".git" / "modules" / "sub" / "okrctl").resolve()
