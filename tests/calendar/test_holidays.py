"""French public holidays: our calendar against the ``holidays`` package (test oracle only)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique.calendar.holidays import FIRST_YEAR, LAST_YEAR

YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


@pytest.mark.parametrize(("alsace_moselle", "subdiv"), [(False, None), (True, "57"), (True, "6AE")])
def test_equal_to_holidays_package_over_the_supported_range(
    alsace_moselle: bool, subdiv: str | None
) -> None:
    oracle = holidays.country_holidays("FR", subdiv=subdiv, years=YEARS, language="fr")
    ours = sn.calendar.FrenchCalendar(alsace_moselle=alsace_moselle)
    expected = set(oracle)
    found = {h.day for year in YEARS for h in ours.holidays(year)}
    assert found == expected


@given(st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)), st.booleans())
def test_working_day_property(day: dt.date, alsace_moselle: bool) -> None:
    oracle = holidays.country_holidays(
        "FR", subdiv="57" if alsace_moselle else None, years=day.year, language="fr"
    )
    cal = sn.calendar.FrenchCalendar(alsace_moselle=alsace_moselle)
    assert cal.is_holiday(day) == (day in oracle)
    assert cal.is_working_day(day) == (day.weekday() < 5 and day not in oracle)


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)),
    st.integers(0, 120),
)
def test_working_days_count_is_additive_and_antisymmetric(start: dt.date, span: int) -> None:
    cal = sn.calendar.FrenchCalendar()
    end = start + dt.timedelta(days=span)
    middle = start + dt.timedelta(days=span // 2)
    assert cal.working_days(start, end) == cal.working_days(start, middle) + cal.working_days(
        middle, end
    )
    assert cal.working_days(end, start) == -cal.working_days(start, end)


def test_pentecost_monday_2005_to_2007() -> None:
    cal = sn.calendar.FrenchCalendar()
    names = {y: {h.name.en for h in cal.holidays(y)} for y in (2004, 2005, 2007, 2008)}
    assert "Whit Monday" in names[2004]
    assert "Whit Monday" not in names[2005]
    assert "Whit Monday" not in names[2007]
    assert "Whit Monday" in names[2008]


def test_legal_basis_and_names() -> None:
    h = sn.calendar.FrenchCalendar(alsace_moselle=True).holiday(dt.date(2022, 12, 26))
    assert h is not None
    assert h.name.fr == "Saint-Étienne"
    assert "L3134-13" in h.legal_basis
    assert sn.calendar.FrenchCalendar().holiday(dt.date(2022, 12, 26)) is None
    assert len(sn.calendar.FrenchCalendar().holidays(2022)) == 11
    assert len(sn.calendar.FrenchCalendar(alsace_moselle=True).holidays(2022)) == 13


def test_out_of_range_years_are_refused() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="supported range"):
        sn.calendar.FrenchCalendar().holidays(1950)
    with pytest.raises(sn.errors.InvalidInputError):
        sn.calendar.FrenchCalendar().is_working_day(dt.date(2101, 1, 3))
