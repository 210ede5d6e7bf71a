"""One import from start to end: existing repository, plan, a trial check, then the files.

The plan is checked before anything is written (`trial`): every file it names is inside the
repository and reached through no link the path rule refuses, and `okrctl check` passes on a
scratch copy of the repository's OKR files with the planned files among them; an error the
import would bring stops it with nothing written. Into an existing
repository, the organisation file gains the new units, people and periods through a
byte-preserving edit (`okrctl.lifecycle.edit`); every other file the import writes is new.

The files are written in one transaction (`okrctl.transaction.commit`), like every other
multi-file edit: all of them or none, even when okrctl is killed, never over a file that
appeared after the plan was made, and never over an organisation file edited meanwhile (both
are reported like any other error, exit code 1).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrctl import schema as schemas
from okrctl import transaction
from okrctl.adopt import trial
from okrctl.adopt.assemble import ORG_FILE, Options, Plan, assemble
from okrctl.adopt.records import Category, Note, Source
from okrctl.lifecycle.edit import Document, Refused
from okrctl.load import parse_text
from okrctl.model import Organization
from okrctl.transaction import Conflict, Write, WriteFailed
from okrctl.validate import validate

CONFIG_TEXT = (
    "# okrctl configuration. Every rule is on at its default severity; `okrctl rules` lists\n"
    "# them. This repository was started by `okrctl import`.\n"
)


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    written: tuple[str, ...]


def _existing(root: Path) -> tuple[Organization | None, frozenset[str], list[Note]]:
    """The organisation and the objective ids of the repository at `root`, if it has them."""
    org_path = root / ORG_FILE
    if not org_path.exists():
        if (root / "okrs").is_dir() and any((root / "okrs").rglob("*.yaml")):
            message = (
                "okrs/ holds OKR files but no org.yaml: import into a new folder, or add the "
                "organisation file first"
            )
            return None, frozenset(), [Note(ORG_FILE, 1, Category.ERROR, message)]
        return None, frozenset(), []
    try:
        text = org_path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, frozenset(), [Note(ORG_FILE, 1, Category.ERROR, f"cannot read it: {exc}")]
    model, problems = validate(parse_text(text, ORG_FILE))
    if not isinstance(model, Organization):
        first = problems[0] if problems else None
        line = first.line if first else 1
        return (
            None,
            frozenset(),
            [
                Note(
                    ORG_FILE,
                    line,
                    Category.ERROR,
                    "the organisation file does not validate: run `okrctl check` first",
                )
            ],
        )
    files = (root / "okrs").rglob("*.yaml")
    ids = frozenset(p.stem for p in files if p.name != "org.yaml")
    return model, ids, []


def existing(root: Path, files: Iterable[str]) -> list[str]:
    """The files of `files` that are already in the repository (a dangling link counts)."""
    return sorted(name for name in files if (root / name).exists() or (root / name).is_symlink())


def _org_change(root: Path, additions: dict[str, list[dict[str, Any]]]) -> Write | Note:
    """The organisation file with `additions` appended to its lists, every other byte kept (as
    a write that expects the bytes as read); or why it cannot be edited."""
    document, problems = Document.read(root / ORG_FILE, ORG_FILE)
    if document is None:
        first = problems[0] if problems else None
        return Note(ORG_FILE, first.line if first else 1, Category.ERROR, "cannot edit it")
    edits = []
    expected = document.expected()
    try:
        for key in ("units", "people", "periods"):
            for record in additions.get(key, []):
                edits.append(document.append((), key, list(record.items())))
                expected.setdefault(key, []).append(record)
        change, problems = document.finish(edits, expected)
    except Refused as refused:
        return Note(ORG_FILE, 1, Category.ERROR, f"cannot add to it: {refused}")
    if change is None:
        first = problems[0] if problems else None
        message = first.message if first else "the edit does not validate"
        return Note(ORG_FILE, first.line if first else 1, Category.ERROR, message)
    return change.as_write()


def execute(
    sources: list[Source],
    into: Path,
    *,
    period: str | None,
    name: str | None,
    today: dt.date,
    dry_run: bool,
    fiscal_start: int = 1,
) -> Outcome:
    """Plan the import of `sources` into the repository at `into`, check it, and write it
    unless `dry_run` or anything is wrong."""
    org, taken, problems = _existing(into)
    options = Options(
        period=period,
        name=name,
        today=today,
        existing=org,
        taken=taken,
        fiscal_start=fiscal_start,
    )
    plan = assemble(sources, options)
    plan.notes.extend(problems)
    if org is None and not problems:
        _add_starter_files(plan, into)
    found = trial.discovered(into)
    plan.notes.extend(trial.refused_links(into, found))
    plan.notes.extend(trial.misplaced(plan, into))
    _refuse_existing(plan, into)
    changed = _org_write(plan, into) if org is not None else None
    if not plan.failed:
        plan.notes.extend(trial.check(plan, into, today, changed, found))
    if plan.failed or dry_run:
        return Outcome(plan, ())
    return _write(plan, into, changed)


def _add_starter_files(plan: Plan, into: Path) -> None:
    """A new repository's configuration and JSON Schema files, those `into` does not have."""
    extra = {"okrctl.yaml": CONFIG_TEXT} | {f"schema/{n}": t for n, t in schemas.render().items()}
    for file, text in extra.items():
        if not (into / file).exists():
            plan.files[file] = text


