"""The cells of `okrctl export --format csv` as text, both ways: written by the export, read back
by `okrctl import table --preset okrctl`.

- A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
  tab or a carriage return) is written with a leading `'`; the import takes it off again.
- `description` and `links` are written with backslash escapes that read back to the same text:
  `\\\\` is a backslash, `\\n` a line break, `\\xNN` or `\\uNNNN` another control character
  (the characters a terminal would act on), so every cell stays on one line.
- `links` is one `title <url>` per link, separated by `; `, e.g.
  `Dashboard <https://grafana.example.com/d/1>; RFC 12\\; pricing <https://rfc.example.com/12>`.
  In a title, `\\;` is a semicolon and `\\<` an angle bracket (a URL holds neither spaces nor
  angle brackets). Read back, an entry without `<url>` that is itself an address is a link
  titled with its address; any other is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from okrctl.safetext import UNSAFE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula starts."""

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\\n;<>])")
"""A backslash escape as `escaped` and `link_cell` write them (`\\>` is read, never written)."""
_SPACE = re.compile(r"\s*")
_ENTRY = re.compile(r"((?:[^\\;<]|\\.)*)<([^<>]*)>\s*(?:;|\Z)", re.DOTALL)
"""One `title <url>` and the `;` after it, from its first character that is not a space (a
leading `\\s*` here would backtrack against the title's own spaces: quadratic time on a cell of
spaces)."""
_ANY_ENTRY = re.compile(r"(?:[^\\;<]|\\.|\\\Z|<[^>]*>?)*;?", re.DOTALL)
"""Whatever is written up to the next `;` that is not escaped or inside `<...>`."""
_BARE_URL = re.compile(r"https?://[^\s<>\"'`\\]+")


def _formula_like(text: str) -> bool:
    """True when `text`, after any `'` it starts with, starts like a formula: a text written
    `'=x` is guarded as `''=x`, so that `unguarded` gives back `'=x`, not `=x`."""
    return text.lstrip("'").startswith(FORMULA_START)


def guarded(text: str) -> str:
    """`text` with a `'` before it when a spreadsheet would run it as a formula."""
    return "'" + text if _formula_like(text) else text


def unguarded(text: str) -> str:
    """A cell as it was before `guarded`: the `'` before a formula's first character taken off."""
    return text[1:] if text.startswith("'") and _formula_like(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\\n"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """`text` on one line, with no character a terminal would act on, and readable back by
    `unescaped`: backslashes doubled, control characters written as `\\n`, `\\xNN`, `\\uNNNN`."""
    return UNSAFE.sub(_escape, text.replace("\\", "\\\\"))


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "xu":
        return chr(int(code[1:], 16))
    return "\n" if code == "n" else code


def unescaped(text: str) -> str:
    """The text `escaped` (or `link_cell`) wrote; any other backslash is kept as it is."""
    return _ESCAPE.sub(_unescape, text)


def links_cell(links: Iterable[tuple[str, str]]) -> str:
    """Titled links as one cell: `title <url>; title <url>`."""
    return "; ".join(f"{_link_title(title)} <{escaped(url)}>" for title, url in links)


def _link_title(title: str) -> str:
    """A link's title escaped, with its `;` and `<` escaped as well."""
    return escaped(title).replace(";", "\\;").replace("<", "\\<")


def read_links(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (title, url) pairs of a links cell, and the entries that are not a link (as written).

    A link without a title is titled with its address."""
    links: list[tuple[str, str]] = []
    unread: list[str] = []
    position = 0
    while (position := _after_spaces(text, position)) < len(text):
        entry = _ENTRY.match(text, position)
        if entry is not None:
            url = unescaped(entry.group(2)).strip()
            links.append((unescaped(entry.group(1)).strip() or url, url))
            position = entry.end()
            continue
        other = _ANY_ENTRY.match(text, position)
        end = other.end() if other is not None and other.end() > position else len(text)
        written = text[position:end].rstrip(";").strip()
        if _BARE_URL.fullmatch(written):
            links.append((written, written))
        elif written:
            unread.append(written)
        position = end
    return links, unread


def _after_spaces(text: str, position: int) -> int:
    """The position of the first character from `position` on that is not a space."""
    found = _SPACE.match(text, position)
    return found.end() if found is not None else position
