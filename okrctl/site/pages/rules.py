"""The rules of good OKRs: an index of every rule and one page per rule.

A rule's documentation (its module's docstring, with a failing and a passing example) is written
by okrctl's developers, so it goes through Markdown (above the page's marker). What comes from
the organisation's `okrctl.yaml` (the configured option values) is rendered as escaped HTML in
the page's body, which never passes through Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any

from okrctl.checks.documentation import RuleDoc
from okrctl.site.templates import Links, Page, Planned, renderer
from okrctl.site.view import SiteView

INDEX = "rules/index.md"
SEVERITIES = frozenset({"error", "warning", "info"})
FENCE = "```"


def rule_page(code: str) -> str:
    return f"rules/{code}.md"


def shown(value: Any) -> str:
    """An option's value as the configuration file would spell it (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def indented_code(markdown: str) -> str:
    """Fenced code blocks as indented ones: plain Markdown reads them whichever extensions the
    organisation's site/mkdocs.yml enables (fences need one)."""
    lines: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if line.startswith(FENCE):
            fenced = not fenced
            lines.append("")
            continue
        lines.append(f"    {line}" if fenced and line else line)
    return "\n".join(lines)


def _markdown(rule: RuleDoc) -> str:
    # Severities are one of three words (the configuration refuses others): safe in Markdown.
    assert rule.severity in SEVERITIES and rule.default_severity in SEVERITIES
    state = "on" if rule.enabled else "off in this repository"
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"**Severity: {rule.severity}** (default: {rule.default_severity}), {state}.\n\n"
        f"{indented_code(rule.doc)}\n"
    )


def _index(view: SiteView) -> Page:
    body = renderer("pages/rules.html.j2")(view=view, links=Links(view, INDEX), rule_page=rule_page)
    return Page(INDEX, "Rules", str(body), search=False)


def _rule(view: SiteView, rule: RuleDoc) -> Page:
    path = rule_page(rule.code)
    body = renderer("pages/rule_options.html.j2")(rule=rule, links=Links(view, path), shown=shown)
    return Page(path, f"{rule.code} {rule.name}", str(body), markdown=_markdown(rule))


def plan(view: SiteView) -> Iterator[Planned]:
    yield Planned(INDEX, partial(_index, view))
    for rule in view.rules:
        yield Planned(rule_page(rule.code), partial(_rule, view, rule))
