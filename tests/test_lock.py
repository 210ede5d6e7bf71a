"""The repository's write lock (`okrctl.transaction.lock`): portable (the `filelock` library, no
`fcntl` import), exclusive across processes, reentrant within one, and gone when released."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from okrctl.transaction import lock
from tests.conftest import REPO

HOLDER = """\
import sys, time
from pathlib import Path
from okrctl.transaction.lock import held

root, signal_file = Path(sys.argv[1]), Path(sys.argv[2])
with held(root):
    (root / "held").write_text("yes")
    while not signal_file.exists():
        time.sleep(0.02)
    (root / "order").open("a").write("first\\n")
"""

WAITER = """\
import sys
from pathlib import Path
from okrctl.transaction.lock import held

root = Path(sys.argv[1])
with held(root):
    (root / "order").open("a").write("second\\n")
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_a_second_process_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    release = tmp_path / "release"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(root), str(release)], env=_env())
    try:
        _wait_for(root / "held")
        waiter = subprocess.Popen(
            [sys.executable, "-c", WAITER, str(root)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.5)
        assert waiter.poll() is None, "the second process did not wait"
        assert not (root / "order").exists()
        release.write_text("go")
        _, err = waiter.communicate(timeout=60)
        assert waiter.returncode == 0, err
        assert holder.wait(timeout=60) == 0
    finally:
        release.write_text("go")
        holder.wait(timeout=60)
    assert err == "okrctl: waiting for another okrctl command writing here\n"
    assert (root / "order").read_text() == "first\nsecond\n"
    # nothing of okrctl's is left: the lock file and the state folder went with the lock
    assert list((root / ".git").iterdir()) == []


def test_the_lock_is_reentrant_and_leaves_no_folder_outside_git(tmp_path: Path) -> None:
    with lock.held(tmp_path) as first:
        assert first is True
        assert (tmp_path / ".okrctl" / "lock").exists()
        with lock.held(tmp_path) as second:
            assert second is False
    assert not (tmp_path / ".okrctl").exists()
    with lock.held(tmp_path, enabled=False) as dry:
        assert dry is False
        assert not (tmp_path / ".okrctl").exists()


def test_a_lock_file_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    state = tmp_path / ".git" / "okrctl"
    state.mkdir(parents=True)
    (state / "lock").write_text("")  # its holder died: the operating system released the lock
    with lock.held(tmp_path) as taken:
        assert taken is True
    assert not state.exists()
