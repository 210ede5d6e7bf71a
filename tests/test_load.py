"""The loader: encodings, size cap, symlinks, scalar resolution and positions."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
import yaml

from okrctl import engine
from okrctl.load import (
    MAX_BYTES,
    MAX_DEPTH,
    SourceFile,
    discover,
    load_bytes,
    load_file,
    parse_text,
    resolve_plain,
)

VALID = b"apiVersion: okrctl/v1\nkind: Objective\nid: x\n"


def codes(parsed: object) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in parsed.diagnostics]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("y", "y"),
        ("1.10", 1.1),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("-3.5e2", -350.0),
        ("2026-10-01", dt.date(2026, 10, 1)),
        ("2026-02-30", "2026-02-30"),
        ("2026-Q4", "2026-Q4"),
        ("1:30", "1:30"),
        ("1" * 5000, "1" * 5000),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is type(expected)


def test_source_text_is_kept_for_non_strings() -> None:
    parsed = parse_text("version: 1.10\ntitle: no\ncount: 3\n", "f.yaml")
    assert parsed.data == {"version": 1.1, "title": "no", "count": 3}
    assert parsed.source.source_text(("version",)) == "1.10"
    assert parsed.source.source_text(("title",)) is None


def test_positions_of_keys_and_values() -> None:
    parsed = parse_text("a:\n  b: [1, {c: x}]\n", "f.yaml")
    assert parsed.source.locate(("a", "b", 1, "c")) == (2, 14)
    assert parsed.source.locate(("a", "b", 1, "c"), at="key") == (2, 11)
    assert parsed.source.locate(("a", "b")) == (2, 6)
    assert parsed.source.locate(("a", "b"), at="key") == (2, 3)
    # a missing field is placed at the key of the nearest mapping that exists
    assert parsed.source.locate(("a", "missing")) == (1, 1)


def test_crlf_and_mixed_line_endings_keep_lines() -> None:
    parsed = load_bytes(b"a: 1\r\nb: 2\nc: [\r\n", "f.yaml")
    assert codes(parsed)[0][0] == "OKR100"
    assert codes(parsed)[0][1] == 4
    ok = load_bytes(b"a: 1\r\nb: x\nc: 3\r\n", "f.yaml")
    assert ok.source.locate(("c",)) == (3, 4)


def test_columns_count_characters_not_bytes() -> None:
    parsed = load_bytes("t: \u00e9\u00e9\u00e9\nu: [\u00e9, 1 2 ]]\n".encode(), "f.yaml")
    assert codes(parsed) == [("OKR100", 2, 13)]


def test_utf8_bom_is_fine() -> None:
    parsed = load_bytes(codecs.BOM_UTF8 + VALID, "f.yaml")
    assert parsed.diagnostics == []
    assert parsed.data == {"apiVersion": "okrctl/v1", "kind": "Objective", "id": "x"}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused(codec: str) -> None:
    data = VALID.decode().encode(codec)
    parsed = load_bytes(data, "f.yaml")
    assert parsed.data is None
    assert [c for c, _, _ in codes(parsed)] in (["OKR107"], ["OKR110"])


def test_invalid_utf8_points_at_the_byte() -> None:
    parsed = load_bytes(b"a: 1\nbb: caf\xe9\n", "f.yaml")
    assert codes(parsed) == [("OKR107", 2, 8)]
    assert "0xe9" in parsed.diagnostics[0].message


def test_nul_byte() -> None:
    parsed = load_bytes(b"a: 1\nb: x\x00y\n", "f.yaml")
    assert codes(parsed) == [("OKR110", 2, 5)]


def test_control_characters_are_a_syntax_error() -> None:
    parsed = load_bytes(b"a: x\x07y\n", "f.yaml")
    assert [c for c, _, _ in codes(parsed)] == ["OKR100"]


def test_file_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"a: '")
        handle.truncate(50 * 1024 * 1024)
    parsed = load_file(SourceFile(big, "big.yaml"))
    assert codes(parsed) == [("OKR108", 1, 1)]


def test_one_long_line_over_the_cap(tmp_path: Path) -> None:
    long = tmp_path / "long.yaml"
    long.write_bytes(b"title: " + b"x" * (MAX_BYTES + 10) + b"\n")
    assert codes(load_file(SourceFile(long, "long.yaml"))) == [("OKR108", 1, 1)]


@pytest.mark.posix  # symbolic links
def test_symlinks_out_of_the_repository_loops_and_dangling(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    okrs = repo / "okrs"
    okrs.mkdir(parents=True)
    outside = tmp_path / "secret.yaml"
    outside.write_bytes(VALID)
    (okrs / "out.yaml").symlink_to(outside)
    (okrs / "loop.yaml").symlink_to(okrs / "loop.yaml")
    (okrs / "gone.yaml").symlink_to(okrs / "missing.yaml")
    (okrs / "dirloop").symlink_to(okrs, target_is_directory=True)
    (okrs / "outdir").symlink_to(tmp_path, target_is_directory=True)
    inside = okrs / "real.yaml"
    inside.write_bytes(VALID)
    (okrs / "alias.yaml").symlink_to(inside)
    found, problems = discover(repo, [okrs])
    assert [f.rel for f in found] == ["okrs/alias.yaml", "okrs/real.yaml"]
    assert sorted((d.file, d.code) for d in problems) == [
        ("okrs/gone.yaml", "OKR109"),
        ("okrs/loop.yaml", "OKR109"),
        ("okrs/out.yaml", "OKR109"),
        ("okrs/outdir", "OKR109"),
    ]
    messages = {d.file: d.message for d in problems}
    assert "outside the repository" in messages["okrs/out.yaml"]
    assert "loop" in messages["okrs/loop.yaml"]
    assert "does not exist" in messages["okrs/gone.yaml"]


def test_hidden_folders_are_skipped_and_other_files_are_findings(tmp_path: Path) -> None:
    (tmp_path / "okrs" / ".cache").mkdir(parents=True)
    (tmp_path / "okrs" / ".cache" / "x.yaml").write_bytes(VALID)
    (tmp_path / "okrs" / ".gitkeep").write_text("")
    (tmp_path / "okrs" / "README.md").write_text("hello")
    (tmp_path / "okrs" / "sales").mkdir()
    (tmp_path / "okrs" / "sales" / "leads.py").write_text("print(1)")
    (tmp_path / "okrs" / "a.yml").write_bytes(VALID)
    found, problems = discover(tmp_path, [tmp_path / "okrs"])
    assert [f.rel for f in found] == ["okrs/a.yml"]
    assert [(d.file, d.code) for d in problems] == [
        ("okrs/README.md", "OKR115"),
        ("okrs/sales/leads.py", "OKR115"),
    ]


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    parsed = load_file(SourceFile(folder, "folder.yaml"))
    assert codes(parsed) == [("OKR109", 1, 1)]
    assert parsed.diagnostics[0].message.startswith("cannot read the file")


def test_checking_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "a.yaml").write_bytes(b"\xff\xfe")
    (tmp_path / "okrs" / "b.yaml").write_bytes(b"a: [")
    (tmp_path / "okrs" / "c.yaml").write_bytes(b"kind: Nope\napiVersion: okrctl/v1\n")
    result = engine.check_repository(tmp_path, [tmp_path / "okrs"])
    assert [(d.file, d.code) for d in result.diagnostics] == [
        ("okrs/a.yaml", "OKR107"),
        ("okrs/b.yaml", "OKR100"),
        ("okrs/c.yaml", "OKR200"),
    ]


SCANNER_CAPS_NESTING = tuple(int(p) for p in yaml.__version__.split(".")[:3]) >= (6, 0, 4)


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 10_000 + "]" * 10_000, "a: " + "[" * 10_000, "a: " + "{a: " * 10_000],
)
def test_nesting_past_the_scanners_limit_is_okr111(text: str) -> None:
    """PyYAML 6.0.4 and later refuse deep nesting in libyaml's scanner, before the events reach
    okrctl's own limit: that is OKR111 too, at the place the scanner stopped."""
    found = codes(parse_text(text, "deep.yaml"))
    assert [code for code, _, _ in found] == ["OKR111"]
    if SCANNER_CAPS_NESTING:
        assert found[0][1] == 1
        assert found[0][2] > 3 + MAX_DEPTH


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # Past okrctl's limit but far under the scanner's: okrctl's own check refuses it at the
        # opener of the first level too many.
        ("a: " + "[" * 40 + "]" * 40, (1, 4 + MAX_DEPTH - 1)),
        (
            "".join("  " * i + "a:\n" for i in range(40)) + "  " * 40 + "b: 1\n",
            (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
        ),
    ],
)
def test_nesting_past_okrctls_own_limit_is_okr111(text: str, position: tuple[int, int]) -> None:
    found = codes(parse_text(text, "deep.yaml"))
    assert found == [("OKR111", *position)]
