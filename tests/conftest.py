"""Shared fixtures: paths of the repository, the example organisation and the case folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def repo_root() -> Path:
    return REPO
