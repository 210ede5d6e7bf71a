"""The `rules:` section: each rule's setting, by code or name, validated against the registry.

A setting is `off`, `on`, a severity, `true`/`false`, or a mapping of `enabled`, `severity` and
the rule's own options (validated by the rule's options model). An unknown rule or option gets a
"did you mean" hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from okrctl.checks.base import Rule, RuleOptions
from okrctl.checks.registry import BY_NAME, RULES, lookup
from okrctl.checks.rule_settings import RuleSetting, default_settings
from okrctl.config.record import Problem
from okrctl.diagnostics import Severity
from okrctl.pydantic_errors import MESSAGES, TYPE_ERRORS

SEVERITIES = ("error", "warning", "info")
_RULE_KEYS = ("enabled", "severity")


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


def read_rules(raw: object, problem: Problem) -> dict[str, RuleSetting]:
    """Every rule's setting: the defaults, with those `rules:` gives validated and applied."""
    rules = default_settings()
    if raw is not None and not isinstance(raw, dict):
        problem(("rules",), "`rules` must be a mapping of rule codes or names to settings", "value")
        return rules
    seen: dict[str, str] = {}
    for key, value in (raw or {}).items():
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
    return rules


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
    setting = _switches(value, path, problem)
    options = _options(rule, value, path, problem)
    if setting is None or options is None:
        return None
    severity = Severity.parse(setting.severity) if setting.severity else default.severity
    return RuleSetting(setting.enabled, severity, options)


def _switches(
    value: dict[str, Any], path: tuple[str | int, ...], problem: Problem
) -> _Setting | None:
    """`enabled` and `severity` of a mapping setting, or None when either is wrong."""
    try:
        return _Setting.model_validate({k: v for k, v in value.items() if k in _RULE_KEYS})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problem((*path, *error["loc"]), _setting_message(error), "value")
        return None


def _options(
    rule: Rule, value: dict[str, Any], path: tuple[str | int, ...], problem: Problem
) -> RuleOptions | None:
    """The rule's options: every key of a mapping setting but `enabled` and `severity`,
    validated by the rule's options model; None when any is unknown or wrong."""
    try:
        return rule.options.model_validate({k: v for k, v in value.items() if k not in _RULE_KEYS})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where: Literal["key", "value"] = (
                "key" if error["type"] == "extra_forbidden" else "value"
            )
            problem((*path, *error["loc"]), _option_message(rule, error), where)
        return None


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
    """` (did you mean 'x'?)` for the closest of `candidates` to `word`, or nothing."""
    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""
