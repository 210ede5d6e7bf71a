"""`okrctl explain`: one code by code or name, the list, every code, three formats, and what a
user types wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl import cli, codes
from okrctl.codes import CATALOGUE, Code, Phase, Severity
from okrctl.explain import render
from okrctl.explain.entries import Explained, explain
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.run(["explain", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_code_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "OKR101")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "OKR101 duplicate-key: A key is set twice in one mapping."
    assert lines[1].startswith("Phase: load (") and lines[2] == "Severity: error."
    assert "\nFailing example:\n\n    owner: priya-nair\n    owner: tom-becker\n\n" in out
    assert out.endswith("Passing example:\n\n    owner: priya-nair\n")


def test_by_name_or_code_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {
        run(capsys, word)[1] for word in ("OKR101", "okr101", "duplicate-key", "Duplicate-KEY")
    }
    assert len(outputs) == 1


def test_a_rule_comes_with_its_configuration_and_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "stale-key-result")
    assert code == 0 and out.startswith("OKR700 stale-key-result: Key results of the current")
    assert "Severity: warning by default; okrctl.yaml may change it" in out
    assert "\nFailing example:\n\n    # today: 2026-11-22" in out
    assert out.endswith(
        "Options (in okrctl.yaml, under `rules:`):\n- `max_days` (integer, default `14`): Most "
        "days a key result of the current period may go without a check-in.\n"
    )


def test_an_example_with_a_file_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "not-an-okr-file")[1]
    assert "Failing example (okrs/2026-Q4/field-sales/conversion.py):\n\n    print(14.4)\n" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "OKR814", "--format", "json")
    entry = json.loads(out)
    assert code == 0 and entry["code"] == "OKR814" and entry["name"] == "unlisted-command"
    assert (entry["phase"], entry["severity"], entry["configurable"]) == ("sources", "error", False)
    assert [(e["kind"], e["file"]) for e in entry["examples"]] == [
        ("failing", None),
        ("passing", "okrctl.yaml"),
    ]
    assert entry["anchor"] == "okr814" and entry["retired"] is None and entry["options"] == []
    rule = json.loads(run(capsys, "few-and-focused", "--format", "json")[1])
    assert rule["configurable"] and [o["name"] for o in rule["options"]] == [
        "min_key_results",
        "max_key_results",
        "max_objectives",
    ]


def test_markdown_has_the_anchor_the_documentation_links_to(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "OKR303", "--format", "markdown")[1]
    assert out.startswith("## OKR303 file-name-mismatch {#okr303}\n\n")
    assert "**Failing example**\n\n```yaml\n# okrs/2026-Q4/field-sales/" in out


def test_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["CODE", "NAME", "PHASE", "SEVERITY", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(CATALOGUE)
    assert lines[2] == (
        "OKR099  no-okr-files               load           error     "
        "No OKR files were found where okrctl was pointed."
    )
    assert len({line.index(line.split()[4]) for line in lines[1:]}) == 1  # aligned columns


def test_the_list_of_a_phase_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--list", "--phase", "model", "--phase", "history", "--format", "json")[1]
    assert [(e["code"], e["phase"]) for e in json.loads(out)] == [
        ("OKR200", "model"),
        ("OKR201", "model"),
        ("OKR202", "model"),
        ("OKR203", "model"),
        ("OKR204", "model"),
        ("OKR820", "history"),
    ]


def test_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "--all")[1]
    assert [line.split()[0] for line in text.splitlines() if line[:3] == "OKR" and ": " in line][
        :3
    ] == ["OKR090", "OKR099", "OKR100"]
    everything = json.loads(run(capsys, "--all", "--format", "json")[1])
    assert [e["code"] for e in everything] == list(CATALOGUE)
    page = run(capsys, "--all", "--format", "markdown")[1]
    assert page.startswith("# Diagnostic codes\n")
    assert all(f"{{#{code.lower()}}}" in page for code in CATALOGUE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["OKR1O1"], "okrctl: unknown code 'OKR1O1' (did you mean 'OKR101'?); `okrctl explain"),
        (
            ["duplicate-keys"],
            "okrctl: unknown code 'duplicate-keys' (did you mean 'duplicate-key'?)",
        ),
        (["zzz"], "okrctl: unknown code 'zzz'; `okrctl explain --list` lists every code"),
        ([], "okrctl: give one code or name, --list or --all"),
        (["OKR101", "--list"], "okrctl: give one code or name, --list or --all"),
        (["OKR101", "--phase", "load"], "okrctl: --phase goes with --list or --all"),
    ],
)
def test_a_usage_error_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "") and err.startswith(message)


def test_what_a_user_typed_is_shown_not_sent_to_the_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "\x1b]0;pwned\x07OKR\u202e")
    assert code == 2 and "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]0;pwned\\x07OKR\\u202e" in err


def test_a_retired_code_says_so() -> None:
    entry = Code(
        code="OKR113",
        name="old-check",
        phase=Phase.LOAD,
        severity=Severity.ERROR,
        doc="An old check.\n\nIt is gone.",
        retired="merged into OKR100 in 0.2",
    )
    explained = Explained(entry, entry.documentation)
    assert "Retired: merged into OKR100 in 0.2\nPhase: load" in render.text(explained)
    assert "**Retired**: merged into OKR100 in 0.2\n" in render.markdown(explained)
    assert render.as_dict(explained)["retired"] == "merged into OKR100 in 0.2"


def test_as_a_subprocess(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "okrctl", "explain", "unacknowledged-dependency"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OKR510 unacknowledged-dependency: ")


def test_check_json_names_every_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`okrctl check --format json` carries each code's name, as `okrctl explain` takes it."""
    monkeypatch.chdir(REPO)
    assert cli.run(["check", "okrs", "--today", "2026-11-22", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["name"]) for f in findings] == [
        ("OKR510", "unacknowledged-dependency"),
        ("OKR402", "unknown-baseline"),
    ]
    assert explain(codes.lookup("unknown-baseline") or codes.YAML_SYNTAX).code == "OKR402"
