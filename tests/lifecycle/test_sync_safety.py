"""`okrctl sync` against hostile or broken sources: endless output, overflowing numbers, and
commands a reviewer did not ask to run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrctl.sources.reading import aggregate
from tests.findings import findings, where
from tests.lifecycle.conftest import Run, allow_command, snapshot

LEADS = "okrs/2026-Q4/sales/leads-q4.yaml"
PY = sys.executable


def with_source(repo: Path, source: str) -> None:
    """Give the demo-calls key result of the fixture a `source:` (a YAML flow mapping); a command
    is listed in okrctl.yaml, as sync runs only listed commands."""
    command = json.loads(source).get("command")
    if command is not None:
        allow_command(repo, command)
    path = repo / LEADS
    text = path.read_text()
    assert "    target: 10\n    checkins: []" in text
    path.write_text(
        text.replace("    target: 10\n    checkins: []", f"    target: 10\n    source: {source}\n    checkins: []")
    )  # fmt: skip


def command_source(code: str, timeout: float = 20) -> str:
    return json.dumps({"command": [PY, "-c", code], "timeout": timeout})


LIMITED_SYNC = """
import resource, sys
limit = 768 * 1024 * 1024
try:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except (ValueError, OSError):  # macOS may not lower the address space: the cap still holds
    pass
