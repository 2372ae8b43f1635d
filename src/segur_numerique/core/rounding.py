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

import attrs

from segur_numerique.core.text import Text
from segur_numerique.errors import FloatRefusedError, InvalidInputError

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


def _round_units(value: Fraction, mode: RoundingMode) -> int:
    """Round ``value`` (a number of steps) to an integer number of steps."""
    floor = value.numerator // value.denominator
    rest = value - floor  # in [0, 1)
    if rest == 0:
        return floor
    ceiling = floor + 1
    if mode is RoundingMode.FLOOR:
        return floor
    if mode is RoundingMode.CEILING:
        return ceiling
    if mode is RoundingMode.DOWN:
        return floor if value > 0 else ceiling
    if mode is RoundingMode.UP:
        return ceiling if value > 0 else floor
    half = Fraction(1, 2)
    if rest != half:
        return floor if rest < half else ceiling
    if mode is RoundingMode.HALF_UP:
        return ceiling if value > 0 else floor
    return floor if floor % 2 == 0 else ceiling  # HALF_EVEN


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
