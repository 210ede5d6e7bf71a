"""The one value every phase speaks in: a diagnostic at a file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import NamedTuple

from okrctl.codes import CATALOGUE
from okrctl.codes.severity import Severity

__all__ = ["Diagnostic", "Severity", "count", "ordered"]


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
        """The finding as every JSON output writes it (`check`, `diff`): after the code, the
        code's name from the catalogue (`okrctl explain NAME` explains it)."""
        entry = CATALOGUE.get(self.code)
        return {
            "code": self.code,
            **({"name": entry.name} if entry is not None else {}),
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


_OUTPUT_ORDER = itemgetter(0, 1, 2, 3, 5)
"""`sort_key`, then the message (a C-level key: a check can hold tens of thousands of findings)."""


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in their stable output order, exact duplicates removed.

    Duplicates go in a way that keeps the order (`dict.fromkeys`, not a set): a check orders its
    findings at each phase's end, and sorting a list that is already in order, or nearly, takes
    one pass."""
    return sorted(dict.fromkeys(diagnostics), key=_OUTPUT_ORDER)


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)