from okrctl import cli
sys.exit(cli.run(["sync", "--date", "2026-11-20", "--format", "text"]))
"""


def sync_with_memory_limit(repo: Path) -> subprocess.CompletedProcess[str]:
    """`okrctl sync` in a Python limited to 768 MiB of address space (so a sync that keeps a
    command's whole output dies of it), as a user runs it."""
    return subprocess.run(
        [PY, "-c", LIMITED_SYNC], cwd=repo, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.posix  # resource limits, `yes`
def test_a_command_that_prints_without_end_is_stopped_at_the_cap(repo: Path) -> None:
    endless = "import sys\nchunk = b'1' * 1048576\nwhile True: sys.stdout.buffer.write(chunk)"
    with_source(repo, command_source(endless, timeout=20))
    done = sync_with_memory_limit(repo)
    assert (done.returncode, done.stderr) == (1, "")
    assert where(done.stdout) == [(LEADS, 42, 25, "OKR813")]
    message = findings(done.stdout)[0].message
    assert f"`{PY} -c import sys" in message and "65536 bytes" in message


@pytest.mark.posix  # resource limits, `yes`
def test_yes_is_stopped_too(repo: Path) -> None:
    with_source(repo, json.dumps({"command": ["yes"], "timeout": 4}))
    done = sync_with_memory_limit(repo)
    assert done.returncode == 1
    assert where(done.stdout) == [(LEADS, 42, 25, "OKR813")]
    message = findings(done.stdout)[0].message
    assert message.startswith("`yes` ") and "65536 bytes" in message


@pytest.mark.posix  # resource limits, `yes`
def test_a_command_that_floods_stderr_keeps_only_its_tail(repo: Path) -> None:
    flood = (
        "import sys\nchunk = b'e' * 1048575 + b'\\n'\n"
        "for _ in range(2000): sys.stderr.buffer.write(chunk)\n"
        "sys.exit('the last words')"
    )
    with_source(repo, command_source(flood, timeout=60))
    done = sync_with_memory_limit(repo)
    assert done.returncode == 1
    assert [f.code for f in findings(done.stdout)] == ["OKR813"]
    assert findings(done.stdout)[0].message.endswith("exit code 1: the last words")


def test_a_command_that_hangs_after_printing_is_stopped(repo: Path, okrctl: Run) -> None:
    hang = "import time\nprint(5, flush=True)\ntime.sleep(60)"
    with_source(repo, command_source(hang, timeout=0.5))
    result = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert result.code == 1
    assert [f.code for f in findings(result.out)] == ["OKR813"]
    assert "0.5 s" in findings(result.out)[0].message


def csv_source(repo: Path, text: str, aggregate: str) -> None:
    (repo / "metrics").mkdir(exist_ok=True)
    (repo / "metrics/lite-mqls.csv").write_text(text)
    fields = {"path": "metrics/lite-mqls.csv", "column": "mqls", "aggregate": aggregate}
    with_source(repo, json.dumps(fields))


HUGE = "week,mqls,channel\n2,1e308,a\n3,1e308,b\n"


def test_a_sum_that_overflows_is_a_finding_not_a_crash(repo: Path, okrctl: Run) -> None:
    csv_source(repo, HUGE, "sum")
    before = snapshot(repo)
    result = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert (result.code, result.err) == (1, "")
    assert result.out.startswith("recorded 0 check-ins on 2026-11-20\n")
    assert where(result.out) == [(LEADS, 42, 57, "OKR812")]
    assert "too large" in findings(result.out)[0].message
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("cells", "aggregate", "fragments"),
    [
        ("1e308\n-1e308\n1e308\n1e308", "sum", ("sum of mqls", "too large")),
        ("1e308\n1e400", "max", ("line 3 of metrics/lite-mqls.csv", "'1e400'")),
        ("inf\n1", "mean", ("line 2 of metrics/lite-mqls.csv", "'inf'")),
        ("1\nnan", "max", ("line 3 of metrics/lite-mqls.csv", "'nan'")),
        ("-Infinity", "min", ("line 2 of metrics/lite-mqls.csv", "'-Infinity'")),
    ],
)  # fmt: skip
def test_values_that_are_not_finite(
    repo: Path, okrctl: Run, cells: str, aggregate: str, fragments: tuple[str, str]
) -> None:
    csv_source(repo, "mqls\n" + cells + "\n", aggregate)
    result = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert result.code == 1
    assert where(result.out) == [(LEADS, 42, 57, "OKR812")]
    assert all(fragment in findings(result.out)[0].message for fragment in fragments)


@pytest.mark.parametrize(
    ("values", "how", "expected"),
    [
        ([1e308, 1e308], "mean", 1e308),
        ([1e308, 1e308], "max", 1e308),
        ([1e308, 1e308], "sum", None),
        ([1.7e308, -1e308, 1e308], "sum", 1.7e308),
        ([1e308, 1.0], "min", 1.0),
    ],
)
def test_aggregates_of_huge_values(values: list[float], how: str, expected: float | None) -> None:
    assert aggregate(values, how, len(values)) == expected


def test_a_json_integer_too_large_for_a_float(repo: Path, okrctl: Run) -> None:
    (repo / "metrics").mkdir()
    (repo / "metrics/big.json").write_text('{"n": 1' + "0" * 400 + "}")
    with_source(repo, json.dumps({"path": "metrics/big.json", "column": "n"}))
    result = okrctl("sync", "--date", "2026-11-20", "--format", "text")
    assert result.code == 1
    assert [(f.code, f.severity) for f in findings(result.out)] == [("OKR812", "error")]
    assert "metrics/big.json" in findings(result.out)[0].message


MARK = "import pathlib\npathlib.Path('ran').write_text('yes')\nprint(7)"


def test_a_dry_run_runs_no_command(repo: Path, okrctl: Run) -> None:
    with_source(repo, command_source(MARK))
    result = okrctl("sync", "--date", "2026-11-20", "--dry-run")
    assert (result.code, result.err) == (0, "")
    skipped, recorded = result.out.splitlines()
    assert skipped.startswith(f"{LEADS}: demo-calls skipped: ") and "--run-commands" in skipped
    assert recorded == "would record 0 check-ins on 2026-11-20"
    assert not (repo / "ran").exists()


def test_a_dry_run_with_run_commands_runs_them_and_writes_nothing(repo: Path, okrctl: Run) -> None:
    with_source(repo, command_source(MARK))
    before = snapshot(repo)
    result = okrctl("sync", "--date", "2026-11-20", "--dry-run", "--run-commands")
    assert result.out == (
        f"{LEADS}: demo-calls 20 days -> 7 days\nwould record 1 check-in on 2026-11-20\n"
    )
    assert (repo / "ran").read_text() == "yes"
    (repo / "ran").unlink()
    assert snapshot(repo) == before


def test_the_help_says_a_dry_run_runs_no_command(okrctl: Run) -> None:
    text = " ".join(okrctl("sync", "--help").out.split())
    assert "Command sources are NOT run (they are listed as skipped) unless --run-commands" in text
