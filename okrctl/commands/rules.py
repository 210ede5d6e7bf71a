"""`okrctl rules`: list the rules of good OKRs, or show one rule's documentation and options."""

from __future__ import annotations

import json
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import workspace
from okrctl.checks.documentation import RuleDoc, find, rule_docs
from okrctl.checks.registry import BY_NAME
from okrctl.commands.options import EXIT_OK, config_option
from okrctl.config import did_you_mean
from okrctl.errors import UsageError


def table(docs: list[RuleDoc]) -> str:
    """One line per rule: code, name, configured severity (or `off`), summary."""
    rows = [("CODE", "NAME", "SEVERITY", "SUMMARY")] + [
        (d.code, d.name, d.severity if d.enabled else "off", d.summary) for d in docs
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}\n"
        for row in rows
    )


@click.command()
@click.argument("rule", required=False, metavar="[CODE_OR_NAME]")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_option()
def rules(rule: str | None, fmt: str, config_file: Path | None) -> int:
    """List the rules `okrctl check` applies, with their severity under this repository's
    configuration; with a rule's code or name, print its documentation and options."""
    config = configuration.load(workspace.find_root(Path.cwd()), config_file)
    if rule is None:
        docs = rule_docs(config)
        if fmt == "json":
            click.echo(json.dumps([d.as_dict() for d in docs], indent=2, ensure_ascii=False))
        else:
            click.echo(table(docs), nl=False)
        return EXIT_OK
    doc = find(rule, config)
    if doc is None:
        raise UsageError(
            f"unknown rule {rule!r}{did_you_mean(rule, BY_NAME)}; `okrctl rules` lists the rules"
        )
    if fmt == "json":
        click.echo(json.dumps(doc.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(doc.markdown(), nl=False)
    return EXIT_OK
