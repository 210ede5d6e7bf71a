"""Key results state outcomes, not activities or tasks.

A key result says what will be true when the work succeeds ("trials that convert rise from 30%
to 45%"), not what the team will do ("help marketing with the launch") or deliver ("ship the new
onboarding"). Reported:

* an **activity**: a key result (of any kind) whose title starts with one of the
  `activity_words` ("Help ...", "Work on ...", "Attend ...");
* a **task**: a key result whose title starts with a verb of work or delivery, one of the
  `task_words` ("Write ...", "Ship ...", "Hire ...", "Implement ...", "Launch ..."), unless the
  title measures an effect (a percentage, a bound such as "under 2 s" or "at least 40%", a
  change "from X to Y", a rate "QoQ"). Counting the team's own output ("Publish 5 blog posts",
  "Hire 3 engineers") is still a task, even as a numeric key result: its unit counts what is
  delivered, not what changes;
* a **deliverable**: a milestone that names a thing delivered rather than an effect: a state
  of delivery ("The DHT is enabled by default", "X is released", "There is a prototype of Y",
  "X exists", "Users can export Z", "X supports Y", "X runs on Safari"; the participles are the
  `state_words`), or a bare noun phrase without a verb or a number ("Technical decision
  document", "POC of WebBluetooth"; `noun_phrases: false` turns this off).

A milestone that states an effect ("Japanese is supported in the app" is a delivery, "Checkout
conversion rises" is not) and a numeric key result measuring one pass. Words are matched whole
and without regard to case. `add_words` adds task words and `remove_words` takes words out of
any list without restating it (a house style that says "Support X in the targeted languages" for
an outcome has `support` out of the lists by default; add it back if yours uses it for a task).
The vocabulary is general English of work and delivery; it was measured on public OKR pages of
organisations (the real-world corpus of okrctl's tests): `python bench/okr440_bench.py` prints
how many task-style key results it finds and how many outcomes it reports wrongly.

## Failing example

```yaml
key_results:
  - id: webinars
    kind: milestone
    title: Attend the three big food-logistics trade fairs
```

## Passing example

```yaml
key_results:
  - id: webinar-leads
    title: Qualified leads from trade fairs rise from 20 to 60
    metric: trade-fair-leads
    unit: leads
    baseline: 20
    target: 60
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.model import MilestoneKeyResult, NumericKeyResult

ACTIVITY_WORDS = [
    "analyse", "analyze", "assist", "attend", "consult", "contribute to", "help", "participate",
    "work on", "work with", "learn", "explore", "investigate", "research", "study",
]  # fmt: skip
TASK_WORDS = [
    "add", "align", "amplify", "automate", "begin", "build", "co-host", "come up with",
    "complete", "conduct", "create", "decide", "define", "deliver", "deploy", "describe",
    "design", "develop", "display", "do", "document", "draft", "elevate", "establish",
    "evaluate", "export", "externalize", "feature", "finalise", "finalize", "finish", "gather",
    "hire", "hold", "host", "identify", "implement", "include", "integrate", "interview",
    "iterate", "launch", "lead", "make", "measure", "meet", "migrate", "monitor", "onboard",
    "organise", "organize", "plan", "populate", "prepare", "prioritize", "prioritise",
    "propose", "prototype", "publicize", "publish", "rebuild", "record", "recruit", "redesign",
    "refactor", "release", "remove", "replace", "review", "rewrite", "roll out", "run",
    "set up", "ship", "simplify", "source", "start", "test", "track", "train", "unprefix",
    "update", "upgrade", "validate", "write", "enable", "optimize", "optimise", "scale",
    "accomplish", "maintain", "set", "enforce",
]  # fmt: skip
STATE_WORDS = [
    "audited", "available", "automated", "built", "completed", "created", "defined", "deployed",
    "deprecated", "designed", "detailed", "documented", "enabled", "enforced", "finalized",
    "finished", "implemented", "in place", "integrated", "launched", "merged",
    "proposed", "published", "released", "set up", "shipped", "supported", "updated", "written",
]  # fmt: skip
_EFFECT = re.compile(
    r"\d\s?%|[$€£¥]\s?\d|\bfrom\s+\S+\s+to\s+\d|\b(?:qoq|yoy|mom|wow)\b|\bp\d\d\b|"
    r"(?:[<>≤≥]|\bunder|\bbelow|\bwithin|\bat (?:least|most)|\bless than|\bmore than)\s*"
    r"(?:\d+(?:\.\d+)?|one|two|an?)\s*(?:ms|s|sec|seconds?|minutes?|mins?|hours?|h|days?|"
    r"weeks?|months?|business days?)\b",
    re.IGNORECASE,
)
"""What makes a title measure an effect: a percentage, a change from one number to another, a
rate, a percentile, or a bound on a time ("under 2 s", "within one week")."""
_DELIVERED = re.compile(
    r"^(?:there (?:is|are|will be)\b|users? can\b)|\b(?:exists?|supports|runs on|has an?|"
    r"have an?|has its|have its)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|can|will|would|should|must|get|gets|"
    r"take|takes|run|runs|use|uses|make|makes|know|knows|provides?|understands?|handles?|"
    r"finds?|works?|breaks?|reaches?|grows?|starts?|stays?|keeps?|becomes?|ensures?|exists?|"
    r"shows?|links?|deemed)\b|^(?:continue|double|triple|halve|keep|stay|maintain|reduce|"
    r"increase|decrease|grow|cut|raise|lower|achieve|reach|get|hit|win|retain|convert|become|"
    r"remain|fix|eliminate|avoid|prevent|improve|ensure|provide|deliver|support|enable|handle|"
    r"solve|address|drive|boost|expand|attract|generate|having|more|less|fewer|no|every|all)\b|"
    r"^\S+\s+(?:the|a|an|our|all|every|each|its|their|your|my|this|these|that)\b|"
    r"\b(?:we|us|our|they|them|their|you|your|i|me|my)\b|\d",
    re.IGNORECASE,
)
"""A clause rather than a bare noun phrase: a finite verb, a verb or quantifier the title
starts with, a first word followed by a determiner ("Define the tiers"), a pronoun ("without
calling us"), or a number."""
_DONE_WORDS = ("hired", "tested", "delivered", "done", "deployed", "signed off")
_AUDIENCE = re.compile(
    r"(?i)\b(?:users?|customers?|clients?|contributors?|contributions|members?|subscribers?|"
    r"followers?|viewers?|visitors?|readers?|listeners?|listens|views|downloads|installs|"
    r"sign-?ups|mentions|stars|regulars|people|attendees|participants|accounts|companies|"
    r"partners|adopters|teams|organi[sz]ations|reach|impressions|sessions|revenue|sales)\b"
)
"""Nouns that count an audience or adoption (an outcome), not things delivered."""
_LEADING_COUNT = re.compile(r"^(?:\d[\d,.]*\+?|one|two|three|four|five|ten)\s+[a-z]", re.I)
_COUNTED_NOT = {"%", "x", "usd", "eur", "gbp", "jpy", "chf", "days", "hours", "minutes", "seconds",
                "weeks", "months", "ms", "s", "years", "points", "nps"}  # fmt: skip
"""Units that measure an effect (a rate, an amount of money, a time), not things delivered."""


class Options(RuleOptions):
    activity_words: list[str] = Field(default_factory=lambda: list(ACTIVITY_WORDS))
    """Words or phrases that, at the start of any key result's title, describe an activity."""
    task_words: list[str] = Field(default_factory=lambda: list(TASK_WORDS))
    """Verbs of work or delivery that, at the start of a title, describe a task rather than an
    outcome (unless the title measures an effect)."""
    add_words: list[str] = Field(default_factory=list)
    """Task words to add to `task_words` without restating the list."""
    remove_words: list[str] = Field(default_factory=list)
    """Words to take out of `activity_words`, `task_words` and `state_words` without
    restating them."""
    state_words: list[str] = Field(default_factory=lambda: list(STATE_WORDS))
    """Participles that make a milestone a state of delivery ("X is released")."""
    noun_phrases: bool = True
    """Report a milestone whose title is a bare noun phrase, without a verb or a number."""


def _pattern(words: list[str], anchored: bool = True) -> re.Pattern[str] | None:
    """Any of `words` (at the start when `anchored`), as whole words: "source" does not start
    "source{d}"."""
    phrases = []
    for word in words:
        parts = word.split()
        if not parts:
            continue
        phrase = r"\s+".join(re.escape(w) for w in parts)
        if anchored and len(parts) == 1 and len(word) > 2:  # "hire" also starts "Hiring ..."
            stem = re.escape(word[:-1] if word.endswith("e") else word)
            phrase = f"(?:{phrase}|{stem}ing)"
        phrases.append(phrase)
    if not phrases:
        return None
    longest_first = sorted(phrases, key=len, reverse=True)
    start = r"\s*" if anchored else r"(?<!\w)"
    return re.compile(start + "(" + "|".join(longest_first) + r")(?![\w{}\-/])", re.IGNORECASE)


def _without(words: list[str], removed: set[str]) -> list[str]:
    return [w for w in words if " ".join(w.split()).casefold() not in removed]


@dataclass(frozen=True)
class Words:
    """The rule's vocabulary, compiled once per run."""

    activity: re.Pattern[str] | None
    task: re.Pattern[str] | None
    state: re.Pattern[str] | None
    noun_phrases: bool

    @classmethod
    def of(cls, options: Options) -> Words:
        removed = {" ".join(w.split()).casefold() for w in options.remove_words}
        task = _without([*options.task_words, *options.add_words], removed)
        return cls(
            _pattern(_without(options.activity_words, removed)),
            _pattern(task),
            _pattern(_without(options.state_words, removed), anchored=False),
            options.noun_phrases,
        )


def _counted(unit: str) -> bool:
    """A unit that counts things delivered (`posts`, `count`), not an effect."""
    return unit.strip().casefold() not in _COUNTED_NOT


def _sentences(title: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;!?])\s+", title) if s.strip()]


