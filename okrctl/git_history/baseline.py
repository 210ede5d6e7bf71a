"""The baseline of `okrctl digest`: the OKRs as they were at the end of a day, read from git.

The baseline is the last commit on or before the day (UTC) on the first-parent line of HEAD. A
file the work tree has unchanged since that commit (`git diff` names the others) is taken from the
work tree's cascade, already loaded; the others are read from git and go through the per-file
phases, as `okrctl check` reads a file. Never raises for missing git or history: a note says what
is missing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrctl import gitcmd, index, perfile
from okrctl.index import Cascade
from okrctl.load import MAX_BYTES, SourceMap
from okrctl.model import Objective, Organization
from okrctl.workspace import DEFAULT_DIR


def _is_okr_file(name: str) -> bool:
    """A YAML file under the OKR folder, outside folders whose name starts with a dot (the
    files `okrctl check` reads when it walks the folder)."""
    parts = name.split("/")
    return name.endswith((".yaml", ".yml")) and not any(p.startswith(".") for p in parts[1:-1])


def _unchanged(current: Cascade | None) -> dict[str, tuple[Objective | Organization, SourceMap]]:
    """The documents of the work tree's cascade, by file name."""
    if current is None:
        return {}
    found: dict[str, tuple[Objective | Organization, SourceMap]] = {
        e.file: (e.objective, e.source) for e in current.objectives.values()
    }
    if current.organization is not None and current.org_file is not None:
        found[current.org_file] = (current.organization, current.org_source)
    return found


def _cascade_of(top: Path, prefix: str, commit: str, current: Cascade | None) -> Cascade:
    """The cascade of the OKR files of `commit`. A file the work tree has unchanged (`git diff`
    from the commit) is taken from `current`, the work tree's cascade; the others are read from
    git and go through the per-file phases, as `okrctl check` reads a file."""
    folder = f"{prefix}/{DEFAULT_DIR}" if prefix else DEFAULT_DIR
    strip = len(prefix) + 1 if prefix else 0
    entries = [
        e
        for e in gitcmd.list_tree(top, commit, folder)
        if e.size <= MAX_BYTES and _is_okr_file(e.path[strip:])
    ]
    unchanged = _unchanged(current)
    if unchanged:
        for change in gitcmd.changed_paths(top, commit, None, folder):
            for path in (change.old, change.new):
                unchanged.pop((path or "")[strip:], None)
    read = [e for e in entries if e.path[strip:] not in unchanged]
    with gitcmd.BlobReader(top) as reader:
        contents = reader.read(e.blob for e in read)
    organizations: list[tuple[Organization, str, SourceMap]] = []
    objectives: list[tuple[Objective, str, SourceMap]] = []
    with perfile.paused_gc():
        for entry in entries:
            name = entry.path[strip:]
            model: Objective | Organization | None
            if name in unchanged:
                model, source = unchanged[name]
            else:
                loaded = perfile.examine(contents[entry.blob], name)
                model, source = loaded.model, loaded.positions
            if isinstance(model, Organization):
                organizations.append((model, name, source))
            elif isinstance(model, Objective):
                objectives.append((model, name, source))
    return index.build(organizations, objectives)


def _end_of_day(day: dt.date) -> str:
    return f"{day.isoformat()}T23:59:59+00:00"


def read_baseline(
    root: Path, since: dt.date, current: Cascade | None = None
) -> tuple[Cascade | None, str | None, str | None]:
    """The cascade at the end of `since`, its commit, and a note when it cannot be read.
    `current` (the work tree's cascade, when the caller has it) saves reading again the files
    that did not change since.

    (Empty cascade, None, None) when the repository has no commit on or before `since`; (None,
    None, note) without git or when a shallow clone lacks that history.
    """
    try:
        top = gitcmd.toplevel(root)
        if gitcmd.resolve(top, "HEAD") is None:
            return Cascade(), None, None
        found = gitcmd.run(
            top, ["rev-list", "-1", "--first-parent", f"--before={_end_of_day(since)}", "HEAD"]
        )
        commit = found.stdout.decode("ascii").strip() or None
        if commit is None:
            if gitcmd.is_shallow(top):
                return None, None, (
                    f"this clone is shallow and lacks the history of {since}; in CI, give "
                    "actions/checkout `fetch-depth: 0`"
                )  # fmt: skip
            return Cascade(), None, None
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        return _cascade_of(top, "" if prefix == "." else prefix, commit, current), commit, None
    except gitcmd.GitError as exc:
        return None, None, f"no history to compare with: {exc}"
