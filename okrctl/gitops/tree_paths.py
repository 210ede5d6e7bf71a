"""Where a path of the repository leads on one side of a diff, as a program opening it would.

A metric-source command names its script (and any file it reads) by a path from the okrctl
root; `okrctl sync` runs it there, so the operating system follows every symbolic link on the
way. This module follows them the same way, but inside the repository only: a path that leaves
it (an absolute link, too many `..`), enters `.git/`, loops, or ends at a folder or a submodule
leads to no file. A commit's tree is read through hardened git calls (`okrctl.gitcmd.run` and a
`BlobReader` for link targets); the work tree through the file system. Nothing is ever run.

Both sides answer with the same value, a `Reached` file and its git blob id, so that a commit
and the work tree compare directly.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from okrctl import gitcmd
from okrctl.paths import GIT_DIR

MAX_LINKS = 40
"""Most links followed for one path, as Linux does; past it the path is a loop."""

_REGULAR = ("100644", "100755")
_LINK = "120000"
_TREE = "040000"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Reached:
    """The regular file a path leads to: its path from the repository's top, and its blob id."""

    path: str
    blob: str


class Tree(Protocol):
    """One side's files, looked up by path from the repository's top."""

    def reach(self, path: str) -> Reached | None:
        """The regular file `path` leads to, through links, or None (see the module)."""
        ...

    def read(self, reached: Reached, limit: int) -> bytes | None:
        """The bytes of a reached file, or None when it is larger than `limit`."""
        ...


def from_top(prefix: str, name: str) -> str | None:
    """`name`, relative to the okrctl root at `prefix`, as a normalised path from the top;
    None when it is absolute, leaves the repository or enters `.git/`."""
    if not name or "\x00" in name or name.startswith(("/", "~")):
        return None
    path = posixpath.normpath(posixpath.join(prefix, name)) if prefix else posixpath.normpath(name)
    first = path.split("/")[0]
    if first in (".", "..", GIT_DIR):
        return None
    return path


@dataclass
class RevisionTree:
    """A commit's files, listed entry by entry with `git ls-tree`, links read as blobs."""

    top: Path
    commit: str
    reader: gitcmd.BlobReader
    _entries: dict[str, tuple[str, str, int] | None] = field(default_factory=dict, init=False)

    def _entry(self, path: str) -> tuple[str, str, int] | None:
        """The mode, object id and size (0 for a folder) of `path` in the commit, or None."""
        if path not in self._entries:
            args = ["--literal-pathspecs", "ls-tree", "-l", "-z", "--full-tree", self.commit]
            result = gitcmd.run(self.top, [*args, "--", path])
            found = None
            for record in result.stdout.split(b"\x00"):
                meta, _, name = record.partition(b"\t")
                if name.decode("utf-8", "surrogateescape") == path:
                    mode, _kind, oid, size = meta.decode("ascii").split()
                    found = (mode, oid, int(size) if size.isdigit() else 0)
            self._entries[path] = found
        return self._entries[path]

    def reach(self, path: str) -> Reached | None:
        direct = self._entry(path)  # the common case: a plain file, every folder on the way real
        if direct is not None and direct[0] in _REGULAR:
            return Reached(path, direct[1])
        return self._walk(path.split("/"))

    def _walk(self, parts: list[str]) -> Reached | None:
        """Follow `parts` one at a time from the top, expanding each link in place."""
        done: list[str] = []
        links = 0
        while parts:
            part = parts.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not done:
                    return None  # leaves the repository
                done.pop()
                continue
            here = "/".join([*done, part])
            entry = self._entry(here)
            if entry is None or here.split("/")[0] == GIT_DIR:
                return None
            mode, oid, _size = entry
            if mode == _LINK:
                links += 1
                target = self.reader.read([oid])[oid].decode("utf-8", "surrogateescape")
                if links > MAX_LINKS or target.startswith("/"):
                    return None
                parts = target.split("/") + parts
            elif mode == _TREE:
                done.append(part)
            elif mode in _REGULAR and not [p for p in parts if p not in ("", ".")]:
                return Reached(here, oid)
            else:
                return None  # a submodule, or a file taken for a folder
        return None  # a folder

    def read(self, reached: Reached, limit: int) -> bytes | None:
        entry = self._entry(reached.path)
        if entry is None or entry[2] > limit:
            return None
        return self.reader.read([reached.blob])[reached.blob]


@dataclass
class WorkTree:
    """The files on disk under `top`; blob ids computed the way git would store the files."""

    top: Path
    object_format: str = "sha1"
    """`sha1`, or `sha256` in a repository made with `--object-format=sha256`."""

    def _real(self, path: str) -> Path | None:
        try:
            real = Path(os.path.realpath(self.top / path, strict=True))
        except (OSError, ValueError):
            return None
        top = Path(os.path.realpath(self.top))
        if not real.is_relative_to(top) or GIT_DIR in real.relative_to(top).parts:
            return None
        return real if real.is_file() else None

    def reach(self, path: str) -> Reached | None:
        real = self._real(path)
        if real is None:
            return None
        try:
            blob = _blob_id(real, self.object_format)
        except OSError:
            return None
        top = Path(os.path.realpath(self.top))
        return Reached(real.relative_to(top).as_posix(), blob)

    def read(self, reached: Reached, limit: int) -> bytes | None:
        try:
            with open(self.top / reached.path, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError:
            return None
        return data if len(data) <= limit else None


def _blob_id(path: Path, object_format: str) -> str:
    """The id git gives the file's bytes as a blob (`git hash-object`, without filters)."""
    digest = hashlib.new(object_format)
    with open(path, "rb") as handle:
        digest.update(f"blob {os.fstat(handle.fileno()).st_size}\x00".encode("ascii"))
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
