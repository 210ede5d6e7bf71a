"""Plain scalars under YAML 1.2's core schema, plus ISO dates: `yes`, `no` and `on` stay text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NOT_STRING_START = frozenset("0123456789+-.~tTfFnN")
_MAX_NUMBER_TEXT = 64


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under YAML 1.2's core schema, plus ISO dates."""
    if not text:
        return None
    if text[0] not in _NOT_STRING_START or len(text) > _MAX_NUMBER_TEXT:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if text.startswith(("0o", "0x")):
        try:
            return int(text[2:], 8 if text[1] == "o" else 16)
        except ValueError:
            return text
    if _FLOAT.match(text):
        return float(text)
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text
