"""`okrctl init`: a new OKR repository that passes `okrctl check` at once.

The files come from `skeleton/` (package data), with the organisation's name, its first person
and the current period filled in as YAML scalars that read back exactly. Nothing is ever
overwritten: a file that exists is kept and reported, and an `okrs/` folder that already holds
files is refused.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from okrctl import __version__, workspace
from okrctl import codeowners as owners
from okrctl import schema as schemas
from okrctl.errors import UsageError
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
    "requirements.txt.tmpl": "requirements.txt",
    "pre-commit-config.yaml.tmpl": ".pre-commit-config.yaml",
    "site-mkdocs.yml.tmpl": "site/mkdocs.yml",
    "site-extra.css.tmpl": "site/stylesheets/extra.css",
    "gitignore.tmpl": ".gitignore",
    "README.md.tmpl": "README.md",
}
"""Template -> where it goes in the new repository: the same GitOps set as okrctl's own
repository (validation with the diff summary and annotations, publishing to GitHub Pages,
reminders and the digest, check-ins from an issue form, Dependabot, the pre-commit hook, a
site/ to customise; CODEOWNERS is generated from the organisation file). Templates end in
`.tmpl` (no tool takes them for real YAML) and dot files are stored without the dot (so that
packaging keeps them)."""
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
        }


def _template(name: str) -> str:
    return resources.files("okrctl.lifecycle").joinpath(SKELETON, name).read_text("utf-8")


def files(starter: Starter) -> dict[str, str]:
    """Path in the new repository -> text, checked to validate (schema files included)."""
    values = starter.values()
    out: dict[str, str] = {}
    for template, target in (TARGETS | (SYNC_TARGETS if starter.sync else {})).items():
        text = _template(template)
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        out[target.format(period=starter.period.id, unit=starter.unit)] = text
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


def init(directory: Path, starter: Starter) -> tuple[list[str], list[str]]:
    """Write the repository into `directory`: (files written, files kept as they were)."""
    okrs = directory / workspace.DEFAULT_DIR
    if okrs.exists() and (not okrs.is_dir() or any(okrs.iterdir())):
        raise UsageError(
            f"{okrs} already holds files; okrctl init starts a new repository and never "
            "overwrites (run it in an empty folder, or move okrs/ away)"
        )
    written: list[str] = []
    kept: list[str] = []
    for target in sorted(files(starter)):
        exists = (directory / target).exists() or (directory / target).is_symlink()
        (kept if exists else written).append(target)
    texts = files(starter)
    # all the files or none (`okrctl.transaction`), and never over a file that exists
    commit(directory, [Write(name, texts[name].encode("utf-8"), None) for name in written])
    return written, kept
