"""The shape of a key result's title: does it move a measure (an outcome) or name work the team
does or delivers (a task)? Pure functions over the title's words, used by OKR440.

An outcome moves a measure: a verb of change in magnitude heads it ("Increase ...", "Reduce
...", "... grow 10% QoQ"), or it states a level or a bound (a percentage, an amount of money, a
time bound "under 2 s" or "within one week", a percentile, a multiple "3x", a growth rate "QoQ",
a level "ratio > 1.8"), or it counts an audience or what others do ("10 daily active users", "3
citations", "10 CFPs accepted"), or says what others do and feel ("Users understand ...",
"Peerpad is used at ...").

A task is work: a title headed by any other verb, read as an imperative ("Map key use cases",
"Remediate ...", "Blog on ...": every verb of an English lexicon, not a list of OKR words); a
delivery phrased as a state ("X is released", "will be documented", "are tracked in pings",
"Lead hired", "There is a prototype", "Admins can ..."); a count of the team's own outputs ("3
case studies", "24 endpoints migrated") or a coverage of its own work ("100% of X are
remediated", "Review 100% of Y"); or, for a milestone, a bare noun phrase naming a thing to
deliver ("Technical decision document").

A title of several sentences ("Increase adoption. 3 issues shipped.") is judged by its last
sentence that has a shape of its own: the measure clause of an "objective. measure" line.
"""

from __future__ import annotations

from okrctl.checks import lexicon
from okrctl.checks.shape.imperative import read_imperative
from okrctl.checks.shape.sentence import (
    NOTHING,
    Reading,
    Sentence,
    Vocabulary,
    measured,
    sentences,
)
from okrctl.checks.shape.statement import BEHAVIOUR, QUALITY, read_clause
from okrctl.checks.shape.words import ADVERB, DETERMINERS

__all__ = ["Reading", "Vocabulary", "read", "read_sentence"]


def read(title: str, vocabulary: Vocabulary, milestone: bool = True) -> Reading:
    """The shape of the whole title: its last sentence with a strong shape, or, when none has
    one, the first sentence's (for a milestone: its noun phrase)."""
    readings = [read_sentence(s, vocabulary) for s in sentences(title)]
    strong = [r for r in readings if r.kind is not None and r.strong]
    if strong:
        return strong[-1]
    if readings and milestone:
        return readings[0]
    return NOTHING


def read_sentence(text: str, vocabulary: Vocabulary) -> Reading:
    """The shape of one sentence."""
    sentence = Sentence(text, vocabulary)
    start = sentence.head() if sentence.words else None
    if start is None:
        return NOTHING
    if (
        sentence.low(start) in vocabulary.removed
        or sentence.phrasal(sentence.low(start), start) in vocabulary.removed
    ):
        return NOTHING  # a verb the house style uses for outcomes ("Define the tiers")
    verb, base = _leading_verb(sentence, start)
    if verb == "be":  # "Be able to present ...": a state, not work
        return NOTHING
    if verb is not None and not base and sentence.quality(start):
        return QUALITY  # "Sizing tool accuracy": a gerund naming what is measured
    following = sentence.low(start + 1)
    if verb is not None and (
        sentence.auxiliary(start + 1, coordinated=False) is None
        or (base and (following in DETERMINERS or following[:1].isdigit()))
    ):
        return read_imperative(sentence, start, verb)
    if lexicon.lemma(sentence.low(start), "s") and (
        ADVERB.match(following) or following in DETERMINERS or following[:1].isdigit()
    ):  # "Handles correctly a scenario", "generates 10% of the pipeline": no subject
        return measured(sentence.measured) if sentence.measured else BEHAVIOUR
    return read_clause(sentence, start)


def _leading_verb(sentence: Sentence, start: int) -> tuple[str | None, bool]:
    """The verb the sentence starts with, if any (its base form, or the lemma of an -ing
    form: "Hiring ...", "Reaching out ..."), and whether it was the base form."""
    first = sentence.low(start)
    if first in ("no", "zero", "none", "never", "don't") or first.endswith("n't"):
        return None, False
    base = sentence.verb(start) or sentence.unknown_verb(start)
    if base is not None:
        return base, True
    return sentence.phrasal(lexicon.lemma(first, "ing"), start), False
