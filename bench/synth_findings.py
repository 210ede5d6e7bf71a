"""Five findings in every objective file, for `bench/synth.py --findings=5`.

A repository where every rule applies (`closed_periods: all` in its okrctl.yaml, so the closed
period answers to the rules too) and every objective file has exactly five findings, placed at
five different fields: the case where a check builds, places, sorts and prints tens of thousands
of diagnostics. Mostly stale key results (OKR700) and unacknowledged dependencies (OKR510), as in
a real repository that nobody has tended for a few weeks:

* an objective of the open period: its three key results are stale (3 x OKR700) and it depends
  on another unit's objective that does not acknowledge it (OKR510);
* an objective of the closed period: committed, scored short of 1.0 without a retrospective
  (OKR710), depending on two other units' objectives that do not acknowledge it and
  acknowledging one that does not depend on it (3 x OKR510);

and one more finding per file, of a rule chosen in turn (`VARIANTS`): a number in the title
(OKR441), an owner from another line of the organisation (OKR420), only lagging indicators
(OKR600), a check-in out of its unit's range (OKR401), a `dropped_reason` on active work
(OKR720), sure-bet confidence (OKR610), a suppression comment that silences nothing (OKR900),
a finding silenced by a comment beside one that is not, a task for a key result (OKR440), a
parent that skips a level (OKR501), milestones only (OKR400), and in the open period placeholder
text (OKR442) and an unknown baseline (OKR402).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CONFIG = """\
# The synthetic organisation with five findings per file: every rule applies, the closed
# period's files included.
closed_periods: all
"""

Objective = dict[str, Any]
Variant = Callable[[Objective, "Period"], None]


class Period:
    """The objectives of one period in slot order, and what a variant may need about them."""

    def __init__(self, objectives: list[Objective], closed: bool, people: dict[str, str]) -> None:
        self.objectives = objectives
        self.closed = closed
        self.by_id = {o["id"]: o for o in objectives}
        self.people = people
        """person id -> unit id"""
        self.outsider: dict[str, str] = {}
        """department id -> a person of another department's team"""
        self.supporters: dict[str, int] = {}
        """objective id -> how many objectives support it"""
        for objective in objectives:
            parent = objective.get("parent")
            if parent is not None:
                self.supporters[parent] = self.supporters.get(parent, 0) + 1


def _number_in_title(objective: Objective, period: Period) -> None:
    objective["title"] = f"{objective['title']} in {3 + len(objective['id']) % 5} regions"


def _owner_elsewhere(objective: Objective, period: Period) -> None:
    department = objective["unit"].split("-")[0]
    if department == "acme":  # every unit is below the company: nobody is out of its line
        _number_in_title(objective, period)
        return
    if department not in period.outsider:  # a single department
        _number_in_title(objective, period)
        return
    objective["owner"] = period.outsider[department]


def _only_lagging(objective: Objective, period: Period) -> None:
    objective["key_results"][0]["indicator"] = "lagging"


def _out_of_range(objective: Objective, period: Period) -> None:
    kr = objective["key_results"][0]
    kr.update({"title": "The conversion rate moves from 12 to 20 %", "unit": "%"})
    kr.update({"baseline": 12, "target": 20})
    values = [13.5, 15.0, 16.5, 18.0][: len(kr["checkins"])]
    for checkin, value in zip(kr["checkins"], values, strict=True):
        checkin["value"] = value
    kr["checkins"][0]["value"] = 1350  # a typo: the rate as a count of hundredths
    kr["current"] = kr["checkins"][-1]["value"]


def _reason_not_dropped(objective: Objective, period: Period) -> None:
    objective["key_results"][2]["dropped_reason"] = "Merged into the first key result."


def _sure_bet(objective: Objective, period: Period) -> None:
    for kr in objective["key_results"][:2]:
        kr["confidence"] = 0.95


