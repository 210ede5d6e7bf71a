"""How faithfully `okrctl import` reads the real-world corpus (`tests/adopt/realworld/`).

Each document is imported as a user would (`okrctl import markdown|table`, with `--today` the
day it was retrieved and `--period 2026-Q1` for objectives the page puts in no period), the
written repository is read back, and its outline is compared with the outline written by hand
(`expected.yaml`): objectives and key results found, parent links, named owners, units, stated
scores, done-states and dropped or moved work. `bench/import_fidelity.py` prints the table the
documentation shows, and `bench/okr440_bench.py` uses the same imports to measure OKR440.

Comparison rules (the outline's conventions, README of the corpus):

- titles are compared without case, punctuation, Markdown or extra spaces; a title that starts
  the other (a title cut under okrctl's 300 characters, a trailing narrative) matches it;
- a key result without an owner is owned by its objective's owner (okrctl's rule), so it
  matches an outline owner equal to the objective's; a unit named on a key result is a unit,
  not an owner; several owners are the owner and the `Co-owners:` line of the description;
- a done-state is read when a milestone's `done` says it, or a score of 1 or 0 does (an
  objective has no `done`: its score holds the stated result); `moved` is `status: dropped`
  with a reason starting "Moved on";
- stand-in milestones (`objective-met`, for objectives the page gives no key results) are
  counted apart, never as key results found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from okrctl import cli, engine
from okrctl.adopt.objectives import STAND_IN_ID
from okrctl.adopt.periods import normalise
from okrctl.config import Config
from okrctl.lifecycle.scaffold import slugify

HERE = Path(__file__).resolve().parent
REALWORLD = Path(os.environ.get("OKRCTL_REALWORLD", HERE / "realworld"))
HOLDOUT = REALWORLD / "holdout"
FRESH = REALWORLD / "fresh"
FALLBACK_PERIOD = "2026-Q1"
SETS = {"corpus": REALWORLD, "holdout": HOLDOUT, "fresh": FRESH}
"""The three sets: the corpus the reading was built on, the pages held out while building it,
and the fresh pages gathered afterwards from other organisations (a second held-out set)."""


def documents(subset: str = "corpus") -> list[Path]:
    return sorted(p.parent for p in SETS[subset].glob("*/meta.yaml"))


def slug(folder: Path) -> str:
    return folder.relative_to(REALWORLD).as_posix()


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def import_document(folder: Path, into: Path, dry_run: bool = False) -> tuple[int, str]:
    """Import the document as a user types it; the exit code and everything printed."""
    meta = load(folder / "meta.yaml")
    source = next(folder.glob("source.*"))
    command = "table" if source.suffix == ".csv" else "markdown"
    args = ["import", command, str(source), "--into", str(into), "--today", meta["retrieved"]]
    args += ["--period", FALLBACK_PERIOD, *(["--dry-run"] if dry_run else [])]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.run(args)
    return code, out.getvalue() + err.getvalue()


def check_errors(repo: Path, today: str) -> list[str]:
    result = engine.check_repository(
        repo, config=Config(), today=dt.date.fromisoformat(today), jobs=1
    )
    return [f"{d.code} {d.file}" for d in result.diagnostics if d.severity.name == "ERROR"]


# --------------------------------------------------------------------------- the outlines


def norm(title: str) -> str:
    """A title for comparison: lowercase words, no punctuation or Markdown."""
    text = title.replace("…", " ").casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def same(expected: str, found: str) -> bool:
    a, b = norm(expected), norm(found)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter.split()) >= 4 and longer.startswith(shorter):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.92


def same_period(expected: str | None, found: str) -> bool:
    if expected is None:
        return True
    wanted = normalise(expected) or slugify(expected, 40)
    if wanted == found or expected == found:
        return True
    bare = re.fullmatch(r"[QH][1-4]", expected)
    return bare is not None and found.endswith(f"-{expected}")


@dataclass
class Found:
    """An objective or key result as written, with what the comparison needs."""

    title: str
    period: str
    unit: str | None
    owners: set[str]
    parent: str | None
    score: float | None
    done: bool | None
    status: str | None
    objective: str | None = None
    stand_in: bool = False
    other_owners: set[str] | None = None
    """The owners when the `Co-owners:` line names one person written "Last, First"."""


def _co_owners(data: dict[str, Any], whole: bool = False) -> set[str]:
    found = re.search(r"(?m)^Co-owners: (.*)$", data.get("description") or "")
    return _readings(found[1])[-1 if whole else 0] if found else set()


def _status(data: dict[str, Any]) -> str | None:
    if data.get("status") != "dropped":
        return None
    return "moved" if (data.get("dropped_reason") or "").startswith("Moved on") else "dropped"


def found_outline(repo: Path) -> tuple[list[Found], list[Found]]:
    """The objectives and key results the import wrote."""
    org = load(repo / "okrs" / "org.yaml")
    units = {u["id"]: u for u in org["units"]}
    root = next(u["id"] for u in org["units"] if not u.get("parent"))
    people = {p["id"]: p["name"] for p in org.get("people", [])}
    files = sorted((repo / "okrs").rglob("*.yaml"))
    datas = [load(f) for f in files if f.name != "org.yaml"]
    titles = {d["id"]: d["title"] for d in datas}
    objectives, key_results = [], []
    for data in datas:
        owner = people.get(data["owner"])
        owners = ({owner.casefold()} if owner else set()) | _co_owners(data)
        whole = ({owner.casefold()} if owner else set()) | _co_owners(data, whole=True)
        unit = None if data["unit"] == root else units[data["unit"]]["name"]
        score = data.get("score")
        objectives.append(
            Found(
                data["title"],
                data["period"],
                unit,
                owners,
                titles.get(data.get("parent") or ""),
                score,
                None if score not in (0, 1) else score == 1,
                _status(data),
                other_owners=whole,
            )
        )
        for kr in data.get("key_results") or []:
            person = people.get(kr.get("owner") or "")
            co_owners = _co_owners(kr)
            if person is None and owner and co_owners:
                person = owner  # no owner of its own: its objective's, beside its co-owners
            mine = ({person.casefold()} if person else set()) | co_owners
            mine_whole = ({person.casefold()} if person else set()) | _co_owners(kr, whole=True)
            done = kr.get("done") if kr.get("kind") == "milestone" else None
            kr_score = kr.get("score")
            if done is None and kr_score in (0, 1) and kr.get("kind") != "milestone":
                done = kr_score == 1
            key_results.append(
                Found(
                    kr["title"],
                    data["period"],
                    None,
                    mine or (owners if not kr.get("owner") else set()),
                    None,
                    kr_score,
                    done,
                    _status(kr),
                    data["title"],
                    kr["id"] == STAND_IN_ID,
                    mine_whole or (whole if not kr.get("owner") else set()),
                )
            )
    return objectives, key_results


# --------------------------------------------------------------------------- the comparison


@dataclass
class Fidelity:
    """Found / expected counts for one document."""

    slug: str
    objectives: tuple[int, int] = (0, 0)
    key_results: tuple[int, int] = (0, 0)
    written: tuple[int, int] = (0, 0)
    """Objectives and key results written (stand-ins left out), against the hand counts."""
    parents: tuple[int, int] = (0, 0)
    owners: tuple[int, int] = (0, 0)
    units: tuple[int, int] = (0, 0)
    scores: tuple[int, int] = (0, 0)
    done: tuple[int, int] = (0, 0)
    status: tuple[int, int] = (0, 0)
    placed: tuple[int, int] = (0, 0)
    """Key results found under the objective the outline puts them under."""
    stand_ins: int = 0
    extra_owners: int = 0
    check_errors: int = 0
    misses: list[str] = field(default_factory=list)


def _pairs(
    expected: list[dict[str, Any]], found: list[Found], period: str | None
) -> dict[int, int]:
    """Expected index -> found index, one to one: exact titles first, then the looser match."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for strict in (True, False):
        for e, item in enumerate(expected):
            if e in pairs:
                continue
            wanted = item.get("period", period)
            for f, candidate in _nearest(item, found):
                if f in used or not same_period(wanted, candidate.period):
                    continue
                matched = (
                    norm(item["title"]) == norm(candidate.title)
                    if strict
                    else same(item["title"], candidate.title)
                )
                if matched:
                    pairs[e] = f
                    used.add(f)
                    break
    return pairs


