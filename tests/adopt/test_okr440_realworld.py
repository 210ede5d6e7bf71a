"""OKR440 on real text (issue 20): on the 963 key results of the real-world corpus labelled task
or outcome by hand, the rule finds at least 80% of the task-style ones and reports at most 5% of
the outcomes on all the labels together (the issue's target). Each set (the corpus, the held-out
and the fresh pages, which measure whether the reading generalises) is printed (`pytest -rP`
shows it, as `make bench` does) and held to the recall target, and to the false-positive target
within one outcome: a set of 33 outcomes cannot say 5% finer than one outcome in 33 (3%), and the
held-out pages' 2 of 33 (6.1%) are above 5% by less than that. `docs/import.md` shows the figures
measured here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adopt import okr440_labels

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"
START, END = "<!-- okr440:start -->\n", "<!-- okr440:end -->"


@pytest.fixture(scope="module")
def tallies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, okr440_labels.Tally]:
    return okr440_labels.measure_all(tmp_path_factory.mktemp("okr440"))


def test_every_label_is_matched_to_an_imported_key_result(
    tallies: dict[str, okr440_labels.Tally],
) -> None:
    union = tallies["all"]
    assert union.labelled == 963
    assert union.tasks + union.outcomes >= 962  # one held-out key result is not imported


def test_the_rule_finds_tasks_and_spares_outcomes_on_all_labels(
    tallies: dict[str, okr440_labels.Tally],
) -> None:
    union = tallies["all"]
    print(union.line("all"))
    assert union.recall >= 0.80, union.line("all")
    assert union.false_positives <= 0.05, union.line("all")


@pytest.mark.parametrize("subset", [key for key, _ in okr440_labels.SETS])
def test_each_set_finds_tasks_and_spares_outcomes(
    subset: str, tallies: dict[str, okr440_labels.Tally]
) -> None:
    tally = tallies[subset]
    print(tally.line(subset))
    assert tally.recall >= 0.80, tally.line(subset)
    assert tally.wrong <= 0.05 * tally.outcomes + 1, tally.line(subset)


def test_docs_show_the_figures(tallies: dict[str, okr440_labels.Tally]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    shown = text[text.index(START) + len(START) : text.index(END)]
    assert shown == okr440_labels.table(tallies)
