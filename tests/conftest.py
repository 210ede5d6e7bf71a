"""Shared fixtures: paths of the repository, the example organisation and the case folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from okrctl import cli

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


class Result(NamedTuple):
    """What one `okrctl` command gave: its exit code, standard output and standard error."""

    code: int
    out: str
    err: str


Run = Callable[..., Result]


def child_env(**extra: str) -> dict[str, str]:
    """The small environment tests start okrctl (or git) in, plus `extra`: the system's own
    programs on POSIX (`/usr/bin:/bin`); on Windows the inherited PATH and what a process needs
    to start there (SYSTEMROOT: without it Python cannot even seed its hashes)."""
    import os

    if os.name == "posix":
        base = {"PATH": "/usr/bin:/bin"}
    else:
        names = ("PATH", "SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP", "PATHEXT", "COMSPEC")
        base = {name: os.environ[name] for name in names if name in os.environ}
    return {**base, **extra}


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the run cache of every test away from the user's own cache directory."""
    import os

    os.environ.setdefault("OKRCTL_CACHE_DIR", str(tmp_path_factory.mktemp("okrctl-cache")))


@pytest.fixture
def okrctl(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `okrctl ARGS` in-process (as `okrctl.cli.main` does): exit code, stdout, stderr."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = cli.run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which the browser tests drive (no browser is downloaded)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip what this platform cannot run: `posix` tests on Windows, `browser` tests where
    Debian's Chromium is missing (macOS, Windows, a machine without the package)."""
    import os

    skips = {
        "posix": (os.name != "posix", "needs a POSIX system"),
        "browser": (not CHROMIUM.exists(), f"needs Debian's Chromium at {CHROMIUM}"),
    }
    for item in items:
        for marker, (skipped, reason) in skips.items():
            if skipped and item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
