"""Labels: the words a page uses to say what the text beside or under them is.

"Objective:", "Key results:", "Owner: Devesh", "Why?", "Final Score", "Tracking Manager: Martin",
"KR Measurement Deadline: End of Q1". A label alone (a heading "### Key Results", a bold item
"**Objective**:") says what the blocks under it or after it are; a label with a value
("Owner(s): skobes, ymalik") says it of the value. Labels and metadata are never people, units or
key results themselves.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

LabelKind = Literal[
    "objective", "key_results", "owner", "unit", "score", "result", "description", "ignore"
]

_VOCABULARY: dict[str, LabelKind] = {
    **dict.fromkeys(("objective", "objectives", "goal", "goals", "obj"), "objective"),
    **dict.fromkeys(
        ("key result", "key results", "key-results", "krs", "kr", "results", "success criteria",
         "measurable results", "measures of success"),
        "key_results",
    ),
    **dict.fromkeys(
        ("owner", "owners", "owner(s)", "owned by", "dri", "dris", "responsible", "accountable",
         "assignee", "assignees", "led by"),
        "owner",
    ),
    **dict.fromkeys(("team", "unit", "department", "squad", "area"), "unit"),
    **dict.fromkeys(("score", "final score", "grade", "final grade", "scores"), "score"),
    **dict.fromkeys(("status", "result", "outcome", "progress", "update"), "result"),
    **dict.fromkeys(
        ("why", "rationale", "description", "context", "background", "summary", "notes", "note",
         "comments", "comment", "reason", "motivation", "problem", "hypothesis", "about"),
        "description",
    ),
    **dict.fromkeys(
        ("vision", "mission", "north star", "strategy", "success metrics", "key metrics",
         "metrics", "kpis", "kpi", "tracking", "tracked", "tracking manager",
         "kr measurement deadline", "measurement deadline", "deadline", "due", "due date",
         "team members", "members", "project overview", "overview table", "legend",
         "scoring guidelines", "scoring", "key milestones", "milestones", "weekly rhythm",
         "timeline", "resources", "links", "references", "external references", "dependencies",
         "risks", "assumptions", "table of contents", "contents", "toc", "on this page",
         "key concepts", "definitions", "glossary", "faq", "process", "scope", "purpose",
         "non-goals", "out of scope", "anti-goals", "old roadmap", "roadmap", "previous quarters",
         "critical integration points", "active from", "active until", "last updated",
         "cadence", "frequency", "review", "reviewers", "tracking tables"),
        "ignore",
    ),
}  # fmt: skip
"""Every label, lowercase, and what it says the text it labels is."""

_TAILS: dict[str, LabelKind] = {
    "notes": "description", "note": "description", "comments": "description",
    "rationale": "description", "metrics": "ignore", "milestones": "ignore",
    "tracking": "ignore", "deadline": "ignore", "manager": "ignore", "overview": "ignore",
}  # fmt: skip
"""A label not in the vocabulary is read by its last word ("Grading Notes")."""
_STARTS_IGNORED = ("how to ", "how we ", "what are ", "what is ", "why okrs", "why we ")
_LABEL = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z ()'/&.\-]{0,40}?)\s*(?P<mark>[:?])\s*(?P<value>.*)$"
)
_DECORATION = re.compile(r"^[\W_]+(?=\w)", re.UNICODE)


class Label(NamedTuple):
    """A label a block starts with, and the text after it ("" for a label alone)."""

    kind: LabelKind
    name: str
    value: str
    marked: bool
    """Written with a colon or a question mark ("Objective:", "Why?")."""


def _kind(name: str) -> LabelKind | None:
    lower = " ".join(name.lower().split()).strip(" .")
    if lower in _VOCABULARY:
        return _VOCABULARY[lower]
    if lower.startswith(_STARTS_IGNORED):
        return "ignore"
    last = lower.rsplit(" ", 1)[-1]
    if " " in lower and len(lower.split()) <= 3 and last in _TAILS:
        return _TAILS[last]  # "Grading Notes", "Tracking Notes": what the last word says
    return None


def read_label(text: str) -> Label | None:
    """The label `text` starts with, or None."""
    text = _DECORATION.sub("", text.strip()).strip()
    whole = _kind(text.rstrip(":?").strip())
    if whole is not None:
        return Label(whole, text.rstrip(":?").strip(), "", text.endswith((":", "?")))
    found = _LABEL.match(text)
    if found is None:
        return None
    kind = _kind(found["name"])
    if kind is None:
        return None
    return Label(kind, found["name"].strip(), found["value"].strip(), True)


def is_label_alone(text: str, kind: LabelKind | None = None) -> bool:
    """True when `text` is a label and nothing else (of `kind`, when given)."""
    label = read_label(text)
    return label is not None and not label.value and (kind is None or label.kind == kind)


_LEAD_IN = re.compile(
    r"(?i)^[^:]{0,80}?\b(?:(objectives?|goals?)|(key results?|krs|measured))\b"
    r"[^:]{0,60}:$"
)


def lead_in(text: str) -> LabelKind | None:
    """What a sentence introducing the next block says it is ("Our objective this quarter was
    to:", "We measured this via the following key results:"): the prose form of a label;
    "other" for any other sentence ending in a colon ("... here is the end of quarter
    summary:"), after which the blocks are not key results."""
    text = " ".join(text.split())
    if not text.endswith(":") or len(text.split()) > 16 or re.search(r"(?i)\bokrs?\b", text):
        return None  # "The OKRs guiding us to the end of 2025 are:": read what follows as usual
    found = _LEAD_IN.match(text)
    if found is None:
        return "ignore"
    return "objective" if found[1] else "key_results"
