"""What a pydantic error means, in the words a user reads: one table for every validator.

The model validator (`okrctl.validate`, OKR files) and the configuration validator
(`okrctl.config`, okrctl.yaml and pyproject.toml) both turn pydantic's error types into messages
through `MESSAGES`, so a wrong type reads the same wherever it is written. Each entry takes the
error, the field as the user reads it (`key_results[0].target`, or "option `max_days` of
stale-key-result") and returns the message; a validator handles the few errors that need to know
its model (missing and unknown fields) itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic_core import ErrorDetails

EXPECTED: dict[str, str] = {
    "string_type": "a string",
    "float_type": "a number",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
    "number_or_bool_type": "a number, or true/false for a milestone",
}
"""Error type -> what the field must be. `number_or_bool_type` is okrctl's own: a union of a
number and true/false where both members complained."""

BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("greater than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
"""Error type -> (the words, the constraint's name in the error's context)."""


def show(value: Any) -> str:
    """A value as a message quotes it: text in quotes and cut short, YAML's words for the rest."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"{value!r}"
    return f"{type(value).__name__} {value!s}"


def _context(error: ErrorDetails) -> dict[str, Any]:
    return dict(error.get("ctx") or {})


def _wrong_type(error: ErrorDetails, where: str) -> str:
    return f"{where} must be {EXPECTED[error['type']]}, got {show(error.get('input'))}"


def _literal(error: ErrorDetails, where: str) -> str:
    options = str(_context(error).get("expected", ""))
    return f"{where} must be {options}, got {show(error.get('input'))}"


def _too_short(error: ErrorDetails, where: str) -> str:
    minimum = _context(error).get("min_length", 1)
    if minimum == 1 and error["type"] == "string_too_short":
        return f"{where} must not be empty"
    return f"{where} needs at least {minimum} item{'s' if minimum != 1 else ''}"


def _too_long(error: ErrorDetails, where: str) -> str:
    maximum = _context(error).get("max_length")
    unit = "characters" if error["type"] == "string_too_long" else "items"
    return f"{where} is too long: at most {maximum} {unit}"


def _bound(error: ErrorDetails, where: str) -> str:
    words, name = BOUNDS[error["type"]]
    limit = _context(error).get(name)
    shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
    return f"{where} must be {words} {shown}, got {show(error.get('input'))}"


def _finite(error: ErrorDetails, where: str) -> str:
    return f"{where} must be a finite number, got {show(error.get('input'))}"


def _date(error: ErrorDetails, where: str) -> str:
    return f"{where} must be a date written YYYY-MM-DD, got {show(error.get('input'))}"


Message = Callable[[ErrorDetails, str], str]

MESSAGES: dict[str, Message] = {
    **dict.fromkeys(EXPECTED, _wrong_type),
    "literal_error": _literal,
    "string_too_short": _too_short,
    "too_short": _too_short,
    "string_too_long": _too_long,
    "too_long": _too_long,
    **dict.fromkeys(BOUNDS, _bound),
    "finite_number": _finite,
    "date_from_datetime_parsing": _date,
    "date_parsing": _date,
}
"""Error type -> its message, given the error and the field as the user reads it."""

TYPE_ERRORS = frozenset(EXPECTED)
"""The error types that mean "a value of the wrong type"."""


def literal_choices(error: ErrorDetails) -> list[str]:
    """The allowed values of a `literal_error`, for a did-you-mean hint."""
    return re.findall(r"'([^']*)'", str(_context(error).get("expected", "")))
