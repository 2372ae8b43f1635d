from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_numerique import (
    CENT_HALF_UP,
    Euro,
    Price,
    RoundingMode,
    RoundingPolicy,
    TaxBasis,
    VatRate,
    euro_sum,
)
from segur_numerique.errors import AmountFormatError, FloatRefusedError

cents = st.integers(min_value=-(10**15), max_value=10**15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,4 Md€", "1400000000"),
        ("158 M€", "158000000"),
        ("800 000 €", "800000"),
        ("800\u00a0000\u00a0€", "800000"),
        ("1\u202f234,56\u00a0€", "1234.56"),
        ("24.9 M€", "24900000"),
        ("1,673.8 k€", "1673800"),
        ("6,37 M€", "6370000"),
        ("-12,50\u00a0€", "-12.5"),
        ("1234.56 EUR", "1234.56"),
        ("3 000 euros", "3000"),
    ],
)
def test_parse_notations(text: str, expected: str) -> None:
    assert Euro.parse(text) == Euro(expected)


@pytest.mark.parametrize(
    "text", ["", "€", "1 23 €", "12", "1.2.3 €", "0,001 €", "1,2,3 €", "abc €", "1e5 €"]
)
def test_parse_refuses_malformed(text: str) -> None:
    with pytest.raises(AmountFormatError):
        Euro.parse(text)


def test_parse_keeps_tax_basis() -> None:
    assert Price.parse("22 500 € HT") == Price(Euro("22500"), TaxBasis.HT)
    with pytest.raises(AmountFormatError, match=r"Price\.parse"):
        Euro.parse("22 500 € HT")


def test_sons_ceiling_875_ht_is_1050_ttc() -> None:
    """rules digest, SONS §3 [docs: explanation/rules/sons] worked example: 875 € HT with VAT 20 % → 1\u202f050,00\u00a0€ TTC."""
    ttc = Price.parse("875 € HT").to_ttc(VatRate.parse("20 %"))
    assert ttc == Price(Euro("1050.00"), TaxBasis.TTC)
    assert ttc.format("fr") == "1\u202f050,00\u00a0€ TTC"


def test_format_french_and_english() -> None:
    assert Euro("1234.56").format("fr") == "1\u202f234,56\u00a0€"
    assert Euro("1234.56").format("en") == "€1,234.56"
    assert Euro("-0.05").format("fr") == "-0,05\u00a0€"


@pytest.mark.parametrize("bad", [0.1, 1.0, float("nan")])
def test_float_refused(bad: float) -> None:
    with pytest.raises(FloatRefusedError):
        Euro(bad)
    with pytest.raises(FloatRefusedError):
        Euro("1") * bad


def test_not_exact_to_the_cent_is_refused() -> None:
    with pytest.raises(AmountFormatError, match="not exact to the cent"):
        Euro("0.125")
    assert Euro.round(Decimal("0.125")) == Euro("0.13")


@given(cents)
def test_format_parse_round_trip(c: int) -> None:
    amount = Euro.from_cents(c)
    assert Euro.parse(amount.format("fr")) == amount
    assert Euro.parse(amount.format("en").replace("€", "") + " €") == amount
    assert Euro(amount.to_json()) == amount


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_is_refused(x: float) -> None:
    with pytest.raises(FloatRefusedError):
        Euro(x)


@given(st.fractions(max_denominator=10**6), st.sampled_from(list(RoundingMode)))
def test_rounding_follows_policy(value: Fraction, mode: RoundingMode) -> None:
    policy = RoundingPolicy(step=Fraction(1, 100), mode=mode)
    rounded = policy.round(value)
    assert (rounded * 100).denominator == 1
    assert abs(rounded - value) < Fraction(1, 100)
    if mode is RoundingMode.HALF_UP:
        assert abs(rounded - value) <= Fraction(1, 200)
        if abs(rounded - value) == Fraction(1, 200):
            assert abs(rounded) > abs(value)  # halves go away from zero
    if mode is RoundingMode.FLOOR:
        assert rounded <= value
    if mode is RoundingMode.CEILING:
        assert rounded >= value


def test_half_up_is_not_bankers_rounding() -> None:
    assert CENT_HALF_UP.round(Decimal("0.125")) == Fraction(13, 100)
    assert CENT_HALF_UP.round(Decimal("0.135")) == Fraction(14, 100)
    assert RoundingPolicy(Fraction(1, 100), RoundingMode.HALF_EVEN).round(
        Decimal("0.125")
    ) == Fraction(12, 100)


@given(st.lists(cents, max_size=50))
def test_sum_is_exact(values: list[int]) -> None:
    assert euro_sum(Euro.from_cents(v) for v in values).cents == sum(values)
