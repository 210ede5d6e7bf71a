"""Which markers a Markdown page uses, and the reading chosen from them.

Before anything is assigned, the whole tree is surveyed: labels ("Objective:", "Key results:",
`KR:`), bold items or paragraphs, `Holder:` prefixes on most lines, task boxes, headings over
lists, lists that nest, paragraphs followed by lists. The reading says what an objective is on
this page (a labelled block, a bold block, a heading of one level, a top-level list item, or a
paragraph followed by a list), what a key result is, where owners come from, and whether the
page reports results; `describe` says it in the report's first line. `--objectives`,
`--key-results` and `--owners` override what was detected.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from okrctl.adopt.labels import Label, is_label_alone, lead_in, read_label
from okrctl.adopt.mdtree import Node, is_note
from okrctl.adopt.periods import period_label
from okrctl.adopt.results import bracket_score, split
from okrctl.adopt.text import read_title

OBJECTIVE_MARKERS = ("labels", "bold", "headings", "list", "paragraphs")
KEY_RESULT_MARKERS = ("labels", "items", "boxes", "tables")
OWNER_MARKERS = ("holders", "handles", "labels", "none")
_HOLDER = re.compile(r"^[A-Z@][\w'&.\-/]*(?:\s+[\w'&.\-/]+){0,4}(?:\s*\([^()]{1,60}\))?\s*:\s*\S")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9][\w.\-]{0,38}")


@dataclass(frozen=True)
class Reading:
    """How a page is read."""

    objectives: str = "list"
    """`labels`, `bold`, `headings`, `list` or `paragraphs`."""
    level: int | None = None
    """For `headings`: the level of objective headings."""
    key_results: str = "items"
    """`labels`, `items`, `boxes` or `tables`: how the page marks key results."""
    holders: bool = False
    """Lines start with who holds them (`CEO: ...`, `Platform: ...`)."""
    owners: str = "none"
    """Where owners come from: `holders`, `handles`, `labels` or `none`."""
    results: bool = False
    """The page states results (`=> Done`, `DONE`, scores)."""
    labelled_items: bool = False
    """List items carry objective labels: only a label makes an item an objective."""
    bracketed: bool = False
    """Scores are written in brackets at the end of lines ("(0.45)"): "(1)" and "(0)" too."""

    def describe(self) -> str:
        objectives = {
            "labels": "blocks labelled 'Objective' (and blocks that nest under them)",
            "bold": "bold items and paragraphs",
            "headings": f"level-{self.level} headings",
            "list": "top-level list items",
            "paragraphs": "paragraphs followed by a list",
        }[self.objectives]
        key_results = {
            "labels": "items labelled 'KR' or 'Key result'",
            "items": "the items under an objective",
            "boxes": "task boxes",
            "tables": "table rows",
        }[self.key_results]
        owners = {
            "holders": "the 'Holder:' prefix (roles and people own; teams are units)",
            "handles": "@handles",
            "labels": "'Owner:' labels",
            "none": "none named",
        }[self.owners]
        holders = "; lines start with who holds them" if self.holders else ""
        results = "; results are read (scores, done, dropped, moved)" if self.results else ""
        return (
            f"objectives: {objectives}; key results: {key_results}; owners: {owners}"
            f"{holders}{results}"
        )


@dataclass
class _Survey:
    objective_labels: int = 0
    item_labels: int = 0
    kr_labels: int = 0
    bold: int = 0
    boxes: int = 0
    holders: int = 0
    handles: int = 0
    owner_labels: int = 0
    lines: int = 0
    results: int = 0
    bracketed: int = 0
    kr_tables: int = 0
    paragraph_lists: int = 0
    heading_items: Counter[int] = field(default_factory=Counter)
    heading_nested: Counter[int] = field(default_factory=Counter)
    top_items: int = 0
    top_nested: int = 0


def over_key_results(node: Node) -> bool:
    """A heading over a "Key results" label heading (and no "Objective" label of its own): the
    objective those key results measure."""
    headings = [c for c in node.children if c.kind == "heading"]
    return (
        node.kind == "heading"
        and any(is_label_alone(c.text, "key_results") for c in headings)
        and not any(is_label_alone(c.text, "objective") for c in headings)
    )


def _has_items(node: Node) -> bool:
    return any(c.kind == "item" and not is_note(c) for c in node.children)


def _survey_node(survey: _Survey, node: Node) -> None:
    text = node.text
    if node.kind == "table":
        header = " ".join(node.rows[0]).lower() if node.rows else ""
        survey.kr_tables += bool(re.search(r"\b(kr|key results?)\b", header))
        return
    if not text or node.kind == "root":
        return
    label = read_label(text)
    _survey_labels(survey, node, label)
    if node.kind in ("item", "para"):
        survey.lines += 1
        survey.bold += node.bold and label is None and len(text.split()) >= 2
        loose = read_title(split(text)[0], loose=True)
        survey.holders += bool(_HOLDER.match(text)) and loose.holder is not None and label is None
        survey.results += split(text)[1] is not None
    survey.bracketed += bracket_score(text)
    survey.boxes += node.checked is not None
    survey.handles += len(_HANDLE.findall(text))


def _survey_labels(survey: _Survey, node: Node, label: Label | None) -> None:
    """Objective and key result labels (`Objective:`, a heading "Key results"), and owner
    labels."""
    title = read_title(split(node.text)[0])
    marked = label is not None and (label.marked or node.bold or node.kind == "heading")
    kind = label.kind if label is not None and not label.value and marked else None
    over = over_key_results(node)
    lead = lead_in(node.text) if node.kind == "para" and not node.bold else None
    if title.role == "objective" or kind == "objective" or over or lead == "objective":
        survey.objective_labels += 1
        survey.item_labels += node.kind == "item"
    elif title.role == "key_result" or kind == "key_results" or lead == "key_results":
        survey.kr_labels += 1
    if label is not None and label.kind == "owner":
        survey.owner_labels += 1


def _survey_structure(survey: _Survey, node: Node) -> None:
    """Headings over lists, top-level items that nest, paragraphs followed by lists."""
    if node.kind == "heading" and read_label(node.text) is None and period_label(node.text) is None:
        items = [c for c in node.children if c.kind == "item" and not is_note(c)]
        survey.heading_items[node.level] += len(items)
        survey.heading_nested[node.level] += sum(_has_items(c) for c in items)
    if node.kind in ("heading", "root"):
        items = [c for c in node.children if c.kind == "item" and not is_note(c)]
        survey.top_items += len(items)
        survey.top_nested += sum(_has_items(c) for c in items)
        for before, after in zip(node.children, node.children[1:], strict=False):
            if before.kind == "para" and not before.bold and after.kind == "item":
                survey.paragraph_lists += 1


def survey(root: Node) -> _Survey:
    found = _Survey()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        _survey_node(found, node)
        _survey_structure(found, node)
    return found


def _structural(found: _Survey) -> tuple[str, int | None]:
    """The objective marker of a page without labels or bold: headings over plain lists,
    top-level items that nest, or paragraphs followed by lists."""
    levels = [level for level, count in found.heading_items.items() if count]
    items = sum(found.heading_items.values())
    nested = sum(found.heading_nested.values())
    if levels and nested / max(items, 1) < 0.34:
        return "headings", max(levels, key=lambda lv: (found.heading_items[lv], lv))
    if found.top_items and found.top_nested / found.top_items >= 0.34:
        return "list", None
    if found.paragraph_lists:
        return "paragraphs", None
    if levels:
        return "headings", max(levels, key=lambda lv: (found.heading_items[lv], lv))
    return "list", None


def detect(root: Node) -> Reading:
    """The reading the page's own markers choose."""
    found = survey(root)
    level: int | None = None
    if found.objective_labels:
        objectives = "labels"
    elif found.bold >= 2:
        objectives = "bold"
    else:
        objectives, level = _structural(found)
    if found.kr_labels >= 2:
        key_results = "labels"
    elif found.boxes >= 3:
        key_results = "boxes"
    elif found.kr_tables:
        key_results = "tables"
    else:
        key_results = "items"
    holders = found.holders >= 3 and found.holders >= 0.25 * max(found.lines, 1)
    if holders:
        owners = "holders"
    elif found.handles:
        owners = "handles"
    elif found.owner_labels:
        owners = "labels"
    else:
        owners = "none"
    results = found.results > 0
    return Reading(
        objectives,
        level,
        key_results,
        holders,
        owners,
        results,
        found.item_labels > 0,
        found.bracketed >= 2,
    )


def override(reading: Reading, objectives: str | None, key_results: str | None,
             owners: str | None) -> Reading:  # fmt: skip
    """The reading with what the user chose instead (`headings:3` for level-3 headings)."""
    if objectives:
        name, _, number = objectives.partition(":")
        level = int(number) if number.isdigit() else reading.level
        if name == "headings" and level is None:
            level = 2
        reading = replace(reading, objectives=name, level=level)
    if key_results:
        reading = replace(reading, key_results=key_results)
    if owners:
        reading = replace(reading, owners=owners, holders=owners == "holders")
    return reading
