"""Finding a commit's OKR files exactly as `okrctl check` finds them on disk.

`okrctl.load.discover` walks the work tree: depth-first in name order, following a link to a file
(named by the link's path) and a link to a folder not walked yet (its files named under the
link's path), and reporting every link that loops, dangles, leads out of the repository or into
`.git/` (OKR109), every name that is not UTF-8 (OKR109), and every other file among the OKR files
(OKR115). This module walks a commit's tree by the same rules, step for step, so that `okrctl
diff` reads each side as `check` would read it checked out: a unit that keeps an objective as a
link to a file, or a folder of objectives as a link, is compared by what the link leads to (a
target lowered from 300 to 30 behind a link was invisible before).

The tree is listed with one `git ls-tree -r -t` of the OKR folder; when it holds a link, the
whole commit is listed once, since a link may lead anywhere in the repository. Link targets are
read as blobs. Nothing is checked out and nothing is run.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from okrctl import gitcmd
from okrctl.diagnostics import Diagnostic
from okrctl.load import YAML_SUFFIXES, is_utf8, refusals, undecodable_name
from okrctl.paths import GIT_DIR

MAX_LINKS = 40
"""Most links followed for one path; past it the path is a loop."""

LINK = "120000"
TREE = "040000"
SUBMODULE = "160000"
FOLDERS = (TREE, SUBMODULE)


@dataclass(frozen=True)
class Entry:
    """One entry of a commit's tree: its mode, object id and size (0 for a folder or a link)."""

    mode: str
    oid: str
    size: int


@dataclass(frozen=True)
class Found:
    """An OKR file of the commit: its name (from the okrctl root, as `check` prints it), the
    regular file it leads to (from the repository's top), and whether a link was on the way."""

    name: str
    entry: Entry
    linked: bool


class _Broken(Exception):
    """A path that leads to no file: `loop`, `broken` (missing) or `outside` the repository."""


@dataclass
class CommitTree:
    """The entries of a commit, listed lazily: the OKR folder first, the rest if a link needs it."""

    top: Path
    commit: str
    folder: str
    reader: gitcmd.BlobReader
    _entries: dict[str, Entry] = field(default_factory=dict, init=False)
    _children: dict[str, list[str]] = field(default_factory=dict, init=False)
    _whole: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self._list(self.folder)
        if any(e.mode == LINK for e in self._entries.values()):
            self._list(None)

    def _list(self, folder: str | None) -> None:
        for record in gitcmd.tree_records(self.top, self.commit, folder or None, folders=True):
            if record.path not in self._entries:
                parent, _, name = record.path.rpartition("/")
                self._children.setdefault(parent, []).append(name)
            self._entries[record.path] = Entry(record.mode, record.oid, record.size)
        self._whole = self._whole or folder is None

    def entry(self, path: str) -> Entry | None:
        if path == "":
            return Entry(TREE, "", 0)  # the top itself
        found = self._entries.get(path)
        if found is None and not self._whole:
            self._list(None)
            found = self._entries.get(path)
        return found

    def names(self, folder: str) -> list[str]:
        """The names in `folder` (a real folder, from the top), sorted as `os.scandir` is."""
        if not self._whole and not _inside(folder, self.folder):
            self._list(None)
        return sorted(self._children.get(folder, []))

    def link_target(self, entry: Entry) -> str:
        return self.reader.read([entry.oid])[entry.oid].decode("utf-8", "surrogateescape")

    def resolve(self, path: str, top_real: str) -> str:
        """The real path `path` leads to (from the top), as `Path.resolve(strict=True)` finds it
        in a checkout; raises `_Broken` when it loops, dangles or leaves the repository (a
        place outside is looked up on disk, as `check` does, to tell a dangling link)."""
        parts, done, links = path.split("/"), list[str](), 0
        while parts:
            part = parts.pop(0)
            if part in ("", "."):
                continue
            if part == ".." and done:
                done.pop()
                continue
            if part == ".." or (part == GIT_DIR and not done):  # git's own files: not in trees
                return _on_disk(top_real, "/".join([*done, part, *parts]))
            entry = self.entry("/".join([*done, part]))
            if entry is None:
                raise _Broken("broken")
            if entry.mode == LINK:
                links += 1
                if links > MAX_LINKS:
                    raise _Broken("loop")
                target = self.link_target(entry)
                if target.startswith("/"):
                    done = []
                    if not _inside(target, top_real):
                        return _on_disk(top_real, target)
                    target = posixpath.relpath(target, top_real)
                parts = target.split("/") + parts
            elif entry.mode in FOLDERS or _last_or_up(parts):
                done.append(part)
            else:
                raise _Broken("broken")  # a file taken for a folder
        return "/".join(done)


def _on_disk(top_real: str, path: str) -> str:
    """Where a path that leaves the commit's tree leads (up out of the repository, absolute, or
    into `.git/`): outside unless it comes back in; missing or looping as the disk says."""
    try:
        real = os.path.realpath(posixpath.join(top_real, path), strict=True)
    except OSError as exc:
        raise _Broken("loop" if "loop" in str(exc).lower() else "broken") from None
    if not _inside(real, top_real):
        raise _Broken("outside")
    return posixpath.relpath(real, top_real) if real != top_real else ""


