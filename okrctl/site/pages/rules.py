"""The rules of good OKRs: an index of every rule and one page per rule.

A rule's documentation (its module's docstring, with a failing and a passing example) is written
by okrctl's developers, so it goes through Markdown (above the page's marker). What comes from
the organisation's `okrctl.yaml` (the configured option values) is rendered as escaped HTML in
the page's body, which never passes through Markdown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup, escape

from okrctl.checks.documentation import RuleDoc
from okrctl.site.templates import Links, Page, renderer
from okrctl.site.view import SiteView

INDEX = "rules/index.md"
SEVERITIES = frozenset({"error", "warning", "info"})
FENCE = "```"
CODE_SPAN = re.compile(r"`([^`]+)`")


def rule_page(code: str) -> str:
    return f"rules/{code}.md"


def shown(value: Any) -> str:
    """An option's value as the configuration file would spell it (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def code_spans(text: str) -> Markup:
    """A line of okrctl's own prose (a summary, an option's description) as escaped HTML, its
    `backticked` words as code."""
    parts = CODE_SPAN.split(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if odd else escape(part)
        for odd, part in ((i % 2 == 1, part) for i, part in enumerate(parts))
    )


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


def pages(view: SiteView) -> Iterator[Page]:
    index = renderer("pages/rules.html.j2")
    options = renderer("pages/rule_options.html.j2")
    yield Page(
        INDEX,
        "Rules",
        str(index(view=view, links=Links(view, INDEX), rule_page=rule_page, prose=code_spans)),
        search=False,
    )
    for rule in view.rules:
        path = rule_page(rule.code)
        body = options(rule=rule, links=Links(view, path), shown=shown, prose=code_spans)
        yield Page(path, f"{rule.code} {rule.name}", str(body), markdown=_markdown(rule))
