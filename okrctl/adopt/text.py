"""Reading one title: prefixes (`O1:`, `KR1.2:`, `Anna (Platform):`, `Platform KR:`), trailing
tags (`[P0]`, `(@anna)`) and the numbers of a key result.

These work on one title at a time, after the Markdown parser (or a table cell) has given it; the
structure of a document never comes from here. Numbers are read only in forms that say what they
are ("from 12% to 18%", "by 3x", "70% of", "to 200 ms" after a verb that gives the direction);
anything else is left alone and the caller reports it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from okrctl.adopt.records import Measure

Role = Literal["objective", "key_result"]

_OBJECTIVE = re.compile(r"(?i)(?:objective|obj|o)\s*(\d+(?:\.\d+)*)?\s*[:.)\-–—]\s+")
_KEY_RESULT = re.compile(r"(?i)(?:key\s+result|kr)\s*(\d+(?:\.\d+)*)?\s*[:.)\-–—]\s+")
_NAME = r"[A-Z][\w'&.\-]*(?:\s+[A-Z&][\w'&.\-]*){0,3}"
_OWNER_TEAM = re.compile(rf"({_NAME})\s*\(([^()]{{1,60}})\)\s*:\s+")
_TEAM_ROLE = re.compile(
    rf"({_NAME})\s+(objective|okr|kr|key\s+result)\s*\d*(?:\.\d+)*\s*:\s+", re.I
)
_WHO = re.compile(rf"({_NAME}|@[\w.\-]+)\s*:\s+")
_TRAILING_TAG = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*$")
_LEADING_TAG = re.compile(r"^\s*\[([^\[\]]{1,40})\]\s*")
_MENTION = re.compile(r"\s*\(?@([\w.\-]{1,60})\)?\s*$")
_TEAM_SUFFIX = re.compile(rf"\s*\(({_NAME})\)\s*$")
_ASSIGNEE = re.compile(r"\s*\((?:owner|lead|dri)\s*:\s*([^()]{1,60})\)\s*$", re.I)


class Title(NamedTuple):
    """A title with what its prefix and tags said."""

    text: str
    role: Role | None = None
    """What a prefix said the line is."""
    owner: str | None = None
    """A person named by `Name:`, `Name (Team):` or `(@name)`."""
    team: str | None = None
    """A unit named by `Name (Team):` or `Team KR:`."""
    who: str | None = None
    """A bare `Name:` prefix: a person or a unit, for the caller to decide."""
    tags: tuple[str, ...] = ()


@dataclass
class _Parts:
    """A title being read: what is left of its text, and what its prefixes and tags said."""

    text: str
    role: Role | None = None
    owner: str | None = None
    team: str | None = None
    who: str | None = None
    tags: list[str] = field(default_factory=list)


def read_title(raw: str) -> Title:
    """Split a title into its prefix, its text and its tags."""
    parts = _Parts(" ".join(raw.split()))
    while any(read(parts) for read in _PREFIXES):  # leading tags and prefixes, in any order
        pass
    while any(read(parts) for read in _SUFFIXES):  # trailing tags
        pass
    text = parts.text.strip().rstrip(".;,").strip()
    return Title(text, parts.role, parts.owner, parts.team, parts.who, tuple(parts.tags))


def _leading_tag(parts: _Parts) -> bool:
    found = _LEADING_TAG.match(parts.text)
    if found and found.end() < len(parts.text):
        parts.tags.append(found[1].strip())
        parts.text = parts.text[found.end() :]
        return True
    return False


def _key_result_prefix(parts: _Parts) -> bool:
    if parts.role is None and (found := _KEY_RESULT.match(parts.text)):
        parts.role, parts.text = "key_result", parts.text[found.end() :]
        return True
    return False


def _objective_prefix(parts: _Parts) -> bool:
    found = _OBJECTIVE.match(parts.text) if parts.role is None else None
    if found and found.end() < len(parts.text) and (found[1] or len(found[0].strip()) > 1):
        parts.role, parts.text = "objective", parts.text[found.end() :]
        return True
    return False


def _owner_team_prefix(parts: _Parts) -> bool:
    if parts.team is None and parts.owner is None and (found := _OWNER_TEAM.match(parts.text)):
        parts.owner, parts.team = found[1].strip(), found[2].strip()
        parts.text = parts.text[found.end() :]
        return True
    return False


def _team_role_prefix(parts: _Parts) -> bool:
    if parts.team is None and (found := _TEAM_ROLE.match(parts.text)):
        parts.team = found[1].strip()
        word = found[2].lower()
        parts.role = "objective" if word in ("objective", "okr") else "key_result"
        parts.text = parts.text[found.end() :]
        return True
    return False


def _who_prefix(parts: _Parts) -> bool:
    if parts.owner is not None or parts.who is not None or parts.team is not None:
        return False
    found = _WHO.match(parts.text)
    if found is None:
        return False
    rest = parts.text[found.end() :]
    if rest and found[1].lower() not in ("note", "status", "update", "outcome"):
        parts.who, parts.text = found[1].lstrip("@").strip(), rest
        return True
    return False


def _trailing_tag(parts: _Parts) -> bool:
    if (found := _TRAILING_TAG.search(parts.text)) and found.start() > 0:
        parts.tags.insert(0, found[1].strip())
        parts.text = parts.text[: found.start()]
        return True
    return False


def _mention_suffix(parts: _Parts) -> bool:
    if parts.owner is None and (found := _MENTION.search(parts.text)) and found.start() > 0:
        parts.owner, parts.text = found[1], parts.text[: found.start()]
        return True
    return False


def _assignee_suffix(parts: _Parts) -> bool:
    if parts.owner is None and (found := _ASSIGNEE.search(parts.text)) and found.start() > 0:
        parts.owner, parts.text = found[1].strip(), parts.text[: found.start()]
        return True
    return False


def _team_suffix(parts: _Parts) -> bool:
    if parts.team is None and (found := _TEAM_SUFFIX.search(parts.text)) and found.start() > 0:
        parts.team, parts.text = found[1].strip(), parts.text[: found.start()]
        return True
    return False


_PREFIXES: tuple[Callable[[_Parts], bool], ...] = (
    _leading_tag,
    _key_result_prefix,
    _objective_prefix,
    _owner_team_prefix,
    _team_role_prefix,
    _who_prefix,
)
"""What a title may start with, tried in this order (each after any found before it)."""
_SUFFIXES: tuple[Callable[[_Parts], bool], ...] = (
    _trailing_tag,
    _mention_suffix,
    _assignee_suffix,
    _team_suffix,
)
"""What a title may end with, tried in this order."""


# --------------------------------------------------------------------------- numbers

_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_SCALE = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "bn": 1e9}
_NUMBER = re.compile(
    r"(?<![\w.\-/:])(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suf>\s?%|x\b|×|k\b|K\b|M\b|m\b(?!in)|bn\b)?(?![\w/:.\-]*\d)"
)
_STOP = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
    "the", "to", "while", "with", "within", "without", "than", "across", "each", "every",
    "less", "between", "before", "after", "until", "over", "under", "oldest", "newest", "top",
    "first", "last", "biggest", "largest", "most", "best",
}  # fmt: skip
_ADJECTIVES = {
    "new", "more", "paying", "active", "qualified", "additional", "extra", "monthly", "weekly",
    "daily", "annual", "enterprise", "happy", "returning", "unique", "net", "total",
}  # fmt: skip
"""Words between a number and its unit that are not the unit. "40 oldest reports" stays
unread: which reports count is not a unit."""
_INCREASE = {
    "grow", "increase", "raise", "reach", "hit", "achieve", "double", "triple", "boost",
    "improve", "expand", "gain", "win", "sign", "close", "acquire", "onboard", "add", "hire",
    "book", "get", "ship", "launch", "publish", "lift", "scale", "attain", "exceed", "deliver",
    "convert", "land", "recruit", "train", "run", "complete",
}  # fmt: skip
_DECREASE = {
    "reduce", "cut", "lower", "decrease", "shrink", "drop", "halve", "bring", "shorten",
    "eliminate", "minimise", "minimize", "limit", "trim", "fall", "slash",
}  # fmt: skip
_ABOVE = ("at least", "over", "above", "more than", ">=", "≥", "greater than")
_BELOW = ("under", "below", "less than", "at most", "<=", "≤", "fewer than", "within")


class Number(NamedTuple):
    value: float
    unit: str | None
    start: int
    end: int
    multiple: bool = False


def numbers(text: str) -> list[Number]:
    """The numbers of a title with their unit, leaving out years, dates, versions and ids."""
    found = []
    for match in _NUMBER.finditer(text):
        digits = match["num"].replace(",", "")
        value = float(digits)
        suffix = match["suf"].strip() if match["suf"] else None
        currency = match["cur"]
        if suffix is None and currency is None and re.fullmatch(r"(19|20)\d\d", digits):
            continue  # a year
        unit: str | None = None
        multiple = False
        if suffix in ("x", "×"):
            unit, multiple = "x", True
        elif suffix == "%":
            unit = "%"
        elif suffix in _SCALE:
            value *= _SCALE[suffix]
        if currency:
            unit = _CURRENCY[currency]
        end = match.end()
        if unit is None:
            unit, end = _unit_word(text, end)
        found.append(Number(value, unit, match.start(), end, multiple))
    return found


def _unit_word(text: str, end: int) -> tuple[str | None, int]:
    """The noun after a number ("40 new customers" -> customers), looking past one adjective."""
    position = end
    for _ in range(2):
        word = re.match(r" ?([A-Za-z][A-Za-z\-]{0,24})\b", text[position:])
        if word is None:
            break
        lower = word[1].lower()
        if lower in _ADJECTIVES:
            position += word.end()
            continue
        if lower in _STOP:
            break
        return lower, position + word.end()
    return None, end


def _ends_with_words(text: str, words: str) -> bool:
    """`text` ends with `words` as whole words ("cut turnover" does not end with "over")."""
    return text == words or text.endswith((" " + words, "(" + words))


def _verb(text: str) -> Literal["increase", "decrease"] | None:
    words = re.findall(r"[a-z]+", text.lower())
    for word in words[:3]:
        stem = word.rstrip("s") if word not in ("scale", "close") else word
        if word in _DECREASE or stem in _DECREASE:
            return "decrease"
        if word in _INCREASE or stem in _INCREASE or word.rstrip("ed") in _INCREASE:
            return "increase"
    return None


class Reading(NamedTuple):
    """What the numbers of a key result say: a measure, or why there is none."""

    measure: Measure | None
    how: str
    """How the numbers were read (for the report), or why they were not."""
    guessed: bool = False


def read_numbers(title: str) -> Reading:
    """Baseline, target and unit of a key result's title, where they are unambiguous."""
    found = numbers(title)
    if not found:
        return Reading(None, "no numbers")
    lower = title.lower()
    pair = _range(lower, found)
    if pair is not None:
        if len(found) != 2:
            return Reading(None, "more numbers than a baseline and a target")
        return _from_to(*pair)
    if len(found) != 1:
        return Reading(None, "several numbers and no 'from ... to ...'")
    return _one_number(title, lower, found[0])


