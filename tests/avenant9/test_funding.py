"""Avenant 9 amounts: points × 7 €, usage indicators, VSM forfait (rules digest, avenant 9 §6 [docs: explanation/rules/avenant9])."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import segur_numerique as sn
from segur_numerique import Euro
from segur_numerique.avenant9.funding import (
    indicator_amount,
    points,
    volet1_forfait,
    vsm_forfait,
)

RULES = sn.load_rules()


def test_worked_example_400_points_is_2800() -> None:
    assert points(400, rules=RULES).amount == Euro("2800")
    v = volet1_forfait(2022, rules=RULES)
    assert (v.points, v.amount) == (400, Euro("2800"))
    assert volet1_forfait(2023, rules=RULES).amount == Euro("1960")


@pytest.mark.parametrize(
    ("share", "expected"),
    [("0.4999", "0"), ("0.5", "1500"), ("0.8999", "1500"), ("0.9", "3000")],
)
def test_vsm_thresholds(share: str, expected: str) -> None:
    result = vsm_forfait(Decimal(share), rules=RULES)
    assert result.amount == Euro(expected)
    assert "not applied" in result.explanation.render("en")


def test_vsm_from_counts() -> None:
    assert vsm_forfait(patients_with_vsm=9, ald_patients=10, rules=RULES).amount == Euro("3000")
    assert vsm_forfait(Fraction(1, 2), rules=RULES).amount == Euro("1500")


def test_indicators() -> None:
    assert indicator_amount("dmp", 2022, rules=RULES).amount == Euro("280")
    with pytest.raises(sn.errors.MissingParameterError) as info:
        indicator_amount("e_prescription", 2022, rules=RULES)
    assert info.value.key == "avenant9.indicator.e_prescription.points"


def test_bad_input() -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        points(-1, rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        vsm_forfait(Fraction(3, 2), rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        vsm_forfait(patients_with_vsm=1, ald_patients=0, rules=RULES)
    with pytest.raises(sn.errors.InvalidInputError):
        indicator_amount("fax", 2022, rules=RULES)
    with pytest.raises(sn.errors.FloatRefusedError):
        vsm_forfait(0.5, rules=RULES)  # type: ignore[arg-type]
