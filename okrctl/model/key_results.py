"""Key results: numeric and milestone, their check-ins and the metric source `okrctl sync` reads.

A key result's `kind` chooses its model (`numeric` when left out); `KeyResult` is the union the
objective file holds.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from okrctl.model.field_types import (
    Date,
    Direction,
    Fraction,
    Indicator,
    Link,
    LongText,
    Number,
    Slug,
    Status,
    Strict,
    Text,
    Weight,
    invalid,
)


class CheckIn(Strict):
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


class MetricSource(Strict):
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
            self._check_file(self.path)
        elif self.column is not None or self.where:
            raise invalid(
                "column" if self.column is not None else "where",
                "`column` and `where` select values in a file; a `command` prints its value",
            )
        return self

    def _check_file(self, path: str) -> None:
        """A file source stays inside the repository, names a .csv or .json file, and says
        which column to read unless it counts rows."""
        parts = path.replace("\\", "/").split("/")
        if path.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
            raise invalid(
                "path",
                f"path {path!r} must stay inside the repository: write it relative "
                "to the repository root, without `..`",
            )
        if not path.lower().endswith(_SOURCE_SUFFIXES):
            raise invalid("path", f"path {path!r} must name a .csv or .json file")
        if self.column is None and self.aggregate != "count":
            raise invalid(
                "path",
                "name the `column` to read (or use `aggregate: count` to count rows)",
            )


class _KeyResultBase(Strict):
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
