"""An objective file (`okrs/<period>/<unit>/<id>.yaml`): one objective with its key results."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from okrctl.model.field_types import (
    Fraction,
    Level,
    Link,
    LongText,
    ObjectiveType,
    PeriodId,
    Slug,
    Status,
    Strict,
    Text,
    Weight,
    invalid,
)
from okrctl.model.key_results import KeyResult


class Objective(Strict):
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
