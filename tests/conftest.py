"""Shared fixtures: paths of the repository, the example organisation and the case folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the run cache of every test away from the user's own cache directory."""
    import os

    os.environ.setdefault("OKRCTL_CACHE_DIR", str(tmp_path_factory.mktemp("okrctl-cache")))
