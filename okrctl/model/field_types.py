"""The field types every OKR file shares: slugs, texts, dates, numbers, weights, the strict base
model and the titled link.

Each type carries its limits (pattern, length, range), so that the JSON Schema states them and a
value outside them is refused where it is written. `invalid` is how a model's own checks report a
field below it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
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


class Strict(BaseModel):
    """The base of every model: strict types, no unknown fields, frozen, attribute docstrings as
    the fields' descriptions, and defaults taken as written."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )


class Link(Strict):
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
