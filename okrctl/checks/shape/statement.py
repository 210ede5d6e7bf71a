"""Titles with a subject ("X is released", "Users can ...", "10 daily active users") or no
verb at all ("Technical decision document")."""

from __future__ import annotations

import re

from okrctl.checks import lexicon
from okrctl.checks.shape.sentence import NOTHING, Reading, Sentence, measured, outcome, task
from okrctl.checks.shape.words import (
    ADVERB,
    AUDIENCE,
    CHANGE_VERBS,
    CLAUSE_MARKS,
    COMPARATIVES,
    DELIVERED_STATES,
    DETERMINERS,
    MAINTAIN_VERBS,
    PEOPLE,
    PREPOSITIONS,
    RECEPTION_VERBS,
)

_COUNT = re.compile(
    r"(?i)^(?:[≥>~]\s*|at\s+least\s+|over\s+|more\s+than\s+)?\d[\d,.]*\s*[k+]?\s+[a-z]"
)
SHARE = re.compile(r"(?i)^(?:at[\s-]+(?:least|most)\s+)?\d{1,3}\s?%\s+(?:of\b(?!\s+the\s+time\b))?")
"""A share of a set of things ("100% of the vulnerabilities"); a precise one (99.9%) is a
level, and "100% of the time" a rate."""
BEHAVIOUR = Reading(None, "a behaviour")
"""A clause that says how something behaves: no shape of its own, and no noun phrase either."""
QUALITY = Reading("outcome", "the title names a quality", strong=False)
STANDING = Reading(None, "a standing state")
"""What every one of a set does or gets ("Every rep carries a demo kit"): upkeep, judged
neither way."""


def is_share(text: str) -> bool:
    return SHARE.match(text) is not None and "." not in text.split("%")[0]


def state(lemma: str, how: str = "") -> Reading:
    """A participle or a verb after a subject: what it says of the title."""
    if lemma in CHANGE_VERBS or lemma.split(" ")[0] in CHANGE_VERBS:
        return outcome(f"the title says something is {lemma!r}, a change in a measure")
    if lemma in RECEPTION_VERBS:
        return outcome(f"the title says what others do ({lemma!r})")
    return task(f"the title says something {how} {lemma!r}, a delivery".replace("  ", " "))


def read_clause(sentence: Sentence, start: int) -> Reading:
    """A clause that is not an imperative: bounds to none ("No customer waits ..."), or a
    statement."""
    first = sentence.low(start)
    if first in ("no", "zero", "none", "never", "don't") or first.endswith("n't"):
        return outcome("the title bounds something to none")
    return read_statement(sentence, start)


def read_statement(sentence: Sentence, start: int) -> Reading:
    words = sentence.words
    if sentence.low(start) == "there" and sentence.low(start + 1) in ("is", "are", "will"):
        return task("the title says there is a thing, a delivery")
    at = sentence.auxiliary(start)
    subject = " ".join(words[start:at] if at is not None else words[start:])
    if _COUNT.match(subject) and AUDIENCE.search(sentence.counted(start)):
        return outcome("the title counts an audience or what others do")
    if at is None and not sentence.measured and sentence.audience_count(start):
        return outcome("the title counts an audience or what others do")
    if at is None:
        found = _scan(sentence, start)
        if sentence.low(start) in ("every", "each") and found.kind != "outcome":
            return STANDING  # "Every rep carries a demo kit"
    else:
        found = _predicate(sentence, at, subject)
        if sentence.low(start) in ("every", "each") and sentence.low(at) == "gets":
            return STANDING  # "Every issue gets triaged"
    weighed = _weighed(sentence, found, subject)
    if weighed is not None or at is not None:
        return weighed or found
    return _counted_ones(sentence, start, subject) or _noun_phrase(sentence, start, subject)


def _weighed(sentence: Sentence, found: Reading, subject: str) -> Reading | None:
    """The reading once the sentence's measures are weighed: a measure makes an outcome, but
    a share of things delivered ("100% of X are remediated") is coverage of the team's work."""
    share = found.kind == "task" and is_share(subject)
    if sentence.measured - {"percent"} or ("percent" in sentence.measured and not share):
        return measured(sentence.measured)
    if found.kind == "task" and "percent" in sentence.measured:
        return task(f"{found.why} (a share of things: coverage of the team's work)")
    if found.kind is not None or found.why:
        return found
    return None


