"""One Markdown block's inline content read into a tree node: its text, the lines it wraps over,
its links, its struck-through text, its task box, and whether it is bold throughout.

`mdtree` builds the tree of blocks and hands each block's inline token to `read_inline`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it.token import Token

from okrctl.adopt.records import Category, Link, Note

if TYPE_CHECKING:
    from okrctl.adopt.mdtree import Node

NOTE_START = ("=>", "==>", "== >", "⇒")
"""How a line that reports a result or a note starts (`=> Done`)."""
_ARROW = re.compile(r"=+\s*>|⇒")
NOTE_WORDS = ("note:", "notes:", "status:", "update:", "outcome:", "result:", "comment:")
"""Words a note line starts with (`Note: ...`)."""


def starts_a_note(text: str) -> bool:
    lower = text.strip().lower()
    return lower.startswith(NOTE_START) or lower.startswith(NOTE_WORDS)


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
    strong: int = 0
    bold_chars: int = 0
    plain_chars: int = 0
    first_plain: int = 0
    """Plain characters on the first line (a bold first line is the title of what follows)."""
    arrow: bool = False
    """A result arrow (`=> Done`) was seen: what follows does not make the block less bold."""
    parens: int = 0
    """Depth of parentheses outside bold text: a reference after a bold title does not make it
    less bold ("**Set up X.** ([#24](...))")."""
    lead: bool = True
    """Nothing but spaces before the current position (for a leading link)."""

    def checkbox(self, child: Token) -> None:
        self.node.checked = 'checked="checked"' in child.content

    def line_break(self, child: Token) -> None:
        if self.href is not None:
            self.label += " "
        self.lines.append("")

    def strike(self, child: Token) -> None:
        self.struck = True

    def unstrike(self, child: Token) -> None:
        self.struck = False

    def open_strong(self, child: Token) -> None:
        self.strong += 1

    def close_strong(self, child: Token) -> None:
        self.strong = max(self.strong - 1, 0)

    def open_link(self, child: Token) -> None:
        self.href, self.label = str(child.attrs.get("href", "")), ""

    def close_link(self, child: Token) -> None:
        href = self.href
        if href is not None:
            label = " ".join(self.label.split())
            if self.lead and self.node.lead_link is None and label:
                self.node.lead_link = Link(label, href)
                self.node.after_link = ""
            if href.startswith(("http://", "https://")):
                self.node.links.append(Link(label or href, href))
            elif not href.startswith("#"):  # a link within the page says nothing worth keeping
                self.notes.append(
                    Note(
                        self.file,
                        self.first + len(self.lines) - 1,
                        Category.UNREAD,
                        f"link {href!r} is not an http(s) address: kept as text only",
                    )
                )
        self.href = None
        self.lead = False

    def text(self, child: Token) -> None:
        content = child.content
        self.lines[-1] += content
        if self.href is not None:
            self.label += content
        elif self.node.after_link is not None:
            self.node.after_link += content
        elif content.strip():
            self.lead = False
        weight = sum(1 for c in content if c.isalnum())
        if not self.strong and _ARROW.search(content):
            self.arrow = True
        if self.strong:
            self.bold_chars += weight
        elif not self.arrow and not self.parens and "(" not in content:
            self.plain_chars += weight
            self.first_plain += weight if len(self.lines) == 1 else 0
        if not self.strong:
            self.parens = max(self.parens + content.count("(") - content.count(")"), 0)
        if len(self.lines) == 1:
            if not self.struck:
                self.node.unstruck += content
                self.leading = self.leading and not content.strip()
            elif self.leading:
                self.node.struck += content

    def image(self, child: Token) -> None:
        self.lines[-1] += child.content

    def html(self, child: Token) -> None:
        """Inline HTML is text (a title may hold `<b>`), but for a line break, a comment or an
        anchor (`<a name="kr1"></a>`)."""
        anchor = r"<a\s+(?:name|id)\s*=[^>]*>|</a\s*>"  # a link target: markup, no words
        if not re.fullmatch(rf"(?is)\s*(<br\s*/?>|<!--.*?-->|{anchor})\s*", child.content):
            self.text(child)


_INLINE: dict[str, Callable[[_Inline, Token], None]] = {
    "softbreak": _Inline.line_break,
    "hardbreak": _Inline.line_break,
    "s_open": _Inline.strike,
    "s_close": _Inline.unstrike,
    "strong_open": _Inline.open_strong,
    "strong_close": _Inline.close_strong,
    "link_open": _Inline.open_link,
    "link_close": _Inline.close_link,
    "text": _Inline.text,
    "code_inline": _Inline.text,
    "image": _Inline.image,
    "html_inline": _Inline.html,
}
"""How each inline token is read (a task box, an `html_inline` token, is read apart; other
inline HTML such as `<br />` is left out)."""


def read_inline(node: Node, token: Token, notes: list[Note], file: str) -> None:
    """Fill `node` from an inline token. Lines a paragraph wraps over are its text (Markdown
    reads them as one paragraph); from a line that starts a note (`=> ...`, `Note: ...`) on,
    they are `extra` lines; after a bold first line, they are its `body`."""
    first = token.map[0] + 1 if token.map else node.line
    reading = _Inline(node, notes, file, first)
    for child in token.children or []:
        if child.type == "html_inline" and "task-list-item-checkbox" in child.content:
            reading.checkbox(child)
            continue
        handle = _INLINE.get(child.type)
        if handle is not None:
            handle(reading, child)
    _fill(node, reading, first)


def _fill(node: Node, reading: _Inline, first: int) -> None:
    """The node's text, body, note lines and boldness from what was read."""
    lines = [line.strip() for line in reading.lines]
    cut = next((i for i, line in enumerate(lines) if i and starts_a_note(line)), len(lines))
    if cut > 1 and reading.bold_chars and not reading.first_plain and lines[0]:
        # a bold first line over more lines: the title, and the text of what it names
        node.body = [(first + i, line) for i, line in enumerate(lines[1:cut], 1) if line]
        cut = 1
    node.text = " ".join(" ".join(line for line in lines[:cut] if line).split())
    node.first_line = lines[0]
    node.lines = [line for line in lines if line]
    node.unstruck = " ".join(node.unstruck.split())
    node.extra = [(first + i, line) for i, line in enumerate(lines) if i >= cut and line]
    node.bold = reading.bold_chars > 0 and reading.plain_chars == 0
    if node.after_link is not None:
        node.after_link = " ".join(node.after_link.split())
