"""Hostile and malformed files fed to every command that reads one: one line, exit 2, no traceback.

Each kind of malformed file (deep nesting, huge integers, NaN and infinity, bad encodings, byte-order
marks, duplicate keys, NUL bytes, ``/dev/zero``, empty files, escape sequences, lone surrogates) is
given to each command; every run must exit 2 with exactly one line on standard error naming the
file, with no traceback, no raw control character, and no file left behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from segur_numerique.cli import main

SIMULATION = '\nformat = "segur_numerique.simulation/v1"\n'

# name -> (suffix, content); ``None`` content means a link to /dev/zero.
MALFORMED: dict[str, tuple[str, bytes | None]] = {
    "deep_toml": (".toml", b"a = " + b"[" * 5000 + b"]" * 5000),
    "deep_inline_toml": (".toml", b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000),
    "deep_json": (".json", b"[" * 5000 + b"]" * 5000),
    "deep_object_json": (".json", b'{"a":' * 3000 + b"1" + b"}" * 3000),
    "huge_int_toml": (".toml", b"a = " + b"1" * 5000),
    "huge_int_json": (".json", b'{"a": ' + b"1" * 5000 + b"}"),
    "big_int_toml": (".toml", b"a = 9200000000000000000"),
    "nan_toml": (".toml", b"a = nan"),
    "inf_toml": (".toml", b"a = inf"),
    "infinity_json": (".json", b'{"a": Infinity}'),
    "overflow_json": (".json", b'{"a": 1e999}'),
    "latin1_toml": (".toml", b'format = "caf\xe9"\n'),
    "latin1_json": (".json", b'{"format": "caf\xe9"}'),
    "utf16_toml": (".toml", 'format = "x"\n'.encode("utf-16")),
    "bom_bad_toml": (".toml", b'\xef\xbb\xbfformat = "not-a-format"\n'),
    "duplicate_json": (".json", b'{"format": "a", "format": "b"}'),
    "duplicate_toml": (".toml", b'format = "a"\nformat = "b"\n'),
    "nul_toml": (".toml", b'format = "x"\x00\n'),
    "nul_json": (".json", b'{"format": "x\x00"}'),
    "dev_zero_toml": (".toml", None),
    "empty_toml": (".toml", b""),
    "empty_json": (".json", b""),
    "escape_toml": (".toml", b'format = "\\u001b[2J\\u001b]0;pwned\\u0007"\n'),
    "escape_json": (".json", b'{"format": "\\u001b[31mred\\u009b"}'),
    "surrogate_json": (".json", b'{"format": "\\ud800"}'),
    "not_a_table_json": (".json", b"[1, 2, 3]"),
    "long_string_json": (".json", b'{"format": "' + b"x" * 200_000 + b'"}'),
    "many_keys_json": (
        ".json",
        ("{" + ", ".join(f'"k{i}": {i}' for i in range(100_000)) + "}").encode(),
    ),
}

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "simulate": lambda p: ["simulate", p],
    "explain": lambda p: ["explain", p],
    "simulate --parameters": lambda p: ["simulate", "--sample", "--parameters", p],
    "rules --parameters": lambda p: ["rules", "--parameters", p],
    "verify": lambda p: ["verify", p],
}


def _write(folder: Path, name: str) -> Path:
    suffix, content = MALFORMED[name]
    path = folder / f"scenario_{name}{suffix}"
    if content is None:
        os.symlink("/dev/zero", path)
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_malformed_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    path = _write(tmp_path, kind)
    code = main(COMMANDS[command](str(path)))
    captured = capsys.readouterr()
    assert code == 2, captured
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err[:2000]
    line = lines[0]
    assert line.startswith("segur-numerique : erreur : ")
    assert "Traceback" not in captured.err
    assert path.name in line
    assert "internal error" not in line
    assert len(line) < 3000
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line)
    line.encode("utf-8")
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# ------------------------------------------------------------------ stay and document logs

STAYS_CSV = b"stay_id,finess,activity,admission,discharge\nS1,750000001,MCO,2022-02-01,2022-02-05\n"
DOCUMENTS_CSV = (
    b"document_id,stay_id,type,produced,sent,ins_status\n"
    b"D1,S1,discharge_letter,2022-02-05,2022-02-05,qualified\n"
)


def _parquet(csv: bytes) -> bytes:
    import io  # noqa: PLC0415

    import polars as pl  # noqa: PLC0415

    buffer = io.BytesIO()
    pl.read_csv(io.BytesIO(csv), infer_schema=False).write_parquet(buffer)
    return buffer.getvalue()


def _log_kinds(csv: bytes) -> dict[str, tuple[str, bytes | None]]:
    """Each malformed variant of a log (its first row is the one to spoil)."""
    header, row = csv.split(b"\n")[:2]
    parquet = _parquet(csv)
    middle = len(parquet) // 2
    return {
        "latin1_csv": (".csv", csv.replace(b"S1", b"S\xe9")),
        "windows1252_csv": (".csv", csv.replace(b"S1", b"S\x92")),
        "utf16_csv": (".csv", csv.decode().encode("utf-16")),
        "cut_utf8_csv": (".csv", csv + b"S2\xc3"),
        "nul_csv": (".csv", csv.replace(b"S1", b"S\x001")),
        "empty_csv": (".csv", b""),
        "blank_csv": (".csv", b"\n\n"),
        "duplicate_header_csv": (".csv", header + b",stay_id\n" + row + b",S9\n"),
        "semicolon_csv": (".csv", csv.replace(b",", b";")),
        "tab_csv": (".csv", csv.replace(b",", b"\t")),
        "ragged_csv": (".csv", csv + row.replace(b"1,", b"2,", 1) + b",extra,more\n"),
        "escape_header_csv": (".csv", b"stay\x1b[2J_id," + csv.split(b",", 1)[1]),
        "dev_zero_csv": (".csv", None),
        "empty_parquet": (".parquet", b""),
        "truncated_parquet": (".parquet", parquet[:middle]),
        "headless_parquet": (".parquet", parquet[middle:]),
        "csv_as_parquet": (".parquet", csv),
        "corrupt_parquet": (".parquet", parquet[:4] + b"\xff" * (len(parquet) - 12) + parquet[-8:]),
        "dev_zero_parquet": (".parquet", None),
    }


LOG_KINDS = sorted(_log_kinds(STAYS_CSV))
READ_SINCE_ISSUE_12 = frozenset({"latin1_csv", "windows1252_csv", "cut_utf8_csv", "semicolon_csv"})
"""Read since issue 12 (Windows-1252 detected, ``;`` separators): computed, or bad rows listed."""


def _read_or_rows_listed(code: int, captured: Any, name: str) -> None:
    """Exit 0, or exit 2 with the bad rows listed one a line, each printable."""
    assert "Traceback" not in captured.err
    if code == 0:
        assert captured.err == ""
        return
    assert code == 2, captured
    lines = captured.err.splitlines()
    assert lines[0].startswith("segur-numerique : erreur : ")
    assert "invalid value" in lines[0] or "invalide" in lines[0]
    assert all(line.startswith("  ") for line in lines[1:])
    assert name in captured.err or "documents.csv" in captured.err or "stays.csv" in captured.err
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for line in lines for c in line)


@pytest.mark.parametrize("table", ["stays", "documents"])
@pytest.mark.parametrize("kind", LOG_KINDS)
def test_malformed_log_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, table: str
) -> None:
    good = {"stays": STAYS_CSV, "documents": DOCUMENTS_CSV}
    suffix, content = _log_kinds(good[table])[kind]
    path = tmp_path / f"{table}_{kind}{suffix}"
    if content is None:
        os.symlink("/dev/zero", path)
    else:
        path.write_bytes(content)
    other = "documents" if table == "stays" else "stays"
    other_path = tmp_path / f"{other}.csv"
    other_path.write_bytes(good[other])
    argv = ["indicators", "--illustrative", f"--{table}", str(path), f"--{other}", str(other_path)]
    code = main(argv)
    captured = capsys.readouterr()
    if kind in READ_SINCE_ISSUE_12:
        _read_or_rows_listed(code, captured, path.name)
        return
    assert code == 2, captured
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err[:2000]
    line = lines[0]
    assert line.startswith("segur-numerique : erreur : ")
    assert "Traceback" not in captured.err
    assert "internal error" not in line
    assert path.name in line
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line)
    assert captured.out == ""
