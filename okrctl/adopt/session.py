"""One import from start to end: existing repository, plan, a trial check, then the files.

The plan is checked before anything is written: its files are written to a folder outside the
repository and `okrctl check` runs on them there (for a new repository); any error stops the
import with nothing written.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from okrctl import engine
from okrctl import schema as schemas
from okrctl.adopt import write as writer
from okrctl.adopt.assemble import ORG_FILE, Options, Plan, assemble
from okrctl.adopt.records import Category, Note, Source
from okrctl.config import Config
from okrctl.diagnostics import Severity
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


def _trial(plan: Plan, today: dt.date) -> list[Note]:
    """Errors `okrctl check` finds in the planned files, written to a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="okrctl-import-check-") as scratch:
        root = Path(scratch)
        for name, text in plan.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, "utf-8")
        result = engine.run(root, config=Config(), today=today, jobs=1)
    notes = []
    for d in result.diagnostics:
        if d.severity == Severity.ERROR:
            source, line = plan.origin.get(d.file, (d.file, d.line))
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
    if org is None:
        extra = {"okrctl.yaml": CONFIG_TEXT} | {
            f"schema/{n}": t for n, t in schemas.render().items()
        }
        for file, text in extra.items():
            if not (into / file).exists():
                plan.files[file] = text
    for file in writer.existing(into, plan.files):
        source, line = plan.origin.get(file, (file, 1))
        plan.notes.append(
            Note(
                source,
                line,
                Category.ERROR,
                f"{file} exists in {into}; okrctl import never overwrites",
            )
        )
    if not plan.failed and org is None:
        plan.notes.extend(_trial(plan, today))
    if plan.failed or dry_run:
        return Outcome(plan, ())
    written = writer.write(into, plan.files)
    return Outcome(replace(plan), tuple(written))
