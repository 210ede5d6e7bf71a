"""`okrctl export` to a pipe writes the same bytes as `--out` (issue 14, item 15): click.echo
strips ANSI escape sequences when it does not write to a terminal, and would change the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, child_env

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_to_a_pipe_keeps_every_byte(repo: Path, fmt: str) -> None:
    leads = repo / LEADS
    leads.write_text(
        leads.read_text().replace(
            'title: "Fill the pipeline"', 'title: "Fill \\e[31mthe\\e[0m \\u0085pipeline\\r"'
        )
    )
    env = child_env(PYTHONPATH=str(REPO), HOME=str(repo.parent))
    argv = [sys.executable, "-m", "okrctl", "export", "--format", fmt]
    piped = subprocess.run(argv, cwd=repo, env=env, capture_output=True, check=True).stdout
    out = repo.parent / f"export.{fmt}"
    subprocess.run([*argv, "--out", str(out)], cwd=repo, env=env, capture_output=True, check=True)
    assert piped == out.read_bytes()
    if fmt == "csv":  # a cell shows control characters as text (issue 14 item 5), on both paths
        assert b"Fill \\x1b[31mthe\\x1b[0m \\x85pipeline\\x0d" in piped
