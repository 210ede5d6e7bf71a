"""`okrctl init`: a new OKR repository that passes `okrctl check` at once.

The files come from `skeleton/` (package data), with the organisation's name, its first person
and the current period filled in as YAML scalars that read back exactly, and okrctl's action and
pre-commit hooks pinned to this release (`pins`). Nothing is ever overwritten: a file that exists
is kept and reported.

An `okrs/` folder that already holds OKR files with a valid organisation file (what `okrctl
import` writes into a new folder) is completed: everything around it is written (workflows,
CODEOWNERS from its organisation file, pre-commit, `site/`, `.gitignore`, a README), and nothing
in it is touched. An `okrs/` folder with files but no valid organisation file is refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from okrctl import __version__, engine, workspace
from okrctl import codeowners as owners
from okrctl import schema as schemas
from okrctl.errors import UsageError
from okrctl.lifecycle import pins
from okrctl.lifecycle.edit import scalar
from okrctl.lifecycle.scaffold import slugify
from okrctl.load import parse_text
from okrctl.model import Objective, Organization
from okrctl.transaction import Write, commit
from okrctl.validate import validate

SKELETON = "skeleton"
"""Folder of package data under `okrctl/lifecycle/` holding the templates."""
TARGETS = {
    "org.yaml.tmpl": "okrs/org.yaml",
    "objective.yaml.tmpl": "okrs/{period}/{unit}/okrs-as-code.yaml",
    "okrctl.yaml.tmpl": "okrctl.yaml",
    "validate.yml.tmpl": ".github/workflows/validate.yml",
    "publish.yml.tmpl": ".github/workflows/publish.yml",
    # between merges: the weekly reminder issue and digest, check-ins from an issue form
    "remind.yml.tmpl": ".github/workflows/remind.yml",
    "checkin.yml.tmpl": ".github/workflows/checkin.yml",
    "checkin-form.yml.tmpl": ".github/ISSUE_TEMPLATE/checkin.yml",
    "dependabot.yml.tmpl": ".github/dependabot.yml",
    "pre-commit-config.yaml.tmpl": ".pre-commit-config.yaml",
    "site-mkdocs.yml.tmpl": "site/mkdocs.yml",
    "site-extra.css.tmpl": "site/stylesheets/extra.css",
    "gitignore.tmpl": ".gitignore",
    "README.md.tmpl": "README.md",
}
"""Template -> where it goes in the new repository: the same GitOps set as okrctl's own
repository (validation with the diff summary and annotations, publishing to GitHub Pages,
reminders and the digest, check-ins from an issue form, Dependabot, the pre-commit hooks, a
site/ to customise; CODEOWNERS is generated from the organisation file). Templates end in
`.tmpl` (no tool takes them for real YAML) and dot files are stored without the dot (so that
packaging keeps them)."""
ORG_FILE = f"{workspace.DEFAULT_DIR}/org.yaml"
SYNC_TARGETS = {"sync.yml.tmpl": ".github/workflows/sync.yml"}
"""Written with `okrctl init --sync`: the weekly metric sync."""


@dataclass(frozen=True)
class Period:
    id: str
    start: dt.date
    end: dt.date


def quarter(day: dt.date) -> Period:
    """The calendar quarter holding `day`, as `2026-Q4`."""
    number = (day.month - 1) // 3 + 1
    start = dt.date(day.year, 3 * number - 2, 1)
    following = dt.date(day.year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return Period(f"{day.year}-Q{number}", start, following - dt.timedelta(days=1))


PERIOD_FORMS = "YYYY (a year), YYYY-Qn (a quarter), YYYY-Hn (a half) or YYYY-MM (a month)"


def _span(identifier: str, year: int, first_month: int, months: int) -> Period:
    """The period of `months` calendar months from `first_month` of `year`."""
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])  # 9999-12 too
    return Period(identifier, start, end)


def parse_period(text: str) -> Period:
    """`2026`, `2026-Q4`, `2026-H2` or `2026-05` -> the period's dates (UsageError otherwise)."""
    found = re.fullmatch(r"(\d{4})(?:-(?:Q([1-4])|H([12])|(0[1-9]|1[0-2])))?", text)
    if found is None or int(found[1]) < 1:
        raise UsageError(f"--period {text!r} is not a period; write {PERIOD_FORMS}, e.g. 2026-Q4")
    year = int(found[1])
    if found[2]:
        return _span(text, year, 3 * int(found[2]) - 2, 3)
    if found[3]:
        return _span(text, year, 6 * int(found[3]) - 5, 6)
    if found[4]:
        return _span(text, year, int(found[4]), 1)
    return _span(text, year, 1, 12)


