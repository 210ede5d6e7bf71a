"""The repository-wide settings of okrctl.yaml beside `rules:`: the grace period for check-ins
and grades, how scores roll up, and which rules a closed period's files still answer to.

A pydantic model, so that each setting's docstring is its documentation and a wrong value is a
configuration error with the setting's position (see `okrctl.config`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from okrctl.scoring import DEFAULT_ROLLUP, Rollup


class Settings(BaseModel):
    """Top-level settings of okrctl.yaml (or `[tool.okrctl]`), other than `rules`."""

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, use_attribute_docstrings=True
    )

    checkin_grace_days: int = Field(default=14, ge=0, le=366)
    """Days after a period's end during which check-ins and grades are still accepted as the
    period's own (organisations grade in the first week of the next quarter)."""
    rollup: Rollup = DEFAULT_ROLLUP
    """How an objective's score combines its key results with the objectives supporting it."""
    closed_periods: Literal["integrity", "all"] = "integrity"
    """What the files of a closed period answer to: `integrity` (the default) runs only the
    built-in checks (file format, references) and OKR820 on them, since their style can no
    longer be fixed without rewriting history; `all` runs every rule as on open periods."""


DEFAULT_SETTINGS = Settings()
NAMES = tuple(Settings.model_fields)
"""The setting names okrctl.yaml accepts beside `rules`."""
