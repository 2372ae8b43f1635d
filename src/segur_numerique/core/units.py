"""Counts and euro rates per unit, with dimensional checks (pint).

The rules speak of counts of different things (inhabitants, stays, documents, points,
establishments, dialysis sessions, applications) and of euro rates per such unit: e-parcours
pays "800 000 € par bassin de 300 000 habitants" (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours], the H&TI report of 9 July 2019), avenant 9 pays 7 € per
point (rules digest, avenant 9 §6 [docs: explanation/rules/avenant9]). Multiplying a rate per inhabitant by a number of stays is a bug that pint
catches: :class:`UnitMismatchError` names both units.

Design:

* **One private registry**, built empty (``UnitRegistry(None)``: no physical units, so
  ``point`` is a forfait point, not a typographic one) with ``non_int_type=Fraction``, so that
  magnitudes stay exact. Registry build: about 6 ms.
* **Exact magnitudes only.** Counts are ``int``; euro amounts enter as :class:`~segur_numerique.Euro`
  (converted to an exact ``Fraction`` of euros); rates are built from those. Floats are refused
  (:class:`~segur_numerique.errors.FloatRefusedError`). We never let pint parse magnitudes from strings
  (the Decimal mode of pint crashes on ``Quantity("1.2345", "m")``, pint issue #2068; string
  magnitudes used to parse as float, #1505): :func:`parse_rate` reads the numbers itself and
  passes pint only unit names.
* **Money leaves pint as a Euro.** :func:`to_euro` checks the dimension is ``[currency]`` and
  rounds with a declared :class:`~segur_numerique.RoundingPolicy` (or refuses a fraction of a cent
  when none is given).

Performance (``benchmarks/pint_overhead.py``, N = 20 000, best of 3, pint 0.25, Python 3.11, on
the shared 2-core machine under load, so ranges over three runs): applying the e-parcours rate to
a population costs 50-106 µs through :func:`apply_rate` (checked, rounded to a Euro), 23-42 µs for
the bare pint product and conversion, 10-31 µs for ``Fraction × int`` then ``Euro.round``,
1.4-2.4 µs for the bare ``Fraction`` product and 0.05 µs in integer cents. Building the
registry costs 1-4 ms once. So pint costs 3-8 times the exact Fraction path, and most of that
path is the rounding itself. pint therefore stays **at the edges**: it checks and converts a rate
once (:func:`magnitude_in`); loops over establishments or bassins (allocations, batch paths) use
the bare ``Fraction`` or integer cents.

>>> dac = parse_rate("800 000 € per 300 000 inhabitants")
>>> dac
<Quantity(8/3, 'euro / inhabitant')>
>>> apply_rate(dac, count(450_000, "inhabitant"))
Euro('1200000.00')
>>> apply_rate(dac, count(12, "stays"))
Traceback (most recent call last):
...
segur_numerique.errors.UnitMismatchError: rate × quantity: euro / inhabitant × stay gives 'euro * stay / inhabitant', not euros ([currency])
"""

from __future__ import annotations

import functools
import importlib
import re
from fractions import Fraction
from typing import Any, Final

from segur_numerique.core.money import Euro
from segur_numerique.core.provenance import Unit
from segur_numerique.core.rounding import RoundingPolicy
from segur_numerique.errors import (
    FloatRefusedError,
    InvalidInputError,
    UnitMismatchError,
    UnknownUnitError,
)

Quantity = Any
"""A ``pint.Quantity`` of the private registry (pint has no usable static types)."""


@functools.cache
def _pint() -> Any:
    """pint, imported on first use.

    Importing pint costs ~0.2 s (it also probes numpy and dask), which a caller who never touches
    units should not pay at ``import segur_numerique``.
    """
    return importlib.import_module("pint")


COUNT_UNITS: Final = (
    "inhabitant",
    "stay",
    "document",
    "point",
    "establishment",
    "session",
    "application",
)
"""The count units, singular (pint also reads the plurals: ``"inhabitants"``)."""

_DEFINITIONS: Final = (
    "euro = [currency] = € = EUR",
    "cent = euro / 100",
    "inhabitant = [population] = habitant",
    "stay = [stay] = sejour",
    "document = [document]",
    "point = [point]",
    "establishment = [establishment]",
    "session = [session]",
    "application = [application]",
)


