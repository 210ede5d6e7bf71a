"""Changing several files of a repository all at once or not at all, one writer at a time.

Every command that writes files of the repository (`checkin`, `sync`, `grade`, `close`, `new`,
`codeowners`, `schema`) hands its new contents to `commit`, which:

1. holds the repository's write lock (a file lock, `filelock`, in okrctl's state folder,
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

This package holds the commit itself (steps 2 to 5) and the file-system steps it takes; beside
it, `lock` (the state folder and the lock), `journal` (the journal's format and the recovery of
an interrupted transaction) and `failures` (the exceptions).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from okrctl.errors import UsageError
from okrctl.files import write_atomic
from okrctl.transaction import journal
from okrctl.transaction.failures import ENVIRONMENT_ERRORS, Conflict, WriteFailed, describe
from okrctl.transaction.journal import JOURNAL, PREFIX, Entry, digest, pending, read
from okrctl.transaction.lock import git_dir, held, state_dir

__all__ = [
    "ENVIRONMENT_ERRORS",
    "Conflict",
    "UsageError",
    "Write",
    "WriteFailed",
    "commit",
    "describe",
    "git_dir",
    "locked",
    "pending",
    "recover",
    "replace",
    "state_dir",
    "target_of",
]


@dataclass(frozen=True)
class Write:
    """A new content for one file of the repository."""

    file: str
    """The path relative to the repository root, with `/`."""
    data: bytes
    expected: bytes | None
    """The bytes the new content was computed from; None: the file must not exist yet."""


@contextlib.contextmanager
def locked(root: Path, enabled: bool = True) -> Iterator[None]:
    """Hold the repository's write lock; another okrctl process that writes waits for it.
    Holding it, finish or discard what an interrupted okrctl left (`recover`).

    Reentrant within one process. A repository whose state folder cannot be created (a
    read-only file system) is a WriteFailed. `enabled=False` (a dry run) takes no lock.
    """
    with held(root, enabled) as taken:
        if taken:
            recover(root)
        yield


def recover(root: Path) -> list[str]:
    """Finish or discard what an interrupted okrctl left in the state folder; the files whose
    change was finished. Call it holding the lock (`locked` does)."""
    return journal.recover(root, _apply)


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
        targets = _compare(root, writes)
        folder = _open_folder(state_dir(root))
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
    current = read(where)
    commit(top, [Write(where.relative_to(top).as_posix(), data, current)])


def _compare(root: Path, writes: Sequence[Write]) -> list[Path]:
    """Step 2: where each write goes, once every file holds the bytes its change was computed
    from (else a Conflict)."""
    targets = [target_of(root, w.file) for w in writes]
    conflicts = [w.file for w, t in zip(writes, targets, strict=True) if read(t) != w.expected]
    if conflicts:
        raise Conflict(
            f"{', '.join(conflicts)} changed on disk while okrctl was working on it; "
            "nothing was written: run the command again"
        )
    return targets


def _open_folder(state: Path) -> Path:
    """A new, empty transaction folder in the state folder."""
    try:
        return Path(tempfile.mkdtemp(prefix=PREFIX, dir=state))
    except OSError as exc:
        raise WriteFailed(f"cannot write to {state}: {describe(exc)}; nothing was changed") from exc


def _shown(root: Path, exc: OSError) -> str:
    name = exc.filename
    if not isinstance(name, str):
        return str(root)
    with contextlib.suppress(ValueError):
        return Path(name).relative_to(root).as_posix()
    return name


_DIRECTORY = getattr(os, "O_DIRECTORY", None)
"""Opening a folder to flush its entries: POSIX only (Windows has no such flag, and flushes a
rename with the file system's own journal)."""
_NEW_FILE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)
"""Creating a staged file: never over one, not inherited by child processes (POSIX), and in
binary mode on Windows, where a descriptor opened without O_BINARY turns `\n` into `\r\n`."""


def _fsync_dir(folder: Path) -> None:
    if _DIRECTORY is None:
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | _DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _write_file(path: Path, data: bytes, mode: int) -> None:
    handle = os.open(path, _NEW_FILE, mode)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    path.chmod(mode)  # not narrowed by the umask: the file keeps its mode


def _stage(folder: Path, writes: Sequence[Write], targets: Sequence[Path]) -> list[Entry]:
    """Steps 3 and 4: write the new and old contents and the journal; return the journal's
    entries."""
    entries = []
    for number, (write, target) in enumerate(zip(writes, targets, strict=True)):
        mode = target.stat().st_mode & 0o7777 if write.expected is not None else 0o644
        _write_file(folder / str(number), write.data, mode)
        if write.expected is not None:
            _write_file(folder / f"{number}.old", write.expected, mode)
        entries.append(journal.entry(target, number, write.data, write.expected))
        # a folder the renames cannot write into fails now, before anything is changed
        parent = _existing_parent(target)
        if not os.access(parent, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(parent))
    written = folder / f"{JOURNAL}.part"
    _write_file(written, journal.encode(entries), 0o644)
    written.replace(folder / JOURNAL)  # the commit point
    _fsync_dir(folder)
    return entries


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _apply(folder: Path, entries: Sequence[Entry]) -> None:
    """Step 5, and the recovery's replay: rename each staged content over its file
    (idempotent: a done step is skipped)."""
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
            _create(staged, target)
        touched.add(target.parent)
    for parent in sorted(touched):
        _fsync_dir(parent)


def _create(staged: Path, target: Path) -> None:
    """Put a staged content in place of a file that did not exist, never over one that appeared
    since (unless it holds the same bytes: a replay after an interruption)."""
    try:
        os.link(staged, target)
    except FileExistsError:
        if read(target) != staged.read_bytes():
            raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise
        staged.replace(target)
    staged.unlink(missing_ok=True)


def _roll_back(folder: Path, entries: Sequence[Entry]) -> None:
    """Put back every old content after a failed `_apply` (a file whose staged content is
    still in the folder was not changed)."""
    for entry in entries:
        target = Path(entry["target"])
        staged = folder / entry["staged"]
        current = read(target)
        if current is None or digest(current) != entry["new"]:
            continue
        with contextlib.suppress(OSError):
            if "old" in entry and not staged.exists():
                (folder / f"{entry['staged']}.old").replace(target)
            elif "old" not in entry:
                target.unlink()  # `commit` made sure it did not exist before
    shutil.rmtree(folder, ignore_errors=True)
