"""One `Explained` per code: the catalogue's entry with its documentation, a rule's joined in
from its module (with its options and their defaults)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from okrctl.checks.documentation import OptionDoc, rule_doc
from okrctl.checks.registry import RULES
from okrctl.codes import CATALOGUE, Code, Example, Phase, examples, explanation, lookup, summary
from okrctl.diagnostics import Severity


@dataclass(frozen=True)
class Explained:
    """Everything `okrctl explain` says about one code."""

    entry: Code
    documentation: str
    """Markdown: the summary line, the explanation, the examples."""
    options: tuple[OptionDoc, ...] = ()
    """A rule's options with their defaults; none for other codes."""

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def phase(self) -> Phase:
        return self.entry.phase

    @property
    def severity(self) -> Severity:
        return self.entry.severity

    @property
    def anchor(self) -> str:
        return self.entry.anchor

    @property
    def summary(self) -> str:
        return summary(self.documentation)

    @property
    def explanation(self) -> str:
        return explanation(self.documentation)

    @property
    def examples(self) -> list[Example]:
        return examples(self.documentation)

    @property
    def configurable(self) -> bool:
        """True for a rule: `okrctl.yaml` may change its severity, turn it off, set options."""
        return self.entry.is_rule


def explain(entry: Code) -> Explained:
    """The documentation of one catalogue entry."""
    rule = RULES.get(entry.code)
    if rule is None:
        return Explained(entry, entry.documentation)
    return Explained(entry, rule.documentation, rule_doc(rule).options)


def everything() -> list[Explained]:
    """Every code's documentation, in code order."""
    return [explain(entry) for entry in CATALOGUE.values()]


def find(code_or_name: str) -> Explained | None:
    """One code's documentation by code or name (any case), or None."""
    entry = lookup(code_or_name)
    return explain(entry) if entry is not None else None


def closest(text: str) -> str | None:
    """The code or name nearest to `text` (for "did you mean"), or None. A code's digits typed
    as letters (`OKR1O1`) are read as digits; of equally near codes the lowest is given."""
    word = text.strip()
    if len(word) > 100:  # no code or name is that long; and difflib's time grows with it
        return None
    if word.upper().startswith("OKR"):
        word = "OKR" + word[3:].upper().translate(_DIGITS)
        candidates = list(CATALOGUE)
    else:
        word, candidates = word.lower(), [entry.name for entry in CATALOGUE.values()]
    scored = [(_ratio(word, candidate), candidate) for candidate in candidates]
    score, best = max(scored, key=lambda pair: (pair[0], [-ord(c) for c in pair[1]]))
    return best if score >= 0.6 else None


_DIGITS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _ratio(word: str, candidate: str) -> float:
    return difflib.SequenceMatcher(None, word, candidate).ratio()
