"""Reading OKR documents written in Markdown: the page's own markers first, then its structure.

`markers` surveys the tree and chooses a reading (what an objective is on this page: a labelled
block, a bold block, a heading of one level, a top-level item or a paragraph followed by a list;
how key results and owners are marked). The walk then classifies every node with that reading:
labels (`mdlabels`), headings (`mdheadings`), items and paragraphs (`mdblocks`) and tables
(`mdtables`); `mditems` and `mdmake` record what they are. Before the walk, the page says what
its names are (a `@handle`, an `Owner:` label, a `Team KR:` prefix) and which period it is about
when no heading says (its front matter, its title, a table of facts, its introduction).
"""

from __future__ import annotations

from okrctl.adopt import holders, markers, mdtables
from okrctl.adopt.labels import lead_in, read_label
from okrctl.adopt.markers import over_key_results
from okrctl.adopt.mdblocks import visit_item, visit_para
from okrctl.adopt.mdheadings import TEAM_MARK, TITLE_WORDS, visit_heading
from okrctl.adopt.mditems import Frame, Reader, Section
from okrctl.adopt.mdlabels import is_label, visit_label
from okrctl.adopt.mdmake import children, labelled
from okrctl.adopt.mdtree import Node, front_matter, tree
from okrctl.adopt.naming import name_of
from okrctl.adopt.periods import find_period, period_label
from okrctl.adopt.records import Category, Note, Source
from okrctl.adopt.results import split
from okrctl.adopt.text import read_title

MAX_BYTES = 4 * 1024 * 1024
"""Largest document read (4 MiB: thousands of objectives); a larger one is a finding."""


def _known_names(root: Node, reader: Reader) -> None:
    """Names the page uses for units (`Team KR:`, a heading marked as a team) and for people
    (`@handle`, `Owner:` labels, `Name (@handle)` headings)."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.kind not in ("heading", "item", "para") or not node.text:
            continue
        paired = holders.handle_of(node.text) if node.kind == "heading" else None
        if paired is not None:
            reader.known_people.add(paired[0].lower())
            reader.handles[paired[0].lower()] = paired[1]
        label = read_label(node.text)
        owners = label is not None and label.kind == "owner"
        listed = (
            label is not None and label.kind == "key_results" and holders.are_names(label.value)
        )
        if label is not None and label.value and (owners or listed):
            reader.known_people.update(n.lower() for n in holders.names(label.value))
        title = read_title(split(node.text)[0], loose=reader.reading.holders)
        reader.roles = reader.roles or bool(title.holder and holders.is_role(title.holder))
        if title.role == "key_result" and title.holder:
            found = holders.classify(title.holder, reader.known_people, set())
            if found.kind == "team":
                reader.known_units.add(title.holder.lower())
        for handle in title.handles:
            reader.known_people.add(handle.lower())


def _labelled_nodes(root: Node, reading: markers.Reading) -> set[int]:
    """The ids of the nodes labelled an objective, or with one under them (iteratively)."""
    found: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in node.children)
            continue
        label = read_label(node.text) if node.text else None
        alone = label is not None and label.kind == "objective" and not label.value
        alone = alone or (node.kind == "para" and lead_in(node.text) == "objective")
        over = over_key_results(node)
        if alone or over or labelled(reading, node) or any(id(c) in found for c in node.children):
            found.add(id(node))
    return found


def read(
    text: str,
    file: str,
    period: str | None = None,
    reading: markers.Reading | None = None,
    choice: tuple[str | None, str | None, str | None] = (None, None, None),
    year: str | None = None,
) -> Source:
    """Read one Markdown document into objectives and key results, and the report. `year`: the
    year a quarter written without one takes when the page names no year before it."""
    notes: list[Note] = []
    body, front_title = front_matter(text)
    root = tree(body, file, notes)
    chosen = markers.override(reading or markers.detect(root), *choice)
    reader = Reader(file, notes, chosen)
    if front_title:
        reader.titles.append((front_title, _front_title_line(text)))
    _known_names(root, reader)
    reader.labelled = _labelled_nodes(root, chosen)
    reader.title_node = _title_node(root)
    period = _page_period(reader, root, front_title) or period
    reader.assumed_year = year
    reader.period_titles = sum(
        1
        for c in root.children
        if c.kind == "heading" and c.level == 1 and period_label(c.text, year) is not None
    )
    start = Frame(root, "top", period, None, None, None, Section())
    section = Section()
    stack = [start.under(child, section) for child in reversed(root.children)]
    while stack:
        frame = stack.pop()
        stack.extend(reversed(_visit(reader, frame)))
    return Source(
        items=reader.items,
        notes=notes,
        title=reader.title,
        titles=reader.titles,
        description=reader.description,
        reading=chosen.describe(),
        file=file,
    )


def _front_title_line(text: str) -> int:
    """The line of the front matter's `title:` (the front matter starts the page)."""
    lines = text.splitlines()
    return next((n + 1 for n, line in enumerate(lines) if line.startswith("title:")), 1)


