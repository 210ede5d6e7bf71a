"""Where a repository starts and which files a check reads: light enough for the warm path.

Nothing here imports the models, so `okrctl check` can answer from its cache without loading them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okrctl.load import SourceFile

DEFAULT_DIR = "okrs"
ROOT_MARKERS = ("okrctl.yaml", ".git")
CONFIG_FILES = ("okrctl.yaml", "pyproject.toml")


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder at or above `start` holding okrctl.yaml or .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def context_of(root: Path, targets: Sequence[Path]) -> list[Path]:
    """What to load so that references resolve: the whole OKR folder when every target is in it."""
    tree = (root / DEFAULT_DIR).resolve()
    if tree.is_dir() and all(t.resolve().is_relative_to(tree) for t in targets):
        return [root / DEFAULT_DIR]
    return list(targets)


def reported_files(
    wanted: Sequence[Path], context: Sequence[Path], sources: Sequence[SourceFile]
) -> set[str] | None:
    """Files the user asked about, when the context loaded more than them; None means all."""
    if list(context) == list(wanted):
        return None
    resolved = [w.resolve() for w in wanted]
    return {
        s.rel
        for s in sources
        if any(s.path.resolve() == w or s.path.resolve().is_relative_to(w) for w in resolved)
    }
