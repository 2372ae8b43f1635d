"""Largest-remainder rounding and water-filling: the integer core of every allocation.

All of it works on whole cents and exact fractions, and adds up exactly (rules digest, Ségur Numérique §8 [docs: explanation/rules/segur]: "an
allocation split across beneficiaries must add up exactly to the envelope").

**Largest remainder** (méthode du plus fort reste). Each beneficiary's exact share of the
envelope, in cents, is ``envelope × weight / total weight``. Everyone first gets the whole cents
of their exact share (rounded down); the cents left over (fewer than the number of
beneficiaries) go one each to the beneficiaries with the largest fractional remainders.

**Tie-break** (documented and deterministic): among equal remainders, the larger weight first,
then the beneficiary id in increasing code-point order (``sorted`` on ``str``). The result never
depends on the order in which beneficiaries are given.

**Caps** (plafonds) are applied by *water-filling*: the exact shares are computed; a beneficiary
whose exact share exceeds its cap is fixed at its cap; what the caps leave is shared again,
pro rata, among the others, until no exact share exceeds its cap. Only then are the remaining
cents rounded by largest remainder, so a capped beneficiary gets exactly its cap and nobody gets
more than theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import to_fraction
from segur_numerique.core.text import Text
from segur_numerique.errors import AllocationError

Weight = Fraction | Decimal | int | Euro
"""A weight: an exact number (activity, population, a share) or an amount (a request)."""


TIE_BREAK: Final = Text(
    fr=(
        "plus fort reste ; à reste égal, le poids le plus élevé d'abord, puis l'identifiant "
        "du bénéficiaire par ordre croissant"
    ),
    en=(
        "largest remainder; for equal remainders, the larger weight first, then the "
        "beneficiary id in increasing order"
    ),
)
"""The documented tie-break of every largest-remainder rounding in this module."""


def largest_remainder_cents(
    total_cents: int, exact_cents: Mapping[str, Fraction], weights: Mapping[str, Fraction]
) -> dict[str, int]:
    """Round exact cent shares that add up to ``total_cents`` into whole cents that do too.

    ``exact_cents`` must add up exactly to ``total_cents``. Ties are broken by :data:`TIE_BREAK`.

    >>> largest_remainder_cents(
    ...     100,
    ...     {"a": Fraction(100, 3), "b": Fraction(200, 3)},
    ...     {"a": Fraction(1), "b": Fraction(2)},
    ... )
    {'a': 33, 'b': 67}
    """
    if sum(exact_cents.values(), Fraction(0)) != total_cents:
        raise AllocationError(
            "the exact shares do not add up to the total", where="largest remainder"
        )
    floors = {k: v.numerator // v.denominator for k, v in exact_cents.items()}
    left = total_cents - sum(floors.values())
    order = sorted(exact_cents, key=lambda k: (-(exact_cents[k] - floors[k]), -weights[k], k))
    for key in order[:left]:
        floors[key] += 1
    return floors


def _check_id(key: object, where: str) -> str:
    if not isinstance(key, str) or not key:
        raise AllocationError(
            f"a beneficiary id must be a non-empty string, got {key!r}", where=where
        )
    return key


def _weight(value: object, where: str) -> Fraction:
    weight = value.value if isinstance(value, Euro) else to_fraction(value, where=where)
    if weight < 0:
        raise AllocationError(f"a weight cannot be negative, got {weight}", where=where)
    return weight


def _envelope(value: object, where: str = "envelope") -> Euro:
    if not isinstance(value, Euro):
        raise AllocationError(f"expected a Euro amount, got {type(value).__name__}", where=where)
    if value.cents < 0:
        raise AllocationError(f"cannot be negative, got {value.format('en')}", where=where)
    return value


def _water_fill(
    total: Fraction, weights: Mapping[str, Fraction], caps: Mapping[str, Fraction]
) -> tuple[dict[str, Fraction], frozenset[str]]:
    """Exact shares of ``total`` pro rata of ``weights``, none above its cap (in cents)."""
    fixed: dict[str, Fraction] = {}
    while True:
        free = {k: w for k, w in weights.items() if k not in fixed}
        rest = total - sum(fixed.values(), Fraction(0))
        free_weight = sum(free.values(), Fraction(0))
        if free_weight == 0:
            if rest != 0:
                raise AllocationError(
                    "the caps cannot absorb the envelope: every beneficiary with a positive "
                    f"weight is at its cap and {Euro.round(rest / 100).format('en')} is left",
                    where="caps",
                )
            return {**{k: Fraction(0) for k in free}, **fixed}, frozenset(fixed)
        exact = {k: rest * w / free_weight for k, w in free.items()}
        over = {k for k, v in exact.items() if k in caps and v > caps[k]}
        if not over:
            return {**exact, **fixed}, frozenset(fixed)
        for k in over:
            fixed[k] = caps[k]
