"""A Markdown document as a tree of headings, list items, paragraphs and tables, with
markdown-it-py.

Headings nest by level, list items by the list they sit in, and every node keeps its source
line, its links, its task box, its struck-through text and whether it is bold throughout; a
table keeps its cells. A page's YAML front matter is set apart (its `title` kept), and a block of
dash lines indented four spaces or more, which a Markdown parser reads as code, is read as the
list its author wrote (and reported). What the tree cannot hold (code, HTML) is a finding with its
line. `markdown` reads OKRs from this tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

from okrctl.adopt.mdinline import read_inline, starts_a_note
from okrctl.adopt.records import Category, Link, Note


@dataclass
class Node:
    """A heading, list item, paragraph or table, with the nodes under it."""

    kind: str  # "root", "heading", "item", "para", "table"
    level: int
    line: int
    text: str = ""
    """The block's text, its wrapped lines joined (up to a line that starts a note)."""
    first_line: str = ""
    lines: list[str] = field(default_factory=list)
    """The block's lines as written (for `Owner: x` and `Score: y` lines kept apart)."""
    struck: str = ""
    """The struck-through text the first line starts with (dropped work: `~~title~~ reason`)."""
    unstruck: str = ""
    """The first line without any struck-through text (struck later in a line: a correction)."""
    links: list[Link] = field(default_factory=list)
    lead_link: Link | None = None
    """The link the text starts with (`[title](#anchor) owner 0.60`)."""
    after_link: str | None = None
    """The text after that link."""
    checked: bool | None = None
    bold: bool = False
    quote: bool = False
    """A paragraph inside a block quote (`> ...`)."""
    ordered: bool = False
    extra: list[tuple[int, str]] = field(default_factory=list)
    """Lines of the node's first paragraph from one that starts a note on: (line, text)."""
    body: list[tuple[int, str]] = field(default_factory=list)
    """The lines after a bold first line (its text: a description)."""
    rows: list[list[str]] = field(default_factory=list)
    """A table's rows, the header first: each cell's text."""
    bold_cells: list[list[bool]] = field(default_factory=list)
    """Whether each cell of `rows` is bold throughout."""
    children: list[Node] = field(default_factory=list)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["strikethrough", "table"]).use(tasklists_plugin)


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"(?m)^title:[ \t]*['\"]?(.*?)['\"]?[ \t]*$")
_DASH_LINE = re.compile(r"^\s*[-*+]")
_KRAMDOWN = re.compile(r"^\{:.*\}$")
_OKR_PAGE = re.compile(
    r"(?im)^[\s>*_#-]*(?:\d+\.\s*)?\**(?:objective|key results?|kr\s*\d*)\**\s*[:\-–—]"
)
"""A labelled objective or key result in a code block: a page of OKRs pasted inside one."""