def _counted_ones(sentence: Sentence, start: int, subject: str) -> Reading | None:
    """ "2 OSS projects enable lookout": what the counted ones do, an effect."""
    if not _COUNT.match(subject):
        return None
    for at in range(start + 2, min(start + 8, len(sentence.words))):
        word = sentence.low(at)
        if word in PREPOSITIONS or word in CLAUSE_MARKS:
            break
        if (
            lexicon.is_verb(word)
            and sentence.low(at - 1) not in DETERMINERS
            and sentence.participle(at) is None
            and word not in lexicon.attributes()
        ):
            return outcome(f"the title says what the counted ones do ({sentence.words[at]!r})")
    return None


def _predicate(sentence: Sentence, at: int, subject: str) -> Reading:
    """What the auxiliary at `at` and the words after it say of the subject."""
    word = sentence.low(at)
    rest = at + 1
    while sentence.low(rest) in ("also", "always", "be", "been", "being", "able", "to") or (
        ADVERB.match(sentence.low(rest)) and sentence.low(rest) not in COMPARATIVES
    ):
        rest += 1
    if word.endswith("n't") or sentence.low(rest) in ("not", "never"):
        return outcome("the title bounds something to none")
    if word in ("can", "could") or (word == "will" and sentence.low(at + 2) == "able"):
        return _capability(sentence, rest)
    participle = sentence.participle(rest)
    if participle is not None and (
        word not in ("will", "shall", "should", "must", "'ll")
        or sentence.low(rest - 1) in ("be", "been")
    ):
        return state(participle, "is")
    if word in ("should", "must") and sentence.verb(rest) is not None:
        return task("the title says what something should do, a requirement to deliver")
    return _possession(sentence, word, rest, subject)


def _possession(sentence: Sentence, word: str, rest: int, subject: str) -> Reading:
    """ "X is available", "X has a Y", "We will ...": the rest of a predicate."""
    adjective = sentence.low(rest)
    if adjective in DELIVERED_STATES or f"{adjective} {sentence.low(rest + 1)}" in DELIVERED_STATES:
        return task(f"the title says something is {adjective!r}, a delivery")
    if word in ("has", "have", "had", "gets", "get") or adjective == "have":
        if word in ("get", "gets") and any(PEOPLE.match(w) for w in subject.split()):
            return outcome(f"the title says what people {word!r}")
        if adjective in lexicon.attributes():  # "have visibility into their risk"
            return outcome(f"the title says something has {adjective!r}, a quality")
        return task(f"the title says something {word!r} a thing, a delivery")
    if word in ("will", "shall", "'ll") and subject.lower() in ("we", "i", "the team"):
        return task("the title says what the team will do")
    return NOTHING


def _capability(sentence: Sentence, rest: int) -> Reading:
    """ "Admins can force a refresh" (a capability delivered), "Users can recognise X" (an
    effect on people), "can handle 1 TB" (a capacity, measured)."""
    verb = sentence.verb(rest)
    if verb is None:
        return NOTHING
    if verb in RECEPTION_VERBS or verb in CHANGE_VERBS:
        return outcome(f"the title says people can {verb!r}")
    if sentence.digits(rest, rest + 4):
        return outcome("the title states a capacity")
    return task(f"the title says someone can {verb!r}, a capability delivered")


def _scan(sentence: Sentence, start: int) -> Reading:
    """A clause without an auxiliary: "AWS guide published", "Users understand X", "Open source
    projects use Y", "Gitaly service active on file-servers", "usage increase"."""
    if sentence.low(start) in COMPARATIVES:
        return outcome(f"the title says {sentence.low(start)!r}, a change in a measure")
    first = sentence.participle(start)
    if first is not None and first in CHANGE_VERBS:
        return outcome(f"the title says {sentence.low(start)!r}, a change in a measure")
    if first is not None and len(sentence.words) - start <= 4:  # "Shipped.", "Published and ..."
        return state(first)
    return _changed(sentence, start) or _stated(sentence, start)


def _changed(sentence: Sentence, start: int) -> Reading | None:
    """A verb of change or of what others do after the subject ("usage increase", "projects
    use X", "Backlog reduced by 50%"); not a participle used as an adjective ("improved
    development experience")."""
    for at in range(start + 1, len(sentence.words)):
        word, before = sentence.low(at), sentence.low(at - 1)
        if word in CLAUSE_MARKS:
            break
        if word == "use" and before == "in":
            return outcome("the title says something is in use, what others do")
        if before in DETERMINERS or before in PREPOSITIONS:
            continue
        following = sentence.low(at + 1)
        if word.endswith("ed") and following.isalpha() and following not in PREPOSITIONS:
            continue
        form = sentence.form_of(at)
        if form in RECEPTION_VERBS or (form in CHANGE_VERBS and form not in MAINTAIN_VERBS):
            return outcome(f"the title says what others do or what changes ({word!r})")
    return None


