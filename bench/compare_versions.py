"""Differential test of two okrctl versions: run the same commands on the same repositories with
both and report every difference in exit code, standard output, standard error and written files.

    python bench/compare_versions.py OLD_OKRCTL NEW_OKRCTL WORK [--only NAME,...] [--quick]
        [--normalise] [--jobs N] [--diff-only] [--no-global]

OLD_OKRCTL and NEW_OKRCTL are okrctl executables (e.g. two worktrees' `.venv/bin/okrctl`).
Repositories: the example organisation (okrs/, okrctl.yaml, site/ at the repository root), every
whole repository under tests/ (tests/site/repos/*, tests/lifecycle/fixtures/*, tests/gitops/fixture,
tests/cases/*, tests/checks/cases/*/*), mutated copies of tests/cases/* (a line deleted, a key
duplicated, an id changed), and from WORK: synthetic organisations in WORK/synth/* (made with
bench/synth.py), more whole repositories in WORK/extra/* (all commands), small repositories in
WORK/variants*/* (check, export, rules; a build when the folder's name ends in `site`), and
spreadsheets in WORK/tables/* for `import table --dry-run`. Each version runs in a
fresh copy at the same path, so absolute paths in the output agree; a change in the written files
is shown as a unified diff. Commands: check in every format (with and without GITHUB_ACTIONS, cache
cold and warm), export json/csv, rules, schema, codeowners, grade/close dry runs and real runs,
checkin, new objective, sync --dry-run, build (the two sites compared file by file), diff between
two commits in every format, import markdown/table --dry-run on tests/adopt/corpus, and --help of
every command. Known, intended differences can be filtered with `--normalise` (drops the CSV
export's direction/description/links columns and the JSON export's `description` fields).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import faulthandler
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
REAL_WORLD_TODAY = {
    "deprioritised-work": "2026-04-20",
    "unknown-baselines-status-notes": "2026-05-20",
    "late-checkins-within-grace": "2027-01-09",
}
BUILT_CASES = {"handbook-rollup-cascade", "ok-minimal", "deprioritised-work"}
"""With --quick, the cases under tests/cases whose site is still built."""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Harness",
    "GIT_AUTHOR_EMAIL": "h@example.com",
    "GIT_COMMITTER_NAME": "Harness",
    "GIT_COMMITTER_EMAIL": "h@example.com",
    "GIT_AUTHOR_DATE": "2026-11-20T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass(frozen=True)
class Repo:
    """One repository to run the commands on: its name, how to lay it out, its day."""

    name: str
    sources: tuple[tuple[Path, str], ...]
    today: str
    build: bool = True
    lifecycle: bool = True
    diff: bool = False
    shared_org: Path | None = None
    mutate: tuple[str, int] | None = None
    light: bool = False
    medium: bool = False


@dataclass
class Result:
    """What one command did: exit code, outputs, and the files it changed."""

    rc: int
    out: bytes
    err: bytes
    files: dict[str, bytes] = field(default_factory=dict)


def _env(cache: Path, github: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "OKRCTL_", "CI"))}
    env.update(GIT_ENV)
    env.update({"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "100"})
    env["OKRCTL_CACHE_DIR"] = str(cache)
    env["HOME"] = str(cache.parent / "home")
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return env


def _snapshot(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == ".git" or rel.startswith(".git/") or not path.is_file():
            continue
        files[rel] = path.read_bytes()
    return files


def _changes(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes]:
    """The files a command added or changed (deleted ones map to b'<deleted>')."""
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    changed.update({k: b"<deleted>" for k in before if k not in after})
    return changed


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _lay_out(repo: Repo, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for source, dest in repo.sources:
        target = root / dest
        if source.is_dir():
            shutil.copytree(
                source, target, ignore=shutil.ignore_patterns("expected.yaml"), dirs_exist_ok=True
            )
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if repo.shared_org and not (root / "okrs" / "org.yaml").exists():
        shutil.copyfile(repo.shared_org, root / "okrs" / "org.yaml")
    if repo.mutate:
        _mutate(root, *repo.mutate)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--allow-empty", "-m", "base")


def _objective_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "okrs").rglob("*.yaml") if p.name != "org.yaml")


def _mutate(root: Path, kind: str, seed: int) -> None:
    """Break one file of a case: delete a line, duplicate a key, or change an id."""
    files = _objective_files(root) or [root / "okrs" / "org.yaml"]
    path = files[seed % len(files)]
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    if not lines:
        return
    if kind == "delete-line":
        del lines[(seed * 7) % len(lines)]
    elif kind == "duplicate-key":
        keyed = [i for i, line in enumerate(lines) if re.match(r"\s*[a-z_]+:", line)]
        if keyed:
            i = keyed[(seed * 3) % len(keyed)]
            lines.insert(i + 1, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    elif kind == "change-id":
        for i, line in enumerate(lines):
            if re.match(r"\s*(- )?id: ", line):
                lines[i] = re.sub(r"id: .*", "id: renamed-by-harness", line)
                seed -= 1
                if seed < 0:
                    break
    path.write_text("".join(lines), encoding="utf-8")


def _first_kr(root: Path) -> tuple[str, str, str, str] | None:
    """(objective, key result, unit, period) of the first valid objective with a key result."""
    for path in _objective_files(root):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except Exception:
            continue
        if isinstance(doc, dict) and doc.get("key_results"):
            kr = doc["key_results"][0]
            if isinstance(kr, dict) and "id" in kr:
                return str(doc["id"]), str(kr["id"]), str(doc.get("unit")), str(doc.get("period"))
    return None


def _periods(root: Path) -> list[str]:
    try:
        org = yaml.safe_load((root / "okrs" / "org.yaml").read_text(encoding="utf-8"))
        return [str(p["id"]) for p in org.get("periods", []) if isinstance(p, dict) and "id" in p]
    except Exception:
        return []


def _commands(repo: Repo, root: Path) -> list[tuple[str, list[str], dict[str, Any]]]:
    """The commands run on one repository: (label, argv, options)."""
    t = repo.today
    cmds: list[tuple[str, list[str], dict[str, Any]]] = []
    if repo.light:
        for fmt in ("text", "json", "github"):
            cmds.append(
                (f"check-{fmt}", ["check", "--no-cache", "--format", fmt, "--today", t], {})
            )
        cmds.append(("check-default-gha", ["check", "--no-cache", "--today", t], {"github": True}))
        cmds.append(("export-json", ["export", "--today", t], {}))
        if (root / "okrctl.yaml").exists() or (root / "pyproject.toml").exists():
            cmds.append(("rules", ["rules"], {}))
        if repo.build:
            cmds.append(("build", ["build", "--today", t, "--out", "site-out"], {}))
            cmds.append(("build-strict", ["build", "--strict", "--today", t, "--out", "s2"], {}))
        return cmds
    if repo.medium:
        return _medium_commands(repo, root)
    for fmt in ("text", "json", "github"):
        cmds.append((f"check-{fmt}", ["check", "--no-cache", "--format", fmt, "--today", t], {}))
    cmds.append(("check-default", ["check", "--no-cache", "--today", t], {}))
    cmds.append(("check-default-gha", ["check", "--no-cache", "--today", t], {"github": True}))
    cmds.append(("check-info", ["check", "--no-cache", "--fail-level", "info", "--today", t], {}))
    cmds.append(
        (
            "check-warn-json",
            ["check", "--no-cache", "--fail-level", "warning", "--format", "json", "--today", t],
            {},
        )
    )
    cmds.append(("check-cold", ["check", "--format", "json", "--today", t], {}))
    cmds.append(("check-warm", ["check", "--format", "json", "--today", t], {}))
    cmds.append(("check-jobs2", ["check", "--no-cache", "--jobs", "2", "--today", t], {}))
    periods = _periods(root)
    for p in periods[:3]:
        if (root / "okrs" / p).is_dir():
            cmds.append((f"check-path-{p}", ["check", "--no-cache", f"okrs/{p}", "--today", t], {}))
    for fmt in ("json", "csv"):
        cmds.append((f"export-{fmt}", ["export", "--format", fmt, "--today", t], {}))
        for p in periods[:2]:
            cmds.append(
                (f"export-{fmt}-{p}", ["export", "--format", fmt, "--period", p, "--today", t], {})
            )
    cmds.append(("rules", ["rules"], {}))
    cmds.append(("rules-json", ["rules", "--format", "json"], {}))
    cmds.append(("codeowners-check", ["codeowners", "--check"], {}))
    cmds.append(("sync-dry", ["sync", "--dry-run", "--date", t], {}))
    cmds.append(
        (
            "sync-dry-run-commands",
            ["sync", "--dry-run", "--run-commands", "--format", "json", "--date", t],
            {},
        )
    )
    cmds.append(("sync-dry-gha", ["sync", "--dry-run", "--date", t], {"github": True}))
    if repo.lifecycle:
        for p in periods:
            cmds.append((f"grade-dry-{p}", ["grade", p, "--dry-run"], {}))
            cmds.append((f"close-dry-{p}", ["close", p, "--dry-run"], {}))
            cmds.append((f"close-carry-dry-{p}", ["close", p, "--carry", "--dry-run"], {}))
    if repo.build:
        cmds.append(("build", ["build", "--today", t, "--out", "site-out"], {}))
    if repo.lifecycle:
        kr = _first_kr(root)
        if kr:
            obj, key, unit, period = kr
            cmds.append(
                (
                    "checkin",
                    [
                        "checkin",
                        obj,
                        key,
                        "3",
                        "--date",
                        t,
                        "--note",
                        "harness",
                        "--confidence",
                        "0.5",
                    ],
                    {},
                )
            )
            cmds.append(("checkin-note", ["checkin", obj, key, "--date", t, "--note", "n"], {}))
            cmds.append(("checkin-bad", ["checkin", obj, "no-such-kr", "1", "--date", t], {}))
            cmds.append(
                (
                    "new",
                    [
                        "new",
                        "objective",
                        "--unit",
                        unit,
                        "--period",
                        period,
                        "--title",
                        "Harness makes customers happier",
                        "--date",
                        t,
                        "--kr",
                        "Ship the harness",
                        "--kr",
                        "Revenue grows; EUR; 100; 150",
                    ],
                    {},
                )
            )
            cmds.append(
                (
                    "new-bad",
                    ["new", "objective", "--unit", "nope", "--period", period, "--title", "X y z"],
                    {},
                )
            )
        cmds.append(("sync", ["sync", "--date", t], {}))
        cmds.append(("sync-again", ["sync", "--date", t], {}))
        cmds.append(("codeowners", ["codeowners"], {}))
        cmds.append(("schema-out", ["schema", "--out", "schema-out"], {}))
        for p in periods:
            cmds.append((f"grade-{p}", ["grade", p], {}))
        for p in periods:
            cmds.append((f"close-carry-{p}", ["close", p, "--carry"], {}))
        cmds.append(("check-after", ["check", "--no-cache", "--today", t], {}))
    return cmds


def _medium_commands(repo: Repo, root: Path) -> list[tuple[str, list[str], dict[str, Any]]]:
    """A small repository's commands: check in each format, export, the lifecycle's dry runs
    and a check-in and a new objective."""
    t = repo.today
    cmds: list[tuple[str, list[str], dict[str, Any]]] = []
    for fmt in ("text", "json", "github"):
        cmds.append((f"check-{fmt}", ["check", "--no-cache", "--format", fmt, "--today", t], {}))
    cmds.append(("check-cold", ["check", "--format", "json", "--today", t], {}))
    cmds.append(("check-warm", ["check", "--format", "json", "--today", t], {}))
    cmds.append(("export-json", ["export", "--today", t], {}))
    cmds.append(("export-csv", ["export", "--format", "csv", "--today", t], {}))
    cmds.append(("codeowners-check", ["codeowners", "--check"], {}))
    periods = _periods(root)
    for p in periods:
        cmds.append((f"grade-dry-{p}", ["grade", p, "--dry-run"], {}))
        cmds.append((f"close-carry-dry-{p}", ["close", p, "--carry", "--dry-run"], {}))
    if repo.build:
        cmds.append(("build", ["build", "--today", t, "--out", "site-out"], {}))
    kr = _first_kr(root)
    if kr:
        obj, key, unit, period = kr
        cmds.append(("checkin", ["checkin", obj, key, "3", "--date", t, "--note", "harness"], {}))
        cmds.append(
            (
                "new",
                [
                    "new",
                    "objective",
                    "--unit",
                    unit,
                    "--period",
                    period,
                    "--title",
                    "Harness makes customers happier",
                    "--date",
                    t,
                    "--kr",
                    "Ship it",
                ],
                {},
            )
        )
    for p in periods[:1]:
        cmds.append((f"grade-{p}", ["grade", p], {}))
        cmds.append((f"close-carry-{p}", ["close", p, "--carry"], {}))
    return cmds


def _run(exe: str, argv: list[str], root: Path, cache: Path, github: bool = False) -> Result:
    proc = subprocess.run(
        [exe, *argv],
        cwd=root,
        env=_env(cache, github),
        capture_output=True,
        timeout=900,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def _diff_commands(repo: Repo, root: Path, exe: str, cache: Path) -> dict[str, Result]:
    """Two commits (titles, targets, a dropped key result, a new, a removed, a renamed objective
    and a broken file) and `okrctl diff` between them in every format and scope."""
    results: dict[str, Result] = {}
    files = _objective_files(root)
    if len(files) < 7:
        return results
    t = repo.today
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(
        re.sub(r"(?m)^title: .*$", "title: A title the harness changed", text, count=1),
        encoding="utf-8",
    )
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        re.sub(r"(?m)^(\s+target: )(\d+)", lambda m: m[1] + str(int(m[2]) + 7), text, count=1),
        encoding="utf-8",
    )
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        re.sub(r"(?m)^(\s+baseline: )(\d+)", lambda m: m[1] + str(int(m[2]) + 1), text, count=1),
        encoding="utf-8",
    )
    lines = files[2].read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = re.match(r"(\s*)- id: ", line)
        if m:
            pad = " " * (len(m[1]) + 2)
            lines[i + 1 : i + 1] = [f"{pad}status: dropped\n", f"{pad}dropped_reason: harness\n"]
            break
    files[2].write_text("".join(lines), encoding="utf-8")
    new = files[3].with_name("harness-new.yaml")
    new.write_text(
        re.sub(r"(?m)^id: .*$", "id: harness-new", files[3].read_text("utf-8")), encoding="utf-8"
    )
    with files[4].open("a", encoding="utf-8") as f:
        f.write("  broken: [unclosed\n")
    files[5].unlink()
    moved = files[6].with_name("harness-renamed.yaml")
    moved.write_text(
        re.sub(r"(?m)^id: .*$", "id: harness-renamed", files[6].read_text("utf-8")),
        encoding="utf-8",
    )
    files[6].unlink()
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "change")
    for fmt in ("text", "json", "markdown"):
        for scope in ("full", "nearby", "auto"):
            results[f"diff-{fmt}-{scope}"] = _run(
                exe,
                ["diff", "HEAD~1", "HEAD", "--format", fmt, "--scope", scope, "--today", t],
                root,
                cache,
            )
        results[f"diff-{fmt}-reverse"] = _run(
            exe, ["diff", "HEAD", "HEAD~1", "--format", fmt, "--today", t], root, cache
        )
    _second_change(root, files[7:])
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "second change")
    for fmt in ("text", "json", "markdown"):
        results[f"diff2-{fmt}"] = _run(
            exe, ["diff", "HEAD~1", "HEAD", "--format", fmt, "--today", t], root, cache
        )
        results[f"diff12-{fmt}"] = _run(
            exe, ["diff", "HEAD~2", "HEAD", "--format", fmt, "--today", t], root, cache
        )
    # A working-tree change on top, and the default base (main's merge base: HEAD itself).
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(
        text.replace("A title the harness changed", "Working tree title"), encoding="utf-8"
    )
    results["diff-worktree"] = _run(exe, ["diff", "HEAD~1", "--today", t], root, cache)
    results["diff-default"] = _run(exe, ["diff", "--today", t], root, cache)
    results["diff-default-gha"] = _run(exe, ["diff", "--today", t], root, cache, github=True)
    results["diff-badrev"] = _run(exe, ["diff", "nope", "HEAD", "--today", t], root, cache)
    return results


def _sub(path: Path, pattern: str, replace: Any) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, replace, text, count=1, flags=re.MULTILINE), "utf-8")


def _second_change(root: Path, files: list[Path]) -> None:
    """The organisation (a unit added, a handle, a period closed and moved) and progress
    (current values, confidence, a done milestone, a description, a key result's unit)."""
    org = root / "okrs" / "org.yaml"
    document = yaml.safe_load(org.read_text(encoding="utf-8"))
    first_unit = document["units"][0]["id"]
    _sub(
        org,
        r"^units:\n",
        f"units:\n  - id: harness-unit\n    name: Harness\n    parent: {first_unit}\n",
    )
    _sub(org, r"^(people:\n  - id: .*\n)", r"\1    github: harness-gh\n")
    _sub(org, r"^(periods:\n  - id: .*\n)", r"\1    closed: true\n")
    _sub(org, r"^(    end: \d{4}-\d\d-)\d\d$", r"\g<1>15")
    for i, path in enumerate(files[:6]):
        if i % 3 == 0:
            _sub(path, r"^(\s+current: )(\d+)", lambda m: m[1] + str(int(m[2]) + 3))
            _sub(path, r"^(\s+confidence: )[0-9.]+", r"\g<1>0.9")
        elif i % 3 == 1:
            _sub(path, r"^(title: .*)$", r"\1\ndescription: Harness description")
            _sub(path, r"^(\s+)unit: .*$", r"\1unit: harness-units")
        else:
            _sub(path, r"^(\s+)done: false", r"\1done: true")
            _sub(path, r"^(\s+)weight: .*$", r"\1weight: 3")
            _sub(path, r"^type: committed", "type: aspirational")


DIFF_ONLY = False
"""Set by --diff-only: run only the `okrctl diff` scenario."""


def run_repo(repo: Repo, exe: str, work: Path) -> dict[str, Result]:
    """Every command on a fresh copy of one repository, in order."""
    root = work / "run" / repo.name
    cache = work / "cache" / repo.name / "c"
    shutil.rmtree(cache.parent, ignore_errors=True)
    cache.mkdir(parents=True)
    (cache.parent / "home").mkdir()
    _lay_out(repo, root)
    results: dict[str, Result] = {}
    for label, argv, opts in [] if DIFF_ONLY else _commands(repo, root):
        before = _snapshot(root)
        result = _run(exe, argv, root, cache, opts.get("github", False))
        result.files = _changes(before, _snapshot(root))
        results[label] = result
    if repo.diff:
        _lay_out(repo, root)
        results.update(_diff_commands(repo, root, exe, cache))
    return results


def global_commands(exe: str, work: Path) -> dict[str, Result]:
    """Commands that need no repository: --help everywhere, rules, schema, import dry runs."""
    root = work / "run" / "global"
    cache = work / "cache" / "global" / "c"
    shutil.rmtree(cache.parent, ignore_errors=True)
    cache.mkdir(parents=True)
    (cache.parent / "home").mkdir()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / ".git").mkdir()
    results: dict[str, Result] = {}
    top = [
        "check",
        "export",
        "build",
        "diff",
        "grade",
        "close",
        "checkin",
        "new",
        "codeowners",
        "schema",
        "import",
        "rules",
        "sync",
        "init",
        "serve",
    ]
    results["help"] = _run(exe, ["--help"], root, cache)
    results["version"] = _run(exe, ["--version"], root, cache)
    results["no-args"] = _run(exe, [], root, cache)
    results["unknown"] = _run(exe, ["nope"], root, cache)
    for c in top:
        results[f"help-{c}"] = _run(exe, [c, "--help"], root, cache)
    for sub in (["new", "objective"], ["import", "markdown"], ["import", "table"]):
        results["help-" + "-".join(sub)] = _run(exe, [*sub, "--help"], root, cache)
    rules = _run(exe, ["rules", "--format", "json"], root, cache)
    results["rules"] = _run(exe, ["rules"], root, cache)
    try:
        document = json.loads(rules.out)
        items = document["rules"] if isinstance(document, dict) else document
        codes = [r["code"] for r in items] + [r["name"] for r in items]
    except Exception:
        codes = []
    for code in codes:
        results[f"rules-{code}"] = _run(exe, ["rules", code], root, cache)
    results["rules-unknown"] = _run(exe, ["rules", "OKR999"], root, cache)
    before = _snapshot(root)
    results["schema"] = _run(exe, ["schema", "--out", "s"], root, cache)
    results["schema"].files = _changes(before, _snapshot(root))
    corpus = REPO / "tests" / "adopt" / "corpus"
    for md in sorted(corpus.glob("*.md")):
        for extra in ([], ["--period", "2026-Q4"]):
            label = f"import-md-{md.stem}{'-p' if extra else ''}"
            results[label] = _run(
                exe,
                [
                    "import",
                    "markdown",
                    str(md),
                    "--dry-run",
                    "--today",
                    TODAY,
                    "--into",
                    "new-repo",
                    *extra,
                ],
                root,
                cache,
            )
    results["import-md-all"] = _run(
        exe,
        [
            "import",
            "markdown",
            *map(str, sorted(corpus.glob("*.md"))),
            "--dry-run",
            "--today",
            TODAY,
            "--into",
            "n",
        ],
        root,
        cache,
    )
    tables = sorted((work / "tables").glob("*.*")) if (work / "tables").is_dir() else []
    for table in tables:
        for preset in ("allyio", "okrctl"):
            label = f"import-table-{table.name}-{preset}"
            results[label] = _run(
                exe,
                [
                    "import",
                    "table",
                    str(table),
                    "--preset",
                    preset,
                    "--dry-run",
                    "--today",
                    TODAY,
                    "--period",
                    "2026-Q4",
                    "--into",
                    "n",
                ],
                root,
                cache,
            )
    for md in sorted(corpus.glob("*.md"))[:3]:
        target = root / f"real-{md.stem}"
        before = _snapshot(root)
        results[f"import-md-real-{md.stem}"] = _run(
            exe,
            ["import", "markdown", str(md), "--today", TODAY, "--into", target.name],
            root,
            cache,
        )
        results[f"import-md-real-{md.stem}"].files = _changes(before, _snapshot(root))
    before = _snapshot(root)
    results["init"] = _run(
        exe,
        [
            "init",
            "initdir",
            "--name",
            "Init Org",
            "--period",
            "2026-Q4",
            "--owner",
            "Ann Smith",
            "--github",
            "ann",
            "--sync",
        ],
        root,
        cache,
    )
    results["init"].files = _changes(before, _snapshot(root))
    return results