@functools.cache
def unit_registry() -> Any:
    """The package's unit registry: euros, cents and the count units, exact (Fraction) magnitudes.

    Built once (immutable after construction; ``functools.cache``).
    """
    ureg: Any = _pint().UnitRegistry(None, non_int_type=Fraction)
    for line in _DEFINITIONS:
        ureg.define(line)
    return ureg


def _units(name: str, *, where: str) -> Any:
    try:
        return unit_registry().parse_units(name)
    except (_pint().errors.UndefinedUnitError, AttributeError, ValueError, TypeError):
        known = ", ".join(("euro", "cent", *COUNT_UNITS))
        raise UnknownUnitError(
            f"unknown unit {name!r}; known units: {known}", where=where
        ) from None


def count(n: int, unit: str) -> Quantity:
    """A count of ``unit`` (``count(300_000, "inhabitant")``); ``n`` is a non-negative ``int``.

    >>> count(3, "sessions")
    <Quantity(3, 'session')>
    >>> count(2.5, "stay")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.FloatRefusedError: count: a float (2.5) is not exact; a count is a whole number
    """
    if isinstance(n, float):
        raise FloatRefusedError(
            f"a float ({n!r}) is not exact; a count is a whole number", where="count"
        )
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidInputError(f"a count must be an int, got {type(n).__name__}", where="count")
    if n < 0:
        raise InvalidInputError(f"a count cannot be negative, got {n}", where="count")
    units = _units(unit, where="unit")
    if units.dimensionality == unit_registry().euro.dimensionality:
        raise UnitMismatchError(
            f"{unit!r} is money, not a count; use euro_quantity()", where="unit"
        )
    return unit_registry().Quantity(n, units)


def euro_quantity(amount: Euro) -> Quantity:
    """An amount as a pint quantity of euros (an exact ``Fraction`` magnitude).

    >>> euro_quantity(Euro("800000"))
    <Quantity(800000, 'euro')>
    """
    _check_euro(amount)
    return unit_registry().Quantity(amount.value, "euro")


def _check_euro(amount: object) -> None:
    if not isinstance(amount, Euro):
        if isinstance(amount, float):
            raise FloatRefusedError(f"a float ({amount!r}) is not exact", where="amount")
        raise InvalidInputError(
            f"expected a Euro amount, got {type(amount).__name__}", where="amount"
        )


def euro_rate(amount: Euro, per: Quantity) -> Quantity:
    """A euro rate: ``amount`` per ``per`` (``euro_rate(Euro("7"), count(1, "point"))``).

    >>> euro_rate(Euro("7"), count(1, "point"))
    <Quantity(7, 'euro / point')>
    """
    _check_quantity(per, where="per")
    if per.magnitude == 0:
        raise InvalidInputError("a rate per zero units is undefined", where="per")
    return euro_quantity(amount) / per


_RATE_RE: Final = re.compile(
    r"^\s*(?P<amount>.+?€(?:\s*(?:HT|TTC))?)\s*(?:per|par|/)\s*(?P<count>\d[\d \u00a0\u202f]*)?\s*(?P<unit>[^\d\s].*?)\s*$"
)