def front_matter(text: str) -> tuple[str, str | None]:
    """The text with its YAML front matter blanked (lines kept, so that line numbers hold), and
    the front matter's `title`."""
    found = _FRONT.match(text)
    if found is None:
        return text, None
    title = _FRONT_TITLE.search(found[1])
    blank = "\n" * found.group(0).count("\n")
    return blank + text[found.end() :], (title[1].strip() or None) if title else None


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
    quotes: int = 0
    ordered: list[bool] = field(default_factory=list)
    table: Node | None = None
    offset: int = 0
    """Lines before the text being parsed (a re-read code block's own lines)."""

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

    def open_list(self, token: Token, line: int) -> None:
        self.ordered.append(token.type == "ordered_list_open")

    def close_list(self, token: Token, line: int) -> None:
        if self.ordered:
            self.ordered.pop()

    def open_item(self, token: Token, line: int) -> None:
        node = Node(
            "item", len(self.items) + 1, line, ordered=bool(self.ordered and self.ordered[-1])
        )
        self.items.append(self._add(node))

    def close_item(self, token: Token, line: int) -> None:
        self.items.pop()
        self.pending = None

    def paragraph(self, token: Token, line: int) -> None:
        if self.pending is None:  # a paragraph that is not a heading's or an item's first
            self._add(Node("para", 0, line, quote=self.quotes > 0))

    def quote(self, token: Token, line: int) -> None:
        self.quotes += 1 if token.type == "blockquote_open" else -1

    def inline(self, token: Token, line: int) -> None:
        if self.table is not None:
            if self.table.rows:
                cell = Node("para", 0, line)
                read_inline(cell, token, self.notes, self.file)
                self.table.rows[-1].append(cell.text)
                self.table.bold_cells[-1].append(cell.bold)
                self.table.links.extend(cell.links)
            return
        if self.pending is not None:
            read_inline(self.pending, token, self.notes, self.file)
            if _KRAMDOWN.fullmatch(self.pending.text) and self.pending.kind == "para":
                self._drop(self.pending)
            self.pending = None

    def _drop(self, node: Node) -> None:
        owner = self.items[-1] if self.items else self.sections[-1]
        if owner.children and owner.children[-1] is node:
            owner.children.pop()

    def open_table(self, token: Token, line: int) -> None:
        self.table = Node("table", 0, line)
        (self.items[-1] if self.items else self.sections[-1]).children.append(self.table)
        self.pending = None

    def row(self, token: Token, line: int) -> None:
        if self.table is not None:
            self.table.rows.append([])
            self.table.bold_cells.append([])

    def close_table(self, token: Token, line: int) -> None:
        self.table = None

    def code(self, token: Token, line: int) -> None:
        plain = token.info.strip().lower() in ("", "md", "markdown", "text")
        if token.type == "fence" and plain and _OKR_PAGE.search(token.content):
            message = "a code block that holds OKRs read as the page it shows"
            self.notes.append(Note(self.file, line, Category.GUESSED, message))
            self._reread(token.content, line)
            return
        lines = token.content.splitlines()
        dashes = [text for text in lines if text.strip()]
        if token.type == "code_block" and dashes and _DASH_LINE.match(dashes[0]):
            self.notes.append(
                Note(
                    self.file,
                    line,
                    Category.GUESSED,
                    "dash lines indented 4 spaces or more (code, to a Markdown parser) read as "
                    "the list they look like",
                )
            )
            self._reread(token.content, line - 1)
            return
        self.unread(token, line)

    def _reread(self, content: str, offset: int) -> None:
        """Read an over-indented block of dash lines as Markdown, in place."""
        lines = content.splitlines()
        indent = min((len(t) - len(t.lstrip()) for t in lines if t.strip()), default=0)
        text = "\n".join(re.sub(r"^(\s*)([-*+])(?=[^\s\-*+])", r"\1\2 ", t[indent:]) for t in lines)
        saved, self.offset = self.offset, offset
        self.pending = None
        for token in _parser().parse(text):
            self.feed(token)
        self.offset = saved

    def html(self, token: Token, line: int) -> None:
        content = re.sub(r"(?is)<br\s*/?>|<!--.*?-->", "", token.content)
        if content.strip():
            self.unread(token, line)

    def unread(self, token: Token, line: int) -> None:
        what = _UNREAD_BLOCKS[token.type]
        hint = _CODE_HINT if token.type == "code_block" else ""
        self.notes.append(Note(self.file, line, Category.UNREAD, f"{what} not read{hint}"))

    def feed(self, token: Token) -> None:
        handle = _BLOCKS.get(token.type)
        if handle is not None:
            handle(self, token, token.map[0] + 1 + self.offset if token.map else 0)


_UNREAD_BLOCKS = {
    "fence": "code block",
    "code_block": "indented code block",
    "html_block": "HTML block",
}
"""Blocks the tree cannot hold, reported as not read, by what the report calls them."""
_CODE_HINT = " (lines indented 4 spaces or more read as code)"

_BLOCKS: dict[str, Callable[[_Tree, Token, int], None]] = {
    "heading_open": _Tree.heading,
    "bullet_list_open": _Tree.open_list,
    "ordered_list_open": _Tree.open_list,
    "bullet_list_close": _Tree.close_list,
    "ordered_list_close": _Tree.close_list,
    "list_item_open": _Tree.open_item,
    "list_item_close": _Tree.close_item,
    "paragraph_open": _Tree.paragraph,
    "blockquote_open": _Tree.quote,
    "blockquote_close": _Tree.quote,
    "inline": _Tree.inline,
    "table_open": _Tree.open_table,
    "tr_open": _Tree.row,
    "table_close": _Tree.close_table,
    "fence": _Tree.code,
    "code_block": _Tree.code,
    "html_block": _Tree.html,
}
"""How each block token is read, with its line (any other, e.g. a rule `---`, is passed by)."""


def tree(text: str, file: str, notes: list[Note]) -> Node:
    """The document as nested headings, list items, paragraphs and tables."""
    building = _Tree(file, notes)
    building.sections.append(building.root)
    for token in _parser().parse(text):
        building.feed(token)
    return building.root


def is_note(node: Node) -> bool:
    """A `=> text` or `Note: text` line: a check-in note, not an objective or key result."""
    return starts_a_note(node.text)


def note_text(text: str) -> str:
    """A note's text without its `=>` or `Note:`."""
    stripped = text.strip()
    lower = stripped.lower()
    found = re.match(r"(=+\s*>|⇒)\s*", stripped)
    if found:
        return stripped[found.end() :].strip()
    for start in ("note:", "notes:", "status:", "update:", "outcome:", "result:", "comment:"):
        if lower.startswith(start):
            return stripped[len(start) :].strip()
    return stripped


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
