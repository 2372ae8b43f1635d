"""Issue 11 for stay and document log files: each malformed CSV or Parquet is a typed error.

Every error is an :class:`UnreadableLogError` (a ``LogError``, a ``ValueError``) naming the table,
the file and, where it applies, the byte, line and column; none is a raw engine exception.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

import segur_numerique as sn
from segur_numerique.sun_es.logs import csv_files, files

PARAMS = sn.sun_es.LogParameters.from_rules(sn.illustrative_assumptions(), "F1")
STAYS = "stay_id,finess,activity,admission,discharge\nS1,750000001,MCO,2022-02-01,2022-02-05\n"
DOCUMENTS = (
    "document_id,stay_id,type,produced,sent,ins_status\n"
    "D1,S1,discharge_letter,2022-02-05,2022-02-05,qualified\n"
)


def _refused(tmp_path: Path, content: bytes, name: str = "stays.csv") -> str:
    stays = tmp_path / name
    stays.write_bytes(content)
    documents = tmp_path / "documents.csv"
    documents.write_text(DOCUMENTS, encoding="utf-8")
    with pytest.raises(sn.errors.UnreadableLogError) as info:
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS)
    assert isinstance(info.value, sn.errors.LogError)
    message = str(info.value)
    assert str(stays) in message
    return message


def test_latin1_csv_declared_utf8_names_the_byte_and_what_is_accepted(tmp_path: Path) -> None:
    stays, documents = tmp_path / "stays.csv", tmp_path / "documents.csv"
    stays.write_bytes(STAYS.replace("MCO", "MCé").encode("latin-1"))
    documents.write_text(DOCUMENTS, encoding="utf-8")
    with pytest.raises(sn.errors.UnreadableLogError) as info:
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS, encoding="utf-8")
    message = str(info.value)
    assert "byte 59, line 2, column 16: not valid UTF-8 text (byte 0xe9)" in message
    assert "Latin-1 or Windows-1252? give its encoding" in message


def test_empty_csv_is_refused(tmp_path: Path) -> None:
    assert "empty file" in _refused(tmp_path, b"")


def test_nul_byte_in_csv_is_refused_with_its_position(tmp_path: Path) -> None:
    message = _refused(tmp_path, STAYS.replace("MCO", "M\x00O").encode())
    assert "byte 58, line 2, column 15: a NUL byte" in message


def test_duplicate_header_names_both_columns(tmp_path: Path) -> None:
    header, row = STAYS.splitlines()
    message = _refused(tmp_path, f"{header},stay_id\n{row},S9\n".encode())
    assert "line 1, column 6: duplicate column 'stay_id' (also column 1)" in message


@pytest.mark.parametrize(("separator", "name"), [("\t", "tabs"), ("|", "vertical bars")])
def test_other_separator_is_named(tmp_path: Path, separator: str, name: str) -> None:
    message = _refused(tmp_path, STAYS.replace(",", separator).encode())
    assert f"line 1: the header is separated by {name}" in message
    assert "separated by commas or semicolons" in message
    assert "missing column" not in message


def _parquet(text: str) -> bytes:
    buffer = io.BytesIO()
    pl.read_csv(io.StringIO(text), infer_schema=False).write_parquet(buffer)
    return buffer.getvalue()


def test_truncated_and_empty_parquet_are_refused(tmp_path: Path) -> None:
    data = _parquet(STAYS)
    message = _refused(tmp_path, data[: len(data) // 2], "stays.parquet")
    assert "truncated" in message
    assert "empty file" in _refused(tmp_path, b"", "stays.parquet")


def test_corrupt_parquet_is_refused_from_the_engine_error(tmp_path: Path) -> None:
    data = _parquet(STAYS)
    stays = tmp_path / "stays.parquet"
    stays.write_bytes(data[:4] + b"\xff" * (len(data) - 12) + data[-8:])
    with pytest.raises(sn.errors.UnreadableLogError, match=r"stays\.parquet: cannot read") as info:
        sn.sun_es.indicators_from_logs(stays, tmp_path / "x.csv", PARAMS)
    assert info.value.__cause__ is not None


def test_a_good_parquet_and_a_bom_csv_are_read(tmp_path: Path) -> None:
    stays, documents = tmp_path / "stays.parquet", tmp_path / "documents.csv"
    stays.write_bytes(_parquet(STAYS.replace("S1", "007")))
    documents.write_bytes(b"\xef\xbb\xbf" + DOCUMENTS.replace("S1", "007").encode())
    result = sn.sun_es.indicators_from_logs(stays, documents, PARAMS, exclusions=False)
    assert result.establishments[0].finess == "750000001"


def test_a_panic_of_the_engine_is_a_typed_error() -> None:
    panic = pytest.importorskip("polars.exceptions").PanicException
    with (
        pytest.raises(
            sn.errors.UnreadableLogError, match=r"stays: s\.parquet: cannot read"
        ) as info,
        files.engine_errors("stays: s.parquet"),
    ):
        raise panic("assertion failed: range.end <= self.size")
    assert isinstance(info.value.__cause__, panic)


def test_a_bug_is_not_disguised_as_bad_data() -> None:
    with pytest.raises(AttributeError), files.engine_errors("stays"):
        raise AttributeError("a bug")


def test_the_size_limit_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_files, "MAX_LOG_BYTES", 40)
    assert "larger than 40 bytes" in _refused(tmp_path, STAYS.encode())


def test_a_missing_column_names_the_file(tmp_path: Path) -> None:
    stays = tmp_path / "stays.csv"
    stays.write_text(STAYS.replace("finess", "finesse"), encoding="utf-8")
    with pytest.raises(sn.errors.MissingColumnError, match=r"stays\.csv: column finess"):
        sn.sun_es.indicators_from_logs(stays, tmp_path / "documents.csv", PARAMS)


def test_a_bad_row_names_the_file(tmp_path: Path) -> None:
    stays, documents = tmp_path / "stays.csv", tmp_path / "documents.csv"
    stays.write_text(STAYS + STAYS.splitlines()[1] + "\n", encoding="utf-8")
    documents.write_text(DOCUMENTS, encoding="utf-8")
    with pytest.raises(
        sn.errors.DuplicateIdError, match=r"stays\.csv: row 2, stay_id 'S1', column stay_id"
    ):
        sn.sun_es.indicators_from_logs(stays, documents, PARAMS)