def repositories(work: Path, quick: bool) -> list[Repo]:
    tests = REPO / "tests"
    repos: list[Repo] = [
        Repo(
            "example",
            (
                (REPO / "okrs", "okrs"),
                (REPO / "okrctl.yaml", "okrctl.yaml"),
                (REPO / "site", "site"),
                (REPO / "metrics", "metrics"),
            ),
            TODAY,
            diff=True,
        ),
    ]
    for path in sorted((tests / "site" / "repos").iterdir()):
        repos.append(Repo(f"site-{path.name}", ((path, "."),), TODAY, diff=True))
    for path in sorted((tests / "lifecycle" / "fixtures").iterdir()):
        if (path / "okrs").is_dir():
            repos.append(Repo(f"lifecycle-{path.name}", ((path, "."),), TODAY))
    repos.append(Repo("gitops-fixture", ((tests / "gitops" / "fixture", "."),), TODAY, diff=True))
    for path in sorted((tests / "cases").iterdir()):
        if (path / "okrs").is_dir():
            today = REAL_WORLD_TODAY.get(path.name, TODAY)
            build = not quick or path.name in REAL_WORLD_TODAY or path.name in BUILT_CASES
            repos.append(
                Repo(
                    f"case-{path.name}",
                    ((path, "."),),
                    today,
                    build=build,
                    medium=quick and path.name not in REAL_WORLD_TODAY,
                )
            )
            for i, kind in enumerate(("delete-line", "duplicate-key", "change-id")):
                repos.append(
                    Repo(
                        f"mut-{path.name}-{kind}",
                        ((path, "."),),
                        today,
                        build=False,
                        lifecycle=False,
                        mutate=(kind, len(path.name) + i),
                        light=True,
                    )
                )
    shared = tests / "checks" / "cases" / "org.yaml"
    for expected in sorted((tests / "checks" / "cases").glob("*/*/expected.yaml")):
        case = expected.parent
        today = str(yaml.safe_load(expected.read_text(encoding="utf-8"))["today"])
        repos.append(
            Repo(
                f"rule-{case.parent.name}-{case.name}",
                ((case, "."),),
                today,
                build=False,
                lifecycle=False,
                shared_org=shared,
                light=True,
            )
        )
    for extra in sorted((work / "extra").iterdir()) if (work / "extra").is_dir() else []:
        repos.append(Repo(f"extra-{extra.name}", ((extra, "."),), TODAY, build=False, diff=True))
    for folder in sorted(work.glob("variants*")):
        for extra in sorted(folder.iterdir()):
            repos.append(
                Repo(
                    f"{folder.name}-{extra.name}",
                    ((extra, "."),),
                    TODAY,
                    lifecycle=False,
                    light=True,
                    build=folder.name.endswith("site"),
                )
            )
    for synth in sorted((work / "synth").iterdir()) if (work / "synth").is_dir() else []:
        repos.append(Repo(f"synth-{synth.name}", ((synth, "."),), TODAY, diff=True))
    return repos


