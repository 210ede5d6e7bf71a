"""Key results state outcomes, not activities or tasks.

A key result says what will be true when the work succeeds ("trials that convert rise from 30%
to 45%"), not what the team will do ("help marketing with the launch") or deliver ("ship the new
onboarding"). The rule reads the *shape* of the title, not a list of words:

* an **outcome** moves a measure: a verb of change in magnitude ("Increase ...", "Reduce ...",
  "Unique contributors grow ...", "Maintain ..." with the level to hold), a level or a bound (a
  percentage, money, "under 10 minutes", "within one week", "at least 95%", a percentile, "3x",
  "QoQ", "from 20 to 60", "ratio > 1.8"), a count of an audience or of what others do ("10
  daily active users", "3 citations", "10 CFPs accepted", "get 20 to join"), or what people do
  and feel ("Users understand ...", "X is used at ...");
* an **activity** (reported on any key result): a title starting with one of the
  `activity_words` ("Help ...", "Work on ...", "Attend ...");
* a **task** (reported on a milestone, or on a numeric key result whose unit counts what is
  delivered): a title headed by any other verb, read as an imperative ("Map the use cases",
  "Remediate ...", "Blog on ...", "Hire 3 engineers": every verb of an English lexicon, WordNet's,
  not a list of OKR words); a delivery phrased as a state ("X is released", "will be
  documented", "are tracked in pings", "Lead hired", "There is a prototype", "Admins can ...",
  "X exists", "Handbook describes ..."); a count of the team's own outputs ("Publish 5 blog
  posts", "3 case studies", "24 endpoints migrated") or the coverage of its own work ("100% of
  the vulnerabilities are remediated", "Review 100% of the intake"); or, on a milestone, a bare
  noun phrase ("Technical decision document"; `noun_phrases: false` turns this off).

A title of several sentences is judged by its last one that has a shape ("Increase adoption. 3
issues shipped." counts what is shipped). A milestone declared `indicator: leading` is taken as
a checkpoint on the way to the objective's outcomes and not reported as a task (an activity
still is); dropped key results are not judged.

A house style tunes the reading without restating it: `remove_words` takes verbs out ("define"
when "Define the tiers" names a decision taken; "support" when "Support X in the targeted
languages" is an outcome), `add_words` (or `task_words`) adds jargon the lexicon lacks
("dogfood"), `state_words` adds words that say a thing was delivered after "is" ("live"). The
lexicon is Princeton WordNet 3.0 reduced to its verbs (`okrctl/checks/lexicon/`). Measured on
public OKR pages of organisations (the real-world corpus of okrctl's tests: 963 key results
labelled task or outcome by hand), `python bench/okr440_bench.py` prints how many task-style key
results it finds and how many outcomes it reports wrongly.

## Failing example

```yaml
key_results:
  - id: webinars
    kind: milestone
    title: Attend the three big food-logistics trade fairs
  - id: security-review
    kind: milestone
    title: 100% of the critical vulnerabilities are remediated
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
  - id: setup-time
    kind: milestone
    title: Ship the setup wizard so that setup takes under 10 minutes
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from okrctl import codes
from okrctl.checks.base import Context, Finding, Rule, RuleOptions
from okrctl.checks.shape import Vocabulary, read
from okrctl.model import MilestoneKeyResult, NumericKeyResult

ACTIVITY_WORDS = [
    "analyse", "analyze", "assist", "attend", "consult", "contribute to", "help", "participate",
    "work on", "work with", "learn", "explore", "investigate", "research", "study",
]  # fmt: skip
_COUNTED_NOT = {"%", "x", "usd", "eur", "gbp", "jpy", "chf", "days", "hours", "minutes", "seconds",
                "weeks", "months", "ms", "s", "years", "points", "nps"}  # fmt: skip
"""Units that measure an effect (a rate, an amount of money, a time), not things delivered."""


class Options(RuleOptions):
    activity_words: list[str] = Field(default_factory=lambda: list(ACTIVITY_WORDS))
    """Words or phrases that, at the start of any key result's title, describe an activity."""
    task_words: list[str] = Field(default_factory=list)
    """Words that start a task whatever the English lexicon says (jargon, or a verb it lacks).
    Every English verb already starts one: this list only adds to them (it was the whole list
    of task verbs before the rule read the title's shape; a list restated from that old default
    changes nothing)."""
    add_words: list[str] = Field(default_factory=list)
    """Words to add to `task_words`."""
    remove_words: list[str] = Field(default_factory=list)
    """Words that never make a task, an activity or a delivery: a verb your house style uses for
    outcomes ("support" in "Support X in the targeted languages")."""
    state_words: list[str] = Field(default_factory=list)
    """Words that, after "is" / "are" or after a noun, say a thing was delivered, beside every
    past participle ("released", "documented") and "available", "ready", "complete", "done",
    "active", "operational", "in place"."""
    noun_phrases: bool = True
    """Report a milestone whose title is a bare noun phrase, without a verb or a number."""


