"""`okrctl explain`: what a diagnostic code means, why it matters and how to fix it."""

from __future__ import annotations

import click

from okrctl.commands.options import EXIT_OK
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.explain import render
from okrctl.explain.entries import Explained, closest, everything, find

FORMATS = ("text", "json", "markdown")


def _one(code: str, fmt: str) -> str:
    entry = find(code)
    if entry is None:
        near = closest(code)
        hint = f" (did you mean {near!r}?)" if near else ""
        raise UsageError(f"unknown code {code!r}{hint}; `okrctl explain --list` lists every code")
    if fmt == "json":
        return render.as_json(render.as_dict(entry))
    if fmt == "markdown":
        return render.markdown(entry)
    return render.text(entry)


def _listed(entries: list[Explained], fmt: str) -> str:
    if fmt == "json":
        return render.as_json([render.summary_dict(e) for e in entries])
    if fmt == "markdown":
        return render.table_markdown(entries)
    return render.table_text(entries)


def _all(entries: list[Explained], fmt: str) -> str:
    if fmt == "json":
        return render.as_json([render.as_dict(e) for e in entries])
    if fmt == "markdown":
        return render.page(entries)
    return "\n".join(render.text(e) for e in entries)


@click.command()
@click.argument("code", required=False, metavar="[CODE_OR_NAME]")
@click.option("--list", "listing", is_flag=True, help="List every code with its summary.")
@click.option("--all", "every", is_flag=True, help="Explain every code.")
@click.option(
    "--phase",
    "phases",
    multiple=True,
    type=click.Choice(sorted({str(e.phase) for e in everything()})),
    help="With --list or --all: only the codes of this phase (repeatable).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def explain(code: str | None, listing: bool, every: bool, phases: tuple[str, ...], fmt: str) -> int:
    """Explain a diagnostic code (`OKR101`) or name (`duplicate-key`): what it means, why it
    matters, how to fix it, with a failing and a passing example."""
    if (code is not None) + listing + every != 1:
        raise UsageError("give one code or name, --list or --all")
    if code is not None:
        if phases:
            raise UsageError("--phase goes with --list or --all")
        output = _one(code, fmt)
    else:
        entries = [e for e in everything() if not phases or str(e.phase) in phases]
        output = _listed(entries, fmt) if listing else _all(entries, fmt)
    echo(output, nl=False, newlines=True)
    return EXIT_OK
