"""One import from start to end: existing repository, plan, a trial check, then the files.

The plan is checked before anything is written: its files are written to a scratch folder outside
the repository (beside a copy of the repository's OKR files, when it has some) and `okrctl check`
runs there; an error the import would bring stops it with nothing written. Into an existing
repository, the organisation file gains the new units, people and periods through a
byte-preserving edit (`okrctl.lifecycle.edit`); every other file the import writes is new.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrctl import config, engine
from okrctl import schema as schemas
from okrctl.adopt import write as writer
from okrctl.adopt.assemble import ORG_FILE, Options, Plan, assemble
from okrctl.adopt.records import Category, Note, Source
from okrctl.config import Config, ConfigError
from okrctl.diagnostics import Severity
from okrctl.errors import UsageError
from okrctl.lifecycle.edit import Document, Refused
from okrctl.load import parse_text
from okrctl.model import Organization
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


def _org_change(root: Path, additions: dict[str, list[dict[str, Any]]]) -> tuple[str, str] | Note:
    """(old text, new text) of the organisation file with `additions` appended to its lists,
    every other byte kept; or why it cannot be edited."""
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
    return document.text, change.new


def _errors(root: Path, today: dt.date, configuration: Config) -> engine.CheckResult:
    return engine.run(root, config=configuration, today=today, jobs=1)


def _trial(
    plan: Plan, into: Path, today: dt.date, changed: dict[str, tuple[str, str]]
) -> list[Note]:
    """Errors `okrctl check` finds with the planned files in place that it does not find
    without them, in a scratch copy of the repository's OKR files."""
    existing = (into / "okrs").is_dir()
    try:
        configuration = config.load(into) if existing else Config()
    except (ConfigError, UsageError):  # its own configuration is `okrctl check`'s concern
        configuration = Config()
    with tempfile.TemporaryDirectory(prefix="okrctl-import-check-") as scratch:
        root = Path(scratch)
        if existing:
            shutil.copytree(into / "okrs", root / "okrs", symlinks=True)
            before = {
                (d.file, d.code, d.message) for d in _errors(root, today, configuration).diagnostics
            }
        else:
            before = set()
        for name, (_, new) in changed.items():
            (root / name).write_text(new, "utf-8")
        for name, text in plan.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, "utf-8")
        result = _errors(root, today, configuration)
    notes = []
    for d in result.diagnostics:
        if d.severity == Severity.ERROR and (d.file, d.code, d.message) not in before:
            source, line = plan.source_of(d.file, d.line)
            notes.append(
                Note(source, line, Category.ERROR, f"{d.code} in {d.file}:{d.line}: {d.message}")
            )
    return notes


def execute(
    sources: list[Source],
    into: Path,
    *,
    period: str | None,
    name: str | None,
    today: dt.date,
    dry_run: bool,
) -> Outcome:
    """Plan the import of `sources` into the repository at `into`, check it, and write it
    unless `dry_run` or anything is wrong."""
    org, taken, problems = _existing(into)
    options = Options(period=period, name=name, today=today, existing=org, taken=taken)
    plan = assemble(sources, options)
    plan.notes.extend(problems)
    if org is None and not problems:
        extra = {"okrctl.yaml": CONFIG_TEXT} | {
            f"schema/{n}": t for n, t in schemas.render().items()
        }
        for file, text in extra.items():
            if not (into / file).exists():
                plan.files[file] = text
    for file in writer.existing(into, plan.files):
        source, line = plan.source_of(file, 1)
        plan.notes.append(
            Note(
                source,
                line,
                Category.ERROR,
                f"{file} exists in {into}; okrctl import never overwrites",
            )
        )
    changed: dict[str, tuple[str, str]] = {}
    if org is not None and plan.additions and not plan.failed:
        found = _org_change(into, plan.additions)
        if isinstance(found, Note):
            plan.notes.append(found)
        else:
            changed[ORG_FILE] = found
    if not plan.failed:
        plan.notes.extend(_trial(plan, into, today, changed))
    if plan.failed or dry_run:
        return Outcome(plan, ())
    written = writer.write(into, plan.files, changed)
    return Outcome(plan, tuple(written))
