"""One score everywhere: `okrctl export`, the built site, `okrctl grade`, `okrctl close --carry`
and `okrctl diff` give every objective the number `scoring.effective_score` gives it.

The repository is the handbook-style case (a roll-up company objective, team owners, weights,
dropped work, a weight-0 key result) with `rollup: own_weight: 0.25` in okrctl.yaml, so every
command must also read the configuration. The scores, by hand:

* visit-prospects-q4: 32 / 40 = 0.8 (aspirational: a success);
* expand-enterprise-q4: own key results 12 / 20 = 0.6 (the weight-0 report does not count),
  0.8 below it: 0.25 x 0.6 + 0.75 x 0.8 = 0.75;
* lift-inbound-q4: (130 - 100) / 100 = 0.3 (the dropped podcast, done, does not count);
* grow-arr-q4 (no key results): (3 x 0.75 + 2 x 0.3) / 5 = 0.57 (trade-shows-q4 is dropped);
* trade-shows-q4: dropped, no score.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from okrctl import engine, scoring
from okrctl.config import load
from tests.conftest import CASES
from tests.gitops.conftest import Repo, Result, make_repo

CASE = CASES / "handbook-rollup-cascade"
TODAY = ("--today", "2026-11-22")
BY_HAND = {
    "visit-prospects-q4": 0.8,
    "expand-enterprise-q4": 0.75,
    "lift-inbound-q4": 0.3,
    "grow-arr-q4": 0.57,
    "trade-shows-q4": None,
}
EXPAND = "okrs/2026-Q4/sales/expand-enterprise-q4.yaml"
Run = Callable[..., Result]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    source = tmp_path / "source"
    shutil.copytree(CASE, source, ignore=shutil.ignore_patterns("expected.yaml"))
    (source / "okrctl.yaml").write_text("rollup:\n  own_weight: 0.25\n")
    # The base revision: 8 deals instead of 12, so `diff` has a score to report.
    expand = source / EXPAND
    expand.write_text(expand.read_text().replace("current: 12", "current: 8"))
    made = make_repo(tmp_path / "repo", source)
    made.edit(EXPAND, "current: 8", "current: 12")
    monkeypatch.chdir(made.path)
    return made


def _scores(root: Path) -> dict[str, float | None]:
    result = engine.check_repository(root)
    return scoring.effective_scores(result.cascade, load(root).settings.rollup)


def test_every_command_shows_the_effective_score(repo: Repo, okrctl: Run) -> None:
    scores = _scores(repo.path)
    assert scores == pytest.approx(BY_HAND)

    # export
    exported = {o["id"]: o["score"] for o in json.loads(okrctl("export").out)["objectives"]}
    assert exported == pytest.approx(BY_HAND)

    # the site: each objective's score on its unit page
    built = okrctl("build", "--out", "public", *TODAY)
    assert built.code == 0, built
    expected = {
        oid: "not measured" if value is None else f"{value:.2f}" for oid, value in BY_HAND.items()
    }
    shown: dict[str, str] = {}
    listed: list[tuple[str, str]] = []
    for oid in BY_HAND:
        html = (repo.path / "public" / "objectives" / f"{oid}.html").read_text()
        found = re.search(
            r'class="okr-scoreline okr-objective-score"><span>[^<]*<span class="okr-score'
            r'[^"]*"[^>]*>([^<]+)</span>',
            html,
        )
        if found:
            shown[oid] = found[1]
        # "Supported by" lists show each supporting objective's score too.
        listed += re.findall(
            r'objectives/([a-z0-9-]+)\.html">[^<]*</a> <span class="okr-muted">\([^)]*\)</span> '
            r'<span class="okr-score[^"]*"[^>]*>([^<]+)</span>',
            html,
        )
    assert shown == expected
    assert listed and all(expected[oid] == text for oid, text in listed)
    # The blend's parts, with the configured weight: 0.25 x 0.60 own + 0.75 x 0.80 below.
    expand = (repo.path / "public" / "objectives" / "expand-enterprise-q4.html").read_text()
    assert "= 0.25 × 0.60 own key results + 0.75 × 0.80 from 1 supporting objective" in expand

    # diff: the changed objective's score, base -> head
    diffed = okrctl("diff", *TODAY)
    assert diffed.code == 0, diffed
    assert "    progress: score 0.7 -> 0.75\n" in diffed.out  # 0.25 x 0.4 + 0.75 x 0.8 = 0.7

    # grade: the objectives' grades are the same numbers
    graded = okrctl("grade", "2026-Q4", "--score", "expand-enterprise-q4/win-rate-report=0")
    assert graded.code == 0, graded
    table = graded.out.split("\nwrote ")[0].splitlines()
    rows = {line.split()[0]: line.split()[1] for line in table if line.split()[0] in BY_HAND}
    assert rows == {
        oid: "" if value is None else f"{value:.2f}" for oid, value in BY_HAND.items() if value
    } | {"trade-shows-q4": "dropped"}
    assert _scores(repo.path) == pytest.approx(BY_HAND)  # the grades read back the same

    # close --carry: what fell short of its type's expectation, by the same scores
    closing = okrctl("close", "2026-Q4", "--carry", "--dry-run", "--today", "2027-01-05")
    assert closing.code == 0, closing
    carried = set(re.findall(r"^  (\S+) -> ", closing.out, re.MULTILINE))
    assert carried == {"grow-arr-q4", "expand-enterprise-q4", "lift-inbound-q4"}
