"""The shared ``--on`` date type of the command line (``_cli.iso_date``)."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from segur_numerique.cli import iso_date, main


def test_iso_date_reads_a_calendar_date() -> None:
    assert iso_date("2021-09-01") == dt.date(2021, 9, 1)


@pytest.mark.parametrize("text", ["20210901", "2021-02-30", "2021-9-1", "soon", "2021-09-01T00:00"])
def test_iso_date_refuses_anything_else(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        iso_date(text)


@pytest.mark.parametrize("command", ["rules", "calendar"])
def test_both_commands_share_it(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--on", "20210901"])
    assert exit_.value.code == 2
    assert "pas une date (AAAA-MM-JJ) : '20210901'" in capsys.readouterr().err
