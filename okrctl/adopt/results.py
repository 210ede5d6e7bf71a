"""End-of-period results written beside a title: scores, done-states, dropped and moved work.

Pages report results in their own ways: after an arrow ("=> Done", "==> Not done", "=> 70%",
"=> 25% done, pushing to Q4"), as trailing words ("DONE", "MISSED", "50% ACHIEVED", ". Done"),
as a bracketed or labelled score ("[0.5]", "- score 0.7", "Score: 0.6"), as an emoji ("✅",
"❌"), or as a parenthesis ("(dropped)", "(moved to Q3)"). `split` takes the result off a title
and says what it states; words that are part of what is measured ("Shipped.", "Published and
delivered.") stay in the title, and a narrative states nothing but a note.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Status = Literal["dropped", "moved"]

_ARROW = re.compile(r"\s*(?:=+\s*>|⇒)\s*")
_WEAK_ARROW = re.compile(r"\s+(?:->|→)\s+")
_PERCENT = re.compile(
    r"^(~|about\s+|approx\.?\s+)?(\d{1,3}(?:\.\d+)?)\s?%(?!\s*(?:of|increase|growth|more|less|"
    r"faster|slower|decrease|improvement|up|down|higher|lower|reduction|better|worse)\b)"
)
_FRACTION = re.compile(r"^(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)(?=$|[\s,;)/])")
_DONE = re.compile(
    r"(?i)^(done|achieved|completed?|shipped|implemented|delivered|launched|released|available|"
    r"published|met|hit|yes|finished|accomplished|all (?:done|shipped|completed?)|"
    r"(\d+)\s*/\s*\2\s+(?:done|shipped|completed?|delivered))\b"
    r"(?!\s+(?:a|an|some|most|lots|much|many|several|partly|partially)\b)"
)
_NOT_DONE = re.compile(
    r"(?i)^(not\s+(?:done|completed?|started|hit|met|achieved|shipped|delivered|yet|finished|"
    r"accomplished|reached)|miss(?:ed)?|failed|fail|incomplete|no(?=\W*$)|did\s?n[o']t|didn't|"
    r"unfinished|not\s+implemented)\b"
)
_NOT_YET = re.compile(r"(?i)^(?:no|not|none)\b[^.;]*\byet\b")
"""A result that says nothing is done yet ("No CEs hired yet.")."""
_DROPPED = re.compile(
    r"(?i)\b(de-?prioriti[sz]ed|dropped|cancell?ed|abandoned|descoped|de-scoped|"
    r"not going to (?:measure|do|pursue)|won'?t do|no longer (?:a )?priorit(?:y|ies)|removed from "
    r"scope|out of scope)\b"
)
_MOVED = re.compile(
    r"(?i)\b(mov(?:ed|ing)|push(?:ed|ing)(?: back)?|postponed?|deferred|carr(?:y|ied|ies) over|"
    r"roll(?:ed|ing) over|slipped|shifted)\b(?:\s+(?:to|into|until|till|back))?"
    r"(?:\s+(?:the\s+)?(?:next\s+(?:quarter|cycle|sprint|year|half|month|period|set)|"
    r"[QH][1-4]\b|(?:19|20)\d\d|later))?"
)
_MOVED_PLAIN = re.compile(r"(?i)\b(postponed?|deferred|pushed back|carr(?:y|ied) over)\b")
_UPPER_TAIL = re.compile(
    r"\s+(?:(\d{1,3})%\s+)?(DONE|ACHIEVED|MISSED|NOT STARTED|NOT DONE|COMPLETED?|SHIPPED|"
    r"DROPPED|CANCELL?ED|NOT ACHIEVED|NOT MET|MET|MISS|FAILED)\b(?:\s*[-–—:.]\s*(.*))?\.?$"
)
_DONE_TAIL = re.compile(r"(?<=[.!)\]])\s+(Done|Not done|Achieved|Missed)\.?$", re.I)
_BRACKET_SCORE = re.compile(r"\s*[\[(]\s*(0?\.\d+|1\.0+)\s*[\])]\s*$")
_BRACKET_WHOLE = re.compile(r"\s*[\[(]\s*([01])\s*[\])]\s*$")
"""A score of 0 or 1 in brackets ("(1)"): a score only on a page that writes its scores that way
("(0.45)"), else a footnote or a count."""
_LABEL_SCORE = re.compile(
    r"(?i)\s*[-–—,;(]?\s*(?:score|grade|graded)\s*[:=]?\s*(0?\.\d+|1\.0+|0|1)\)?\s*$"
)
_PAREN_STATUS = re.compile(
    r"\s*\((dropped|cancell?ed|de-?prioriti[sz]ed|done|achieved|not done|missed|"
    r"(?:moved|pushed|postponed|deferred)[^()]{0,40})\)\s*$",
    re.I,
)
_PAREN_PROGRESS = re.compile(
    r"(?i)\s*\(((?:wip|in progress|work in progress|ongoing|started)\b[^()]{0,60})\)\s*$"
)
"""A progress note in parentheses ("(WIP)", "(WIP: prototype done)"): a note, no result."""
_INLINE_DONE = re.compile(r"(?<=[.!;])\s+(\d{1,3})%\s+done\b[.,]?\s*(.*)$", re.I)
_UPDATE = re.compile(r"(?<=[.!;)])\s+(?:Update|Status|Result|Outcome):\s+(.*)$")
_MOVED_TAIL = re.compile(
    r"(?i)(?<=[.!;])\s+((?:moved|pushed|postponed|deferred|carried over)\b[^.]*|"
    r"will carry over\b[^.]*)\.?$"
)
_PREPOSITIONS = {
    "by",
    "of",
    "to",
    "at",
    "than",
    "under",
    "over",
    "from",
    "within",
    "below",
    "above",
}
_QUOTE = re.compile(r"\s+>(?=[A-Za-z])(.*)$")
_EMOJI_DONE = ("✅", "✔️", "✔", "☑️", "☑", "🟢 done", "🎉")
_EMOJI_NOT = ("❌", "✖️", "✖", "⛔", "🚫")
_EMOJI_ANY = re.compile(r"[✅✔☑❌✖⛔🚫🔄⏳🟡🟢🔴🟠⚠️\ufe0f]")


class Result(NamedTuple):
    """What a page states as a result: None where it states nothing of that kind."""

    score: float | None = None
    done: bool | None = None
    status: Status | None = None
    reason: str | None = None
    """Why it was dropped or moved, as written."""
    note: str | None = None
    """The result as written (a check-in note)."""

    @property
    def states(self) -> bool:
        return self.score is not None or self.done is not None or self.status is not None

    def describe(self) -> str:
        parts = []
        if self.score is not None:
            parts.append(f"score {self.score:g}")
        if self.done is not None:
            parts.append("done" if self.done else "not done")
        if self.status is not None:
            parts.append(self.status)
        return ", ".join(parts) or "a note"


def judge(text: str) -> Result:
    """What a result written on its own says ("Done", "25% done, pushing to Q4", "✅ Done (5)",
    "Miss", "0.7", "This was de-prioritized in favor of campaigns")."""
    note = " ".join(text.split()).strip()
    body = note.lstrip("[(.:;,-– ").strip()
    score, done = _score(body), None
    emoji = next((e for e in _EMOJI_DONE if body.startswith(e)), None)
    if emoji is not None:
        done, body = True, body[len(emoji) :].strip()
    elif any(body.startswith(e) for e in _EMOJI_NOT):
        done = False
    body = _EMOJI_ANY.sub("", body).strip()
    if score is None and done is None:
        if _NOT_DONE.match(body) or _NOT_YET.match(body):
            done = False
        elif _DONE.match(body):
            done = True
    status: Status | None = None
    if score is None and done is None and _DROPPED.search(body):
        status = "dropped"
    elif _moved(body):
        status = "moved"
    return Result(score, done, status, note if status else None, note or None)


def _score(text: str) -> float | None:
    found = _PERCENT.match(text)
    if found is not None and not found[1]:
        value = float(found[2]) / 100
        return value if 0 <= value <= 1 else None
    found = _FRACTION.match(text)
    if found is not None:
        return float(found[1])
    return None


def _moved(text: str) -> bool:
    found = _MOVED.search(text)
    if found is None:
        return False
    if _MOVED_PLAIN.search(found[0]):
        return True
    return found[0].lower() != found[1].lower()  # "moved" alone says where: not a result


def split(text: str, bracketed: bool = False) -> tuple[str, Result | None]:
    """The title without the result written beside it, and the result (None for none).
    `bracketed`: the page writes scores in brackets ("(0.45)"), so "(1)" and "(0)" are scores."""
    if bracketed and (whole := _BRACKET_WHOLE.search(text)) is not None and whole.start() > 0:
        return text[: whole.start()].rstrip(" -–—,;"), Result(score=float(whole[1]))
    arrow = _ARROW.search(text)
    if arrow is not None and arrow.start() > 0 and text[arrow.end() :].strip():
        return text[: arrow.start()].rstrip(), judge(text[arrow.end() :])
    weak = _WEAK_ARROW.search(text)
    if weak is not None and weak.start() > 0:
        result = judge(text[weak.end() :])
        if result.states:
            return text[: weak.start()].rstrip(), result
    for reader in _TAILS:
        found = reader(text)
        if found is not None:
            return found
    return text, None


def _upper_tail(text: str) -> tuple[str, Result] | None:
    found = _UPPER_TAIL.search(text)
    if found is None or found.start() == 0:
        return None
    word = found[2].lower()
    rest = found[3] or None
    before = text[: found.start()].split()
    if found[1] is not None and before and before[-1].lower() in _PREPOSITIONS:
        # "by 10% ACHIEVED": the percentage is the title's, the word the result
        return text[: found.start(2)].rstrip(), judge(word)._replace(note=found[2])
    if found[1] is not None:
        result = Result(score=int(found[1]) / 100, note=found[0].strip())
    elif word in ("dropped", "cancelled", "canceled"):
        result = Result(status="dropped", reason=found[0].strip(), note=found[0].strip())
    else:
        result = judge(word)._replace(note=found[0].strip())
    if rest and result.note is None:
        result = result._replace(note=rest)
    return text[: found.start()].rstrip(), result


def _done_tail(text: str) -> tuple[str, Result] | None:
    found = _DONE_TAIL.search(text)
    if found is None:
        return None
    return text[: found.start()].rstrip(), judge(found[1])


def bracket_score(text: str) -> bool:
    """The text ends in a score in brackets ("(0.45)", "[0.5]", "-- (0.9)")."""
    return _bracket_score(text) is not None


def _bracket_score(text: str) -> tuple[str, Result] | None:
    found = _BRACKET_SCORE.search(text) or _LABEL_SCORE.search(text)
    if found is None or found.start() == 0:
        return None
    return text[: found.start()].rstrip(" -–—,;"), Result(score=float(found[1]))


def _paren_status(text: str) -> tuple[str, Result] | None:
    found = _PAREN_STATUS.search(text)
    if found is None or found.start() == 0:
        return None
    return text[: found.start()].rstrip(), judge(found[1])


def _paren_progress(text: str) -> tuple[str, Result] | None:
    found = _PAREN_PROGRESS.search(text)
    if found is None or found.start() == 0:
        return None
    return text[: found.start()].rstrip(), Result(note=" ".join(found[1].split()))


def _inline_done(text: str) -> tuple[str, Result] | None:
    found = _INLINE_DONE.search(text)
    if found is None:
        return None
    value = int(found[1]) / 100
    note = f"{found[1]}% done. {found[2]}".strip()
    return text[: found.start()].rstrip(), Result(score=min(value, 1.0), note=note)


def _update(text: str) -> tuple[str, Result] | None:
    found = _UPDATE.search(text) or _MOVED_TAIL.search(text)
    if found is None or found.start() == 0:
        return None
    result = judge(found[1])
    if not result.states and found.re is _UPDATE:
        result = Result(note=found[1])
    elif not result.states:
        return None
    return text[: found.start()].rstrip(), result


def _quote_tail(text: str) -> tuple[str, Result] | None:
    """ "optimize global performance >needs baseline": a note after a `>`."""
    found = _QUOTE.search(text)
    if found is None or found.start() == 0:
        return None
    return text[: found.start()].rstrip(), judge(found[1])


def _emoji_tail(text: str) -> tuple[str, Result] | None:
    stripped = text.rstrip()
    for emoji, done in [*((e, True) for e in _EMOJI_DONE[:5]), *((e, False) for e in _EMOJI_NOT)]:
        if stripped.endswith(emoji) and len(stripped) > len(emoji):
            return stripped[: -len(emoji)].rstrip(), Result(done=done, note=emoji)
    return None


_TAILS = (
    _upper_tail,
    _paren_status,
    _paren_progress,
    _bracket_score,
    _done_tail,
    _inline_done,
    _update,
    _quote_tail,
    _emoji_tail,
)
"""Results written at the end of a title without an arrow, tried in this order."""
