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
from segur_numerique.core.text import CURRENCY_SPACE_FR, Lang, check_lang, group_digits
from segur_numerique.errors import AmountFormatError, FloatRefusedError, InvalidInputError

_SPACES: Final = " \u00a0\u202f\u2009"
_MULTIPLIERS: Final[dict[str, int]] = {"": 1, "k": 1_000, "K": 1_000, "M": 1_000_000}
_MULTIPLIERS.update(dict.fromkeys(("Md", "Mds", "Mrd", "Mrds"), 1_000_000_000))
_NUMBER: Final = r"[0-9][0-9 \u00a0\u202f\u2009.,]*"
_AMOUNT_RE: Final = re.compile(
    rf"""\s*(?P<sign>[-−+]?)\s*
    (?:€\s*(?P<prefixed>{_NUMBER})
    |(?P<number>{_NUMBER})\s*(?P<mult>k|K|M|Mds|Md|Mrds|Mrd)?\s*(?:€|EUR|euros?))\s*
    (?P<tax>HT|TTC)?\s*""",
    re.VERBOSE,
)
_PLAIN_RE: Final = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_AMBIGUOUS_RE: Final = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")
_FORMS: Final = (
    "accepted forms: '1234,56 €', '1 234,56 €' (normal, no-break or narrow no-break spaces), "
    "'1.234,56 €', '€1,234.56', '1,234.56 €', '1234.56 EUR', '158 M€', '1,4 Md€'"
)
_ADVICE: Final = f"group thousands with spaces ('1 500 €') or write two decimals; {_FORMS}"


def _ambiguous(number: str, original: str, advice: str) -> AmountFormatError:
    """The error for ``1.500``-like text: one mark followed by three digits."""
    mark = "," if "," in number else "."
    return AmountFormatError(
        f"{original!r} is ambiguous: the {mark!r} in {number!r} followed by three digits may be "
        f"a thousands separator ({number.replace(mark, '')}) or a decimal mark "
        f"({number.replace(mark, '.')}); {advice}",
        where="amount",
    )


def _marks(number: str) -> tuple[str, str]:
    """The group mark and the decimal mark of ``number`` (``""`` when there is none)."""
    if " " in number:
        return " ", "," if "," in number else "." if "." in number else ""
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        return "." if decimal == "," else ",", decimal
    mark = "," if "," in number else "." if "." in number else ""
    return (mark, "") if number.count(mark) > 1 else ("", mark)


def _parse_number(raw: str, original: str) -> Fraction:
    """Read the number of an amount in one of the accepted forms; refuse an ambiguous one."""
    number = re.sub(f"[{_SPACES}]", " ", raw.strip())
    group, decimal = _marks(number)
    if not group and _AMBIGUOUS_RE.fullmatch(number):
        raise _ambiguous(number, original, _ADVICE)
    integer, _, fraction = number.partition(decimal) if decimal else (number, "", "")
    if group:
        if not re.fullmatch(rf"[1-9][0-9]{{0,2}}(?:{re.escape(group)}[0-9]{{3}})+", integer):
            raise AmountFormatError(f"misplaced grouping in {original!r}; {_FORMS}", where="amount")
        integer = integer.replace(group, "")
    if not re.fullmatch("[0-9]+", integer) or (decimal and not re.fullmatch("[0-9]+", fraction)):
        raise AmountFormatError(f"cannot read the number in {original!r}; {_FORMS}", where="amount")
    return Fraction(int(integer + fraction), 10 ** len(fraction))


