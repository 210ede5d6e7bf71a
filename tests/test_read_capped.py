"""Reading a file's bytes up to the size cap (`okrctl.load.read_capped`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrctl.load import read_capped


@pytest.mark.parametrize(
    ("size", "cap", "read"), [(0, 8, 0), (5, 8, 5), (8, 8, 8), (9, 8, 9), (4096, 8, 9)]
)
def test_at_most_one_byte_past_the_cap(tmp_path: Path, size: int, cap: int, read: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes((b"a\r\n\x1a\x00" * size)[:size])  # bytes as they are: no newline translation
    data = read_capped(str(path), cap)
    assert data == path.read_bytes()[:read] and len(data) == read


def test_a_folder_or_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError) as folder:
        read_capped(str(tmp_path), 8)
    with pytest.raises(FileNotFoundError):
        read_capped(str(tmp_path / "missing.yaml"), 8)
    assert folder.value.errno is not None
