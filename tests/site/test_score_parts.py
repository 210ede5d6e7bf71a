"""Every score a page shows comes with its parts, and the parts add up: this test reads each
objective page as a reader would (the score, "= 0.5 x 0.52 own key results + 0.5 x 0.78 from
4 supporting objectives", written with a multiplication sign, each key result's score and weight, each supporting objective's
score and weight) and recomputes the score from what is shown, on the example organisation,
the fixture organisation and the handbook-style one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrctl.site.build import build_site
from tests.site.conftest import REPOS, TODAY, copy_repo
from tests.site.html_tree import Node, parse

# Two shown figures (each rounded to 0.005) and the shown score: at most 0.01 apart.
TOLERANCE = 0.0101
BLEND = re.compile(
    r"^= ([\d.]+) × ([\d.]+) own key results \+ ([\d.]+) × ([\d.]+) from (\d+) supporting"
)
MEAN = re.compile(r"^= (weighted )?mean of (\d+) (key results|supporting objectives)$")


def weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total


def key_results(doc: Node) -> list[tuple[float, float]]:
    """(score, weight) of each counted key result: measured, not dropped, weight above 0."""
    found = []
    for section in doc.find_all("section", class_="okr-kr"):
        if "okr-dropped" in (section.attrs["class"] or ""):
            continue
        shown = section.find("div", class_="okr-scoreline").find("span", class_="okr-score")
        if shown.words() == "not measured":
            continue
        facts = {
            d.find("dt").words(): d.find("dd").words()
            for d in section.find("dl", class_="okr-facts").find_all("div")
        }
        weight = float(facts.get("Weight", "1"))
        if weight > 0:
            found.append((float(shown.words()), weight))
    return found


def supporters(doc: Node) -> list[tuple[float, float]]:
    """(score, weight) of each counted supporting objective."""
    found = []
    listed = doc.find_all("ul", class_="okr-supporters")
    for item in listed[0].find_all("li") if listed else []:
        words = item.words()
        shown = item.find("span", class_="okr-score").words()
        if "(not counted)" in words or shown == "not measured":
            continue
        weight = re.search(r"weight ([\d.]+)", words)
        found.append((float(shown), float(weight[1]) if weight else 1.0))
    return found


def check_page(doc: Node) -> str:
    """Recompute the page's score from its shown parts; the kind of sum it was."""
    line = doc.find("div", class_="okr-objective-score")
    shown = line.find("span", class_="okr-score").words()
    parts = line.find_all("span", class_="okr-parts")
    if shown == "not measured" or not parts:
        return "none"
    score, text = float(shown), parts[0].words()
    if blend := BLEND.match(text):
        own_weight, own, rest, below, count = blend.groups()
        assert float(own_weight) + float(rest) == pytest.approx(1.0)
        assert score == pytest.approx(
            float(own_weight) * float(own) + float(rest) * float(below), abs=TOLERANCE
        ), text
        assert float(own) == pytest.approx(weighted(key_results(doc)), abs=TOLERANCE)
        assert float(below) == pytest.approx(weighted(supporters(doc)), abs=TOLERANCE)
        assert int(count) == len(supporters(doc))
        return "blend"
    if mean := MEAN.match(text):
        pairs = key_results(doc) if mean[3] == "key results" else supporters(doc)
        assert int(mean[2]) == len(pairs), text
        assert score == pytest.approx(weighted(pairs), abs=TOLERANCE), text
        return mean[3]
    if text in ("= its key result", "= its supporting objective"):
        pairs = key_results(doc) if "key result" in text else supporters(doc)
        assert len(pairs) == 1 and score == pytest.approx(pairs[0][0], abs=TOLERANCE)
        return text
    raise AssertionError(f"parts not understood: {text}")


def check_site(site: Path) -> set[str]:
    kinds = set()
    pages = sorted((site / "objectives").glob("*.html"))
    assert pages
    for path in pages:
        kinds.add(check_page(parse(path.read_text(encoding="utf-8"))))
    return kinds


def test_every_score_of_the_example_organisation_adds_up(example_site: Path) -> None:
    assert {"blend", "key results"} <= check_site(example_site)


def test_every_score_of_the_fixture_organisation_adds_up(acme_site: Path) -> None:
    assert "blend" in check_site(acme_site)


def test_a_configured_weight_and_roll_ups_add_up(tmp_path: Path) -> None:
    root = copy_repo(REPOS / "handbook", tmp_path / "handbook")
    (root / "okrctl.yaml").write_text("rollup:\n  own_weight: 0.25\n")
    assert build_site(root, root / "public", today=TODAY, history=False).built
    assert "supporting objectives" in check_site(root / "public")


def test_a_wrong_sum_would_be_caught() -> None:
    page = parse(
        '<div class="okr-scoreline okr-objective-score"><span class="okr-score">0.70</span> '
        '<span class="okr-parts">= 0.5 × 0.52 own key results + 0.5 × 0.78 from 1 supporting'
        " objective</span></div>"
    )
    with pytest.raises(AssertionError):
        check_page(page)
