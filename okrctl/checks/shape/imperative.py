"""Titles headed by a verb: "Ship X" (work to do), "Increase Y" (a change in a measure), "Get 20
to join" (a result), "Review 100% of Z" (coverage of the team's own work)."""

from __future__ import annotations

from okrctl.checks import lexicon
from okrctl.checks.shape.sentence import NOTHING, Reading, Sentence, measured, outcome, task
from okrctl.checks.shape.statement import is_share, read_clause, read_statement
from okrctl.checks.shape.words import (
    AUDIENCE,
    CAPACITY_VERBS,
    CHANGE_VERBS,
    CLAUSE_MARKS,
    COMPARATIVES,
    DETERMINERS,
    MAINTAIN_VERBS,
    PEOPLE,
    PREPOSITIONS,
    RECEPTION_PLAIN,
)


def read_imperative(sentence: Sentence, start: int, verb: str) -> Reading:
    """What a title headed by `verb` (at `start`) says."""
    effect = _effect(sentence, start, verb)
    if effect is not None:
        return effect
    rest = sentence.part(start + 1)
    if verb in ("get", "have"):  # causative: "Get X merged", "Have the press publish ..."
        return _causative(rest, verb)
    if verb in CAPACITY_VERBS and any(
        w[:1].isdigit() or w in ("<", ">", "≥") for w in sentence.words[start + 1 : start + 4]
    ):
        return outcome(f"the title says {verb!r} a number, a capacity")
    if verb in ("ensure", "make sure", "guarantee"):
        inner = read_clause(rest, 1 if rest.low(0) == "that" else 0) if rest.words else NOTHING
        if inner.kind == "outcome":
            return inner
        return task(f"the title says {verb!r} with no measure of the effect")
    if sentence.measured - {"percent"} or ("percent" in sentence.measured and not _covers(rest)):
        return measured(sentence.measured)
    if "percent" in sentence.measured:
        return task(f"the title says {verb!r} a share of things, coverage of the team's work")
    return task(f"the title starts with {verb!r}, work to do")


def _effect(sentence: Sentence, start: int, verb: str) -> Reading | None:
    """A change in magnitude the title names around its verb, or None."""
    if verb in MAINTAIN_VERBS and not sentence.measured:
        return task(f"the title starts with {verb!r} and names no level to hold")
    if verb in CHANGE_VERBS and verb not in ("get", "have", "make"):
        return outcome(f"the title says {verb!r}, a change in a measure")
    changed = _later_change(sentence, start)
    if changed is not None:
        return outcome(f"the title says {changed!r}, a change in a measure")
    if sentence.low(start + 1) in COMPARATIVES:  # "Generate more awareness"
        return outcome(f"the title says {verb!r} {sentence.low(start + 1)!r}, a change")
    received = _received(sentence, start)
    if received is not None:
        return outcome(f"the title says what others do or what changes ({received!r})")
    return None


def _later_change(sentence: Sentence, start: int) -> str | None:
    """A verb of change heading a coordinated clause ("Add and retain 5 members", "test X, and
    get 10 signups per week"), or a purpose naming people ("... to allow a new user to ...")."""
    for at in range(start + 1, len(sentence.words)):
        before = sentence.low(at - 1)
        if before not in ("and", "&", ",", "+", "to"):
            continue
        verb = sentence.verb(at)
        if before != "to" and verb in CHANGE_VERBS and verb not in MAINTAIN_VERBS | {"improve"}:
            return verb
        people = any(PEOPLE.match(w) for w in sentence.words[at + 1 : at + 5])
        if before == "to" and verb in ("allow", "enable", "help", "let") and people:
            return verb
    return None


def _received(sentence: Sentence, start: int) -> str | None:
    """A verb of change or of what others do after a subject, in the main clause: the first
    word was a noun, not an imperative ("Open source projects in GitLab use Sourcegraph.com",
    "Returning customers reach 40")."""
    for at in range(start + 2, len(sentence.words)):
        word, before = sentence.low(at), sentence.words[at - 1]
        if word in CLAUSE_MARKS or word == "to":
            return None
        if before.lower() in DETERMINERS | PREPOSITIONS or not before.isalpha():
            continue
        form = word if lexicon.is_verb(word) else lexicon.lemma(word, "s")
        if form in CHANGE_VERBS and form not in MAINTAIN_VERBS | {"get"}:
            return word
        if form in RECEPTION_PLAIN and (before[:1].isupper() or before.endswith("s")):
            return word
    return None


def _causative(rest: Sentence, verb: str) -> Reading:
    """ "Get X merged" and "Have X merged" deliver; "Get 100 subscribers" and "Have the press
    publish ..." are effects; "Have a prototype of X" delivers."""
    if AUDIENCE.search(rest.counted(0)) and rest.digits(0, 3):
        return outcome(f"the title says {verb!r} a count of an audience")
    for at in range(1, len(rest.words)):
        if rest.participle(at) is not None and rest.low(at - 1) not in DETERMINERS | PREPOSITIONS:
            after = rest.low(at + 1)
            if not after or after in PREPOSITIONS or after in ("and", "+", "-", "off", "up"):
                return task(f"the title says {verb!r} something {rest.low(at)!r}, a delivery")
    if verb == "get":
        return outcome("the title says 'get', a result to attain")
    people = [at for at in range(min(4, len(rest.words))) if PEOPLE.match(rest.low(at))]
    if people and rest.verb(people[0] + 1) is not None:  # "Have the press publish 3 articles"
        return outcome("the title says what others do")
    inner = read_statement(rest, 0)
    if inner.kind == "outcome":
        return inner
    if any(w in COMPARATIVES for w in rest.words[:3]):
        return outcome("the title says 'have more'")
    return task("the title says 'have' a thing delivered")


def _covers(rest: Sentence) -> bool:
    """The verb's object is a share of a set of things ("Review 100% of the intake"): the
    coverage of the team's own work, not an effect; a share of an audience is an effect."""
    skip = 2 if rest.low(0) == "and" and rest.verb(1) is not None else 0  # "Review and assess"
    if rest.low(skip) in ("to", "on"):
        skip += 1
    text = " ".join(rest.words[skip:])
    return not AUDIENCE.search(text) and is_share(text)