def classify(title: str, milestone: bool, counted: bool, words: Words) -> str | None:
    """Why a key result's title is an activity or a task ("the title starts with 'help', an
    activity"), or None when it reads as an outcome. `milestone`: done or not; `counted`: a
    numeric key result whose unit counts things delivered."""
    found = words.activity.match(title) if words.activity else None
    if found:
        return f"the title starts with {found.group(1)!r}, an activity"
    effect = _EFFECT.search(title) is not None
    if not (milestone and not effect) and not (counted and not effect):
        return None
    for sentence in _sentences(title):
        found = words.task.match(sentence) if words.task else None
        if found:
            what = "milestone" if milestone else "key result, counting what is delivered,"
            return f"the {what} says {found.group(1)!r}, a task"
    return _deliverable(title, milestone, words)


def _delivered_state(sentence: str, words: Words) -> str | None:
    """ "X is released", "X released as open source", "guide published", "Lead hired",
    "Written down and shared": the participle of a delivery."""
    bare = sentence.rstrip(" .;!")
    state = words.state.search(bare) if words.state else None
    if state is not None:
        before, after = bare[: state.start()], bare[state.end() :]
        if re.search(r"\b(?:is|are|be|been|get|gets)\s+(?:\w+\s+)?$", before) or not after.strip():
            return state.group(1)
    if bare.lower().endswith(_DONE_WORDS):
        return bare.split()[-1]
    return None


