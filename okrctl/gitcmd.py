"""Running `git` safely: thin wrappers around the `git` command line, for reading revisions.

This is the only module that starts `git`. It knows commits, trees, blobs and paths, not OKRs:
reading OKR files as they were in past commits is `okrctl.git_history`, and comparing two
revisions for a pull request (`okrctl diff`) is `okrctl.gitops`.

Every call runs `git` with an argument list (never a shell), never prompts, takes no optional
locks (reading never rewrites the index), and only reads: nothing here changes a repository.
Every call passes `HARDENING` first, so that the repository's own configuration cannot make a
read run a program: no file-system monitor (`core.fsmonitor` runs a command whenever git looks
at the work tree, as `git diff` against it does), no hooks, no pager, no external diff or
textconv, no `ext::` transport, no alternate-refs command. (A `.git/config` is not part of a
clone, so a pull request cannot set these; a repository copied from elsewhere can.)
A revision given by a user is refused when it starts with `-` and is passed after
`--end-of-options`, so it can never be taken for an option. Failures a user can fix (not a
repository, an unknown revision, history missing from a shallow clone) raise `GitError`, which
the command line reports with exit code 2.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from okrctl.errors import UsageError

SHALLOW_HINT = (
    "fetch the missing history with `git fetch --unshallow origin` (or "
    "`git fetch --depth=200 origin main`); in GitHub Actions, give actions/checkout "
    "`fetch-depth: 0`"
)


class GitError(UsageError):
    """git could not answer: the message says what is missing and how to get it."""


@dataclass(frozen=True)
class TreeEntry:
    """A file of a commit: its path from the repository's top, blob id and size in bytes."""

    path: str
    blob: str
    size: int


@dataclass(frozen=True)
class PathChange:
    """One line of `git diff --name-status`: `A`dded, `D`eleted, `M`odified, `R`enamed, ...

    `old` and `new` are equal except for renames and copies; an added file has no old path
    and a deleted one no new path.
    """

    status: str
    old: str | None
    new: str | None


HARDENING: tuple[str, ...] = (
    "-c", "core.fsmonitor=false",
    "-c", "core.untrackedCache=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.pager=cat",
    "-c", "core.alternateRefsCommand=",
    "-c", "diff.external=",
    "-c", "protocol.ext.allow=never",
    "-c", "core.quotePath=false",
)  # fmt: skip
"""Options given to every git command okrctl runs (see the module's documentation)."""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env["GIT_PAGER"] = "cat"
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GIT_SSH_COMMAND", "GIT_EDITOR"):
        env.pop(name, None)
    return env


def command(top: Path, args: Sequence[str]) -> list[str]:
    """The full command line of `git ARGS` in `top`, hardened."""
    return ["git", "-C", str(top), *HARDENING, *args]