def _stated(sentence: Sentence, start: int) -> Reading:
    """The first thing the clause states of its subject: what people do ("Users understand"),
    a behaviour ("always finds"), a delivery ("guide published", "X exists", "service
    active"), what a delivered thing does ("Handbook describes ...")."""
    people = PEOPLE.match(sentence.low(start)) is not None
    for at in range(start + 1, len(sentence.words)):
        word, before = sentence.low(at), sentence.low(at - 1)
        if word in CLAUSE_MARKS:
            break
        if before in DETERMINERS or before in PREPOSITIONS:
            continue
        if PEOPLE.match(word):
            people = True
            continue
        if before in ("always", "never", "reliably"):
            return BEHAVIOUR  # "A node always finds files"
        if people and _people_do(sentence, at):
            return outcome("the title says what people do")
        if word in ("exist", "exists"):
            return task("the title says a thing exists, a delivery")
        participle = sentence.participle(at)
        if participle is not None:
            return state(participle)
        if word in DELIVERED_STATES or word in sentence.vocabulary.state_words:
            return task(f"the title says something is {word!r}, a delivery")
        if not people and _does(sentence, start, at):
            return task(f"the title says what the delivered thing does ({word!r})")
    return NOTHING


def _people_do(sentence: Sentence, at: int) -> bool:
    """ "Users understand how ...": a verb right after a noun of people."""
    word = sentence.low(at)
    near = PEOPLE.match(sentence.low(at - 1)) or PEOPLE.match(sentence.low(at - 2))
    return bool(
        near
        and sentence.form_of(at) is not None
        and sentence.words[at].islower()
        and not word.endswith("ed")
        and at + 1 < len(sentence.words)
    )


def _does(sentence: Sentence, start: int, at: int) -> bool:
    """ "Handbook describes the process": a third-person verb after a short subject and before
    its object; not a plural noun ("Lite demos held per rep", "total hires")."""
    word, before = sentence.low(at), sentence.low(at - 1)
    if at + 1 >= len(sentence.words) or not sentence.words[at].islower():
        return False
    following = sentence.words[at + 1]
    objected = (
        following.lower() in DETERMINERS
        or following[:1].isupper()
        or (
            following.isalpha()
            and following.lower() not in PREPOSITIONS
            and not following.endswith("ing")
            and not lexicon.lemma(following, "s")
            and sentence.participle(at + 1) is None
        )
    )
    return bool(
        lexicon.lemma(word, "s")
        and before.isalpha()
        and not before.endswith("s")
        and at - start <= 4
        and not sentence.digits(start, at)
        and objected
    )


def _noun_phrase(sentence: Sentence, start: int, text: str) -> Reading:
    """No verb: a count ("3 case studies", "10 daily active users") or a bare thing."""
    if AUDIENCE.search(sentence.counted(start)) and sentence.digits():
        return outcome("the title counts an audience or what others do")
    if _COUNT.match(text):
        return task("the title counts things the team delivers")
    if any(w.lower() in ("is", "are", "was", "were") for w in sentence.words[start:]):
        return NOTHING  # a clause after all ("A deliverable that is done")
    if _progressive(sentence, start):
        return NOTHING  # "IPFS companion working in Brave": a clause, "is working"
    if sentence.quality(start):
        return QUALITY
    return Reading("task", "the milestone names a thing to deliver (no verb, no measure)", False)


def _progressive(sentence: Sentence, start: int) -> bool:
    """A verb in -ing after its subject and before a preposition, a determiner or an adverb:
    "X working in Brave", "EA program operating at level 3" (not "Chaos Engineering blog")."""
    for at in range(start + 1, len(sentence.words) - 1):
        before, after = sentence.low(at - 1), sentence.low(at + 1)
        if (
            lexicon.lemma(sentence.low(at), "ing")
            and before.isalpha()
            and before not in DETERMINERS | PREPOSITIONS | {"and", "or"}
            and not ADVERB.match(before)
            and (after in PREPOSITIONS | DETERMINERS or ADVERB.match(after) or after[:3] == "out")
        ):
            return True
    return False
