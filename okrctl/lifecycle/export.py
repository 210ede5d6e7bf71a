"""`okrctl export`: the whole cascade with scores, as JSON or CSV, for spreadsheets and BI tools.

Pure: the text comes from the cascade alone, so the same files always give the same bytes.
Periods come in calendar order, objectives by period, unit and id, key results in file order.
Scores are effective scores (`okrctl.scoring.effective_score`: the grade when graded, else the
progress so far, rolled up from supporting objectives when an objective has no key results), to
4 decimals; a score is empty (null) while nothing under it is measured. `pace` is the status
the site shows (`okrctl.status`: on track, at risk, off track, done, not measured or dropped,
judged against what was due by the export's day), and `pace_note` says why in one sentence;
both are empty (null) for finished work (graded, or of a closed period), which has no pace;
`band` is the grading colour, given only for a graded objective.

CSV has one row per objective (`record` = `objective`) and one per key result
(`record` = `key_result`); its columns are `COLUMNS`, in that order (new columns are only ever
added at the end). `direction` is a numeric key result's (given, or implied by its baseline and
target); `description` is the objective's or the key result's; `links` is one `title <url>` per
link, separated by `; `. Check-ins are not in the CSV (only their count and the last one's date):
JSON carries them. `okrctl import table --preset okrctl` reads the CSV back.

Every cell is one line and safe to `cat` or open in a spreadsheet (`okrctl.lifecycle.csvcells`):
a text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) gets a
leading `'`; control characters are written out as `\\xNN` (`okrctl.safetext.terminal`). In
`description` and `links` the escapes read back to the same text: `\\\\` is a backslash, `\\n`
a line break, and in a link's title `\\;` is a semicolon and `\\<` an angle bracket, so
`RFC 12\\; pricing <https://rfc.example.com/12>; Dashboard <https://grafana.example.com/d/1>`
is two links. JSON keeps every value, with the characters a terminal would act on escaped as
`\\uNNNN`; it has `description` and `links` only where there are some.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from okrctl import status as pace
from okrctl.index import Cascade, Entry
from okrctl.lifecycle.csvcells import escaped, guarded, links_cell
from okrctl.lifecycle.edit import number
from okrctl.model import MilestoneKeyResult, NumericKeyResult, Objective, Period
from okrctl.safetext import json_text, terminal
from okrctl.scoring import DEFAULT_ROLLUP, Rollup, band, effective_scores, kr_score

FORMATS = ("json", "csv")
COLUMNS = (
    "record", "period", "unit", "objective", "key_result", "title", "owner", "level", "type",
    "kind", "metric", "unit_of_measure", "baseline", "target", "current", "done", "weight",
    "confidence", "score", "graded", "band", "status", "dropped_reason", "parent",
    "carried_from", "contributors", "checkins", "last_checkin", "file", "pace", "pace_note",
    "direction", "description", "links",
)  # fmt: skip
"""The CSV's columns, in order; a new column is added at the end, so none ever moves."""


def _round(value: float | None) -> float | None:
    return None if value is None else round(value + 0.0, 4)


def _last_number(kr: NumericKeyResult) -> float | None:
    numbers = [
        c.value for c in kr.checkins if c.value is not None and not isinstance(c.value, bool)
    ]
    return float(numbers[-1]) if numbers else None


def _pace(verdict: pace.Verdict | None) -> dict[str, Any]:
    # No pace for a period missing from the organisation file, nor for finished work
    # (graded, or in a closed period): its grade and band say how it ended.
    if verdict is None or verdict.finished:
        return {"pace": None, "pace_note": None}
    return {"pace": verdict.status, "pace_note": verdict.sentence}


def _key_result(
    kr: NumericKeyResult | MilestoneKeyResult, owner: str, period: Period | None, today: dt.date
) -> dict[str, Any]:
    last = kr.checkins[-1] if kr.checkins else None
    confidence = next(
        (c.confidence for c in reversed(kr.checkins) if c.confidence is not None), kr.confidence
    )
    row: dict[str, Any] = {
        "id": kr.id,
        "title": kr.title,
        "kind": kr.kind,
        "owner": kr.owner or owner,
        "weight": kr.weight,
        "status": kr.status,
        "dropped_reason": kr.dropped_reason,
        "confidence": confidence,
        "score": None if kr.status == "dropped" else _round(kr_score(kr)),
        "graded": kr.score is not None,
        "checkins": len(kr.checkins),
        "last_checkin": last.date.isoformat() if last else None,
    }
    row |= _pace(None if period is None else pace.key_result(kr, period, today))
    if isinstance(kr, NumericKeyResult):
        row |= {
            "metric": kr.metric,
            "unit": kr.unit,
            "baseline": kr.baseline,
            "target": kr.target,
            "current": kr.current if kr.current is not None else _last_number(kr),
            "direction": kr.effective_direction,
        }
    else:
        row["done"] = kr.done or bool(kr.checkins and kr.checkins[-1].value is True)
    return row | _about(kr)


