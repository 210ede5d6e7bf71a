"""Before an import writes: its files stay inside `--into`, and `okrctl check` passes with them.

Where the files go: every planned name is a relative path whose parts pass okrctl's id rules
(`ids.file_problem`), and no folder on the way to it is a link that the one path rule
(`okrctl.paths`) refuses. A repository whose OKR files hold a link that `okrctl check` reports
(OKR109: a link out of the repository, into `.git/`, dangling or looping) is not imported into
at all: the import's files would be checked, and written, somewhere else than `check` reads.

The trial check runs `okrctl check` on the repository's OKR files with the planned files among
them, in a scratch folder outside the repository: the files are copied there as the check reads
them (links followed where the path rule allows, as plain files and folders, never as links),
so that writing the planned files there writes nowhere else, and `--dry-run` writes nothing
outside the scratch folder either. The errors the plan adds are reported at the source lines
they come from.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from okrctl import codes, config, engine, paths
from okrctl.adopt.assemble import Plan
from okrctl.adopt.ids import file_problem
from okrctl.adopt.records import Category, Note
from okrctl.config import Config, ConfigError
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.load import MAX_BYTES, SourceFile, discover, read_capped
from okrctl.transaction import Write
from okrctl.workspace import DEFAULT_DIR

LINK_CODE = codes.UNREADABLE_FILE.code

Discovered = tuple[list[SourceFile], list[Diagnostic]]


def discovered(into: Path) -> Discovered:
    """The repository's OKR files as `okrctl check` finds them (nothing when it has none)."""
    if not (into / DEFAULT_DIR).is_dir():
        return [], []
    return discover(into, [into / DEFAULT_DIR])


def refused_links(into: Path, found: Discovered) -> list[Note]:
    """An error for each link among the repository's OKR files that `okrctl check` refuses."""
    notes = []
    for diagnostic in found[1]:
        if diagnostic.code == LINK_CODE and (into / diagnostic.file).is_symlink():
            message = (
                f"{diagnostic.message} ({LINK_CODE}, as `okrctl check` reports): okrctl import "
                "writes nothing into a repository whose OKR files `okrctl check` refuses"
            )
            notes.append(Note((into / diagnostic.file).as_posix(), 1, Category.ERROR, message))
    return notes


def misplaced(plan: Plan, into: Path) -> list[Note]:
    """An error for each planned file that would not be written inside `into`: a name that
    leaves its folder, or a folder on the way that is a link the path rule refuses. Such files
    leave the plan (nothing else looks them up on disk)."""
    notes = []
    for name in sorted(plan.files):
        problem = file_problem(name) or _through_link(into, name)
        if problem is not None:
            source, line = plan.source_of(name, 1)
            notes.append(Note(source, line, Category.ERROR, f"cannot write {problem}"))
            del plan.files[name]
    return notes


def _through_link(into: Path, name: str) -> str | None:
    """Why `name` would be written through a link out of `into`, or None."""
    folder = into
    for part in name.split("/")[:-1]:
        folder = folder / part
        if not os.path.lexists(folder):
            return None  # the import makes the folders from here on
        if folder.is_symlink():
            why = paths.refused(into, folder)
            if why is not None:
                shown = folder.relative_to(into).as_posix()
                return f"{name}: its folder {shown} is a link that {why}"
    return None


def check(
    plan: Plan, into: Path, today: dt.date, changed: Write | None, found: Discovered
) -> list[Note]:
    """Errors `okrctl check` finds with the planned files in place that it does not find
    without them, in a scratch copy of the repository's OKR files."""
    existing = (into / DEFAULT_DIR).is_dir()
    try:
        configuration = config.load(into) if existing else Config()
    except (ConfigError, UsageError):  # its own configuration is `okrctl check`'s concern
        configuration = Config()
    with tempfile.TemporaryDirectory(prefix="okrctl-import-check-") as scratch:
        root = Path(scratch)
        if existing:
            _copy(found[0], root)
            before = {(d.file, d.code, d.message) for d in _errors(root, today, configuration)}
        else:
            before = set()
        if changed is not None:
            _put(root, changed.file, changed.data)
        for name, text in plan.files.items():
            _put(root, name, text.encode("utf-8"))
        after = _errors(root, today, configuration)
    notes = []
    for d in after:
        if d.severity == Severity.ERROR and (d.file, d.code, d.message) not in before:
            source, line = plan.source_of(d.file, d.line)
            notes.append(
                Note(source, line, Category.ERROR, f"{d.code} in {d.file}:{d.line}: {d.message}")
            )
    return notes


def _errors(root: Path, today: dt.date, configuration: Config) -> list[Diagnostic]:
    return engine.check_repository(root, config=configuration, today=today, jobs=1).diagnostics


def _copy(sources: list[SourceFile], root: Path) -> None:
    """The files `okrctl check` reads, as plain files under `root` (at most one byte over the
    size it reads, so that a file too large is too large in the copy as well)."""
    for source in sources:
        if file_problem(source.rel) is not None:
            continue
        try:
            data = read_capped(source.location, MAX_BYTES)
        except OSError:
            continue  # unreadable here and there: `okrctl check` reports it in the repository
        _put(root, source.rel, data)


def _put(root: Path, name: str, data: bytes) -> None:
    """Write `data` to `name` under `root`, which holds no link (the copy makes none) and the
    name passed `ids.file_problem`: the file is inside `root`."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