@dataclass(frozen=True)
class Starter:
    """The values the templates are filled with."""

    name: str
    person_name: str
    period: Period
    email: str | None = None
    today: dt.date | None = None
    """The day of `okrctl init`: the example's key results get a first check-in on it when it
    falls inside the period."""
    github: str | None = None
    """The first person's GitHub handle: CODEOWNERS asks them to review every change."""
    sync: bool = False
    """Write the metric sync workflow as well."""

    @property
    def unit(self) -> str:
        return slugify(self.name, 40) or "company"

    @property
    def person(self) -> str:
        return slugify(self.person_name, 40) or "owner"

    def _first_checkin(self, value: int) -> str:
        day = self.today
        if day is None or not self.period.start <= day <= self.period.end:
            return ""
        return (
            f"\n    current: {value}\n    checkins:\n      - date: {day.isoformat()}\n"
            f"        value: {value}\n        note: Where we start, recorded by okrctl init."
        )

    def values(self) -> dict[str, str]:
        return {
            "first_checkin_0": self._first_checkin(0),
            "first_checkin_1": self._first_checkin(1),
            "name": scalar(self.name),
            "unit": self.unit,
            "person": self.person,
            "person_name": scalar(self.person_name),
            "email": (f"\n    email: {scalar(self.email)}" if self.email else "")
            + (f"\n    github: {scalar(self.github)}" if self.github else ""),
            "period": self.period.id,
            "period_value": scalar(self.period.id),  # `2026` must stay text in YAML
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "version": __version__,
        } | pin_values(pins.current())


def pin_values(pin: pins.Pin) -> dict[str, str]:
    """Where the written workflows and hooks find okrctl (see `okrctl.lifecycle.pins`)."""
    return {"action": pin.action, "hooks_url": pin.hooks_url, "hooks_rev": pin.hooks_rev}


def _template(name: str) -> str:
    return resources.files("okrctl.lifecycle").joinpath(SKELETON, name).read_text("utf-8")


