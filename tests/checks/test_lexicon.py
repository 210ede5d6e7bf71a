"""The English lexicon OKR440 reads titles with: WordNet 3.0's verbs, reduced once by
`okrctl/checks/lexicon/generate.py` and committed with WordNet's licence."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.checks import lexicon
from okrctl.checks.lexicon import generate

HERE = Path(lexicon.__file__).resolve().parent
WORDNET = Path("/usr/share/wordnet")


@pytest.mark.parametrize(
    ("form", "ending", "lemma"),
    [
        ("tracked", "ed", "track"),
        ("remediated", "ed", "remediate"),
        ("shipped", "ed", "ship"),
        ("specified", "ed", "specify"),
        ("built", "ed", "build"),
        ("written", "ed", "write"),
        ("hiring", "ing", "hire"),
        ("mapping", "ing", "map"),
        ("supports", "s", "support"),
        ("finishes", "s", "finish"),
        ("specifies", "s", "specify"),
        ("documents", "s", "document"),
        ("blue", "ed", None),
        ("users", "s", None),
        ("speed", "ed", None),
    ],
)
def test_forms_lead_to_their_verb(form: str, ending: str, lemma: str | None) -> None:
    assert lexicon.lemma(form, ending) == lemma


def test_verbs_beyond_any_list_of_okr_words() -> None:
    for word in ("remediate", "map", "specify", "blog", "exhibit", "retire", "set up", "roll out"):
        assert lexicon.is_verb(word) or word in lexicon.verbs(), word
    for word in ("setup", "users", "quarterly", "the"):
        assert not lexicon.is_verb(word), word
    assert {"accuracy", "scalability", "stickiness"} <= lexicon.attributes()


def test_data_files_are_sorted_and_name_their_source_and_licence() -> None:
    licence = (HERE / "LICENSE-WordNet.txt").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    for name in ("verbs.txt", "verb_forms.txt", "attributes.txt"):
        lines = (HERE / name).read_text(encoding="utf-8").splitlines()
        header = [line for line in lines if line.startswith("#")]
        body = [line for line in lines if not line.startswith("#")]
        assert "Princeton WordNet 3.0" in header[0] and "LICENSE-WordNet.txt" in header[1]
        assert body == sorted(set(body)), name


@pytest.mark.skipif(not (WORDNET / "index.verb").is_file(), reason="WordNet's database is absent")
def test_data_files_are_what_the_generator_writes_from_wordnet() -> None:
    """Regenerating from Debian's `wordnet-base` gives the committed bytes."""
    for name, text in generate.render(WORDNET).items():
        assert (HERE / name).read_text(encoding="utf-8") == text, name
