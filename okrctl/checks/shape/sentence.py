"""A sentence of a key result's title as words, with what the reading returns (`Reading`) and
the house style's words (`Vocabulary`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from okrctl.checks import lexicon
from okrctl.checks.shape.words import (
    ADVERB,
    AUDIENCE,
    AUXILIARY,
    CLAUSE_MARKS,
    DETERMINERS,
    PREPOSITIONS,
    QUALITY_ENDINGS,
    measures,
)

Kind = Literal["outcome", "task"]


@dataclass(frozen=True)
class Reading:
    """What a title's shape says: `kind` (None: no shape of its own), why (a phrase for the
    finding's message), and whether it is `strong` (a verb, a measure, a count) or only a bare
    noun phrase."""

    kind: Kind | None
    why: str = ""
    strong: bool = True


NOTHING = Reading(None, strong=False)


def outcome(why: str) -> Reading:
    return Reading("outcome", why)


def task(why: str) -> Reading:
    return Reading("task", why)


def measured(kinds: set[str]) -> Reading:
    return outcome(f"the title measures an effect ({', '.join(sorted(kinds))})")


@dataclass(frozen=True)
class Vocabulary:
    """The words a house style adds or takes out (the rule's options), lower case."""

    task_words: frozenset[str] = frozenset()
    """Words that head a task whatever the lexicon says (jargon, verbs it lacks)."""
    state_words: frozenset[str] = frozenset()
    """Words that, after "is" / "are" or after a noun, say a thing was delivered."""
    removed: frozenset[str] = frozenset()
    """Words that never make a task: a verb the house style uses for outcomes."""


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-{}]*|\d[\d,.]*\s?%?|[^\sA-Za-z\d]")
_LEADING_MARKS = re.compile(r"^(?:\s*(?:\([^)]*\)|\[[^]]*\]|[-*•>#:]+)\s*)+")
_ASIDE = re.compile(r"\([^()]*\)|\[[^]]*\]|\s-\S[^-]*\S-\s|\b[a-z]+:/+\S*")
"""Parentheses, brackets, "-dashed asides-" and links: read for measures, not for grammar."""
_ABBREVIATIONS = re.compile(r"(?i)\b(e\.g|i\.e|etc|vs|incl|approx|cf)\.")
_PREFIXES = ("re", "un", "de", "co", "pre")
"""Prefixes of a verb the lexicon lacks whole: re-organise, unprefix, co-host."""


