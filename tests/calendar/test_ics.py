"""The iCalendar export, parsed back with ``icalendar`` and compared with the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar

import segur_numerique as sn


def _events(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_phases_match_the_model() -> None:
    events = _events(sn.calendars.to_ics(["sun_es"], lang="en"))
    windows = sn.calendars.windows()
    deadlines = sn.calendars.deadlines(
        "sun_es"
    )  # e.g. the F1 validation by the ARS (review-2 §1.4)
    assert len(events) == sum(len(w.phases) for w in windows) + len(deadlines)
    for d in deadlines:
        assert f"{d.key}@segur-numerique" in events
    for w in windows:
        for phase in w.phases:
            event = events[f"sun_es.{w.name}.{phase.kind.value}@segur-numerique"]
            assert event.decoded("dtstart") == phase.start
            assert event.decoded("dtend") == phase.stop  # RFC 5545: exclusive end
            assert str(event["summary"]) == f"{w.name} — {phase.kind.label().en}"
            assert phase.reads[0].key in str(event["description"])


def test_deadlines_match_the_model() -> None:
    events = _events(sn.calendars.to_ics(["sons", "e_parcours"]))
    for programme in ("sons", "e_parcours"):
        for d in sn.calendars.deadlines(programme):
            event = events[f"{d.key}@segur-numerique"]
            due = d.due()
            start = event.decoded("dtstart")
            if isinstance(due, dt.datetime):
                assert start == due
                assert str(start.tzinfo) == "Europe/Paris"
            else:
                assert start == due
                assert event.decoded("dtend") == due + dt.timedelta(days=1)
            assert str(event["summary"]) == d.label.fr


def test_idf_alternative_and_all_programmes(tmp_path: Path) -> None:
    path = sn.calendars.write_ics(tmp_path / "segur.ics", alternative="idf")
    events = _events(path.read_bytes())
    realisation = events["sun_es.F1.realisation@segur-numerique"]
    assert realisation.decoded("dtend") == dt.date(2022, 10, 1)
    assert "sun_es.window.F1.targets_deadline (idf)" in str(realisation["description"])
    assert "esms_numerique.amorcage.amorcage@segur-numerique" in events


def test_export_is_reproducible() -> None:
    assert sn.calendars.to_ics() == sn.calendars.to_ics()