def parse_rate(text: str) -> Quantity:
    """Read a rate written as in the sources: ``"800 000 € per 300 000 inhabitants"``.

    ``per``, ``par`` or ``/`` separate the amount (any notation of
    :meth:`~segur_numerique.Euro.parse`) from the count, which may be left out (``"7 € / point"``).
    Numbers are read here, never by pint (see the module docstring).

    >>> parse_rate("7 € par point")
    <Quantity(7, 'euro / point')>
    >>> parse_rate("200 000 € / 300 000 habitants")
    <Quantity(2/3, 'euro / inhabitant')>
    >>> parse_rate("7 € per parsec")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnknownUnitError: rate: unknown unit 'parsec'; known units: euro, cent, inhabitant, stay, document, point, establishment, session, application
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"expected a text, got {type(text).__name__}", where="rate")
    found = _RATE_RE.match(text)
    if found is None:
        raise InvalidInputError(
            f"cannot read {text!r}; write it as '800 000 € per 300 000 inhabitants'", where="rate"
        )
    amount = Euro.parse(found["amount"])
    digits = re.sub(r"[ \u00a0\u202f]", "", found["count"] or "1")
    units = _units(found["unit"], where="rate")
    return euro_rate(amount, unit_registry().Quantity(int(digits), units))


def _check_quantity(q: object, *, where: str) -> None:
    if not isinstance(q, unit_registry().Quantity):
        if isinstance(q, float):
            raise FloatRefusedError(f"a float ({q!r}) is not exact", where=where)
        raise InvalidInputError(
            f"expected a quantity with a unit, got {type(q).__name__}", where=where
        )
    if isinstance(q.magnitude, float):
        raise FloatRefusedError(f"a float magnitude ({q.magnitude!r}) is not exact", where=where)


def magnitude_in(q: Quantity, unit: str) -> Fraction:
    """The exact magnitude of ``q`` in ``unit``, checking the dimension (for hot loops).

    Convert a rate once with this, then compute with the bare ``Fraction``.

    >>> magnitude_in(parse_rate("800 000 € per 300 000 inhabitants"), "euro / inhabitant")
    Fraction(8, 3)
    >>> magnitude_in(count(3, "stay"), "inhabitant")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnitMismatchError: quantity: cannot convert stay to inhabitant
    """
    _check_quantity(q, where="quantity")
    target = _units(unit, where="unit")
    try:
        converted = q.to(target)
    except _pint().errors.DimensionalityError:
        raise UnitMismatchError(f"cannot convert {q.units} to {target}", where="quantity") from None
    return Fraction(converted.magnitude)


def to_euro(q: Quantity, policy: RoundingPolicy | None = None) -> Euro:
    """A quantity of money back to a :class:`~segur_numerique.Euro`.

    Without ``policy`` the amount must be exact to the cent; with one, it is rounded by it.

    >>> from segur_numerique import CENT_HALF_UP
    >>> to_euro(parse_rate("1 € per 3 stays") * count(1, "stay"), CENT_HALF_UP)
    Euro('0.33')
    """
    _check_quantity(q, where="quantity")
    if q.dimensionality != unit_registry().euro.dimensionality:
        raise UnitMismatchError(f"{q.units} is not an amount of euros", where="quantity")
    value = magnitude_in(q, "euro")
    return Euro(value) if policy is None else Euro.round(value, policy)


def apply_rate(
    euro_rate: Quantity, quantity: Quantity, policy: RoundingPolicy | None = None
) -> Euro:
    """``euro_rate × quantity`` as a Euro, refusing mixed units (rounded by ``policy`` if given).

    >>> apply_rate(parse_rate("7 € / point"), count(400, "points"))
    Euro('2800.00')
    """
    _check_quantity(euro_rate, where="rate")
    _check_quantity(quantity, where="quantity")
    product = euro_rate * quantity
    if product.dimensionality != unit_registry().euro.dimensionality:
        raise UnitMismatchError(
            f"{euro_rate.units} × {quantity.units} gives {str(product.units)!r}, not euros "
            "([currency])",
            where="rate × quantity",
        )
    return to_euro(product, policy)


_RULE_UNITS: Final = {
    Unit.EUR: "euro",
    Unit.EUR_PER_POINT: "euro / point",
    Unit.EUR_PER_INHABITANTS: "euro / inhabitant",
    Unit.COUNT: "",
    Unit.INHABITANTS: "inhabitant",
    Unit.STAYS: "stay",
    Unit.DOCUMENTS: "document",
    Unit.SESSIONS: "session",
    Unit.ESTABLISHMENTS: "establishment",
    Unit.APPLICATIONS: "application",
    Unit.POINTS: "point",
}


def quantity_of(value: object, unit: Unit) -> Quantity:
    """A rule value (as read from the data) with its :class:`~segur_numerique.Unit` as a quantity.

    >>> import segur_numerique as sn
    >>> read = sn.load_rules().read("sun_es.outcome.F1.selected")
    >>> quantity_of(read.value, read.unit)
    <Quantity(879, 'establishment')>
    """
    name = _RULE_UNITS.get(unit)
    if name is None:
        raise UnknownUnitError(f"the rule unit {unit.value!r} has no pint unit", where="unit")
    if isinstance(value, Euro):
        return unit_registry().Quantity(value.value, _units(name, where="unit"))
    if isinstance(value, float):
        raise FloatRefusedError(f"a float ({value!r}) is not exact", where="value")
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidInputError(f"expected a number, got {type(value).__name__}", where="value")
    return unit_registry().Quantity(value, _units(name, where="unit") if name else "")


__all__ = [
    "COUNT_UNITS",
    "apply_rate",
    "count",
    "euro_quantity",
    "euro_rate",
    "magnitude_in",
    "parse_rate",
    "quantity_of",
    "to_euro",
    "unit_registry",
]