def run(
    top: Path, args: Sequence[str], *, stdin: bytes | None = None, ok: Iterable[int] = (0,)
) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C top ARGS` and return its result; an exit code outside `ok` is a GitError."""
    try:
        result = subprocess.run(
            command(top, args), input=stdin, capture_output=True, check=False, env=_environment()
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed (or not on PATH); okrctl diff reads git") from exc
    if result.returncode not in tuple(ok):
        detail = result.stderr.decode("utf-8", "replace").strip() or f"exit {result.returncode}"
        raise GitError(f"`git {' '.join(args[:3])}` failed: {detail}")
    return result


def toplevel(start: Path) -> Path:
    """The top folder of the work tree that holds `start`."""
    try:
        result = run(start, ["rev-parse", "--show-toplevel"])
    except GitError as exc:
        raise GitError(
            f"{start} is not inside a git repository; okrctl diff compares git revisions "
            "(run it in a clone of your OKR repository)"
        ) from exc
    return Path(result.stdout.decode("utf-8").strip())


def _checked(revision: str) -> str:
    if not revision or revision.startswith("-") or "\x00" in revision:
        raise GitError(f"{revision!r} is not a revision: name a branch, a tag or a commit")
    return revision


def resolve(top: Path, revision: str) -> str | None:
    """The full commit id `revision` names, or None when this clone does not have it."""
    result = run(
        top,
        [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{_checked(revision)}^{{commit}}",
        ],
        ok=(0, 1, 128),
    )
    if result.returncode != 0:
        return None
    return result.stdout.decode("ascii").strip() or None


def is_shallow(top: Path) -> bool:
    result = run(top, ["rev-parse", "--is-shallow-repository"])
    return result.stdout.strip() == b"true"


def merge_base(top: Path, first: str, second: str) -> str | None:
    """The best common ancestor of two commits, or None when they share no history here."""
    result = run(top, ["merge-base", first, second], ok=(0, 1))
    text = result.stdout.decode("ascii").strip()
    return text or None


@dataclass(frozen=True)
class TreeRecord:
    """One line of `git ls-tree -l`: the entry's mode, kind (`blob`, `tree`, `commit` for a
    submodule), object id, size in bytes (0 for a folder or a submodule) and path from the top."""

    mode: str
    kind: str
    oid: str
    size: int
    path: str


def tree_records(
    top: Path, commit: str, folder: str | None, *, folders: bool = False
) -> list[TreeRecord]:
    """Every entry under `folder` (a path from the top; None: the whole tree) in `commit`, in
    git's order; with `folders`, the folders too (`-t`)."""
    args = ["ls-tree", "-r", "-l", "-z", "--full-tree", *(["-t"] if folders else []), commit]
    result = run(top, [*args, "--", folder] if folder is not None else args)
    records: list[TreeRecord] = []
    for record in result.stdout.split(b"\x00"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, oid, size = meta.decode("ascii").split()
        name = path.decode("utf-8", "surrogateescape")
        records.append(TreeRecord(mode, kind, oid, int(size) if size.isdigit() else 0, name))
    return records


def list_tree(top: Path, commit: str, folder: str) -> list[TreeEntry]:
    """Regular files under `folder` (a path from the top) in `commit`, sorted by path.

    Symbolic links and submodules are left out: a revision's OKR files are its blobs.
    """
    entries = [
        TreeEntry(r.path, r.oid, r.size)
        for r in tree_records(top, commit, folder)
        if r.kind == "blob" and r.mode in ("100644", "100755")
    ]
    entries.sort(key=lambda e: e.path)
    return entries


class BlobReader:
    """Reads blobs by id through one long-running `git cat-file --batch` process.

    Use it as a context manager: the process ends with the `with` block.
    """

    def __init__(self, top: Path) -> None:
        self.top = top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()
            process.stdout.close()
            process.wait()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    command(self.top, ["cat-file", "--batch"]),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                )
            except FileNotFoundError as exc:
                raise GitError("git is not installed (or not on PATH)") from exc
        return self._process

    def read(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The contents of the blobs, by id."""
        wanted = sorted(set(blobs))
        if not wanted:
            return {}
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        # One request at a time: a batch larger than the pipe's buffer could deadlock.
        contents: dict[str, bytes] = {}
        for blob in wanted:
            process.stdin.write(f"{blob}\n".encode("ascii"))
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3:  # "<id> missing": the object is not in this clone
                raise GitError(f"object {blob} is missing from this clone; {SHALLOW_HINT}")
            size = int(header[2])
            contents[blob] = process.stdout.read(size + 1)[:size]
        return contents


def changed_paths(top: Path, base: str, head: str | None, folder: str) -> list[PathChange]:
    """What changed under `folder` from `base` to `head` (None: the work tree), renames found."""
    revisions = [base] if head is None else [base, head]
    result = run(
        top,
        [
            "diff",
            "--name-status",
            "-M",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
            *revisions,
            "--",
            folder,
        ],
    )
    fields = [f.decode("utf-8", "surrogateescape") for f in result.stdout.split(b"\x00")]
    changes: list[PathChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in ("R", "C"):
            changes.append(PathChange(status, fields[i + 1], fields[i + 2]))
            i += 3
            continue
        path = fields[i + 1]
        changes.append(
            PathChange(status, None if status == "A" else path, None if status == "D" else path)
        )
        i += 2
    return changes


def grep_words(top: Path, commit: str, words: Iterable[str], folder: str) -> dict[str, set[str]]:
    """Which of `words` (fixed text, whole words) each file under `folder` in `commit` holds."""
    patterns = sorted(set(words))
    if not patterns:
        return {}
    args = ["grep", "-o", "-z", "-F", "-w", "-I", "--no-color"]
    for pattern in patterns:
        args += ["-e", pattern]
    result = run(top, [*args, commit, "--", folder], ok=(0, 1))
    prefix = f"{commit}:"
    found: dict[str, set[str]] = {}
    for line in result.stdout.split(b"\n"):
        name, _, match = line.partition(b"\x00")
        if match:
            path = name.decode("utf-8", "surrogateescape").removeprefix(prefix)
            found.setdefault(path, set()).add(match.decode("utf-8", "surrogateescape"))
    return found