def _range(lower: str, found: list[Number]) -> tuple[Number, Number] | None:
    """The first two numbers written "from X to Y", "X -> Y" or "X → Y"."""
    for first, second in itertools.pairwise(found):
        between = lower[first.end : second.start]
        before = lower[: first.start].rstrip()
        arrow = between.strip() in ("->", "→", "=>", "to", "-", "–")
        if (before.endswith("from") and between.strip() == "to") or (
            arrow and between.strip() != "to" and between.strip() not in ("-", "–")
        ):
            return first, second
    return None


def _from_to(first: Number, second: Number) -> Reading:
    """The measure going from `first` (the baseline) to `second` (the target)."""
    units = {u for u in (first.unit, second.unit) if u}
    if len(units) == 2 and len({u.removesuffix("s") for u in units}) == 1:
        units = {max(units, key=len)}  # "from 3 days to 1 day"
        first, second = first._replace(unit=None), second._replace(unit=next(iter(units)))
    if len(units) > 1:
        return Reading(None, f"two units ({' and '.join(sorted(units))})")
    unit = second.unit or first.unit
    if first.value == second.value:
        return Reading(None, "baseline and target are the same number")
    how = f"baseline {first.value:.15g}, target {second.value:.15g}"
    if unit is None:
        return Reading(Measure(second.value, "count", first.value), how + ", unit 'count'", True)
    return Reading(Measure(second.value, unit, first.value), f"{how} {unit}")


