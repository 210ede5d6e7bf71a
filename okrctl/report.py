"""Reporters: small classes that write a list of diagnostics to a stream they are given."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import ClassVar, Protocol, TextIO

from okrctl.diagnostics import Diagnostic, Severity, count


class Reporter(Protocol):
    """Writes diagnostics in one format."""

    name: ClassVar[str]

    def write(self, diagnostics: Sequence[Diagnostic], files: int, stream: TextIO) -> None: ...


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
            stream.write(f"{d.file}:{d.line}:{d.column}: {label} {d.message}\n")
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
            },
            "findings": [d.as_dict() for d in diagnostics],
        }
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
                    f"file={_escape_property(d.file)}",
                    f"line={d.line}",
                    f"col={d.column}",
                    f"title={_escape_property(f'okrctl {d.code}')}",
                )
            )
            stream.write(f"::{self._levels[d.severity]} {properties}::{_escape_data(d.message)}\n")
        stream.write(_summary(diagnostics, files) + "\n")


REPORTERS: dict[str, type[TextReporter] | type[JsonReporter] | type[GithubReporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}
