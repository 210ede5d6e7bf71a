"""`okrctl new period ID`: the next period, added to the organisation file.

The dates, in this order:

1. `--start` and `--end` when both are given;
2. a calendar period's own dates when the id names one (`2027`, `2027-H1`, `2027-Q1`,
   `2027-05`) and they fit the periods already there (none overlaps it without one enclosing
   the other: OKR311);
3. else the period that follows the latest one of the same length: it starts the day after that
   one ends and lasts as many months (or days) as it did. That is how a fiscal year's quarters
   follow each other (`FY27-Q2` after `FY27-Q1`, 1 May to 31 July). The length is the calendar
   form's (three months for a quarter), or for any other id the shortest of the periods there.

`--start` alone keeps the length rule 2 or 3 gives. The new entry is appended to `periods` with
a byte-preserving edit (`okrctl.lifecycle.edit`): comments, order and layout stay as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from okrctl.errors import UsageError
from okrctl.lifecycle.edit import Document, FileEdit, Refused
from okrctl.lifecycle.repo import Repository
from okrctl.lifecycle.starter import parse_period
from okrctl.model import Period
from okrctl.model.field_types import PERIOD_PATTERN


@dataclass(frozen=True)
class Span:
    """A length of time: whole calendar months, or days when a period is not made of months."""

    months: int = 0
    days: int = 0

    def after(self, start: dt.date) -> dt.date:
        """The last day of a period of this length that starts on `start`."""
        if not self.months:
            return start + dt.timedelta(days=self.days - 1)
        month = start.month - 1 + self.months
        year, month = start.year + month // 12, month % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day) - dt.timedelta(days=1)


def span_of(start: dt.date, end: dt.date) -> Span:
    """`start` to `end` as whole months when it is (1 Feb to 30 Apr: 3), else as days."""
    following = end + dt.timedelta(days=1)
    months = (following.year - start.year) * 12 + following.month - start.month
    if months > 0 and following.day == start.day:
        return Span(months=months)
    return Span(days=(end - start).days + 1)


def _overlapping(new: tuple[dt.date, dt.date], periods: list[Period]) -> Period | None:
    """The first period that shares a day with `new` without one enclosing the other."""
    start, end = new
    for period in periods:
        shared = start <= period.end and period.start <= end
        nested = (start <= period.start and period.end <= end) or (
            period.start <= start and end <= period.end
        )
        if shared and not nested:
            return period
    return None


def _following(periods: list[Period], length: Span | None) -> tuple[dt.date, Span]:
    """The start and length of the period after the latest one of `length` (default: the
    shortest there is)."""
    spans = [(span_of(p.start, p.end), p) for p in periods]
    if length is None:
        length = min((s for s, _ in spans), key=lambda s: s.months * 31 + s.days)
    alike = [p for s, p in spans if s == length]
    if not alike:
        raise UsageError(
            "no period of that length to follow; give its dates: --start YYYY-MM-DD --end "
            "YYYY-MM-DD"
        )
    latest = max(alike, key=lambda p: (p.end, p.start))
    return latest.end + dt.timedelta(days=1), length


def dates(
    period_id: str, periods: list[Period], start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The new period's first and last day (see the module)."""
    if start is not None and end is not None:
        return start, end
    try:
        own = parse_period(period_id)
    except UsageError:
        own = None
    length = span_of(own.start, own.end) if own is not None else None
    if own is not None and (start is None or start == own.start):
        found = (own.start, end or own.end)
        if _overlapping(found, periods) is None or end is not None:
            return found
    if not periods and own is None and start is None:
        raise UsageError(
            f"{period_id!r} is not a calendar period and there is no period to follow; give its "
            "dates: --start YYYY-MM-DD --end YYYY-MM-DD"
        )
    if start is not None:
        return start, end or (length or _following(periods, None)[1]).after(start)
    first, span = _following(periods, length)
    return first, end or span.after(first)


def plan_period(
    repo: Repository, period_id: str, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[FileEdit, Period]:
    """The organisation file with the new period appended; UsageError when it cannot be."""
    if not re.match(PERIOD_PATTERN, period_id) or len(period_id) > 40:
        raise UsageError(
            f"{period_id!r} is not a period id: letters, digits and single `-`, `_` or `.` "
            "between them (e.g. 2027-Q1, FY27-Q1)"
        )
    organization = repo.cascade.organization
    assert organization is not None
    periods = list(organization.periods)
    if any(p.id.casefold() == period_id.casefold() for p in periods):
        raise UsageError(f"period {period_id!r} is already in {repo.org_file}")
    first, last = dates(period_id, periods, start, end)
    if last < first:
        raise UsageError(f"the period would end ({last}) before it starts ({first})")
    clash = _overlapping((first, last), periods)
    if clash is not None:
        raise UsageError(
            f"{period_id} from {first} to {last} would overlap {clash.id} ({clash.start} to "
            f"{clash.end}) without one enclosing the other; give other dates with --start and "
            "--end"
        )
    doc, problems = Document.read(repo.root / repo.org_file, repo.org_file)
    if doc is None:
        raise UsageError("; ".join(f"{d.file}:{d.line}: {d.message}" for d in problems))
    fields: list[tuple[str, object]] = [("id", period_id), ("start", first), ("end", last)]
    expected = doc.expected()
    expected.setdefault("periods", []).append(dict(fields))
    try:
        edit = doc.append((), "periods", fields)
    except Refused as refused:
        raise UsageError(f"{repo.org_file}: {refused.message}") from None
    change, problems = doc.finish([edit], expected)
    if change is None:
        raise UsageError("; ".join(f"{d.file}:{d.line}: {d.message}" for d in problems))
    return change, Period(id=period_id, start=first, end=last)
