"""Fixtures for `okrctl import`: the corpus folder and a runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lifecycle.conftest import Run, snapshot

CORPUS = Path(__file__).resolve().parent / "corpus"

__all__ = ["CORPUS", "Run", "snapshot"]


@pytest.fixture
def corpus() -> Path:
    return CORPUS
