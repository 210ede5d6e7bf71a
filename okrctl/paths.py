"""The one rule for every path okrctl reads from a repository: inside it, never inside `.git/`.

OKR files, metric-source files, the site's own files under `site/` and its template overrides
may all be symbolic links. A link can lead anywhere: to a file outside the repository, or to
`.git/config`, which holds the checkout's token when a workflow runs after `actions/checkout`
with its default `persist-credentials: true`. `check` follows no link that breaks the rule;
every reader asks `confined` first and reports its answer.
"""

from __future__ import annotations

import os
from pathlib import Path

from okrctl.errors import UsageError

GIT_DIR = ".git"


def refused(root: Path, path: Path) -> str | None:
    """Why okrctl must not read `path` (followed through every link), or None when it may.

    The answer is a phrase to put after the path's name: "leads outside the repository", "does
    not exist", ...
    """
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        return "is a symlink loop" if "loop" in str(exc).lower() else "does not exist"
    top = Path(os.path.realpath(root))
    if not real.is_relative_to(top):
        return "leads outside the repository"
    if GIT_DIR in real.relative_to(top).parts:
        return "leads into .git/, git's own files (which can hold credentials)"
    return None


def confined(root: Path, path: Path) -> Path | str:
    """The real path of `path` when okrctl may read it, else why not (see `refused`)."""
    why = refused(root, path)
    return why if why is not None else Path(os.path.realpath(path))


def confined_tree(root: Path, folder: Path, *, follow_links: bool = False) -> list[Path]:
    """Every file under `folder`, links included, each checked by the one path rule
    (`okrctl.paths`): a link that leads out of the repository or into `.git/` is a UsageError
    naming it. Linked folders are not walked (their files are not listed) unless
    `follow_links`: a reader that follows them (Jinja's template loader does) must have their
    files checked too, each real folder once (a link back up is not walked again)."""
    found: list[Path] = []
    walked: set[str] = set()
    for top, folders, files in os.walk(folder, followlinks=follow_links):
        here = Path(top)
        for name in sorted(folders):
            if (here / name).is_symlink():
                why = refused(root, here / name)
                if why is not None:
                    raise UsageError(f"{_shown(root, here / name)} {why}; {_ADVICE}")
        walked.add(os.path.realpath(here))
        folders[:] = sorted(f for f in folders if os.path.realpath(here / f) not in walked)
        for name in sorted(files):
            why = refused(root, here / name)
            if why is not None:
                raise UsageError(f"{_shown(root, here / name)} {why}; {_ADVICE}")
            found.append(here / name)
    return sorted(found)


_ADVICE = "okrctl reads no file outside the repository or inside .git/: copy the file in"


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
