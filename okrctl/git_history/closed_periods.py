"""Edits to closed periods: files of a period that changed after the commit that closed it.

A period is closed by the commit that set `closed: true` on it in the organisation file (and
kept it set ever since, on the first-parent line of HEAD). Any difference between that commit
and the work tree in the files of the period's objectives (or under `okrs/<period>/`) is an edit
to history, reported as `OKR820` at the file.

No hashes are stored in the files: git already knows what the files looked like when the period
closed. A period closed in the work tree but not committed yet is not checked (the closing
commit is being made); neither is anything outside a git repository.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from okrctl import codes, gitcmd
from okrctl.diagnostics import Diagnostic, Severity
from okrctl.index import Cascade
from okrctl.load import load_bytes
from okrctl.model import Organization
from okrctl.validate import validate

CLOSED_EDIT = codes.CLOSED_PERIOD_EDITED.code
"""A file of a closed period changed after the period was closed."""

_WHAT = {"A": "added", "D": "deleted", "M": "changed", "R": "renamed", "C": "copied"}


def _closing_commits(top: Path, org_path: str, periods: set[str]) -> dict[str, str]:
    """Period id -> the commit that closed it (and after which it stayed closed)."""
    log = gitcmd.run(top, ["log", "--first-parent", "--format=%H", "HEAD", "--", org_path])
    commits = log.stdout.decode("ascii").split()
    closing: dict[str, str] = {}
    still_closed = set(periods)
    with gitcmd.BlobReader(top) as reader:
        for commit in commits:  # newest first
            if not still_closed:
                break
            entries = gitcmd.list_tree(top, commit, org_path)
            if not entries:
                break
            data = reader.read([entries[0].blob])[entries[0].blob]
            model, _ = validate(load_bytes(data, org_path))
            closed_here = (
                {p.id for p in model.periods if p.closed}
                if isinstance(model, Organization)
                else set()
            )
            for period in list(still_closed):
                if period in closed_here:
                    closing[period] = commit
                else:
                    still_closed.discard(period)
    return closing


def closed_edits(root: Path, cascade: Cascade, folder: str = "okrs") -> list[Diagnostic]:
    """`OKR820` for each file of a closed period that differs from when the period closed."""
    closed = {p.id for p in cascade.periods.values() if p.closed}
    if not closed or cascade.org_file is None:
        return []
    try:
        top = gitcmd.toplevel(root)
        if gitcmd.resolve(top, "HEAD") is None:
            return []
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        prefix = "" if prefix == "." else prefix

        def in_git(file: str) -> str:
            return (PurePosixPath(prefix) / file).as_posix() if prefix else file

        closing = _closing_commits(top, in_git(cascade.org_file), closed)
        found: list[Diagnostic] = []
        for period, commit in sorted(closing.items()):
            files = {
                in_git(e.file): e.file
                for e in cascade.objectives.values()
                if e.objective.period == period
            }
            under = in_git(f"{folder}/{period}/")
            for change in gitcmd.changed_paths(top, commit, None, in_git(folder)):
                path = change.new or change.old or ""
                if path not in files and not path.startswith(under):
                    continue
                file = files.get(path) or (path[len(prefix) + 1 :] if prefix else path)
                message = (
                    f"{_WHAT.get(change.status, 'changed')} after period {period} was closed "
                    f"(commit {commit[:12]}); a closed period is history: revert the edit, or "
                    "reopen the period in the organisation file"
                )
                if file in cascade.sources:
                    found.append(
                        cascade.at(file, ("period",), CLOSED_EDIT, message, Severity.WARNING)
                    )
                else:
                    found.append(Diagnostic(file, 1, 1, CLOSED_EDIT, Severity.WARNING, message))
        return found
    except (gitcmd.GitError, ValueError):
        return []
