"""The organisation file (`okrs/org.yaml`): its units, people and periods."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from okrctl.model.field_types import (
    Date,
    LongText,
    PeriodId,
    Slug,
    Strict,
    Text,
    invalid,
)


class Unit(Strict):
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


class Person(Strict):
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


class Period(Strict):
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


class Organization(Strict):
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
