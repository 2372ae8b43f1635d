"""Exact euro amounts.

:class:`Euro` stores a whole number of **cents** (an ``int``), so an amount is exact to the cent
by construction and arithmetic between amounts is exact. Anything that would create a fraction
of a cent (a rate, a share, a pro rata) goes through :meth:`Euro.scale` or :meth:`Euro.round`,
which take a :class:`~segur_numerique.RoundingPolicy` (half up to the cent by default, as French
and EU texts say). Floats are refused everywhere.

Integer cents rather than ``Decimal``: no context, no precision limit, fast sums over millions of
rows, and the same representation as the int64 columns of the batch paths.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from segur_numerique.core.rounding import CENT_HALF_UP, Exact, RoundingPolicy, to_fraction
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import AmountFormatError, FloatRefusedError, InvalidInputError

_SPACES: Final = " \u00a0\u202f\u2009"
_MULTIPLIERS: Final[dict[str, int]] = {
    "": 1,
    "k": 1_000,
    "K": 1_000,
    "M": 1_000_000,
    "Md": 1_000_000_000,
    "Mds": 1_000_000_000,
    "Mrd": 1_000_000_000,
    "Mrds": 1_000_000_000,
}
_AMOUNT_RE: Final = re.compile(
    r"""^\s*(?P<sign>[-−+]?)\s*
    (?P<number>\d[\d \u00a0\u202f\u2009.,]*)\s*
    (?P<mult>k|K|M|Mds|Md|Mrds|Mrd)?\s*
    (?P<cur>€|EUR|euros?)\s*
    (?P<tax>HT|TTC)?\s*$""",
    re.VERBOSE,
)


def _parse_number(raw: str, original: str) -> Fraction:
    """Read a number written the French or the English way (spaces, commas, points)."""
    number = raw.strip()
    for space in _SPACES:
        number = number.replace(space, "")
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
    else:
        decimal_mark = "," if "," in number else "."
        group_mark = ""
    integer, _, fraction = number.partition(decimal_mark)
    if decimal_mark in fraction or (group_mark and group_mark in fraction):
        raise AmountFormatError(f"cannot read the number in {original!r}", where="amount")
    if group_mark:
        groups = integer.split(group_mark)
        if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            raise AmountFormatError(f"misplaced digit grouping in {original!r}", where="amount")
        integer = "".join(groups)
    spaced = raw.strip()
    spaced_integer = re.split(r"[.,]", spaced, maxsplit=1)[0] if group_mark == "" else ""
    if spaced_integer and any(s in spaced_integer.strip() for s in _SPACES):
        groups = re.split(f"[{_SPACES}]+", spaced_integer.strip())
        if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            raise AmountFormatError(f"misplaced digit grouping in {original!r}", where="amount")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        raise AmountFormatError(f"cannot read the number in {original!r}", where="amount")
    return Fraction(Decimal(f"{integer}.{fraction or '0'}"))


def _cents_of(value: object, *, where: str = "cents") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise FloatRefusedError(f"a float ({value!r}) is not exact", where=where)
        raise InvalidInputError(f"cents must be an int, got {type(value).__name__}", where=where)
    return value


class TaxBasis(enum.Enum):
    """Whether an amount is before (HT, hors taxes) or after (TTC, toutes taxes comprises) VAT."""

    HT = "HT"
    TTC = "TTC"


@attrs.frozen(order=True)
class Euro:
    """An amount in euros, exact to the cent.

    Build one from a string or an exact number (never a float):

    >>> Euro("1234.56")
    Euro('1234.56')
    >>> Euro.parse("1,4 Md€")
    Euro('1400000000.00')
    >>> Euro.parse("800 000 €").format("fr")
    '800 000,00 €'
    >>> Euro("0.1") + Euro("0.2") == Euro("0.3")
    True
    >>> Euro("800000").scale(Fraction(3, 5))
    Euro('480000.00')
    >>> Euro(0.1)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.FloatRefusedError: amount: a float (0.1) is not exact; pass a Decimal, a Fraction or a string
    """

    cents: int = attrs.field(converter=_cents_of)

    def __init__(self, amount: str | Exact) -> None:
        """Build an amount from a plain number (``"12.5"``, ``Decimal("12.5")``, ``12``).

        The value must be exact to the cent; use :meth:`round` for a value that is not, and
        :meth:`parse` for notations such as ``"1 234,56 €"`` or ``"158 M€"``.
        """
        if isinstance(amount, str):
            try:
                value = Fraction(Decimal(amount.strip()))
            except (ArithmeticError, ValueError):
                raise AmountFormatError(
                    f"cannot read {amount!r} as a number; use Euro.parse for notations like "
                    "'1 234,56 €'",
                    where="amount",
                ) from None
        else:
            value = to_fraction(amount, where="amount")
        cents = value * 100
        if cents.denominator != 1:
            raise AmountFormatError(
                f"{amount!r} is not exact to the cent; round it with Euro.round(value, policy)",
                where="amount",
            )
        self.__attrs_init__(int(cents))  # type: ignore[attr-defined]

    @classmethod
    def from_cents(cls, cents: int) -> Euro:
        """An amount from a whole number of cents.

        >>> Euro.from_cents(105000)
        Euro('1050.00')
        """
        return cls(Fraction(_cents_of(cents, where="cents"), 100))

    @classmethod
    def zero(cls) -> Euro:
        """0,00 €."""
        return cls.from_cents(0)

    @classmethod
    def round(cls, value: Exact, policy: RoundingPolicy = CENT_HALF_UP) -> Euro:
        """Round an exact number of euros with ``policy`` (half up to the cent by default).

        >>> Euro.round(Fraction(1, 8))
        Euro('0.13')
        """
        rounded = policy.round(to_fraction(value, where="amount"))
        cents = rounded * 100
        if cents.denominator != 1:
            raise InvalidInputError(
                f"rounding policy step {policy.step} does not give whole cents", where="policy"
            )
        return cls.from_cents(int(cents))

    @classmethod
    def parse(cls, text: str) -> Euro:
        """Read an amount written the French or the abbreviated way.

        Accepted: ``"1 234,56 €"``, ``"1234.56 EUR"``, ``"158 M€"``, ``"1,4 Md€"``, ``"24.9 M€"``,
        ``"1,673.8 k€"``, ``"800 000 €"`` (spaces may be no-break spaces). A trailing ``HT`` or
        ``TTC`` is refused here, because dropping it would lose information: use
        :meth:`Price.parse`.

        >>> Euro.parse("158 M€")
        Euro('158000000.00')
        >>> Euro.parse("22 500 € HT")
        Traceback (most recent call last):
        ...
        segur_numerique.errors.AmountFormatError: amount: '22 500 € HT' says HT; read it with Price.parse to keep the tax basis
        """
        amount, tax = _parse(text)
        if tax is not None:
            raise AmountFormatError(
                f"{text!r} says {tax.value}; read it with Price.parse to keep the tax basis",
                where="amount",
            )
        return amount

    @property
    def value(self) -> Fraction:
        """The exact amount in euros, as a :class:`~fractions.Fraction`."""
        return Fraction(self.cents, 100)

    @property
    def decimal(self) -> Decimal:
        """The amount in euros as a two-place :class:`~decimal.Decimal`."""
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return Decimal(f"{sign}{whole}.{cents:02d}")

    def scale(self, factor: Exact, policy: RoundingPolicy = CENT_HALF_UP) -> Euro:
        """Multiply by an exact factor and round once with ``policy``.

        >>> Euro("875").scale(Fraction(6, 5))
        Euro('1050.00')
        """
        return Euro.round(self.value * to_fraction(factor, where="factor"), policy)

    def format(self, lang: Lang = "fr") -> str:
        """The amount written for people: ``1 234,56 €`` (fr) or ``€1,234.56`` (en).

        French output uses plain spaces as digit-group separators, so that it can be copied and
        compared easily; :meth:`parse` also reads no-break spaces.
        """
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        if check_lang(lang) == "fr":
            return f"{sign}{whole:,}".replace(",", " ") + f",{cents:02d} €"
        return f"{sign}€{whole:,}.{cents:02d}"

    def __str__(self) -> str:
        return self.format("fr")

    def __repr__(self) -> str:
        return f"Euro('{self.decimal}')"

    def __add__(self, other: object) -> Euro:
        if not isinstance(other, Euro):
            return NotImplemented
        return Euro.from_cents(self.cents + other.cents)

    def __sub__(self, other: object) -> Euro:
        if not isinstance(other, Euro):
            return NotImplemented
        return Euro.from_cents(self.cents - other.cents)

    def __neg__(self) -> Euro:
        return Euro.from_cents(-self.cents)

    def __mul__(self, other: object) -> Euro:
        """Multiplication by a whole number only (exact); use :meth:`scale` for a rate."""
        if isinstance(other, bool) or not isinstance(other, int):
            if isinstance(other, float):
                raise FloatRefusedError("cannot multiply an amount by a float", where="factor")
            return NotImplemented
        return Euro.from_cents(self.cents * other)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.cents != 0

    def to_json(self) -> str:
        """The amount as a JSON string with two decimals, e.g. ``"1050.00"``."""
        return str(self.decimal)


def euro_sum(amounts: Iterable[Euro]) -> Euro:
    """The exact sum of an iterable of :class:`Euro` (``0,00 €`` when empty).

    >>> euro_sum([Euro("0.10"), Euro("0.20")])
    Euro('0.30')
    """
    total = 0
    for i, amount in enumerate(amounts):
        if not isinstance(amount, Euro):
            raise InvalidInputError(f"expected Euro, got {type(amount).__name__}", where=f"[{i}]")
        total += amount.cents
    return Euro.from_cents(total)


def _parse(text: str) -> tuple[Euro, TaxBasis | None]:
    if not isinstance(text, str):
        raise InvalidInputError(f"expected a string, got {type(text).__name__}", where="amount")
    match = _AMOUNT_RE.match(text)
    if match is None:
        raise AmountFormatError(
            f"cannot read {text!r} as a euro amount (e.g. '1 234,56 €', '158 M€', '1,4 Md€')",
            where="amount",
        )
    number = _parse_number(match["number"], text)
    multiplier = _MULTIPLIERS[match["mult"] or ""]
    value = number * multiplier
    if match["sign"] in {"-", "−"}:
        value = -value
    if (value * 100).denominator != 1:
        raise AmountFormatError(f"{text!r} is not exact to the cent", where="amount")
    tax = TaxBasis(match["tax"]) if match["tax"] else None
    return Euro(value), tax


@attrs.frozen
class VatRate:
    """A VAT rate (taux de TVA) as an exact fraction, e.g. ``VatRate.parse("20 %")``.

    >>> VatRate.parse("20 %").rate
    Fraction(1, 5)
    """

    rate: Fraction = attrs.field(converter=to_fraction)

    @rate.validator
    def _in_range(self, _attribute: attrs.Attribute[Fraction], value: Fraction) -> None:
        if not 0 <= value < 1:
            raise InvalidInputError(f"must be in [0, 1), got {value}", where="vat rate")

    @classmethod
    def parse(cls, text: str) -> VatRate:
        """Read ``"20 %"``, ``"5,5 %"`` or ``"0.2"``."""
        raw = text.strip()
        for space in _SPACES:
            raw = raw.replace(space, "")
        try:
            if raw.endswith("%"):
                return cls(Fraction(Decimal(raw[:-1].replace(",", "."))) / 100)
            return cls(Fraction(Decimal(raw.replace(",", "."))))
        except (ArithmeticError, ValueError):
            raise InvalidInputError(
                f"cannot read {text!r} as a VAT rate", where="vat rate"
            ) from None


@attrs.frozen
class Price:
    """An amount with its tax basis (HT or TTC), e.g. a SONS ceiling.

    >>> p = Price.parse("875 € HT")
    >>> p.to_ttc(VatRate.parse("20 %"))
    Price(amount=Euro('1050.00'), basis=<TaxBasis.TTC: 'TTC'>)
    """

    amount: Euro
    basis: TaxBasis

    @classmethod
    def parse(cls, text: str) -> Price:
        """Read ``"22 500 € HT"`` or ``"1 050,00 € TTC"``; the basis is required."""
        amount, tax = _parse(text)
        if tax is None:
            raise AmountFormatError(f"{text!r} says neither HT nor TTC", where="amount")
        return cls(amount, tax)

    def to_ttc(self, vat: VatRate, policy: RoundingPolicy = CENT_HALF_UP) -> Price:
        """The TTC price: HT × (1 + rate), rounded once with ``policy``."""
        if self.basis is TaxBasis.TTC:
            return self
        return Price(self.amount.scale(1 + vat.rate, policy), TaxBasis.TTC)

    def to_ht(self, vat: VatRate, policy: RoundingPolicy = CENT_HALF_UP) -> Price:
        """The HT price: TTC / (1 + rate), rounded once with ``policy``."""
        if self.basis is TaxBasis.HT:
            return self
        return Price(self.amount.scale(1 / (1 + vat.rate), policy), TaxBasis.HT)

    def format(self, lang: Lang = "fr") -> str:
        """``22 500,00 € HT``."""
        return f"{self.amount.format(lang)} {self.basis.value}"
