"""The OKR file format: pydantic models, the single source of the JSON Schema.

Every attribute docstring here becomes the field's description in `schema/`, the hover text in an
editor and the field reference in the README. Values are typed strictly: a number is never taken
from a string, a string never from a number (the loader hands plain scalars that were meant as
text back as their source text, see `validate.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

API_VERSION = "okrctl/v1"
"""The only `apiVersion` this release reads."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD_PATTERN = r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$"


def invalid(path: str, message: str) -> PydanticCustomError:
    """An error for a field below the model being validated: `path` is dotted (`key_results.1.id`).

    The validator turns the path into the field's line and column.
    """
    return PydanticCustomError("okr_invalid", message, {"path": path})


def _iso_date(value: object) -> object:
    """Accept a quoted ISO date ("2026-10-01") as well as a plain one."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=100)]
PeriodId = Annotated[str, Field(pattern=PERIOD_PATTERN, min_length=1, max_length=40)]
Text = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(max_length=20_000)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
"""A measured value: finite, and within +/-10^15 so that differences and scores stay finite."""

Direction = Literal["increase", "decrease"]
Status = Literal["active", "dropped"]
Weight = Annotated[float, Field(ge=0.0, le=1000.0, allow_inf_nan=False)]
"""A relative weight: 0 keeps an item in view without counting it."""
URL_PATTERN = r"""^https?://[^\s<>"'`\\]+$"""
"""An absolute `http` or `https` URL with a host; no spaces, quotes or angle brackets."""
Indicator = Literal["leading", "lagging"]
Level = Literal["strategic", "operational"]
ObjectiveType = Literal["committed", "aspirational"]


class _Strict(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )


# --------------------------------------------------------------------------- organisation


class Unit(_Strict):
    """A node of the organisation tree: the company, a department, a team or a squad."""

    id: Slug
    """Lowercase slug naming the unit in objectives' `unit` and in other units' `parent`."""
    name: Text
    """Human-readable name shown on the site."""
    parent: Slug | None = None
    """The unit this one belongs to. Exactly one unit, the company, has no parent."""
    lead: Slug | None = None
    """The person (an id from `people`) who leads the unit and reviews its OKR files."""
    headcount: Annotated[int, Field(ge=0, le=10_000_000)] = 0
    """How many people work in the unit, including its sub-units; okrctl warns when the unit
    carries more objectives than its people can."""
    description: LongText | None = None
    """What the unit does, in a sentence or two."""