def _deliverable(title: str, milestone: bool, words: Words) -> str | None:
    """A title that names a thing delivered: a state of delivery, a count of things made
    ("3 case studies"), or, for a milestone, a bare noun phrase."""
    for sentence in _sentences(title):
        state = _delivered_state(sentence, words)
        if state is not None:
            return f"the title says something is {state!r}, a delivery"
        if _LEADING_COUNT.match(sentence) and not _AUDIENCE.search(sentence):
            return "the title counts things delivered"
    if not milestone:
        return None
    delivered = _DELIVERED.search(title)
    if delivered is not None:
        return f"the milestone names a delivery ({delivered.group(0).strip()!r})"
    if words.noun_phrases and len(title.split()) <= 8 and not _CLAUSE.search(title):
        return "the milestone names a thing to deliver (no verb, no measure)"
    return None


def check(ctx: Context[Options]) -> Iterator[Finding]:
    words = Words.of(ctx.options)
    for entry in ctx.facts.entries:
        if entry.objective.status == "dropped":
            continue  # dropped work is not judged, nor what measured it
        for k, kr in enumerate(entry.objective.key_results):
            if kr.status == "dropped":
                continue
            milestone = isinstance(kr, MilestoneKeyResult)
            counted = isinstance(kr, NumericKeyResult) and _counted(kr.unit)
            why = classify(kr.title, milestone, counted, words)
            if why is not None:
                yield Finding(
                    entry.file,
                    ("key_results", k, "title"),
                    f"{why}; state the outcome the work brings about (what changes, from what "
                    "to what), or measure it with a numeric key result and a target",
                )


RULE = Rule(
    entry=codes.ACTIVITY_KEY_RESULT,
    doc=__doc__ or "",
    options=Options,
    check=check,
)
