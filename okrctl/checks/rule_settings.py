"""How each rule runs: on or off, at which severity, with which options.

The configuration (`okrctl.config`) reads these from okrctl.yaml or pyproject.toml; the runner
and the rules' documentation take them from there. Defined here, below the configuration, so
that the rules never import the configuration that imports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from okrctl.checks.base import RuleOptions
from okrctl.checks.registry import RULES
from okrctl.diagnostics import Severity


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs."""

    enabled: bool
    severity: Severity
    options: RuleOptions


def default_settings() -> dict[str, RuleSetting]:
    """Every registered rule, on, at the severity it declares, with default options."""
    return {code: RuleSetting(True, rule.severity, rule.options()) for code, rule in RULES.items()}


class Configured(Protocol):
    """Anything that says how each rule runs (`okrctl.config.Config` does)."""

    @property
    def rules(self) -> Mapping[str, RuleSetting]: ...
