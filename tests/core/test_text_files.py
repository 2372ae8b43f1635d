"""Large text files streamed through the rules of the input boundary (chunk boundaries too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from segur_numerique.core.text_files import check_text_file
from segur_numerique.errors import InputFileError

CHUNK = 1 << 20


def _check(path: Path, data: bytes, max_bytes: int = 1 << 30) -> str:
    path.write_bytes(data)
    return check_text_file(path, what="log", max_bytes=max_bytes, hint="; HINT")


def test_first_line_without_bom_and_crlf(tmp_path: Path) -> None:
    assert _check(tmp_path / "a.csv", b"\xef\xbb\xbfa,b\r\n1,2\r\n") == "a,b"
    assert _check(tmp_path / "a.csv", b"") == ""


def test_a_character_cut_by_a_chunk_boundary_is_valid(tmp_path: Path) -> None:
    data = b"h\n" + b"a" * (CHUNK - 3) + "é".encode() + b"\n"
    assert _check(tmp_path / "a.csv", data) == "h"


def test_a_bad_byte_after_the_first_chunk_has_its_absolute_position(tmp_path: Path) -> None:
    data = b"h,e\n" + b"ab,c\n" * 300_000 + b"x\xe9y\n"
    with pytest.raises(InputFileError) as info:
        _check(tmp_path / "a.csv", data)
    assert info.value.where == "byte 1500005, line 300002, column 2"
    assert str(info.value).endswith("(byte 0xe9); HINT")


def test_a_nul_byte_on_a_long_line_spanning_chunks(tmp_path: Path) -> None:
    data = b"h\n" + b"a" * (CHUNK + 10) + b"\x00"
    with pytest.raises(InputFileError, match="a NUL byte") as info:
        _check(tmp_path / "a.csv", data)
    assert info.value.where == f"byte {CHUNK + 12}, line 2, column {CHUNK + 11}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("h\n".encode("utf-16"), "UTF-16 text"),
        (b"h\n\xc3", "ends inside a character"),
        (b"h" * 100, "larger than 50 bytes"),
    ],
)
def test_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        _check(tmp_path / "a.csv", data, max_bytes=50)


def test_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not a regular file"):
        check_text_file(Path("/dev/zero"), what="log", max_bytes=10)
    with pytest.raises(InputFileError, match="not a regular file"):
        check_text_file(tmp_path, what="log", max_bytes=10)
