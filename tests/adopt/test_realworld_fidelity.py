"""`okrctl import` on pages organisations published (`tests/adopt/realworld/`), against the
outlines written by hand: what `docs/import.md`'s fidelity table shows, held equal to what
`bench/import_fidelity.py` prints.

On every document of the corpus: objectives and key results within 5% of the hand count (what
was written, stand-in milestones apart, and what matched), every parent link, named owner and
unit right, every stated score, done-state and dropped or moved status read, `okrctl check`
clean, and (slow) `okrctl build` green. `KNOWN` lists, with the reason, the few results a
document does not read; an improvement or a regression both fail here until it is updated.
The held-out documents are measured the same way and shown in the table, not held to these
figures (they measure whether the reading generalises).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrctl import cli
from tests.adopt import fidelity

KNOWN: dict[str, dict[str, int]] = {
    # "=> Baseline not defined." states a result the outline reads as not done; a sentence
    # whose subject is not the result's word ("Not done", "Missed") is read as a note only.
    "gitlab-2017-q3": {"done": 1},
    # "=> Literal search and autocomplete shipped." (done in the outline): the same shape says
    # "New ROI calculator published." on GitLab's page, which the outline reads as no result.
    "sourcegraph-cy19-q4": {"done": 1},
}
"""Results not read, by document and column, each with its reason."""

KNOWN_FRESH: dict[str, dict[str, int]] = {
    # "- [x] AI: None. Project deferred" says the objective was put off; an action item's
    # narrative is read as a remark, not as a status
    "fresh/mayadata-ksatchit-2019q2": {"status": 1},
    # the end-of-quarter summary reports on the key results in a second list, in the same
    # order ("96% of the time, achieving our intention for this key result"): not paired
    "fresh/sourcegraph-ce-support-fy22q4": {"done": 1},
}
"""The same for the fresh pages (a second held-out set): issue 20's "done when" holds there too."""

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"
START, END = "<!-- fidelity:start -->\n", "<!-- fidelity:end -->"


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[fidelity.Fidelity], ...]:
    return fidelity.measure_all(tmp_path_factory.mktemp("realworld"))


def _by_slug(measured: tuple[list[fidelity.Fidelity], ...]) -> dict[str, fidelity.Fidelity]:
    return {r.slug: r for results in measured for r in results}


def _reads_as_its_outline(
    result: fidelity.Fidelity, known_misses: dict[str, dict[str, int]]
) -> None:
    """Objectives and key results within 5% of the outline, `check` clean, and every parent,
    owner, unit, score, done-state, status and placement right but the misses listed."""
    assert result.check_errors == 0, result.misses
    objectives, key_results = result.written
    assert fidelity.within(objectives, result.objectives[1]), result.misses
    assert fidelity.within(key_results, result.key_results[1]), result.misses
    for found, wanted in (result.objectives, result.key_results):
        assert fidelity.within(found, wanted), result.misses
    known = known_misses.get(result.slug, {})
    for column in ("parents", "owners", "units", "scores", "done", "status", "placed"):
        right, stated = getattr(result, column)
        assert stated - right == known.get(column, 0), (column, result.misses)


@pytest.mark.parametrize("folder", fidelity.documents(), ids=fidelity.slug)
def test_each_document_reads_as_its_outline(
    folder: Path, measured: tuple[list[fidelity.Fidelity], ...]
) -> None:
    _reads_as_its_outline(_by_slug(measured)[fidelity.slug(folder)], KNOWN)


@pytest.mark.parametrize("folder", fidelity.documents("fresh"), ids=fidelity.slug)
def test_each_fresh_document_reads_as_its_outline(
    folder: Path, measured: tuple[list[fidelity.Fidelity], ...]
) -> None:
    _reads_as_its_outline(_by_slug(measured)[fidelity.slug(folder)], KNOWN_FRESH)


def test_the_documentation_shows_what_the_script_prints(
    measured: tuple[list[fidelity.Fidelity], ...],
) -> None:
    text = DOCS.read_text("utf-8")
    shown = text[text.index(START) + len(START) : text.index(END)]
    assert shown == fidelity.block(*measured)


@pytest.mark.slow
def test_every_imported_document_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    every = [f for subset in fidelity.SETS for f in fidelity.documents(subset)]
    for folder in every:
        repo = tmp_path / fidelity.slug(folder).replace("/", "-")
        code, out = fidelity.import_document(folder, repo)
        assert code == 0, out
        monkeypatch.chdir(repo)
        today = fidelity.load(folder / "meta.yaml")["retrieved"]
        built = cli.run(["build", "--today", today, "--out", os.fspath(tmp_path / "site")])
        assert built == 0, (fidelity.slug(folder), capsys.readouterr())
