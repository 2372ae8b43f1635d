"""Rounding policies: the one place where an exact value becomes a rounded one.

Every computation that rounds names a :class:`RoundingPolicy`; rounding never goes through the
global :mod:`decimal` context (whose default, ``ROUND_HALF_EVEN``, is not what French texts say).
The arithmetic is done on :class:`fractions.Fraction` with integers only, so it is exact and
independent of any process-wide state.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.text import Text
from segur_numerique.errors import CentsOverflowError, FloatRefusedError, InvalidInputError

Exact = Fraction | Decimal | int
"""An exact number: a :class:`~fractions.Fraction`, a :class:`~decimal.Decimal` or an ``int``."""


def to_fraction(value: object, *, where: str = "value") -> Fraction:
    """Convert an exact number to a :class:`~fractions.Fraction`; refuse floats and booleans.

    >>> to_fraction(Decimal("0.125"))
    Fraction(1, 8)
    >>> to_fraction(0.1)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.FloatRefusedError: value: a float (0.1) is not exact; pass a Decimal, a Fraction or a string
    """
    if isinstance(value, bool):
        raise InvalidInputError(f"a boolean ({value}) is not a number", where=where)
    if isinstance(value, float):
        raise FloatRefusedError(
            f"a float ({value!r}) is not exact; pass a Decimal, a Fraction or a string", where=where
        )
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError(f"{value} is not a finite number", where=where)
        return Fraction(value)
    raise InvalidInputError(
        f"expected an exact number (Fraction, Decimal or int), got {type(value).__name__}",
        where=where,
    )


class RoundingMode(enum.Enum):
    """How a value halfway or between two steps is rounded."""

    HALF_UP = "half_up"
    """Half away from zero: 0.125 → 0.13 ("la fraction égale à 0,50 est comptée pour 1")."""
    HALF_EVEN = "half_even"
    """Half to the even step (banker's rounding); not used by French texts."""
    DOWN = "down"
    """Toward zero (truncation)."""
    UP = "up"
    """Away from zero."""
    FLOOR = "floor"
    """Toward minus infinity."""
    CEILING = "ceiling"
    """Toward plus infinity."""


INT64_MAX = 2**63 - 1
"""The largest value of an int64 column: cents beyond it are refused, never wrapped."""


def _never_negative(values: Any) -> bool:
    """Whether an ``int`` or an integer column holds no negative value."""
    if isinstance(values, int):
        return values >= 0
    return getattr(values, "size", 1) == 0 or bool(values.min() >= 0)


def round_quotient(numerator: Any, denominator: int, mode: RoundingMode) -> Any:
    """``numerator / denominator`` rounded to an integer by ``mode``: **the** rounding arithmetic.

    ``numerator`` is a Python ``int`` or an integer column (a numpy int64 array, or anything with
    ``//``, ``-``, comparisons, ``&`` and ``|``); ``denominator`` a positive ``int``. Only integer
    operators are used, so the scalar path (:meth:`RoundingPolicy.round`, through
    :func:`_round_units`) and the column path (:meth:`RoundingPolicy.scale_cents` on arrays)
    share this one definition; a differential test checks that they give the same cents.

    >>> (
    ...     round_quotient(125, 10, RoundingMode.HALF_UP),
    ...     round_quotient(-125, 10, RoundingMode.HALF_UP),
    ... )
    (13, -13)
    >>> round_quotient(125, 10, RoundingMode.HALF_EVEN), round_quotient(-7, 2, RoundingMode.DOWN)
    (12, -3)
    """
    if mode is RoundingMode.HALF_UP and _never_negative(numerator):
        # Money is non-negative: half up is then floor((2n + d) / 2d), three column operations.
        return (2 * numerator + denominator) // (2 * denominator)
    floor = numerator // denominator
    rest = numerator - floor * denominator  # in [0, denominator)
    if mode is RoundingMode.FLOOR:
        return floor
    inexact = rest > 0
    if mode is RoundingMode.CEILING:
        return floor + inexact
    if mode is RoundingMode.DOWN:
        return floor + (inexact & (numerator < 0))
    if mode is RoundingMode.UP:
        return floor + (inexact & (numerator > 0))
    twice = 2 * rest
    if mode is RoundingMode.HALF_UP:
        return floor + ((twice > denominator) | ((twice == denominator) & (numerator > 0)))
    return floor + ((twice > denominator) | ((twice == denominator) & (floor % 2 == 1)))


def _round_units(value: Fraction, mode: RoundingMode) -> int:
    """Round ``value`` (a number of steps) to an integer number of steps."""
    return int(round_quotient(value.numerator, value.denominator, mode))


def _largest(values: Any) -> int:
    """The largest absolute value of an ``int`` or of an integer column (0 when empty)."""
    if isinstance(values, int):
        return abs(values)
    if getattr(values, "size", 1) == 0:
        return 0
    return max(int(values.max()), -int(values.min()))


def check_int64(values: Any, factor: Any, *, where: str) -> None:
    """Refuse int64 columns whose product ``values × factor`` could leave the int64 range.

    Either may be an ``int`` or a column; when both are Python ``int`` nothing can overflow.
    The check is on the largest absolute values, so that a product is refused
    (:class:`~segur_numerique.errors.CentsOverflowError`) rather than wrapped around silently.
    """
    if isinstance(values, int) and isinstance(factor, int):
        return
    largest, times = _largest(values), _largest(factor)
    if largest * times > INT64_MAX:
        raise CentsOverflowError(
            f"{largest} × {times} exceeds the int64 range of a column of cents "
            f"({INT64_MAX}); split the table or use the one-by-one API (Python integers)",
            where=where,
        )


@attrs.frozen
class RoundingPolicy:
    """A declared rounding rule: a step, a mode and the text that prescribes it.

    >>> CENT_HALF_UP.round(Decimal("0.125"))
    Fraction(13, 100)
    >>> CENT_HALF_UP.round(Decimal("-0.125"))
    Fraction(-13, 100)
    >>> RoundingPolicy(step=Fraction(1), mode=RoundingMode.DOWN, basis=None).round(Fraction(7, 2))
    Fraction(3, 1)
    """

    step: Fraction = attrs.field(converter=to_fraction)
    mode: RoundingMode
    basis: Text | None = attrs.field(default=None, kw_only=True)
    """The legal basis of the rule, when there is one."""

    @step.validator
    def _positive(self, _attribute: attrs.Attribute[Fraction], value: Fraction) -> None:
        if value <= 0:
            raise InvalidInputError(f"must be positive, got {value}", where="step")

    def round(self, value: Exact) -> Fraction:
        """Round an exact value to a whole number of steps, following the mode."""
        exact = to_fraction(value)
        return _round_units(exact / self.step, self.mode) * self.step

    def scale_cents(self, cents: Any, factor: Fraction, *, where: str = "cents") -> Any:
        """``cents × factor`` rounded by this policy, in whole cents: an ``int`` or an int64 column.

        The column variant of :meth:`round` (same arithmetic: :func:`round_quotient`); the step
        must be a whole number of cents. A column that could overflow int64 is refused
        (:class:`~segur_numerique.errors.CentsOverflowError`).

        >>> CENT_HALF_UP.scale_cents(87500, Fraction(6, 5))
        105000
        >>> EURO_HALF_UP.scale_cents(12345, Fraction(1))
        12300
        """
        step = self.step * 100
        if step.denominator != 1:
            raise InvalidInputError(
                f"rounding step {self.step} is not a whole number of cents", where="policy"
            )
        factor = to_fraction(factor, where="factor")
        check_int64(cents, 2 * factor.numerator, where=where)
        return self.quotient_cents(cents * factor.numerator, factor.denominator, where=where)

    def quotient_cents(self, cents: Any, denominator: int, *, where: str = "cents") -> Any:
        """``cents / denominator`` rounded by this policy, in whole cents (``int`` or int64 column).

        >>> CENT_HALF_UP.quotient_cents(240000000 * 450000, 300000)
        360000000
        """
        step = self.step * 100
        if step.denominator != 1:
            raise InvalidInputError(
                f"rounding step {self.step} is not a whole number of cents", where="policy"
            )
        if isinstance(denominator, bool) or not isinstance(denominator, int) or denominator <= 0:
            raise InvalidInputError(f"must be a positive integer, got {denominator!r}", where=where)
        check_int64(cents, 2, where=where)
        units = round_quotient(cents, denominator * step.numerator, self.mode)
        return units * step.numerator

    def describe(self) -> Text:
        """A short bilingual description, e.g. ``half up to 0.01``."""
        fr_modes = {
            RoundingMode.HALF_UP: "au plus proche, la moitié comptée pour 1",
            RoundingMode.HALF_EVEN: "au plus proche, la moitié vers le pair",
            RoundingMode.DOWN: "vers zéro",
            RoundingMode.UP: "en s'éloignant de zéro",
            RoundingMode.FLOOR: "vers le bas",
            RoundingMode.CEILING: "vers le haut",
        }
        step = Decimal(self.step.numerator) / Decimal(self.step.denominator)
        return Text(
            fr=f"arrondi {fr_modes[self.mode]} au pas de {str(step).replace('.', ',')}",
            en=f"rounded {self.mode.value.replace('_', ' ')} to a step of {step}",
        )


CENT_HALF_UP = RoundingPolicy(
    step=Fraction(1, 100),
    mode=RoundingMode.HALF_UP,
    basis=Text(
        fr=(
            "CGI art. 1649 undecies (« la fraction égale à 0,50 est comptée pour 1 ») ; "
            "règlement (CE) n° 1103/97, art. 5 (arrondi au cent le plus proche, "
            "la moitié arrondie par excès)"
        ),
        en=(
            "French tax code art. 1649 undecies (a half counts as one); "
            "Regulation (EC) No 1103/97, art. 5 (rounded to the nearest cent, halves up)"
        ),
    ),
)
"""The default policy: half up to the cent (CGI art. 1649 undecies; Reg. (EC) 1103/97 art. 5)."""

EURO_HALF_UP = attrs.evolve(CENT_HALF_UP, step=Fraction(1))
"""Half up to the euro (CGI art. 1649 undecies, for bases rounded to the euro)."""
