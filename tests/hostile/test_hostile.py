"""Hostile input: whatever a pull request puts in okrs/, okrctl reports it and never crashes.

Each case writes files into a copy of a small valid repository, runs `okrctl check` as a user would
(a subprocess with a memory limit and a timeout), and expects exit 1 with the named finding.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CASES, REPO

pytestmark = pytest.mark.posix  # memory limits (resource, preexec_fn) and symbolic links

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space is plenty for any single input
TIMEOUT = 60


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(CASES / "ok-minimal" / "okrs", tmp_path / "okrs")
    (tmp_path / ".git").mkdir()
    return tmp_path


def _limit() -> None:
    import resource  # POSIX only: imported where it is used, so that collecting works anywhere

    with contextlib.suppress(ValueError, OSError):  # macOS may not lower the address space
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT * 2, MEMORY_LIMIT * 2))


def check(repo: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "OKRCTL_CACHE_DIR": str(repo / ".c")}
    done = subprocess.run(
        [sys.executable, "-m", "okrctl", "check", "--format", "json", *args],
        cwd=repo,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
        env=env,
        check=False,
    )
    assert done.returncode != 3, done.stderr.decode()
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    findings = json.loads(done.stdout)["findings"] if done.stdout else []
    return done.returncode, findings, done.stderr.decode()


def codes(
    findings: list[dict[str, object]], ignore: str = "okrs/2026-Q4/company/grow.yaml"
) -> list[tuple[object, object]]:
    """(code, file) of each finding, leaving out the fixture's own objective, which the rules of
    good OKRs may comment on: these tests are about the files they plant."""
    return [(f["code"], f["file"]) for f in findings if f["file"] != ignore]


BILLION_LAUGHS = (
    "a: &a ["
    + ",".join(["lol"] * 10)
    + "]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(9)
    )
)

WRITERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "billion-laughs": (lambda p: p.write_text(BILLION_LAUGHS), "OKR102"),
    "deep-flow-nesting-10000": (
        lambda p: p.write_text("a: " + "[" * 10_000 + "]" * 10_000),
        "OKR111",
    ),
    "deep-mapping-nesting-10000": (
        lambda p: p.write_text("a: " + "{a: " * 10_000 + "1" + "}" * 10_000),
        "OKR111",
    ),
    "unclosed-10000": (lambda p: p.write_text("a: " + "[" * 10_000), "OKR111"),
    "file-of-50-mb": (
        lambda p: p.write_bytes(b"title: '" + b"x" * (50 * 1024 * 1024) + b"'\n"),
        "OKR108",
    ),
    "single-line-of-1-mb": (lambda p: p.write_bytes(b"x" * (1024 * 1024)), "OKR112"),
    "single-line-of-5-mb": (
        lambda p: p.write_bytes(b"title: " + b"x" * (5 * 1024 * 1024)),
        "OKR108",
    ),
    "nul-bytes": (lambda p: p.write_bytes(b"apiVersion: okrctl/v1\x00\x00\n"), "OKR110"),
    "invalid-utf8": (lambda p: p.write_bytes(b"title: \xc3\x28\n"), "OKR107"),
    "utf16-with-bom": (lambda p: p.write_bytes("title: x\n".encode("utf-16")), "OKR107"),
    "utf16-without-bom": (lambda p: p.write_bytes("title: x\n".encode("utf-16-le")), "OKR110"),
    "utf32-bom": (
        lambda p: p.write_bytes(codecs.BOM_UTF32_LE + "a: 1".encode("utf-32-le")),
        "OKR107",
    ),
    "tabs": (
        lambda p: p.write_text("apiVersion: okrctl/v1\nkind: Objective\nkey_results:\n\t- id: x\n"),
        "OKR100",
    ),
    "duplicate-keys": (lambda p: p.write_text("kind: Objective\nkind: Objective\n"), "OKR101"),
    "python-object-apply": (
        lambda p: p.write_text("!!python/object/apply:os.system ['touch pwned']\n"),
        "OKR104",
    ),
    "python-name-tag": (lambda p: p.write_text("a: !!python/name:os.system ''\n"), "OKR104"),
    "several-documents": (lambda p: p.write_text("a: 1\n---\nb: 2\n---\nc: 3\n"), "OKR105"),
    "empty": (lambda p: p.write_bytes(b""), "OKR106"),
    "only-a-bom": (lambda p: p.write_bytes(codecs.BOM_UTF8), "OKR106"),
    "a-scalar": (lambda p: p.write_text("just text\n"), "OKR112"),
    "control-characters": (lambda p: p.write_bytes(b"title: \x1b[31mred\x1b[0m\n"), "OKR100"),
    "huge-integer": (
        lambda p: p.write_text(
            "apiVersion: okrctl/v1\nkind: Objective\nid: x\nweight: " + "9" * 5000 + "\n"
        ),
        "OKR203",
    ),
    "mixed-line-endings": (
        lambda p: p.write_bytes(b"apiVersion: okrctl/v1\r\nkind: Objective\rid: [\n"),
        "OKR100",
    ),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_hostile_file(repo: Path, name: str) -> None:
    write, expected = WRITERS[name]
    target = repo / "okrs" / f"{name}.yaml"
    write(target)
    code, findings, _ = check(repo)
    assert code == 1
    assert (expected, f"okrs/{name}.yaml") in codes(findings), findings
    assert not (repo / "pwned").exists()


def test_path_traversal_ids_are_not_ids(repo: Path) -> None:
    grow = repo / "okrs" / "2026-Q4" / "company" / "grow.yaml"
    evil = (
        grow.read_text()
        .replace("id: grow", "id: ../../etc/passwd")
        .replace("owner: ana", "owner: ana\nparent: ../../etc")
    )
    grow.write_text(evil)
    code, findings, _ = check(repo)
    assert code == 1
    assert [(f["code"], f["line"]) for f in findings if str(f["code"]) < "OKR4"] == [
        ("OKR204", 3),
        ("OKR204", 8),
    ]


def test_ids_colliding_by_unicode_normalisation(repo: Path) -> None:
    folder = repo / "okrs" / "2026-Q4" / "company"
    text = (folder / "grow.yaml").read_text().replace("id: grow", "id: cafe")
    composed = unicodedata.normalize("NFC", "caf\u00e9")
    decomposed = unicodedata.normalize("NFD", "caf\u00e9")
    (folder / f"{composed}.yaml").write_text(text)
    (folder / f"{decomposed}.yaml").write_text(text)
    code, findings, _ = check(repo)
    assert code == 1
    found = codes(findings, ignore="")
    assert ("OKR302", f"okrs/2026-Q4/company/{decomposed}.yaml") in found or (
        "OKR302",
        f"okrs/2026-Q4/company/{composed}.yaml",
    ) in found
    assert sum(1 for c, _ in found if c == "OKR303") == 2


def test_ids_colliding_by_case(repo: Path) -> None:
    folder = repo / "okrs" / "2026-Q4" / "company"
    (folder / "Grow.yaml").write_text(
        (folder / "grow.yaml").read_text().replace("id: grow", "id: Grow")
    )
    code, findings, _ = check(repo)
    assert code == 1
    assert ("OKR204", "okrs/2026-Q4/company/Grow.yaml") in codes(findings)


@pytest.mark.parametrize(
    "name", ["with space.yaml", "üñíçødé.yaml", "colon:comma,percent%.yaml", "new\nline.yaml"]
)
def test_awkward_file_names_are_reported_and_escaped(repo: Path, name: str) -> None:
    (repo / "okrs" / name).write_text("a: [\n")
    code, findings, _ = check(repo)
    assert code == 1
    assert codes(findings) == [("OKR100", f"okrs/{name}")]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "OKRCTL_CACHE_DIR": str(repo / ".c")}
    done = subprocess.run(
        [sys.executable, "-m", "okrctl", "check", "--format", "github"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = done.stdout.splitlines()
    planted = [line for line in lines if "company/grow.yaml" not in line]
    assert len(planted) == 2  # one annotation, one summary: no line break leaks into a new line
    assert planted[0].startswith("::error file=okrs/")
    assert ",line=2,col=1," in planted[0]


def test_symlink_loops_and_links_out_of_the_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("apiVersion: okrctl/v1\n")
    okrs = repo / "okrs"
    (okrs / "out.yaml").symlink_to(outside)
    (okrs / "self.yaml").symlink_to(okrs / "self.yaml")
    (okrs / "a").symlink_to(okrs / "b")
    (okrs / "b").symlink_to(okrs / "a")
    (okrs / "up").symlink_to(repo, target_is_directory=True)
    code, findings, _ = check(repo)
    assert code == 1
    assert sorted(codes(findings)) == [
        ("OKR109", "okrs/a"),
        ("OKR109", "okrs/b"),
        ("OKR109", "okrs/out.yaml"),
        ("OKR109", "okrs/self.yaml"),
    ]


@pytest.mark.slow
def test_one_hundred_thousand_empty_files(repo: Path) -> None:
    folder = repo / "okrs" / "empty"
    folder.mkdir()
    for i in range(100_000):
        fd = os.open(folder / f"e{i:06d}.yaml", os.O_CREAT | os.O_WRONLY, 0o644)
        os.close(fd)
    code, findings, _ = check(repo)
    assert code == 1
    empty = [f for f in findings if str(f["file"]).startswith("okrs/empty/")]
    assert len(empty) == 100_000
    assert {f["code"] for f in empty} == {"OKR106"}
    assert empty[0]["file"] == "okrs/empty/e000000.yaml"
