"""Period labels as people write them ("Q3 2026", "2026 H2", "FY 2026", "May 2026") and the
calendar period they name (`2026-Q3`, `2026-H2`, `2026`, `2026-05`)."""

from __future__ import annotations

import datetime as dt
import re

from okrctl.errors import UsageError
from okrctl.lifecycle.starter import parse_period

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_YEAR = r"((?:19|20)\d\d)"
_FORMS = [
    (re.compile(rf"(?i)\b([QH])([1-4])[\s/\-_.]*(?:of\s+)?(?:CY)?{_YEAR}\b"), "part-first"),
    (re.compile(rf"(?i)\b(?:CY)?{_YEAR}[\s/\-_.]*([QH])([1-4])\b"), "year-first"),
    (re.compile(rf"(?i)\b{_YEAR}-(0[1-9]|1[0-2])\b"), "month"),
    (re.compile(rf"(?i)\b([a-z]{{3,9}})\.?\s+{_YEAR}\b"), "month-name"),
    (re.compile(rf"(?i)\b(?:year\s+|cy\s*)?{_YEAR}\b"), "year"),
]
FILLER = re.compile(r"(?i)\b(okrs?|objectives|goals|key results|and|for|the|plan|period)\b")
"""Words a period heading or a document title may hold besides the period."""


def find_period(text: str) -> tuple[str, str] | None:
    """(period id, the text around it) for the first period named in `text`, or None."""
    for pattern, form in _FORMS:
        found = pattern.search(text)
        if found is None:
            continue
        if form == "part-first":
            part, number, year = found[1].upper(), int(found[2]), found[3]
        elif form == "year-first":
            year, part, number = found[1], found[2].upper(), int(found[3])
        elif form == "month":
            identifier = f"{found[1]}-{found[2]}"
            return identifier, (text[: found.start()] + text[found.end() :]).strip()
        elif form == "month-name":
            month = _MONTHS.get(found[1].lower())
            if month is None:
                continue
            identifier = f"{found[2]}-{month:02d}"
            return identifier, (text[: found.start()] + text[found.end() :]).strip()
        else:
            return found[1], (text[: found.start()] + text[found.end() :]).strip()
        if part == "H" and number > 2:
            continue
        return f"{year}-{part}{number}", (text[: found.start()] + text[found.end() :]).strip()
    return None


def period_label(text: str) -> str | None:
    """The period a heading names when the heading is about nothing else ("Q3 2026 OKRs")."""
    found = find_period(text)
    if found is None:
        return None
    identifier, rest = found
    rest = FILLER.sub(" ", rest)
    if re.sub(r"[\W_]+", "", rest):
        return None
    return identifier


def dates(identifier: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a period id (`2026-Q3`, `2026-H2`, `2026`, `2026-05`), or None."""
    try:
        period = parse_period(identifier)
    except UsageError:
        return None
    return period.start, period.end


def normalise(label: str) -> str | None:
    """The period id for a label written anywhere ("Q3 2026", "2026-Q3"), or None."""
    found = find_period(label)
    if found is None or re.sub(r"[\W_]+", "", FILLER.sub(" ", found[1])):
        return None
    return found[0]