class Person(_Strict):
    """Someone who can own objectives and key results."""

    id: Slug
    """Lowercase slug used in `owner`, `lead` and check-ins' `by`."""
    name: Text
    """Full name shown on the site."""
    unit: Slug | None = None
    """The unit the person belongs to."""
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] | None = None
    """Work e-mail address."""
    github: Annotated[str, Field(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")] | None = None
    """GitHub user name (without `@`): makes the person a code owner of their unit's files."""


class Period(_Strict):
    """A time box for objectives: a quarter, a half, a year or any custom range."""

    id: PeriodId
    """Identifier used in objectives' `period`, e.g. `2026-Q4`, `2026-H2` or `2026`."""
    start: Date
    """First day of the period (inclusive), as `YYYY-MM-DD`."""
    end: Date
    """Last day of the period (inclusive), as `YYYY-MM-DD`."""
    name: Text | None = None
    """Display name, e.g. "Q4 2026"; defaults to the id."""
    closed: bool = False
    """True once the period is over and graded: its objectives are then read-only history."""

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise invalid(
                "end",
                f"period ends ({self.end}) before it starts ({self.start}); swap `start` and `end`",
            )
        return self

    def encloses(self, other: Period) -> bool:
        """True when `other` lies within this period (a period encloses itself)."""
        return self.start <= other.start and other.end <= self.end


class Organization(_Strict):
    """The organisation file: units, people and periods. A repository has exactly one."""

    apiVersion: Literal["okrctl/v1"]
    """Version of the file format. This release reads `okrctl/v1`."""
    kind: Literal["Organization"]
    """Says what the file holds: `Organization` for the organisation file."""
    name: Text
    """The organisation's name, shown as the site's title."""
    description: LongText | None = None
    """Mission statement or a short introduction shown on the site's home page."""
    units: Annotated[list[Unit], Field(min_length=1)]
    """The organisation's units as a tree: each names its `parent`; the root is the company."""
    people: list[Person] = Field(default_factory=list)
    """Everyone who can own an objective or a key result."""
    periods: Annotated[list[Period], Field(min_length=1)]
    """The periods objectives are set for. Periods may nest (a year encloses its quarters)."""


# --------------------------------------------------------------------------- objectives


class Link(_Strict):
    """A titled link to an RFC, a dashboard, an issue or any page about the work."""

    title: Text
    """What the link leads to, shown as the link's text."""
    url: Annotated[str, Field(min_length=10, max_length=2000, pattern=URL_PATTERN)]
    """An absolute `http://` or `https://` address; other schemes are refused."""

    @model_validator(mode="after")
    def _has_host(self) -> Link:
        rest = self.url.split("://", 1)[1]
        host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
        if not host or host.startswith(":"):
            raise invalid("url", f"url {self.url!r} names no host; write `https://host/path`")
        return self


class CheckIn(_Strict):
    """One progress report on a key result."""

    date: Date
    """Day of the check-in, `YYYY-MM-DD`, within the objective's period."""
    value: Number | bool | None = None
    """The measured value on that day: a number for a numeric key result, `true` or `false` for a
    milestone. Leave it out for a status update with only a `note` ("no data yet")."""
    confidence: Fraction | None = None
    """How likely the owner thinks the target is met by the end of the period, from 0 to 1."""
    note: LongText | None = None
    """What happened since the last check-in, and what is blocking progress."""
    by: Slug | None = None
    """The person who reported the check-in, when not the key result's owner."""

    @model_validator(mode="after")
    def _says_something(self) -> CheckIn:
        if self.value is None and not (self.note or "").strip():
            raise invalid(
                "date",
                f"check-in of {self.date} has neither a `value` nor a `note`: record the "
                "measured value, or a note saying where things stand",
            )
        return self


Aggregate = Literal["last", "first", "sum", "mean", "max", "min", "count"]
_SOURCE_SUFFIXES = (".csv", ".json")


class MetricSource(_Strict):
    """Where `okrctl sync` reads a key result's value instead of someone typing it in: a CSV or
    JSON file in the repository, or a command that prints the value. Only `okrctl sync` reads
    sources (and only it runs commands); `okrctl check` and `okrctl build` never do."""

    path: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    """A `.csv` or `.json` file, relative to the repository root, e.g. `metrics/leads.csv`. A CSV
    file starts with a header row; a JSON file holds a list of records (objects) or one object."""
    column: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """The CSV column (its header) or the JSON records' field to read; in a JSON object, a dotted
    path to a number or to a list of numbers (`totals.leads`). Not needed to `count` rows."""
    aggregate: Aggregate = "last"
    """How the values become one: `last` (the default: the last row's), `first`, `sum`, `mean`,
    `max`, `min`, or `count` (how many rows). A milestone is done when the result is `true` or
    above 0."""
    where: dict[str, Annotated[str, Field(max_length=200)]] = Field(default_factory=dict)
    """Only rows whose fields equal these texts, e.g. `{region: north}`."""
    command: (
        Annotated[
            list[Annotated[str, Field(min_length=1, max_length=1000)]],
            Field(min_length=1, max_length=100),
        ]
        | None
    ) = None
    """A program and its arguments, e.g. `[python3, scripts/leads.py]`, run from the repository
    root without a shell; it must print one number (or `true`/`false` for a milestone)."""
    timeout: Annotated[float, Field(gt=0.0, le=600.0, allow_inf_nan=False)] = 60.0
    """Seconds a `command` may run before it is stopped and reported."""

    @model_validator(mode="after")
    def _one_kind(self) -> MetricSource:
        if (self.path is None) == (self.command is None):
            raise invalid(
                "path" if self.path is not None else "",
                "a source reads either a file (`path`) or a `command`: give exactly one",
            )
        if self.path is not None:
            parts = self.path.replace("\\", "/").split("/")
            if self.path.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
                raise invalid(
                    "path",
                    f"path {self.path!r} must stay inside the repository: write it relative "
                    "to the repository root, without `..`",
                )
            if not self.path.lower().endswith(_SOURCE_SUFFIXES):
                raise invalid("path", f"path {self.path!r} must name a .csv or .json file")
            if self.column is None and self.aggregate != "count":
                raise invalid(
                    "path",
                    "name the `column` to read (or use `aggregate: count` to count rows)",
                )
        elif self.column is not None or self.where:
            raise invalid(
                "column" if self.column is not None else "where",
                "`column` and `where` select values in a file; a `command` prints its value",
            )
        return self


class _KeyResultBase(_Strict):
    id: Slug
    """Lowercase slug, unique within the objective."""
    title: Text
    """The outcome, stated so that anyone can tell whether it happened."""
    description: LongText | None = None
    """How the result is measured, where the data comes from, caveats."""
    owner: Slug | None = None
    """The person (or the unit) responsible for this key result; defaults to the objective's
    owner."""
    weight: Weight = 1.0
    """Relative weight in the objective's score (a weighted mean); 1 by default, 0 to keep the
    key result in view without counting it."""
    status: Status = "active"
    """`active` (the default) or `dropped`: de-prioritised during the period. A dropped key result
    is left out of every score, shown struck through and never carried to the next period."""
    dropped_reason: LongText | None = None
    """Why the key result was dropped; expected when `status` is `dropped`."""
    links: list[Link] = Field(default_factory=list, max_length=50)
    """Titled links to dashboards, RFCs or issues about the key result."""
    confidence: Fraction | None = None
    """Starting confidence, 0 to 1, that the target will be met (0.5 is a healthy stretch)."""
    indicator: Indicator = "lagging"
    """`leading` for a result that predicts success (calls made, demos booked), `lagging` for one
    that confirms it afterwards (revenue, churn)."""
    checkins: list[CheckIn] = Field(default_factory=list)
    """Progress reports, oldest first."""
    score: Fraction | None = None
    """Final grade from 0.0 to 1.0, written by `okrctl grade` when the period ends."""
    source: MetricSource | None = None
    """Where `okrctl sync` reads the value from (a CSV or JSON file, or a command), so that
    check-ins are recorded without typing them."""


class NumericKeyResult(_KeyResultBase):
    """A key result measured by a number moving from a baseline towards a target."""

    kind: Literal["numeric"] = "numeric"
    """`numeric` (the default): a number moving from `baseline` to `target`."""
    metric: Slug
    """What is measured, as a slug shared by every key result on the same metric
    (e.g. `conversion-rate`), so that okrctl can spot two units pulling one metric opposite ways."""
    unit: Annotated[str, Field(min_length=1, max_length=40)]
    """Unit of the numbers: `%`, `EUR`, `leads`, `days`, ..."""
    baseline: Number | None = None
    """The value at the start of the period. Leave it out (or `null`) when it is not known yet:
    the first check-in with a value then sets it, and `direction` must be given."""
    target: Number
    """The value that counts as fully achieved (score 1.0)."""
    current: Number | None = None
    """The latest value; `okrctl checkin` keeps it equal to the last check-in."""
    direction: Direction | None = None
    """`increase` or `decrease`; inferred from `baseline` and `target` when left out, required
    when the baseline is unknown."""

    @model_validator(mode="after")
    def _consistent(self) -> NumericKeyResult:
        for i, checkin in enumerate(self.checkins):
            if isinstance(checkin.value, bool):
                raise invalid(
                    f"checkins.{i}.value",
                    f"check-in of {checkin.date} has value {str(checkin.value).lower()}, "
                    "but this key result is numeric: record the measured number",
                )
        if self.baseline is None:
            if self.direction is None:
                raise invalid(
                    "target",
                    "the baseline is unknown, so okrctl cannot tell which way the target "
                    "lies: add `direction: increase` or `direction: decrease`",
                )
            return self
        if self.target == self.baseline:
            raise invalid(
                "target",
                f"target equals baseline ({self.target:g}): nothing would be measured; "
                "set a target that differs from the baseline",
            )
        implied = "increase" if self.target > self.baseline else "decrease"
        if self.direction is not None and self.direction != implied:
            raise invalid(
                "direction",
                f"direction is {self.direction!r} but the target ({self.target:g}) is "
                f"{'above' if implied == 'increase' else 'below'} the baseline "
                f"({self.baseline:g}); set direction to {implied!r} or fix the numbers",
            )
        return self

    @property
    def known_baseline(self) -> float | None:
        """The baseline: as given, else the first check-in's value; None while unknown."""
        if self.baseline is not None:
            return self.baseline
        for checkin in self.checkins:
            if isinstance(checkin.value, float | int) and not isinstance(checkin.value, bool):
                return float(checkin.value)
        return None

    @property
    def effective_direction(self) -> Direction:
        """The direction, given or implied by baseline and target."""
        if self.direction is not None:
            return self.direction
        baseline = self.baseline if self.baseline is not None else self.target
        return "increase" if self.target > baseline else "decrease"


class MilestoneKeyResult(_KeyResultBase):
    """A key result that is either done or not, e.g. "launch the new pricing page"."""

    kind: Literal["milestone"]
    """`milestone`: a deliverable that is done or not, scored 0 or 1."""
    done: bool = False
    """True once the milestone is delivered."""

    @model_validator(mode="after")
    def _boolean_checkins(self) -> MilestoneKeyResult:
        for i, checkin in enumerate(self.checkins):
            if checkin.value is not None and not isinstance(checkin.value, bool):
                raise invalid(
                    f"checkins.{i}.value",
                    f"check-in of {checkin.date} has value {checkin.value:g}, but this key "
                    "result is a milestone: record `true` (done) or `false` (not yet)",
                )
        return self


KEY_RESULT_KINDS = ("numeric", "milestone")


def _key_result_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind", "numeric")
        return kind if isinstance(kind, str) else None
    if isinstance(value, _KeyResultBase):
        return value.kind  # type: ignore[attr-defined, no-any-return]
    return "numeric"  # not a mapping: the numeric model says "must be a mapping of fields"


KeyResult = Annotated[
    Annotated[NumericKeyResult, Tag("numeric")] | Annotated[MilestoneKeyResult, Tag("milestone")],
    Discriminator(
        _key_result_kind,
        custom_error_type="key_result_kind",
        custom_error_message="`kind` must be 'numeric' (the default) or 'milestone'",
    ),
]


class Objective(_Strict):
    """An objective with its key results. One file per objective, named `<id>.yaml`."""

    apiVersion: Literal["okrctl/v1"]
    """Version of the file format. This release reads `okrctl/v1`."""
    kind: Literal["Objective"]
    """Says what the file holds: `Objective`."""
    id: Slug
    """Lowercase slug, unique across the repository and equal to the file name without `.yaml`."""
    title: Text
    """The qualitative goal, short and inspiring; numbers belong in key results."""
    description: LongText | None = None
    """Why this matters now and how it connects to the objective it supports."""
    level: Level
    """`strategic` for company and department direction, `operational` for the concrete,
    time-bound work of a team that makes a strategic objective happen."""
    unit: Slug
    """The unit (an id from the organisation file) that owns the objective."""
    owner: Slug
    """Who answers for the objective: a person (an id from `people`) or a unit (an id from
    `units`: the team owns it and its `lead` answers for it)."""
    contributors: list[Slug] = Field(default_factory=list, max_length=50)
    """Other units (ids from `units`) that share the objective: it shows on their pages, counts
    in their load, and their leads review its file."""
    period: PeriodId
    """The period (an id from the organisation file) the objective is set for."""
    parent: Slug | None = None
    """The objective this one supports, in the same unit or a unit above it. Required for
    operational objectives."""
    type: ObjectiveType = "committed"
    """`committed` (expected to be fully met, 1.0) or `aspirational` (a stretch; 0.7 is good)."""
    depends_on: list[Slug] = Field(default_factory=list)
    """Objectives of other units this one needs in order to succeed."""
    acknowledges: list[Slug] = Field(default_factory=list)
    """Objectives of other units that depend on this one and that this unit has agreed to serve:
    the other side of their `depends_on`."""
    weight: Weight = 1.0
    """Relative weight in the parent objective's roll-up score; 1 by default, 0 to leave the
    objective out of its parent's score."""
    status: Status = "active"
    """`active` (the default) or `dropped`: de-prioritised during the period. A dropped objective
    is left out of every score, shown struck through and never carried to the next period."""
    dropped_reason: LongText | None = None
    """Why the objective was dropped; expected when `status` is `dropped`."""
    key_results: Annotated[list[KeyResult], Field(max_length=50)] = Field(default_factory=list)
    """The measurable outcomes that show the objective is met. Leave it empty (or out) for a
    roll-up objective, measured by the objectives that support it (their `parent` is this one)."""
    links: list[Link] = Field(default_factory=list, max_length=50)
    """Titled links to RFCs, dashboards or issues about the objective."""
    score: Fraction | None = None
    """Final grade from 0.0 to 1.0, written by `okrctl grade` when the period ends."""
    retrospective: LongText | None = None
    """What was learned at the end of the period; expected when a committed objective scores
    below 1.0."""
    carried_from: Slug | None = None
    """The objective of an earlier period this one continues (set by `okrctl close --carry`)."""

    @model_validator(mode="after")
    def _shape(self) -> Objective:
        if self.level == "operational" and self.parent is None:
            raise invalid(
                "level",
                "an operational objective must name the objective it supports: add "
                "`parent: <objective id>`, or make it `level: strategic`",
            )
        seen: dict[str, int] = {}
        for i, kr in enumerate(self.key_results):
            if kr.id in seen:
                raise invalid(
                    f"key_results.{i}.id",
                    f"key result id {kr.id!r} is already used by key result "
                    f"{seen[kr.id] + 1}; give each key result a distinct id",
                )
            seen[kr.id] = i
        return self


Document = Organization | Objective
KINDS: dict[str, type[Organization] | type[Objective]] = {
    "Organization": Organization,
    "Objective": Objective,
}
