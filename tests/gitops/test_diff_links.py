"""`okrctl diff` reads every file exactly as `okrctl check` does, on both sides: a link to a file
inside the repository is read as the file it leads to, and a linked folder is walked, in a
commit as in the work tree. Before, a target lowered behind a link was "no changes"."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrctl import gitcmd
from okrctl.gitops.sides import RevisionFiles, WorkTreeFiles
from tests.gitops.conftest import TODAY, Repo, init_repo

OPS = "okrs/2026-Q4/ops/ship-faster-q4.yaml"
KEPT = "okrs/2026-Q4/ops/.kept/ship-faster-q4.yaml"


def _link(repo: Repo, rel: str, target: str) -> None:
    path = repo.path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _changes(okrctl, *revisions: str) -> dict:
    result = okrctl("diff", *revisions, "--format", "json", "--today", TODAY)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _goalposts(document: dict) -> list[tuple[str, str, object, object]]:
    return [
        (o["id"], c["field"], c["old"], c["new"])
        for o in document["objectives"]
        for c in o["changes"]
        if c["category"] == "goalpost"
    ]


@pytest.fixture
def linked(repo: Repo) -> Repo:
    """The ops unit keeps its objective as a link to a file in a dot-folder of its own."""
    (repo.path / KEPT).parent.mkdir()
    (repo.path / OPS).rename(repo.path / KEPT)
    _link(repo, OPS, ".kept/ship-faster-q4.yaml")
    repo.commit("ops keeps its objective behind a link")
    repo.git("branch", "-f", "main", "HEAD")
    return repo


def test_a_target_lowered_behind_a_linked_file_is_a_moved_goalpost(linked: Repo, okrctl) -> None:
    linked.edit(KEPT, "target: 90", "target: 45")
    in_work_tree = _changes(okrctl)
    assert _goalposts(in_work_tree) == [("ship-faster-q4", "target", 90, 45)]
    linked.commit("lower the target behind the link")
    between_commits = _changes(okrctl, "main", "HEAD")
    assert _goalposts(between_commits) == [("ship-faster-q4", "target", 90, 45)]
    assert [o["file"] for o in between_commits["objectives"]] == [OPS]


def test_objectives_added_in_a_linked_folder_are_added(repo: Repo, okrctl) -> None:
    shared = repo.path / "teams/ops"
    shared.mkdir(parents=True)
    for path in (repo.path / "okrs/2026-Q4/ops").iterdir():
        path.rename(shared / path.name)
    (repo.path / "okrs/2026-Q4/ops").rmdir()
    _link(repo, "okrs/2026-Q4/ops", "../../teams/ops")
    repo.commit("ops keeps its folder elsewhere")
    repo.git("branch", "-f", "main", "HEAD")
    text = (shared / "ship-faster-q4.yaml").read_text()
    (shared / "ship-more-q4.yaml").write_text(
        text.replace("id: ship-faster-q4", "id: ship-more-q4").replace("ship starter", "more")
    )
    assert [o["id"] for o in _changes(okrctl)["objectives"]] == ["ship-more-q4"]
    repo.commit("a new objective in the linked folder")
    added = _changes(okrctl, "main", "HEAD")["objectives"]
    assert [(o["status"], o["id"], o["file"]) for o in added] == [
        ("added", "ship-more-q4", "okrs/2026-Q4/ops/ship-more-q4.yaml")
    ]


def test_a_link_leading_out_is_the_same_finding_on_both_sides(repo: Repo, okrctl) -> None:
    _link(repo, "okrs/2026-Q4/ops/leak.yaml", "/etc/hostname")
    _link(repo, "okrs/2026-Q4/ops/config.yaml", "../../../.git/config")
    repo.commit("links out")
    repo.git("branch", "-f", "main", "HEAD")
    document = _changes(okrctl)  # the commit against the same files on disk: nothing changed
    assert document["findings"] == {"introduced": [], "fixed": []}
    assert document["objectives"] == []


# --------------------------------------------------------------------------- both sides agree

NAMES = st.sampled_from(["a", "b", ".d", "x.yaml", "y.yml", "n.txt", ".h.yaml"])
PLACES = st.sampled_from(["okrs", "okrs/a", "okrs/b", "okrs/.d", "other", "other/a", ""])
TARGETS = st.sampled_from(
    [
        "x.yaml",
        "a",
        "../a",
        "../other",
        "../../other/x.yaml",
        "../.git/config",
        "/etc/hostname",
        "missing.yaml",
        "self.yaml",
        "..",
        "a/../x.yaml",
        "x.yaml/..",
        "n.txt/x",
    ]
)
TREES = st.lists(
    st.tuples(st.booleans(), PLACES, NAMES | st.just("self.yaml"), TARGETS),
    min_size=1,
    max_size=14,
)


def _materialise(root: Path, entries: list[tuple[bool, str, str, str]]) -> None:
    for is_link, place, name, target in entries:
        folder = root / place
        if (folder.exists() and not folder.is_dir()) or folder.is_symlink():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if path.exists() or path.is_symlink():
            continue
        if is_link:
            path.symlink_to(target if name != "self.yaml" else "self.yaml")
        elif name.endswith((".yaml", ".yml", ".txt")):
            path.write_text(f"kind: Objective\nid: {name}\nfrom: {place}\n")
        else:
            path.mkdir()
            (path / ".keep").write_text("")  # git keeps no empty folder; a checkout has none


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=TREES)
def test_a_commit_is_read_as_its_checkout_is(tmp_path_factory, entries) -> None:
    root = tmp_path_factory.mktemp("tree")
    repo = init_repo(root)
    _materialise(root, entries)
    (root / "README").write_text("x")
    repo.commit("tree")
    with gitcmd.BlobReader(root) as reader:
        commit = RevisionFiles(root, "", repo.git("rev-parse", "HEAD"), "HEAD", reader)
        disk = WorkTreeFiles(root) if (root / "okrs").is_dir() else None
        names = disk.names() if disk else []
        assert commit.names() == names
        assert sorted(map(repr, commit.problems())) == sorted(
            map(repr, disk.problems() if disk else [])
        )
        assert commit.read(names) == (disk.read(names) if disk else {})
        assert commit.linked() == (disk.linked() if disk else set())


def test_names_that_are_not_utf8_are_the_same_finding_on_both_sides(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    folder = tmp_path / "r/okrs"
    latin1 = os.fsdecode(b"caf\xe9")  # a name whose bytes are not UTF-8
    (folder / latin1).mkdir(parents=True)
    (folder / latin1 / "in.yaml").write_bytes(b"kind: Objective\n")  # git keeps no empty folder
    (folder / f"{latin1}.yaml").write_bytes(b"kind: Objective\n")
    (folder / "link.yaml").symlink_to(f"{latin1}.yaml")
    (folder / "to-folder").symlink_to(latin1)
    repo.commit("latin-1 names")
    with gitcmd.BlobReader(repo.path) as reader:
        commit = RevisionFiles(repo.path, "", repo.git("rev-parse", "HEAD"), "HEAD", reader)
        disk = WorkTreeFiles(repo.path)
        assert commit.names() == disk.names()
        assert commit.problems() == disk.problems()


def test_the_nearby_scope_compares_in_full_when_files_are_reached_through_links(
    linked: Repo, okrctl
) -> None:
    linked.edit(KEPT, "target: 90", "target: 45")
    result = okrctl("diff", "--scope", "nearby", "--format", "json", "--today", TODAY)
    document = json.loads(result.out)
    assert document["scope"] == {
        "mode": "full",
        "note": "every file checked on both sides (files reached through links)",
    }
    assert _goalposts(document) == [("ship-faster-q4", "target", 90, 45)]