def _plain(text: str) -> Fraction:
    """Read the constructor's canonical form: a plain number with a dot as decimal mark."""
    number = text.strip()
    if _AMBIGUOUS_RE.fullmatch(number.lstrip("+-")):
        advice = "Euro() reads '1500' or '1.50'; use Euro.parse for notations like '1 500 €'"
        raise _ambiguous(number.lstrip("+-"), text, advice)
    if not _PLAIN_RE.fullmatch(number):
        raise AmountFormatError(
            f"cannot read {text!r} as a plain number such as '1234.56' or '-12.5'; use "
            "Euro.parse for notations like '1 234,56 €'",
            where="amount",
        )
    return Fraction(Decimal(number))


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

    Build one from an exact number (never a float) or from a string in the canonical form: a
    plain number with a dot as decimal mark (``"1234.56"``, ``"-12.5"``, the form of
    :meth:`to_json`). Other notations go through :meth:`parse`.

    >>> Euro("1234.56")
    Euro('1234.56')
    >>> Euro("0.1") + Euro("0.2") == Euro("0.3")
    True
    >>> Euro(0.1)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.FloatRefusedError: amount: a float (0.1) is not exact; pass a Decimal, a Fraction or a string

    A single mark followed by exactly three digits may be a thousands separator or a decimal
    mark, so it is refused rather than guessed (``"0.125"`` is not: no group starts with 0):

    >>> Euro("1.500")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.AmountFormatError: amount: '1.500' is ambiguous: the '.' in '1.500' followed by three digits may be a thousands separator (1500) or a decimal mark (1.500); Euro() reads '1500' or '1.50'; use Euro.parse for notations like '1 500 €'
    """

    cents: int = attrs.field(converter=_cents_of)

    def __init__(self, amount: str | Exact) -> None:
        """Build an amount from a plain number (``"12.5"``, ``Decimal("12.5")``, ``12``).

        The value must be exact to the cent (use :meth:`round` otherwise); :meth:`parse` reads
        notations such as ``"1 234,56 €"`` or ``"158 M€"``.
        """
        value = _plain(amount) if isinstance(amount, str) else to_fraction(amount, where="amount")
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
    def parse(cls, text: str, *, rounding: RoundingPolicy | None = None) -> Euro:
        """Read an amount written the French, the English or the abbreviated way.

        A currency is required: ``€`` before the number (the English form, sign first:
        ``-€1,234.56``) or ``€``, ``EUR``, ``euro(s)`` after it, optionally with a multiplier
        (``k``, ``M``, ``Md``, ``Mds``, ``Mrd``, ``Mrds``). The number is one of:

        * plain, with a comma or a dot as decimal mark: ``"1234,56 €"``, ``"1234.56 EUR"``;
        * grouped by threes with spaces (normal, no-break or narrow no-break), either decimal
          mark: ``"1 234,56 €"`` (the output of :meth:`format` in French);
        * grouped with commas and a dot decimal (``"€1,234.56"``, ``"1,673.8 k€"``) or the other
          way round (``"1.234,56 €"``), or with one mark used twice or more (``"1.234.567 €"``).

        A single ``.`` or ``,`` followed by exactly three digits after one to three digits (not
        0), as in ``"1.500 €"`` or ``"1,234 €"``, is refused: it may be either mark. A value that
        is not exact to the cent is refused unless ``rounding`` names a policy. A trailing ``HT``
        or ``TTC`` is refused too, because dropping it would lose information: use
        :meth:`Price.parse`. ``Euro.parse(x.format(lang))`` gives back ``x`` in both languages.

        >>> Euro.parse("1 234,56 €") == Euro.parse("€1,234.56") == Euro.parse("1.234,56 €")
        True
        >>> Euro.parse("158 M€"), Euro.parse("1,4 Md€"), Euro.parse("-0,00 €")
        (Euro('158000000.00'), Euro('1400000000.00'), Euro('0.00'))
        >>> Euro.parse("0,125 €", rounding=CENT_HALF_UP)
        Euro('0.13')
        >>> Euro.parse("1,500 €")
        Traceback (most recent call last):
        ...
        segur_numerique.errors.AmountFormatError: amount: '1,500 €' is ambiguous: the ',' in '1,500' followed by three digits may be a thousands separator (1500) or a decimal mark (1.500); group thousands with spaces ('1 500 €') or write two decimals; accepted forms: ...
        >>> Euro.parse("22 500 € HT")
        Traceback (most recent call last):
        ...
        segur_numerique.errors.AmountFormatError: amount: '22 500 € HT' says HT; read it with Price.parse to keep the tax basis
        """
        amount, tax = _parse(text, rounding)
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

        French typography: digits grouped by narrow no-break spaces, a no-break space before
        ``€`` (:func:`~segur_numerique.core.text.group_digits`); :meth:`parse` reads them back.
        """
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        if check_lang(lang) == "fr":
            return f"{sign}{group_digits(whole, 'fr')},{cents:02d}{CURRENCY_SPACE_FR}€"
        return f"{sign}€{group_digits(whole, 'en')}.{cents:02d}"

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


def _parse(text: str, rounding: RoundingPolicy | None) -> tuple[Euro, TaxBasis | None]:
    if not isinstance(text, str):
        raise InvalidInputError(f"expected a string, got {type(text).__name__}", where="amount")
    match = _AMOUNT_RE.fullmatch(text)
    if match is None:
        raise AmountFormatError(f"cannot read {text!r} as a euro amount; {_FORMS}", where="amount")
    number = _parse_number(match["prefixed"] or match["number"], text)
    value = number * _MULTIPLIERS[match["mult"] or ""]
    if match["sign"] in {"-", "−"}:
        value = -value
    tax = TaxBasis(match["tax"]) if match["tax"] else None
    if (value * 100).denominator == 1:
        return Euro(value), tax
    if rounding is None:
        raise AmountFormatError(
            f"{text!r} is not exact to the cent; name a rounding, e.g. "
            "Euro.parse(text, rounding=CENT_HALF_UP)",
            where="amount",
        )
    return Euro.round(value, rounding), tax


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

    >>> Price.parse("875 € HT").to_ttc(VatRate.parse("20 %"))
    Price(amount=Euro('1050.00'), basis=<TaxBasis.TTC: 'TTC'>)
    """

    amount: Euro
    basis: TaxBasis

    @classmethod
    def parse(cls, text: str, *, rounding: RoundingPolicy | None = None) -> Price:
        """Read ``"22 500 € HT"`` or ``"€1,050.00 TTC"`` (forms of :meth:`Euro.parse`); the basis is required."""
        amount, tax = _parse(text, rounding)
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
