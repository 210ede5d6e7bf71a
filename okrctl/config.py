"""The repository's okrctl configuration: which rules run, at what severity, with which options.

Read from `okrctl.yaml` at the repository root, or from `[tool.okrctl]` in `pyproject.toml`
(having both is an error). Everything in it is validated against the rule registry: an unknown
setting, rule or option, or an option of the wrong type, is a `ConfigError` that names the file,
line and column, and `okrctl` exits 2. Pure except for `load`, which reads the files.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from okrctl import paths
from okrctl import settings as settings_module
from okrctl.checks.base import Rule
from okrctl.checks.registry import BY_NAME, RULES, lookup
from okrctl.checks.rule_settings import RuleSetting, default_settings
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.errors import UsageError
from okrctl.load import MAX_BYTES, decode, parse_text, relative_name
from okrctl.pydantic_errors import MESSAGES, TYPE_ERRORS
from okrctl.safetext import terminal
from okrctl.settings import DEFAULT_SETTINGS, Settings

__all__ = ["Config", "ConfigError", "RuleSetting", "default_settings", "load"]

CONFIG_FILE = "okrctl.yaml"
PYPROJECT = "pyproject.toml"

SEVERITIES = ("error", "warning", "info")
SETTINGS = ("rules", "sources", *settings_module.NAMES)
_RULE_KEYS = ("enabled", "severity")

Locate = Callable[[tuple[str | int, ...], Literal["key", "value"]], tuple[int, int]]


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


# --------------------------------------------------------------------------- validation


def from_data(data: Mapping[str, Any], file: str, locate: Locate) -> Config:
    """Validate configuration data read from `file`; `locate` places a field path."""
    problems: list[Diagnostic] = []

    def problem(path: tuple[str | int, ...], message: str, where: Literal["key", "value"]) -> None:
        line, column = locate(path, where)
        problems.append(Diagnostic(file, line, column, "config", Severity.ERROR, message))

    for key in data:
        if key not in SETTINGS:
            problem(
                (key,),
                f"unknown setting {key!r}{did_you_mean(str(key), SETTINGS)}; okrctl.yaml holds "
                "`rules:` (rule settings by code or name), `sources:` (the commands metric "
                "sources may run) and " + ", ".join(f"`{name}`" for name in settings_module.NAMES),
                "key",
            )
    rules = default_settings()
    raw_rules = data.get("rules")
    if raw_rules is not None and not isinstance(raw_rules, dict):
        problem(("rules",), "`rules` must be a mapping of rule codes or names to settings", "value")
    elif raw_rules:
        seen: dict[str, str] = {}
        for key, value in raw_rules.items():
            rule = lookup(key)
            if rule is None:
                problem(("rules", key), _unknown_rule(key), "key")
                continue
            if rule.code in seen:
                problem(
                    ("rules", key),
                    f"{key!r} is {rule.code} {rule.name}, already configured "
                    f"as {seen[rule.code]!r}; configure each rule once",
                    "key",
                )
                continue
            seen[rule.code] = key
            setting = _rule_setting(rule, value, ("rules", key), rules[rule.code], problem)
            if setting is not None:
                rules[rule.code] = setting
    settings = _settings(data, problem)
    commands = _commands(data.get("sources"), problem)
    if problems:
        raise ConfigError(problems)
    return Config(rules, file, settings, commands)


def _settings(
    data: Mapping[str, Any],
    problem: Callable[[tuple[str | int, ...], str, Literal["key", "value"]], None],
) -> Settings:
    given = {key: data[key] for key in settings_module.NAMES if key in data}
    try:
        return Settings.model_validate(given)
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(error["loc"])
            field = ".".join(str(p) for p in path)
            unknown = error["type"] == "extra_forbidden"
            message = (
                f"unknown setting `{field}`"
                if unknown
                else f"`{field}`: {error['msg'][0].lower()}{error['msg'][1:]}"
            )
            problem(path, message, "key" if unknown else "value")
        return DEFAULT_SETTINGS


class _Setting(BaseModel):
    """The mapping shape of a rule's setting; every other key is one of the rule's options."""

    model_config = ConfigDict(strict=True, extra="allow")

    enabled: bool = True
    severity: Literal["error", "warning", "info"] | None = None


_SHORTHANDS: dict[str, dict[str, Any]] = {
    "off": {"enabled": False},
    "on": {"enabled": True},
    **{severity: {"severity": severity} for severity in SEVERITIES},
}
"""`OKR430: off`, `OKR430: info` and the like, as the mapping they stand for."""

_SHAPES = (
    "`off`, `on`, a severity (error, warning, info), or a mapping of `severity`, `enabled` and "
    "the rule's options"
)

Problem = Callable[[tuple[str | int, ...], str, Literal["key", "value"]], None]


def _commands(
    raw: object, problem: Callable[[tuple[str | int, ...], str, Literal["key", "value"]], None]
) -> tuple[tuple[str, ...], ...]:
    """`sources: {commands: [[program, arg, ...], ...]}`, validated."""
    if raw is None:
        return ()
    shape = "`sources` holds `commands:`, a list of commands, each a list: [program, args...]"
    if not isinstance(raw, dict):
        problem(("sources",), shape, "value")
        return ()
    for key in raw:
        if key != "commands":
            problem(("sources", key), f"unknown setting {key!r}; {shape}", "key")
    listed = raw.get("commands") or []
    if not isinstance(listed, list):
        problem(("sources", "commands"), shape, "value")
        return ()
    commands: list[tuple[str, ...]] = []
    for i, command in enumerate(listed):
        if (
            not isinstance(command, list)
            or not command
            or not all(isinstance(part, str) and part for part in command)
        ):
            problem(("sources", "commands", i), f"{shape}, of non-empty texts", "value")
            continue
        in_okrs = [
            j
            for j, part in enumerate(command)
            if part.replace("\\", "/").lstrip("./").startswith("okrs/")
        ]
        if in_okrs:
            problem(
                ("sources", "commands", i, in_okrs[0]),
                f"{command[in_okrs[0]]!r} lies in okrs/, where a unit's lead alone reviews "
                "changes; keep the scripts that read metrics outside okrs/ (e.g. metrics/)",
                "value",
            )
            continue
        commands.append(tuple(command))
    return tuple(commands)


def _rule_setting(
    rule: Rule,
    value: object,
    path: tuple[str | int, ...],
    default: RuleSetting,
    problem: Problem,
) -> RuleSetting | None:
    if isinstance(value, bool):
        value = {"enabled": value}
    elif isinstance(value, str):
        if value not in _SHORTHANDS:
            problem(path, f"{rule.name}: {value!r} is not a setting; use {_SHAPES}", "value")
            return None
        value = _SHORTHANDS[value]
    elif not isinstance(value, dict):
        problem(path, f"{rule.name}: expected {_SHAPES}", "value")
        return None
    return _mapping_setting(rule, value, path, default, problem)


def _mapping_setting(
    rule: Rule,
    value: dict[str, Any],
    path: tuple[str | int, ...],
    default: RuleSetting,
    problem: Problem,
) -> RuleSetting | None:
    """A setting written as a mapping: `enabled`, `severity` and options, each validated."""
    setting: _Setting | None = None
    try:
        setting = _Setting.model_validate({k: v for k, v in value.items() if k in _RULE_KEYS})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problem((*path, *error["loc"]), _setting_message(error), "value")
    try:
        options = rule.options.model_validate(
            {k: v for k, v in value.items() if k not in _RULE_KEYS}
        )
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where: Literal["key", "value"] = (
                "key" if error["type"] == "extra_forbidden" else "value"
            )
            problem((*path, *error["loc"]), _option_message(rule, error), where)
        return None
    if setting is None:
        return None
    severity = Severity.parse(setting.severity) if setting.severity else default.severity
    return RuleSetting(setting.enabled, severity, options)


def _setting_message(error: ErrorDetails) -> str:
    if error["loc"] == ("severity",):
        return f"`severity` must be one of {', '.join(SEVERITIES)}, not {error['input']!r}"
    return "`enabled` must be true or false"


def _option_message(rule: Rule, error: Any) -> str:
    loc = [str(part) for part in error["loc"]]
    name = loc[0] if loc else ""
    known = sorted(rule.options.model_fields)
    if error["type"] == "extra_forbidden":
        listed = f"its options are {', '.join(known)}" if known else "it has no options"
        return (
            f"unknown option {name!r} for rule {rule.code} {rule.name}{did_you_mean(name, known)}; "
            f"{listed}"
        )
    where = f"option `{'.'.join(loc)}` of {rule.name}" if loc else f"options of {rule.name}"
    if error["type"] in TYPE_ERRORS:
        return MESSAGES[error["type"]](error, where)
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message[:1].lower()}{message[1:]}"


def _unknown_rule(key: object) -> str:
    text = str(key)
    candidates = [*BY_NAME, *RULES]
    hint = did_you_mean(text, candidates) or did_you_mean(text.upper(), candidates)
    return f"unknown rule {text!r}{hint}; `okrctl rules` lists the rules"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


# --------------------------------------------------------------------------- files


def parse_yaml(text: str, file: str) -> Config:
    """The configuration in an `okrctl.yaml` text."""
    parsed = parse_text(text, file)
    if any(d.code == "OKR106" for d in parsed.diagnostics):  # only comments: the defaults
        return Config(file=file)
    if any(d.code == "OKR112" for d in parsed.diagnostics):
        line, column = parsed.source.locate(())
        raise ConfigError(
            [
                _error(
                    file,
                    line,
                    column,
                    "the configuration must be a mapping, e.g. `rules:` followed by rule settings",
                )
            ]
        )
    if parsed.data is None:
        raise ConfigError(parsed.diagnostics)
    return from_data(parsed.data, file, parsed.source.locate)


def parse_pyproject(text: str, file: str) -> Config | None:
    """The configuration in `[tool.okrctl]` of a pyproject.toml text, or None if it has none."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError([_error(file, line, column, f"TOML syntax error: {message}")]) from None
    tool = document.get("tool")
    section = tool.get("okrctl") if isinstance(tool, dict) else None
    if section is None:
        return None
    positions = _toml_positions(text)

    def locate(path: tuple[str | int, ...], where: str) -> tuple[int, int]:
        probe = ("tool", "okrctl", *(str(p) for p in path))
        while len(probe) > 2 and probe not in positions:
            probe = probe[:-1]
        return _toml_position(positions, probe)

    if not isinstance(section, dict):
        line, column = locate((), "key")
        raise ConfigError([_error(file, line, column, "`tool.okrctl` must be a table")])
    return from_data(section, file, locate)


