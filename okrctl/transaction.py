"""Changing several files of a repository all at once or not at all, one writer at a time.

Every command that writes files of the repository (`checkin`, `sync`, `grade`, `close`, `new`,
`codeowners`, `schema`) hands its new contents to `commit`, which:

1. holds the repository's write lock (`fcntl.flock` on a lock file in okrctl's state folder,
   `.git/okrctl/`), so that two okrctl commands never edit the repository at the same time;
2. compares each file's bytes with the bytes the change was computed from (compare-and-swap):
   a file someone else changed in the meantime is a `Conflict` and nothing is written;
3. writes every new content, and a copy of every old one, into a transaction folder in the state
   folder (never next to the files: no temporary file ever appears in the repository);
4. writes the journal (the list of files) and renames it into place: this is the commit point;
5. renames each new content over its file, then deletes the transaction folder.

A process killed before step 4 leaves a transaction folder without a journal: the next okrctl
run deletes it (every file is as it was). Killed during step 5, it leaves a journal: the next
run finishes the renames (every file is new). An error during step 5 (a folder turned
read-only) puts the old contents back.

The state folder lives inside `.git` (or the folder `.git` names, for a worktree), on the same
file system as the files, so that each rename is atomic; a folder that is not a git repository,
or whose git folder is on another file system, uses `.okrctl/` at its root (removed when done).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from okrctl.errors import UsageError
from okrctl.files import write_atomic

STATE = "okrctl"
"""The state folder's name inside the git folder."""
FALLBACK_STATE = ".okrctl"
"""The state folder at the root of a folder that is not a git repository."""
LOCK = "lock"
JOURNAL = "journal.json"
PREFIX = "tx-"

ENVIRONMENT_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}
)
"""Errors of the machine, not of okrctl: a full disk, a read-only file system, no permission."""


class WriteFailed(UsageError):
    """The repository could not be written (a full disk, a read-only file system); nothing was
    changed. Exit code 2, like any other problem of the environment okrctl runs in."""


class Conflict(Exception):
    """A file changed on disk after okrctl read it; nothing was written (exit code 1)."""


@dataclass(frozen=True)
class Write:
    """A new content for one file of the repository."""

    file: str
    """The path relative to the repository root, with `/`."""
    data: bytes
    expected: bytes | None
    """The bytes the new content was computed from; None: the file must not exist yet."""


def describe(error: OSError) -> str:
    """An OSError as one line: `No space left on device`."""
    return error.strerror or str(error)


# --------------------------------------------------------------------------- the state folder


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
"""Lock files this process holds, with how many `locked` blocks hold each."""


@contextlib.contextmanager
def locked(root: Path, enabled: bool = True) -> Iterator[None]:
    """Hold the repository's write lock; another okrctl process that writes waits for it.
    Holding it, finish or discard what an interrupted okrctl left (`recover`).

    Reentrant within one process. A repository whose state folder cannot be created (a
    read-only file system) is a WriteFailed. `enabled=False` (a dry run) takes no lock.
    """
    if not enabled:
        yield
        return
    state = state_dir(root)
    lock = (state / LOCK).absolute()
    if lock in _held:
        _held[lock] += 1
        try:
            yield
        finally:
            _held[lock] -= 1
        return
    handle = _acquire(root, state, lock)
    _held[lock] = 1
    try:
        recover(root)
        yield
    finally:
        del _held[lock]
        # the lock file goes while still locked, so nothing of okrctl's stays in the repository;
        # a process waiting on the old file notices (`_acquire`) and locks a new one
        with contextlib.suppress(OSError):
            lock.unlink()
        with contextlib.suppress(OSError):
            state.rmdir()  # only when empty
        os.close(handle)


def _acquire(root: Path, state: Path, lock: Path) -> int:
    """An open descriptor of the lock file, locked exclusively."""
    waiting = False
    while True:
        try:
            state.mkdir(parents=True, exist_ok=True)
            handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError:
            continue  # the holder removed the state folder between the two steps
        except OSError as exc:
            raise WriteFailed(
                f"cannot write to {root}: {describe(exc)}; nothing was changed"
            ) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not waiting:
                print("okrctl: waiting for another okrctl command writing here", file=sys.stderr)
                waiting = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.fstat(handle).st_ino == lock.stat().st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)  # the previous holder removed this file: lock the current one


# --------------------------------------------------------------------------- committing


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _write_file(path: Path, data: bytes, mode: int) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    path.chmod(mode)  # not narrowed by the umask: the file keeps its mode


def target_of(root: Path, file: str) -> Path:
    """Where `file` is really written: the target of a symbolic link (which stays a link), which
    must be inside the repository and outside `.git`."""
    path = root / file
    if not path.is_symlink():
        return path
    real = path.resolve()
    top = root.resolve()
    if not real.is_relative_to(top) or real.is_relative_to(top / ".git"):
        raise UsageError(
            f"{file} is a symbolic link to {real}, outside the repository; okrctl writes only "
            "inside it"
        )
    return real


def commit(root: Path, writes: Sequence[Write]) -> None:
    """Write every file of `writes`, or none (see the module's documentation)."""
    if not writes:
        return
    with locked(root):
        targets = [target_of(root, w.file) for w in writes]
        conflicts = [w.file for w, t in zip(writes, targets, strict=True) if _read(t) != w.expected]
        if conflicts:
            raise Conflict(
                f"{', '.join(conflicts)} changed on disk while okrctl was working on it; "
                "nothing was written: run the command again"
            )
        state = state_dir(root)
        try:
            folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=state))
        except OSError as exc:
            raise WriteFailed(
                f"cannot write to {state}: {describe(exc)}; nothing was changed"
            ) from exc
        try:
            entries = _stage(folder, writes, targets)
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise WriteFailed(f"cannot write: {describe(exc)}; nothing was changed") from exc
        try:
            _apply(folder, entries)
        except OSError as exc:
            _roll_back(folder, entries)
            raise WriteFailed(
                f"cannot write {_shown(root, exc)}: {describe(exc)}; nothing was changed"
            ) from exc
        shutil.rmtree(folder, ignore_errors=True)