def _phrases(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(w.split()).casefold() for w in words if w.split())


def _activity_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """Any of `words` at the start, as whole words ("help" also starts "Helping ...")."""
    phrases = []
    for word in sorted(words, key=len, reverse=True):
        phrase = r"\s+".join(re.escape(w) for w in word.split())
        if " " not in word and len(word) > 2:
            stem = re.escape(word[:-1] if word.endswith("e") else word)
            phrase = f"(?:{phrase}|{stem}ing)"
        phrases.append(phrase)
    if not phrases:
        return None
    return re.compile(r"\s*(" + "|".join(phrases) + r")(?![\w{}\-/])", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    """The rule's vocabulary, compiled once per run."""

    activity: re.Pattern[str] | None
    vocabulary: Vocabulary
    noun_phrases: bool

    @classmethod
    def of(cls, options: Options) -> Words:
        removed = _phrases(options.remove_words)
        vocabulary = Vocabulary(
            task_words=_phrases([*options.task_words, *options.add_words]) - removed,
            state_words=_phrases(options.state_words) - removed,
            removed=removed,
        )
        activity = _activity_pattern(_phrases(options.activity_words) - removed)
        return cls(activity, vocabulary, options.noun_phrases)


def counted(unit: str) -> bool:
    """A unit that counts things delivered (`posts`, `count`), not an effect."""
    return unit.strip().casefold() not in _COUNTED_NOT


def classify(title: str, milestone: bool, counted: bool, words: Words) -> str | None:
    """Why a key result's title is an activity or a task ("the title starts with 'help', an
    activity"), or None when it reads as an outcome. `milestone`: done or not; `counted`: a
    numeric key result whose unit counts things delivered (a numeric key result measuring an
    effect, in %, money or time, is reported only for what its title says)."""
    found = words.activity.match(title) if words.activity else None
    if found:
        return f"the title starts with {found.group(1)!r}, an activity"
    reading = read(title, words.vocabulary, milestone)
    if reading.kind != "task":
        return None
    if not reading.strong and not (milestone and words.noun_phrases):
        return None
    if not milestone and not counted and "coverage" not in reading.why:
        return None
    return reading.why


def check(ctx: Context[Options]) -> Iterator[Finding]:
    words = Words.of(ctx.options)
    for entry in ctx.entries:
        if entry.objective.status == "dropped":
            continue  # dropped work is not judged, nor what measured it
        for k, kr in enumerate(entry.objective.key_results):
            if kr.status == "dropped":
                continue
            milestone = isinstance(kr, MilestoneKeyResult)
            why = classify(
                kr.title,
                milestone,
                isinstance(kr, NumericKeyResult) and counted(kr.unit),
                words,
            )
            if why is None or (milestone and kr.indicator == "leading" and "activity" not in why):
                continue  # a delivery declared as a leading indicator is a checkpoint
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
    per_objective=True,
)
