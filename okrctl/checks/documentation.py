"""The rules' documentation as data, for `okrctl rules` and for the site's page per rule."""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from typing import Any

from okrctl.checks.base import Rule
from okrctl.checks.registry import RULES, lookup
from okrctl.checks.rule_settings import Configured, default_settings

_TYPE_NAMES = {int: "integer", float: "number", bool: "boolean", str: "string"}


def type_label(annotation: Any) -> str:
    """A reader's name for an option's type: `integer`, `list of strings`, ..."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and args:
        inner = type_label(args[0])
        return f"list of {inner}s"
    if origin is dict and len(args) == 2:
        return f"mapping of {type_label(args[0])} to {type_label(args[1])}"
    return _TYPE_NAMES.get(annotation, str(annotation))


@dataclass(frozen=True)
class OptionDoc:
    """One option of a rule: its default and the value the configuration gives it."""

    name: str
    type: str
    default: Any
    value: Any
    doc: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "value": self.value,
            "doc": self.doc,
        }


@dataclass(frozen=True)
class RuleDoc:
    """Everything a reader needs about one rule, under a given configuration."""

    code: str
    name: str
    summary: str
    doc: str
    """The full documentation in Markdown (the rule module's docstring)."""
    default_severity: str
    severity: str
    """The configured severity (`error`, `warning`, `info`)."""
    enabled: bool
    options: tuple[OptionDoc, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "summary": self.summary,
            "default_severity": self.default_severity,
            "severity": self.severity,
            "enabled": self.enabled,
            "options": [option.as_dict() for option in self.options],
            "doc": self.doc,
        }

    def markdown(self) -> str:
        """A page about the rule: title, severity, documentation and options."""
        state = self.severity if self.enabled else f"off (when on: {self.severity})"
        lines = [
            f"# {self.code} {self.name}",
            "",
            f"Severity: {state}; default: {self.default_severity}.",
            "",
            self.doc,
            "",
            "## Options",
            "",
        ]
        if not self.options:
            lines.append("This rule has no options.")
        for option in self.options:
            shown = _show(option.value)
            configured = "" if option.value == option.default else f", configured: {shown}"
            lines.append(
                f"- `{option.name}` ({option.type}, default `{_show(option.default)}`"
                f"{configured}): {option.doc}"
            )
        return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def rule_doc(rule: Rule, config: Configured | None = None) -> RuleDoc:
    """The documentation of one rule under `config` (default: the default configuration)."""
    settings = config.rules if config is not None else default_settings()
    setting = settings[rule.code]
    options = tuple(
        OptionDoc(
            name,
            type_label(info.annotation),
            info.get_default(call_default_factory=True, validated_data={}),
            getattr(setting.options, name),
            info.description or "",
        )
        for name, info in rule.options.model_fields.items()
    )
    return RuleDoc(
        rule.code,
        rule.name,
        rule.summary,
        rule.documentation,
        str(rule.severity),
        str(setting.severity),
        setting.enabled,
        options,
    )


def rule_docs(config: Configured | None = None) -> list[RuleDoc]:
    """Every rule's documentation, in code order: the data behind `okrctl rules` and the site."""
    return [rule_doc(rule, config) for rule in RULES.values()]


def find(code_or_name: str, config: Configured | None = None) -> RuleDoc | None:
    """One rule's documentation by code or name, or None."""
    rule = lookup(code_or_name)
    return rule_doc(rule, config) if rule is not None else None
