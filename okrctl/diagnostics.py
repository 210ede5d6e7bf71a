"""The one value every phase speaks in: a diagnostic at a file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from operator import itemgetter
from typing import NamedTuple


class Severity(IntEnum):
    """How bad a finding is; ordered so that `max()` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """`error`, `warning` or `info` (case-insensitive)."""
        return cls[text.upper()]


class Diagnostic(NamedTuple):
    """A finding anchored to a place in a file. Lines and columns are 1-based.

    Sorting is by file, line, column and code: the message text never decides an order.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, str | int]:
        """The finding as every JSON output writes it (`check`, `diff`)."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


_OUTPUT_ORDER = itemgetter(0, 1, 2, 3, 5)
"""`sort_key`, then the message (a C-level key: a check can hold tens of thousands of findings)."""


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in their stable output order, exact duplicates removed."""
    return sorted(set(diagnostics), key=_OUTPUT_ORDER)


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)
