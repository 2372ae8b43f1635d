"""The examples of issue 11 (hostile input): each is now a typed one-line error, or is accepted."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from segur_numerique.cli import emit, main
from segur_numerique.sun_es.cases import sample_path

PARAMETERS = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Guide des indicateurs"
date = 2022-05-20
[values."sun_es.target.F1.discharge_letter"]
label = { fr = "Cible", en = "Target" }
unit = "ratio"
[[values."sun_es.target.F1.discharge_letter".versions]]
since = 2021-09-01
value = "VALUE"
status = "confirmed"
sources = ["mine"]
"""


def _sample(**replace: str) -> str:
    text = sample_path().read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _one_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_bom_is_not_an_invalid_statement(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PARAMETERS.replace("VALUE", "60 %").encode())
    assert main(["rules", "--parameters", str(path), "--key", "sun_es.target"]) == 0


@pytest.mark.parametrize("value", ["inf", "Infinity", "-inf", "NaN", "1e999999999"])
def test_infinity_in_a_target_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(PARAMETERS.replace("VALUE", value), encoding="utf-8")
    line = _one_error(capsys, ["rules", "--parameters", str(path)])
    assert "p.toml" in line


def test_unknown_key_in_a_parameter_file_names_the_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        PARAMETERS.replace("VALUE", "60 %").replace('unit = "ratio"', 'unit = "ratio"\nunits = 1'),
        encoding="utf-8",
    )
    line = _one_error(capsys, ["rules", "--parameters", str(path)])
    assert "unknown key 'units' (did you mean 'unit'?)" in line


def test_a_grid_band_beyond_the_band_count_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        PARAMETERS.replace("VALUE", "0")
        .replace("sun_es.target.F1.discharge_letter", "sun_es.forfait_grid.band.9.activity_from")
        .replace('"0"', "0")
        .replace('unit = "ratio"', 'unit = "count"'),
        encoding="utf-8",
    )
    line = _one_error(capsys, ["simulate", "--sample", "--parameters", str(path)])
    assert "band_count is 3" in line
    assert "band.9.activity_from" in line


def test_an_activity_of_9_2e18_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(_sample(**{"activity_2019 = 25000": "activity_2019 = 9200000000000000000"}))
    line = _one_error(capsys, ["simulate", str(path)])
    assert "activity_2019" in line


def test_a_date_in_basic_format_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(_sample(**{'window = "F2"': 'window = "F2"\non = "20220301"'}))
    line = _one_error(capsys, ["simulate", str(path)])
    assert "expected a date (YYYY-MM-DD), got '20220301'" in line


def test_a_day_before_any_version_says_when_the_first_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(_sample(**{'window = "F2"': 'window = "F2"\non = "1999-01-01"'}))
    line = _one_error(capsys, ["simulate", str(path)])
    assert "no version known on 1999-01-01; the first is since " in line
    assert "supply it" not in line


def test_an_escape_sequence_in_a_name_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(_sample(**{'name = "Centre': 'name = "\\u001b[2J\\u009bCentre'}))
    assert main(["simulate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x9b" not in out
    assert "\\x1b[2J\\x9bCentre" in out


def test_a_lone_surrogate_is_printed_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    emit("name: a\ud800b")
    assert capsys.readouterr().out == "name: a\\ud800b\n"


def test_an_unknown_alternative_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = _one_error(capsys, ["calendar", "--alternative", "idff"])
    assert "unknown alternative 'idff'; did you mean idf?" in line


def test_a_saved_explanation_with_a_zero_denominator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "--sample", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    text, count = re.subn(
        r'("type": "fraction", "value": ")[^"]*"', r'\g<1>3/0"', json.dumps(document), count=1
    )
    assert count == 1
    path = tmp_path / "saved.json"
    path.write_text(text)
    line = _one_error(capsys, ["explain", str(path)])
    assert "saved.json" in line
    assert "zero denominator" in line


def test_a_saved_explanation_with_a_wrong_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "--sample", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    document["root"]["inputs"] = 5
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(document))
    line = _one_error(capsys, ["explain", str(path)])
    assert "saved.json: root.inputs: inputs must be a list, got int" in line


def test_ics_is_not_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cal.ics"
    path.write_text("mine", encoding="utf-8")
    line = _one_error(capsys, ["calendar", "--ics", str(path)])
    assert "cal.ics: the file exists; use --force" in line
    assert path.read_text(encoding="utf-8") == "mine"
    assert main(["calendar", "--ics", str(path), "--force"]) == 0
    assert path.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_ics_on_a_full_disk_keeps_the_good_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cal.ics"
    assert main(["calendar", "--ics", str(path)]) == 0
    good = path.read_bytes()
    capsys.readouterr()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    line = _one_error(capsys, ["calendar", "--ics", str(path), "--force"])
    assert line == (
        f"segur-numerique : erreur : {path}: cannot write the file: No space left on device"
    )
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics"]


def test_json_on_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "segur_numerique.cli", "simulate", "--sample", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ},
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "segur-numerique : erreur : <standard output>: cannot write: No space left on device"
    ]


