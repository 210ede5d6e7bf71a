"""Web addresses in free text (descriptions, notes, retrospectives) as links, and nothing else.

Pure: `split` cuts a text into plain parts and `http`/`https` URLs; `to_html` escapes every part
and wraps only the URLs in `<a href="..." rel="noopener noreferrer">`. No other markup is ever
produced, whatever the text holds: `javascript:` and other schemes stay text, quotes and angle
brackets end a URL and are escaped, and punctuation that ends a sentence is not part of the
link ("see https://example.com/rfc.").
"""

from __future__ import annotations

import html
import re
from typing import Literal, NamedTuple

_URL = re.compile(r"\bhttps?://[^\s<>\"'`\\]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
REL = "noopener noreferrer"


class Part(NamedTuple):
    """A piece of text: plain, or a web address."""

    kind: Literal["text", "url"]
    value: str


def _trim(url: str) -> str:
    """The URL without the sentence punctuation after it; a closing bracket stays when the URL
    opened it (https://en.wikipedia.org/wiki/OKR_(management)).

    Linear in the URL's length: the brackets are counted once and the count kept as closers
    are trimmed (counting at every step made a URL of many `)` take quadratic time)."""
    unmatched = {
        closer: url.count(closer) - url.count(opener) for closer, opener in _CLOSERS.items()
    }
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in _CLOSERS and unmatched[last] > 0:
            unmatched[last] -= 1
            end -= 1
        else:
            break
    return url[:end]


def _has_host(url: str) -> bool:
    rest = url.split("://", 1)[1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]
    return bool(host) and not host.startswith(":")


def split(text: str) -> list[Part]:
    """`text` as plain parts and URLs, in order; joining the values gives `text` back."""
    parts: list[Part] = []
    position = 0
    for found in _URL.finditer(text):
        url = _trim(found.group())
        if not _has_host(url):
            continue
        start, end = found.start(), found.start() + len(url)
        if start > position:
            parts.append(Part("text", text[position:start]))
        parts.append(Part("url", url))
        position = end
    if position < len(text):
        parts.append(Part("text", text[position:]))
    return parts


def to_html(text: str) -> str:
    """`text` escaped for HTML, with its http(s) URLs as links opened without a referrer."""
    out = []
    for part in split(text):
        shown = html.escape(part.value, quote=True)
        if part.kind == "url":
            out.append(f'<a href="{shown}" rel="{REL}">{shown}</a>')
        else:
            out.append(shown)
    return "".join(out)
