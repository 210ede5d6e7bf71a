"""The configuration: okrctl.yaml or [tool.okrctl], validated with positions, or exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl import config
from okrctl.checks import few_and_focused, value_in_range
from okrctl.checks.registry import RULES
from okrctl.config import Config, ConfigError, parse_pyproject, parse_yaml
from okrctl.diagnostics import Severity


def _problems(text: str, parse=parse_yaml, file: str = "okrctl.yaml") -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse(text, file)
    assert str(caught.value).splitlines()[0] == "invalid configuration:"
    return str(caught.value).splitlines()[1:]


def test_the_default_configuration_covers_every_rule() -> None:
    assert all(isinstance(rule.severity, Severity) for rule in RULES.values())
    default = Config()
    assert set(default.rules) == set(RULES)
    assert all(setting.enabled for setting in default.rules.values())
    assert default.rules["OKR410"].severity is Severity.ERROR
    assert default.rules["OKR600"].severity is Severity.INFO
    assert default.rules["OKR430"].options == few_and_focused.Options()


def test_rules_are_set_by_code_or_name_in_every_shape() -> None:
    parsed = parse_yaml(
        "rules:\n"
        "  few-and-focused:\n"
        "    severity: error\n"
        "    max_key_results: 4\n"
        "  okr441: info\n"
        "  sandbagging: off\n"
        "  OKR502: false\n"
        "  OKR600:\n"
        "    enabled: false\n"
        "    severity: warning\n"
        "  value-in-range:\n"
        "    ranges: {'%': [0, 100], points: [1, 5.5]}\n"
        "  retrospective: on\n",
        "okrctl.yaml",
    )
    rules = parsed.rules
    assert parsed.file == "okrctl.yaml"
    assert rules["OKR430"].severity is Severity.ERROR
    assert rules["OKR430"].options == few_and_focused.Options(max_key_results=4)
    assert rules["OKR441"].severity is Severity.INFO and rules["OKR441"].enabled
    assert not rules["OKR610"].enabled and not rules["OKR502"].enabled
    assert not rules["OKR600"].enabled and rules["OKR600"].severity is Severity.WARNING
    assert rules["OKR401"].options == value_in_range.Options(
        ranges={"%": [0.0, 100.0], "points": [1.0, 5.5]}
    )
    assert rules["OKR710"].enabled and rules["OKR710"].severity is Severity.WARNING
    assert rules["OKR440"] == Config().rules["OKR440"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "rules:\n", "rules: {}\n"])
def test_an_empty_configuration_is_the_default(text: str) -> None:
    assert parse_yaml(text, "okrctl.yaml").rules == Config().rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rule:\n  OKR430: off\n",
            "okrctl.yaml:1:1: unknown setting 'rule' (did you mean 'rules'?); okrctl.yaml holds "
            "`rules:` (rule settings by code or name), `sources:` (the commands metric "
            "sources may run) and `checkin_grace_days`, `rollup`, `closed_periods`",
        ),
        (
            "checkin_grace_days: -1\n",
            "okrctl.yaml:1:21: `checkin_grace_days`: input should be greater than or equal to 0",
        ),
        (
            "rollup:\n  own_weight: 2\n",
            "okrctl.yaml:2:15: `rollup.own_weight`: input should be less than or equal to 1",
        ),
        (
            "rollup:\n  own_wieght: 0.5\n",
            "okrctl.yaml:2:3: unknown setting `rollup.own_wieght`",
        ),
        (
            "closed_periods: some\n",
            "okrctl.yaml:1:17: `closed_periods`: input should be 'integrity' or 'all'",
        ),
        (
            "rules:\n  few-and-focussed: off\n",
            "okrctl.yaml:2:3: unknown rule 'few-and-focussed' (did you mean 'few-and-focused'?); "
            "`okrctl rules` lists the rules",
        ),
        (
            "rules:\n  okr43: off\n",
            "okrctl.yaml:2:3: unknown rule 'okr43' (did you mean 'OKR430'?); `okrctl rules` lists "
            "the rules",
        ),
        (
            "rules:\n  few-and-focused:\n    max_key_result: 4\n",
            "okrctl.yaml:3:5: unknown option 'max_key_result' for rule OKR430 few-and-focused "
            "(did you mean 'max_key_results'?); its options are max_key_results, max_objectives, "
            "min_key_results",
        ),
        (
            "rules:\n  time-bound:\n    days: 4\n",
            "okrctl.yaml:3:5: unknown option 'days' for rule OKR410 time-bound; it has no options",
        ),
        (
            "rules:\n  few-and-focused:\n    max_key_results: '4'\n",
            "okrctl.yaml:3:22: option `max_key_results` of few-and-focused must be an integer, "
            "got '4'",
        ),
        (
            "rules:\n  few-and-focused:\n    max_key_results: 4.5\n",
            "okrctl.yaml:3:22: option `max_key_results` of few-and-focused must be an integer, "
            "got 4.5",
        ),
        (
            "rules:\n  few-and-focused:\n    max_key_results: 0\n",
            "okrctl.yaml:3:22: option `max_key_results` of few-and-focused: input should be "
            "greater than or equal to 1",
        ),
        (
            "rules:\n  activity-key-result:\n    activity_words: [help, 3]\n",
            "okrctl.yaml:3:28: option `activity_words.1` of activity-key-result must be a "
            "string, got 3",
        ),
        (
            "rules:\n  qualitative-objective:\n    allow_years: yes\n",
            "okrctl.yaml:3:18: option `allow_years` of qualitative-objective must be true or "
            "false, got 'yes'",
        ),
        (
            "rules:\n  few-and-focused:\n    min_key_results: 4\n    max_key_results: 3\n",
            "okrctl.yaml:3:5: options of few-and-focused: min_key_results must not be greater "
            "than max_key_results",
        ),
        (
            "rules:\n  value-in-range:\n    ranges:\n      '%': [100, 0]\n",
            "okrctl.yaml:4:7: option `ranges` of value-in-range: the range of '%' must be a "
            "list of two numbers, the minimum first (e.g. `[0, 100]`), not [100.0, 0.0]",
        ),
        (
            "rules:\n  sandbagging:\n    severity: fatal\n",
            "okrctl.yaml:3:15: `severity` must be one of error, warning, info, not 'fatal'",
        ),
        (
            "rules:\n  sandbagging:\n    enabled: 'no'\n",
            "okrctl.yaml:3:14: `enabled` must be true or false",
        ),
        (
            "rules:\n  sandbagging: warn\n",
            "okrctl.yaml:2:16: sandbagging: 'warn' is not a setting; use `off`, `on`, a severity "
            "(error, warning, info), or a mapping of `severity`, `enabled` and the rule's options",
        ),
        (
            "rules:\n  sandbagging: [off]\n",
            "okrctl.yaml:2:16: sandbagging: expected `off`, `on`, a severity (error, warning, "
            "info), or a mapping of `severity`, `enabled` and the rule's options",
        ),
        (
            "rules:\n  OKR610: off\n  sandbagging: info\n",
            "okrctl.yaml:3:3: 'sandbagging' is OKR610 sandbagging, already configured as "
            "'OKR610'; configure each rule once",
        ),
        (
            "rules: [OKR430]\n",
            "okrctl.yaml:1:8: `rules` must be a mapping of rule codes or names to settings",
        ),
        (
            "- rules\n",
            "okrctl.yaml:1:1: the configuration must be a mapping, e.g. `rules:` followed by rule "
            "settings",
        ),
        (
            "rules:\n  OKR430: off\n  OKR430: info\n",
            "okrctl.yaml:3:3: duplicate key 'OKR430': it is already set at line 2; keep one of "
            "the two",
        ),
        (
            "rules:\n  OKR430: [off\n",
            "okrctl.yaml:3:1: YAML syntax error: did not find expected ',' or ']' (while parsing "
            "a flow sequence)",
        ),
    ],
)
def test_configuration_errors_name_the_line_and_column(text: str, expected: str) -> None:
    assert _problems(text) == [expected]


def test_every_problem_is_reported_in_order() -> None:
    text = "rules:\n  nope: off\n  OKR430:\n    max: 3\n  OKR610: fatal\nextra: 1\n"
    assert [line.split(": ", 1)[0] for line in _problems(text)] == [
        "okrctl.yaml:2:3",
        "okrctl.yaml:4:5",
        "okrctl.yaml:5:11",
        "okrctl.yaml:6:1",
    ]


# --------------------------------------------------------------------------- pyproject.toml

PYPROJECT = """\
[project]
name = "acme-okrs"

