"""e-parcours forfaits and payments (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn
from segur_numerique import Euro
from segur_numerique.e_parcours import Kind
from segur_numerique.e_parcours.funding import (
    BassinScaling,
    forfait,
)
from segur_numerique.e_parcours.payments import (
    payments,
)

RULES = sn.load_rules()


def test_worked_example_800000_is_480000_plus_320000() -> None:
    p = payments(
        Euro("800000"),
        start=dt.date(2020, 6, 1),
        targets_reached_on=dt.date(2022, 5, 31),
        rules=RULES,
    )
    assert (p.start_payment, p.usage_payment, p.lost) == (Euro("480000"), Euro("320000"), Euro("0"))
    assert p.total == Euro("800000")


def test_worked_example_40_percent_lost_on_1_january_2023() -> None:
    p = payments(
        Euro("800000"),
        start=dt.date(2021, 6, 1),
        targets_reached_on=dt.date(2023, 1, 1),
        rules=RULES,
    )
    assert (p.start_payment, p.usage_payment, p.lost) == (Euro("480000"), Euro("0"), Euro("320000"))
    assert p.deadline == dt.date(2022, 12, 31)
    assert "lost" in p.explanation.render("en")
    on_time = payments(
        Euro("800000"),
        start=dt.date(2021, 6, 1),
        targets_reached_on=dt.date(2022, 12, 31),
        rules=RULES,
    )
    assert on_time.usage_payment == Euro("320000")


def test_two_years_from_start_when_earlier_than_end_2022() -> None:
    p = payments(
        Euro("200000"),
        start=dt.date(2019, 9, 1),
        targets_reached_on=dt.date(2021, 9, 2),
        rules=RULES,
    )
    assert p.deadline == dt.date(2021, 9, 1)
    assert p.lost == Euro("80000")


def test_reaching_the_targets_on_the_anniversary_is_in_time() -> None:
    p = payments(
        Euro("200000"),
        start=dt.date(2019, 9, 1),
        targets_reached_on=dt.date(2021, 9, 1),
        rules=RULES,
    )
    assert (p.usage_payment, p.lost) == (Euro("80000"), Euro("0"))


def test_29_february_start_has_28_february_deadline() -> None:
    p = payments(Euro("800000"), start=dt.date(2020, 2, 29), targets_reached_on=None, rules=RULES)
    assert p.deadline == dt.date(2022, 2, 28)


@given(st.dates(dt.date(2019, 5, 24), dt.date(2022, 12, 31)))
def test_payments_use_the_one_usage_deadline(start: dt.date) -> None:
    p = payments(Euro("800000"), start=start, targets_reached_on=None, rules=RULES)
    deadline = sn.e_parcours.usage_deadline(start, rules=RULES)
    assert p.deadline == deadline.due
    assert deadline.explanation in p.explanation.children


def test_pending_when_targets_not_reached() -> None:
    p = payments(Euro("800000"), start=dt.date(2021, 6, 1), targets_reached_on=None, rules=RULES)
    assert p.pending
    assert p.usage_payment == Euro("0")
    assert p.lost == Euro("0")


@given(st.integers(0, 10**10).map(Euro.from_cents))
def test_the_two_payments_add_up_exactly(amount: Euro) -> None:
    p = payments(
        amount, start=dt.date(2020, 1, 1), targets_reached_on=dt.date(2021, 1, 1), rules=RULES
    )
    assert p.start_payment + p.usage_payment == amount


def test_forfaits_and_typo_note() -> None:
    dac = forfait("dac", population=300_000, scaling=BassinScaling.PROPORTIONAL, rules=RULES)
    col = forfait(
        Kind.COLLECTIF,
        population=300_000,
        scaling=BassinScaling.PROPORTIONAL,
        rules=RULES,
    )
    assert (dac.amount, col.amount) == (Euro("800000"), Euro("200000"))
    text = col.explanation.render("en")
    assert "typo" in text
    assert "inferred" in text


@pytest.mark.parametrize(
    ("scaling", "expected"),
    [
        (BassinScaling.PROPORTIONAL, Euro("266666.67")),
        (BassinScaling.PER_STARTED_BASSIN, Euro("800000")),
        (BassinScaling.PER_FULL_BASSIN, Euro("0")),
    ],
)
def test_named_scaling_policies(scaling: BassinScaling, expected: Euro) -> None:
    f = forfait("dac", population=100_000, scaling=scaling, rules=RULES)
    assert f.amount == expected
    assert scaling.label().en in f.explanation.render("en")


def test_no_default_scaling_and_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="BassinScaling") as info:
        forfait("dac", population=1, scaling=None, rules=RULES)  # type: ignore[arg-type]
    assert info.value.where == "scaling"
    with pytest.raises(sn.errors.InvalidInputError):
        forfait("cpts", population=1, scaling=BassinScaling.PROPORTIONAL, rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        forfait("dac", population=-1, scaling=BassinScaling.PROPORTIONAL, rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError, match="before"):
        payments(
            Euro("1"),
            start=dt.date(2021, 1, 1),
            targets_reached_on=dt.date(2020, 1, 1),
            rules=RULES,
        )


def test_payments_embed_the_forfait_explanation_and_export_json() -> None:
    f = forfait("dac", population=300_000, scaling=BassinScaling.PER_FULL_BASSIN, rules=RULES)
    p = payments(f, start=dt.date(2020, 1, 1), targets_reached_on=None, rules=RULES)
    assert p.explanation.children[0].rule == "e_parcours.forfait"
    assert p.to_json()["start_payment"] == {"type": "euro", "value": "480000.00"}