def _nearest(item: dict[str, Any], found: list[Found]) -> list[tuple[int, Found]]:
    """The candidates for an expected key result, those under its own objective first (titles
    repeat under several objectives: "Map formal user personas")."""
    ranked = list(enumerate(found))
    objective = item.get("objective")
    if objective is None:
        return ranked
    return sorted(ranked, key=lambda p: not (p[1].objective and same(objective, p[1].objective)))


def _names(text: str | None) -> set[str]:
    """Several people: separated by commas, or by semicolons when a name holds a comma."""
    if not text:
        return set()
    parts = text.split(";") if ";" in text else text.split(",")
    return {n.strip().lstrip("@").casefold() for n in parts if n.strip()}


def _readings(text: str | None) -> list[set[str]]:
    """The people `text` may name: "Martin, Bedeho" is two people, "Felchle, Craig D." one
    (a name written "Last, First"): both readings are tried."""
    found = [_names(text)]
    if text and ";" not in text and "," in text:
        found.append({text.strip().casefold()})
    return found


def _add(pair: tuple[int, int], right: bool) -> tuple[int, int]:
    return pair[0] + int(right), pair[1] + 1


def compare(folder: Path, repo: Path) -> Fidelity:
    """The fidelity of the import in `repo` of the document in `folder`."""
    expected = load(folder / "expected.yaml")
    result = Fidelity(slug(folder))
    objectives, key_results = found_outline(repo)
    real = [k for k in key_results if not k.stand_in]
    result.stand_ins = len(key_results) - len(real)
    wanted = expected["objectives"]
    pairs = _pairs(wanted, objectives, expected["period"])
    result.objectives = (len(pairs), len(wanted))
    flat = [(o, kr) for o in wanted for kr in o["key_results"]]
    kr_items = [
        dict(kr, period=o.get("period", expected["period"]), objective=o["title"]) for o, kr in flat
    ]
    kr_pairs = _pairs(kr_items, real, expected["period"])
    result.key_results = (len(kr_pairs), len(flat))
    result.written = (len(objectives), len(real))
    for e, f in sorted(pairs.items()):
        _objective(result, wanted[e], objectives[f], pairs, objectives)
    for e, item in enumerate(wanted):
        if e not in pairs:
            result.misses.append(f"objective not found: {item['title'][:70]!r}")
    for e, (objective, kr) in enumerate(flat):
        if e in kr_pairs:
            _key_result(result, objective, kr, real[kr_pairs[e]])
        else:
            result.misses.append(f"key result not found: {kr['title'][:70]!r}")
    return result