[tool.okrctl.rules]
sandbagging = "off"
OKR430 = { max_key_results = 6 }

[tool.okrctl.rules.stale-key-result]
severity = "info"
max_days = 7
"""


def test_pyproject_table() -> None:
    parsed = parse_pyproject(PYPROJECT, "pyproject.toml")
    assert parsed is not None
    assert not parsed.rules["OKR610"].enabled
    assert parsed.rules["OKR430"].options == few_and_focused.Options(max_key_results=6)
    assert parsed.rules["OKR700"].severity is Severity.INFO
    assert parse_pyproject('[project]\nname = "x"\n', "pyproject.toml") is None


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            "max_days = 7",
            'max_days = "7"',
            "pyproject.toml:10:1: option `max_days` of stale-key-result must be an integer, "
            "got '7'",
        ),
        (
            "OKR430 = { max_key_results = 6 }",
            "OKR430 = { max_krs = 6 }",
            "pyproject.toml:6:1: unknown option 'max_krs' for rule OKR430 few-and-focused (did "
            "you mean 'max_key_results'?); its options are max_key_results, max_objectives, min_key_results",
        ),
        (
            '[tool.okrctl.rules]\nsandbagging = "off"',
            '[tool.okrctl.rules]\nsandbaging = "off"',
            "pyproject.toml:5:1: unknown rule 'sandbaging' (did you mean 'sandbagging'?); "
            "`okrctl rules` lists the rules",
        ),
        (
            "max_days = 7",
            "max_days = = 7",
            "pyproject.toml:10:12: TOML syntax error: Invalid value",
        ),
    ],
)
def test_pyproject_errors_name_the_line(replace: str, by: str, expected: str) -> None:
    assert replace in PYPROJECT
    assert _problems(PYPROJECT.replace(replace, by), parse_pyproject, "pyproject.toml") == [
        expected
    ]


def test_pyproject_okrctl_must_be_a_table() -> None:
    assert _problems("[tool]\nokrctl = 3\n", parse_pyproject, "pyproject.toml") == [
        "pyproject.toml:2:1: `tool.okrctl` must be a table"
    ]


# --------------------------------------------------------------------------- finding the file


def test_load_finds_okrctl_yaml_or_pyproject(tmp_path: Path) -> None:
    assert config.load(tmp_path) == Config()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config.load(tmp_path) == Config()
    (tmp_path / "okrctl.yaml").write_text("rules:\n  OKR430: info\n")
    assert config.load(tmp_path).rules["OKR430"].severity is Severity.INFO
    assert config.load(tmp_path).file == "okrctl.yaml"
    (tmp_path / "okrctl.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert config.load(tmp_path).file == "pyproject.toml"
    assert not config.load(tmp_path).rules["OKR610"].enabled


def test_both_files_are_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "okrctl.yaml").write_text("rules: {}\n")
    with pytest.raises(ConfigError) as caught:
        config.load(tmp_path)
    assert str(caught.value).splitlines()[1] == (
        "pyproject.toml:4:1: okrctl is configured both here and in okrctl.yaml; keep one of the two"
    )


def test_an_explicit_file(tmp_path: Path) -> None:
    (tmp_path / "okrctl.yaml").write_text("rules: {}\n")
    (tmp_path / "ci").mkdir()
    strict = tmp_path / "ci" / "strict.yaml"
    strict.write_text("rules:\n  OKR430: error\n")
    assert config.load(tmp_path, strict).rules["OKR430"].severity is Severity.ERROR
    assert config.load(tmp_path, strict).file == "ci/strict.yaml"
    toml = tmp_path / "ci" / "okrctl.toml"
    toml.write_text(PYPROJECT)
    assert not config.load(tmp_path, toml).rules["OKR610"].enabled
    toml.write_text("[tool.other]\n")
    with pytest.raises(ConfigError, match=r"ci/okrctl.toml:1:1: there is no \[tool.okrctl\]"):
        config.load(tmp_path, toml)


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "okrctl.yaml").write_bytes(b"rules:\n  OKR430: \xff\n")
    with pytest.raises(ConfigError, match=r"okrctl.yaml:2:11: the file is not valid UTF-8"):
        config.load(tmp_path)


def test_sources_commands_are_read_and_validated() -> None:
    from okrctl.config import parse_yaml

    config = parse_yaml(
        "sources:\n  commands:\n    - [python3, metrics/leads.py]\n    - [./bin/mqls]\n",
        "okrctl.yaml",
    )
    assert config.commands == (("python3", "metrics/leads.py"), ("./bin/mqls",))
    assert _problems("sources:\n  commands:\n    - python3 metrics/leads.py\n") == [
        "okrctl.yaml:3:7: `sources` holds `commands:`, a list of commands, each a list: "
        "[program, args...], of non-empty texts"
    ]
    assert _problems("sources:\n  command: []\n") == [
        "okrctl.yaml:2:3: unknown setting 'command'; `sources` holds `commands:`, a list of "
        "commands, each a list: [program, args...]"
    ]
