"""Replacing the output folder: two renames, the previous site back on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.errors import UsageError
from okrctl.site import publish


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text)
    return folder


def test_swap_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "public"
    staged = site(publish.stage(out), "new")
    publish.swap(staged, out)
    assert (out / "index.html").read_text() == "new"
    assert (out / publish.STAMP).read_text() == publish.STAMP_TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_swap_replaces_the_previous_site(tmp_path: Path) -> None:
    out = site(tmp_path / "public", "old")
    (out / "stale.html").write_text("gone")
    publish.swap(site(publish.stage(out), "new"), out)
    assert sorted(p.name for p in out.iterdir()) == [publish.STAMP, "index.html"]
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_failed_swap_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site(tmp_path / "public", "old")
    staged = site(publish.stage(out), "new")
    real = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if self == staged:
            raise OSError("disk full")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        publish.swap(staged, out)
    assert (out / "index.html").read_text() == "old"
    assert not any(p.name.startswith(".public.old-") for p in tmp_path.iterdir())


def test_check_target(tmp_path: Path) -> None:
    sources = [tmp_path / "okrs", tmp_path / "site"]
    publish.check_target(tmp_path / "public", sources)  # missing: fine
    (tmp_path / "empty").mkdir()
    publish.check_target(tmp_path / "empty", sources)
    built = site(tmp_path / "built", "x")
    (built / publish.STAMP).write_text(publish.STAMP_TEXT)
    publish.check_target(built, sources)
    site(tmp_path / "notes", "mine")
    with pytest.raises(UsageError, match="was not built by okrctl"):
        publish.check_target(tmp_path / "notes", sources)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="it is a file"):
        publish.check_target(tmp_path / "file", sources)
    with pytest.raises(UsageError, match="overlaps"):
        publish.check_target(tmp_path / "site" / "out", sources)
    with pytest.raises(UsageError, match="overlaps"):
        publish.check_target(tmp_path, sources)
