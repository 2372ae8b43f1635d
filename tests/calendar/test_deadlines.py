"""Deadlines as dated values: revision history, "as known on", strict on-time checks, days left."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn

D = dt.date
PARIS = ZoneInfo("Europe/Paris")
ALL_DEADLINES = [d for p in sn.calendars.CALENDAR_PROGRAMMES for d in sn.calendars.deadlines(p)]


def test_e_parcours_deadlines() -> None:
    found = {d.key: d.due() for d in sn.calendars.deadlines("e_parcours")}
    assert found["e_parcours.deadline.dac_submission"] == D(2020, 12, 31)
    assert found["e_parcours.deadline.collectifs_submission"] == D(2021, 12, 31)
    assert found["e_parcours.payment.usage_latest"] == D(2022, 12, 31)


def test_sons_revision_history() -> None:
    history = {
        "sons.vague1.deadline.lgc_orders": [D(2022, 7, 15), D(2022, 11, 30)],
        "sons.vague1.deadline.lgc_installation": [D(2022, 10, 15), D(2023, 4, 28), D(2023, 9, 20)],
        "sons.vague1.deadline.lgo_installation": [D(2023, 3, 31), D(2023, 4, 28), D(2023, 9, 20)],
    }
    for key, dues in history.items():
        d = sn.calendar.deadline(key)
        assert [v.due for v in d.versions()] == dues
        for v in d.versions():
            assert v.sources
            if v.status is sn.Status.INFERRED:
                assert v.reasoning is not None


def test_as_known_on_gives_the_deadline_then_in_force() -> None:
    orders = sn.calendar.deadline("sons.vague1.deadline.lgc_orders")
    assert orders.due(as_known_on=D(2022, 6, 20)) == D(2022, 7, 15)
    assert orders.due(as_known_on=D(2022, 6, 21)) == D(2022, 11, 30)  # announced that day
    lgo = sn.calendar.deadline("sons.vague1.deadline.lgo_installation")
    assert lgo.due(as_known_on=D(2022, 12, 1)) == D(2023, 3, 31)
    assert lgo.due(as_known_on=D(2023, 2, 1)) == D(2023, 4, 28)
    assert lgo.due(as_known_on=D(2023, 5, 1)) == D(2023, 9, 20)
    with pytest.raises(sn.errors.MissingParameterError):
        lgo.due(as_known_on=D(2021, 1, 1))


@given(st.sampled_from(ALL_DEADLINES), st.dates(D(2019, 1, 1), D(2027, 12, 31)))
def test_as_known_on_never_uses_a_later_announcement(
    d: sn.calendar.Deadline, query: dt.date
) -> None:
    versions = d.versions()
    if query < versions[0].since:
        with pytest.raises(sn.errors.MissingParameterError):
            d.as_known_on(as_known_on=query)
        return
    known = d.as_known_on(as_known_on=query)
    assert known.since <= query
    # It is the latest announced on or before the query date.
    assert known == max((v for v in versions if v.since <= query), key=lambda v: v.since)


def test_strict_on_time_for_date_deadlines() -> None:
    key = "sons.vague1.deadline.lgc_orders"
    assert sn.calendar.is_on_time(key, D(2022, 11, 30))
    late = sn.calendar.is_on_time(key, D(2022, 12, 1))
    assert not late
    assert late.days_late == 1
    assert "not eligible" in late.explanation.outcome.en
    assert any(p.key == "segur.rule.strict_deadlines" for p in late.explanation.parameters)
    # As known before the extension, an order in August was late.
    assert not sn.calendar.is_on_time(key, D(2022, 8, 1), as_known_on=D(2022, 6, 1))


def test_aware_datetimes_are_compared_in_paris() -> None:
    key = "sons.vague1.deadline.lgc_orders"
    # 23:30 in Paris on 30 Nov is 22:30 UTC: still on time.
    assert sn.calendar.is_on_time(key, dt.datetime(2022, 11, 30, 22, 30, tzinfo=dt.UTC))
    # 23:30 UTC on 30 Nov is already 1 December in Paris.
    assert not sn.calendar.is_on_time(key, dt.datetime(2022, 11, 30, 23, 30, tzinfo=dt.UTC))


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(sn.errors.NaiveDatetimeError) as info:
        sn.calendar.is_on_time("sons.vague1.deadline.lgc_orders", dt.datetime(2022, 11, 30, 12, 0))
    assert info.value.where == "submitted"


def test_portal_deadline_with_a_time() -> None:
    key = "sons.vague2.deadline.pfi_advance"
    due = sn.calendar.deadline(key).due()
    assert isinstance(due, dt.datetime)
    assert due.astimezone(PARIS).hour == 12
    assert sn.calendar.is_on_time(key, dt.datetime(2025, 9, 17, 11, 59, tzinfo=PARIS))
    assert sn.calendar.is_on_time(key, dt.datetime(2025, 9, 17, 12, 0, tzinfo=PARIS))
    assert not sn.calendar.is_on_time(key, dt.datetime(2025, 9, 17, 12, 1, tzinfo=PARIS))
    assert sn.calendar.is_on_time(key, D(2025, 9, 16))
    assert not sn.calendar.is_on_time(key, D(2025, 9, 18))
    with pytest.raises(sn.errors.InvalidInputError, match="submission time"):
        sn.calendar.is_on_time(key, D(2025, 9, 17))
    with pytest.raises(sn.errors.NaiveDatetimeError):
        sn.calendar.is_on_time(key, dt.datetime(2025, 9, 17, 11, 0))
    # Winter time: DPI deadline at 12:00 Paris is 11:00 UTC.
    assert not sn.calendar.is_on_time(
        "sons.vague2.deadline.dpi_advance", dt.datetime(2025, 12, 17, 11, 30, tzinfo=dt.UTC)
    )


def test_f1_targets_deadline_with_idf_alternative() -> None:
    key = "sun_es.window.F1.targets_deadline"
    assert not sn.calendar.is_on_time(key, D(2022, 7, 1))
    check = sn.calendar.is_on_time(key, D(2022, 7, 1), alternative="idf")
    assert check.on_time
    assert check.explanation.parameters[0].alternative == "idf"


def test_days_left_calendar_and_working_days() -> None:
    left = sn.calendar.days_left("sons.vague1.deadline.lgc_orders", D(2022, 11, 1))
    # Working days after 1 Nov up to 30 Nov 2022: 22 weekdays minus 11 Nov (Friday) ... = 20.
    assert (left.calendar_days, left.working_days) == (29, 20)
    assert (
        sn.calendar.days_left("sons.vague1.deadline.lgc_orders", D(2022, 11, 30)).calendar_days == 0
    )
    after = sn.calendar.days_left("sons.vague1.deadline.lgc_orders", D(2022, 12, 2))
    assert after.calendar_days == -2
    assert after.working_days == -2  # 1 and 2 December 2022 (Thursday, Friday)
    # As known on 1 June 2022, the order deadline was still 15 July.
    assert sn.calendar.days_left("sons.vague1.deadline.lgc_orders", D(2022, 6, 1)).due == D(
        2022, 7, 15
    )


def test_days_left_with_alsace_moselle() -> None:
    key = "sun_es.window.F2.targets_deadline"
    mainland = sn.calendar.days_left(key, D(2022, 12, 1))
    alsace = sn.calendar.days_left(
        key, D(2022, 12, 1), calendar=sn.calendar.FrenchCalendar(alsace_moselle=True)
    )
    assert mainland.working_days - alsace.working_days == 1  # 26 December 2022 is a Monday
    assert "Alsace" in alsace.explanation.render("en")


def test_unknown_deadline_suggests() -> None:
    with pytest.raises(sn.errors.UnknownDeadlineError, match="lgc_orders"):
        sn.calendar.deadline("sons.vague1.deadline.lgc_order")
    with pytest.raises(sn.errors.UnknownDeadlineError):
        sn.calendar.deadline("sun_es.envelope.total")  # not a date


def test_deadline_json_has_history() -> None:
    doc: Any = sn.calendar.deadline("sons.vague1.deadline.lgo_installation").to_json()
    assert doc["due"] == "2023-09-20"
    assert [v["due"] for v in doc["versions"]] == ["2023-03-31", "2023-04-28", "2023-09-20"]


def test_e_parcours_usage_deadline_two_years_capped() -> None:
    # CPC art. 641: a délai in years expires on the anniversary (same day number), inclusive.
    assert sn.e_parcours.usage_deadline(D(2019, 9, 1)).due == D(2021, 9, 1)
    assert sn.e_parcours.usage_deadline(D(2021, 1, 1)).due == D(2022, 12, 31)
    keys = {p.key for p in sn.e_parcours.usage_deadline(D(2019, 9, 1)).explanation.parameters}
    assert keys == {"e_parcours.payment.usage_delay_years", "e_parcours.payment.usage_latest"}


def test_e_parcours_usage_deadline_29_february_rounds_down_per_cpc_641() -> None:
    # "A défaut d'un quantième identique, le délai expire le dernier jour du mois."
    deadline = sn.e_parcours.usage_deadline(D(2020, 2, 29))
    assert deadline.due == D(2022, 2, 28)
    policy = next(i for i in deadline.explanation.inputs if i.name == "policy")
    assert (policy.value, policy.defaulted) == (sn.calendar.MonthEndPolicy.ROUND_DOWN, True)
    chosen = sn.e_parcours.usage_deadline(
        D(2020, 2, 29), policy=sn.calendar.MonthEndPolicy.ROUND_UP
    )
    assert chosen.due == D(2022, 3, 1)
    assert not next(i for i in chosen.explanation.inputs if i.name == "policy").defaulted


def test_e_parcours_usage_deadline_states_its_reading_as_an_assumption() -> None:
    explanation = sn.e_parcours.usage_deadline(D(2019, 9, 1)).explanation
    assert any("art. 641" in a.en and "library's reading" in a.en for a in explanation.assumptions)
    assert any("641" in s.title for s in explanation.basis)
    assert "article 641" in explanation.render("fr")


@given(st.dates(D(2019, 5, 24), D(2022, 12, 31)))
def test_e_parcours_usage_deadline_never_after_the_latest(funded_on: dt.date) -> None:
    due = sn.e_parcours.usage_deadline(funded_on, policy=sn.calendar.MonthEndPolicy.ROUND_UP).due
    assert funded_on <= due <= D(2022, 12, 31)