def _objective(result: Fidelity, item: dict[str, Any], found: Found, pairs: dict[int, int],
               objectives: list[Found]) -> None:  # fmt: skip
    if item["parent"] is not None:
        right = found.parent is not None and same(item["parent"], found.parent)
        result.parents = _add(result.parents, right)
        if not right:
            result.misses.append(f"parent of {item['title'][:50]!r}: {found.parent!r}")
    elif found.parent is not None:
        result.misses.append(f"extra parent of {item['title'][:50]!r}: {found.parent!r}")
    _owner(result, item["owner"], found.owners, set(), item["title"], found.other_owners)
    if item["unit"] is not None:
        right = found.unit is not None and norm(item["unit"]) == norm(found.unit)
        result.units = _add(result.units, right)
        if not right:
            result.misses.append(f"unit of {item['title'][:50]!r}: {found.unit!r}")
    _results(result, item, found)


def _owner(
    result: Fidelity,
    named: str | None,
    found: set[str],
    inherited: set[str],
    title: str,
    other: set[str] | None = None,
) -> None:
    readings = _readings(named)
    wanted = readings[0]
    candidates = [found] if other is None else [found, other]
    if wanted:
        right = any(w == f or (not f and w == inherited) for w in readings for f in candidates)
        result.owners = _add(result.owners, right)
        if not right:
            result.misses.append(f"owner of {title[:50]!r}: {sorted(found)} not {sorted(wanted)}")
    elif found and found != inherited:
        result.extra_owners += 1


def _key_result(
    result: Fidelity, objective: dict[str, Any], kr: dict[str, Any], found: Found
) -> None:
    placed = found.objective is not None and same(objective["title"], found.objective)
    result.placed = _add(result.placed, placed)
    inherited = _readings(objective["owner"])[-1]
    _owner(result, kr["owner"], found.owners, inherited, kr["title"], found.other_owners)
    _results(result, kr, found)


