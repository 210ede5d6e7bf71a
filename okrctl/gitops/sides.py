"""The OKR files of one side of a diff: a commit (read through git) or the work tree (from disk).

Both give the same thing: file names relative to the okrctl root (as `okrctl check` prints
them) and the bytes of the files asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from okrctl import codes, git
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.load import (
    MAX_BYTES,
    SourceFile,
    discover,
    is_utf8,
    printable_name,
    read_source,
    undecodable_name,
)
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


def too_large(name: str) -> Diagnostic:
    return Diagnostic(
        name,
        1,
        1,
        codes.FILE_TOO_LARGE.code,
        Severity.ERROR,
        f"the file is larger than {MAX_BYTES // 1024} KiB; an OKR file holds one objective "
        "(split it, or check that it is the file you meant)",
    )


def is_okr_file(name: str) -> bool:
    """A YAML file under the OKR folder, not inside a folder whose name starts with a dot
    (the rule `okrctl check` follows when it walks the folder)."""
    if not name.endswith((".yaml", ".yml")):
        return False
    parts = name.split("/")
    return len(parts) >= 2 and not any(part.startswith(".") for part in parts[1:-1])


@dataclass
class RevisionFiles:
    """The OKR files of a commit, listed by `git ls-tree` and read through a `BlobReader`."""

    top: Path
    prefix: str
    """The okrctl root as a path from the repository's top ("" when they are the same)."""
    commit: str
    label: str
    reader: git.BlobReader
    _entries: dict[str, git.TreeEntry] = field(default_factory=dict, init=False)
    _problems: list[Diagnostic] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        folder = f"{self.prefix}/{DEFAULT_DIR}" if self.prefix else DEFAULT_DIR
        strip = len(self.prefix) + 1 if self.prefix else 0
        for entry in git.list_tree(self.top, self.commit, folder):
            name = entry.path[strip:]
            if not is_utf8(name):  # as `discover` does: a finding at the first bad part
                parts = name.split("/")
                bad = next(i for i, part in enumerate(parts) if not is_utf8(part))
                shown = "/".join(parts[: bad + 1])
                if not any(p.file == printable_name(shown) for p in self._problems):
                    self._problems.append(undecodable_name(shown))
            elif is_okr_file(name):
                self._entries[name] = entry

    def names(self) -> list[str]:
        """Every OKR file's name, sorted."""
        return sorted(self._entries)

    def problems(self) -> list[Diagnostic]:
        return list(self._problems)

    def read(self, names: Iterable[str]) -> dict[str, Content]:
        wanted = [n for n in names if n in self._entries]
        small = [n for n in wanted if self._entries[n].size <= MAX_BYTES]
        blobs = self.reader.read(self._entries[n].blob for n in small)
        contents: dict[str, Content] = {n: too_large(n) for n in wanted if n not in small}
        for name in small:
            contents[name] = blobs[self._entries[name].blob]
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
