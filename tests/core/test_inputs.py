"""The input boundary: size, encoding, nesting, numbers, duplicates, controls; atomic outputs."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from segur_numerique.core.inputs import (
    MAX_DEPTH,
    exact_number,
    parse_json,
    parse_toml,
    read_document,
    read_text,
)
from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import capped, printable
from segur_numerique.errors import InputFileError, InvalidInputError, OutputFileError


def test_dev_zero_is_refused_after_max_bytes_plus_one() -> None:
    with pytest.raises(InputFileError, match="larger than 1000 bytes") as found:
        read_text("/dev/zero", what="parameter file", max_bytes=1000)
    assert found.value.file == "/dev/zero"


def test_utf8_bom_is_stripped_and_utf16_refused(tmp_path: Path) -> None:
    file = tmp_path / "p.toml"
    file.write_bytes(b'\xef\xbb\xbfformat = "x"\n')
    assert parse_toml(read_text(file, what="f"), where=str(file)) == {"format": "x"}
    file.write_bytes('format = "x"'.encode("utf-16"))
    with pytest.raises(InputFileError, match="UTF-16 text"):
        read_text(file, what="f")


def test_latin1_names_file_and_byte_offset(tmp_path: Path) -> None:
    file = tmp_path / "latin.toml"
    file.write_bytes(b'a = 1\nname = "Caf\xe9"\n')
    with pytest.raises(InputFileError) as found:
        read_text(file, what="parameter file")
    assert found.value.file == str(file)
    assert found.value.where == "byte 17, line 2, column 12"
    assert "Latin-1" in str(found.value)


def test_declared_encoding_is_used() -> None:
    assert read_text(b"Caf\xe9", what="f", encoding="latin-1") == "Café"


def test_nul_byte_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="NUL byte"):
        read_text(b"a\x00b", what="f")
    with pytest.raises(InputFileError, match="cannot read the file"):
        read_text(tmp_path / "absent.toml", what="f")
    with pytest.raises(InputFileError, match="cannot read the file"):
        read_text(tmp_path, what="f")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 5000 + "]" * 5000, "nested deeper"),
        ("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2), "nested deeper"),
        ("1" * 5000, "5000 digits"),
        ('{"a": 9200000000000000000}', "digits"),
        ("[NaN]", "NaN and infinity"),
        ('{"a": Infinity}', "NaN and infinity"),
        ("[1e999]", "NaN and infinity"),
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ('"\\ud800"', "lone surrogate"),
        ('"' + "x" * 100_001 + '"', "100001 characters"),
        ('{"a": }', "line 1, column 7"),
        ("", "line 1, column 1"),
    ],
)
def test_json_is_refused_with_a_typed_error(text: str, message: str) -> None:
    with pytest.raises(InputFileError, match=message) as found:
        parse_json(text, where="x.json")
    assert found.value.file == "x.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "nested deeper"),
        ("a = " + "1" * 5000, "number too long"),
        ("a = 9200000000000000000", "digits"),
        ("a = inf", "NaN and infinity"),
        ("a = nan", "NaN and infinity"),
        ("a = 1\na = 2\nb = 3", "Cannot overwrite"),
        ("a = 1\nb = \n", "line 2"),
    ],
)
def test_toml_is_refused_with_a_typed_error(text: str, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        parse_toml(text, where="x.toml")


def test_a_bom_in_toml_text_is_not_an_invalid_statement() -> None:
    assert parse_toml('\ufeffa = "x"', where="x.toml") == {"a": "x"}


def test_read_document_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"a": [1, 2]}', encoding="utf-8")
    assert read_document(tmp_path / "a.json", what="f") == {"a": [1, 2]}
    with pytest.raises(InputFileError, match=r"ends in \.toml or \.json"):
        read_document(tmp_path / "a.yaml", what="f")


@pytest.mark.parametrize("text", ["Infinity", "inf", "NaN", "-Infinity", "1e999999999", "x"])
def test_exact_number_refuses_non_finite_and_absurd(text: str) -> None:
    with pytest.raises(InvalidInputError):
        exact_number(text)


def test_printable_escapes_controls_and_surrogates() -> None:
    assert printable("a\x1b[2Jb\x9bc\u202ed\ud800") == "a\\x1b[2Jb\\x9bc\\u202ed\\ud800"
    assert printable("é€ ok") == "é€ ok"
    printable("\ud800").encode("utf-8")  # never a UnicodeEncodeError


def test_capped_lists_say_how_many_more() -> None:
    assert capped([str(i) for i in range(100_000)]).endswith("and 99980 more (100000 in all)")


def test_atomic_write_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    write_atomically(target, "one")
    with pytest.raises(OutputFileError, match="--force"):
        write_atomically(target, "two")
    write_atomically(target, "two", force=True)
    assert target.read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_a_full_disk_keeps_the_old_file_and_names_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ics"
    target.write_text("the good calendar", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputFileError) as found:
        write_atomically(target, "a new calendar", force=True)
    assert str(found.value) == f"{target}: cannot write the file: No space left on device"
    assert target.read_text(encoding="utf-8") == "the good calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputFileError, match="No such file"):
        write_atomically(tmp_path / "absent" / "out.ics", "x")
