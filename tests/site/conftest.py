"""Fixtures for the site: the `acme` fixture repository (one hostile team included), its
cascade and view, and one built copy of its site shared by the tests that only read it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrctl import engine
from okrctl.config import Config
from okrctl.site.build import build_site
from okrctl.site.view import SiteView, gather

REPOS = Path(__file__).resolve().parent / "repos"
EXAMPLE = Path(__file__).resolve().parents[2]
"""This repository: its okrs/, site/ and okrctl.yaml are the example organisation."""
ACME = REPOS / "acme"
TODAY = dt.date(2026, 11, 22)

HOSTILE_TITLE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) {{ 7*7 }} <img src=x onerror=alert(1)>"
)


def copy_repo(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A writable copy of the acme repository."""
    return copy_repo(ACME, tmp_path / "acme")


@pytest.fixture(scope="session")
def acme_view() -> SiteView:
    result = engine.check_repository(ACME, config=Config(), today=TODAY)
    assert result.errors == 0
    return gather(result.cascade, TODAY)


@pytest.fixture(scope="session")
def acme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The acme site, built once: read it, never write to it."""
    root = copy_repo(ACME, tmp_path_factory.mktemp("built") / "acme")
    result = build_site(root, root / "public", today=TODAY)
    assert result.built
    return root / "public"


def copy_example(target: Path) -> Path:
    """The example organisation (this repository's okrs/, site/ and okrctl.yaml) in `target`."""
    target.mkdir(parents=True)
    for name in ("okrs", "site"):
        shutil.copytree(EXAMPLE / name, target / name)
    shutil.copyfile(EXAMPLE / "okrctl.yaml", target / "okrctl.yaml")
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation's site, built once without git history: read it only."""
    root = copy_example(tmp_path_factory.mktemp("example") / "example")
    result = build_site(root, root / "public", today=TODAY, history=False)
    assert result.built
    return root / "public"
