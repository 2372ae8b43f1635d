"""Euro values: zero, negative zero, multiplication by whole numbers, floats refused, sums."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from segur_numerique import Euro, Price, TaxBasis, VatRate, euro_sum
from segur_numerique.core.rounding import EURO_HALF_UP, RoundingMode, RoundingPolicy
from segur_numerique.errors import AmountFormatError, FloatRefusedError, InvalidInputError


def test_zero() -> None:
    zero = Euro.zero()
    assert zero.cents == 0
    assert zero == Euro("0") == Euro.from_cents(0)
    assert not zero
    assert bool(Euro("0.01"))
    assert zero.format("fr") == "0,00\u00a0€"
    assert zero.format("en") == "€0.00"
    assert repr(zero) == "Euro('0.00')"
    assert zero.to_json() == "0.00"


@pytest.mark.parametrize("text", ["-0,00\u00a0€", "−0,00\u00a0€", "-€0.00", "+0 €", "-0 M€"])
def test_negative_zero_parses_and_formats_as_zero(text: str) -> None:
    amount = Euro.parse(text)
    assert amount == Euro.zero()
    assert amount.format("fr") == "0,00\u00a0€"
    assert amount.format("en") == "€0.00"
    assert (-amount).format("fr") == "0,00\u00a0€"
    assert str(Euro("-0.00")) == "0,00\u00a0€"
    assert Euro(Decimal("-0")).to_json() == "0.00"


def test_negative_amounts_format_and_serialise() -> None:
    amount = Euro("-1234.05")
    assert amount.format("fr") == "-1\u202f234,05\u00a0€"
    assert amount.format("en") == "-€1,234.05"
    assert str(amount) == "-1\u202f234,05\u00a0€"
    assert amount.to_json() == "-1234.05"
    assert amount.decimal == Decimal("-1234.05")
    assert amount.value == Fraction(-123405, 100)
    assert Euro("1000000").format("fr") == "1\u202f000\u202f000,00\u00a0€"


def test_euro_times_int_and_int_times_euro() -> None:
    assert Euro("1.25") * 3 == Euro("3.75")
    assert 3 * Euro("1.25") == Euro("3.75")
    assert Euro("1.25") * -2 == Euro("-2.50")
    assert Euro("1.25") * 0 == Euro.zero()
    for other in (True, Fraction(1, 2), Decimal(2), "2"):
        with pytest.raises(TypeError):
            Euro("1") * other
        with pytest.raises(TypeError):
            other * Euro("1")


def test_multiplying_by_a_float_is_refused() -> None:
    with pytest.raises(FloatRefusedError) as caught:
        Euro("1") * 2.0
    assert caught.value.where == "factor"
    assert caught.value.what == "cannot multiply an amount by a float"
    with pytest.raises(FloatRefusedError):
        0.5 * Euro("1")


@pytest.mark.parametrize("bad", [0.1, 2.0, float("inf")])
def test_floats_are_refused_everywhere(bad: float) -> None:
    with pytest.raises(FloatRefusedError) as caught:
        Euro(bad)
    assert caught.value.where == "amount"
    assert repr(bad) in caught.value.what
    with pytest.raises(FloatRefusedError) as caught:
        Euro.from_cents(bad)  # type: ignore[arg-type]
    assert (caught.value.what, caught.value.where) == (f"a float ({bad!r}) is not exact", "cents")
    with pytest.raises(FloatRefusedError) as caught:
        Euro.round(bad)  # type: ignore[arg-type]
    assert caught.value.where == "amount"
    with pytest.raises(FloatRefusedError) as caught:
        Euro("1").scale(bad)  # type: ignore[arg-type]
    assert caught.value.where == "factor"


def test_cents_field_refuses_floats_too() -> None:
    with pytest.raises(FloatRefusedError) as caught:
        object.__new__(Euro).__attrs_init__(1.5)  # type: ignore[attr-defined]
    assert caught.value.where == "cents"


@pytest.mark.parametrize("bad", [True, "12", Decimal(12)])
def test_from_cents_wants_an_int(bad: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Euro.from_cents(bad)  # type: ignore[arg-type]
    assert caught.value.where == "cents"
    assert caught.value.what == f"cents must be an int, got {type(bad).__name__}"


def test_constructor_exact_numbers() -> None:
    assert Euro(12) == Euro("12.00")
    assert Euro(Fraction(1, 4)) == Euro("0.25")
    assert Euro(Decimal("1.10")).cents == 110
    with pytest.raises(AmountFormatError) as caught:
        Euro(Fraction(1, 3))
    assert caught.value.what == (
        "Fraction(1, 3) is not exact to the cent; round it with Euro.round(value, policy)"
    )
    assert caught.value.where == "amount"


def test_arithmetic_and_order() -> None:
    a, b = Euro("10.50"), Euro("0.75")
    assert a + b == Euro("11.25")
    assert a - b == Euro("9.75")
    assert -a == Euro("-10.50")
    assert b < a
    assert sorted([a, b]) == [b, a]
    for other in (1, Decimal(1), "1"):
        with pytest.raises(TypeError):
            a + other
        with pytest.raises(TypeError):
            a - other


def test_round_and_scale() -> None:
    assert Euro.round(Fraction(1, 8)) == Euro("0.13")
    assert Euro.round(Decimal("-0.125")) == Euro("-0.13")
    assert Euro.round(Decimal("2.5"), EURO_HALF_UP) == Euro("3")
    down = RoundingPolicy(step=Fraction(1, 100), mode=RoundingMode.DOWN)
    assert Euro("10").scale(Fraction(1, 3), down) == Euro("3.33")
    assert Euro("10").scale(Fraction(2, 3)) == Euro("6.67")
    odd_step = RoundingPolicy(step=Fraction(1, 1000), mode=RoundingMode.HALF_UP)
    with pytest.raises(InvalidInputError) as caught:
        Euro.round(Fraction(1, 1000), odd_step)
    assert caught.value.where == "policy"
    assert caught.value.what == "rounding policy step 1/1000 does not give whole cents"


def test_euro_sum() -> None:
    assert euro_sum([]) == Euro.zero()
    assert euro_sum(iter([Euro("1.10"), Euro("2.20")])) == Euro("3.30")
    with pytest.raises(InvalidInputError) as caught:
        euro_sum([Euro("1"), 2])  # type: ignore[list-item]
    assert (caught.value.what, caught.value.where) == ("expected Euro, got int", "[1]")


def test_vat_rate_and_price() -> None:
    assert VatRate.parse("5,5 %").rate == Fraction(11, 200)
    assert VatRate.parse(" 20\u00a0% ").rate == Fraction(1, 5)
    assert VatRate.parse("0.2").rate == Fraction(1, 5)
    assert VatRate.parse("0 ,2").rate == Fraction(1, 5)  # spaces are ignored anywhere
    assert VatRate(0).rate == 0
    for bad in ("1", "-0.1", "abc", "12 %%"):
        with pytest.raises(InvalidInputError) as caught:
            VatRate.parse(bad)
        assert caught.value.where == "vat rate"
    vat = VatRate.parse("20 %")
    ht = Price(Euro("875"), TaxBasis.HT)
    ttc = Price(Euro("1050"), TaxBasis.TTC)
    assert ht.to_ttc(vat) == ttc
    assert ttc.to_ht(vat) == ht
    assert ttc.to_ttc(vat) is ttc
    assert ht.to_ht(vat) is ht
    assert Price(Euro("0.01"), TaxBasis.HT).to_ttc(vat).amount == Euro("0.01")
    assert ttc.format("en") == "€1,050.00 TTC"
    assert ht.format() == "875,00\u00a0€ HT"