def _about(thing: Objective | NumericKeyResult | MilestoneKeyResult) -> dict[str, Any]:
    """The description and the links, when there are any."""
    about: dict[str, Any] = {}
    if thing.description:
        about["description"] = thing.description
    if thing.links:
        about["links"] = [{"title": link.title, "url": link.url} for link in thing.links]
    return about


def _objective(
    entry: Entry, scores: dict[str, float | None], period: Period | None, today: dt.date
) -> dict[str, Any]:
    objective = entry.objective
    score = scores.get(objective.id)
    verdict = None if period is None else pace.objective(objective, score, period, today)
    row = {
        "id": objective.id,
        "title": objective.title,
        "period": objective.period,
        "unit": objective.unit,
        "owner": objective.owner,
        "level": objective.level,
        "type": objective.type,
        "parent": objective.parent,
        "carried_from": objective.carried_from,
        "contributors": list(objective.contributors),
        "weight": objective.weight,
        "status": objective.status,
        "dropped_reason": objective.dropped_reason,
        "score": _round(score),
        "graded": objective.score is not None,
        "band": band(score) if objective.score is not None and score is not None else None,
        "file": entry.file,
        **_pace(verdict),
        "key_results": [
            _key_result(kr, objective.owner, period, today) for kr in objective.key_results
        ],
    }
    return row | _about(objective)


def entries(cascade: Cascade, period: str | None = None) -> list[Entry]:
    """The objectives to export, in export order."""
    periods = cascade.periods

    def order(entry: Entry) -> tuple[str, str, str, str]:
        found = periods.get(entry.objective.period)
        start = found.start.isoformat() if found else "9999"
        return (start, entry.objective.period, entry.objective.unit, entry.objective.id)

    chosen = [e for e in cascade.objectives.values() if period in (None, e.objective.period)]
    return sorted(chosen, key=order)


def as_data(
    cascade: Cascade,
    period: str | None = None,
    rollup: Rollup = DEFAULT_ROLLUP,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The export as data; `pace` is judged on `today` (default: the system date)."""
    day = today or dt.date.today()
    org = cascade.organization
    scores = effective_scores(cascade, rollup)
    periods = sorted(cascade.periods.values(), key=lambda p: (p.start, p.id))
    return {
        "organization": org.name if org else None,
        "periods": [
            {
                "id": p.id,
                "name": p.name or p.id,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "closed": p.closed,
            }
            for p in periods
            if period in (None, p.id)
        ],
        "objectives": [
            _objective(e, scores, cascade.periods.get(e.objective.period), day)
            for e in entries(cascade, period)
        ],
    }


def to_json(
    cascade: Cascade,
    period: str | None = None,
    rollup: Rollup = DEFAULT_ROLLUP,
    today: dt.date | None = None,
) -> str:
    text = json.dumps(as_data(cascade, period, rollup, today), indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(float(value))
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    text = terminal(str(value))  # a cell is one line, and never an escape sequence
    return guarded(text)


def _about_cells(data: dict[str, Any]) -> dict[str, str | None]:
    """The `description` and `links` cells of an objective's or key result's data, escaped so
    that they read back as they were (`okrctl.lifecycle.csvcells`)."""
    links = [(link["title"], link["url"]) for link in data.get("links", [])]
    description = data.get("description")
    return {
        "description": escaped(description) if description else None,
        "links": links_cell(links) if links else None,
    }


def to_csv(
    cascade: Cascade,
    period: str | None = None,
    rollup: Rollup = DEFAULT_ROLLUP,
    today: dt.date | None = None,
) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for objective in as_data(cascade, period, rollup, today)["objectives"]:
        common = {
            "period": objective["period"],
            "unit": objective["unit"],
            "objective": objective["id"],
            "file": objective["file"],
        }
        rows = [
            common
            | {"record": "objective", "parent": objective["parent"]}
            | {k: objective[k] for k in ("title", "owner", "level", "type", "score", "graded")}
            | {"band": objective["band"], "carried_from": objective["carried_from"]}
            | {k: objective[k] for k in ("status", "dropped_reason", "contributors", "weight")}
            | {"pace": objective["pace"], "pace_note": objective["pace_note"]}
            | _about_cells(objective)
        ]
        for kr in objective["key_results"]:
            row = common | {"record": "key_result", "key_result": kr["id"]}
            row |= {k: v for k, v in kr.items() if k not in ("id", "unit", "links")}
            row |= {"unit_of_measure": kr.get("unit")} | _about_cells(kr)
            rows.append(row)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return stream.getvalue()


def render(
    cascade: Cascade,
    fmt: str,
    period: str | None = None,
    rollup: Rollup = DEFAULT_ROLLUP,
    today: dt.date | None = None,
) -> str:
    if fmt == "json":
        return to_json(cascade, period, rollup, today)
    return to_csv(cascade, period, rollup, today)
