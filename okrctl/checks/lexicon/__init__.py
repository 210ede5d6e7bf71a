"""English words for reading the shape of a key result's title: is a word a verb, and of which
lemma is it a participle, a gerund or a third-person form.

The data comes from Princeton WordNet 3.0 (its licence is LICENSE-WordNet.txt beside this
module), reduced once by `generate.py` to three small sorted text files (about 150 kB), so that
okrctl needs no natural-language library at run time: a lemmatiser such as `lemminflect` would
bring numpy and megabytes of tables for the few questions asked here. The regular endings
(-ed, -ing, -s, with a doubled consonant or a dropped e) are undone below, and WordNet's list of
irregular forms gives the rest (`built`, `written`, `set`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _read(name: str) -> list[str]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def verbs() -> frozenset[str]:
    """Every verb lemma: one word, or a word and its particle (`set up`)."""
    return frozenset(_read("verbs.txt"))


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for line in _read("verb_forms.txt"):
        form, lemma = line.split(" ", 1)
        forms[form] = (*forms.get(form, ()), lemma)
    return forms


@cache
def attributes() -> frozenset[str]:
    """Nouns naming a quality (`accuracy`, `scalability`), not a thing."""
    return frozenset(_read("attributes.txt"))


_VOWELS = frozenset("aeiou")


def _candidates(word: str, ending: str) -> list[str]:
    """The lemmas a regular form with `ending` may come from, most likely first."""
    stem = word[: -len(ending)]
    if len(stem) < 2:
        return []
    found = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        found.insert(0, stem[:-1])  # shipped, planned
    if ending == "ed" and stem.endswith("i"):
        found.insert(0, stem[:-1] + "y")  # specified
    if ending == "s" and stem.endswith("ie"):
        found.insert(0, stem[:-2] + "y")  # specifies
    if ending == "s" and stem.endswith("e"):
        found.append(stem[:-1])  # finishes
    return found


def lemma(word: str, ending: str) -> str | None:
    """The verb lemma of which `word` is the form ending in `ending` ("ed" for the past and its
    participle, "ing", "s"), or None: `lemma("tracked", "ed") == "track"`, `lemma("built", "ed")
    == "build"`, `lemma("hiring", "ing") == "hire"`."""
    word = word.lower()
    for irregular in _irregular().get(word, ()):
        if word.endswith(ending) or (ending == "ed" and not word.endswith(("ing", "s"))):
            return irregular  # built, written; lying
    if not word.endswith(ending):
        return None
    known = verbs()
    for candidate in _candidates(word, ending):
        if candidate in known:
            return candidate
    return None


def is_verb(word: str) -> bool:
    """`word` is the base form of a verb (also the imperative): `ship`, `remediate`, `blog`."""
    return word.lower() in verbs()