def _page_period(reader: Reader, root: Node, front_title: str | None) -> str | None:
    """The period the page names outside its period headings: in its front matter's title, in
    its own title (the first heading) or a subtitle, in a table of facts (`Cycle | Q2 2026`),
    or in an introduction that speaks of its OKRs ("The OKRs guiding us to the end of 2025")."""
    if front_title:
        reader.title = name_of(front_title)
    found = _titled_period(reader, root, front_title)
    if found is not None:
        return found
    for node in _walk(root):
        if node.kind == "table" and (identifier := mdtables.table_period(node)) is not None:
            reader.note(node.line, Category.GUESSED, f"table of facts names period {identifier}")
            return _remember(reader, identifier)
    paragraphs = [n for n in _walk(root) if n.kind == "para"][:6]
    for node in paragraphs:
        named = find_period(node.text) if TITLE_WORDS.search(node.text) else None
        if named is not None and named.identifier[:2] in ("19", "20"):
            message = f"introduction names period {named.identifier}"
            reader.note(node.line, Category.GUESSED, message)
            return _remember(reader, named.identifier)
    return None


def _titled_period(reader: Reader, root: Node, front_title: str | None) -> str | None:
    """The period the page's front matter, title or subtitle names."""
    headings = [n for n in _walk(root) if n.kind == "heading"]
    candidates: list[tuple[str, int, str]] = []
    if front_title:
        candidates.append((front_title, 1, "front matter title"))
    if headings and headings[0].level == 1 and TITLE_WORDS.search(headings[0].text):
        candidates.append((headings[0].text, headings[0].line, "title"))
    subtitle = next((n for n in headings[:3] if _subtitle(n)), None)
    if subtitle is not None:
        candidates.append((subtitle.text, subtitle.line, "heading"))
    for text, line, where in candidates:
        found = period_label(text)
        if found is not None:
            reader.note(line, Category.MAPPED, f"{where} names period {found.identifier}")
            return _remember(reader, found.name or found.identifier)
    return None


def _subtitle(node: Node) -> bool:
    """A heading near the top that names the page's period and holds no OKRs of its own
    ("## Objectives and Key Results - Q1 2018"): the page's period."""
    return period_label(node.text) is not None and not any(
        c.kind in ("heading", "item", "table") for c in node.children
    )


def _title_node(root: Node) -> int | None:
    """The page's title: its first block, a level-1 heading, the only one on the page."""
    tops = [c for c in root.children if c.kind == "heading" and c.level == 1]
    first = root.children[0] if root.children else None
    if len(tops) == 1 and first is tops[0] and period_label(first.text) is None:
        return None if TEAM_MARK.search(first.text) else id(first)  # "# Data team": a unit
    return None


def _remember(reader: Reader, period: str) -> str:
    if period[:4].isdigit():
        reader.year = period[:4]
    return period


def _walk(root: Node) -> list[Node]:
    """The nodes in document order (iteratively)."""
    found: list[Node] = []
    stack = list(reversed(root.children))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node.children))
    return found


def _visit(reader: Reader, frame: Frame) -> list[Frame]:
    """Classify one node, record what it is, and return the frames of the nodes under it."""
    node = frame.node
    if node.kind == "table":
        mdtables.visit(reader, frame)
        return []
    if node.kind == "para":
        visit_para(reader, frame)
        return []
    if not node.text and node.checked is None:
        return children(frame)
    label = read_label(node.text) if node.checked is None else None
    if label is not None and is_label(node, label):
        return visit_label(reader, frame, label)
    if node.kind == "heading":
        return visit_heading(reader, frame)
    return visit_item(reader, frame)
