"""Writing an import into a repository: every file or none, never over an existing file, and no
temporary file left behind.

The files are written in full to a staging folder inside the repository (same file system), then
hard-linked into place one by one; a link fails when its target exists, and then every file
linked so far is removed again. An edited file (the organisation file) is replaced atomically
last, only if it still holds the text the edit was made from. The staging folder is removed
whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from okrctl.files import write_atomic


def existing(root: Path, files: dict[str, str]) -> list[str]:
    """The files of `files` that are already in the repository."""
    return sorted(name for name in files if (root / name).exists() or (root / name).is_symlink())


class Changed(Exception):
    """A file the import edits changed since it was read."""


def write(
    root: Path, files: dict[str, str], changes: dict[str, tuple[str, str]] | None = None
) -> list[str]:
    """Write `files` (path relative to `root` -> text) into `root`, and make `changes` (path ->
    (the text it must still have, its new text)): all of them, or none and an exception
    (FileExistsError when a new file exists, Changed when an edited one changed meanwhile).
    Returns the paths written or changed, sorted."""
    changes = changes or {}
    made_root = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".okrctl-import-", dir=root))
    linked: list[Path] = []
    made: list[Path] = []
    try:
        for name, text in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as stream:
                stream.write(text.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())
            path.chmod(0o644)
        try:
            for name in sorted(files):
                target = root / name
                for folder in reversed(target.relative_to(root).parents):
                    absolute = root / folder
                    if folder != Path() and not absolute.exists():
                        absolute.mkdir()
                        made.append(absolute)
                _link(staging / name, target)
                linked.append(target)
            for name, (old, new) in sorted(changes.items()):  # one file in practice: org.yaml
                if (root / name).read_text("utf-8") != old:
                    raise Changed(name)
                write_atomic(root / name, new)
        except BaseException:
            for target in linked:
                with contextlib.suppress(OSError):
                    target.unlink()
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made_root and not linked:
            with contextlib.suppress(OSError):
                root.rmdir()
    return sorted([*files, *changes])


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:  # a file system without hard links: check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from exc
        source.replace(target)