def test_an_unexpected_exception_is_one_line_and_debug_shows_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import segur_numerique.cli.rules as rules_cli  # noqa: PLC0415

    def boom(_args: object) -> int:
        raise RuntimeError("boom\x1b[2J")

    monkeypatch.setattr(rules_cli, "run", boom)
    line = _one_error(capsys, ["rules"])
    assert line == (
        "segur-numerique : erreur : erreur interne (RuntimeError : boom\\x1b[2J) ; merci de la "
        "signaler (--debug affiche la pile d'appels)"
    )
    assert main(["--debug", "rules"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_a_long_message_is_capped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import segur_numerique.cli.rules as rules_cli  # noqa: PLC0415
    from segur_numerique.errors import InvalidInputError  # noqa: PLC0415

    def long(_args: object) -> int:
        raise InvalidInputError("x" * 789_000)

    monkeypatch.setattr(rules_cli, "run", long)
    line = _one_error(capsys, ["rules"])
    assert len(line) < 2100
    assert line.endswith("(787\u202f000 caractères de plus)")


def test_a_label_that_is_not_a_table_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        PARAMETERS.replace("VALUE", "60 %").replace('{ fr = "Cible", en = "Target" }', '"x"'),
        encoding="utf-8",
    )
    line = _one_error(capsys, ["rules", "--parameters", str(path)])
    assert '.label: expected a table (e.g. { fr = "...", en = "..." })' in line


def test_a_json_parameter_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    path.write_text("{}", encoding="utf-8")
    line = _one_error(capsys, ["rules", "--parameters", str(path)])
    assert line.endswith("p.json: a parameter file is TOML (.toml), not JSON")


def test_json_output_stays_valid_with_controls_in_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(_sample(**{'name = "Centre': 'name = "\\u001b[2J\\u009b\\u202eCentre'}))
    assert main(["simulate", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x9b\u202e")
    document = json.loads(out)
    assert document["case"]["name"].startswith("\x1b[2J\x9b\u202eCentre")


LOG_STAYS = "stay_id,finess,activity,admission,discharge\nS1,750000001,MCO,2022-02-01,2022-02-05\n"
LOG_DOCUMENTS = (
    "document_id,stay_id,type,produced,sent,ins_status\n"
    "D1,S1,discharge_letter,2022-02-05,2022-02-05,qualified\n"
)


def _truncated_parquet() -> bytes:
    import io  # noqa: PLC0415

    import polars as pl  # noqa: PLC0415

    buffer = io.BytesIO()
    pl.read_csv(io.StringIO(LOG_STAYS)).write_parquet(buffer)
    return buffer.getvalue()[:500]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (  # since issue 12 Latin-1 and ';' are read (tests/sun_es/test_log_vendor_exports.py)
            "utf16.csv",
            LOG_STAYS.encode("utf-16"),
            "UTF-16 text (byte-order mark)",
        ),
        ("empty.csv", b"", "line 1: empty file"),
        ("nul.csv", LOG_STAYS.replace("MCO", "M\x00O").encode(), "byte 58, line 2, column 15"),
        (
            "duplicate.csv",
            LOG_STAYS.replace("discharge\n", "discharge,stay_id\n").encode(),
            "line 1, column 6: duplicate column 'stay_id' (also column 1)",
        ),
        (
            "tab.csv",
            LOG_STAYS.replace(",", "\t").encode(),
            "line 1: the header is separated by tabs ('\\t'); a log CSV is UTF-8",
        ),
        ("truncated.parquet", None, "not a Parquet file, or a truncated one"),
        ("empty.parquet", b"", "empty file: not a Parquet file"),
    ],
)
def test_a_malformed_log_file_is_named_with_the_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    expected: str,
) -> None:
    stays, documents = tmp_path / name, tmp_path / "documents.csv"
    stays.write_bytes(_truncated_parquet() if content is None else content)
    documents.write_text(LOG_DOCUMENTS, encoding="utf-8")
    argv = ["indicators", "--illustrative", "--stays", str(stays), "--documents", str(documents)]
    line = _one_error(capsys, argv)
    assert f"stays: {stays}: " in line
    assert expected in line
