"""The JSON Schema: generated from the models, free of drift, usable by independent validators."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from okrctl import cli
from okrctl import schema as schemas
from tests.conftest import CASES, REPO

SCHEMA = REPO / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def test_committed_schema_matches_the_models() -> None:
    assert schemas.drift(SCHEMA) == []


def test_schema_check_fails_on_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(SCHEMA, tmp_path / "schema")
    assert cli.run(["schema", "--check", "--out", str(tmp_path / "schema")]) == 0
    (tmp_path / "schema" / "objective.schema.json").write_text("{}\n")
    assert cli.run(["schema", "--check", "--out", str(tmp_path / "schema")]) == 1
    assert "objective.schema.json: out of date" in capsys.readouterr().out
    assert cli.run(["schema", "--out", str(tmp_path / "schema")]) == 0
    assert schemas.drift(tmp_path / "schema") == []


@pytest.mark.parametrize("name", sorted(schemas.render()))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    document = json.loads((SCHEMA / name).read_text())
    jsonschema.Draft202012Validator.check_schema(document)


def test_field_docs_become_descriptions() -> None:
    document = json.loads((SCHEMA / "objective.schema.json").read_text())
    assert document["properties"]["owner"]["description"].startswith(
        "Who answers for the objective"
    )


def _example_files() -> list[Path]:
    return sorted((REPO / "okrs").rglob("*.yaml"))


def test_every_example_file_has_a_modeline() -> None:
    for path in _example_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path


def _run_check_jsonschema(files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--schemafile",
            str(SCHEMA / "okrctl.schema.json"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=SCHEMA,
    )


def test_independent_validator_accepts_every_example_file() -> None:
    done = _run_check_jsonschema(_example_files())
    assert done.returncode == 0, done.stdout + done.stderr


NEGATIVE = [
    "unknown-field",
    "unknown-kr-field",
    "missing-field",
    "wrong-type",
    "bool-is-not-a-number",
    "bad-enum",
    "bad-slug",
    "confidence-out-of-range",
    "missing-kind",
    "unknown-kind",
    "wrong-api-version",
    "yaml11-bool-where-bool-expected",
]


@pytest.mark.parametrize("case", NEGATIVE)
def test_independent_validator_rejects_structurally_invalid_files(case: str) -> None:
    files = [p for p in (CASES / case / "okrs").rglob("*.yaml") if p.name != "org.yaml"]
    done = _run_check_jsonschema(files)
    assert done.returncode == 1, done.stdout + done.stderr