def replace(root: Path, target: Path, data: bytes) -> None:
    """Replace one file: through `commit` when it is inside the repository at `root` (so that no
    temporary file is ever left there), else atomically beside it (`files.write_atomic`)."""
    top = root.resolve()
    where = target.parent.resolve() / target.name
    if not where.is_relative_to(top):
        write_atomic(target, data)
        return
    current = _read(where)
    commit(top, [Write(where.relative_to(top).as_posix(), data, current)])


def _shown(root: Path, exc: OSError) -> str:
    name = exc.filename
    if not isinstance(name, str):
        return str(root)
    with contextlib.suppress(ValueError):
        return Path(name).relative_to(root).as_posix()
    return name


def _stage(folder: Path, writes: Sequence[Write], targets: Sequence[Path]) -> list[dict[str, str]]:
    """Write the new and old contents and the journal; return the journal's entries."""
    entries = []
    for number, (write, target) in enumerate(zip(writes, targets, strict=True)):
        mode = target.stat().st_mode & 0o7777 if write.expected is not None else 0o644
        _write_file(folder / str(number), write.data, mode)
        entry = {
            "target": str(target.absolute()),
            "staged": str(number),
            "new": _digest(write.data),
        }
        if write.expected is not None:
            _write_file(folder / f"{number}.old", write.expected, mode)
            entry["old"] = _digest(write.expected)
        entries.append(entry)
        # a folder the renames cannot write into fails now, before anything is changed
        parent = _existing_parent(target)
        if not os.access(parent, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(parent))
    journal = folder / f"{JOURNAL}.part"
    _write_file(journal, json.dumps({"version": 1, "files": entries}).encode(), 0o644)
    journal.replace(folder / JOURNAL)  # the commit point
    _fsync_dir(folder)
    return entries


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _apply(folder: Path, entries: Sequence[dict[str, str]]) -> None:
    """Rename each staged content over its file (idempotent: a done step is skipped)."""
    touched: set[Path] = set()
    for entry in entries:
        staged = folder / entry["staged"]
        target = Path(entry["target"])
        if not staged.exists():
            continue  # renamed into place before an interruption
        target.parent.mkdir(parents=True, exist_ok=True)
        if "old" in entry:
            staged.replace(target)
        else:
            try:
                os.link(staged, target)
            except FileExistsError:
                if _read(target) != staged.read_bytes():
                    raise
            except OSError:  # a file system without hard links
                if target.exists():
                    raise
                staged.replace(target)
            staged.unlink(missing_ok=True)
        touched.add(target.parent)
    for parent in sorted(touched):
        _fsync_dir(parent)


def _roll_back(folder: Path, entries: Sequence[dict[str, str]]) -> None:
    """Put back every old content after a failed `_apply` (a file whose staged content is
    still in the folder was not changed)."""
    for entry in entries:
        target = Path(entry["target"])
        staged = folder / entry["staged"]
        current = _read(target)
        if current is None or _digest(current) != entry["new"]:
            continue
        with contextlib.suppress(OSError):
            if "old" in entry and not staged.exists():
                (folder / f"{entry['staged']}.old").replace(target)
            elif "old" not in entry:
                target.unlink()  # `commit` made sure it did not exist before
    shutil.rmtree(folder, ignore_errors=True)


def recover(root: Path) -> list[str]:
    """Finish or discard what an interrupted okrctl left in the state folder; the files whose
    change was finished. Call it holding the lock (`locked` does)."""
    state = state_dir(root)
    try:
        folders = sorted(p for p in state.iterdir() if p.name.startswith(PREFIX))
    except OSError:
        return []
    finished: list[str] = []
    for folder in folders:
        try:
            journal = json.loads((folder / JOURNAL).read_bytes())
        except FileNotFoundError:  # interrupted before the commit point: nothing changed
            shutil.rmtree(folder, ignore_errors=True)
            continue
        except (OSError, ValueError):
            continue
        entries = journal.get("files", []) if isinstance(journal, dict) else []
        pending = [e for e in entries if (folder / e["staged"]).exists() and _replayable(e)]
        try:
            _apply(folder, pending)
        except OSError as exc:
            print(
                f"okrctl: cannot finish an interrupted change in {folder}: {describe(exc)}",
                file=sys.stderr,
            )
            continue
        finished += [_relative(root, Path(e["target"])) for e in pending]
        shutil.rmtree(folder, ignore_errors=True)
    for file in finished:
        print(f"okrctl: finished an interrupted change: {file}", file=sys.stderr)
    return finished


def _replayable(entry: dict[str, str]) -> bool:
    """The file is still as it was before the change (nobody edited it since the crash)."""
    current = _read(Path(entry["target"]))
    if "old" not in entry:
        return current is None or _digest(current) == entry["new"]
    return current is not None and _digest(current) in (entry["old"], entry["new"])


def _relative(root: Path, path: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(root.absolute()).as_posix()
    with contextlib.suppress(ValueError):
        return path.relative_to(root.resolve()).as_posix()
    return str(path)


def pending(root: Path) -> bool:
    """Whether an interrupted change waits in the state folder (cheap: one listing)."""
    try:
        return any(p.name.startswith(PREFIX) for p in state_dir(root).iterdir())
    except OSError:
        return False
