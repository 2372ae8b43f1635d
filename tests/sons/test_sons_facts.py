"""SONS facts added from review-2 §1.4: SGL and referencing deadlines, closing, vague 2 openings."""

from __future__ import annotations

import datetime as dt

import segur_numerique as sn

RULES = sn.load_rules()


def test_sgl_deadlines_are_in_the_sons_calendar() -> None:
    due = {d.key: d.due() for d in sn.calendars.deadlines("sons")}
    assert due["sons.vague1.deadline.sgl_orders"] == dt.date(2022, 11, 30)
    assert due["sons.vague1.deadline.sgl_installation"] == dt.date(2023, 9, 20)
    assert due["sons.vague1.deadline.sgl_balance"] == dt.date(2023, 12, 14)
    assert due["sons.vague1.deadline.sanitaire_closing"] == dt.date(2023, 12, 14)


def test_the_sgl_balance_deadline_has_a_revision_history() -> None:
    deadline = sn.calendar.deadline("sons.vague1.deadline.sgl_balance")
    assert deadline.due(as_known_on=dt.date(2023, 1, 1)) == dt.date(2023, 4, 28)


def test_unfunded_referencing_conflicts_and_defaults_to_the_ans() -> None:
    read = RULES.read("sons.vague1.deadline.lgc_referencing_unfunded")
    assert (read.status, read.alternative, read.value) == (
        sn.Status.CONFLICTING,
        "ans",
        dt.date(2023, 6, 28),
    )


def test_lgo_dates_without_a_year_are_secondary() -> None:
    for key in ("sons.vague1.deadline.lgo_referencing", "sons.vague1.deadline.lgo_orders"):
        version = RULES.value(key).as_known_on()
        assert version.status is sn.Status.SECONDARY
        assert version.note is not None
        assert "2022" in version.note.en


def test_vague2_openings_are_aware_times_not_deadlines() -> None:
    value = RULES.get("sons.vague2.opening.imaging_advance_requests")
    assert isinstance(value, dt.datetime)
    assert value.utcoffset() == dt.timedelta(hours=2)
    assert all(".opening." not in d.key for d in sn.calendars.deadlines("sons"))
