"""The column variants of the rounding rules give the same cents as the scalar ones."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import (
    CENT_HALF_UP,
    EURO_HALF_UP,
    INT64_MAX,
    RoundingMode,
    RoundingPolicy,
    round_quotient,
)
from segur_numerique.errors import CentsOverflowError

CENTS = st.integers(min_value=-(10**12), max_value=10**12)
FACTORS = st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6)


@given(st.lists(CENTS, min_size=1, max_size=50), FACTORS, st.sampled_from(list(RoundingMode)))
def test_scale_cents_column_equals_scalar(
    cents: list[int], factor: Fraction, mode: RoundingMode
) -> None:
    policy = RoundingPolicy(step=Fraction(1, 100), mode=mode)
    if max(abs(c) for c in cents) * 2 * abs(factor.numerator) > INT64_MAX:
        with pytest.raises(CentsOverflowError):  # refused, never wrapped around
            policy.scale_cents(np.asarray(cents, dtype=np.int64), factor)
        return
    column = policy.scale_cents(np.asarray(cents, dtype=np.int64), factor)
    assert column.dtype == np.int64
    scalar = [Euro.round(Euro.from_cents(c).value * factor, policy).cents for c in cents]
    assert column.tolist() == scalar
    assert [policy.scale_cents(c, factor) for c in cents] == scalar


@given(
    st.lists(CENTS, min_size=1, max_size=50),
    st.integers(1, 10**6),
    st.sampled_from(list(RoundingMode)),
)
def test_round_quotient_column_equals_fraction(
    numerators: list[int], den: int, mode: RoundingMode
) -> None:
    column = round_quotient(np.asarray(numerators, dtype=np.int64), den, mode)
    policy = RoundingPolicy(step=Fraction(1), mode=mode)
    assert column.tolist() == [int(policy.round(Fraction(n, den))) for n in numerators]


def test_euro_step_column() -> None:
    assert EURO_HALF_UP.scale_cents(np.asarray([12345, 12350, -12350]), Fraction(1)).tolist() == [
        12300,
        12400,
        -12400,
    ]


def test_overflow_is_refused_not_wrapped() -> None:
    big = np.asarray([INT64_MAX // 2], dtype=np.int64)
    with pytest.raises(CentsOverflowError, match="int64"):
        CENT_HALF_UP.scale_cents(big, Fraction(6, 5))
    # Python integers never overflow: the scalar path stays exact.
    assert CENT_HALF_UP.scale_cents(INT64_MAX, Fraction(6, 5)) > INT64_MAX
