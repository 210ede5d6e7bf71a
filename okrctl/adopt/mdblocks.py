"""List items and paragraphs of a Markdown page: what each one is in its place.

Under an objective an item is a key result, or, on a page whose lines nest objectives (holder
prefixes, bold items), an objective supporting it; under a "Key results" label a theme with no
measure of its own whose items are measured is a supporting objective, and an item whose items
are task boxes groups them; under a key result items and paragraphs are its notes. Outside any
objective, the reading decides: a top-level item (`list`), a bold block (`bold`), a paragraph
followed by a list in a period (`paragraphs`) is an objective; with labels, blocks outside the
labelled objectives are not OKRs. A flattened table header ("Objective / Key Result Owner(s)
Score") is reported, not read.
"""

from __future__ import annotations

import re

from okrctl.adopt import mdtables
from okrctl.adopt.labels import lead_in, read_label
from okrctl.adopt.mditems import Frame, Reader, describe, note_under, short
from okrctl.adopt.mdmake import children, labelled, make_key_result, make_objective
from okrctl.adopt.mdtree import Node, is_note
from okrctl.adopt.records import Category
from okrctl.adopt.results import split
from okrctl.adopt.text import read_title


def visit_item(reader: Reader, frame: Frame) -> list[Frame]:
    node = frame.node
    if is_note(node) and frame.context in ("objective", "krs", "note"):
        return _sibling_note(reader, frame)
    role = _item_role(reader, frame)
    if role == "objective":
        return make_objective(reader, frame)
    if role == "key_result":
        return make_key_result(reader, frame)
    if role == "category":
        reader.note(
            node.line, Category.MAPPED, f"{short(node.text)!r} groups the key results under it"
        )
        return children(frame)
    if role == "note" and frame.parent is not None:
        if not _named_owner(reader, node, frame.parent):
            note_under(reader, node, frame.parent, "kr-note")
        return []
    if role == "description" and frame.parent is not None:
        if not _numbered_note(reader, node, frame.parent):
            describe(reader, node, frame.parent)
        return []
    reader.note(node.line, Category.UNREAD, f"{short(node.text)!r} not placed: {role}", "unread")
    return children(frame)


_SHARE = re.compile(r"^(?P<name>[^:()]{1,60}?)\s*(?::\s*\d*\.?\d+\s*%?)?$")
_KR_NUMBER = re.compile(r"(?i)^krs?\s*#?\s*(\d+)(?:\s*[-–]\s*(\d+))?\s*:\s*(.+)$")


def _named_owner(reader: Reader, node: Node, key: int) -> bool:
    """An item under a key result that names a person the page knows ("`Martin`", "`Bedeho` :
    `0.75`"): an owner of the key result, in the order named."""
    found = _SHARE.match(node.text)
    name = found["name"].strip() if found else ""
    if (
        not name
        or name.lower() not in reader.known_people
        or reader.items[key].kind != "key_result"
    ):
        return False
    current = reader.items[key]
    if key not in reader.named:
        reader.named.add(key)
        reader.update(key, owner=name, owner_github=None, co_owners=())
    elif name != current.owner and name not in current.co_owners:
        reader.update(key, co_owners=(*current.co_owners, name))
    reader.note(node.line, Category.MAPPED, f"{name!r} read as an owner of the key result above")
    return True


def _numbered_note(reader: Reader, node: Node, objective: int) -> bool:
    """A note that names key results by number ("KR#5: postponed until ..."): the note of those
    key results, and the status it states."""
    found = _KR_NUMBER.match(node.text)
    if found is None:
        return False
    results = [i.key for i in reader.items if i.parent == objective and i.kind == "key_result"]
    first = int(found[1])
    last = int(found[2] or first)
    chosen = [results[n - 1] for n in range(first, last + 1) if 0 < n <= len(results)]
    for key in chosen:
        note_under(reader, node, key)
    return bool(chosen)


def _sibling_note(reader: Reader, frame: Frame) -> list[Frame]:
    """`- => note` beside key results: the note of the key result before it."""
    earlier = [i for i in reader.items if i.parent == frame.parent and i.kind == "key_result"]
    target = frame.parent if frame.context == "note" else (earlier[-1].key if earlier else None)
    if target is None:
        reader.note(frame.node.line, Category.UNREAD, f"note {frame.node.text!r} not placed")
    else:
        note_under(reader, frame.node, target)
    return []


_HEADER_WORDS = {
    "objective", "objectives", "key", "result", "results", "kr", "krs", "owner", "owners", "s",
    "score", "scores", "status", "target", "progress", "grade", "title", "team", "notes",
    "priority", "due", "date", "comments", "initiative", "initiatives",
}  # fmt: skip


