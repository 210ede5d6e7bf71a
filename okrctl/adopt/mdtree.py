"""A Markdown document as a tree of headings, list items and paragraphs, with markdown-it-py.

Headings nest by level, list items by the list they sit in, and every node keeps its source
line, its links, its task box and its struck-through text; what the tree cannot hold (tables,
code, quotes, HTML) is a finding with its line. `markdown` reads OKRs from this tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

from okrctl.adopt.records import Category, Link, Note

_NOTE_START = ("=>", "->", "→", "⇒")
_NOTE_WORDS = ("note:", "status:", "update:", "outcome:", "result:", "comment:")


@dataclass
class Node:
    """A heading, list item or paragraph, with the nodes under it."""

    kind: str  # "root", "heading", "item", "para"
    level: int
    line: int
    text: str = ""
    struck: str = ""
    """The struck-through text the first line starts with (dropped work: `~~title~~ reason`)."""
    unstruck: str = ""
    """The first line without any struck-through text (struck later in a line: a correction)."""
    links: list[Link] = field(default_factory=list)
    checked: bool | None = None
    extra: list[tuple[int, str]] = field(default_factory=list)
    """Further lines of the node's first paragraph: (line, text)."""
    children: list[Node] = field(default_factory=list)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["strikethrough", "table"]).use(tasklists_plugin)


@dataclass
class _Inline:
    """Reading one inline token into a node: where the reading is."""

    node: Node
    notes: list[Note]
    file: str
    first: int
    lines: list[str] = field(default_factory=lambda: [""])
    struck: bool = False
    leading: bool = True
    """Nothing but struck text (and spaces) so far on the first line."""
    href: str | None = None
    label: str = ""

    def checkbox(self, child: Token) -> None:
        self.node.checked = 'checked="checked"' in child.content

    def line_break(self, child: Token) -> None:
        self.lines.append("")

    def strike(self, child: Token) -> None:
        self.struck = True

    def unstrike(self, child: Token) -> None:
        self.struck = False

    def open_link(self, child: Token) -> None:
        self.href, self.label = str(child.attrs.get("href", "")), ""

    def close_link(self, child: Token) -> None:
        href = self.href
        if href is not None:
            if href.startswith(("http://", "https://")):
                self.node.links.append(Link(self.label.strip() or href, href))
            else:
                self.notes.append(
                    Note(
                        self.file,
                        self.first + len(self.lines) - 1,
                        Category.UNREAD,
                        f"link {href!r} is not an http(s) address: kept as text only",
                    )
                )
        self.href = None

    def text(self, child: Token) -> None:
        content = child.content
        self.lines[-1] += content
        if self.href is not None:
            self.label += content
        if len(self.lines) == 1:
            if not self.struck:
                self.node.unstruck += content
                self.leading = self.leading and not content.strip()
            elif self.leading:
                self.node.struck += content

    def image(self, child: Token) -> None:
        self.lines[-1] += child.content


_INLINE: dict[str, Callable[[_Inline, Token], None]] = {
    "softbreak": _Inline.line_break,
    "hardbreak": _Inline.line_break,
    "s_open": _Inline.strike,
    "s_close": _Inline.unstrike,
    "link_open": _Inline.open_link,
    "link_close": _Inline.close_link,
    "text": _Inline.text,
    "code_inline": _Inline.text,
    "html_inline": _Inline.text,
    "image": _Inline.image,
}
"""How each inline token is read (a task box, an `html_inline` token, is read apart)."""


def _inline(node: Node, token: Token, notes: list[Note], file: str) -> None:
    """Fill `node` from an inline token: text of its first line, further lines, links, struck
    text and the task box."""
    first = token.map[0] + 1 if token.map else node.line
    reading = _Inline(node, notes, file, first)
    for child in token.children or []:
        if child.type == "html_inline" and "task-list-item-checkbox" in child.content:
            reading.checkbox(child)
            continue
        handle = _INLINE.get(child.type)
        if handle is not None:
            handle(reading, child)
    lines = reading.lines
    node.text = lines[0].strip()
    node.unstruck = " ".join(node.unstruck.split())
    node.extra = [(first + i, line.strip()) for i, line in enumerate(lines) if i and line.strip()]


