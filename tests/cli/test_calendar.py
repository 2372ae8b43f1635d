"""``segur-numerique calendar``: JSON, table, .ics, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

import segur_numerique as sn
from segur_numerique.cli import main


def test_json_lists_every_programme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "segur_numerique.calendar/v1"
    by_id = {p["id"]: p for p in doc["programmes"]}
    assert set(by_id) == {"sun_es", "sun_es_volet2", "sons", "e_parcours", "esms_numerique"}
    f1 = by_id["sun_es"]["windows"][0]
    assert f1["name"] == "F1"
    assert [p["kind"] for p in f1["phases"]] == ["candidature", "instruction", "realisation"]
    realisation = f1["phases"][2]
    assert realisation["end"] == "2022-06-30"
    deadline_read = realisation["reads"][1]
    assert deadline_read["status"] == "conflicting"
    assert deadline_read["sources"][0]["url"].startswith("https://")
    assert by_id["sun_es_volet2"]["unknown"]["key"] == "sun_es.volet2.window.F1.applications"
    lgo = next(d for d in by_id["sons"]["deadlines"] if d["key"].endswith("lgo_installation"))
    assert [v["due"] for v in lgo["versions"]] == ["2023-03-31", "2023-04-28", "2023-09-20"]


def test_json_on_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--json", "--programme", "sun_es", "--on", "2022-04-15"]) == 0
    doc = json.loads(capsys.readouterr().out)
    phases = {w["name"]: w["phase_on"] for w in doc["programmes"][0]["windows"]}
    assert phases == {"F1": "realisation", "F2": "candidature", "F3": None, "F4": None}


def test_json_idf(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--json", "--alternative", "idf"]) == 0
    doc = json.loads(capsys.readouterr().out)
    f1 = doc["programmes"][0]["windows"][0]
    assert f1["end"] == "2022-09-30"


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--lang", "en", "--on", "2022-06-01"]) == 0
    out = capsys.readouterr().out
    assert "SUN-ES volet 1" in out
    assert "reaching the targets" in out
    assert "2022-07-15" in out  # LGC orders as known on 1 June 2022
    assert "2022-11-30" not in out.split("lgc_orders", 1)[1].splitlines()[0]
    assert "dates unknown: sun_es.volet2.window.F1.applications" in out


def test_ics_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.ics"
    assert main(["calendar", "--programme", "sons", "--ics", str(path)]) == 0
    capsys.readouterr()
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    # One event per SONS deadline (5 before review-2 §1.4 added the SGL, referencing, LGO and
    # closing deadlines).
    assert len(cal.walk("VEVENT")) == len(sn.calendars.deadlines("sons")) == 13


def test_unknown_programme_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--programme", "sunes"]) == 2
    assert "did you mean sun_es" in capsys.readouterr().err
