"""Avenant 9 amounts: points × 7 €, usage indicators, VSM forfait (RULES.md §6)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import segur_numerique as sn
from segur_numerique import Euro
from segur_numerique.avenant9.funding import (
    avenant9_indicator_amount,
    avenant9_points,
    avenant9_volet1_forfait,
    vsm_forfait,
)

RULES = sn.load_rules()


def test_worked_example_400_points_is_2800() -> None:
    assert avenant9_points(RULES, 400).amount == Euro("2800")
    v = avenant9_volet1_forfait(RULES, 2022)
    assert (v.points, v.amount) == (400, Euro("2800"))
    assert avenant9_volet1_forfait(RULES, 2023).amount == Euro("1960")


@pytest.mark.parametrize(
    ("share", "expected"),
    [("0.4999", "0"), ("0.5", "1500"), ("0.8999", "1500"), ("0.9", "3000")],
)
def test_vsm_thresholds(share: str, expected: str) -> None:
    result = vsm_forfait(RULES, Decimal(share))
    assert result.amount == Euro(expected)
    assert "not applied" in result.explanation.render("en")


def test_vsm_from_counts() -> None:
    assert vsm_forfait(RULES, patients_with_vsm=9, ald_patients=10).amount == Euro("3000")
    assert vsm_forfait(RULES, Fraction(1, 2)).amount == Euro("1500")


def test_indicators() -> None:
    assert avenant9_indicator_amount(RULES, "dmp", 2022).amount == Euro("280")
    with pytest.raises(sn.errors.MissingParameterError) as info:
        avenant9_indicator_amount(RULES, "e_prescription", 2022)
    assert info.value.key == "avenant9.indicator.e_prescription.points"


def test_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        avenant9_points(RULES, -1)
    with pytest.raises(sn.errors.InvalidInputError):
        vsm_forfait(RULES, Fraction(3, 2))
    with pytest.raises(sn.errors.InvalidInputError):
        vsm_forfait(RULES, patients_with_vsm=1, ald_patients=0)
    with pytest.raises(sn.errors.InvalidInputError):
        avenant9_indicator_amount(RULES, "fax", 2022)
    with pytest.raises(sn.errors.FloatRefusedError):
        vsm_forfait(RULES, 0.5)  # type: ignore[arg-type]
