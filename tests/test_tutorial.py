"""The tutorial's shell sessions show what the commands print.

Each ``console`` block of ``docs/tutorial/first-simulation.md`` whose ``$ segur-numerique ...``
command is followed by output lines is run (in-process, through the CLI entry point, in a
folder holding the tutorial's ``my-hospital.toml``) and its output compared with the block as
doctest does (``...`` matches anything, whitespace is normalised).
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from segur_numerique.cli import main

PAGE = Path(__file__).resolve().parent.parent / "docs" / "tutorial" / "first-simulation.md"
TEXT = PAGE.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n(.*?)```", TEXT, flags=re.DOTALL)
SESSIONS = [
    (lines[0].removeprefix("$ "), "\n".join(lines[1:]) + "\n")
    for lines in (block.rstrip("\n").split("\n") for block in BLOCKS)
    if lines[0].startswith("$ segur-numerique ") and len(lines) > 1
]


def test_the_tutorial_has_checked_sessions() -> None:
    assert len(SESSIONS) >= 3
    assert "from segur_numerique" not in TEXT.replace("import segur_numerique as sn", "")


@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_session_output(
    command: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    toml = re.search(r"Write a file `my-hospital.toml`.*?```toml\n(.*?)```", TEXT, flags=re.DOTALL)
    assert toml is not None
    (tmp_path / "my-hospital.toml").write_text(toml.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    code = main(args)
    assert code == (2 if "error:" in expected else 0)  # the exit codes the tutorial states
    captured = capsys.readouterr()
    got = captured.out + captured.err
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    assert checker.check_output(expected, got, flags), checker.output_difference(
        doctest.Example(command, expected), got, flags
    )
