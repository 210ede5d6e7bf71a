"""A transaction's journal, and finishing or discarding what an interrupted okrctl left.

Each transaction is a folder `tx-*` in the state folder (`lock.state_dir`). It holds every new
content (`0`, `1`, ...), a copy of every old one (`0.old`, ...) and, from the commit point on,
the journal `journal.json`:

    {"version": 1, "files": [{"target": "/abs/path", "staged": "0", "new": "<sha256>",
                              "old": "<sha256>"}]}

(no `old`: the file did not exist). A folder without a journal was interrupted before the commit
point: nothing changed, and `recover` deletes it. A folder with a journal was interrupted while
its contents were renamed into place: `recover` finishes the renames, for every file nobody has
edited since.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from okrctl.transaction.failures import describe
from okrctl.transaction.lock import state_dir

JOURNAL = "journal.json"
PREFIX = "tx-"
"""The start of a transaction folder's name."""

Entry = dict[str, str]
"""One file of the journal: `target`, `staged`, `new` and, for a file that existed, `old`."""

Replay = Callable[[Path, Sequence[Entry]], None]
"""Renames the staged contents of a transaction folder over their files (the commit's own last
step, `okrctl.transaction._apply`)."""


def digest(data: bytes) -> str:
    """How the journal names a content: its SHA-256."""
    return hashlib.sha256(data).hexdigest()


def read(path: Path) -> bytes | None:
    """The bytes of a file; None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def entry(target: Path, number: int, data: bytes, expected: bytes | None) -> Entry:
    """The journal's line for the `number`-th file: its new content `data` goes to `target`,
    which holds `expected` (None: it does not exist)."""
    line = {"target": str(target.absolute()), "staged": str(number), "new": digest(data)}
    if expected is not None:
        line["old"] = digest(expected)
    return line


def encode(entries: Sequence[Entry]) -> bytes:
    """The journal's bytes."""
    return json.dumps({"version": 1, "files": entries}).encode()


def pending(root: Path) -> bool:
    """Whether an interrupted change waits in the state folder (cheap: one listing)."""
    try:
        return any(p.name.startswith(PREFIX) for p in state_dir(root).iterdir())
    except OSError:
        return False


def recover(root: Path, replay: Replay) -> list[str]:
    """Finish or discard what an interrupted okrctl left in the state folder; the files whose
    change was finished. Call it holding the lock (`okrctl.transaction.locked` does)."""
    finished: list[str] = []
    for folder in _interrupted(state_dir(root)):
        finished += _settle(root, folder, replay)
    for file in finished:
        print(f"okrctl: finished an interrupted change: {file}", file=sys.stderr)
    return finished


def _interrupted(state: Path) -> list[Path]:
    """The transaction folders in the state folder, oldest name first."""
    try:
        return sorted(p for p in state.iterdir() if p.name.startswith(PREFIX))
    except OSError:
        return []


def _settle(root: Path, folder: Path, replay: Replay) -> list[str]:
    """Finish (with a journal) or delete (without one) one transaction folder; the files it
    finished. A folder whose journal cannot be read, or whose renames fail, stays for the next
    run."""
    try:
        journal = json.loads((folder / JOURNAL).read_bytes())
    except FileNotFoundError:  # interrupted before the commit point: nothing changed
        shutil.rmtree(folder, ignore_errors=True)
        return []
    except (OSError, ValueError):
        return []
    entries = _entries(root, journal)
    if entries is None:
        print(
            f"okrctl: {folder} is not a change okrctl made to this repository (it names files "
            "outside it); left as it is: delete it",
            file=sys.stderr,
        )
        return []
    todo = [e for e in entries if (folder / e["staged"]).exists() and replayable(e)]
    try:
        replay(folder, todo)
    except OSError as exc:
        print(
            f"okrctl: cannot finish an interrupted change in {folder}: {describe(exc)}",
            file=sys.stderr,
        )
        return []
    finished = [_relative(root, Path(e["target"])) for e in todo]
    shutil.rmtree(folder, ignore_errors=True)
    return finished


def _entries(root: Path, journal: object) -> list[Entry] | None:
    """The journal's lines, or None when it is not one `encode` wrote for this repository.

    In a folder that is not a git repository the state folder is `.okrctl/` at its root, which
    an archive of the repository can carry: a journal there must not make okrctl create files
    anywhere (`"target": "/home/me/.bashrc"`) or move any file into the repository
    (`"staged": "/home/me/.ssh/id_rsa"`). Every target must be a file of the repository outside
    `.git`, every staged content a file of the transaction folder."""
    files = journal.get("files") if isinstance(journal, dict) else None
    if not isinstance(files, list):
        return None
    top = root.resolve()
    for line in files:
        if not (
            isinstance(line, dict)
            and all(isinstance(v, str) for v in line.values())
            and {"target", "staged", "new"} <= line.keys()
            and line["staged"].isdigit()
            and _inside(top, Path(line["target"]))
        ):
            return None
    return files


def _inside(top: Path, target: Path) -> bool:
    """True when `target` (an absolute path) is in the repository at `top`, outside `.git`."""
    if not target.is_absolute():
        return False
    where = target.parent.resolve() / target.name
    return where.is_relative_to(top) and not where.is_relative_to(top / ".git")


def replayable(line: Entry) -> bool:
    """The file is still as it was before the change (nobody edited it since the crash)."""
    current = read(Path(line["target"]))
    if "old" not in line:
        return current is None or digest(current) == line["new"]
    return current is not None and digest(current) in (line["old"], line["new"])


def _relative(root: Path, path: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(root.absolute()).as_posix()
    with contextlib.suppress(ValueError):
        return path.relative_to(root.resolve()).as_posix()
    return str(path)