def _is_header(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 3 and set(words) <= _HEADER_WORDS


def _item_role(reader: Reader, frame: Frame) -> str:
    """What a list item is: objective, key_result, category, note, description or why it is
    not placed."""
    node, context, reading = frame.node, frame.context, reader.reading
    if _is_header(node.text):
        return "a header row of a table written as a list"
    if context == "description":
        return "description"
    if context == "note":
        return (
            "note"
            if reading.objectives != "labels" or not labelled(reader.reading, node)
            else "objective"
        )
    if context == "label":
        return "objective"
    if context in ("top", "unit") and frame.section.lead in ("key_results", "ignore"):
        if frame.section.lead == "key_results" and frame.section.objective is not None:
            return "key_result"
        return "after a sentence that introduces no key results"
    title_role = read_title(split(node.text)[0], loose=reading.holders).role
    if title_role == "objective":
        return "objective"
    if _remark(reader, frame, title_role):
        return "description"
    if title_role == "key_result" or node.checked is not None:
        has_parent = context in ("objective", "krs") or frame.section.objective is not None
        return "key_result" if has_parent else "a key result outside any objective"
    if context == "krs":
        return _theme_role(reader, node)
    if context == "objective":
        return _inner_role(reader, node)
    return _outer_role(reader, frame)


def _remark(reader: Reader, frame: Frame, title_role: str | None) -> bool:
    """An unlabelled leaf line under an objective on a page that labels its key results: a
    remark when most lines beside it are labelled key results, or when it is a task box on a
    page whose key results are labelled, never boxed ("- [x] AI: Pushed unfinished tasks to
    Q2")."""
    node, reading = frame.node, reader.reading
    if frame.context != "objective" or title_role == "key_result" or reading.holders:
        return False
    if node.bold or any(c.kind == "item" for c in node.children):
        return False
    boxed = node.checked is not None and reading.key_results == "labels"
    return frame.section.labelled_krs or boxed


def _theme_role(reader: Reader, node: Node) -> str:
    """An item under a "Key results" label: a key result, a category of key results (its
    items are task boxes) or a theme with no measure of its own (an objective supporting the
    one above, its items its key results). Items that only name people ("`Bedeho` : `0.75`")
    are its owners, not key results."""
    inner = [c for c in node.children if c.kind == "item" and not is_note(c)]
    if not inner or all(_names_a_person(reader, c) for c in inner):
        return "key_result"
    if all(c.checked is not None for c in inner) and node.checked is None:
        return "category"
    if re.search(r"\d", node.text) is None:
        return "objective"
    return "key_result"


def _names_a_person(reader: Reader, node: Node) -> bool:
    found = _SHARE.match(node.text)
    return found is not None and found["name"].strip().lower() in reader.known_people


def _inner_role(reader: Reader, node: Node) -> str:
    """An item under an objective: a key result, or on a page whose lines nest objectives
    (holder prefixes, bold items) an objective supporting it."""
    reading = reader.reading
    inner = [c for c in node.children if c.kind == "item" and not is_note(c)]
    if reading.objectives == "bold":
        return "objective" if node.bold else "key_result"
    if reading.holders and inner and not reading.labelled_items:
        return "objective"
    return "key_result"


def _outer_role(reader: Reader, frame: Frame) -> str:
    """An item outside any objective."""
    node, reading = frame.node, reader.reading
    if node.lead_link is not None and not node.after_link and not node.children:
        return "a link to another document, outside any objective"
    if reading.objectives == "bold":
        nested = any(c.kind == "item" and not is_note(c) for c in node.children)
        if node.bold or (nested and frame.context in ("top", "unit")):
            return "objective"
        return (
            "key_result"
            if frame.section.objective is not None
            else "not bold, outside any objective"
        )
    if reading.objectives == "list" and frame.context in ("top", "unit"):
        return "objective"
    if reading.objectives == "paragraphs" and frame.section.objective is not None:
        return "key_result"
    if reading.objectives == "labels":
        return "outside the labelled objectives"
    return "an item outside any objective"


def visit_para(reader: Reader, frame: Frame) -> None:
    node, context = frame.node, frame.context
    text = " ".join([node.text, *(t for _, t in node.extra)]).strip()
    if not text:
        return
    if _lead(reader, frame, text):
        return
    if context == "label":  # the first block after an "Objective" label is the objective
        if frame.section.objective is None:
            make_objective(reader, frame)
        else:
            describe(reader, node, frame.section.objective)
        return
    if context == "note" and frame.parent is not None:
        if not mdtables.metadata_lines(reader, node, frame.parent):
            note_under(reader, node, frame.parent)
        return
    if context in ("objective", "description") and frame.parent is not None:
        describe(reader, node, frame.parent)
        return
    if context == "krs" and node.bold and frame.parent is not None:
        # a theme under a "Key results" label: an objective supporting the one above, measured
        # by the items after it
        make_objective(reader, frame)
        frame.section.theme = frame.section.objective
        return
    if _para_objective(reader, frame):
        make_objective(reader, frame)
        return
    if context == "top" and not reader.items and reader.title is not None and not node.quote:
        reader.description = f"{reader.description}\n\n{text}" if reader.description else text
        reader.note(node.line, Category.MAPPED, "paragraph read as the organisation's description")
        return
    reader.note(node.line, Category.UNREAD, f"paragraph not placed: {short(text)!r}", "unread")


def _lead(reader: Reader, frame: Frame, text: str) -> bool:
    """Prose labels on a page read by its labels: "Our objective this quarter was to:" makes
    the next paragraph the objective, "We measured this via the following key results:" the
    items after it its key results, any other sentence ending in a colon the items after it
    something else. True when the paragraph was one of these."""
    section = frame.section
    if reader.reading.objectives != "labels" or frame.context not in ("top", "unit"):
        return False
    if section.lead == "objective":
        section.lead = None
        make_objective(reader, frame)
        return True
    kind = lead_in(text)
    if kind is None or frame.node.bold or (kind == "ignore" and section.objective is None):
        return False
    section.lead = kind
    what = {"objective": "the objective", "key_results": "key results"}.get(kind, "no OKRs")
    reader.note(frame.node.line, Category.MAPPED, f"{short(text)!r}: {what} follow")
    return True


def _para_objective(reader: Reader, frame: Frame) -> bool:
    node, reading = frame.node, reader.reading
    if frame.context not in ("top", "unit"):
        return False
    if labelled(reading, node):  # "**Objective:** text" as a paragraph of its own
        return True
    if read_label(node.text) is not None:
        return False
    if reading.objectives == "bold":
        return node.bold
    if reading.objectives == "paragraphs":
        return frame.period is not None and not node.quote and len(node.text) <= 300
    return False