def load(root: Path, explicit: Path | None = None) -> Config:
    """The configuration of the repository at `root`, or of `explicit` when given.

    An explicit `.toml` file is read as a pyproject.toml (its `[tool.okrctl]` table).
    """
    if explicit is not None:
        name = relative_name(explicit.resolve(), root.resolve())
        text = _read(explicit, name)
        if explicit.suffix == ".toml":
            config = parse_pyproject(text, name)
            if config is None:
                raise ConfigError([_error(name, 1, 1, "there is no [tool.okrctl] table here")])
            return config
        return parse_yaml(text, name)
    yaml_file, toml_file = root / CONFIG_FILE, root / PYPROJECT
    for path, name in ((yaml_file, CONFIG_FILE), (toml_file, PYPROJECT)):
        why = paths.refused(root, path) if path.is_symlink() else None
        if why is not None:
            raise ConfigError([_error(name, 1, 1, f"{name} {why}; okrctl does not read it")])
    from_toml = (
        parse_pyproject(_read(toml_file, PYPROJECT), PYPROJECT) if toml_file.is_file() else None
    )
    if yaml_file.is_file():
        if from_toml is not None:
            positions = _toml_positions(_read(toml_file, PYPROJECT))
            line, column = _toml_position(positions, ("tool", "okrctl"))
            raise ConfigError(
                [
                    _error(
                        PYPROJECT,
                        line,
                        column,
                        f"okrctl is configured both here and in {CONFIG_FILE}; keep one of the two",
                    )
                ]
            )
        return parse_yaml(_read(yaml_file, CONFIG_FILE), CONFIG_FILE)
    return from_toml or Config()


