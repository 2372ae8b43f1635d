"""Rounding policies: each mode on and around halves, negative values, steps, descriptions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_numerique.core.rounding import (
    CENT_HALF_UP,
    EURO_HALF_UP,
    RoundingMode,
    RoundingPolicy,
    to_fraction,
)
from segur_numerique.errors import FloatRefusedError, InvalidInputError

M = RoundingMode
VALUES = [
    "2.5",
    "-2.5",
    "3.5",
    "-3.5",
    "0.5",
    "-0.5",
    "2.4",
    "2.6",
    "-2.4",
    "-2.6",
    "-0.4",
    "2",
    "-3",
    "0",
]
EXPECTED = {
    M.HALF_UP: [3, -3, 4, -4, 1, -1, 2, 3, -2, -3, 0, 2, -3, 0],
    M.HALF_EVEN: [2, -2, 4, -4, 0, 0, 2, 3, -2, -3, 0, 2, -3, 0],
    M.DOWN: [2, -2, 3, -3, 0, 0, 2, 2, -2, -2, 0, 2, -3, 0],
    M.UP: [3, -3, 4, -4, 1, -1, 3, 3, -3, -3, -1, 2, -3, 0],
    M.FLOOR: [2, -3, 3, -4, 0, -1, 2, 2, -3, -3, -1, 2, -3, 0],
    M.CEILING: [3, -2, 4, -3, 1, 0, 3, 3, -2, -2, 0, 2, -3, 0],
}
CASES = [(mode, v, e) for mode, row in EXPECTED.items() for v, e in zip(VALUES, row, strict=True)]


@pytest.mark.parametrize(("mode", "value", "expected"), CASES)
def test_each_mode_to_the_unit(mode: RoundingMode, value: str, expected: int) -> None:
    assert RoundingPolicy(step=1, mode=mode).round(Decimal(value)) == expected


@pytest.mark.parametrize(("mode", "value", "expected"), CASES)
def test_each_mode_to_the_cent(mode: RoundingMode, value: str, expected: int) -> None:
    policy = RoundingPolicy(step=Fraction(1, 100), mode=mode)
    assert policy.round(Decimal(value) / 100) == Fraction(expected, 100)


@pytest.mark.parametrize(("mode", "value", "expected"), CASES)
def test_each_mode_to_five_euros(mode: RoundingMode, value: str, expected: int) -> None:
    policy = RoundingPolicy(step=5, mode=mode)
    assert policy.round(Decimal(value) * 5) == 5 * expected


@given(st.fractions(max_denominator=1000), st.sampled_from(list(RoundingMode)))
def test_negation_symmetry(value: Fraction, mode: RoundingMode) -> None:
    mirror = {M.FLOOR: M.CEILING, M.CEILING: M.FLOOR}.get(mode, mode)
    if (
        mode is not M.HALF_EVEN or (value * 100).denominator != 2
    ):  # halves go to even: symmetric too
        assert RoundingPolicy(Fraction(1, 100), mode).round(-value) == -RoundingPolicy(
            Fraction(1, 100), mirror
        ).round(value)


def test_default_policies() -> None:
    assert CENT_HALF_UP.step == Fraction(1, 100)
    assert CENT_HALF_UP.mode is M.HALF_UP
    assert CENT_HALF_UP.basis is not None
    assert "1649 undecies" in CENT_HALF_UP.basis.fr
    assert "1103/97" in CENT_HALF_UP.basis.en
    assert EURO_HALF_UP.step == 1
    assert EURO_HALF_UP.mode is M.HALF_UP
    assert EURO_HALF_UP.basis == CENT_HALF_UP.basis
    assert EURO_HALF_UP.round(Decimal("2.5")) == 3
    assert CENT_HALF_UP.round(Fraction(1, 200)) == Fraction(1, 100)
    assert RoundingPolicy(Fraction(1, 100), M.DOWN).basis is None


@pytest.mark.parametrize("step", [0, -1, Fraction(-1, 100)])
def test_step_must_be_positive(step: Fraction) -> None:
    with pytest.raises(InvalidInputError) as caught:
        RoundingPolicy(step=step, mode=M.HALF_UP)
    assert caught.value.where == "step"
    assert caught.value.what == f"must be positive, got {step}"


@pytest.mark.parametrize(
    ("mode", "fr", "en"),
    [
        (M.HALF_UP, "au plus proche, la moitié comptée pour 1", "half up"),
        (M.HALF_EVEN, "au plus proche, la moitié vers le pair", "half even"),
        (M.DOWN, "vers zéro", "down"),
        (M.UP, "en s'éloignant de zéro", "up"),
        (M.FLOOR, "vers le bas", "floor"),
        (M.CEILING, "vers le haut", "ceiling"),
    ],
)
def test_describe(mode: RoundingMode, fr: str, en: str) -> None:
    text = RoundingPolicy(step=Fraction(1, 100), mode=mode).describe()
    assert text.fr == f"arrondi {fr} au pas de 0,01"
    assert text.en == f"rounded {en} to a step of 0.01"
    whole = RoundingPolicy(step=5, mode=mode).describe()
    assert (whole.fr, whole.en) == (f"arrondi {fr} au pas de 5", f"rounded {en} to a step of 5")


def test_to_fraction_accepts_exact_numbers() -> None:
    assert to_fraction(Decimal("0.125")) == Fraction(1, 8)
    assert to_fraction(3) == Fraction(3)
    assert isinstance(to_fraction(3), Fraction)
    assert to_fraction(Fraction(2, 3)) == Fraction(2, 3)
    assert to_fraction(Decimal("-1E+2")) == -100


@pytest.mark.parametrize(
    ("bad", "error", "what"),
    [
        (
            0.1,
            FloatRefusedError,
            "a float (0.1) is not exact; pass a Decimal, a Fraction or a string",
        ),
        (True, InvalidInputError, "a boolean (True) is not a number"),
        (Decimal("NaN"), InvalidInputError, "NaN is not a finite number"),
        (Decimal("-Infinity"), InvalidInputError, "-Infinity is not a finite number"),
        ("1", InvalidInputError, "expected an exact number (Fraction, Decimal or int), got str"),
        (
            None,
            InvalidInputError,
            "expected an exact number (Fraction, Decimal or int), got NoneType",
        ),
    ],
)
def test_to_fraction_refuses(bad: object, error: type[InvalidInputError], what: str) -> None:
    with pytest.raises(error) as caught:
        to_fraction(bad, where="rate")
    assert (caught.value.what, caught.value.where) == (what, "rate")
    with pytest.raises(error) as caught:
        to_fraction(bad)
    assert caught.value.where == "value"
    with pytest.raises(error):
        CENT_HALF_UP.round(bad)  # type: ignore[arg-type]


def test_basis_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        RoundingPolicy(Fraction(1), M.DOWN, None)  # type: ignore[call-arg]
