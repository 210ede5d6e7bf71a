"""The repository's okrctl configuration: which rules run, at what severity, with which options.

Read from `okrctl.yaml` at the repository root, or from `[tool.okrctl]` in `pyproject.toml`
(having both is an error). Everything in it is validated against the rule registry: an unknown
setting, rule or option, or an option of the wrong type, is a `ConfigError` that names the file,
line and column, and `okrctl` exits 2. Pure except for `load`, which reads the files.

The package's modules, all re-exported here: `record` (`Config`, `ConfigError`), `reading`
(finding and parsing the files), `toml_positions` (where a pyproject.toml key starts),
`validation` (the top-level keys and settings), `rules_section` (`rules:`) and
`sources_section` (`sources:`, the commands metric sources may run).
"""

from __future__ import annotations

from okrctl.checks.rule_settings import RuleSetting, default_settings
from okrctl.config.reading import CONFIG_FILE, PYPROJECT, load, parse_pyproject, parse_yaml
from okrctl.config.record import Config, ConfigError, Locate, Problem
from okrctl.config.rules_section import SEVERITIES, did_you_mean
from okrctl.config.validation import SETTINGS, from_data

__all__ = [
    "CONFIG_FILE",
    "PYPROJECT",
    "SETTINGS",
    "SEVERITIES",
    "Config",
    "ConfigError",
    "Locate",
    "Problem",
    "RuleSetting",
    "default_settings",
    "did_you_mean",
    "from_data",
    "load",
    "parse_pyproject",
    "parse_yaml",
]
