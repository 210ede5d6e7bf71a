"""Synthetic organisations of any size, for benchmarks: `generate(root, objectives, seed)`.

Writes `<root>/okrs/org.yaml` and one file per objective into `<root>/okrs/<period>/<unit>/`, a
repository that `okrctl check --today 2026-11-22` passes without errors. The shape follows a real
cascade: a company with four strategic objectives per period, departments each with four
strategic objectives supporting the company's, and teams with five operational objectives
supporting their department's. Half the objectives are in the closed period 2026-Q3 (graded,
with retrospectives), half in the open period 2026-Q4 (checked in up to 2026-11-20); with
`--one-period`, all of them are in 2026-Q4. The same arguments always give the same files.
With `--findings`, every objective file has a warning; with `--findings=5`, every rule
applies and every objective file has five findings (`bench/synth_findings.py`).

Shapes (`--shape`):
* `flat` (the default): many small departments of ten teams each;
* `deep`: five departments with hundreds of teams under each (5,000 objectives in one period:
  1,000 teams of five objectives, 1,000 objectives under each department);
* `mesh` (`mesh(root, units)`): `units` teams under the company, each with one objective that
  depends on every other team's and one key result on a metric half of them raise and half
  lower: units x units dependencies.

    python bench/synth.py [--findings[=5]] [--shape flat|deep|mesh] [--one-period] \
        DIR OBJECTIVES [SEED]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synth_findings
import yaml

TODAY = dt.date(2026, 11, 22)
"""The day the generated repository is meant to be checked and built for."""
PERIODS = (
    ("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30), True),
    ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), False),
)
# Sized so that the organisation file of 10,000 objectives stays under the loader's 256 KiB.
TEAMS_PER_DEPARTMENT = 10
COMPANY_OBJECTIVES, DEPARTMENT_OBJECTIVES, TEAM_OBJECTIVES = 4, 4, 5
PEOPLE_PER_TEAM = 2
TEAM_HEADCOUNT = 7

VERBS = ("Grow", "Strengthen", "Simplify", "Deepen", "Win", "Modernise", "Secure", "Delight")
THINGS = (
    "customer onboarding",
    "partner relationships",
    "warehouse operations",
    "repeat business",
    "product reliability",
    "the sales pipeline",
    "regional presence",
    "support quality",
    "supplier quality",
    "the developer platform",
    "data quality",
    "brand awareness",
)
PLACES = (
    "in the north",
    "in the south",
    "for small clients",
    "for enterprise clients",
    "across Europe",
    "in retail",
    "in logistics",
    "for new markets",
)
METRICS = (
    ("weekly active accounts", "accounts", 200, 400),
    ("net promoter score", "points", 20, 45),
    ("conversion rate", "%", 12, 20),
    ("qualified leads", "leads", 80, 150),
)
DECREASING = (
    ("days to resolve a ticket", "days", 6, 2),
    ("churned accounts", "accounts", 40, 20),
    ("unit cost", "EUR", 30, 24),
    ("defects per release", "defects", 12, 4),
)
FIRST = ("Alex", "Sam", "Robin", "Kim", "Noa", "Jules", "Ari", "Maxi", "Lou", "Eli")
LAST = ("Berg", "Costa", "Dahl", "Eze", "Fox", "Gill", "Holm", "Ito", "Jung", "Kaur")


@dataclass
class Unit:
    id: str
    name: str
    parent: str | None
    people: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


DEEP_DEPARTMENTS = 5


def _shape(per_period: int, shape: str = "flat") -> tuple[list[Unit], list[tuple[str, str]]]:
    """The units and, in order, the (unit, level) of each objective slot of one period."""
    if shape == "deep":
        return _deep_shape(per_period)
    company = Unit("acme", "Acme Sensors", None)
    units = [company]
    slots = [("acme", "strategic")] * min(COMPANY_OBJECTIVES, per_period)
    department = 0
    while len(slots) < per_period:
        department += 1
        dept = Unit(f"d{department:03d}", f"Department {department}", company.id)
        units.append(dept)
        company.children.append(dept.id)
        slots += [(dept.id, "strategic")] * DEPARTMENT_OBJECTIVES
        for team_number in range(1, TEAMS_PER_DEPARTMENT + 1):
            if len(slots) >= per_period:
                break
            name = f"Team {department}.{team_number}"
            team = Unit(f"{dept.id}-t{team_number:02d}", name, dept.id)
            units.append(team)
            dept.children.append(team.id)
            slots += [(team.id, "operational")] * TEAM_OBJECTIVES
    return units, slots[:per_period]


def _deep_shape(per_period: int) -> tuple[list[Unit], list[tuple[str, str]]]:
    """A company of five departments, its teams dealt to them in turn: hundreds each."""
    company = Unit("acme", "Acme Sensors", None)
    units = [company]
    slots = [("acme", "strategic")] * min(COMPANY_OBJECTIVES, per_period)
    departments = []
    for number in range(1, DEEP_DEPARTMENTS + 1):
        dept = Unit(f"d{number:03d}", f"Department {number}", company.id)
        units.append(dept)
        departments.append(dept)
        company.children.append(dept.id)
        slots += [(dept.id, "strategic")] * DEPARTMENT_OBJECTIVES
    team_number = 0
    while len(slots) < per_period:
        dept = departments[team_number % DEEP_DEPARTMENTS]
        team_number += 1
        number = team_number // DEEP_DEPARTMENTS + 1
        team = Unit(f"{dept.id}-t{number:03d}", f"Team {dept.id[1:]}.{number}", dept.id)
        units.append(team)
        dept.children.append(team.id)
        slots += [(team.id, "operational")] * TEAM_OBJECTIVES
    return units, slots[:per_period]


def _people(units: list[Unit], rng: random.Random) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for unit in units:
        size = PEOPLE_PER_TEAM if unit.parent and unit.parent != "acme" else 1
        for i in range(size):
            person_id = f"{unit.id}-p{i + 1}"
            unit.people.append(person_id)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            people.append({"id": person_id, "name": name, "unit": unit.id})
    return people


def _headcount(unit: Unit, by_id: dict[str, Unit]) -> int:
    own = TEAM_HEADCOUNT if unit.parent and unit.parent != "acme" else len(unit.people)
    return own + sum(_headcount(by_id[c], by_id) for c in unit.children)


def _checkins(
    rng: random.Random, start: dt.date, last: dt.date, baseline: float, target: float, n: int
) -> list[dict[str, Any]]:
    span = (last - start).days
    days = sorted({start + dt.timedelta(days=max(1, span * (i + 1) // n)) for i in range(n)})
    days[-1] = last
    found = []
    for i, day in enumerate(days):
        progress = (i + 1) / len(days) * rng.uniform(0.4, 1.0)
        value = round(baseline + (target - baseline) * progress, 1)
        found.append({"date": day, "value": value, "confidence": round(rng.uniform(0.5, 0.8), 2)})
    return found


def _objective(
    rng: random.Random,
    oid: str,
    unit: Unit,
    level: str,
    period: tuple[str, dt.date, dt.date, bool],
    parent: str | None,
    findings: int = 0,
) -> dict[str, Any]:
    pid, start, end, closed = period
    last = end - dt.timedelta(days=3) if closed else TODAY - dt.timedelta(days=2)
    if findings and not closed:  # stale: more than two weeks without a check-in (OKR700)
        last = TODAY - dt.timedelta(days=20)
    key_results: list[dict[str, Any]] = []
    for k, (title, unit_name, baseline, target) in enumerate(
        (rng.choice(METRICS), rng.choice(DECREASING))
    ):
        kr: dict[str, Any] = {
            "id": f"kr{k + 1}",
            "title": f"The {title} move from {baseline} to {target} {unit_name}",
            "owner": rng.choice(unit.people),
            "metric": f"{oid}-m{k + 1}",
            "unit": unit_name,
            "baseline": baseline,
            "target": target,
            "indicator": "leading" if k == 0 else "lagging",
            "confidence": 0.6,
            "checkins": _checkins(rng, start, last, baseline, target, 3 if closed else 4),
        }
        kr["current"] = kr["checkins"][-1]["value"]
        key_results.append(kr)
    done = rng.random() < 0.6 and findings < 5
    key_results.append(
        {
            "id": "kr3",
            "kind": "milestone",
            "title": f"The new {rng.choice(THINGS)} handbook is adopted by every team",
            "owner": rng.choice(unit.people),
            "done": done,
            "checkins": [{"date": last, "value": done}],
        }
    )
    objective: dict[str, Any] = {
        "apiVersion": "okrctl/v1",
        "kind": "Objective",
        "id": oid,
        "title": f"{rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(PLACES)}",
        "description": "Synthetic objective generated for benchmarks.",
        "level": level,
        "type": "aspirational" if rng.random() < 0.3 and not findings else "committed",
        "unit": unit.id,
        "owner": unit.people[0],
        "period": pid,
    }
    if parent is not None:
        objective["parent"] = parent
    objective["key_results"] = key_results
    if closed:
        objective["score"] = round(rng.uniform(0.3, 0.9), 1)
        if not findings:  # a committed objective graded below 1.0 needs one (OKR710)
            objective["retrospective"] = "We learned what to keep and what to drop next quarter."
    return objective


def generate(
    root: Path,
    objectives: int,
    seed: int = 0,
    findings: int = 0,
    shape: str = "flat",
    one_period: bool = False,
) -> Path:
    """Write a valid repository of `objectives` objectives under `root`; returns `root/okrs`.

    With `findings=1`, every objective file has a warning (a stale check-in in the open period, a
    missing retrospective in the closed one): the case where every file needs its positions.
    `shape`: `flat` or `deep` (see the module's documentation); `one_period`: every objective
    in the open period 2026-Q4. With `findings=5`, five findings in every objective file,
    and an okrctl.yaml under which every rule applies to both periods (`synth_findings`).
    """
    rng = random.Random(seed)
    per_period = [0, objectives] if one_period else [objectives // 2, objectives - objectives // 2]
    units, _ = _shape(max(per_period), shape)
    by_id = {u.id: u for u in units}
    people = _people(units, rng)
    okrs = root / "okrs"
    okrs.mkdir(parents=True, exist_ok=True)
    organisation = {
        "apiVersion": "okrctl/v1",
        "kind": "Organization",
        "name": f"Acme Sensors ({objectives} objectives)",
        "description": "A synthetic organisation for benchmarks.",
        "units": [
            {
                "id": u.id,
                "name": u.name,
                **({"parent": u.parent} if u.parent else {}),
                "lead": u.people[0],
                "headcount": _headcount(u, by_id),
            }
            for u in units
        ],
        "people": people,
        "periods": [
            {"id": pid, "start": start, "end": end, "closed": closed}
            for pid, start, end, closed in PERIODS
        ],
    }
    _dump(okrs / "org.yaml", organisation, flow=True)
    for period, count in zip(PERIODS, per_period, strict=True):
        _, slots = _shape(count, shape)
        by_unit: dict[str, list[str]] = {}
        written: list[dict[str, Any]] = []
        for n, (unit_id, level) in enumerate(slots):
            unit = by_id[unit_id]
            parent = rng.choice(by_unit[unit.parent]) if unit.parent in by_unit else None
            oid = f"{unit_id}-o{n + 1:05d}-{period[0].lower()}"
            written.append(_objective(rng, oid, unit, level, period, parent, findings))
            by_unit.setdefault(unit_id, []).append(oid)
        if findings >= 5:
            homes = {p["id"]: p["unit"] for p in people}
            synth_findings.apply(written, closed=period[3], people=homes)
        else:
            _dependencies(rng, written)
        for objective in written:
            _dump(okrs / period[0] / objective["unit"] / f"{objective['id']}.yaml", objective)
    if findings >= 5:
        (root / "okrctl.yaml").write_text(synth_findings.CONFIG, encoding="utf-8")
    return okrs


def _dependencies(rng: random.Random, objectives: list[dict[str, Any]]) -> None:
    """One team objective in ten depends on another unit's; most are acknowledged."""
    operational = [o for o in objectives if o["level"] == "operational"]
    for objective in operational:
        if rng.random() >= 0.1 or len(operational) < 2:
            continue
        other = rng.choice(operational)
        if other["unit"] == objective["unit"]:
            continue
        objective["depends_on"] = [other["id"]]
        if rng.random() < 0.8:
            other.setdefault("acknowledges", []).append(objective["id"])


class _Dumper(yaml.SafeDumper):
    """OKR files repeat values instead of sharing them: never write anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, data: dict[str, Any], flow: bool = False) -> None:
    """Write `data`; with `flow`, each list entry on one line (a compact organisation file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if flow:
        lines = []
        for key, value in data.items():
            if isinstance(value, list):
                lines.append(f"{key}:")
                for item in value:
                    entry = yaml.dump(
                        item, Dumper=_Dumper, sort_keys=False, width=1000, default_flow_style=True
                    ).strip()
                    lines.append(f"  - {entry}")
            else:
                lines.append(yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False).strip())
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    plain = {key: value for key, value in data.items() if not key.startswith("#")}
    text = yaml.dump(plain, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(synth_findings.render(text, data), encoding="utf-8")


def mesh(root: Path, units: int) -> Path:
    """`units` teams under the company, each with one objective that depends on every other
    team's (and acknowledges them all) and one key result on a metric half of them raise and
    half lower; returns `root/okrs`."""
    okrs = root / "okrs"
    people = [{"id": "p", "name": "Pat Mesh", "unit": "acme"}]
    organisation = {
        "apiVersion": "okrctl/v1",
        "kind": "Organization",
        "name": f"Mesh ({units} units)",
        "units": [{"id": "acme", "name": "Acme Mesh", "lead": "p"}]
        + [{"id": f"u{i:03d}", "name": f"Team {i}", "parent": "acme"} for i in range(units)],
        "people": people,
        "periods": [
            {"id": pid, "start": start, "end": end, "closed": closed}
            for pid, start, end, closed in PERIODS
        ],
    }
    _dump(okrs / "org.yaml", organisation, flow=True)
    ids = [f"o{i:03d}" for i in range(units)]
    for i, oid in enumerate(ids):
        low, high = (10, 20) if i % 2 else (20, 10)
        others = [o for o in ids if o != oid]
        objective = {
            "apiVersion": "okrctl/v1",
            "kind": "Objective",
            "id": oid,
            "title": f"Objective of team {i}",
            "level": "strategic",
            "type": "aspirational",
            "unit": f"u{i:03d}",
            "owner": "p",
            "period": "2026-Q4",
            "depends_on": others,
            "acknowledges": others,
            "key_results": [
                {
                    "id": "cost",
                    "title": f"Cost moves from {low} to {high}",
                    "metric": "cost",
                    "unit": "EUR",
                    "baseline": low,
                    "target": high,
                    "checkins": [{"date": TODAY - dt.timedelta(days=3), "value": (low + high) / 2}],
                }
            ],
        }
        _dump(okrs / "2026-Q4" / f"u{i:03d}" / f"{oid}.yaml", objective)
    return okrs


if __name__ == "__main__":
    arguments = sys.argv[1:]
    per_file = max(
        ({"--findings": 1, "--findings=1": 1, "--findings=5": 5}.get(a, 0) for a in arguments),
        default=0,
    )
    single = "--one-period" in arguments
    chosen = "flat"
    if "--shape" in arguments:
        at = arguments.index("--shape")
        chosen = arguments[at + 1]
        del arguments[at : at + 2]
    arguments = [a for a in arguments if not a.startswith("--findings") and a != "--one-period"]
    if len(arguments) not in (2, 3) or chosen not in ("flat", "deep", "mesh"):
        sys.exit(__doc__)
    seed = int(arguments[2]) if len(arguments) == 3 else 0
    if chosen == "mesh":
        written = mesh(Path(arguments[0]), int(arguments[1]))
    else:
        written = generate(Path(arguments[0]), int(arguments[1]), seed, per_file, chosen, single)
    print(f"wrote {written}")
