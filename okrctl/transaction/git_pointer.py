"""Whether a `.git` file (`gitdir: PATH`) names the repository's own git folder.

A worktree or a submodule keeps a `.git` file that names its git folder elsewhere, and okrctl
keeps its lock and transactions there. But a `.git` file is an ordinary file: an unpacked
archive can carry one naming any folder (`gitdir: /tmp/shared`), which would put okrctl's state,
the staged contents of files and the journals it replays after a crash, outside the repository,
where someone else can read them or plant a journal. So a named folder is taken only when it is a
git folder that names the repository back, as git itself writes them:

- a worktree's folder (`.git/worktrees/NAME`) holds `gitdir`, the path of the worktree's `.git`
  file;
- a submodule's folder (`.git/modules/NAME`) has `core.worktree` in its `config`, the path of
  the submodule from there;

and (on POSIX) when it belongs to the user who owns the repository, as git's own
`safe.directory` check asks. Anything else is not a git folder for okrctl: its state goes to
`.okrctl/` at the repository's root.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path


def _same(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False


def _owned_alike(folder: Path, root: Path) -> bool:
    if os.name != "posix":
        return True
    try:
        return folder.stat().st_uid == root.stat().st_uid
    except OSError:
        return False


def _worktree_of(folder: Path) -> Path | None:
    """The `.git` file a worktree's git folder names (`gitdir`), or None."""
    try:
        named = (folder / "gitdir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    path = Path(named)
    return path if path.is_absolute() else folder / path


def _submodule_of(folder: Path) -> Path | None:
    """The work tree a submodule's git folder names (`core.worktree`), or None."""
    config = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        config.read(folder / "config", encoding="utf-8")
        named = config.get("core", "worktree", fallback=None)
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    if not named:
        return None
    path = Path(named.strip().strip('"'))
    return path if path.is_absolute() else folder / path


def names_back(root: Path, folder: Path) -> bool:
    """True when `folder`, named by `root/.git`, is the git folder of the repository at `root`."""
    if not folder.is_dir() or not (folder / "HEAD").is_file() or not _owned_alike(folder, root):
        return False
    worktree = _worktree_of(folder)
    if worktree is not None and _same(worktree, root / ".git"):
        return True
    submodule = _submodule_of(folder)
    return submodule is not None and _same(submodule, root)
