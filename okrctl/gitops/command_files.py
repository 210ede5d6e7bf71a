"""What a change does to the code `okrctl sync` runs: the allow-list and the files it names.

`okrctl sync` runs only the commands that `okrctl.yaml` (or `[tool.okrctl]` in pyproject.toml)
lists under `sources: commands:`, from the okrctl root. A pull request can change what runs
without touching an OKR file: by adding a command to the list, or by rewriting the script a
listed command names. So the diff reads each side's allow-list, and follows every argument of
every listed command (on either side) that names a file of the repository (the program too,
when it is a path such as `./scripts/run.sh`), through symbolic links as the operating system
would (`tree_paths`), and reports each such file added, removed or changed.

An argument that is no file of the repository on either side is not followed: an option, a
program found on `PATH`, inline code (`[sh, -c, "..."]`). Such code is written in the
allow-list itself, so changing it is an allow-list change. A module run with `-m`
(`python3 -m pkg.mod`) is followed to the files Python runs for it: `pkg/mod.py` or
`pkg/mod/__main__.py`, and each package's `__init__.py`. What a script imports or reads by
itself is not followed.

A side whose configuration does not load (or is in both files) runs no command (`okrctl sync`
stops with exit code 2), so its allow-list is empty.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Literal

from okrctl import config as configuration
from okrctl.gitops.changes import Command, CommandChange, CommandFileChange
from okrctl.gitops.tree_paths import Reached, Tree, from_top
from okrctl.load import MAX_BYTES


@dataclass(frozen=True)
class Side:
    """One side's files and the commands its allow-list holds."""

    tree: Tree
    commands: tuple[Command, ...]


def revision_commands(tree: Tree, prefix: str) -> tuple[Command, ...]:
    """The allow-list of a commit: its configuration files at the okrctl root, as
    `okrctl.config.load` reads them from disk."""
    texts = [_text(tree, posixpath.join(prefix, name)) for name in _CONFIG_FILES]
    yaml_text, toml_text = texts
    try:
        from_toml = (
            configuration.parse_pyproject(toml_text, configuration.PYPROJECT)
            if toml_text is not None
            else None
        )
        if yaml_text is None:
            return (from_toml or configuration.Config()).commands
        if from_toml is not None:
            return ()  # configured twice: `okrctl sync` refuses to start
        return configuration.parse_yaml(yaml_text, configuration.CONFIG_FILE).commands
    except configuration.ConfigError:
        return ()


_CONFIG_FILES = (configuration.CONFIG_FILE, configuration.PYPROJECT)


def _text(tree: Tree, path: str) -> str | None:
    """A configuration file's text, or None when it is not there (or cannot be a text)."""
    reached = tree.reach(path)
    data = tree.read(reached, MAX_BYTES) if reached is not None else None
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def work_tree_commands(root: Path) -> tuple[Command, ...]:
    """The allow-list on disk, read exactly as `okrctl sync` reads it."""
    try:
        return configuration.load(root).commands
    except configuration.ConfigError:
        return ()


def compare(
    base: Side, head: Side, prefix: str
) -> tuple[tuple[CommandChange, ...], tuple[CommandFileChange, ...]]:
    """The commands added to and removed from the allow-list, and the files the commands of
    either side name that were added, removed or changed (by file name)."""
    before, after = set(base.commands), set(head.commands)
    commands = [CommandChange("added", c) for c in sorted(after - before)]
    commands += [CommandChange("removed", c) for c in sorted(before - after)]
    files: list[CommandFileChange] = []
    for name, naming in sorted(_named_files(before | after, prefix).items()):
        change = _file_change(name, naming, base.tree, head.tree, prefix)
        if change is not None:
            files.append(change)
    return tuple(commands), tuple(files)


def _named_files(commands: Iterable[Command], prefix: str) -> dict[str, tuple[Command, ...]]:
    """Each path from the top that a command's program (when it holds a `/`, so it is not
    looked up on `PATH`) or argument could name, with the commands that name it."""
    named: dict[str, set[Command]] = {}
    for command in commands:
        program, *arguments = command
        names = ([program] if "/" in program else []) + arguments + _module_files(arguments)
        for name in names:
            path = from_top(prefix, name)
            if path is not None:
                named.setdefault(path, set()).add(command)
    return {path: tuple(sorted(naming)) for path, naming in named.items()}


def _module_files(arguments: list[str]) -> list[str]:
    """The files Python runs for `-m pkg.mod` (`python3 -m pkg.mod`, run from the okrctl root,
    finds it there first): the module itself (`pkg/mod.py`, or a package's `__main__.py`) and the
    `__init__.py` of each package on the way, which runs first."""
    found: list[str] = []
    for flag, module in pairwise(arguments):
        parts = module.split(".")
        if flag != "-m" or not all(part.isidentifier() for part in parts):
            continue
        found += ["/".join([*parts[:depth], "__init__.py"]) for depth in range(1, len(parts) + 1)]
        found += ["/".join(parts) + ".py", "/".join([*parts, "__main__.py"])]
    return found


def _file_change(
    path: str, naming: tuple[Command, ...], base: Tree, head: Tree, prefix: str
) -> CommandFileChange | None:
    """How the file at `path` changed, or None when it did not (or is a file on neither side)."""
    old, new = base.reach(path), head.reach(path)
    if old == new:
        return None
    status: Literal["added", "removed", "changed"] = (
        "added" if old is None else "removed" if new is None else "changed"
    )
    return CommandFileChange(
        _shown(path, prefix), status, naming, _target(old, path, prefix), _target(new, path, prefix)
    )


def _target(reached: Reached | None, path: str, prefix: str) -> str | None:
    """Where a link leads (from the okrctl root), or None when `path` is the file itself."""
    if reached is None or reached.path == path:
        return None
    return _shown(reached.path, prefix)


def _shown(path: str, prefix: str) -> str:
    """A path from the top as the okrctl root sees it (how the commands name it)."""
    return posixpath.relpath(path, prefix) if prefix else path
