"""The git wrappers: reading revisions of a temporary repository, and refusing what is unsafe."""

from __future__ import annotations

import pytest

from okrctl import gitcmd
from tests.gitops.conftest import init_repo


@pytest.fixture
def repo(tmp_path):
    made = init_repo(tmp_path / "r")
    made.write("okrs/a b.yaml", "id: a\n")
    made.write("okrs/ünï/c.yaml", "id: c\nparent: a\n")
    made.write("okrs/big.yaml", "x" * 5000)
    made.write("other/d.yaml", "id: d\n")
    made.commit("base")
    return made


def test_list_tree_names_sizes_and_blob_ids(repo):
    entries = gitcmd.list_tree(repo.path, "HEAD", "okrs")
    assert [(e.path, e.size) for e in entries] == [
        ("okrs/a b.yaml", 6),
        ("okrs/big.yaml", 5000),
        ("okrs/ünï/c.yaml", 16),
    ]
    assert entries[0].blob == repo.git("rev-parse", "HEAD:okrs/a b.yaml")


@pytest.mark.posix  # a symbolic link
def test_symlinks_are_not_files_of_a_revision(repo):
    (repo.path / "okrs" / "link.yaml").symlink_to("a b.yaml")
    repo.commit("link")
    assert "okrs/link.yaml" not in {e.path for e in gitcmd.list_tree(repo.path, "HEAD", "okrs")}


def test_blob_reader_reads_many_through_one_process(repo):
    entries = gitcmd.list_tree(repo.path, "HEAD", "okrs")
    with gitcmd.BlobReader(repo.path) as reader:
        first = reader.read(e.blob for e in entries)
        second = reader.read([entries[2].blob])
    assert [first[e.blob] for e in entries] == [b"id: a\n", b"x" * 5000, b"id: c\nparent: a\n"]
    assert second == {entries[2].blob: b"id: c\nparent: a\n"}


def test_a_missing_blob_is_a_git_error(repo):
    with gitcmd.BlobReader(repo.path) as reader, pytest.raises(gitcmd.GitError, match="missing"):
        reader.read(["0" * 40])


def test_changed_paths_with_a_rename(repo):
    base = repo.git("rev-parse", "HEAD")
    repo.git("mv", "okrs/ünï/c.yaml", "okrs/c2.yaml")
    repo.write("okrs/a b.yaml", "id: a\nchanged: yes\n")
    repo.write("okrs/new.yaml", "id: new\n")  # untracked: not git's business
    repo.remove("okrs/big.yaml")
    assert gitcmd.changed_paths(repo.path, base, None, "okrs") == [
        gitcmd.PathChange("M", "okrs/a b.yaml", "okrs/a b.yaml"),
        gitcmd.PathChange("D", "okrs/big.yaml", None),
        gitcmd.PathChange("R", "okrs/ünï/c.yaml", "okrs/c2.yaml"),
    ]
    head = repo.commit("second")
    changes = gitcmd.changed_paths(repo.path, base, head, "okrs")
    assert gitcmd.PathChange("A", None, "okrs/new.yaml") in changes


def test_grep_finds_whole_words_in_a_revision(repo):
    assert gitcmd.grep_words(repo.path, "HEAD", ["a", "parent", "id"], "okrs") == {
        "okrs/a b.yaml": {"a", "id"},
        "okrs/ünï/c.yaml": {"a", "id", "parent"},
    }
    assert gitcmd.grep_words(repo.path, "HEAD", ["aren"], "okrs") == {}
    assert gitcmd.grep_words(repo.path, "HEAD", ["-e", "nothing"], "okrs") == {}
    assert gitcmd.grep_words(repo.path, "HEAD", [], "okrs") == {}


def test_resolve_and_merge_base(repo):
    head = repo.git("rev-parse", "HEAD")
    assert gitcmd.resolve(repo.path, "main") == head
    assert gitcmd.resolve(repo.path, "nope") is None
    assert gitcmd.merge_base(repo.path, head, head) == head
    assert gitcmd.is_shallow(repo.path) is False


@pytest.mark.parametrize("revision", ["-h", "--output=x", "", "a\x00b"])
def test_options_are_never_revisions(repo, revision):
    with pytest.raises(gitcmd.GitError, match="is not a revision"):
        gitcmd.resolve(repo.path, revision)


def test_toplevel_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    with pytest.raises(gitcmd.GitError, match="is not inside a git repository"):
        gitcmd.toplevel(tmp_path / "plain")


def test_a_failing_git_command_says_what_failed(repo):
    with pytest.raises(gitcmd.GitError, match="`git ls-tree -r -l` failed: fatal"):
        gitcmd.list_tree(repo.path, "0" * 40, "okrs")
