"""The real-world corpus of `tests/adopt/realworld/` stays well-formed.

Each folder holds one public OKR page (`source.md` or `source.csv`, stored verbatim), its
provenance (`meta.yaml`) and an outline written by hand from reading the page
(`expected.yaml`). These tests check the shape of every folder and the size of the whole corpus,
so that a folder with a typo, a lost source or a silently edited page fails here instead of
skewing the importer's fidelity figures. They do not run the importer.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

REALWORLD = Path(__file__).resolve().parent / "realworld"
HOLDOUT = REALWORLD / "holdout"
FRESH = REALWORLD / "fresh"
"""A second held-out set, gathered after the importer was built on the corpus and `holdout/`."""

OBJECTIVE_KEYS = {"title", "unit", "owner", "parent", "score", "key_results"}
OBJECTIVE_OPTIONAL = {"period", "done", "status"}
KEY_RESULT_KEYS = {"title", "owner", "score", "done", "status", "kind"}
STATUSES = {None, "dropped", "moved"}
KINDS = {"outcome", "task"}
COMMIT = re.compile(r"[0-9a-f]{40}")
PERIOD = re.compile(r"\S(.*\S)?")


def folders() -> list[Path]:
    found = [p.parent for p in REALWORLD.glob("*/meta.yaml")]
    found += [p.parent for p in HOLDOUT.glob("*/meta.yaml")]
    found += [p.parent for p in FRESH.glob("*/meta.yaml")]
    return sorted(found)


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def slug(folder: Path) -> str:
    return folder.relative_to(REALWORLD).as_posix()


def check_score(value: object, where: str) -> None:
    if value is None:
        return
    assert isinstance(value, int | float) and not isinstance(value, bool), where
    assert math.isfinite(value) and 0 <= value <= 1, where


def check_optional_text(value: object, where: str) -> None:
    assert value is None or (isinstance(value, str) and value.strip() == value and value), where


def check_key_result(kr: object, where: str) -> None:
    assert isinstance(kr, dict), where
    assert set(kr) == KEY_RESULT_KEYS, f"{where}: keys {sorted(kr)}"
    assert isinstance(kr["title"], str) and kr["title"].strip(), where
    check_optional_text(kr["owner"], f"{where}: owner")
    check_score(kr["score"], f"{where}: score")
    assert kr["done"] in (None, True, False), f"{where}: done"
    assert kr["status"] in STATUSES, f"{where}: status"
    assert kr["kind"] in KINDS, f"{where}: kind"


def check_objective(obj: object, titles: Counter[str], where: str) -> int:
    assert isinstance(obj, dict), where
    keys = set(obj)
    assert OBJECTIVE_KEYS <= keys <= OBJECTIVE_KEYS | OBJECTIVE_OPTIONAL, f"{where}: {sorted(keys)}"
    assert isinstance(obj["title"], str) and obj["title"].strip(), where
    check_optional_text(obj["unit"], f"{where}: unit")
    check_optional_text(obj["owner"], f"{where}: owner")
    parent = obj["parent"]
    assert parent is None or parent in titles, f"{where}: parent {parent!r} is no objective here"
    # a parent may share the title only when another objective (of another unit) holds it
    assert parent != obj["title"] or titles[parent] > 1, f"{where}: its own parent"
    check_score(obj["score"], f"{where}: score")
    if "period" in obj:
        assert isinstance(obj["period"], str) and PERIOD.fullmatch(obj["period"]), where
    if "done" in obj:
        assert obj["done"] in (True, False), f"{where}: done"
    if "status" in obj:
        assert obj["status"] in STATUSES - {None}, f"{where}: status"
    krs = obj["key_results"]
    assert isinstance(krs, list), where
    for index, kr in enumerate(krs):
        check_key_result(kr, f"{where}: key result {index}")
    return len(krs)


@pytest.mark.parametrize("folder", folders(), ids=slug)
def test_meta_names_the_source(folder: Path) -> None:
    meta = load(folder / "meta.yaml")
    for field in ("source", "organisation", "retrieved", "style"):
        assert isinstance(meta.get(field), str) and meta[field].strip(), field
    assert meta["source"].startswith("https://"), meta["source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["retrieved"])
    if meta.get("commit") is not None:
        assert COMMIT.fullmatch(meta["commit"]), meta["commit"]
        assert meta["commit"] in meta["source"]
    sources = sorted(p.name for p in folder.glob("source.*"))
    assert sources in (["source.md"], ["source.csv"]), sources
    with (folder / sources[0]).open(encoding="utf-8", newline="") as handle:
        text = handle.read()  # as stored: CRLF line endings are characters too
    # the stored length: a page edited by hand (or re-encoded) no longer matches it
    assert len(text) == meta["chars"], (
        f"{sources[0]} is {len(text)} characters, not {meta['chars']}"
    )


@pytest.mark.parametrize("folder", folders(), ids=slug)
def test_expected_outline_is_well_formed(folder: Path) -> None:
    expected = load(folder / "expected.yaml")
    assert set(expected) == {"period", "objectives", "notes"}, sorted(expected)
    period = expected["period"]
    assert period is None or (isinstance(period, str) and PERIOD.fullmatch(period))
    assert isinstance(expected["notes"], str) and expected["notes"].strip()
    objectives = expected["objectives"]
    assert isinstance(objectives, list) and objectives
    titles = Counter(obj["title"] for obj in objectives if isinstance(obj, dict))
    total = sum(check_objective(obj, titles, f"objective {i}") for i, obj in enumerate(objectives))
    assert total > 0, "no key results"


def test_corpus_is_large_and_varied_enough() -> None:
    every = folders()
    organisations = {load(f / "meta.yaml")["organisation"] for f in every}
    kinds: Counter[str] = Counter()
    for folder in every:
        for obj in load(folder / "expected.yaml")["objectives"]:
            kinds.update(kr["kind"] for kr in obj["key_results"])
    held_out = [f for f in every if f.parent == HOLDOUT]
    tables = [f for f in every if (f / "source.csv").exists()]
    assert len(every) >= 20, len(every)
    assert len(organisations) >= 12, sorted(organisations)
    assert sum(kinds.values()) >= 300, kinds
    assert kinds["outcome"] > 0 and kinds["task"] > 0, kinds
    assert len(held_out) >= 5, held_out
    assert len(tables) >= 2, tables


def test_fresh_set_is_a_second_held_out_set() -> None:
    """`fresh/`: pages gathered after the importer was built, from organisations and house styles
    beyond the corpus, measured before any change made for them."""
    fresh = [f for f in folders() if f.parent == FRESH]
    metas = [load(f / "meta.yaml") for f in fresh]
    before = {load(f / "meta.yaml")["organisation"] for f in folders() if f.parent != FRESH}
    organisations = {m["organisation"] for m in metas}
    kinds: Counter[str] = Counter()
    for folder in fresh:
        for obj in load(folder / "expected.yaml")["objectives"]:
            kinds.update(kr["kind"] for kr in obj["key_results"])
    assert len(fresh) >= 8, fresh
    assert len(organisations) >= 5, sorted(organisations)
    assert len(organisations - before) >= 3, sorted(organisations - before)
    assert sum(kinds.values()) >= 150, kinds
    assert any((f / "source.csv").exists() for f in fresh)


def test_readme_lists_every_document() -> None:
    readme = (REALWORLD / "README.md").read_text(encoding="utf-8")
    missing = [slug(f) for f in folders() if f"`{slug(f)}`" not in readme]
    assert not missing, missing
