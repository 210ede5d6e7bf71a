"""The OKR files of one side of a diff: a commit (read through git) or the work tree (from disk).

Both give the same thing: file names relative to the okrctl root (as `okrctl check` prints
them) and the bytes of the files asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from okrctl import gitcmd
from okrctl.diagnostics import Diagnostic
from okrctl.gitops.commit_walk import Found, discover_commit
from okrctl.load import MAX_BYTES, SourceFile, discover, read_source, refusals
from okrctl.workspace import DEFAULT_DIR

Content = bytes | Diagnostic
"""A file's bytes, or the diagnostic that says why they could not be read."""


class Files(Protocol):
    """One side's OKR files."""

    @property
    def label(self) -> str:
        """How the side is named in the output: `main (1a2b3c4)`, `working tree`."""
        ...

    @property
    def commit(self) -> str | None:
        """The commit read, or None for the work tree."""
        ...

    def names(self) -> list[str]:
        """Every OKR file's name, sorted."""
        ...

    def read(self, names: Iterable[str]) -> dict[str, Content]:
        """The contents of the named files that exist on this side."""
        ...

    def problems(self) -> list[Diagnostic]:
        """What went wrong finding the files (a symlink that leads out of the repository)."""
        ...

    def linked(self) -> set[str]:
        """The files reached through a symbolic link."""
        ...


def too_large(name: str) -> Diagnostic:
    """OKR108, in the words `okrctl check` uses (findings compare by their message)."""
    return refusals.too_large(name, MAX_BYTES)


def is_okr_file(name: str) -> bool:
    """A YAML file under the OKR folder, not inside a folder whose name starts with a dot
    (the rule `okrctl check` follows when it walks the folder)."""
    if not name.endswith((".yaml", ".yml")):
        return False
    parts = name.split("/")
    return len(parts) >= 2 and not any(part.startswith(".") for part in parts[1:-1])


@dataclass
class RevisionFiles:
    """The OKR files of a commit, found as `okrctl check` finds them on disk (links inside the
    repository followed, linked folders walked: `commit_walk`) and read through a `BlobReader`."""

    top: Path
    prefix: str
    """The okrctl root as a path from the repository's top ("" when they are the same)."""
    commit: str
    label: str
    reader: gitcmd.BlobReader
    _found: dict[str, Found] = field(default_factory=dict, init=False)
    _problems: list[Diagnostic] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        folder = f"{self.prefix}/{DEFAULT_DIR}" if self.prefix else DEFAULT_DIR
        found, self._problems = discover_commit(
            self.top, self.commit, self.prefix, folder, self.reader
        )
        self._found = {f.name: f for f in found}

    def names(self) -> list[str]:
        """Every OKR file's name, sorted."""
        return sorted(self._found)

    def linked(self) -> set[str]:
        """The files reached through a symbolic link (whose content git's diff of paths misses)."""
        return {name for name, found in self._found.items() if found.linked}

    def problems(self) -> list[Diagnostic]:
        return list(self._problems)

    def read(self, names: Iterable[str]) -> dict[str, Content]:
        wanted = [n for n in names if n in self._found]
        small = [n for n in wanted if self._found[n].entry.size <= MAX_BYTES]
        blobs = self.reader.read(self._found[n].entry.oid for n in small)
        contents: dict[str, Content] = {n: too_large(n) for n in wanted if n not in small}
        for name in small:
            contents[name] = blobs[self._found[name].entry.oid]
        return contents


@dataclass
class WorkTreeFiles:
    """The OKR files on disk, found the way `okrctl check` finds them (untracked files too)."""

    root: Path
    label: str = "working tree"
    commit: None = None
    _sources: dict[str, SourceFile] = field(default_factory=dict, init=False)
    _problems: list[Diagnostic] = field(default_factory=list, init=False)
    _data: dict[str, Content] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        folder = self.root / DEFAULT_DIR
        if folder.is_dir():
            sources, self._problems = discover(self.root, [folder])
            self._sources = {s.rel: s for s in sources}

    def names(self) -> list[str]:
        """Every OKR file's name, sorted."""
        return sorted(self._sources)

    def linked(self) -> set[str]:
        """The files reached through a symbolic link (on the way to them, or themselves): those
        whose real path is not their name under the root's real path."""
        top = os.path.realpath(self.root)
        return {
            name
            for name, source in self._sources.items()
            if Path(os.path.relpath(os.path.realpath(source.location), top)).as_posix() != name
        }

    def _content(self, name: str) -> Content:
        if name not in self._data:
            data, refused = read_source(self._sources[name])
            if refused is not None:
                self._data[name] = refused.diagnostics[0]
            else:
                assert data is not None
                self._data[name] = data
        return self._data[name]

    def problems(self) -> list[Diagnostic]:
        return list(self._problems)

    def read(self, names: Iterable[str]) -> dict[str, Content]:
        return {name: self._content(name) for name in names if name in self._sources}
