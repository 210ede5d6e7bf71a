""" "Did you mean" hints are capped and looked up once per name (issue 14, item 13)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from okrctl.cli import run
from okrctl.hints import LIMIT, Hints
from tests.lifecycle.conftest import FIXTURE


def test_a_hint_names_the_closest_candidate() -> None:
    hints = Hints()
    assert hints.hint("leads-q3", {"leads-q4", "grow-q4"}) == " (did you mean 'leads-q4'?)"
    assert hints.hint("zzz", {"leads-q4"}) == ""


def test_each_word_is_looked_up_once_and_only_limit_words() -> None:
    hints = Hints(limit=3)
    pool = {f"objective-{i}" for i in range(100)}
    assert hints.closest("objectiv-1", pool) == "objective-1"
    assert hints.closest("objectiv-1", pool) == "objective-1"  # from the cache
    assert hints.closest("objectiv-2", pool) == "objective-2"
    assert hints.closest("objectiv-3", pool) == "objective-3"
    assert hints.closest("objectiv-4", pool) is None  # over the limit: no hint, still found
    assert hints.closest("objectiv-1", pool) == "objective-1"


def test_thousands_of_unknown_references_in_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every unknown reference is a finding; the hints stop after LIMIT distinct names, and a
    name repeated gets the same hint each time."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    leads = root / "okrs/2026-Q4/sales/leads-q4.yaml"
    names = [f"grow-q{i}" for i in range(LIMIT + 100)] + ["grow-q5"] * 50
    refs = "".join(f"  - {name}\n" for name in names)
    leads.write_text(
        leads.read_text().replace("parent: grow-q4\n", f"parent: grow-q4\ndepends_on:\n{refs}")
    )
    assert run(["check", "--today", "2026-11-22", "--format", "json"]) == 1
    output = json.loads(capsys.readouterr().out)
    found = [d for d in output["findings"] if d["code"] == "OKR304"]
    unknown = [d for d in found if "unknown objective" in d["message"]]
    assert len(unknown) == len(names) - 1  # grow-q4 exists
    hinted = [d for d in unknown if "did you mean" in d["message"]]
    assert 0 < len({d["message"] for d in hinted}) <= LIMIT
    repeated = {d["message"] for d in unknown if "'grow-q5'" in d["message"]}
    assert repeated == {
        "unknown objective 'grow-q5' (did you mean 'grow-q4'?); `depends_on` takes the id of an "
        "objective (its file name without .yaml)"
    }