def _unused_suppression(objective: Objective, period: Period) -> None:
    objective["#file"] = "# okrctl: disable-file=headcount (reviewed with the department)"


def _silenced(objective: Objective, period: Period) -> None:
    _number_in_title(objective, period)
    objective["#title"] = "# okrctl: disable=qualitative-objective"
    _only_lagging(objective, period)


def _task(objective: Objective, period: Period) -> None:
    kr = objective["key_results"][2]
    kr["title"] = kr["title"].replace("The new", "Write the new").replace(" is adopted by", " for")


def _skipped_level(objective: Objective, period: Period) -> None:
    parent = period.by_id.get(objective.get("parent", ""))
    grandparent = parent.get("parent") if parent is not None else None
    # a parent left without supporters would be reported as well (OKR502)
    if (
        objective["level"] != "operational"
        or grandparent is None
        or period.supporters[parent["id"]] < 2
    ):
        _only_lagging(objective, period)
        return
    period.supporters[parent["id"]] -= 1
    objective["parent"] = grandparent


def _milestones_only(objective: Objective, period: Period) -> None:
    for kr in objective["key_results"][:2]:
        for field in ("metric", "unit", "baseline", "target", "indicator", "confidence"):
            kr.pop(field, None)
        kr["kind"] = "milestone"
        kr["title"] = f"Every team reports {kr.pop('current')} as its figure"
        kr["done"] = False
        last = kr["checkins"][-1]["date"]
        kr["checkins"] = [{"date": last, "value": False}]


def _placeholder(objective: Objective, period: Period) -> None:
    objective["description"] = "TODO: say why this matters to the customers."


def _unknown_baseline(objective: Objective, period: Period) -> None:
    kr = objective["key_results"][1]
    for field in ("baseline", "current"):
        kr.pop(field)
    kr["direction"] = "decrease"  # the second key result is always a falling metric
    kr["checkins"] = []


VARIANTS: tuple[Variant, ...] = (
    _number_in_title,
    _owner_elsewhere,
    _only_lagging,
    _out_of_range,
    _reason_not_dropped,
    _sure_bet,
    _unused_suppression,
    _silenced,
    _task,
    _skipped_level,
    _milestones_only,
)
OPEN_ONLY: tuple[Variant, ...] = (_placeholder, _unknown_baseline)
"""Rules that only judge the period that runs now."""


def apply(objectives: list[Objective], closed: bool, people: dict[str, str]) -> None:
    """Give each of one period's objectives (in slot order) its five findings, in place.
    `people` maps each person to their unit."""
    period = Period(objectives, closed, people)
    departments = sorted({unit.split("-")[0] for unit in people.values()} - {"acme"})
    teams = sorted({u for u in people.values() if "-" in u})
    for i, department in enumerate(departments):
        other = departments[(i + 1) % len(departments)]
        team = next((t for t in teams if t.startswith(f"{other}-")), None)
        person = next((p for p, u in sorted(people.items()) if u == team), None)
        if person is not None and other != department:
            period.outsider[department] = person
    variants = VARIANTS if closed else VARIANTS + OPEN_ONLY
    count = len(objectives)
    for n, objective in enumerate(objectives):
        # slots of one unit are contiguous and at most 5 long: these are always other units
        objective.pop("acknowledges", None)
        if closed:
            objective["depends_on"] = [objectives[(n + 7) % count]["id"]]
            objective["depends_on"].append(objectives[(n + 13) % count]["id"])
            objective["acknowledges"] = [objectives[(n - 5) % count]["id"]]
        else:
            objective["depends_on"] = [objectives[(n + 7) % count]["id"]]
        variants[n % len(variants)](objective, period)


def render(text: str, objective: Objective) -> str:
    """The dumped YAML of `objective` with its comments (`#title`, `#file`) put in."""
    if "#title" in objective:
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        lines[at] += f"  {objective['#title']}"
        text = "\n".join(lines)
    if "#file" in objective:
        text += objective["#file"] + "\n"
    return text
