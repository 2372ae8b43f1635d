"""Allocate, scale down, split by shares: an envelope shared exact to the cent, explained.

Every function here rounds by largest remainder with the documented tie-break, and caps by
water-filling (see :mod:`segur_numerique.funding_scaling.remainders`); the shares always add up
exactly to the envelope (rules digest, Ségur Numérique §8 [docs: explanation/rules/segur]).

Properties (tested with hypothesis): without caps the shares add up exactly to the envelope and
each is within one cent of its exact pro rata value; a larger weight never gets less; permuting
the beneficiaries changes nothing.

Hand-written rather than a library: the usual apportionment packages work on floats or seats, not
on exact cents with caps and an explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.headline import Fact, Headline, Number, Table, table
from segur_numerique.core.money import Euro
from segur_numerique.core.provenance import Source
from segur_numerique.core.rounding import RoundingMode, RoundingPolicy
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.plots import plot_allocation
from segur_numerique.funding_scaling.remainders import (
    TIE_BREAK,
    Weight,
    _check_id,
    _envelope,
    _water_fill,
    _weight,
    largest_remainder_cents,
)


@attrs.frozen
class Share:
    """One beneficiary's part of an allocation.

    Attributes:
        beneficiary: the beneficiary's id.
        weight: its weight (an exact number).
        exact: its exact share in euros, after caps (a :class:`~fractions.Fraction`).
        amount: the share in whole cents.
        cap: its cap, if any.
        capped: whether the cap bound (the share was cut to the cap).
    """

    beneficiary: str
    weight: Fraction
    exact: Fraction
    amount: Euro
    cap: Euro | None = None
    capped: bool = False

    def to_json(self) -> dict[str, JsonValue]:
        """The share as a JSON object."""
        return {
            "beneficiary": self.beneficiary,
            "weight": encode_value(self.weight),
            "exact": encode_value(self.exact),
            "amount": encode_value(self.amount),
            "cap": encode_value(self.cap),
            "capped": self.capped,
        }


@attrs.frozen(repr=False)
class Allocation(HtmlResult):
    """An envelope shared among beneficiaries, exact to the cent, with its explanation.

    ``shares`` are sorted by beneficiary id. ``unallocated`` is what could not be given (only
    for :func:`scale_to_envelope` when the requests are below the envelope).
    """

    envelope: Euro
    shares: tuple[Share, ...]
    explanation: Explanation
    factor: Fraction | None = None
    unallocated: Euro = attrs.field(factory=Euro.zero)
    plot = plot_allocation

    def __getitem__(self, beneficiary: str) -> Euro:
        for share in self.shares:
            if share.beneficiary == beneficiary:
                return share.amount
        raise KeyError(beneficiary)

    @property
    def amounts(self) -> dict[str, Euro]:
        """``{beneficiary: amount}``, in beneficiary order."""
        return {s.beneficiary: s.amount for s in self.shares}

    @property
    def total(self) -> Euro:
        """The sum of the shares."""
        return Euro.from_cents(sum(s.amount.cents for s in self.shares))

    def _headline(self) -> Headline:
        facts = [
            Fact("envelope", Text(fr="enveloppe", en="envelope"), self.envelope),
            Fact("shares", Text(fr="bénéficiaires", en="beneficiaries"), len(self.shares)),
        ]
        if self.unallocated:
            facts.append(
                Fact("unallocated", Text(fr="non alloué", en="unallocated"), self.unallocated)
            )
        if self.factor is not None:
            facts.append(Fact("factor", Text(fr="coefficient", en="factor"), self.factor))
        return Headline(
            title=Text(fr="Répartition d'enveloppe", en="Envelope allocation"),
            value=self.total,
            value_name="total",
            facts=tuple(facts),
        )

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[object, ...]] = [
            (s.beneficiary, Number(s.weight), s.amount, s.cap, s.capped) for s in self.shares
        ]
        header = (
            Text(fr="bénéficiaire", en="beneficiary"),
            Text(fr="poids", en="weight"),
            Text(fr="montant", en="amount"),
            Text(fr="plafond", en="cap"),
            Text(fr="plafonné", en="capped"),
        )
        return (table(Text(fr="Parts", en="Shares"), header, rows),)

    def to_json(self) -> dict[str, JsonValue]:
        """The allocation and its explanation as a JSON object."""
        return {
            "envelope": encode_value(self.envelope),
            "factor": encode_value(self.factor),
            "unallocated": encode_value(self.unallocated),
            "shares": [s.to_json() for s in self.shares],
            "explanation": self.explanation.to_json(),
        }


def _checked_weights(weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    if not isinstance(weights, Mapping) or not weights:
        raise AllocationError("at least one beneficiary is required", where="weights")
    return {_check_id(k, "weights"): _weight(v, f"weights[{k!r}]") for k, v in weights.items()}


def _checked_caps(
    caps: Mapping[str, Euro] | None, w: Mapping[str, Fraction]
) -> dict[str, Fraction]:
    cap_cents: dict[str, Fraction] = {}
    for k, cap in (caps or {}).items():
        if k not in w:
            raise AllocationError(f"a cap is given for {k!r}, who has no weight", where="caps")
        cap_cents[k] = Fraction(_envelope(cap, where=f"caps[{k!r}]").cents)
    return cap_cents


def allocate(
    envelope: Euro,
    weights: Mapping[str, Weight],
    *,
    caps: Mapping[str, Euro] | None = None,
    weight_name: str = "weight",
) -> Allocation:
    """Share ``envelope`` among beneficiaries pro rata of ``weights``, exact to the cent.

    Largest remainder with the documented tie-break (:data:`TIE_BREAK`); optional per-beneficiary
    ``caps`` with redistribution of what they leave (water-filling). ``weight_name`` only labels
    the explanation (``"activity"``, ``"population"``).

    >>> a = allocate(Euro("100"), {"a": 1, "b": 1, "c": 1})
    >>> a.amounts
    {'a': Euro('33.34'), 'b': Euro('33.33'), 'c': Euro('33.33')}
    >>> allocate(Euro("100"), {"a": 1, "b": 3}, caps={"b": Euro("60")}).amounts
    {'a': Euro('40.00'), 'b': Euro('60.00')}

    Raises:
        AllocationError: a negative envelope, weight or cap, no beneficiary, all weights zero
            with a non-zero envelope, a cap for an unknown beneficiary, or caps that cannot
            absorb the envelope.
    """
    envelope = _envelope(envelope)
    w = _checked_weights(weights)
    cap_cents = _checked_caps(caps, w)
    if sum(w.values()) == 0 and envelope.cents != 0:
        raise AllocationError(
            "all weights are zero: the envelope cannot be shared pro rata", where="weights"
        )
    exact, capped = _water_fill(Fraction(envelope.cents), w, cap_cents)
    cents = largest_remainder_cents(envelope.cents, exact, w)
    shares = tuple(
        Share(
            beneficiary=k,
            weight=w[k],
            exact=exact[k] / 100,
            amount=Euro.from_cents(cents[k]),
            cap=caps[k] if caps and k in caps else None,
            capped=k in capped,
        )
        for k in sorted(w)
    )
    explanation = _allocation_explanation(envelope, shares, caps, weight_name, cents)
    return Allocation(envelope=envelope, shares=shares, explanation=explanation)


def _allocation_explanation(
    envelope: Euro,
    shares: tuple[Share, ...],
    caps: Mapping[str, Euro] | None,
    weight_name: str,
    cents: Mapping[str, int],
) -> Explanation:
    """The explanation of :func:`allocate` (inputs, one rounding step per share, assumptions)."""
    capped = sum(1 for s in shares if s.capped)
    exact = {s.beneficiary: s.exact * 100 for s in shares}
    return Explanation(
        rule="funding.allocate",
        title=Text(
            fr="Répartition d'une enveloppe au prorata", en="Pro rata allocation of an envelope"
        ),
        outcome=Text(
            fr=f"{envelope.format('fr')} répartis entre {len(shares)} bénéficiaires, "
            f"{capped} plafonnés",
            en=f"{envelope.format('en')} shared among {len(shares)} beneficiaries, {capped} capped",
        ),
        result=envelope,
        inputs=(
            InputValue("envelope", envelope),
            InputValue(f"{weight_name}s", tuple(f"{s.beneficiary}: {s.weight}" for s in shares)),
            InputValue(
                "caps",
                tuple(f"{k}: {v.format('en')}" for k, v in sorted(caps.items())) if caps else None,
                defaulted=not caps,
            ),
        ),
        rounding=tuple(
            RoundingStep(
                what=_share_rounding_text(k, cents[k] > exact[k]),
                exact=exact[k] / 100,
                rounded=Fraction(cents[k], 100),
                policy=_EXTRA_CENT if cents[k] > exact[k] else _WHOLE_CENTS,
            )
            for k in exact
            if exact[k].denominator != 1
        ),
        assumptions=(
            Text(fr=f"Arrondi : {TIE_BREAK.fr}.", en=f"Rounding: {TIE_BREAK.en}."),
            *((_WATER_FILLING,) if caps else ()),
        ),
    )


_WATER_FILLING = Text(
    fr="Les plafonds sont appliqués par remplissage : ce qu'ils laissent est "
    "réparti à nouveau au prorata entre les autres bénéficiaires.",
    en="Caps are applied by water-filling: what they leave is shared again "
    "pro rata among the other beneficiaries.",
)


def _share_rounding_text(key: str, extra_cent: bool) -> Text:
    if extra_cent:
        return Text(
            fr=f"part de {key} (centimes entiers, plus 1 centime au plus fort reste)",
            en=f"share of {key} (whole cents, plus 1 cent by largest remainder)",
        )
    return Text(fr=f"part de {key} (centimes entiers)", en=f"share of {key} (whole cents)")


_WHOLE_CENTS = RoundingPolicy(
    step=Fraction(1, 100),
    mode=RoundingMode.DOWN,
    basis=Text(
        fr="résumé des règles, Ségur Numérique §8 [docs : explanation/rules/segur] : une répartition doit tomber juste ; "
        + TIE_BREAK.fr,
        en="rules digest, Ségur Numérique §8 [docs: explanation/rules/segur]: an allocation must add up exactly; "
        + TIE_BREAK.en,
    ),
)
"""Largest remainder, first step: every share gets its whole cents (rounded down)."""

_EXTRA_CENT = attrs.evolve(_WHOLE_CENTS, mode=RoundingMode.UP)
"""Largest remainder, second step: the shares with the largest remainders get one cent more."""


def _restated(allocation: Allocation, **changes: Any) -> Allocation:
    """``allocation`` with its explanation restated (``changes`` are explanation fields)."""
    return attrs.evolve(allocation, explanation=attrs.evolve(allocation.explanation, **changes))


def scale_to_envelope(requests: Mapping[str, Euro], envelope: Euro) -> Allocation:
    """Scale requested amounts down, pro rata, so that they fit ``envelope``.

    When the requests fit, everyone gets their request (factor 1) and ``unallocated`` is what is
    left of the envelope. Otherwise each gets ``request × envelope / total requested``, rounded
    by largest remainder so that the shares add up exactly to the envelope; nobody gets more
    than requested.

    >>> s = scale_to_envelope({"a": Euro("300"), "b": Euro("100")}, Euro("200"))
    >>> s.amounts, s.factor
    ({'a': Euro('150.00'), 'b': Euro('50.00')}, Fraction(1, 2))
    """
    envelope = _envelope(envelope)
    if not isinstance(requests, Mapping) or not requests:
        raise AllocationError("at least one request is required", where="requests")
    checked = {
        _check_id(k, "requests"): _envelope(v, where=f"requests[{k!r}]")
        for k, v in requests.items()
    }
    requested = sum(v.cents for v in checked.values())
    if requested <= envelope.cents:
        shares = tuple(
            Share(k, checked[k].value, checked[k].value, checked[k], checked[k], False)
            for k in sorted(checked)
        )
        left = Euro.from_cents(envelope.cents - requested)
        explanation = Explanation(
            rule="funding.scale_to_envelope",
            title=Text(
                fr="Réduction des demandes à l'enveloppe", en="Scaling requests to an envelope"
            ),
            outcome=Text(
                fr=f"Les demandes ({Euro.from_cents(requested).format('fr')}) tiennent dans "
                f"l'enveloppe : servies en entier, {left.format('fr')} non alloués",
                en=f"The requests ({Euro.from_cents(requested).format('en')}) fit the envelope: "
                f"paid in full, {left.format('en')} unallocated",
            ),
            result=Euro.from_cents(requested),
            inputs=(
                InputValue("envelope", envelope),
                InputValue(
                    "requests", tuple(f"{k}: {checked[k].format('en')}" for k in sorted(checked))
                ),
            ),
        )
        return Allocation(envelope, shares, explanation, Fraction(1), left)
    allocation = allocate(envelope, checked, caps=checked, weight_name="request")
    factor = Fraction(envelope.cents, requested)
    scaled = _restated(
        allocation,
        rule="funding.scale_to_envelope",
        title=Text(fr="Réduction des demandes à l'enveloppe", en="Scaling requests to an envelope"),
        outcome=Text(
            fr=f"Demandes ({Euro.from_cents(requested).format('fr')}) réduites au prorata par "
            f"un facteur {factor} pour tenir dans {envelope.format('fr')}",
            en=f"Requests ({Euro.from_cents(requested).format('en')}) scaled pro rata by a "
            f"factor {factor} to fit {envelope.format('en')}",
        ),
    )
    return attrs.evolve(scaled, factor=factor)


def split_by_shares(
    envelope: Euro,
    shares: Mapping[str, Fraction | Decimal | int],
    *,
    reads: tuple[ParameterRead, ...] = (),
    basis: tuple[Source, ...] = (),
    assumptions: tuple[Text, ...] = (),
) -> Allocation:
    """Split ``envelope`` by shares that sum exactly to 1, exact to the cent.

    >>> split_by_shares(
    ...     Euro.parse("2 Md€"), {"human": Fraction(2, 3), "equipment": Fraction(1, 3)}
    ... ).amounts
    {'equipment': Euro('666666666.67'), 'human': Euro('1333333333.33')}

    Raises:
        AllocationError: a share is negative or the shares do not sum to 1 (the error gives the sum).
    """
    if not isinstance(shares, Mapping) or not shares:
        raise AllocationError("at least one share is required", where="shares")
    exact = {_check_id(k, "shares"): _weight(v, f"shares[{k!r}]") for k, v in shares.items()}
    total = sum(exact.values(), Fraction(0))
    if total != 1:
        raise AllocationError(f"the shares must sum to 1, they sum to {total}", where="shares")
    allocation = allocate(envelope, exact, weight_name="share")
    return _restated(
        allocation,
        rule="funding.split_by_shares",
        title=Text(fr="Partage d'une enveloppe par parts", en="Splitting an envelope by shares"),
        parameters=reads,
        basis=basis,
        assumptions=allocation.explanation.assumptions + assumptions,
    )
