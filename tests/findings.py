"""Findings as values, read from what `okrctl check` (or sync, or any command reporting findings
in the text format) printed: `FILE:LINE:COLUMN: SEVERITY CODE MESSAGE`. Tests assert a finding's
file, position and code, and at most a short fragment of its message, so that rewording a message
is one change, in the rule that says it."""

from __future__ import annotations

import re
from typing import NamedTuple

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>OKR\d+) (?P<message>.*)$"
)


class Finding(NamedTuple):
    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str


def findings(out: str) -> list[Finding]:
    """Every finding line of `out`, in order."""
    found = []
    for text in out.splitlines():
        if match := LINE.match(text):
            file, line, column, severity, code, message = match.groups()
            found.append(Finding(file, int(line), int(column), severity, code, message))
    return found


def where(out: str) -> list[tuple[str, int, int, str]]:
    """(file, line, column, code) of every finding of `out`, in order."""
    return [(f.file, f.line, f.column, f.code) for f in findings(out)]
