"""Reporters: small classes that write a list of diagnostics to a stream they are given.

A finding's file name and message come from the repository (an unknown key, a file name with a
newline): every reporter writes them through `okrctl.safetext`, so no finding can send an escape
sequence to a terminal or start a forged `::error` line in a CI log.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar, Protocol, TextIO

from okrctl.diagnostics import Diagnostic, Severity, count
from okrctl.safetext import github_data, github_property, json_text, terminal


class Reporter(Protocol):
    """Writes diagnostics in one format."""

    name: ClassVar[str]

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None: ...


def by_code(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """One line per code, errors first, then the most frequent: `3 warning OKR440`. Shown when
    findings of several codes are mixed, so that 100 infos do not hide 3 warnings."""
    counts = Counter((d.severity, d.code) for d in diagnostics)
    if len(counts) < 2:
        return []
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ordered = sorted(counts.items(), key=lambda item: (rank[item[0][0]], -item[1], item[0][1]))
    return [f"  {n:5d} {severity} {code}" for (severity, code), n in ordered]


def _summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    infos = count(diagnostics, Severity.INFO)
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    if infos:
        parts.append(f"{infos} info")
    return f"{', '.join(parts)} in {files} file{'s' * (files != 1)}"


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

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        for d in diagnostics:
            label = f"{d.severity} {d.code}"
            if self.color:
                label = f"{self._colors[d.severity]}{label}\033[0m"
            stream.write(f"{terminal(d.file)}:{d.line}:{d.column}: {label} {terminal(d.message)}\n")
        counts = by_code(diagnostics)
        if counts:
            stream.write("by code:\n" + "\n".join(counts) + "\n")
        stream.write(_summary(diagnostics, files) + "\n")


class JsonReporter:
    """One JSON object: a version, a summary and the findings, for tools."""

    name: ClassVar[str] = "json"

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        document = {
            "version": 1,
            "summary": {
                "errors": count(diagnostics, Severity.ERROR),
                "warnings": count(diagnostics, Severity.WARNING),
                "infos": count(diagnostics, Severity.INFO),
            },
            "findings": [d.as_dict() for d in diagnostics],
        }
        stream.write(json_text(json.dumps(document, indent=2, ensure_ascii=False)))
        stream.write("\n")


class GithubReporter:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""

    name: ClassVar[str] = "github"
    _levels: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None:
        for d in diagnostics:
            properties = ",".join(
                (
                    f"file={github_property(d.file)}",
                    f"line={d.line}",
                    f"col={d.column}",
                    f"title={github_property(f'okrctl {d.code}')}",
                )
            )
            stream.write(f"::{self._levels[d.severity]} {properties}::{github_data(d.message)}\n")
        stream.write(_summary(diagnostics, files) + "\n")


REPORTERS: dict[str, type[TextReporter] | type[JsonReporter] | type[GithubReporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}
