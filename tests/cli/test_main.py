"""The bare command prints its help; ``--version`` prints the version."""

from __future__ import annotations

import pytest

import segur_numerique as sn
from segur_numerique.cli import main


def test_bare_command_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : segur-numerique")
    for command in ("simulate", "explain", "rules", "calendar", "indicators", "verify"):
        assert command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"segur-numerique {sn.__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "simulate", "--sample"],
        ["simulate", "--sample", "--lang", "en"],
    ],
)
def test_lang_before_or_after_the_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("SUN-ES volet 1 simulation")


def test_french_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--sample"]) == 0
    assert capsys.readouterr().out.startswith("Simulation SUN-ES volet 1")