def _refuse_existing(plan: Plan, into: Path) -> None:
    """An error for each planned file that is already in the repository."""
    for file in existing(into, plan.files):
        source, line = plan.source_of(file, 1)
        plan.notes.append(
            Note(
                source,
                line,
                Category.ERROR,
                f"{file} exists in {into}; okrctl import never overwrites",
            )
        )


def _org_write(plan: Plan, into: Path) -> Write | None:
    """The edit of the existing organisation file that adds the plan's units, people and
    periods; None when there is nothing to add, or (with an error in the plan) when it cannot
    be made."""
    if not plan.additions or plan.failed:
        return None
    found = _org_change(into, plan.additions)
    if isinstance(found, Note):
        plan.notes.append(found)
        return None
    return found


def _write(plan: Plan, into: Path, changed: Write | None) -> Outcome:
    """Write the plan's files (and the organisation file's edit) in one transaction; the files
    written, or none and an error for each file that changed on disk meanwhile."""
    writes = [Write(name, text.encode("utf-8"), None) for name, text in sorted(plan.files.items())]
    if changed is not None:
        writes.append(changed)
    moved = _commit(into, writes)
    for file in moved:
        plan.notes.append(_moved_note(plan, into, file))
    if moved:
        return Outcome(plan, ())
    return Outcome(plan, tuple(sorted(write.file for write in writes)))


def _commit(into: Path, writes: list[Write]) -> list[str]:
    """Write `writes` into the repository at `into` (created first), all of them or none; the
    files that changed on disk since the plan was made, when that stopped it.

    Holding the repository's lock, the files are compared once more before the commit (which
    compares them again): a symbolic link that appeared is caught here, where the transaction
    would follow it. Between that comparison and the renames only a program that is not okrctl
    can create a file; the transaction then puts everything back and fails on it, which is
    reported the same way.
    """
    made = not into.exists()
    into.mkdir(parents=True, exist_ok=True)
    folders = _missing_folders(into, writes)
    written = False
    try:
        with transaction.locked(into):
            moved = _moved(into, writes)
            if not moved:
                transaction.commit(into, writes)
                written = True
    except Conflict:
        moved = _moved(into, writes)
        if not moved:  # changed and changed back: the transaction's own message says which
            raise
    except WriteFailed as exc:
        if not isinstance(exc.__cause__, FileExistsError):
            raise
        moved = _moved(into, writes)
        if not moved:
            raise
    finally:
        if not written:  # leave no folder behind that the import made (and left empty)
            for folder in [*folders, *([into] if made else [])]:
                with contextlib.suppress(OSError):
                    folder.rmdir()
    return moved


def _missing_folders(root: Path, writes: list[Write]) -> list[Path]:
    """The folders the new files need that do not exist yet, deepest first."""
    missing: set[Path] = set()
    for write in writes:
        for folder in (root / write.file).parents:
            if folder == root or folder.exists():
                break
            missing.add(folder)
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def _moved(root: Path, writes: list[Write]) -> list[str]:
    """The files of `writes` that are no longer as the plan found them."""
    moved = []
    for write in writes:
        path = root / write.file
        if write.expected is None:
            if path.exists() or path.is_symlink():
                moved.append(write.file)
            continue
        try:
            current: bytes | None = path.read_bytes()
        except OSError:
            current = None
        if current != write.expected:
            moved.append(write.file)
    return moved


def _moved_note(plan: Plan, into: Path, file: str) -> Note:
    if file == ORG_FILE and file not in plan.files:
        message = f"{file} changed in {into} during the import: run the import again"
    else:
        message = f"{file} appeared in {into} during the import; okrctl import never overwrites"
    source, line = plan.source_of(file, 1)
    return Note(source, line, Category.ERROR, message)
