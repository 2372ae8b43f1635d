"""Counts and euro rates per unit with pint (issue 2 §3): exact, dimension-checked, Euro out."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segur_numerique as sn


def test_registry_is_exact_and_built_once() -> None:
    assert sn.units.unit_registry() is sn.units.unit_registry()
    q = sn.units.count(3, "stays")
    assert isinstance(q.magnitude, int)
    rate = sn.units.parse_rate("1 € per 3 stays")
    assert rate.magnitude == Fraction(1, 3)
    assert isinstance(rate.magnitude, Fraction)


@pytest.mark.parametrize("unit", sn.units.COUNT_UNITS)
def test_every_count_unit_and_its_plural(unit: str) -> None:
    assert str(sn.units.count(2, unit).units) == unit
    assert str(sn.units.count(2, unit + "s").units) == unit


def test_e_parcours_rate() -> None:
    dac = sn.units.parse_rate("800 000 € per 300 000 inhabitants")
    assert sn.units.magnitude_in(dac, "euro / inhabitant") == Fraction(8, 3)
    assert sn.units.apply_rate(dac, sn.units.count(300_000, "inhabitants")) == sn.Euro("800000")
    assert sn.units.apply_rate(dac, sn.units.count(450_000, "habitants")) == sn.Euro("1200000")
    collectif = sn.units.parse_rate(
        "200 000 € par bassin de 300 000 habitants".replace("bassin de ", "")
    )
    assert sn.units.apply_rate(
        collectif, sn.units.count(1, "inhabitant"), sn.CENT_HALF_UP
    ) == sn.Euro("0.67")


def test_rate_notations() -> None:
    assert sn.units.parse_rate("7 € / point") == sn.units.euro_rate(
        sn.Euro("7"), sn.units.count(1, "point")
    )
    assert sn.units.parse_rate("7 € par point") == sn.units.parse_rate("7 € per points")
    assert sn.units.parse_rate("1,4 Md€ per 1 000 establishments").magnitude == 1_400_000


def test_avenant9_points() -> None:
    assert sn.units.apply_rate(
        sn.units.parse_rate("7 € / point"), sn.units.count(400, "points")
    ) == sn.Euro("2800")


def test_mixing_units_is_a_typed_error() -> None:
    dac = sn.units.parse_rate("800 000 € per 300 000 inhabitants")
    with pytest.raises(sn.errors.UnitMismatchError) as info:
        sn.units.apply_rate(dac, sn.units.count(12, "stays"))
    assert info.value.where == "rate × quantity"
    assert "euro / inhabitant × stay" in info.value.what
    assert isinstance(info.value, sn.errors.InvalidInputError)
    with pytest.raises(sn.errors.UnitMismatchError, match="cannot convert stay to inhabitant"):
        sn.units.magnitude_in(sn.units.count(3, "stay"), "inhabitant")
    with pytest.raises(sn.errors.UnitMismatchError, match="is not an amount of euros"):
        sn.units.to_euro(sn.units.count(3, "documents"))
    with pytest.raises(sn.errors.UnitMismatchError, match="is money, not a count"):
        sn.units.count(3, "euro")


def test_unknown_unit() -> None:
    with pytest.raises(sn.errors.UnknownUnitError, match="unknown unit 'patients'"):
        sn.units.count(1, "patients")
    with pytest.raises(sn.errors.UnknownUnitError, match="unknown unit 'meter'"):
        sn.units.parse_rate("7 € per meter")


def test_floats_are_refused() -> None:
    with pytest.raises(sn.errors.FloatRefusedError):
        sn.units.count(2.0, "stay")  # type: ignore[arg-type]
    with pytest.raises(sn.errors.FloatRefusedError):
        sn.units.euro_quantity(0.1)  # type: ignore[arg-type]
    float_quantity = sn.units.unit_registry().Quantity(0.5, "euro")
    with pytest.raises(sn.errors.FloatRefusedError):
        sn.units.to_euro(float_quantity)


@pytest.mark.parametrize("bad", [-1, True, "3", Fraction(1, 2)])
def test_counts_are_whole_and_non_negative(bad: object) -> None:
    with pytest.raises(sn.errors.InvalidInputError):
        sn.units.count(bad, "stay")  # type: ignore[arg-type]


def test_rate_per_zero_units() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="per zero units"):
        sn.units.euro_rate(sn.Euro("7"), sn.units.count(0, "point"))


def test_malformed_rates() -> None:
    with pytest.raises(sn.errors.InvalidInputError, match="write it as"):
        sn.units.parse_rate("eight hundred thousand euros")
    with pytest.raises(sn.errors.AmountFormatError):
        sn.units.parse_rate("80 0000 € per inhabitant")


def test_to_euro_requires_a_policy_for_fractions_of_a_cent() -> None:
    third = sn.units.parse_rate("1 € per 3 stays") * sn.units.count(1, "stay")
    with pytest.raises(sn.errors.AmountFormatError, match="not exact to the cent"):
        sn.units.to_euro(third)
    assert sn.units.to_euro(third, sn.CENT_HALF_UP) == sn.Euro("0.33")
    assert sn.units.to_euro(sn.units.euro_quantity(sn.Euro("1.50")).to("cent")) == sn.Euro("1.50")


def test_quantity_of_rule_values() -> None:
    rules = sn.load_rules()
    read = rules.read("sun_es.outcome.F1.applications")
    assert str(sn.units.quantity_of(read.value, read.unit).units) == "application"
    envelope = rules.read("sun_es.envelope.total")
    assert sn.units.to_euro(sn.units.quantity_of(envelope.value, envelope.unit)) == envelope.value
    with pytest.raises(sn.errors.UnknownUnitError):
        sn.units.quantity_of(1, sn.Unit.DAYS)


@given(
    st.integers(1, 10**9),
    st.integers(1, 10**7),
    st.integers(0, 10**7),
)
def test_pint_agrees_with_plain_fractions(amount_cents: int, per: int, n: int) -> None:
    rate = sn.units.euro_rate(sn.Euro.from_cents(amount_cents), sn.units.count(per, "inhabitant"))
    exact = Fraction(amount_cents, 100) / per * n
    through_pint = sn.units.apply_rate(rate, sn.units.count(n, "inhabitant"), sn.CENT_HALF_UP)
    assert through_pint == sn.Euro.round(exact, sn.CENT_HALF_UP)
