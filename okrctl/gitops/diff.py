"""`okrctl diff`: from two revision names to a `Report` of what changed in the OKRs.

The base defaults to the merge base of HEAD with the branch the change goes into
(`$GITHUB_BASE_REF` in a pull request, else `main`, else `origin/main`); the head defaults to
the work tree. Only files that changed between the two are compared for meaning; findings are
compared over the scope `scope.py` explains (every file in full mode).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from okrctl import codes, gitcmd
from okrctl.config import Config
from okrctl.diagnostics import Diagnostic
from okrctl.gitops import command_files, compare, findings, scope
from okrctl.gitops.changes import (
    CommandChange,
    CommandFileChange,
    FieldChange,
    ObjectiveChange,
    Unreadable,
)
from okrctl.gitops.documents import Document, Loader, check
from okrctl.gitops.sides import Files, RevisionFiles, WorkTreeFiles, is_okr_file
from okrctl.gitops.tree_paths import RevisionTree, WorkTree
from okrctl.model import Organization
from okrctl.scoring import effective_scores
from okrctl.workspace import DEFAULT_DIR

Scope = Literal["auto", "full", "nearby"]

FULL_BELOW = 1000
"""In `auto` scope, repositories with fewer OKR files than this are compared in full, every rule
included: about two seconds at 1,000 files on a 2-core machine (`bench/diff_bench.py`)."""


@dataclass(frozen=True)
class Report:
    """Everything `okrctl diff` prints."""

    base: str
    head: str
    objectives: list[ObjectiveChange]
    organization: list[FieldChange]
    unreadable: list[Unreadable]
    introduced: list[Diagnostic]
    fixed: list[Diagnostic]
    scope: Literal["full", "nearby"]
    scope_note: str
    """Why a full comparison was made, or what the nearby scope covered."""
    allowed_commands: tuple[CommandChange, ...] = ()
    """Commands added to or removed from okrctl.yaml's allow-list (`sources: commands:`)."""
    command_files: tuple[CommandFileChange, ...] = ()
    """Files named by allowed commands that were added, removed or changed (`command_files`)."""

    @property
    def empty(self) -> bool:
        return not (
            self.objectives
            or self.organization
            or self.unreadable
            or self.introduced
            or self.fixed
            or self.allowed_commands
            or self.command_files
        )


# --------------------------------------------------------------------------- revisions


def _short(commit: str) -> str:
    return commit[:7]


def resolve_base(top: Path, revision: str | None) -> tuple[str, str]:
    """The base commit and its label; by default the merge base of HEAD with main."""
    if revision is not None:
        commit = gitcmd.resolve(top, revision)
        if commit is None:
            raise gitcmd.GitError(_missing(top, revision))
        return commit, f"{revision} ({_short(commit)})"
    head = gitcmd.resolve(top, "HEAD")
    if head is None:
        raise gitcmd.GitError("the repository has no commit yet: there is nothing to compare with")
    branch = os.environ.get("GITHUB_BASE_REF", "").strip()
    candidates = [f"origin/{branch}", branch] if branch else []
    candidates += ["main", "origin/main"]
    for name in candidates:
        tip = gitcmd.resolve(top, name)
        if tip is None:
            continue
        base = gitcmd.merge_base(top, head, tip)
        if base is None:
            hint = gitcmd.SHALLOW_HINT if gitcmd.is_shallow(top) else "pass the base revision"
            raise gitcmd.GitError(
                f"HEAD and {name} share no history in this clone, so there is no merge base to "
                f"compare with; {hint}"
            )
        return base, f"{_short(base)} (merge base with {name})"
    tried = ", ".join(dict.fromkeys(candidates))
    raise gitcmd.GitError(
        f"none of {tried} is in this clone, so there is no base to compare with; pass the base "
        "revision (`okrctl diff BASE`), or "
        + (gitcmd.SHALLOW_HINT if gitcmd.is_shallow(top) else "fetch it: `git fetch origin main`")
    )


def _missing(top: Path, revision: str) -> str:
    message = f"unknown revision {revision!r}: it is not a branch, tag or commit of this clone"
    if gitcmd.is_shallow(top):
        return f"{message}; this is a shallow clone: {gitcmd.SHALLOW_HINT}"
    return f"{message}; fetch it (`git fetch origin {revision}`) or check the spelling"


def _files(
    top: Path, prefix: str, root: Path, revision: str | None, reader: gitcmd.BlobReader
) -> Files:
    if revision is None:
        return WorkTreeFiles(root)
    commit = gitcmd.resolve(top, revision)
    if commit is None:
        raise gitcmd.GitError(_missing(top, revision))
    return RevisionFiles(top, prefix, commit, f"{revision} ({_short(commit)})", reader)


# --------------------------------------------------------------------------- the diff


def diff(
    root: Path,
    base_revision: str | None = None,
    head_revision: str | None = None,
    *,
    scope_mode: Scope = "auto",
    config: Config | None = None,
    today: dt.date | None = None,
) -> Report:
    """Compare the OKR files of two revisions of the repository at `root`.

    `config` (the rules of good OKRs, the same for both sides) and `today` apply to full
    comparisons; a nearby one runs the built-in checks only.
    """
    top = gitcmd.toplevel(root)
    if not root.resolve().is_relative_to(top.resolve()):
        raise gitcmd.GitError(f"{root} is not inside the git work tree {top}")
    relative = root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if relative == "." else relative
    base_commit, base_label = resolve_base(top, base_revision)
    with gitcmd.BlobReader(top) as reader:
        base = RevisionFiles(top, prefix, base_commit, base_label, reader)
        head = _files(top, prefix, root, head_revision, reader)
        report = _diff(top, prefix, base, head, scope_mode, config, today)
        commands, files = _sync_code(top, prefix, root, base.commit, head.commit, reader)
        return replace(report, allowed_commands=commands, command_files=files)