@dataclass
class _Tree:
    """Building the tree from the block tokens: where the building is."""

    file: str
    notes: list[Note]
    root: Node = field(default_factory=lambda: Node("root", 0, 1))
    sections: list[Node] = field(default_factory=list)
    """The open headings (the root first), innermost last."""
    items: list[Node] = field(default_factory=list)
    """The open list items, innermost last."""
    pending: Node | None = None
    """The node the next inline token fills."""

    def _add(self, node: Node) -> Node:
        """`node` as the last child of the innermost open item or heading; the next inline
        token fills it."""
        (self.items[-1] if self.items else self.sections[-1]).children.append(node)
        self.pending = node
        return node

    def heading(self, token: Token, line: int) -> None:
        level = int(token.tag[1])
        while len(self.sections) > 1 and self.sections[-1].level >= level:
            self.sections.pop()
        self.items.clear()
        self.sections[-1].children.append(node := Node("heading", level, line))
        self.sections.append(node)
        self.pending = node

    def open_item(self, token: Token, line: int) -> None:
        self.items.append(self._add(Node("item", len(self.items) + 1, line)))

    def close_item(self, token: Token, line: int) -> None:
        self.items.pop()
        self.pending = None

    def paragraph(self, token: Token, line: int) -> None:
        if self.pending is None:  # a paragraph that is not a heading's or an item's first
            self._add(Node("para", 0, line))

    def inline(self, token: Token, line: int) -> None:
        if self.pending is not None:
            _inline(self.pending, token, self.notes, self.file)
            self.pending = None

    def unread(self, token: Token, line: int) -> None:
        what = _UNREAD_BLOCKS[token.type]
        hint = _CODE_HINT if token.type == "code_block" else ""
        self.notes.append(Note(self.file, line, Category.UNREAD, f"{what} not read{hint}"))


_UNREAD_BLOCKS = {
    "fence": "code block",
    "code_block": "indented code block",
    "html_block": "HTML block",
    "table_open": "table",
}
"""Blocks the tree cannot hold, reported as not read, by what the report calls them."""
_CODE_HINT = " (lines indented 4 spaces or more read as code)"

_BLOCKS: dict[str, Callable[[_Tree, Token, int], None]] = {
    "heading_open": _Tree.heading,
    "list_item_open": _Tree.open_item,
    "list_item_close": _Tree.close_item,
    "paragraph_open": _Tree.paragraph,
    "inline": _Tree.inline,
    **dict.fromkeys(_UNREAD_BLOCKS, _Tree.unread),
}
"""How each block token is read, with its line (any other, e.g. a rule `---`, is passed by)."""


def tree(text: str, file: str, notes: list[Note]) -> Node:
    """The document as nested headings, list items and paragraphs."""
    building = _Tree(file, notes)
    building.sections.append(building.root)
    for token in _parser().parse(text):
        handle = _BLOCKS.get(token.type)
        if handle is not None:
            handle(building, token, token.map[0] + 1 if token.map else 0)
    return building.root


def is_note(node: Node) -> bool:
    """A `=> text` or `Note: text` line: a check-in note, not an objective or key result."""
    lower = node.text.lower()
    return lower.startswith(_NOTE_START) or lower.startswith(_NOTE_WORDS)


def note_text(text: str) -> str:
    """A note's text without its `=>` or `Note:`."""
    lower = text.lower()
    for start in (*_NOTE_START, *_NOTE_WORDS):
        if lower.startswith(start):
            return text[len(start) :].strip()
    return text.strip()


def depths(root: Node) -> dict[int, int]:
    """How many levels of headings and items lie under each node (notes and paragraphs do not
    count), by id(node); computed without recursion."""
    depth: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            below = [depth[id(c)] + 1 for c in node.children if _structural(c)]
            depth[id(node)] = max(below, default=0)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in node.children)
    return depth


def _structural(node: Node) -> bool:
    return node.kind in ("heading", "item") and not is_note(node)
