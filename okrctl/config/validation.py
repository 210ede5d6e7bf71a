"""Configuration data, already parsed, validated into a `Config`: the top-level keys, the
repository-wide settings, and the `rules:` and `sources:` sections. Pure: `locate` places a
problem in the file it came from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ValidationError

from okrctl import settings as settings_module
from okrctl.config.record import Config, ConfigError, Locate, Problem, error
from okrctl.config.rules_section import did_you_mean, read_rules
from okrctl.config.sources_section import read_commands
from okrctl.diagnostics import Diagnostic
from okrctl.settings import DEFAULT_SETTINGS, Settings

SETTINGS = ("rules", "sources", *settings_module.NAMES)
"""Every top-level key a configuration may hold."""


def from_data(data: Mapping[str, Any], file: str, locate: Locate) -> Config:
    """Validate configuration data read from `file`; `locate` places a field path."""
    problems: list[Diagnostic] = []

    def problem(path: tuple[str | int, ...], message: str, where: Literal["key", "value"]) -> None:
        line, column = locate(path, where)
        problems.append(error(file, line, column, message))

    _unknown_settings(data, problem)
    rules = read_rules(data.get("rules"), problem)
    settings = _settings(data, problem)
    commands = read_commands(data.get("sources"), problem)
    if problems:
        raise ConfigError(problems)
    return Config(rules, file, settings, commands)


def _unknown_settings(data: Mapping[str, Any], problem: Problem) -> None:
    for key in data:
        if key not in SETTINGS:
            problem(
                (key,),
                f"unknown setting {key!r}{did_you_mean(str(key), SETTINGS)}; okrctl.yaml holds "
                "`rules:` (rule settings by code or name), `sources:` (the commands metric "
                "sources may run) and " + ", ".join(f"`{name}`" for name in settings_module.NAMES),
                "key",
            )


def _settings(data: Mapping[str, Any], problem: Problem) -> Settings:
    """The repository-wide settings beside `rules` (see `okrctl.settings`)."""
    given = {key: data[key] for key in settings_module.NAMES if key in data}
    try:
        return Settings.model_validate(given)
    except ValidationError as exc:
        for detail in exc.errors():
            path = tuple(detail["loc"])
            field = ".".join(str(p) for p in path)
            unknown = detail["type"] == "extra_forbidden"
            message = (
                f"unknown setting `{field}`"
                if unknown
                else f"`{field}`: {detail['msg'][0].lower()}{detail['msg'][1:]}"
            )
            problem(path, message, "key" if unknown else "value")
        return DEFAULT_SETTINGS
