"""Headings of a Markdown page: what each one is by what it says and what is under it.

A heading naming a person (`Bedeho (@bedeho)`) owns the objectives under it; one naming a period
sets their period (a quarter without a year takes the page's year); one repeating a key result
holds its details; the page's title names the organisation. With the reading's objective headings
(`headings`), a heading of that level is an objective. Any other heading over other blocks is a
section when it is generic ("Overview", "Personal OKRs", "Company wide"), a unit when it is a name
(a team word, a trailing colon, a short noun phrase), and otherwise an objective: a roll-up when it
has no key results of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from okrctl.adopt import holders
from okrctl.adopt.markers import over_key_results
from okrctl.adopt.mditems import Frame, Reader, note_under, read_line, short
from okrctl.adopt.mdmake import children, make_key_result, make_objective
from okrctl.adopt.mdtree import Node
from okrctl.adopt.naming import name_of
from okrctl.adopt.periods import period_label
from okrctl.adopt.records import Category
from okrctl.adopt.results import split
from okrctl.adopt.text import read_title

TITLE_WORDS = re.compile(r"(?i)\b(okrs?|objectives|goals)\b")
_SECTION_WORDS = re.compile(
    r"(?i)^(overview|details|detail|quarterly|yearly|annual|monthly|current|personal|"
    r"individual|shared|team okrs?|company okrs?|our okrs|okrs|archive|appendix)\b"
)
_COMPANY = re.compile(r"(?i)^(company[\s-]*wide|company|all|everyone|org[\s-]*wide|whole company)$")
TEAM_MARK = re.compile(r"(?i)\b(team|squad|department|dept|tribe|guild|chapter|division)\b")
_VERB_START = re.compile(
    r"(?i)^(grow|increase|make|build|improve|launch|ship|become|be|deliver|reduce|create|"
    r"establish|expand|win|delight|drive|scale|achieve|get|keep|ensure|enable|provide|develop|"
    r"lead|own|help|double|triple|cut|lower|raise|accelerate|strengthen|simplify|modernize|"
    r"modernise|prove|turn|bring|put|set|hire|attract|retain|move|reach|finish|complete|"
    r"support|optimize|optimise|automate|streamline|invest|focus|nail|land|maintain|protect)\b"
)


def visit_heading(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    handle = holders.handle_of(node.text)
    if handle is not None:
        return _owner_heading(reader, frame, handle[0], f"{handle[0]!r} (@{handle[1]})")
    period = period_label(node.text, reader.year or reader.assumed_year)
    if (
        node.level == 1
        and frame.context == "top"
        and not reader.items
        and (TITLE_WORDS.search(node.text) or id(node) == reader.title_node)
        and (period is None or reader.period_titles <= 1)
    ):
        return _heading_title(reader, frame)
    if holders.is_role(node.text) and len(node.text.split()) <= 4:
        return _owner_heading(reader, frame, node.text, f"the role {node.text!r}")
    title = read_title(split(node.text)[0], loose=reader.reading.holders)
    if period is not None and title.role is None:
        if reader.year is None and period_label(node.text) is None:
            reader.note(
                node.line,
                Category.GUESSED,
                f"{node.text!r} names no year and the page none before it: year "
                f"{reader.assumed_year} assumed (give --period to choose)",
            )
        return _visit_period(reader, frame, period.identifier, period.name)
    repeated = reader.key_results.get(read_line(reader, node).text.casefold())
    if repeated is not None:
        reader.note(node.line, Category.MAPPED, "heading repeats a key result: its details")
        return children(frame, context="note", parent=repeated)
    role = _heading_role(reader, frame, title.role)
    return _HEADINGS[role](reader, frame)


def _owner_heading(reader: Reader, frame: Frame, owner: str, what: str) -> list[Frame]:
    """A heading that names a person or a role: the owner of the objectives under it, or, when
    nothing is under it, of those after it (`## Bedeho (@bedeho)` before `## Objective: ...`)."""
    node = frame.node
    if _has_content(node):
        reader.note(node.line, Category.MAPPED, f"heading names {what}: the owner below")
        return children(frame, owner=owner, context=_outside(frame))
    frame.section.owner = owner
    reader.note(node.line, Category.MAPPED, f"heading names {what}: the owner of what follows")
    return children(frame, context=_outside(frame))


def _outside(frame: Frame) -> str:
    return "unit" if frame.context == "unit" else "top"


def _visit_period(reader: Reader, frame: Frame, identifier: str, name: str | None) -> list[Frame]:
    node = frame.node
    reader.note(node.line, Category.MAPPED, f"heading {node.text!r} read as period {identifier}")
    if identifier[:4].isdigit():
        reader.year = identifier[:4]
    label = name or identifier
    if frame.context == "unit":  # a unit's periods: the unit stays
        return children(frame, period=label, parent=None)
    return children(frame, period=label, context="top", unit=None, unit_parent=None, parent=None)


def _heading_role(reader: Reader, frame: Frame, role: str | None) -> str:
    """What a heading is: title, objective, unit, section, inside (of an objective) or
    unread."""
    node, reading = frame.node, reader.reading
    if role == "objective" or over_key_results(node):
        return "objective"
    if role == "key_result":
        return "key_result"
    if frame.context in ("objective", "krs"):
        return "objective" if _has_content(node) else "inside"
    if frame.context in ("note", "description", "label"):
        return "inside"
    if _has_content(node) and _scored(reader, node):
        return "objective"  # a heading with a stated score over items: scored as objectives are
    if reading.objectives == "labels" and id(node) not in reader.labelled:
        return "outside"
    if reading.objectives == "headings" and node.level == reading.level:
        return "objective"
    if (
        reading.objectives == "headings"
        and reading.level is not None
        and node.level > reading.level
    ):
        return "inside"
    return _name_role(node, frame.section.siblings)


def _scored(reader: Reader, node: Node) -> bool:
    result = split(node.text, reader.reading.bracketed)[1]
    return result is not None and result.score is not None


def _has_content(node: Node) -> bool:
    return any(c.kind in ("item", "table", "heading") for c in node.children)


def _name_role(node: Node, siblings: tuple[Node, ...] = ()) -> str:
    """A heading over other blocks: a section, a unit (a name) or a roll-up objective (a
    sentence). A short heading among peers that are sentences is one too (headings of one level
    under one heading are the same kind of thing)."""
    text = node.text.strip()
    if not _has_content(node):
        return "section"
    if _SECTION_WORDS.search(text) or TITLE_WORDS.search(text) or _COMPANY.match(text.rstrip(":")):
        return "section"
    if TEAM_MARK.search(text) or text.endswith(":"):
        return "unit"
    if not _sentence(text):
        peers = [
            s.text.strip()
            for s in siblings
            if s is not node and s.kind == "heading" and s.level == node.level and _has_content(s)
        ]
        sentences = sum(_long(p) and not TEAM_MARK.search(p) for p in peers)
        return "objective" if peers and sentences * 2 > len(peers) else "unit"
    return "objective"


def _long(text: str) -> bool:
    """Plainly a sentence: more than four words, or an end mark (a verb first is not enough to
    say so of a peer: "Support" names a team)."""
    return len(re.findall(r"[\w'’&/+-]+", text)) > 4 or text.endswith((".", "!"))


def _sentence(text: str) -> bool:
    """A heading that reads as a sentence, not a name: more than four words, a verb first, or
    an end mark."""
    words = re.findall(r"[\w'’&/+-]+", text)
    return len(words) > 4 or bool(_VERB_START.match(text)) or text.endswith((".", "!"))


def _heading_title(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    reader.title = name_of(node.text) or reader.title
    reader.titles.append((node.text, node.line))
    reader.note(node.line, Category.GUESSED, f"heading {node.text!r} read as the document's title")
    return children(frame, context="top", parent=None)


def _heading_unit(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    name = read_title(node.text).text.rstrip(":").strip() or node.text
    reader.note(node.line, Category.GUESSED, f"heading {name!r} read as a unit", "unit-heading")
    reader.known_units.add(name.lower())
    return children(frame, context="unit", unit=name, unit_parent=frame.unit, parent=None)


def _heading_section(reader: Reader, frame: Frame) -> list[Frame]:
    company = _COMPANY.match(frame.node.text.strip().rstrip(":"))
    changes: dict[str, object] = {"unit": None, "unit_parent": None} if company else {}
    return children(frame, **changes)


def _heading_objective(reader: Reader, frame: Frame) -> list[Frame]:
    return make_objective(reader, frame)


def _heading_key_result(reader: Reader, frame: Frame) -> list[Frame]:
    return make_key_result(reader, frame)


def _heading_inside(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    if frame.context == "note" and frame.parent is not None:
        note_under(reader, node, frame.parent)
        return children(frame)
    reader.note(node.line, Category.UNREAD, f"heading {short(node.text)!r} not placed", "unread")
    return children(frame)


def _heading_outside(reader: Reader, frame: Frame) -> list[Frame]:
    """A heading over no labelled objective, on a page that labels them: not OKRs."""
    text = short(frame.node.text)
    reader.note(
        frame.node.line,
        Category.UNREAD,
        f"heading {text!r} and what is under it: no labelled objective",
        "unread",
    )
    return []


_HEADINGS: dict[str, Callable[[Reader, Frame], list[Frame]]] = {
    "title": _heading_title,
    "unit": _heading_unit,
    "section": _heading_section,
    "objective": _heading_objective,
    "key_result": _heading_key_result,
    "inside": _heading_inside,
    "outside": _heading_outside,
}
