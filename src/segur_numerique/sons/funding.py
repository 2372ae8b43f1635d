"""SONS equipment funding: ceilings HT and TTC, advance and balance, maintenance (rules digest, SONS §3 [docs: explanation/rules/sons]).

The State pays the vendor for a "Prestation Ségur" up to a ceiling (plafond), shown HT and TTC (VAT
20 %, 2 decimals, ANS). Known ceilings (secondary sources): pharmacy LGO 625-875 € HT by turnover
band, biology SGL 22,500-38,565 € HT by lab sites, LOINC transcoding 3,500 € per instance (HT or
TTC unstated: treated as HT). Band limits are declared unknowns (``sons.ceiling.lgo.band.<n>...``);
a supplied band amount must lie within the known range. Payment: an advance on the signed order
(30 %, inferred), a 70 % balance once installation is certified (VA or MOM). Maintenance: six years
at most (the ARS Occitanie SUN-ES FAQ).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro, Price, TaxBasis, VatRate
from segur_numerique.core.rounding import CENT_HALF_UP
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import CeilingRangeError, InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import ReadRecorder, RuleSet


class CeilingKind(enum.Enum):
    """The SONS ceilings the library knows (rules digest, SONS §3 [docs: explanation/rules/sons])."""

    LGO = "lgo"
    """Pharmacy software (logiciel de gestion d'officine), vague 1: by turnover band."""
    SGL = "sgl"
    """Biology lab software (système de gestion de laboratoire), vague 1: by number of sites."""
    LOINC = "loinc"
    """LOINC transcoding (biology): a flat forfait."""


@attrs.frozen(repr=False)
class Ceiling(HtmlResult):
    """A SONS ceiling HT and TTC (2 decimals), with its explanation."""

    ht: Price
    ttc: Price
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Plafond SONS", en="SONS ceiling"),
            value=self.ttc,
            value_name="ttc",
            facts=(Fact("ht", Text(fr="HT", en="excl. VAT"), self.ht),),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The ceiling and its explanation as a JSON object."""
        return {
            "ht": encode_value(self.ht),
            "ttc": encode_value(self.ttc),
            "explanation": self.explanation.to_json(),
        }


def _vat(rules: RuleSet, on: dt.date | None) -> tuple[VatRate, ParameterRead]:
    rate, read = rules.read_as("sons.vat_rate", Fraction, on=on)
    return VatRate(rate), read


def ttc_cents(ht_cents: Any, vat_rate: Fraction) -> Any:
    """The TTC cents of HT cents: ``HT × (1 + rate)`` rounded half up, an ``int`` or an int64 column.

    The one definition of the TTC amount: :func:`ttc` and :func:`~segur_numerique.sons.ttc_table`
    both call it.

    >>> ttc_cents(87500, Fraction(1, 5))
    105000
    """
    return CENT_HALF_UP.scale_cents(ht_cents, 1 + vat_rate, where="amount_ht")


def balance_cents(total_cents: Any, balance_share: Fraction) -> Any:
    """The balance (solde) in cents: ``amount × 70 %`` rounded half up (``int`` or int64 column).

    The advance is ``amount − balance``. The one definition of the split: :func:`payments` and
    :func:`~segur_numerique.sons.payments_table` both call it.
    """
    return CENT_HALF_UP.scale_cents(total_cents, balance_share, where="amount")


def payment_shares(
    rules: RuleSet, on: dt.date | None
) -> tuple[Fraction, tuple[ParameterRead, ParameterRead]]:
    """The balance share (70 %) and the two share reads, checked to sum to 1."""
    balance_share, balance_read = rules.read_as("sons.payment.balance_share", Fraction, on=on)
    advance_share, advance_read = rules.read_as("sons.payment.advance_share", Fraction, on=on)
    if balance_share + advance_share != 1:
        raise InvalidInputError(
            f"advance and balance shares sum to {balance_share + advance_share}, not 1",
            where="sons.payment",
        )
    return balance_share, (balance_read, advance_read)


def ttc(
    amount_ht: Euro | Price,
    *,
    on: dt.date | None = None,
    reads: tuple[ParameterRead, ...] = (),
    inputs: tuple[InputValue, ...] = (),
    rules: RuleSet | None = None,
    assumptions: tuple[Text, ...] = (),
) -> Ceiling:
    """A ceiling HT and its TTC value: HT × (1 + 20 %), rounded half up to the cent.

    >>> from segur_numerique import load_rules
    >>> ttc(Euro("875"), rules=load_rules()).ttc.format("en")
    '€1,050.00 TTC'
    """
    rules = resolve_rules(rules)
    if isinstance(amount_ht, Price):
        if amount_ht.basis is not TaxBasis.HT:
            raise InvalidInputError("expected an HT amount", where="amount_ht")
        amount_ht = amount_ht.amount
    if not isinstance(amount_ht, Euro) or amount_ht.cents < 0:
        raise InvalidInputError(
            f"expected a non-negative Euro amount, got {amount_ht!r}", where="amount_ht"
        )
    vat, vat_read = _vat(rules, on)
    ht = Price(amount_ht, TaxBasis.HT)
    ttc = Price(Euro.from_cents(ttc_cents(amount_ht.cents, vat.rate)), TaxBasis.TTC)
    explanation = Explanation(
        rule="sons.ceiling",
        title=Text(fr="Plafond SONS HT et TTC", en="SONS ceiling HT and TTC"),
        outcome=Text(
            fr=f"{ht.format('fr')} = {ttc.format('fr')}",
            en=f"{ht.format('en')} = {ttc.format('en')}",
        ),
        result=ttc,
        inputs=inputs or (InputValue("amount_ht", ht),),
        parameters=(*reads, vat_read),
        assumptions=assumptions,
        rounding=(
            RoundingStep(
                what=Text(fr="montant TTC", en="TTC amount"),
                exact=amount_ht.value * (1 + vat.rate),
                rounded=ttc.amount.value,
                policy=CENT_HALF_UP,
            ),
        ),
    )
    return Ceiling(ht, ttc, explanation)


def _ceiling_kind(kind: CeilingKind | str) -> CeilingKind:
    try:
        return CeilingKind(kind)
    except ValueError:
        names = ", ".join(k.value for k in CeilingKind)
        raise InvalidInputError(
            f"unknown ceiling {kind!r}; expected one of {names}", where="kind"
        ) from None


def _band_measure(
    which: CeilingKind, turnover: Euro | None, sites: int | None
) -> tuple[int, str, InputValue]:
    """The measure a band is chosen by (LGO: turnover in cents, SGL: sites), checked."""
    if which is CeilingKind.LGO:
        if not isinstance(turnover, Euro) or turnover.cents < 0 or sites is not None:
            raise InvalidInputError(
                "the LGO ceiling needs the turnover (a non-negative Euro amount) and no sites",
                where="turnover",
            )
        return turnover.cents, "turnover_from", InputValue("turnover", turnover)
    if isinstance(sites, bool) or not isinstance(sites, int) or sites < 1 or turnover is not None:
        raise InvalidInputError(
            "the SGL ceiling needs the number of lab sites (a whole number ≥ 1) and no turnover",
            where="sites",
        )
    return sites, "sites_from", InputValue("sites", sites)


def _band_index(
    recorder: ReadRecorder, prefix: str, bound_name: str, measure: int, measure_name: str
) -> int:
    """The 0-based band of ``measure``, the band bounds read through ``recorder``."""
    count = recorder.read_as(f"{prefix}.band_count", int)
    bounds: list[int] = []
    for n in range(1, count + 1):
        bound = recorder.read_as(f"{prefix}.band.{n}.{bound_name}", object)
        bounds.append(bound.cents if isinstance(bound, Euro) else int(bound))  # type: ignore[call-overload]
    if any(b <= a for a, b in itertools.pairwise(bounds)) or not bounds:
        raise InvalidInputError(
            f"band bounds must be strictly increasing, got {bounds}",
            where=f"{prefix}.band.*.{bound_name}",
        )
    index = bisect.bisect_right(bounds, measure) - 1
    if index < 0:
        raise InvalidInputError(f"{measure_name} is below the first band", where=measure_name)
    return index


_LOINC = Text(
    fr="La source donne le forfait LOINC sans dire HT ou TTC : traité comme HT (plafonds SGL).",
    en="The source gives the LOINC forfait without HT or TTC: treated as HT (SGL ceilings).",
)


def ceiling(
    kind: CeilingKind | str,
    *,
    turnover: Euro | None = None,
    sites: int | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Ceiling:
    """The ceiling of a Prestation Ségur: LGO by ``turnover``, SGL by ``sites``, LOINC flat.

    The LGO and SGL bands are caller-supplied (unknown officially); each band amount is checked
    against the known range (``sons.ceiling.<kind>.min`` / ``.max``).

    >>> from segur_numerique import illustrative_assumptions, load_rules
    >>> ceiling("loinc", rules=load_rules()).ttc.amount
    Euro('4200.00')
    >>> ceiling("sgl", sites=4, rules=illustrative_assumptions()).ht.amount
    Euro('30000.00')
    """
    rules = resolve_rules(rules)
    which = _ceiling_kind(kind)
    if which is CeilingKind.LOINC:
        if turnover is not None or sites is not None:
            raise InvalidInputError("the LOINC forfait takes no turnover or sites", where="kind")
        forfait, loinc = rules.read_as("sons.ceiling.loinc", Euro, on=on)
        reads, inputs = (loinc,), (InputValue("kind", which.value),)
        return ttc(forfait, on=on, reads=reads, inputs=inputs, assumptions=(_LOINC,), rules=rules)
    measure, bound_name, measure_input = _band_measure(which, turnover, sites)
    prefix = f"sons.ceiling.{which.value}"
    recorder = ReadRecorder(rules, on)
    read = recorder.read_as
    index = _band_index(recorder, prefix, bound_name, measure, measure_input.name)
    amount = read(f"{prefix}.band.{index + 1}.amount", Euro)
    low, high = read(f"{prefix}.min", Euro), read(f"{prefix}.max", Euro)
    if not low <= amount <= high:
        raise CeilingRangeError(
            f"{amount.format('en')} lies outside the known range {low.format('en')} to "
            f"{high.format('en')} HT",
            where=f"{prefix}.band.{index + 1}.amount",
        )
    keep = {
        f"{prefix}.band_count",
        f"{prefix}.band.{index + 1}.{bound_name}",
        f"{prefix}.band.{index + 1}.amount",
        f"{prefix}.min",
        f"{prefix}.max",
    }
    return ttc(
        amount,
        on=on,
        reads=tuple(r for r in recorder.reads if r.key in keep),
        inputs=(InputValue("kind", which.value), measure_input, InputValue("band", index + 1)),
        rules=rules,
    )


@attrs.frozen(repr=False)
class Payments(HtmlResult):
    """The advance and the balance of a Prestation Ségur.

    Attributes:
        advance: paid on the signed order (30 %, inferred: the complement of the 70 %).
        balance: the 70 % balance (solde), paid once installation is certified.
        pending: true while installation is not certified (the balance is not yet due).
    """

    amount: Euro
    advance: Euro
    balance: Euro
    pending: bool
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr="Versements SONS (avance et solde)", en="SONS payments (advance and balance)"
            ),
            value=self.amount,
            facts=(
                Fact("advance", Text(fr="avance", en="advance"), self.advance),
                Fact("balance", Text(fr="solde", en="balance"), self.balance),
                Fact("pending", Text(fr="solde en attente", en="balance pending"), self.pending),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The payments and their explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "advance": encode_value(self.advance),
            "balance": encode_value(self.balance),
            "pending": self.pending,
            "explanation": self.explanation.to_json(),
        }


def _payment_total(amount: Euro | Ceiling) -> tuple[Euro, tuple[Explanation, ...]]:
    """The amount to split (a ceiling's TTC amount) and the explanation it comes from."""
    children: tuple[Explanation, ...] = ()
    if isinstance(amount, Ceiling):
        total, children = amount.ttc.amount, (amount.explanation,)
    elif isinstance(amount, Euro):
        total = amount
    else:
        raise InvalidInputError(f"expected a Euro amount, got {amount!r}", where="amount")
    if total.cents < 0:
        raise InvalidInputError("cannot be negative", where="amount")
    return total, children


def payments(
    amount: Euro | Ceiling,
    *,
    installation_certified_on: dt.date | None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Payments:
    """Split an amount into the advance and the 70 % balance (rules digest, SONS §3 [docs: explanation/rules/sons]).

    The balance is ``amount × 70 %`` rounded half up (70 % is the confirmed share); the advance
    is the rest, so the two add up exactly. A :class:`Ceiling` is split on its TTC amount.

    >>> from segur_numerique import load_rules
    >>> p = payments(Euro("1050"), installation_certified_on=None, rules=load_rules())
    >>> p.advance, p.balance, p.pending
    (Euro('315.00'), Euro('735.00'), True)
    """
    rules = resolve_rules(rules)
    total, children = _payment_total(amount)
    if installation_certified_on is not None and (
        isinstance(installation_certified_on, dt.datetime)
        or not isinstance(installation_certified_on, dt.date)
    ):
        raise InvalidInputError("expected a date", where="installation_certified_on")
    balance_share, (balance_read, advance_read) = payment_shares(rules, on)
    exact = total.value * balance_share
    balance = Euro.from_cents(balance_cents(total.cents, balance_share))
    advance = total - balance
    pending = installation_certified_on is None
    explanation = Explanation(
        rule="sons.payments",
        title=Text(fr="Avance et solde SONS", en="SONS advance and balance"),
        outcome=Text(
            fr=f"avance {advance.format('fr')}, solde {balance.format('fr')}"
            + (
                " (en attente de la VA ou MOM)"
                if pending
                else f" (installation certifiée le {installation_certified_on})"
            ),
            en=f"advance {advance.format('en')}, balance {balance.format('en')}"
            + (
                " (awaiting VA or MOM)"
                if pending
                else f" (installation certified on {installation_certified_on})"
            ),
        ),
        result=total,
        inputs=(
            InputValue("amount", total),
            InputValue("installation_certified_on", installation_certified_on),
        ),
        parameters=(balance_read, advance_read),
        rounding=(
            RoundingStep(
                what=Text(fr="solde", en="balance"),
                exact=exact,
                rounded=balance.value,
                policy=CENT_HALF_UP,
            ),
        ),
        assumptions=(
            Text(
                fr="Avance = montant − solde arrondi (30 % déduit), pour que les deux tombent juste.",
                en="Advance = amount − rounded balance (30 % inferred), so that both add up exactly.",
            ),
        ),
        children=children,
    )
    return Payments(total, advance, balance, pending, explanation)
