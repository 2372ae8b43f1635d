"""Counts and euro rates per unit with pint (issue 2 §3): exact, dimension-checked, Euro out."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn


def test_registry_is_exact_and_built_once() -> None:
    assert sn.unit_registry() is sn.unit_registry()
    q = sn.count(3, "stays")
    assert isinstance(q.magnitude, int)
    rate = sn.parse_rate("1 € per 3 stays")
    assert rate.magnitude == Fraction(1, 3)
    assert isinstance(rate.magnitude, Fraction)


@pytest.mark.parametrize("unit", sn.COUNT_UNITS)
def test_every_count_unit_and_its_plural(unit: str) -> None:
    assert str(sn.count(2, unit).units) == unit
    assert str(sn.count(2, unit + "s").units) == unit


def test_e_parcours_rate() -> None:
    dac = sn.parse_rate("800 000 € per 300 000 inhabitants")
    assert sn.magnitude_in(dac, "euro / inhabitant") == Fraction(8, 3)
    assert sn.apply_rate(dac, sn.count(300_000, "inhabitants")) == sn.Euro("800000")
    assert sn.apply_rate(dac, sn.count(450_000, "habitants")) == sn.Euro("1200000")
    collectif = sn.parse_rate("200 000 € par bassin de 300 000 habitants".replace("bassin de ", ""))
    assert sn.apply_rate(collectif, sn.count(1, "inhabitant"), sn.CENT_HALF_UP) == sn.Euro("0.67")


def test_rate_notations() -> None:
    assert sn.parse_rate("7 € / point") == sn.euro_rate(sn.Euro("7"), sn.count(1, "point"))
    assert sn.parse_rate("7 € par point") == sn.parse_rate("7 € per points")
    assert sn.parse_rate("1,4 Md€ per 1 000 establishments").magnitude == 1_400_000


def test_avenant9_points() -> None:
    assert sn.apply_rate(sn.parse_rate("7 € / point"), sn.count(400, "points")) == sn.Euro("2800")


def test_mixing_units_is_a_typed_error() -> None:
    dac = sn.parse_rate("800 000 € per 300 000 inhabitants")
    with pytest.raises(sn.UnitMismatchError) as info:
        sn.apply_rate(dac, sn.count(12, "stays"))
    assert info.value.where == "rate × quantity"
    assert "euro / inhabitant × stay" in info.value.what
    assert isinstance(info.value, sn.InvalidInputError)
    with pytest.raises(sn.UnitMismatchError, match="cannot convert stay to inhabitant"):
        sn.magnitude_in(sn.count(3, "stay"), "inhabitant")
    with pytest.raises(sn.UnitMismatchError, match="is not an amount of euros"):
        sn.to_euro(sn.count(3, "documents"))
    with pytest.raises(sn.UnitMismatchError, match="is money, not a count"):
        sn.count(3, "euro")


def test_unknown_unit() -> None:
    with pytest.raises(sn.UnknownUnitError, match="unknown unit 'patients'"):
        sn.count(1, "patients")
    with pytest.raises(sn.UnknownUnitError, match="unknown unit 'meter'"):
        sn.parse_rate("7 € per meter")


def test_floats_are_refused() -> None:
    with pytest.raises(sn.FloatRefusedError):
        sn.count(2.0, "stay")  # type: ignore[arg-type]
    with pytest.raises(sn.FloatRefusedError):
        sn.euro_quantity(0.1)  # type: ignore[arg-type]
    float_quantity = sn.unit_registry().Quantity(0.5, "euro")
    with pytest.raises(sn.FloatRefusedError):
        sn.to_euro(float_quantity)


@pytest.mark.parametrize("bad", [-1, True, "3", Fraction(1, 2)])
def test_counts_are_whole_and_non_negative(bad: object) -> None:
    with pytest.raises(sn.InvalidInputError):
        sn.count(bad, "stay")  # type: ignore[arg-type]


def test_rate_per_zero_units() -> None:
    with pytest.raises(sn.InvalidInputError, match="per zero units"):
        sn.euro_rate(sn.Euro("7"), sn.count(0, "point"))


def test_malformed_rates() -> None:
    with pytest.raises(sn.InvalidInputError, match="write it as"):
        sn.parse_rate("eight hundred thousand euros")
    with pytest.raises(sn.AmountFormatError):
        sn.parse_rate("80 0000 € per inhabitant")


def test_to_euro_requires_a_policy_for_fractions_of_a_cent() -> None:
    third = sn.parse_rate("1 € per 3 stays") * sn.count(1, "stay")
    with pytest.raises(sn.AmountFormatError, match="not exact to the cent"):
        sn.to_euro(third)
    assert sn.to_euro(third, sn.CENT_HALF_UP) == sn.Euro("0.33")
    assert sn.to_euro(sn.euro_quantity(sn.Euro("1.50")).to("cent")) == sn.Euro("1.50")


def test_quantity_of_rule_values() -> None:
    rules = sn.load_rules()
    read = rules.read("sun_es.outcome.F1.applications")
    assert str(sn.quantity_of(read.value, read.unit).units) == "application"
    envelope = rules.read("sun_es.envelope.total")
    assert sn.to_euro(sn.quantity_of(envelope.value, envelope.unit)) == envelope.value
    with pytest.raises(sn.UnknownUnitError):
        sn.quantity_of(1, sn.Unit.DAYS)


@given(
    st.integers(1, 10**9),
    st.integers(1, 10**7),
    st.integers(0, 10**7),
)
def test_pint_agrees_with_plain_fractions(amount_cents: int, per: int, n: int) -> None:
    rate = sn.euro_rate(sn.Euro.from_cents(amount_cents), sn.count(per, "inhabitant"))
    exact = Fraction(amount_cents, 100) / per * n
    through_pint = sn.apply_rate(rate, sn.count(n, "inhabitant"), sn.CENT_HALF_UP)
    assert through_pint == sn.Euro.round(exact, sn.CENT_HALF_UP)
