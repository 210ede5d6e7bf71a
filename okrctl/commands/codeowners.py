"""`okrctl codeowners`: write `.github/CODEOWNERS` from the organisation file, or check it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from okrctl import codeowners as owners
from okrctl import engine, workspace
from okrctl.commands.options import EXIT_FINDINGS, EXIT_OK, write_report
from okrctl.console import echo
from okrctl.diagnostics import Diagnostic
from okrctl.errors import UsageError
from okrctl.load import discover, load_bytes, read_source
from okrctl.model import Organization
from okrctl.transaction import Write, commit
from okrctl.validate import validate


def find_organization(root: Path) -> tuple[Organization | None, str, list[Diagnostic]]:
    """The organisation file under `okrs/`: its model (None when it does not validate), its
    name and its problems. Only files that mention `Organization` are parsed."""
    folder = root / workspace.DEFAULT_DIR
    sources, _ = discover(root, [folder]) if folder.is_dir() else ([], [])
    for source in sources:
        data, refused = read_source(source)
        if refused is not None or data is None or b"Organization" not in data:
            continue
        parsed = load_bytes(data, source.rel)
        if parsed.data is None or parsed.data.get("kind") != "Organization":
            continue
        model, problems = validate(parsed)
        if isinstance(model, Organization):
            return model, source.rel, []
        return None, source.rel, [*parsed.diagnostics, *problems]
    raise UsageError(
        f"no organisation file (kind: Organization) in {folder}: CODEOWNERS is generated from "
        "its units' leads"
    )


@click.command("codeowners")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help=f"Fail (exit 1) if {owners.PATH} is out of date; write nothing.",
)
def codeowners(check_only: bool) -> int:
    """Write .github/CODEOWNERS from the organisation file: each unit's lead owns the unit's OKR
    files, so GitHub asks them to review changes to them. An objective owned by another unit or
    shared with `contributors` is also reviewed by those units' leads.

    Exit code 0 when written or up to date, 1 when out of date (--check), when nobody has a
    `github` name (--check), or when the organisation file does not validate.
    """
    root = workspace.find_root(Path.cwd())
    org, org_file, problems = find_organization(root)
    if org is None:
        write_report(problems, 1, None, sys.stderr)
        echo(f"{org_file}: fix the organisation file first; CODEOWNERS is made from it")
        return EXIT_FINDINGS
    target = root / owners.PATH
    checked = engine.check_repository(root)
    objectives = [(e.file, e.objective) for e in checked.cascade.iter_objectives()]
    wanted = owners.render(org, org_file, objectives)
    if owners.nobody(owners.rules(org, org_file, objectives)):
        echo(
            f"note: nobody in {org_file} has a `github` name, so {owners.PATH} names no "
            "reviewer: add `github:` to the people who lead units",
            err=True,
        )
        if check_only:
            return EXIT_FINDINGS
    try:
        raw: bytes | None = target.read_bytes()
    except FileNotFoundError:
        raw = None
    current = raw.decode("utf-8", "replace") if raw is not None else None
    if check_only:
        if current != wanted:
            echo(
                f"{owners.PATH}: out of date with {org_file}; run `okrctl codeowners` and commit "
                "the result"
            )
            return EXIT_FINDINGS
        echo(f"{owners.PATH}: up to date")
        return EXIT_OK
    if current == wanted:
        echo(f"{owners.PATH}: already up to date")
        return EXIT_OK
    commit(root, [Write(owners.PATH, wanted.encode("utf-8"), raw)])
    echo(f"wrote {owners.PATH}")
    return EXIT_OK
