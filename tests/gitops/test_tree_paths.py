"""Following a path through symbolic links on one side of a diff, inside the repository only:
a commit (git) and the work tree (the file system) give the same answer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrctl import gitcmd
from okrctl.gitops.changes import CommandFileChange
from okrctl.gitops.tree_paths import Reached, RevisionTree, WorkTree, from_top
from okrctl.gitops.wording import Style, markdown_code, markdown_text, plain_text
from tests.gitops.conftest import Repo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links")


def linked_repo(path: Path, object_format: str = "sha1") -> Repo:
    """Files and links of every kind, committed."""
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main", f"--object-format={object_format}")
    repo.git("config", "user.name", "Test User")
    repo.git("config", "user.email", "test@example.com")
    repo.write("scripts/real.py", "print(1)\n")
    repo.write("tools/lib/m.py", "print(2)\n")
    links = {
        "scripts/link.py": "real.py",
        "scripts/chain.py": "link.py",
        "scripts/up.py": "../tools/lib/m.py",
        "scripts/lib": "../tools/lib",  # a linked folder
        "scripts/loop.py": "loop.py",
        "scripts/out.py": "../../outside.py",
        "scripts/absolute.py": "/etc/hostname",
        "scripts/git.py": "../.git/config",
        "scripts/folder": "../tools",
        "scripts/dangling.py": "nothing.py",
    }
    for link, target in links.items():
        (path / link).symlink_to(target)
    repo.commit("links")
    return repo


EXPECTED = {
    "scripts/real.py": "scripts/real.py",
    "scripts/link.py": "scripts/real.py",
    "scripts/chain.py": "scripts/real.py",
    "scripts/up.py": "tools/lib/m.py",
    "scripts/lib/m.py": "tools/lib/m.py",
    "scripts/loop.py": None,
    "scripts/out.py": None,
    "scripts/absolute.py": None,
    "scripts/git.py": None,
    "scripts/folder": None,
    "scripts": None,
    "scripts/real.py/x": None,
    "scripts/dangling.py": None,
    "missing.py": None,
}


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_a_commit_and_the_work_tree_agree(tmp_path, object_format):
    repo = linked_repo(tmp_path / "repo", object_format)
    (tmp_path / "outside.py").write_text("print(3)\n")
    commit = repo.git("rev-parse", "HEAD")
    with gitcmd.BlobReader(repo.path) as reader:
        revision = RevisionTree(repo.path, commit, reader)
        work = WorkTree(repo.path, object_format)
        for path, expected in EXPECTED.items():
            in_commit, on_disk = revision.reach(path), work.reach(path)
            assert in_commit == on_disk, path
            assert (in_commit.path if in_commit else None) == expected, path
        real = revision.reach("scripts/link.py")
        assert real == Reached("scripts/real.py", repo.git("rev-parse", "HEAD:scripts/real.py"))
        assert revision.read(real, 100) == work.read(real, 100) == b"print(1)\n"
        assert revision.read(real, 3) is None and work.read(real, 3) is None


@pytest.mark.parametrize(
    ("prefix", "name", "expected"),
    [
        ("", "scripts/./a.py", "scripts/a.py"),
        ("", "./a.py", "a.py"),
        ("okr", "../tools/a.py", "tools/a.py"),
        ("okr", "a.py", "okr/a.py"),
        ("", "../a.py", None),
        ("okr", "../../a.py", None),
        ("", "/usr/bin/python3", None),
        ("", "~/a.py", None),
        ("", ".git/config", None),
        ("", ".", None),
        ("", "", None),
    ],
)
def test_from_top(prefix, name, expected):
    assert from_top(prefix, name) == expected


def test_where_a_link_leads_in_words():
    command = (("python3", "scripts/run.py"),)
    text = Style(plain_text, plain_text, "->")
    markdown = Style(markdown_code, markdown_text, "→")
    now_a_link = CommandFileChange("scripts/run.py", "changed", command, None, "scripts/real.py")
    assert text.command_file(now_a_link) == (
        "command file scripts/run.py (leads to itself -> scripts/real.py) changed, "
        'run by ["python3", "scripts/run.py"]'
    )
    assert markdown.command_file(now_a_link).startswith(
        "command file `scripts/run.py` (leads to itself → `scripts/real.py`) changed"
    )
    added = CommandFileChange("scripts/run.py", "added", command, None, "scripts/real.py")
    assert "(a link to scripts/real.py) added" in text.command_file(added)
    removed = CommandFileChange("scripts/run.py", "removed", command, "scripts/real.py", None)
    assert "(a link to scripts/real.py) removed" in text.command_file(removed)
    assert text.command_file(CommandFileChange("x", "changed", command)) == (
        'command file x changed, run by ["python3", "scripts/run.py"]'
    )
