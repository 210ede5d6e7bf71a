"""`okrctl new objective`: a new objective file, valid and linked into the cascade.

Every name is checked against the organisation before anything is written (unit, period, owner,
parent); the file is rendered from data with the schema modeline, validated against the model
and against the rest of the repository, and created without ever replacing an existing file.

Key results come from `KeyResultSpec` strings: `TITLE` makes a milestone, and
`TITLE; UNIT; BASELINE; TARGET` a numeric key result. Without any, the file gets two drafts marked
`TODO` (a numeric one and a milestone) for the author to fill in, which `okrctl check` reports
(OKR442, placeholder-text) until they are.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okrctl import workspace
from okrctl.checks.placeholder_text import DRAFT_MILESTONE, DRAFT_NUMBER
from okrctl.errors import UsageError
from okrctl.lifecycle.newfile import modeline, objective_data, render
from okrctl.lifecycle.repo import Repository, integrity
from okrctl.load import parse_text
from okrctl.model import SLUG_PATTERN, Objective
from okrctl.validate import validate

TODO = "TODO"
MAX_ID = 60


def slugify(text: str, limit: int = MAX_ID) -> str:
    """`Fill the pipeline!` -> `fill-the-pipeline`, cut at a word boundary; accents are dropped
    (`Zoë` -> `zoe`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def hint(word: str, candidates: Sequence[str]) -> str:
    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


@dataclass(frozen=True)
class Request:
    """What the user asked for; None means "derive it" where a default exists."""

    unit: str
    period: str
    title: str
    owner: str | None = None
    level: str | None = None
    type: str = "committed"
    parent: str | None = None
    id: str | None = None
    key_results: tuple[str, ...] = ()
    today: dt.date | None = None
    """The day the objective is set: its key results get a first check-in, at their baseline,
    on that day when it falls inside the period (so freshness counts from then)."""


@dataclass(frozen=True)
class NewObjective:
    file: str
    text: str
    objective: Objective
    todo: bool
    """The key results are drafts the author must fill in."""


def key_result(spec: str, taken: set[str]) -> dict[str, Any]:
    """A key result from `TITLE` (a milestone) or `TITLE; UNIT; BASELINE; TARGET`."""
    parts = [p.strip() for p in spec.split(";")]
    numbers: list[float] = []
    if len(parts) > 1:  # meant as a numeric key result: it must be one, never a milestone
        form = (
            "write a numeric key result as `TITLE; UNIT; BASELINE; TARGET` (four fields, "
            "numbers like 12.5), or a milestone as `TITLE` without `;`"
        )
        if len(parts) != 4:
            raise UsageError(f"key result {spec!r} has {len(parts)} fields, not 4: {form}")
        try:
            numbers = [float(parts[2]), float(parts[3])]
        except ValueError:
            raise UsageError(
                f"key result {spec!r}: baseline {parts[2]!r} and target {parts[3]!r} must be "
                f"numbers: {form}"
            ) from None
    title = parts[0] if numbers else spec.strip()
    if not title:
        raise UsageError(f"key result {spec!r} has no title")
    kr_id = slugify(title, 40) or "key-result"
    base, number = kr_id, 2
    while kr_id in taken:
        kr_id, number = f"{base}-{number}", number + 1
    taken.add(kr_id)
    if not numbers:
        return {"id": kr_id, "title": title, "kind": "milestone"}
    baseline, target = numbers
    if not all(math.isfinite(n) for n in numbers) or baseline == target:
        raise UsageError(f"key result {title!r}: baseline and target must be two different numbers")
    return {
        "id": kr_id,
        "title": title,
        "metric": kr_id,
        "unit": parts[1] or "count",
        "baseline": baseline,
        "target": target,
    }


def _first_checkin(kr: dict[str, Any], day: dt.date) -> None:
    """Record where the key result starts: its baseline (numeric) or not done (milestone)."""
    start: float | bool = False if kr.get("kind") == "milestone" else kr["baseline"]
    if start is not False:
        kr["current"] = start
    kr["checkins"] = [
        {"date": day, "value": start, "note": "Where we start, recorded by okrctl new."}
    ]


DRAFTS: tuple[dict[str, Any], ...] = (
    {
        "id": "first-result",
        "title": f"{TODO}: {DRAFT_NUMBER}, e.g. leads rise from 120 to 300",
        "metric": "first-result",
        "unit": "%",
        "baseline": 0,
        "target": 100,
    },
    {
        "id": "second-result",
        "title": f"{TODO}: {DRAFT_MILESTONE}, or replace with another number",
        "kind": "milestone",
    },
)


def _check_names(repo: Repository, request: Request) -> tuple[str, str, str | None]:
    """The owner, level and parent after checking every name; UsageError otherwise."""
    cascade = repo.cascade
    if request.unit not in cascade.units:
        raise UsageError(
            f"unknown unit {request.unit!r}{hint(request.unit, list(cascade.units))}; units are "
            f"listed in {repo.org_file}"
        )
    period = repo.period(request.period)
    if period.closed:
        raise UsageError(f"period {period.id!r} is closed; write objectives for an open period")
    owner = request.owner or cascade.units[request.unit].lead
    if owner is None:
        raise UsageError(f"unit {request.unit!r} has no lead to default to: pass --owner PERSON")
    if owner not in cascade.people and owner not in cascade.units:  # a unit: a team owns it
        raise UsageError(
            f"unknown person {owner!r}{hint(owner, list(cascade.people))}; people are listed in "
            f"{repo.org_file} (a unit's id makes the team the owner)"
        )
    parent = request.parent
    if parent is not None:
        above = cascade.objectives.get(parent)
        if above is None:
            raise UsageError(
                f"unknown parent objective {parent!r}{hint(parent, list(cascade.objectives))}"
            )
        lineage = [request.unit, *cascade.unit_ancestors(request.unit)]
        if above.objective.unit not in lineage:
            raise UsageError(
                f"parent {parent!r} belongs to unit {above.objective.unit!r}, which is neither "
                f"{request.unit!r} nor above it"
            )
        theirs = cascade.periods.get(above.objective.period)
        if theirs is None or not theirs.encloses(period):
            raise UsageError(
                f"parent {parent!r} is set for period {above.objective.period!r}, which does "
                f"not cover {period.id!r}"
            )
    level = request.level or ("operational" if parent else "strategic")
    if level == "operational" and parent is None:
        raise UsageError("an operational objective needs --parent (the objective it supports)")
    return owner, level, parent


def _objective_id(repo: Repository, request: Request) -> str:
    taken = {key.casefold() for key in repo.cascade.objectives} | set(repo.cascade.broken)
    if request.id is not None:
        if not re.match(SLUG_PATTERN, request.id) or len(request.id) > 100:
            raise UsageError(
                f"--id {request.id!r} is not a valid id: use lowercase letters, digits and "
                "single hyphens"
            )
        if request.id.casefold() in taken:
            raise UsageError(f"objective id {request.id!r} is already used; ids are unique")
        return request.id
    base = slugify(request.title) or "objective"
    for candidate in (base, f"{base}-{slugify(request.period)}"):
        if candidate.casefold() not in taken:
            return candidate
    number = 2
    while f"{base}-{number}".casefold() in taken:
        number += 1
    return f"{base}-{number}"


def plan(repo: Repository, request: Request) -> NewObjective:
    """The new objective's file and text; UsageError for a name or value that cannot work."""
    title = " ".join(request.title.split())
    if not title:
        raise UsageError("the objective needs a title (--title)")
    if len(title) > 300:
        raise UsageError("the title is longer than 300 characters; keep it short")
    owner, level, parent = _check_names(repo, request)
    objective_id = _objective_id(repo, request)
    taken: set[str] = set()
    krs = [key_result(spec, taken) for spec in request.key_results]
    period = repo.period(request.period)
    if request.today is not None and period.start <= request.today <= period.end:
        for kr in krs:
            _first_checkin(kr, request.today)
    data: dict[str, Any] = {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": objective_id,
        "title": title,
        "level": level,
        "type": request.type,
        "unit": request.unit,
        "owner": owner,
        "period": request.period,
        "parent": parent,
        "key_results": krs or [dict(d) for d in DRAFTS],
    }
    file = f"{workspace.DEFAULT_DIR}/{request.period}/{request.unit}/{objective_id}.yaml"
    if (repo.root / file).exists():
        raise UsageError(f"{file} already exists; okrctl never overwrites a file")
    comments = [
        "Key results: 2 to 5 measurable outcomes; `okrctl checkin` records progress on them.",
    ]
    if not krs:
        comments.append(f"Replace the two {TODO} drafts below with your own key results.")
    text = render(objective_data(data), comments, modeline(file))
    model, problems = validate(parse_text(text, file))
    if not isinstance(model, Objective):
        raise UsageError("; ".join(d.message for d in problems) or "invalid objective")
    found = integrity(repo, {file: (model, text)})
    if found:
        raise UsageError("; ".join(f"{d.code} {d.message}" for d in found))
    return NewObjective(file, text, model, not krs)
