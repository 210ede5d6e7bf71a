"""Replacing the output folder: one atomic exchange (two renames where the system has none), the
previous site back on failure, what an interrupted build left deleted by the next (issue 14,
item 9)."""

from __future__ import annotations

import threading
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
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)  # two renames
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


def test_the_fallback_of_two_renames_swaps_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    out = site(tmp_path / "public", "old")
    publish.swap(site(publish.stage(out), "new"), out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


@pytest.mark.skipif(publish._renameat2 is None, reason="no renameat2 on this system")
def test_a_reader_polling_index_html_always_finds_a_site(tmp_path: Path) -> None:
    out = site(tmp_path / "public", "0")
    (out / publish.STAMP).write_text(publish.STAMP_TEXT)
    missing: list[str] = []
    seen: set[str] = set()
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                seen.add((out / "index.html").read_text())
            except FileNotFoundError as exc:
                missing.append(str(exc))

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for build in range(1, 200):
            staged = site(publish.stage(out), str(build))
            for page in range(20):  # something for rmtree to delete while the reader reads
                (staged / f"page-{page}.html").write_text("x")
            publish.swap(staged, out)
    finally:
        stop.set()
        reader.join()
    assert missing == []
    assert len(seen) > 1
    assert (out / "index.html").read_text() == "199"


def test_leftovers_of_an_interrupted_build_are_deleted_by_the_next(tmp_path: Path) -> None:
    out = site(tmp_path / "public", "old")
    site(tmp_path / ".public.new-abc123", "half")
    site(tmp_path / ".public.old-def456" / "site", "older")
    site(tmp_path / ".other.new-abc123", "not ours")
    staged = publish.stage(out)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([".other.new-abc123", "public", staged.name])