TIMING = re.compile(rb" in \d+\.\d+ s\b")
CRASH_LOG = re.compile(rb"okrctl-crash-[^ /]+\.log")
"""The random name of an internal error's log file."""


def _normalise(label: str, data: bytes) -> bytes:
    """Remove the intended changes: the CSV export's new columns, the JSON export's descriptions."""
    if label.startswith("export-csv") and data:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        header = rows[0]
        drop = {i for i, name in enumerate(header) if name in ("direction", "description", "links")}
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n" if b"\r\n" in data else "\n")
        for row in rows:
            writer.writerow([c for i, c in enumerate(row) if i not in drop])
        return out.getvalue().encode("utf-8")
    if label.startswith("export-json") and data:

        def strip(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: strip(v) for k, v in node.items() if k != "description"}
            if isinstance(node, list):
                return [strip(v) for v in node]
            return node

        return json.dumps(strip(json.loads(data)), indent=2).encode("utf-8")
    return data


def _show(a: bytes, b: bytes, name: str, limit: int) -> str:
    lines = list(
        difflib.unified_diff(
            a.decode("utf-8", "replace").splitlines(),
            b.decode("utf-8", "replace").splitlines(),
            f"old/{name}",
            f"new/{name}",
            lineterm="",
            n=1,
        )
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... {len(lines) - limit} more lines"]
    return "\n".join(lines)


def compare(
    old: dict[str, Result], new: dict[str, Result], normalise: bool, limit: int
) -> list[str]:
    """Every difference between two runs of the same commands, as readable text."""
    report: list[str] = []
    for label in sorted(set(old) | set(new)):
        a, b = old.get(label), new.get(label)
        if a is None or b is None:
            report.append(f"[{label}] only in {'new' if a is None else 'old'}")
            continue
        parts = []
        if a.rc != b.rc:
            parts.append(f"exit {a.rc} -> {b.rc}")
        for stream, x, y in (("stdout", a.out, b.out), ("stderr", a.err, b.err)):
            x, y = (CRASH_LOG.sub(b"okrctl-crash-X.log", TIMING.sub(b" in T s", z)) for z in (x, y))
            if normalise:
                # output that is not the export's usual one is compared as it is
                with contextlib.suppress(ValueError, IndexError, UnicodeDecodeError):
                    x, y = _normalise(label, x), _normalise(label, y)
            if x != y:
                parts.append(f"{stream} differs:\n{_show(x, y, stream, limit)}")
        for name in sorted(set(a.files) | set(b.files)):
            x, y = a.files.get(name, b"<untouched>"), b.files.get(name, b"<untouched>")
            if x != y:
                parts.append(f"file {name} differs:\n{_show(x, y, name, limit)}")
        if parts:
            report.append(f"[{label}] " + "\n".join(parts))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("work", type=Path, help="scratch folder; synthetic repos in WORK/synth")
    parser.add_argument(
        "--only", help="only repositories whose name contains one of these (comma-separated)"
    )
    parser.add_argument("--quick", action="store_true", help="no site builds for tests/cases")
    parser.add_argument("--normalise", action="store_true", help="hide the intended changes")
    parser.add_argument("--limit", type=int, default=60, help="lines of diff shown per output")
    parser.add_argument("--jobs", type=int, default=2, help="repositories run at once")
    parser.add_argument("--diff-only", action="store_true", help="only the diff scenario")
    parser.add_argument("--no-global", action="store_true", help="skip --help, rules, import")
    args = parser.parse_args(argv)
    global DIFF_ONLY
    DIFF_ONLY = args.diff_only
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    work = args.work.resolve()
    try:
        args.old, args.new = _executable(args.old), _executable(args.new)
    except FileNotFoundError as error:
        parser.error(str(error))
    differing = 0
    failed = 0
    total = 0
    jobs: list[tuple[str, Any]] = []
    if not args.no_global and not args.only:
        jobs.append(("global", lambda exe: global_commands(exe, work)))
    for repo in sorted(
        repositories(work, args.quick), key=lambda r: not r.name.startswith("synth")
    ):
        if args.only and not any(part in repo.name for part in args.only.split(",")):
            continue
        jobs.append((repo.name, lambda exe, repo=repo: run_repo(repo, exe, work)))

    def both(job: Any) -> tuple[dict[str, Result], dict[str, Result]]:
        return job(args.old), job(args.new)

    with ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(both, job): name for name, job in jobs}
        for future in as_completed(futures):
            name = futures[future]
            try:
                old, new = future.result()
            except Exception as error:
                print(f"=== {name}: harness error {error!r}", flush=True)
                failed += 1
                continue
            total += len(old)
            try:
                report = compare(old, new, args.normalise, args.limit)
            except Exception as error:
                report = [f"harness error comparing: {error!r}"]
            status = "SAME" if not report else f"{len(report)} DIFFERENCES"
            print(f"=== {name}: {len(old)} commands, {status}", flush=True)
            for entry in report:
                print(entry, flush=True)
            differing += len(report)
    print(
        f"### {len(jobs)} repositories, {total} commands per version, {differing} differences"
        + (f", {failed} harness errors" if failed else "")
    )
    return 2 if failed else 1 if differing else 0


def _executable(name: str) -> str:
    """An okrctl executable as an absolute path: each version runs in its own copy of a
    repository, so a path relative to here would not be found there."""
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"no okrctl executable at {name!r}")
    return str(Path(found).resolve())


if __name__ == "__main__":
    sys.exit(main())