@dataclass
class Sentence:
    """One sentence of a title, as words, without its asides (parentheses, links)."""

    text: str
    vocabulary: Vocabulary
    measured: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)
    _lows: list[str] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = _LEADING_MARKS.sub("", self.text).strip().rstrip(".;!?")
        bare = _ASIDE.sub(" ", self.text)
        self.measured = measures(bare + " " + self.text)
        self.words = [w.strip() for w in _TOKEN.findall(bare)]
        self._lows = [w.lower() for w in self.words]

    def part(self, start: int) -> Sentence:
        """The words from `start` on, as a sentence measured as this one."""
        rest = Sentence(" ".join(self.words[start:]), self.vocabulary)
        rest.measured = self.measured
        return rest

    def low(self, at: int) -> str:
        """The word at `at`, lower-cased (read often: lowered once); "" past either end."""
        return self._lows[at] if 0 <= at < len(self._lows) else ""

    def quality(self, start: int) -> bool:
        """The words from `start` name a quality ("Rule-Based System Accuracy", "Sizing tool
        accuracy"): a short phrase whose last noun is an attribute (WordNet's) of a quality
        ending (-ity, -ness, -cy, -ance, -ence)."""
        nouns = [w.lower() for w in self.words[start:] if w.isalpha()]
        head = nouns[-1] if nouns else ""
        return (
            head in lexicon.attributes()
            and bool(QUALITY_ENDINGS.search(head))
            and (len(nouns) <= 5)
        )

    def digits(self, start: int = 0, end: int | None = None) -> bool:
        return any(w[:1].isdigit() for w in self.words[start:end])

    def verb(self, at: int) -> str | None:
        """The verb the word at `at` is the base form of, with its particle (`set up`)."""
        word = self.low(at)
        if not word or word in self.vocabulary.removed:
            return None
        found = word if word in self.vocabulary.task_words or lexicon.is_verb(word) else None
        for prefix in _PREFIXES if found is None else ():
            rest = word.removeprefix(prefix).lstrip("-")
            if rest != word and len(rest) > 3 and lexicon.is_verb(rest):
                found = rest
        return self.phrasal(found, at)

    def phrasal(self, verb: str | None, at: int) -> str | None:
        """`verb` with the particle after it when the lexicon has them together (`set up`)."""
        if verb is not None and f"{verb} {self.low(at + 1)}" in lexicon.verbs():
            return f"{verb} {self.low(at + 1)}"
        return verb

    def participle(self, at: int) -> str | None:
        """The verb of which the word at `at` is a past participle (`tracked`, `built`)."""
        word = self.low(at)
        if word in self.vocabulary.state_words:
            return word
        found = lexicon.lemma(word, "ed")
        return None if found is None or found in self.vocabulary.removed else found

    def form_of(self, at: int) -> str | None:
        """The verb of which the word at `at` is any form (base, -s, -ing, -ed)."""
        word = self.low(at)
        if lexicon.is_verb(word):
            return word
        for ending in ("s", "ing", "ed"):
            found = lexicon.lemma(word, ending)
            if found is not None:
                return found
        return None

    def head(self) -> int | None:
        """Where the main clause starts: after leading adverbs ("Successfully implement"),
        "continue to", or a leading subordinate clause and its comma ("Once we have the
        statistics, establish ..."); None when nothing follows."""
        at = 0
        while at < len(self.words) - 1 and ADVERB.match(self.words[at]):
            at += 1
        if self.low(at) in ("continue", "start", "begin") and self.low(at + 1) == "to":
            at += 2
        if self.low(at) in ("once", "when", "after", "before", "if", "until") and "," in self.words:
            at = self.words.index(",") + 1
        return at if at < len(self.words) else None

    def auxiliary(self, start: int, coordinated: bool = True) -> int | None:
        """The first auxiliary or modal of the main clause ("is", "can", "will", "don't");
        without `coordinated`, not past an "and" or "or" that may start another clause."""
        for at in range(start, len(self.words)):
            word = self.low(at)
            if word in CLAUSE_MARKS and (not coordinated or word != ","):
                return None
            if not coordinated and ((word in ("and", "or") and at > start + 3) or word == "to"):
                return None
            if self.low(at - 1) == "to":
                continue  # "to be": an infinitive, not the main verb
            if word in AUXILIARY or word.endswith(("n't", "'ll")):
                return at
        return None

    def counted(self, start: int) -> str:
        """What a number counts: the words from `start` up to a preposition ("3 minute video
        product demo" of "3 minute video product demo targeted at buyers")."""
        found = []
        for at in range(start, len(self.words)):
            word = self.low(at)
            if at > start and (word in PREPOSITIONS or word in CLAUSE_MARKS or word == "and"):
                break
            found.append(word)
        return " ".join(found)

    def audience_count(self, start: int) -> bool:
        """A number of an audience from `start` on ("Peerpad handles 5 users")."""
        return any(
            self.words[at][:1].isdigit() and AUDIENCE.search(self.counted(at))
            for at in range(start, len(self.words))
        )

    def unknown_verb(self, start: int) -> str | None:
        """A word the lexicon lacks, used as a verb: followed by a determiner or a number
        ("Setup the metrics", "Onboard 2 new contributors")."""
        word = self.words[start]
        following = self.low(start + 1)
        if not word.isalpha() or word[1:] != word[1:].lower() or word.lower() in PREPOSITIONS:
            return None
        if word.lower() in self.vocabulary.removed or lexicon.is_verb(word):
            return None
        if any(lexicon.lemma(word, ending) for ending in ("s", "ed", "ing")):
            return None
        if following in DETERMINERS - {"no"} or following[:1].isdigit():
            return word.lower()
        return None


_ENDS = re.compile(r"[.;!?]\s")
"""Where a sentence may end: `.`, `;`, `!` or `?` before a space."""


def sentences(title: str) -> list[str]:
    """The title's sentences: split after `.`, `;`, `!` or `?` and a space, outside parentheses
    and abbreviations ("(e.g. X)")."""
    text = _ABBREVIATIONS.sub(lambda m: m.group(1), title.strip())
    if not _ENDS.search(text):  # one sentence (most titles): no walk over its characters
        return [text] if text else []
    found, depth, begin = [], 0, 0
    for at, char in enumerate(text):
        depth = max(depth + {"(": 1, ")": -1}.get(char, 0), 0)
        if char in ".;!?" and depth == 0 and text[at + 1 : at + 2].isspace():
            found.append(text[begin : at + 1])
            begin = at + 1
    found.append(text[begin:])
    return [s.strip() for s in found if s.strip()]
