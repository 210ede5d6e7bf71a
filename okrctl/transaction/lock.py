"""okrctl's state folder in a repository, and the write lock kept in it.

The state folder lives inside `.git` (or the folder `.git` names, for a worktree), on the same
file system as the files, so that each rename of a transaction is atomic; a folder that is not a
git repository, or whose git folder is on another file system, uses `.okrctl/` at its root
(removed when done). The lock is a file lock on a file in that folder (the `filelock` library:
`flock` on POSIX, a byte-range lock on Windows, nothing POSIX-only imported here): two okrctl
commands never edit the repository at the same time.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from okrctl.transaction.failures import WriteFailed, describe

if TYPE_CHECKING:
    from filelock import BaseFileLock

STATE = "okrctl"
"""The state folder's name inside the git folder."""
FALLBACK_STATE = ".okrctl"
"""The state folder at the root of a folder that is not a git repository."""
LOCK = "lock"


def git_dir(root: Path) -> Path | None:
    """The repository's git folder: `.git`, or the folder a `.git` file names (a worktree)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():
        try:
            line = dot_git.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if line.startswith("gitdir:"):
            named = Path(line.removeprefix("gitdir:").strip())
            named = named if named.is_absolute() else root / named
            if named.is_dir():
                return named
    return None


def state_dir(root: Path) -> Path:
    """Where okrctl keeps its lock and transactions for the repository at `root`: in the git
    folder when it is on the same file system as the files (a rename across file systems is
    not atomic), else at the root."""
    found = git_dir(root)
    if found is not None:
        try:
            if found.stat().st_dev == root.stat().st_dev:
                return found / STATE
        except OSError:
            pass
    return root / FALLBACK_STATE


_held: dict[Path, int] = {}
"""Lock files this process holds, with how many `held` blocks hold each."""


@contextlib.contextmanager
def held(root: Path, enabled: bool = True) -> Iterator[bool]:
    """Hold the repository's write lock; another okrctl process that writes waits for it.
    Yields True when this block took the lock (the first to hold it in this process), False
    when the process held it already (reentrant) or `enabled` is False (a dry run: no lock).

    A repository whose state folder cannot be created (a read-only file system) is a
    WriteFailed.
    """
    if not enabled:
        yield False
        return
    state = state_dir(root)
    lock = (state / LOCK).absolute()
    if lock in _held:
        _held[lock] += 1
        try:
            yield False
        finally:
            _held[lock] -= 1
        return
    taken = _acquire(root, state, lock)
    _held[lock] = 1
    try:
        yield True
    finally:
        del _held[lock]
        _release(taken, state, lock)


def _acquire(root: Path, state: Path, lock: Path) -> BaseFileLock:
    """The repository's lock, taken: at once, or after saying that okrctl waits for it."""
    # imported here: only the commands that write pay for it (about 20 ms), not `check`
    from filelock import FileLock, Timeout

    waiting = False
    while True:
        try:
            state.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(
                f"cannot write to {root}: {describe(exc)}; nothing was changed"
            ) from exc
        taken = FileLock(lock, mode=0o644, thread_local=False)
        try:
            taken.acquire(timeout=-1 if waiting else 0)
        except Timeout:
            print("okrctl: waiting for another okrctl command writing here", file=sys.stderr)
            waiting = True
            continue
        except FileNotFoundError:
            continue  # the holder removed the state folder between the two steps
        except (OSError, NotImplementedError) as exc:  # a file system that cannot lock files
            raise WriteFailed(
                f"cannot lock {lock}: {exc}; nothing was changed"
                if isinstance(exc, NotImplementedError)
                else f"cannot write to {root}: {describe(exc)}; nothing was changed"
            ) from exc
        return taken


def _release(taken: BaseFileLock, state: Path, lock: Path) -> None:
    """Let the lock go, leaving nothing of okrctl's in the repository.

    On POSIX the lock file goes while still locked: a process that opened it meanwhile finds,
    once it has the lock, a file without a name, and `filelock` makes it lock the current one
    (removing it after the release could delete a file another process has just locked). On
    Windows a file that another process has open cannot be removed; `filelock` removes it on
    release when nobody else has it open."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            lock.unlink()
    taken.release()
    with contextlib.suppress(OSError):
        state.rmdir()  # only when empty