def _fill(templates: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    """Template name -> target, filled with `values`: target -> text."""
    out: dict[str, str] = {}
    for template, target in templates.items():
        text = _template(template)
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        out[target] = text
    return out


def _targets(starter: Starter) -> dict[str, str]:
    chosen = TARGETS | (SYNC_TARGETS if starter.sync else {})
    return {
        t: target.format(period=starter.period.id, unit=starter.unit)
        for t, target in chosen.items()
    }


def files(starter: Starter) -> dict[str, str]:
    """Path in the new repository -> text, checked to validate (schema files included)."""
    out = _fill(_targets(starter), starter.values())
    for target, text in list(out.items()):
        if target.startswith(workspace.DEFAULT_DIR + "/"):
            model, problems = validate(parse_text(text, target))
            if not isinstance(model, Organization | Objective):  # pragma: no cover - a bug
                raise ValueError(f"okrctl init's {target} does not validate: {problems}")
            if isinstance(model, Organization):
                out[owners.PATH] = owners.render(model, target)
    for name, text in schemas.render().items():
        out[f"schema/{name}"] = text
    return out


def completion(starter: Starter, root: Path, org: Organization) -> dict[str, str]:
    """The files around an `okrs/` folder that holds an organisation (`okrctl import` wrote it):
    every file of `files` outside `okrs/`, filled from the organisation rather than `starter`'s
    name, unit and period, and CODEOWNERS as `okrctl codeowners` makes it there."""
    top = next((u for u in org.units if u.parent is None), org.units[0])
    period = _current_period(org, starter.today or dt.date.today())
    values = starter.values() | {
        "name": scalar(org.name),
        "unit": top.id,
        "period": period or starter.period.id,
    }
    okrs = f"{workspace.DEFAULT_DIR}/"
    templates = {t: path for t, path in _targets(starter).items() if not path.startswith(okrs)}
    out = _fill(templates, values)
    out[owners.PATH] = owners.render(org, ORG_FILE, _objectives(root))
    for name, text in schemas.render().items():
        out[f"schema/{name}"] = text
    return out


def _objectives(root: Path) -> list[tuple[str, Objective]]:
    """The repository's objectives (file, model), for the CODEOWNERS lines of shared ones."""
    checked = engine.check_repository(root, [root / workspace.DEFAULT_DIR], jobs=1)
    return [(entry.file, entry.objective) for entry in checked.cascade.iter_objectives()]


def _current_period(org: Organization, today: dt.date) -> str | None:
    """The open period holding `today` (the shortest), else the next open one, else the last."""
    periods = sorted(org.periods, key=lambda p: (p.start, p.end))
    open_ = [p for p in periods if not p.closed]
    holding = sorted(
        (p for p in open_ if p.start <= today <= p.end), key=lambda p: (p.end - p.start, p.id)
    )
    coming = [p for p in open_ if p.start > today]
    chosen = holding or coming or periods[-1:]
    return chosen[0].id if chosen else None


def existing_organisation(directory: Path) -> Organization | None:
    """The organisation of an `okrs/` folder that already holds files, for `completion`; None
    when there is no such folder or it is empty. A folder with files but no organisation file
    that validates is a UsageError (init never writes into it)."""
    okrs = directory / workspace.DEFAULT_DIR
    if not okrs.exists() or (okrs.is_dir() and not any(okrs.iterdir())):
        return None
    refusal = (
        f"{okrs} already holds files but no valid organisation file ({ORG_FILE}); okrctl init "
        "starts a new repository, or completes one `okrctl import` wrote, and never overwrites "
        "(run `okrctl check` there, or run init in an empty folder)"
    )
    if not okrs.is_dir() or not (directory / ORG_FILE).is_file():
        raise UsageError(refusal)
    try:
        text = (directory / ORG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(refusal) from None
    model, _ = validate(parse_text(text, ORG_FILE))
    if not isinstance(model, Organization):
        raise UsageError(refusal)
    return model


@dataclass(frozen=True)
class Started:
    """What `init` did."""

    written: list[str]
    kept: list[str]
    completed: bool
    """The `okrs/` folder was there already (an import): the files around it were written."""
    nobody_owns: bool
    """The CODEOWNERS written names nobody (no lead has a `github` handle)."""


def init(directory: Path, starter: Starter) -> Started:
    """Write the repository into `directory` (or complete the one `okrctl import` wrote)."""
    org = existing_organisation(directory)
    texts = files(starter) if org is None else completion(starter, directory, org)
    written: list[str] = []
    kept: list[str] = []
    for target in sorted(texts):
        exists = (directory / target).exists() or (directory / target).is_symlink()
        (kept if exists else written).append(target)
    # all the files or none (`okrctl.transaction`), and never over a file that exists
    commit(directory, [Write(name, texts[name].encode("utf-8"), None) for name in written])
    return Started(written, kept, org is not None, owners.PATH in written and _nobody(texts))


def _nobody(texts: dict[str, str]) -> bool:
    """The CODEOWNERS of `texts` names no reviewer: no line outside comments names a handle."""
    lines = texts[owners.PATH].splitlines()
    return not any("@" in line for line in lines if line.strip() and not line.startswith("#"))
