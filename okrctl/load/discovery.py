"""Finding OKR files: the only place that walks folders, with symlinks checked (OKR109).

Paths are handled as `os.path` strings: a large repository has tens of thousands of files, and
pathlib costs several times more per path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from okrctl.diagnostics import Diagnostic
from okrctl.load import refusals
from okrctl.safetext import undecodable

YAML_SUFFIXES = (".yaml", ".yml")


class SourceFile:
    """An OKR file found on disk: where it is, and its name relative to the repository.

    The location is kept as text and turned into a `Path` on first use: a large repository
    finds tens of thousands of files, most of which are only read.
    """

    __slots__ = ("_path", "location", "rel")

    def __init__(self, path: Path | str, rel: str) -> None:
        self.location = str(path)
        self.rel = rel
        self._path = path if isinstance(path, Path) else None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.location)
        return self._path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (self.location, self.rel) == (other.location, other.rel)

    def __hash__(self) -> int:
        return hash((self.location, self.rel))

    def __repr__(self) -> str:
        return f"SourceFile({self.location!r}, {self.rel!r})"

    def __getstate__(self) -> tuple[str, str]:
        return (self.location, self.rel)

    def __setstate__(self, state: tuple[str, str]) -> None:
        self.location, self.rel = state
        self._path = None


def relative_name(path: Path, root: Path) -> str:
    """The name a user sees: relative to the repository when inside it, posix separators."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_utf8(name: str) -> bool:
    """A file name os.scandir decoded without surrogate escapes (its bytes are UTF-8)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def undecodable_name(name: str) -> Diagnostic:
    """The finding for a file or folder whose name is not UTF-8 (it is skipped)."""
    return refusals.undecodable_name(undecodable(name))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class _Walk:
    """One discovery: the files found so far, the folders walked, what went wrong."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root_abs = os.path.abspath(root)
        self.root_real = os.path.realpath(root_abs)
        self.prefix = root_abs.rstrip(os.sep) + os.sep
        self.found: dict[str, SourceFile] = {}
        self.diagnostics: list[Diagnostic] = []
        self.covered: list[str] = []
        """Real paths of the folders walked so far: a link into one of them adds nothing."""

    def rel_of(self, path: str) -> str:
        if path.startswith(self.prefix):
            return path[len(self.prefix) :].replace(os.sep, "/")
        return relative_name(Path(path), self.root)

    def check_link(self, path: str) -> str | None:
        """The real target of a link inside the repository, or None after a diagnostic."""
        try:
            real = str(Path(path).resolve(strict=True))
        except (OSError, RuntimeError) as exc:
            loop = "loop" in str(exc).lower() or isinstance(exc, RuntimeError)
            refuse = refusals.symlink_loop if loop else refusals.broken_symlink
            self.diagnostics.append(refuse(self.rel_of(path)))
            return None
        if not _inside(real, self.root_real):
            self.diagnostics.append(refusals.symlink_outside(self.rel_of(path)))
            return None
        if ".git" in real[len(self.root_real) :].split(os.sep):  # okrctl.paths' rule
            self.diagnostics.append(refusals.symlink_into_git(self.rel_of(path)))
            return None
        return real

    def is_covered(self, real: str) -> bool:
        """True when walking `real` would revisit a folder: it lies in one already walked, or
        holds one (a link to an ancestor is a loop)."""
        return any(_inside(real, c) or _inside(c, real) for c in self.covered)

    def add_file(self, path: str) -> None:
        rel = self.rel_of(path)
        if rel not in self.found:
            self.found[rel] = SourceFile(path, rel)

    def target(self, target: Path) -> None:
        path = os.path.abspath(target)
        if os.path.islink(path) and self.check_link(path) is None:
            return
        if os.path.isdir(path):
            real = os.path.realpath(path)
            if not self.is_covered(real):
                self.covered.append(real)
                self.folder(path)
        else:
            self.add_file(path)

    def folder(self, folder: str) -> None:
        """Walk `folder` depth-first in name order, as a recursion would, without recursing."""
        pending: list[Iterator[os.DirEntry[str]]] = []
        self._open(folder, pending)
        while pending:
            entry = next(pending[-1], None)
            if entry is None:
                pending.pop()
                continue
            below = self.entry(entry)
            if below is not None:
                self._open(below, pending)

    def _open(self, folder: str, pending: list[Iterator[os.DirEntry[str]]]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            reason = str(exc.strerror or exc)
            self.diagnostics.append(refusals.unreadable_folder(self.rel_of(folder), reason))
            return
        pending.append(iter(entries))

    def entry(self, entry: os.DirEntry[str]) -> str | None:
        """Handle one folder entry; a folder to walk is returned."""
        if not is_utf8(entry.name):
            if not entry.name.startswith(".") and (
                entry.is_dir() or entry.name.endswith(YAML_SUFFIXES)
            ):
                self.diagnostics.append(undecodable_name(self.rel_of(entry.path)))
            return None
        if entry.is_symlink():
            target = self.check_link(entry.path)
            if target is None:
                return None
            if os.path.isdir(target):
                if not entry.name.startswith(".") and not self.is_covered(target):
                    self.covered.append(target)
                    return entry.path
            elif entry.name.endswith(YAML_SUFFIXES):
                self.add_file(entry.path)
            elif not entry.name.startswith("."):
                self.diagnostics.append(refusals.not_an_okr_file(self.rel_of(entry.path)))
        elif entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                return entry.path
        elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file(follow_symlinks=False):
            self.add_file(entry.path)
        elif not entry.name.startswith("."):
            self.diagnostics.append(refusals.not_an_okr_file(self.rel_of(entry.path)))
        return None


def discover(root: Path, targets: Iterable[Path]) -> tuple[list[SourceFile], list[Diagnostic]]:
    """YAML files under `targets` (files or folders), sorted; symlinks checked against `root`.

    A symlink that loops, dangles, leads out of the repository or into its `.git/` is a
    diagnostic (the rule of `okrctl.paths`, which every other reader applies), and so is any
    other file in a folder walked (OKR115: a script kept beside the OKR files would be reviewed
    by the unit's lead alone, as OKRs are). A symlinked
    folder is followed when it leads to a part of the repository not walked otherwise. Folders
    whose names start with a dot are skipped.
    """
    walk = _Walk(root)
    for target in targets:
        walk.target(target)
    return [walk.found[name] for name in sorted(walk.found)], walk.diagnostics