def _read(path: Path, name: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            [_error(name, 1, 1, f"cannot read the configuration: {exc.strerror or exc}")]
        ) from None
    if len(data) > MAX_BYTES:
        raise ConfigError([_error(name, 1, 1, "the configuration file is too large")])
    text, problems = decode(data, name)
    if text is None:
        raise ConfigError(problems)
    return text


def _error(file: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, "config", Severity.ERROR, message)


_TOML_KEY = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+')


def _toml_keys(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_KEY.findall(text))


def _toml_position(
    positions: Mapping[tuple[str, ...], tuple[int, int]], path: tuple[str, ...]
) -> tuple[int, int]:
    """Where `path` starts, else where the first key below it does (`[tool.okrctl.rules]` is
    where `tool.okrctl` starts when there is no `[tool.okrctl]` header), else 1:1."""
    if path in positions:
        return positions[path]
    below = [at for key, at in positions.items() if key[: len(path)] == path]
    return min(below, default=(1, 1))


def _toml_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where tables and keys start, by dotted path: enough to place a configuration error.

    A line-based approximation of TOML: `[table]` headers and `key = value` lines; the first
    occurrence of a path wins. Kept by hand because no well-kept Python TOML library gives
    positions: tomllib and tomli return plain dicts, and tomlkit keeps formatting but no line or
    column per key. A configuration error needs only where a table or key starts.
    """
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        column = len(line) - len(stripped) + 1
        if stripped.startswith("["):
            table = _toml_keys(stripped.split("]", 1)[0])
            positions.setdefault(table, (number, column))
        elif "=" in stripped and not stripped.startswith("#"):
            keys = _toml_keys(stripped.split("=", 1)[0])
            if keys:
                positions.setdefault((*table, *keys), (number, column))
    return positions