def _one_number(title: str, lower: str, only: Number) -> Reading:
    """The measure a title with one number gives, when the words around it say it is a target."""
    before = lower[: only.start].rstrip()
    after = lower[only.end :].lstrip()
    last = before.split()[-1] if before.split() else ""
    verb = _verb(lower)
    if only.multiple:
        return _multiple(only, last, verb)
    if only.unit == "%" and after.startswith("of "):
        return Reading(Measure(only.value, "%", None, "increase"), f"target {only.value:g}% of")
    if last == "by":
        return Reading(None, f"'by {only.value:g}' is a change, not a level: baseline unknown")
    bound = _bound(before, only)
    if bound is not None:
        return bound
    if verb is not None and last in ("to", "reach", "reaches"):
        unit = only.unit or "count"
        return Reading(
            Measure(only.value, unit, None, verb), f"target {only.value:g} {unit} ({verb})"
        )
    if verb == "increase" and only.unit not in (None, "%") and last not in ("in", "of"):
        return Reading(
            Measure(only.value, only.unit, None, "increase"),
            f"target {only.value:g} {only.unit}, counted up from an unknown start",
            True,
        )
    return Reading(None, f"'{title[only.start : only.end]}' does not say whether it is a target")


def _multiple(only: Number, last: str, verb: Literal["increase", "decrease"] | None) -> Reading:
    """ "by 3x" after a verb that says it grows: a multiple of the start."""
    if last == "by" and verb == "increase" and only.value > 1:
        return Reading(
            Measure(only.value, "x", 1.0, "increase"),
            f"a multiple of the start: baseline 1x, target {only.value:g}x",
        )
    return Reading(None, f"'{only.value:g}x' without a verb that says it grows")


def _bound(before: str, only: Number) -> Reading | None:
    """ "at least 40", "under 200 ms": a target to stay above or below; None for neither."""
    if any(_ends_with_words(before, words) for words in _ABOVE):
        unit = only.unit or "count"
        return Reading(
            Measure(only.value, unit, None, "increase"), f"target at least {only.value:g} {unit}"
        )
    if any(_ends_with_words(before, words) for words in _BELOW):
        unit = only.unit or "count"
        return Reading(
            Measure(only.value, unit, None, "decrease"), f"target at most {only.value:g} {unit}"
        )
    return None
