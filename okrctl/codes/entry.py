"""What a diagnostic code is: a stable code and name, the phase that reports it, its default
severity and its documentation.

The documentation is Markdown in the shape of a rule's docstring (see `okrctl.checks`): a
one-line summary, the explanation (what it means, why it matters, how to fix it), then a
`## Failing example` and a `## Passing example` where the code is about what a file holds. A
test runs every example through okrctl: the failing one must report the code, the passing one
must not.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, NamedTuple

from okrctl.codes.severity import Severity


class Phase(StrEnum):
    """Where in okrctl's work a code is reported, in the order the phases run."""

    CONFIGURATION = "configuration"
    LOAD = "load"
    MODEL = "model"
    REFERENCES = "references"
    RULES = "rules"
    LIFECYCLE = "lifecycle"
    SOURCES = "sources"
    HISTORY = "history"

    @property
    def description(self) -> str:
        return _PHASES[self]


_PHASES = {
    Phase.CONFIGURATION: "reading okrctl.yaml (or `[tool.okrctl]` in pyproject.toml); nothing is "
    "checked until it is valid",
    Phase.LOAD: "finding and reading the files: their bytes, encoding and YAML; a file refused "
    "here is not validated",
    Phase.MODEL: "each file against the file format; a file that does not validate takes no "
    "part in the cross-file checks",
    Phase.REFERENCES: "the files together: the organisation, ids, names and the parent chain; "
    "always errors, never silenced",
    Phase.RULES: "the rules of good OKRs, which okrctl.yaml configures",
    Phase.LIFECYCLE: "the commands that edit OKR files: checkin, grade, close and new",
    Phase.SOURCES: "metric sources, read by okrctl sync",
    Phase.HISTORY: "git history: what changed after a period closed",
}

EXAMPLE = re.compile(
    r"^## (Failing|Passing) example\n\n```(\w+)(?: title=\"([^\"\n]+)\")?\n(.*?)^```",
    re.DOTALL | re.MULTILINE,
)
"""An example: its kind, the fence's language, an optional file (the whole file is the
example) and the text."""

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CODE = re.compile(r"OKR\d{3}")


class Example(NamedTuple):
    """A failing or passing example. Without `file`, the text is the part of a file that
    matters, the rest being as in the example organisation; with `file`, it is that whole file."""

    kind: Literal["failing", "passing"]
    language: str
    file: str | None
    text: str


@dataclass(frozen=True, kw_only=True)
class Code:
    """One diagnostic code. Emitters name it by its constant in `okrctl.codes` (`code.code`),
    never by a literal."""

    code: str
    """`OKR` and three digits; the hundreds say the phase (0: configuration, and 099: nothing to
    check; 1: load, 2: model, 3: references, 4-7 and 9: rules, 8: life cycle, sources and
    history). Code that needs the phase asks the entry, never the digits."""
    name: str
    """A stable kebab-case name; `okrctl explain` and suppression comments accept it."""
    phase: Phase
    severity: Severity
    """The severity it is reported at (a rule's default: the configuration may change it)."""
    doc: str = ""
    """The documentation in Markdown; empty for a rule, which its module's docstring documents
    (`okrctl.checks`)."""
    suppressible: bool | None = None
    """Whether a suppression comment may silence it; None (the default) means: a rule's finding
    may be silenced, any other code may not. Set for the few codes `okrctl check` reports beyond
    the rules whose findings a team may accept (OKR814, OKR820), and for OKR900."""
    retired: str = ""
    """Why okrctl no longer reports the code, for a code kept in the catalogue so that it is
    never given another meaning; empty for a code in use."""

    def __post_init__(self) -> None:
        if not CODE.fullmatch(self.code) or not NAME.fullmatch(self.name):
            raise ValueError(f"malformed catalogue entry {self.code} {self.name}")

    @property
    def anchor(self) -> str:
        """The anchor of its section in the documentation's codes page (`okr101`)."""
        return self.code.lower()

    @property
    def is_rule(self) -> bool:
        return self.phase is Phase.RULES

    @property
    def silenced_by_comment(self) -> bool:
        """A suppression comment (`# okrctl: disable=CODE`) may silence it."""
        return self.is_rule if self.suppressible is None else self.suppressible

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.doc)


def summary(documentation: str) -> str:
    """The first line of a documentation text."""
    return documentation.split("\n", 1)[0].strip()


def explanation(documentation: str) -> str:
    """The text between the summary and the first `## ` heading."""
    body = documentation.split("\n", 1)[1] if "\n" in documentation else ""
    return re.split(r"^## ", body, maxsplit=1, flags=re.MULTILINE)[0].strip()


def examples(documentation: str) -> list[Example]:
    """The failing and the passing example, in the order written."""
    return [
        Example("failing" if kind == "Failing" else "passing", language, file or None, text)
        for kind, language, file, text in EXAMPLE.findall(documentation)
    ]
