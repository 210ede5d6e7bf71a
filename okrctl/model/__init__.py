"""The OKR file format: pydantic models, the single source of the JSON Schema.

Every attribute docstring here becomes the field's description in `schema/`, the hover text in an
editor and the field reference in docs/files.md. Values are typed strictly: a number is never taken
from a string, a string never from a number (the loader hands plain scalars that were meant as
text back as their source text, see `validate.py`).

The models live in three modules, all re-exported here (`from okrctl.model import Objective`):
`field_types` (the shared field types, the strict base model and `Link`), `organisation_file`
(units, people, periods) and `objective_file` with `key_results` (objectives, numeric and
milestone key results, check-ins, metric sources).
"""

from __future__ import annotations

from okrctl.model.field_types import (
    API_VERSION,
    PERIOD_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
    Date,
    Direction,
    Fraction,
    Indicator,
    Level,
    Link,
    LongText,
    Number,
    ObjectiveType,
    PeriodId,
    Slug,
    Status,
    Strict,
    Text,
    Weight,
    invalid,
)
from okrctl.model.key_results import (
    KEY_RESULT_KINDS,
    Aggregate,
    CheckIn,
    KeyResult,
    MetricSource,
    MilestoneKeyResult,
    NumericKeyResult,
)
from okrctl.model.objective_file import Objective
from okrctl.model.organisation_file import Organization, Period, Person, Unit

__all__ = [
    "API_VERSION",
    "KEY_RESULT_KINDS",
    "KINDS",
    "PERIOD_PATTERN",
    "SLUG_PATTERN",
    "URL_PATTERN",
    "Aggregate",
    "CheckIn",
    "Date",
    "Direction",
    "Document",
    "Fraction",
    "Indicator",
    "KeyResult",
    "Level",
    "Link",
    "LongText",
    "MetricSource",
    "MilestoneKeyResult",
    "Number",
    "NumericKeyResult",
    "Objective",
    "ObjectiveType",
    "Organization",
    "Period",
    "PeriodId",
    "Person",
    "Slug",
    "Status",
    "Strict",
    "Text",
    "Unit",
    "Weight",
    "invalid",
]

Document = Organization | Objective
"""Either kind of OKR file."""
KINDS: dict[str, type[Organization] | type[Objective]] = {
    "Organization": Organization,
    "Objective": Objective,
}
"""A file's `kind` -> the model that validates it."""
