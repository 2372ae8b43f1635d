"""``RuleSet.read_as`` and the shared input checks: typed errors, never ``assert``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.core.validators import check_count, check_date, parse_iso_date, read_text_file
from segur_numerique.rules.model import ReadRecorder, value_as


def test_read_as_returns_the_typed_value_and_the_read() -> None:
    total, read = sn.load_rules().read_as("sun_es.envelope.total", sn.Euro)
    assert total == sn.Euro("210000000")
    assert read.key == "sun_es.envelope.total"


def test_read_as_refuses_a_value_of_another_type() -> None:
    with pytest.raises(sn.errors.RuleDataError, match=r"sun_es\.envelope\.total"):
        sn.load_rules().read_as("sun_es.envelope.total", int)


def test_value_as_and_recorder_keep_the_reads_in_order() -> None:
    recorder = ReadRecorder(sn.load_rules())
    recorder.read_as("sun_es.volet1.envelope", sn.Euro)
    recorder.read_as("sun_es.volet2.envelope", sn.Euro)
    assert [r.key for r in recorder.reads] == ["sun_es.volet1.envelope", "sun_es.volet2.envelope"]
    assert value_as(recorder.reads[0], sn.Euro) == sn.Euro("158000000")


def test_shared_checks_raise_typed_errors() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="on: expected a date"):
        check_date(dt.datetime(2022, 1, 1), "on")
    with pytest.raises(sn.errors.InvalidInputError, match="must be a non-negative whole number"):
        check_count(True, "points")
    assert parse_iso_date("2022-01-31", "on") == dt.date(2022, 1, 31)


def test_read_text_file_names_a_non_utf8_file(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("é".encode("latin-1"))
    with pytest.raises(sn.errors.InvalidInputError, match="not valid UTF-8 text"):
        read_text_file(bad)