def _results(result: Fidelity, item: dict[str, Any], found: Found) -> None:
    title = item["title"][:50]
    if item.get("score") is not None:
        right = found.score is not None and abs(found.score - item["score"]) < 0.006
        result.scores = _add(result.scores, right)
        if not right:
            result.misses.append(f"score of {title!r}: {found.score} not {item['score']}")
    if item.get("done") is not None:
        right = found.done == item["done"]
        result.done = _add(result.done, right)
        if not right:
            result.misses.append(f"done of {title!r}: {found.done} not {item['done']}")
    if item.get("status") is not None:
        right = found.status == item["status"]
        result.status = _add(result.status, right)
        if not right:
            result.misses.append(f"status of {title!r}: {found.status} not {item['status']}")


def within(found: int, wanted: int, share: float = 0.05) -> bool:
    """`found` within `share` of `wanted` (exactly equal for small counts)."""
    return abs(found - wanted) <= share * wanted


# --------------------------------------------------------------------------- the table

COLUMNS = (
    "objectives", "key_results", "parents", "owners", "units", "scores", "done", "status", "placed",
)  # fmt: skip


def _cell(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "—"


def table(results: list[Fidelity]) -> str:
    """The fidelity table in Markdown: found / expected per document, and the totals."""
    head = ("| document | objectives | key results | parents | owners | units | scores | "
            "done-states | dropped/moved | KRs in their objective | written (obj./KRs) | "
            "stand-ins | check errors |")  # fmt: skip
    lines = [head, "|" + "---|" * 13]
    totals = Fidelity("**total**")
    for r in results:
        cells = [_cell(getattr(r, c)) for c in COLUMNS]
        lines.append(
            f"| `{r.slug}` | {' | '.join(cells)} | {r.written[0]}/{r.written[1]} | "
            f"{r.stand_ins} | {r.check_errors} |"
        )
        for column in (*COLUMNS, "written"):
            a, b = getattr(totals, column), getattr(r, column)
            setattr(totals, column, (a[0] + b[0], a[1] + b[1]))
        totals.stand_ins += r.stand_ins
        totals.check_errors += r.check_errors
    cells = [_cell(getattr(totals, c)) for c in COLUMNS]
    lines.append(
        f"| {totals.slug} | {' | '.join(cells)} | {totals.written[0]}/{totals.written[1]} | "
        f"{totals.stand_ins} | {totals.check_errors} |"
    )
    return "\n".join(lines) + "\n"


def measure(folder: Path, scratch: Path) -> Fidelity:
    """Import one document into `scratch` and compare it with its outline."""
    repo = scratch / slug(folder).replace("/", "-")
    code, out = import_document(folder, repo)
    if code != 0:
        result = Fidelity(slug(folder))
        expected = load(folder / "expected.yaml")
        result.objectives = (0, len(expected["objectives"]))
        result.key_results = (0, sum(len(o["key_results"]) for o in expected["objectives"]))
        result.check_errors = -1
        result.misses.append(f"import failed (exit {code}): {out[-300:]}")
        return result
    result = compare(folder, repo)
    result.check_errors = len(check_errors(repo, load(folder / "meta.yaml")["retrieved"]))
    return result


def block(corpus: list[Fidelity], holdout: list[Fidelity], fresh: list[Fidelity]) -> str:
    """The fidelity section of `docs/import.md`: the three tables, as
    `bench/import_fidelity.py` prints them."""
    return (
        f"Corpus ({len(corpus)} documents; found / expected):\n\n{table(corpus)}\n"
        f"Held-out documents ({len(holdout)}; not read while the reading was built, then measured "
        f"and read for general misreadings, fixed as described below):\n\n{table(holdout)}\n"
        f"Fresh documents ({len(fresh)}; gathered from other organisations once the reading was "
        f"built, measured before any change, then read for general misreadings):\n\n"
        f"{table(fresh)}"
    )


def measure_all(scratch: Path) -> tuple[list[Fidelity], list[Fidelity], list[Fidelity]]:
    """Every document imported into `scratch` and compared: the corpus, the held-out ones and
    the fresh ones."""
    return (
        [measure(folder, scratch) for folder in documents()],
        [measure(folder, scratch) for folder in documents("holdout")],
        [measure(folder, scratch) for folder in documents("fresh")],
    )
