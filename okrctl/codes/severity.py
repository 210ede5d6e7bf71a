"""How bad a finding is: the scale every diagnostic and every catalogue entry uses."""

from __future__ import annotations

from enum import IntEnum


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
