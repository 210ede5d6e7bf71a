"""Reporters: small classes that write a list of diagnostics to a stream they are given.

A finding's file name and message come from the repository (an unknown key, a file name with a
newline): every reporter writes them through `okrctl.safetext`, so no finding can send an escape
sequence to a terminal or start a forged `::error` line in a CI log.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import ClassVar, Protocol, TextIO

from okrctl.codes import CATALOGUE
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.safetext import github_data, github_property, json_text, terminal

_LINES_PER_WRITE = 4096
"""Lines joined into one write: a check may print 50,000 findings, and a stream without a buffer
(`PYTHONUNBUFFERED`, common in CI containers) makes every write a system call."""


class Reporter(Protocol):
    """Writes diagnostics in one format."""

    name: ClassVar[str]

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None: ...


def _tally(diagnostics: Sequence[Diagnostic]) -> Counter[tuple[Severity, str]]:
    """How many findings of each severity and code (counted in C: there may be 50,000)."""
    return Counter(map(itemgetter(4, 3), diagnostics))


def by_code(tally: Counter[tuple[Severity, str]]) -> list[str]:
    """One line per code, errors first, then the most frequent: `3 warning OKR440`. Shown when
    findings of several codes are mixed, so that 100 infos do not hide 3 warnings."""
    if len(tally) < 2:
        return []
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ordered = sorted(tally.items(), key=lambda item: (rank[item[0][0]], -item[1], item[0][1]))
    return [f"  {n:5d} {severity} {code}" for (severity, code), n in ordered]


def _counts(tally: Counter[tuple[Severity, str]]) -> dict[Severity, int]:
    found = dict.fromkeys(Severity, 0)
    for (severity, _), n in tally.items():
        found[severity] += n
    return found


def _summary(tally: Counter[tuple[Severity, str]], files: int) -> str:
    counts = _counts(tally)
    errors, warnings, infos = (
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.INFO],
    )
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    if infos:
        parts.append(f"{infos} info")
    return f"{', '.join(parts)} in {files} file{'s' * (files != 1)}"


def _write_lines(lines: Iterable[str], stream: TextIO) -> None:
    """Write `lines` (each ending in a line break) a few thousand at a time."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == _LINES_PER_WRITE:
            stream.write("".join(chunk))
            chunk.clear()
    if chunk:
        stream.write("".join(chunk))


class TextReporter:
    """`file:line:column: severity CODE message`, the form editors and terminals link."""

    name: ClassVar[str] = "text"
    _colors: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "\033[31m",
        Severity.WARNING: "\033[33m",
        Severity.INFO: "\033[36m",
    }

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _label(self, severity: Severity, code: str) -> str:
        label = f"{severity} {code}"
        return f"{self._colors[severity]}{label}\033[0m" if self.color else label

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        tally = _tally(diagnostics)
        labels = {key: self._label(*key) for key in tally}
        _write_lines(
            (
                f"{terminal(d.file)}:{d.line}:{d.column}: {labels[d.severity, d.code]} "
                f"{terminal(d.message)}\n"
                for d in diagnostics
            ),
            stream,
        )
        counts = by_code(tally)
        if counts:
            stream.write("by code:\n" + "\n".join(counts) + "\n")
        stream.write(_summary(tally, files) + "\n")


_STRING = json.encoder.encode_basestring
"""How `json.dumps(..., ensure_ascii=False)` writes a string (the same function, in C)."""


class JsonReporter:
    """One JSON object: a version, a summary and the findings, for tools.

    Written as `json.dumps(document, indent=2, ensure_ascii=False)` writes it (the tests hold
    the two to the same bytes), a finding at a time: with an indent, the json module encodes in
    Python, several times slower than this for 50,000 findings."""

    name: ClassVar[str] = "json"

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        counts = _counts(_tally(diagnostics))
        stream.write(
            '{\n  "version": 1,\n  "summary": {\n'
            f'    "errors": {counts[Severity.ERROR]},\n'
            f'    "warnings": {counts[Severity.WARNING]},\n'
            f'    "infos": {counts[Severity.INFO]}\n'
            "  },\n"
        )
        if not diagnostics:
            stream.write('  "findings": []\n}\n')
            return
        stream.write('  "findings": [\n')
        heads: dict[tuple[str, Severity], str] = {}
        names: dict[str, str] = {}
        last = len(diagnostics) - 1
        lines = []
        for n, d in enumerate(diagnostics):
            head = heads.get((d.code, d.severity))
            if head is None:
                head = heads[d.code, d.severity] = self._head(d.code, d.severity)
            name = names.get(d.file)
            if name is None:
                name = names[d.file] = json_text(_STRING(d.file))
            lines.append(
                f'{head}      "file": {name},\n      "line": {d.line},\n'
                f'      "column": {d.column},\n      "message": {json_text(_STRING(d.message))}\n'
                f"    }}{',' if n < last else ''}\n"
            )
        _write_lines(lines, stream)
        stream.write("  ]\n}\n")

    @staticmethod
    def _head(code: str, severity: Severity) -> str:
        """A finding's first lines, up to its file: the same for every finding of a code."""
        entry = CATALOGUE.get(code)
        name = f'      "name": {json_text(_STRING(entry.name))},\n' if entry is not None else ""
        return (
            f'    {{\n      "code": {json_text(_STRING(code))},\n{name}'
            f'      "severity": {_STRING(str(severity))},\n'
        )


class GithubReporter:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""

    name: ClassVar[str] = "github"
    _levels: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        tally = _tally(diagnostics)
        titles = {
            (severity, code): (self._levels[severity], github_property(f"okrctl {code}"))
            for severity, code in tally
        }
        places: dict[str, str] = {}

        def lines() -> Iterable[str]:
            for d in diagnostics:
                level, title = titles[d.severity, d.code]
                file = places.get(d.file)
                if file is None:
                    file = places[d.file] = github_property(d.file)
                yield (
                    f"::{level} file={file},line={d.line},col={d.column},title={title}::"
                    f"{github_data(d.message)}\n"
                )

        _write_lines(lines(), stream)
        stream.write(_summary(tally, files) + "\n")


REPORTERS: dict[str, type[TextReporter] | type[JsonReporter] | type[GithubReporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}
