"""Reading one title: its prefixes (`O1:`, `KR1.2:`, `[Key Result]`, `Ops KR:`, `CEO:`, `Sales
(Closing Deals):`, `` `P0` @owner - ``), its trailing tags (`[P0]`, `⭐`, `(@anna)`, ` -
@alanshaw`, `(owner: X)`) and a trailing `(Name)`; and whether a line only holds a place.

These work on one title at a time, after the Markdown parser (or a table cell) has given it; the
structure of a document never comes from here, and who a holder (`CEO:`, `Platform:`) is, a
person, a role or a team, is decided by `holders` with what the whole page says. A holder is read
from a plain `Name:` prefix only when the page writes its lines that way (`loose`), or when the
name is written in capitals like a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Literal, NamedTuple

Role = Literal["objective", "key_result"]

_OBJECTIVE = re.compile(r"(?i)(?:objective|obj|o)\s*(\d+(?:\.\d+)*)?\s*[:.)\-–—]\s+")
_KEY_RESULT = re.compile(r"(?i)(?:key\s+results?|krs?)\s*#?\s*(\d+(?:\.\d+)*)?\s*[:.)\-–—]\s+")
_PAREN = r"(?:\s*\([^()]{1,60}\))?"
_NAME = r"[A-Z][\w'&.\-/]*(?:\s+[A-Z&][\w'&.\-/]*){0,3}"
_LOOSE_NAME = r"[A-Z@][\w'&.\-/]*(?:\s+[\w'&.\-/]+){0,4}"
_TEAM_ROLE = re.compile(
    rf"({_LOOSE_NAME}{_PAREN})\s+(objective|okr|krs?|key\s+results?)\s*#?\d*(?:\.\d+)*\s*:\s+",
    re.I,
)
_WHO = re.compile(rf"({_NAME}{_PAREN}|@[\w.\-]+)\s*:\s+")
_LOOSE_WHO = re.compile(rf"({_LOOSE_NAME}{_PAREN})\s*:\s*(?=\S)")
_PRIORITY = re.compile(r"(?i)^\[?(P[0-4X])\]?(?:\s*[-–—:|]\s*|\s+(?=@)|\s+(?=\S))")
_HANDLE_FIRST = re.compile(r"^@([A-Za-z0-9][\w.\-]{0,38})\s*(?:[-–—:|]\s*|\s+)")
_TRAILING_TAG = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*$")
_LEADING_TAG = re.compile(r"^\s*\[([^\[\]]{1,40})\]\s*")
_BRACKET_LABEL = re.compile(r"^\s*\[\s*([A-Za-z][A-Za-z _\-]{0,20}?)\s*\]\s*[:\-–—]?\s*")
_ENUMERATOR = re.compile(r"^\(([a-z]|[ivx]{1,4}|\d{1,2})\)\s+(?=\S)")
"""A list's own numbering written in the text ("(a) Study ...", "(2) ..."): not the title's."""
_ROLE_WORDS: dict[str, Role] = {
    "objective": "objective", "obj": "objective", "keyresult": "key_result",
    "keyresults": "key_result", "kr": "key_result",
}  # fmt: skip
"""A bracketed label ("[Objective]", "[Key Result]", "[KeyResult]"), spaces left out; a word of
eight letters or more one typing slip away ("[Ket Result]") is the same label."""
_MENTION = re.compile(r"(?:\s+[-–—]\s*|\s*\(\s*|\s+)@([A-Za-z0-9][\w.\-]{0,38})\s*\)?\s*$")
_PAREN_SUFFIX = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
_CODE_SUFFIX = re.compile(r"\s*\(([a-z]{1,4})\)\s*$")
"""A trailing lowercase code in parentheses ("(ewd)", "(n)"): a tag."""
_ASSIGNEE = re.compile(r"\s*\((?:owners?|lead|dri)\s*:\s*([^()]{1,60})\)\s*$", re.I)
CATEGORY_WORDS = {
    "existing", "new", "stretch", "bonus", "optional", "committed", "aspirational", "must",
    "should", "could", "must have", "should have", "could have", "nice to have", "now", "next",
    "later", "ongoing", "continuing", "carry-over", "carried over", "stretch goal", "moonshot",
    "roofshot", "baseline",
}  # fmt: skip
"""Words that classify a line ("Existing: ...", "Stretch: ..."): tags, never holders."""
_PLACEHOLDER = re.compile(r"^(?:P[0-4X]|TBD|TBC|TODO|\W)*(?:\(.*\))?\W*$", re.I)
_PLACEHOLDER_PHRASE = re.compile(
    r"(?i)^\W*(?:coming soon|to be (?:defined|determined|decided|confirmed|added|announced)|"
    r"not (?:yet )?defined|tbd|tbc|todo)\b"
)
"""A line that stands for a key result to come ("Coming soon, discussion tracked here.")."""
_NOT_HOLDERS = {"note", "notes", "status", "update", "outcome", "result", "e.g", "i.e", "eg", "ie",
                "http", "https", "todo", "tbd", "n.b", "nb", "ps", "why"}  # fmt: skip


class Title(NamedTuple):
    """A title with what its prefixes and tags said."""

    text: str
    role: Role | None = None
    """What a label said the line is (`Objective:`, `KR:`, `Ops KR:`)."""
    holder: str | None = None
    """Who holds the line, as written before its colon: `CEO`, `Platform`, `Anna Keller (SRE)`."""
    handles: tuple[str, ...] = ()
    """GitHub handles named (`@alanshaw`), without the `@`."""
    assignee: str | None = None
    """A name in `(owner: Name)`."""
    paren: str | None = None
    """A trailing `(Name)`, taken off `text`: a unit or a person when the page says so, else
    part of the title (`with_paren`)."""
    tags: tuple[str, ...] = ()
    labelled: bool = False
    """The holder came with a label (`Ops KR:`, `Engineering objective:`): the page says so."""

    @property
    def with_paren(self) -> str:
        return f"{self.text} ({self.paren})" if self.paren else self.text


@dataclass
class _Parts:
    """A title being read: what is left of its text, and what its prefixes and tags said."""

    text: str
    loose: bool
    role: Role | None = None
    holder: str | None = None
    handles: list[str] = field(default_factory=list)
    assignee: str | None = None
    paren: str | None = None
    tags: list[str] = field(default_factory=list)
    labelled: bool = False


def read_title(raw: str, loose: bool = False) -> Title:
    """Split a title into its prefixes, its text and its tags. `loose`: the page writes its
    lines `Holder: text`, so any short name before a colon is a holder."""
    parts = _Parts(" ".join(raw.split()), loose)
    while any(read(parts) for read in _PREFIXES):  # leading tags and prefixes, in any order
        pass
    while any(read(parts) for read in _SUFFIXES):  # trailing tags
        pass
    text = parts.text.strip()
    if len(text) > 2 and text[0] in '"“' and text[-1] in '"”' and '"' not in text[1:-1]:
        text = text[1:-1].strip()  # a title quoted whole
    text = text.rstrip(";,").strip()
    return Title(
        text,
        parts.role,
        parts.holder,
        tuple(parts.handles),
        parts.assignee,
        parts.paren,
        tuple(parts.tags),
        parts.labelled,
    )


def _symbol(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Mn") or char in "•·★☆"


def _leading_symbols(parts: _Parts) -> bool:
    text = parts.text
    index = 0
    while index < len(text) and (_symbol(text[index]) or text[index] == " "):
        index += 1
    if 0 < index < len(text):
        parts.text = text[index:]
        return True
    return False


def _leading_tag(parts: _Parts) -> bool:
    found = _LEADING_TAG.match(parts.text)
    if found and found.end() < len(parts.text) and not found[1].startswith(("x", "X", " ")):
        parts.tags.append(found[1].strip())
        parts.text = parts.text[found.end() :]
        return True
    return False


def _bracket_label(parts: _Parts) -> bool:
    found = _BRACKET_LABEL.match(parts.text) if parts.role is None else None
    if found is None or found.end() >= len(parts.text):
        return False
    word = re.sub(r"[\s_\-]+", "", found[1].lower())
    close = get_close_matches(word, [w for w in _ROLE_WORDS if len(w) >= 8], n=1, cutoff=0.85)
    role = _ROLE_WORDS.get(word) or (_ROLE_WORDS[close[0]] if close and len(word) >= 8 else None)
    if role is None:
        return False
    parts.role, parts.text = role, parts.text[found.end() :]
    return True


def _enumerator(parts: _Parts) -> bool:
    found = _ENUMERATOR.match(parts.text)
    if found and found.end() < len(parts.text):
        parts.text = parts.text[found.end() :]
        return True
    return False


def _priority(parts: _Parts) -> bool:
    found = _PRIORITY.match(parts.text)
    if found and found.end() < len(parts.text):
        parts.tags.append(found[1].upper())
        parts.text = parts.text[found.end() :]
        return True
    return False


def _handle_first(parts: _Parts) -> bool:
    found = _HANDLE_FIRST.match(parts.text)
    if found and found.end() < len(parts.text):
        parts.handles.append(found[1])
        parts.text = parts.text[found.end() :]
        return True
    return False


def _key_result_prefix(parts: _Parts) -> bool:
    found = _KEY_RESULT.match(parts.text) if parts.role is None else None
    if found is not None and found.end() < len(parts.text):
        parts.role, parts.text = "key_result", parts.text[found.end() :]
        return True
    return False


def _objective_prefix(parts: _Parts) -> bool:
    found = _OBJECTIVE.match(parts.text) if parts.role is None else None
    if found and found.end() < len(parts.text) and (found[1] or len(found[0].strip()) > 1):
        parts.role, parts.text = "objective", parts.text[found.end() :]
        return True
    return False


def _team_role_prefix(parts: _Parts) -> bool:
    if parts.holder is None and (found := _TEAM_ROLE.match(parts.text)):
        parts.holder, parts.labelled = found[1].strip(), True
        word = found[2].lower()
        parts.role = "objective" if word in ("objective", "okr") else "key_result"
        parts.text = parts.text[found.end() :]
        return True
    return False


def _who_prefix(parts: _Parts) -> bool:
    if parts.holder is not None:
        return False
    found = (_LOOSE_WHO if parts.loose else _WHO).match(parts.text)
    if found is None:
        return False
    name = found[1].strip()
    rest = parts.text[found.end() :]
    if rest and name.lower() in CATEGORY_WORDS:
        parts.tags.append(name)
        parts.text = rest
        return True
    if (
        rest
        and name.lower().rstrip(".") not in _NOT_HOLDERS
        and not name.lower().startswith("http")
        and not re.fullmatch(r"[A-Z][a-z][A-Z]s?", name)  # "PoC:", "QoS:": an abbreviation
    ):
        parts.holder, parts.text = name, rest
        return True
    return False


def _trailing_tag(parts: _Parts) -> bool:
    if (found := _TRAILING_TAG.search(parts.text)) and found.start() > 0:
        parts.tags.insert(0, found[1].strip())
        parts.text = parts.text[: found.start()]
        return True
    return False


def _code_suffix(parts: _Parts) -> bool:
    if (found := _CODE_SUFFIX.search(parts.text)) and found.start() > 0:
        parts.tags.insert(0, found[1])
        parts.text = parts.text[: found.start()]
        return True
    return False


def _trailing_symbols(parts: _Parts) -> bool:
    text = parts.text.rstrip()
    end = len(text)
    while end > 0 and _symbol(text[end - 1]):
        end -= 1
    if 0 < end < len(text):
        parts.tags.insert(0, text[end:].strip())
        parts.text = text[:end].rstrip()
        return True
    return False


def _mention_suffix(parts: _Parts) -> bool:
    if (found := _MENTION.search(parts.text)) and found.start() > 0:
        parts.handles.insert(0, found[1])
        parts.text = parts.text[: found.start()]
        return True
    return False


def _assignee_suffix(parts: _Parts) -> bool:
    if parts.assignee is None and (found := _ASSIGNEE.search(parts.text)) and found.start() > 0:
        parts.assignee, parts.text = found[1].strip(), parts.text[: found.start()]
        return True
    return False


def _paren_suffix(parts: _Parts) -> bool:
    if parts.paren is None and (found := _PAREN_SUFFIX.search(parts.text)) and found.start() > 0:
        inside = found[1].strip()
        if re.fullmatch(_NAME, inside) and len(inside.split()) <= 3:
            parts.paren, parts.text = inside, parts.text[: found.start()]
            return True
    return False


_PREFIXES: tuple[Callable[[_Parts], bool], ...] = (
    _leading_symbols,
    _enumerator,
    _bracket_label,
    _leading_tag,
    _priority,
    _handle_first,
    _key_result_prefix,
    _objective_prefix,
    _team_role_prefix,
    _who_prefix,
)
"""What a title may start with, tried in this order (each after any found before it)."""
_SUFFIXES: tuple[Callable[[_Parts], bool], ...] = (
    _trailing_tag,
    _code_suffix,
    _trailing_symbols,
    _mention_suffix,
    _assignee_suffix,
    _paren_suffix,
)
"""What a title may end with, tried in this order."""


def is_placeholder(text: str) -> bool:
    stripped = text.strip()
    return _PLACEHOLDER.fullmatch(stripped) is not None or bool(_PLACEHOLDER_PHRASE.match(stripped))
