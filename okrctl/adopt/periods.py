"""Period labels as people write them, and the period each names.

Calendar forms: "Q3 2026", "2026 Q3", "2026-Q3", "Q3-26", "3Q2026", "CY19-Q4", "H2 2026",
"2026", "May 2026" and "2026-05" name `2026-Q3`, `2019-Q4`, `2026-H2`, `2026` and `2026-05`.
Fiscal forms ("FY21-Q1", "FY2021 Q1", "Q1 FY21", "FY21") keep their name as the id (`FY21-Q1`,
`FY21`); their dates depend on the month the fiscal year starts (`fiscal_start`, January by
default). A fiscal year is named after the calendar year it ends in: starting in February, FY21
runs from February 2020 to January 2021. A year with a numbered part that is no calendar form
("2020 Set 1", "Sprint 3 2026") is a period of its own inside that year (`2020-set-1`). A quarter
or half without a year ("Q2 OKRs") takes the year the caller gives: the page's year so far.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from okrctl.errors import UsageError
from okrctl.lifecycle.scaffold import slugify
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
MONTH_NAMES = _MONTHS
"""Month names and abbreviations, lowercase, to their number (for `--fiscal-year-start`)."""

_Y4 = r"((?:19|20)\d\d)"
_SEP = r"[\s/\-_.,']*"
_FISCAL = [
    re.compile(rf"(?i)\b([QH])([1-4]){_SEP}FY\s*'?(\d{{4}}|\d\d)\b"),
    re.compile(rf"(?i)\bFY\s*'?(\d{{4}}|\d\d)(?:{_SEP}([QH])([1-4]))?\b"),
]
_PART_FIRST = re.compile(rf"(?i)\b([QH])([1-4]){_SEP}(?:of\s+)?(?:CY\s*)?{_Y4}\b")
_PART_SHORT = re.compile(r"(?i)\b([QH])([1-4])\s*[-/'’]\s*(\d\d)\b")
_DIGIT_FIRST = re.compile(rf"(?i)\b([1-4])([QH]){_SEP}{_Y4}\b")
_YEAR_FIRST = re.compile(rf"(?i)\b(?:CY\s*)?{_Y4}{_SEP}([QH])([1-4])\b")
_CY_SHORT = re.compile(rf"(?i)\bCY\s*'?(\d\d)(?:{_SEP}([QH])([1-4]))?\b")
_MONTH = re.compile(rf"\b{_Y4}-(0[1-9]|1[0-2])\b")
_MONTH_NAME = re.compile(rf"(?i)\b([a-z]{{3,9}})\.?\s+{_Y4}\b")
_YEAR = re.compile(rf"(?i)\b(?:year\s+|CY\s*)?{_Y4}\b")
_BARE_PART = re.compile(r"(?i)(?<![\w-])([QH])([1-4])(?![\w-])")
_NUMBERED_PART = re.compile(
    r"(?i)\b(set|sprint|cycle|round|phase|part|batch|wave|block|term|trimester|iteration)"
    r"\s*#?(\d{1,3})\b"
)
_FISCAL_ID = re.compile(r"FY(\d{4}|\d\d)(?:-([QH])([1-4]))?")

FILLER = re.compile(
    r"(?i)\b(okrs?|objectives?|goals|key results|and|for|the|plan|period|calendar|fiscal|year|"
    r"quarter|quarterly|archive|our|of|in)\b"
)
"""Words a period heading or a document title may hold besides the period."""
_OKR_WORD = re.compile(r"(?i)\b(okrs?|objectives|goals)\b")


class Found(NamedTuple):
    """A period named in a text: its id, the text around it, and a display name when the id is
    not the label ("2020 Set 1")."""

    identifier: str
    rest: str
    name: str | None = None


def _year(text: str) -> str:
    """A four-digit year from four digits or two (`19` is 2019)."""
    return text if len(text) == 4 else f"20{text}"


def _cut(text: str, match: re.Match[str]) -> str:
    return " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def _fiscal(text: str) -> Found | None:
    for number, pattern in enumerate(_FISCAL):
        found = pattern.search(text)
        if found is None:
            continue
        if number == 1:
            year, part, which = found[1], found[2], found[3]
        else:
            part, which, year = found[1], found[2], found[3]
        short = _year(year)[2:]
        identifier = f"FY{short}-{part.upper()}{which}" if part else f"FY{short}"
        if part and part.upper() == "H" and int(which) > 2:
            continue
        return Found(identifier, _cut(text, found))
    return None


def _calendar_part(text: str) -> Found | None:
    """A quarter or a half of a calendar year, in any of the orders people write it."""
    forms = (
        (_PART_FIRST, (1, 2, 3)),
        (_YEAR_FIRST, (2, 3, 1)),
        (_DIGIT_FIRST, (2, 1, 3)),
        (_PART_SHORT, (1, 2, 3)),
        (_CY_SHORT, (2, 3, 1)),
    )
    for pattern, (p, w, y) in forms:
        for found in pattern.finditer(text):
            part, which = found[p], found[w]
            if part is None:
                continue
            if part.upper() == "H" and int(which) > 2:
                continue
            return Found(f"{_year(found[y])}-{part.upper()}{which}", _cut(text, found))
    return None


def _month_or_year(text: str) -> Found | None:
    if found := _MONTH.search(text):
        return Found(f"{found[1]}-{found[2]}", _cut(text, found))
    for found in _MONTH_NAME.finditer(text):
        month = _MONTHS.get(found[1].lower())
        if month is not None:
            return Found(f"{found[2]}-{month:02d}", _cut(text, found))
    if found := _CY_SHORT.search(text):
        return Found(_year(found[1]), _cut(text, found))
    if found := _YEAR.search(text):
        return Found(found[1], _cut(text, found))
    return None


def find_period(text: str) -> Found | None:
    """The first period `text` names, or None."""
    found = _fiscal(text) or _calendar_part(text) or _month_or_year(text)
    if found is None:
        return None
    part = _NUMBERED_PART.search(found.rest)
    if re.fullmatch(r"\d{4}", found.identifier) and part is not None:
        name = f"{found.identifier} {part[1].title()} {int(part[2])}"
        return Found(slugify(name, 40), _cut(found.rest, part), name)
    return found


def bare_part(text: str) -> tuple[str, int] | None:
    """("Q", 2) for a text that names a quarter or half without a year ("Q2 OKRs")."""
    found = _BARE_PART.search(text)
    if found is None or (found[1].upper() == "H" and int(found[2]) > 2):
        return None
    return found[1].upper(), int(found[2])


def _only_filler(rest: str) -> bool:
    return not re.sub(r"[\W_]+", "", FILLER.sub(" ", rest))


def period_label(text: str, year: str | None = None) -> Found | None:
    """The period a heading names when the heading is about that period: nothing else but
    filler ("Q3 2026 OKRs"), or the word OKRs and a name ("2017 OKRs WEVOLVER"). A quarter
    without a year takes `year` (the page's year so far)."""
    found = find_period(text)
    if found is None and year is not None and (part := bare_part(text)) is not None:
        match = _BARE_PART.search(text)
        assert match is not None
        found = Found(f"{year}-{part[0]}{part[1]}", _cut(text, match))
    if found is None:
        return None
    if _only_filler(found.rest):
        return found
    others = re.findall(r"[^\W_]+", FILLER.sub(" ", found.rest))
    if _OKR_WORD.search(text) and len(others) <= 3:
        return found
    return None


def is_fiscal(identifier: str) -> bool:
    return _FISCAL_ID.fullmatch(identifier) is not None


def dates(identifier: str, fiscal_start: int = 1) -> tuple[dt.date, dt.date] | None:
    """First and last day of a period id (`2026-Q3`, `2026-H2`, `2026`, `2026-05`, `FY21-Q1`,
    `2020-set-1`), or None."""
    fiscal = _FISCAL_ID.fullmatch(identifier)
    if fiscal is not None:
        return _fiscal_dates(int(_year(fiscal[1])), fiscal[2], fiscal[3], fiscal_start)
    custom = re.fullmatch(r"((?:19|20)\d\d)-[a-z]+-\d+", identifier)
    if custom is not None:
        identifier = custom[1]
    try:
        period = parse_period(identifier)
    except UsageError:
        return None
    return period.start, period.end


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _fiscal_dates(
    year: int, part: str | None, which: str | None, fiscal_start: int
) -> tuple[dt.date, dt.date]:
    """A fiscal year (or its quarter or half), named after the calendar year it ends in."""
    first_year = year if fiscal_start == 1 else year - 1
    offset, length = 0, 12
    if part is not None and which is not None:
        length = 3 if part.upper() == "Q" else 6
        offset = (int(which) - 1) * length
    start_year, start_month = _add_months(first_year, fiscal_start, offset)
    end_year, end_month = _add_months(start_year, start_month, length)
    return dt.date(start_year, start_month, 1), dt.date(end_year, end_month, 1) - dt.timedelta(1)


def normalise(label: str) -> str | None:
    """The period id for a label written anywhere ("Q3 2026", "2026-Q3", "FY21-Q1"), or None
    when the label names no period or something else besides."""
    found = find_period(label)
    if found is None or not _only_filler(found.rest):
        return None
    return found.identifier


def name_of(label: str) -> str | None:
    """The display name of a custom period named by `label` ("2020 Set 1"), else None."""
    found = find_period(label)
    return found.name if found is not None else None