def _sync_code(
    top: Path, prefix: str, root: Path, base: str, head: str | None, reader: gitcmd.BlobReader
) -> tuple[tuple[CommandChange, ...], tuple[CommandFileChange, ...]]:
    """The changes to the code `okrctl sync` runs: its allow-list and the files it names."""
    base_tree = RevisionTree(top, base, reader)
    head_tree: RevisionTree | WorkTree
    if head is None:
        # a commit id's length tells the repository's hash: 64 hex digits for SHA-256
        head_tree = WorkTree(top, "sha256" if len(base) == 64 else "sha1")
        head_commands = command_files.work_tree_commands(root)
    else:
        head_tree = RevisionTree(top, head, reader)
        head_commands = command_files.revision_commands(head_tree, prefix)
    return command_files.compare(
        command_files.Side(base_tree, command_files.revision_commands(base_tree, prefix)),
        command_files.Side(head_tree, head_commands),
        prefix,
    )


def _diff(
    top: Path,
    prefix: str,
    base: RevisionFiles,
    head: Files,
    scope_mode: Scope,
    config: Config | None,
    today: dt.date | None,
) -> Report:
    base_commit = base.commit
    folder = f"{prefix}/{DEFAULT_DIR}" if prefix else DEFAULT_DIR
    changed, renames = _changes(top, prefix, base, head, folder)
    loader = Loader()

    def grep(words: Iterable[str]) -> dict[str, set[str]]:
        found = gitcmd.grep_words(top, base_commit, words, folder)
        strip = len(prefix) + 1 if prefix else 0
        return {path[strip:]: hits for path, hits in found.items()}

    total = max(len(base.names()), len(head.names()))
    near: scope.Nearby | str | None = None
    if scope_mode == "nearby" or (scope_mode == "auto" and total >= FULL_BELOW):
        # `git grep` reads a link's own text, not the file it leads to
        linked = base.linked() or head.linked()
        near = (
            "files reached through links"
            if linked
            else scope.nearby(base, head, changed, loader, grep)
        )
    if isinstance(near, scope.Nearby):
        mode: Literal["full", "nearby"] = "nearby"
        note = (
            f"findings compared over the {len(near.reported)} changed and related files "
            f"(of {total}), built-in checks only; `--scope full` runs every check"
        )
        base_docs, head_docs = near.base, near.head
        base_cascade, base_all = check(base_docs.values())
        head_cascade, head_all = check(head_docs.values())
        base_found, head_found = _only(base_all, near.reported), _only(head_all, near.reported)
    else:
        mode = "full"
        note = "every file checked on both sides" + (f" ({near})" if near else "")
        base_docs = loader.load_all(base.read(base.names()))
        head_docs = loader.load_all(head.read(head.names()))
        base_cascade, base_found = check(base_docs.values(), config, today)
        head_cascade, head_found = check(head_docs.values(), config, today)
    rollup = (config or Config()).settings.rollup
    base_found += base.problems()
    head_found += head.problems()
    base_org, head_org = _organization(base_docs), _organization(head_docs)
    changes, unreadable = compare.objectives(
        {n: d for n, d in base_docs.items() if n in changed},
        {n: d for n, d in head_docs.items() if n in changed},
        renames,
        compare.closed_periods(base_org, head_org),
        (effective_scores(base_cascade, rollup), effective_scores(head_cascade, rollup)),
    )
    found = findings.compare(base_found, head_found, renames)
    return Report(
        base.label,
        head.label,
        changes,
        compare.organization(base_org, head_org),
        unreadable,
        found.introduced,
        found.fixed,
        mode,
        note,
    )


def _changes(
    top: Path, prefix: str, base: RevisionFiles, head: Files, folder: str
) -> tuple[set[str], dict[str, str]]:
    """Names of the files that differ between the sides, and the renames git found."""
    strip = len(prefix) + 1 if prefix else 0
    changed: set[str] = set()
    renames: dict[str, str] = {}
    for change in gitcmd.changed_paths(top, base.commit, head.commit, folder):
        old = change.old[strip:] if change.old else None
        new = change.new[strip:] if change.new else None
        changed.update(n for n in (old, new) if n and is_okr_file(n))
        if change.status == "R" and old and new and is_okr_file(old) and is_okr_file(new):
            renames[old] = new
    changed |= set(base.names()) ^ set(head.names())
    # git compares paths: a file behind a link changes without its path changing
    linked = (base.linked() | head.linked()) & set(base.names()) & set(head.names()) - changed
    if linked:
        before, after = base.read(linked), head.read(linked)
        changed |= {name for name in linked if before.get(name) != after.get(name)}
    return changed, renames


def _only(diagnostics: list[Diagnostic], reported: frozenset[str]) -> list[Diagnostic]:
    """Findings about the reported files, and parent-chain cycles wherever they are placed."""
    return [d for d in diagnostics if d.file in reported or d.code == codes.REFERENCE_CYCLE.code]


def _organization(documents: dict[str, Document]) -> Organization | None:
    for name in sorted(documents):
        model = documents[name].model
        if isinstance(model, Organization):
            return model
    return None
