"""Text from the repository never reaches a terminal or a CI log raw: every command that prints
it (check, build, checkin, sync, export) shows control characters as `\\xNN`, and under GitHub
Actions every command that prints findings writes annotations that cannot be forged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lifecycle.conftest import FIXTURE, Run

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
ESCAPES = "\\e[31mred\\e]0;owned\\a\\x9b2J\\u202e"
"""YAML double-quoted escapes: SGR red, an OSC title change, C1 CSI, a bidirectional override."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
FORGED = "::error file=README.md,line=1::forged"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small fixture with escapes in a key result's unit, and metrics with escapes."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    path = root / LEADS
    path.write_text(
        path.read_text()
        .replace("    unit: leads\n", f'    unit: "leads{ESCAPES}"\n')
        .replace(
            "    confidence: 0.5\n    checkins:",
            "    confidence: 0.5\n    source: {path: metrics/leads.csv, column: leads}\n"
            "    checkins:",
        )
    )
    (root / "metrics").mkdir()
    (root / "metrics/leads.csv").write_text("leads\n175\n")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def _unknown_key(root: Path) -> None:
    """An unknown field whose name sends escapes and starts a forged annotation line."""
    path = root / LEADS
    path.write_text(
        path.read_text().replace(
            "    baseline: 100\n", f'    baseline: 100\n    "x{ESCAPES}\\n{FORGED}": 1\n', 1
        )
    )


def _assert_inert(text: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(raw)
    assert not any(line.startswith("::error file=README") for line in text.splitlines()), text


def test_check_shows_an_unknown_key_escaped(hostile: Path, okrctl: Run) -> None:
    _unknown_key(hostile)
    result = okrctl("check", "--no-cache", "--format", "text")
    assert result.code == 1
    _assert_inert(result.out + result.err)
    assert "unknown field `x\\x1b[31mred\\x1b]0;owned\\x07\\x9b2J\\u202e\\x0a::error" in result.out


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["build", "--out", "public"]])
def test_under_github_actions_findings_are_annotations(
    hostile: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    _unknown_key(hostile)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = okrctl(*command)
    assert result.code == 1
    _assert_inert(result.out + result.err)
    first = next(line for line in result.out.splitlines() if "OKR201" in line)
    assert first.startswith(f"::error file={LEADS},line="), first
    assert "%0A::error file=README.md" in first
    assert all(line.startswith("::") for line in result.out.splitlines()[:-1])


def test_checkin_and_sync_print_the_unit_escaped(hostile: Path, okrctl: Run) -> None:
    done = okrctl("checkin", "leads-q4", "qualified-leads", "160", "--date", "2026-11-10")
    assert done.code == 0, done.out + done.err
    _assert_inert(done.out + done.err)
    assert "160 leads\\x1b[31mred" in done.out
    synced = okrctl("sync", "--date", "2026-11-20")
    assert synced.code == 0, synced.out + synced.err
    _assert_inert(synced.out + synced.err)
    assert "-> 175 leads\\x1b[31mred" in synced.out


def test_export_csv_writes_control_characters_as_text(hostile: Path, okrctl: Run) -> None:
    done = okrctl("export", "--format", "csv")
    assert done.code == 0, done.err
    _assert_inert(done.out)
    assert ",leads\\x1b[31mred\\x1b]0;owned\\x07\\x9b2J\\u202e," in done.out
    as_json = okrctl("export", "--format", "json")
    _assert_inert(as_json.out)
    assert '"unit": "leads\\u001b[31mred\\u001b]0;owned\\u0007\\u009b2J\\u202e"' in as_json.out


def test_a_file_name_with_a_newline_cannot_forge_an_annotation(
    hostile: Path, okrctl: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "x\n::error file=README.md,line=1::forged\x1b[2J.yaml"
    (hostile / "okrs" / "2026-Q4" / "sales" / name).write_text("kind: [\n")
    for fmt in ("text", "github"):
        if fmt == "github":
            monkeypatch.setenv("GITHUB_ACTIONS", "true")
        result = okrctl("check", "--no-cache", "--format", fmt)
        assert result.code == 1
        _assert_inert(result.out + result.err)
        assert "sales/x" in result.out
        built = okrctl("build", "--out", "public")
        assert built.code == 1
        _assert_inert(built.out + built.err)
