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
    assert line.startswith("segur-numerique: error: ")
    assert "Traceback" not in captured.err
    assert path.name in line
    assert "internal error" not in line
    assert len(line) < 3000
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line)
    line.encode("utf-8")
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
