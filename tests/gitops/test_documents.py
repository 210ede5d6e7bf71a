"""`okrctl diff` checks documents it read through git the way `okrctl check` checks files on disk.

The two pipelines share every phase but the reading; these tests hold their findings equal, so
that a phase added to `engine.check_repository` and not to `gitops.documents.check` fails here.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrctl import config as configuration
from okrctl import engine
from okrctl.config import Config
from okrctl.gitops.documents import Loader, check
from okrctl.gitops.sides import WorkTreeFiles
from tests.conftest import REPO
from tests.gitops.conftest import FIXTURE

DAY = dt.date(2026, 11, 22)


def _both(root: Path, config: Config | None) -> tuple[list[object], list[object]]:
    files = WorkTreeFiles(root)
    documents = Loader().load_all(files.read(files.names()))
    _, found = check(documents.values(), config, DAY)
    expected = engine.check_repository(root, config=config, today=DAY).diagnostics
    return found, list(expected)


def _hostile_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / ".git").mkdir()
    okrs = root / "okrs" / "2026-Q4"
    (okrs / "ops" / "broken.yaml").write_text("kind: Objective\nid: broken\ntitle: [\n")
    (okrs / "ops" / "half.yaml").write_text("apiVersion: okrctl/v1\nkind: Objective\nid: half\n")
    (okrs / "ops" / "latin1.yaml").write_bytes(b"title: caf\xe9\n")
    field = okrs / "field" / "demos-q4.yaml"
    text = field.read_text()
    text = text.replace("title: Make every demo count", "title: Make 3 demos count")
    text = text.replace("  - ship-faster-q4", "  - broken\n  - half\n  - nowhere")
    field.write_text(text + "# okrctl: disable-file=qualitative-objective,OKR401\n")
    return root


@pytest.mark.parametrize("with_rules", [False, True], ids=["built-in", "rules"])
def test_same_findings_as_okrctl_check_on_hostile_files(tmp_path, with_rules):
    root = _hostile_copy(tmp_path)
    found, expected = _both(root, Config() if with_rules else None)
    assert found == expected
    codes = {d.code for d in expected}  # type: ignore[attr-defined]
    assert {"OKR100", "OKR107", "OKR202", "OKR304"} <= codes
    if with_rules:
        assert "OKR900" in codes  # the suppression of OKR401 silenced nothing


def test_same_findings_as_okrctl_check_on_the_example_organisation():
    if not (REPO / "okrs").is_dir():
        pytest.skip("the repository has no example organisation")
    found, expected = _both(REPO, configuration.load(REPO))
    assert found == expected


def test_a_file_is_loaded_once_for_both_sides():
    loader = Loader()
    first = loader.load("okrs/a.yaml", b"apiVersion: okrctl/v1\nkind: Objective\n")
    assert loader.load("okrs/a.yaml", b"apiVersion: okrctl/v1\nkind: Objective\n") is first
    assert loader.load("okrs/b.yaml", b"apiVersion: okrctl/v1\nkind: Objective\n") is not first
