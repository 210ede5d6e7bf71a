"""The validated configuration (`Config`), the error that lists what is wrong with it
(`ConfigError`), and the callables through which the readers and the validators place a problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from okrctl import codes
from okrctl.checks.rule_settings import RuleSetting, default_settings
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.safetext import terminal
from okrctl.settings import DEFAULT_SETTINGS, Settings

Locate = Callable[[tuple[str | int, ...], Literal["key", "value"]], tuple[int, int]]
"""Where a field path of the configuration starts (its key, or its value), as line and column."""

Problem = Callable[[tuple[str | int, ...], str, Literal["key", "value"]], None]
"""Records a problem at a field path (at its key, or at its value) with its message."""


class ConfigError(UsageError):
    """The configuration is invalid. The message starts with a line of its own, so that each
    problem line below it starts with `file:line:column:` (okrctl prefixes the first line)."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self.problems = sorted(problems, key=lambda d: d.sort_key)
        lines = [terminal(f"{d.file}:{d.line}:{d.column}: {d.message}") for d in self.problems]
        super().__init__("\n".join(["invalid configuration:", *lines]))


@dataclass(frozen=True)
class Config:
    """A validated configuration; `Config()` is the default one."""

    rules: Mapping[str, RuleSetting] = field(default_factory=default_settings)
    """Rule code -> its setting, for every registered rule."""
    file: str | None = None
    """Where the configuration was read from; None for the defaults."""
    settings: Settings = DEFAULT_SETTINGS
    """The settings beside `rules` (grace days, roll-up, closed periods)."""
    commands: tuple[tuple[str, ...], ...] = ()
    """`sources.commands`: the metric-source commands `okrctl sync` may run, each exactly as an
    OKR file's `source.command` writes it. This file is reviewed by the root unit's lead
    (CODEOWNERS); an OKR file, reviewed by its unit's lead alone, cannot add a command."""

    def enabled(self, code: str) -> bool:
        setting = self.rules.get(code)
        return setting is not None and setting.enabled


def error(file: str, line: int, column: int, message: str) -> Diagnostic:
    """A configuration problem at `file:line:column`."""
    return Diagnostic(file, line, column, codes.INVALID_CONFIGURATION.code, Severity.ERROR, message)