def _last_or_up(parts: list[str]) -> bool:
    """True when nothing but `.` follows (the path ends), or `..` comes next: Python's
    `realpath` takes `file/..` as the file's folder without looking."""
    rest = [p for p in parts if p not in ("", ".")]
    return not rest or rest[0] == ".."


def _inside(path: str, folder: str) -> bool:
    return folder == "" or path == folder or path.startswith(folder.rstrip("/") + "/")


@dataclass
class CommitWalk:
    """One discovery in a commit: `discover`'s `_Walk`, over a `CommitTree`."""

    tree: CommitTree
    root: str
    """The okrctl root, from the repository's top ("" when they are the same)."""
    top_real: str
    found: dict[str, Found] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)

    def rel_of(self, path: str) -> str:
        return path[len(self.root) + 1 :] if self.root else path

    def check_link(self, path: str, named: str | None = None) -> str | None:
        """The real target of the link at real path `path` (reported under the path `named`, as
        the walk reached it), inside the okrctl root, or None after a diagnostic."""
        shown = self.rel_of(named or path)
        try:
            real = self.tree.resolve(path, self.top_real)
        except _Broken as broken:
            kind = str(broken)
            refuse = {"loop": refusals.symlink_loop, "broken": refusals.broken_symlink}
            self.diagnostics.append(refuse.get(kind, refusals.symlink_outside)(shown))
            return None
        if not _inside(real, self.root):
            self.diagnostics.append(refusals.symlink_outside(shown))
            return None
        if GIT_DIR in self.rel_of(real).split("/"):
            self.diagnostics.append(refusals.symlink_into_git(shown))
            return None
        return real

    def is_covered(self, real: str) -> bool:
        return any(_inside(real, c) or _inside(c, real) for c in self.covered)

    def add_file(self, shown: str, real: str, linked: bool) -> None:
        rel = self.rel_of(shown)
        entry = self.tree.entry(real)
        if rel not in self.found and entry is not None:
            self.found[rel] = Found(rel, entry, linked)

    def walk(self, target: str) -> None:
        """`discover`'s `target`, for the OKR folder."""
        entry = self.tree.entry(target)
        if entry is None:
            return
        real: str | None = target
        if entry.mode == LINK:
            real = self.check_link(target)
            if real is None:
                return
        resolved = self.tree.entry(real) if real else None
        if resolved is not None and resolved.mode in FOLDERS and real is not None:
            if not self.is_covered(real):
                self.covered.append(real)
                self._folder(target, real, entry.mode == LINK)
        elif real is not None:
            self.add_file(target, real, entry.mode == LINK)

    def _folder(self, shown: str, real: str, linked: bool) -> None:
        """Depth-first in name order, as `discover` walks, without recursing."""
        pending = [iter([(shown, real, linked, name) for name in self.tree.names(real)])]
        while pending:
            item = next(pending[-1], None)
            if item is None:
                pending.pop()
                continue
            below = self._entry(*item)
            if below is not None:
                pending.append(iter([(*below, name) for name in self.tree.names(below[1])]))

    def _entry(
        self, folder: str, real_folder: str, linked: bool, name: str
    ) -> tuple[str, str, bool] | None:
        """One entry, as `discover`'s `entry`; a folder to walk is returned, as (shown path,
        real path, reached through a link)."""
        shown, real = f"{folder}/{name}", f"{real_folder}/{name}"
        entry = self.tree.entry(real)
        assert entry is not None
        dot = name.startswith(".")
        if not is_utf8(name):
            if not dot and (self._leads_to_folder(real, entry) or name.endswith(YAML_SUFFIXES)):
                self.diagnostics.append(undecodable_name(self.rel_of(shown)))
            return None
        if entry.mode == LINK:
            target = self.check_link(real, shown)
            if target is None:
                return None
            reached = self.tree.entry(target)
            if reached is not None and reached.mode in FOLDERS:
                if not dot and not self.is_covered(target):
                    self.covered.append(target)
                    return shown, target, True
            elif name.endswith(YAML_SUFFIXES):
                self.add_file(shown, target, True)
            elif not dot:
                self.diagnostics.append(refusals.not_an_okr_file(self.rel_of(shown)))
        elif entry.mode in FOLDERS:
            if not dot:
                return shown, real, linked
        elif name.endswith(YAML_SUFFIXES):
            self.add_file(shown, real, linked)
        elif not dot:
            self.diagnostics.append(refusals.not_an_okr_file(self.rel_of(shown)))
        return None

    def _leads_to_folder(self, real: str, entry: Entry) -> bool:
        """`DirEntry.is_dir()`, which follows a link."""
        if entry.mode != LINK:
            return entry.mode in FOLDERS
        try:
            reached = self.tree.entry(self.tree.resolve(real, self.top_real))
        except _Broken:
            return False
        return reached is not None and reached.mode in FOLDERS


def discover_commit(
    top: Path, commit: str, root: str, folder: str, reader: gitcmd.BlobReader
) -> tuple[list[Found], list[Diagnostic]]:
    """The OKR files of `commit` under `folder` (from the top), named from the okrctl root
    `root`, and the findings of the walk, as `okrctl.load.discover` gives them on disk."""
    walk = CommitWalk(CommitTree(top, commit, folder, reader), root, os.path.realpath(top))
    walk.walk(folder)
    return [walk.found[name] for name in sorted(walk.found)], walk.diagnostics
