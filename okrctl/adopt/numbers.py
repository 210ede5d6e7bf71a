"""The numbers of a key result's title: baseline, target, unit and direction, where the words say
what they are.

Numbers are read only in forms that say what they are ("from 12% to 18%", "by 3x", "70% of",
"to 200 ms" after a verb that gives the direction, "at least 40", "no more than 3", "under 2%",
"< 1 s"); anything else is left alone and the caller reports it.
"""

from __future__ import annotations

import itertools
import re
from typing import Literal, NamedTuple

from okrctl.adopt.records import Measure

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
_BELOW = (
    "not more than", "no more than", "not exceed", "not to exceed", "no higher than", "at most",
    "under", "below", "less than", "fewer than", "within", "maximum", "max", "max.", "<", "<=",
    "≤", "=<",
)  # fmt: skip
"""Words before a number that make it a ceiling; tried before `_ABOVE`, which "no more than"
would otherwise match."""
_ABOVE = (
    "at least", "over", "above", "more than", "greater than", "minimum", "min", "min.", ">",
    ">=", "≥",
)  # fmt: skip


class Number(NamedTuple):
    value: float
    unit: str | None
    start: int
    end: int
    multiple: bool = False
    at_least: bool = False
    """Written with a plus ("500+")."""


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
        plus = text[end : end + 1] == "+"
        if unit is None:
            unit, end = _unit_word(text, end + plus)
            end = max(end, match.end() + plus)
        found.append(Number(value, unit, match.start(), end, multiple, plus))
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
    bound = _bound(before, after, only)
    if bound is not None:
        return bound
    if only.unit == "%" and after.startswith("of "):
        return Reading(Measure(only.value, "%", None, "increase"), f"target {only.value:g}% of")
    if last == "by":
        return Reading(None, f"'by {only.value:g}' is a change, not a level: baseline unknown")
    if verb is not None and last in ("to", "reach", "reaches"):
        unit = only.unit or "count"
        return Reading(
            Measure(only.value, unit, None, verb), f"target {only.value:g} {unit} ({verb})"
        )
    if only.start == 0 and only.unit not in (None, "%") and not only.multiple:
        return Reading(
            Measure(only.value, only.unit, None, "increase"),
            f"a count to reach: target {only.value:g} {only.unit}, from an unknown start",
            True,
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


def _bound(before: str, after: str, only: Number) -> Reading | None:
    """ "at least 40", "under 200 ms", "no more than 3", "500+", "3 or fewer": a target to stay
    above or below; None for neither."""
    unit = only.unit or "count"
    below = any(_ends_with_words(before, words) for words in _BELOW) or after.startswith(
        ("or less", "or fewer", "or below", "at most", "max")
    )
    above = (
        only.at_least
        or any(_ends_with_words(before, words) for words in _ABOVE)
        or after.startswith(("+", "or more", "or above", "or higher", "at least"))
    )
    if below:
        return Reading(
            Measure(only.value, unit, None, "decrease"), f"target at most {only.value:g} {unit}"
        )
    if above:
        return Reading(
            Measure(only.value, unit, None, "increase"), f"target at least {only.value:g} {unit}"
        )
    return None
