"""Pro rata temporis pinned: one-day, boundary and disjoint periods, refusals, explanation (issue 11)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from segur_numerique import Euro, Period
from segur_numerique.core.rounding import CENT_HALF_UP, EURO_HALF_UP
from segur_numerique.core.text import Text
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.pro_rata import pro_rata_temporis

YEAR = Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def day(month: int, d: int, year: int = 2022) -> dt.date:
    return dt.date(year, month, d)


def test_one_day_period_counts_one_day() -> None:
    result = pro_rata_temporis(Euro("365"), Period(day(3, 1), day(3, 1)), YEAR)
    assert (result.amount, result.days, result.total_days) == (Euro("1"), 1, 365)
    assert result.factor == Fraction(1, 365)
    assert result.full == Euro("365")


def test_periods_touching_on_one_day_share_that_day() -> None:
    first = pro_rata_temporis(Euro("365"), Period(day(12, 1, 2021), day(1, 1)), YEAR)
    last = pro_rata_temporis(Euro("365"), Period(day(12, 31), day(2, 1, 2023)), YEAR)
    assert (first.days, first.amount) == (1, Euro("1"))
    assert (last.days, last.amount) == (1, Euro("1"))


def test_disjoint_periods_count_no_day() -> None:
    after = pro_rata_temporis(Euro("365"), Period(day(1, 1, 2023), day(3, 1, 2023)), YEAR)
    before = pro_rata_temporis(Euro("365"), Period(day(1, 1, 2021), day(12, 31, 2021)), YEAR)
    for result in (after, before):
        assert (result.days, result.amount, result.factor) == (0, Euro("0"), Fraction(0))
    assert after.explanation.outcome == Text(
        fr="0 jour sur 365 : 0,00\u00a0€", en="0 days out of 365: €0.00"
    )


def test_covered_wider_than_reference_is_the_full_amount() -> None:
    result = pro_rata_temporis(Euro("100"), Period(day(6, 1, 2021), day(6, 1, 2023)), YEAR)
    assert (result.days, result.amount) == (365, Euro("100"))


def test_rounded_once_with_the_given_policy() -> None:
    covered = Period(day(1, 1), day(1, 2))  # 2 days: 100 × 2 / 365 = 0.5479...
    assert pro_rata_temporis(Euro("100"), covered, YEAR).amount == Euro("0.55")
    result = pro_rata_temporis(Euro("100"), covered, YEAR, policy=EURO_HALF_UP)
    assert result.amount == Euro("1")
    policy = next(i for i in result.explanation.inputs if i.name == "policy")
    assert (policy.value, policy.defaulted) == (EURO_HALF_UP.describe(), False)
    assert result.explanation.rounding[0].exact == Fraction(200, 365)
    assert result.explanation.rounding[0].rounded == Fraction(1)
    assert result.explanation.rounding[0].policy == EURO_HALF_UP


@pytest.mark.parametrize(
    ("args", "where", "what"),
    [
        ((365, YEAR, YEAR), "amount", "expected a Euro amount, got int"),
        ((Euro("-1"), YEAR, YEAR), "amount", "cannot be negative, got -€1.00"),
        ((Euro("1"), "2022", YEAR), "covered", "expected a Period, got str"),
        ((Euro("1"), YEAR, None), "reference", "expected a Period, got NoneType"),
    ],
)
def test_refusals_in_full(args: tuple[object, object, object], where: str, what: str) -> None:
    with pytest.raises(AllocationError) as info:
        pro_rata_temporis(*args)  # type: ignore[arg-type]
    assert (info.value.where, info.value.what) == (where, what)


def test_explanation_and_json_in_full() -> None:
    covered = Period(day(7, 1), day(3, 1, 2023))
    result = pro_rata_temporis(Euro("365"), covered, YEAR)
    e = result.explanation
    assert e.rule == "funding.pro_rata_temporis"
    assert e.title == Text(fr="Prorata temporis", en="Pro rata temporis")
    assert e.outcome == Text(
        fr="184 jours sur 365 : 184,00\u00a0€", en="184 days out of 365: €184.00"
    )
    assert e.result == Euro("184")
    assert [(i.name, i.value, i.defaulted) for i in e.inputs] == [
        ("amount", Euro("365"), False),
        ("covered", covered, False),
        ("reference", YEAR, False),
        ("policy", CENT_HALF_UP.describe(), True),
    ]
    (step,) = e.rounding
    assert step.what == Text(fr="montant au prorata", en="pro rata amount")
    assert (step.exact, step.rounded, step.policy) == (Fraction(184), Fraction(184), CENT_HALF_UP)
    assert e.assumptions == (
        Text(
            fr="Jours comptés exactement, bornes incluses.",
            en="Days counted exactly, both ends included.",
        ),
    )
    assert result.to_json() == {
        "amount": {"type": "euro", "value": "184.00"},
        "full": {"type": "euro", "value": "365.00"},
        "days": 184,
        "total_days": 365,
        "explanation": e.to_json(),
    }
