"""The site's wording of numbers, scores and key results, as plain text.

Pure, and never HTML: the templates escape everything these return. One rule decides each
key result's verdict (`okrctl.status`); the words here only say where the key result stands,
in its own unit and precision ("13 days, aiming for 10"; "10 due by today", never "45.71
deals"), without a second judgement.
"""

from __future__ import annotations

import functools
import math
import re
from urllib.parse import urlsplit

from okrctl import scoring, status
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Period
from okrctl.scoring import Composition, KeyResult

ICONS = {
    "on track": "\u2714",  # heavy check mark
    "at risk": "\u25b2",  # triangle
    "off track": "\u2716",  # heavy multiplication x
    "not measured": "\u2013",  # en dash
    "done": "\u2605",  # star
    "dropped": "\u2298",  # circled division slash
    "delivered": "\u2714",
    "fell short": "\u25b2",
    "failed": "\u2716",
    "stale": "\u25d4",  # circle with a quarter filled: time has passed
}
BAND_WORDS = {"green": "delivered", "yellow": "fell short", "red": "failed"}
MAX_DECIMALS = 3


def number(value: float | None, decimals: int = 2) -> str:
    """A measurement for people: thousands separated, at most `decimals` decimals, no
    trailing zeros."""
    if value is None:
        return "not measured"
    if not math.isfinite(value):  # refused by the model
        return str(value)
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def score(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def parts(made: Composition) -> str:
    """How a score is made, for beside the score: "0.5 x 0.52 own key results + 0.5 x 0.78
    from 4 supporting objectives" (empty when there is nothing to show)."""
    mean = "weighted mean" if made.weighted else "mean"
    if made.kind == "graded":
        return "final grade"
    if made.kind == "own":
        if made.own_count == 1:
            return "its key result"
        return f"{mean} of {made.own_count} key results"
    if made.kind == "below":
        if made.below_count == 1:
            return "its supporting objective"
        return f"{mean} of {made.below_count} supporting objectives"
    if made.kind == "blend" and made.own is not None and made.below is not None:
        own_weight = number(made.own_weight)
        rest = number(1.0 - made.own_weight)
        return (
            f"{own_weight} \u00d7 {made.own:.2f} own key results + {rest} \u00d7 "
            f"{made.below:.2f} from {plural(made.below_count, 'supporting objective')}"
        )
    if made.kind == "none":
        return "nothing under it is measured yet"
    return ""


# ------------------------------------------------------------------ key results


def decimals(kr: NumericKeyResult) -> int:
    """The precision a key result is written in: the most decimals among its baseline, target,
    current value and check-ins (at most 3)."""
    values = (kr.target, kr.baseline, kr.current, *(c.value for c in kr.checkins))
    return _decimals(values)


@functools.lru_cache(maxsize=65536)
def _decimals(values: tuple[float | bool | None, ...]) -> int:
    found = 0
    for value in values:
        if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
            continue
        text = repr(float(value))
        if "e" in text:
            continue
        found = max(found, len(text.split(".")[1].rstrip("0")))
    return min(found, MAX_DECIMALS)


def measure(kr: NumericKeyResult, value: float | None) -> str:
    """A value in the key result's unit and precision: "16.3 EUR", "12 deals"."""
    shown = number(value, decimals(kr))
    if not kr.unit or value is None:
        return shown
    return f"{shown}%" if kr.unit == "%" else f"{shown} {kr.unit}"


def standing(kr: KeyResult, period: Period) -> str:
    """Where the key result stands, in its own unit: "9 deals, aiming for 12"; "13 days,
    aiming for 10" (a falling target reads the same way); a milestone "done" or "not done yet,
    due by 2026-12-31"."""
    if isinstance(kr, MilestoneKeyResult):
        if scoring.milestone_done(kr):
            return "done"
        return f"not done yet, due by {period.end.isoformat()}"
    value = scoring.measured_value(kr)
    aim = f"aiming for {measure(kr, kr.target)}"
    if value is None:
        return f"no value yet, {aim}"
    return f"{measure(kr, value)}, {aim}"


def due(kr: KeyResult, verdict: status.Verdict) -> str:
    """What the verdict's pace asks for by today, in the key result's unit and precision
    ("10 deals due by today": the value that scores what is due); empty for finished work, a
    milestone, or without a baseline."""
    baseline = kr.known_baseline if isinstance(kr, NumericKeyResult) else None
    if verdict.finished or baseline is None or not isinstance(kr, NumericKeyResult):
        return ""
    if verdict.status in ("done", "dropped", "not measured") or verdict.due <= 0:
        return ""
    value = baseline + (kr.target - baseline) * verdict.due
    return f"{measure(kr, value)} due by {'the end' if verdict.ended else 'today'}"


def lowered(verdict: status.Verdict) -> str:
    """The confidence step, when it lowered the status: "lowered from on track by confidence
    45%"."""
    if not verdict.lowered or verdict.confidence is None:
        return ""
    return f"lowered from {verdict.paced} by confidence {round(verdict.confidence * 100)}%"


def confidence(value: float | None) -> str:
    return "not given" if value is None else f"{round(scoring.clamp(value) * 100)}%"


def host(url: str) -> str:
    """The host an address leads to, shown beside a titled link."""
    return urlsplit(url).hostname or url


CODE_SPAN = re.compile(r"`([^`]+)`")


def code_split(text: str) -> list[str]:
    """okrctl's own prose split at its `backticked` words: every second part is code."""
    return CODE_SPAN.split(text)
