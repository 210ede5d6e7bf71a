"""The catalogue of diagnostic codes: every code okrctl reports, with its name, phase, default
severity and documentation.

Everything that reports a code names its entry here (`codes.DUPLICATE_KEY.code`), never a
literal, and `okrctl explain` and the documentation's tables are generated from it; a test
holds the two in step. The rules of good OKRs have their entries in `codes.rules` and their
documentation in their modules' docstrings (`okrctl.checks`); `okrctl.explain` joins the two.

The package sits below every layer that reports a code and imports nothing else of okrctl;
`okrctl.diagnostics` takes the severity scale (`codes.severity`) and the codes' names from it.
"""

from __future__ import annotations

from okrctl.codes import cascade, configuration, lifecycle, load, model, references, rules, text
from okrctl.codes.cascade import (
    PARENT_NOT_ABOVE,
    PARENT_PERIOD,
    REFERENCE_CYCLE,
    UNMEASURED_ROLL_UP,
)
from okrctl.codes.configuration import INVALID_CONFIGURATION
from okrctl.codes.entry import Code, Example, Phase, examples, explanation, summary
from okrctl.codes.lifecycle import (
    CLOSED_PERIOD_EDITED,
    FILE_EXISTS,
    LATER_CHECKIN,
    SOURCE_COMMAND,
    SOURCE_FIELD,
    SOURCE_FILE,
    SOURCE_VALUE,
    UNEDITABLE_LAYOUT,
    UNLISTED_COMMAND,
)
from okrctl.codes.load import (
    ANCHOR_OR_ALIAS,
    CUSTOM_TAG,
    DUPLICATE_KEY,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    MERGE_KEY,
    NESTING_TOO_DEEP,
    NO_OKR_FILES,
    NOT_A_MAPPING,
    NOT_AN_OKR_FILE,
    NOT_UTF8,
    NUL_BYTE,
    SECOND_DOCUMENT,
    UNREADABLE_FILE,
    YAML_SYNTAX,
)
from okrctl.codes.model import (
    FILE_HEADER,
    INVALID_VALUE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    WRONG_TYPE,
)
from okrctl.codes.references import (
    DUPLICATE_ID,
    FILE_NAME_MISMATCH,
    MISSING_ORGANIZATION,
    NOT_AN_OBJECTIVE,
    OVERLAPPING_PERIODS,
    SECOND_ORGANIZATION,
    SECOND_ROOT_UNIT,
    SELF_REFERENCE,
    UNKNOWN_REFERENCE,
    WRONG_FOLDER,
)
from okrctl.codes.rules import (
    ACTIVITY_KEY_RESULT,
    AWAITING_GRADES,
    DROPPED_REASON,
    FEW_AND_FOCUSED,
    HEADCOUNT,
    INVERTED_CASCADE,
    LEADING_INDICATOR,
    MEASURABLE_OBJECTIVE,
    OPPOSING_METRICS,
    OWNER_IN_UNIT,
    PLACEHOLDER_TEXT,
    QUALITATIVE_OBJECTIVE,
    RETROSPECTIVE,
    SANDBAGGING,
    SKIPPED_LEVEL,
    STALE_KEY_RESULT,
    TIME_BOUND,
    UNACKNOWLEDGED_DEPENDENCY,
    UNKNOWN_BASELINE,
    UNSUPPORTED_STRATEGY,
    UNUSED_SUPPRESSION,
    VALUE_IN_RANGE,
)
from okrctl.codes.severity import Severity
from okrctl.codes.text import BIDI_IN_IDENTIFIER, BIDI_IN_PROSE

CATALOGUE: dict[str, Code] = {
    entry.code: entry
    for entry in sorted(
        (
            *configuration.ENTRIES,
            *load.ENTRIES,
            *text.ENTRIES,
            *model.ENTRIES,
            *references.ENTRIES,
            *cascade.ENTRIES,
            *rules.ENTRIES,
            *lifecycle.ENTRIES,
        ),
        key=lambda entry: entry.code,
    )
}
"""Every code, in code order."""

PER_FILE: frozenset[str] = frozenset(
    entry.code
    for entry in CATALOGUE.values()
    if entry.phase in (Phase.LOAD, Phase.MODEL) and entry is not NO_OKR_FILES
)
"""The codes of the phases that read and validate one file (not OKR099, about a folder): a file
with such an error is not checked further, nor edited."""

BY_NAME: dict[str, Code] = {entry.name: entry for entry in CATALOGUE.values()}


def lookup(code_or_name: str) -> Code | None:
    """The entry with this code or name (any case), or None."""
    text = code_or_name.strip()
    return CATALOGUE.get(text.upper()) or BY_NAME.get(text.lower())


__all__ = [
    "ACTIVITY_KEY_RESULT",
    "ANCHOR_OR_ALIAS",
    "AWAITING_GRADES",
    "BIDI_IN_IDENTIFIER",
    "BIDI_IN_PROSE",
    "BY_NAME",
    "CATALOGUE",
    "CLOSED_PERIOD_EDITED",
    "CUSTOM_TAG",
    "DROPPED_REASON",
    "DUPLICATE_ID",
    "DUPLICATE_KEY",
    "EMPTY_FILE",
    "FEW_AND_FOCUSED",
    "FILE_EXISTS",
    "FILE_HEADER",
    "FILE_NAME_MISMATCH",
    "FILE_TOO_LARGE",
    "HEADCOUNT",
    "INVALID_CONFIGURATION",
    "INVALID_VALUE",
    "INVERTED_CASCADE",
    "LATER_CHECKIN",
    "LEADING_INDICATOR",
    "MEASURABLE_OBJECTIVE",
    "MERGE_KEY",
    "MISSING_FIELD",
    "MISSING_ORGANIZATION",
    "NESTING_TOO_DEEP",
    "NOT_AN_OBJECTIVE",
    "NOT_AN_OKR_FILE",
    "NOT_A_MAPPING",
    "NOT_UTF8",
    "NO_OKR_FILES",
    "NUL_BYTE",
    "OPPOSING_METRICS",
    "OVERLAPPING_PERIODS",
    "OWNER_IN_UNIT",
    "PARENT_NOT_ABOVE",
    "PARENT_PERIOD",
    "PER_FILE",
    "PLACEHOLDER_TEXT",
    "QUALITATIVE_OBJECTIVE",
    "REFERENCE_CYCLE",
    "RETROSPECTIVE",
    "SANDBAGGING",
    "SECOND_DOCUMENT",
    "SECOND_ORGANIZATION",
    "SECOND_ROOT_UNIT",
    "SELF_REFERENCE",
    "SKIPPED_LEVEL",
    "SOURCE_COMMAND",
    "SOURCE_FIELD",
    "SOURCE_FILE",
    "SOURCE_VALUE",
    "STALE_KEY_RESULT",
    "TIME_BOUND",
    "UNACKNOWLEDGED_DEPENDENCY",
    "UNEDITABLE_LAYOUT",
    "UNKNOWN_BASELINE",
    "UNKNOWN_FIELD",
    "UNKNOWN_REFERENCE",
    "UNLISTED_COMMAND",
    "UNMEASURED_ROLL_UP",
    "UNREADABLE_FILE",
    "UNSUPPORTED_STRATEGY",
    "UNUSED_SUPPRESSION",
    "VALUE_IN_RANGE",
    "WRONG_FOLDER",
    "WRONG_TYPE",
    "YAML_SYNTAX",
    "Code",
    "Example",
    "Phase",
    "Severity",
    "examples",
    "explanation",
    "lookup",
    "summary",
]
