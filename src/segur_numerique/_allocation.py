"""Funding-scaling computations: allocate, scale down, split by shares, pro rata temporis.

All of them work on whole cents and exact fractions, and all of them add up exactly (RULES.md
§8: "an allocation split across beneficiaries must add up exactly to the envelope").

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

Properties (tested with hypothesis): without caps the shares add up exactly to the envelope and
each is within one cent of its exact pro rata value; a larger weight never gets less; permuting
the beneficiaries changes nothing.

Hand-written rather than a library: the usual apportionment packages work on floats or seats, not
on exact cents with caps and an explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from segur_numerique._rules import Period, RuleSet
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP, RoundingMode, RoundingPolicy, to_fraction
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.provenance import Source

Weight = Fraction | Decimal | int | Euro
"""A weight: an exact number (activity, population, a share) or an amount (a request)."""


class AllocationError(InvalidInputError):
    """An allocation cannot be made: bad weights, shares or caps (says what and where)."""


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


@attrs.frozen
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

    def to_json(self) -> dict[str, JsonValue]:
        """The allocation and its explanation as a JSON object."""
        return {
            "envelope": encode_value(self.envelope),
            "factor": encode_value(self.factor),
            "unallocated": encode_value(self.unallocated),
            "shares": [s.to_json() for s in self.shares],
            "explanation": self.explanation.to_json(),
        }


# --------------------------------------------------------------------------------------------
# The integer core: usable on its own (e.g. by batch paths) and by the functions below.


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
    if not isinstance(weights, Mapping) or not weights:
        raise AllocationError("at least one beneficiary is required", where="weights")
    w = {_check_id(k, "weights"): _weight(v, f"weights[{k!r}]") for k, v in weights.items()}
    cap_cents: dict[str, Fraction] = {}
    for k, cap in (caps or {}).items():
        if k not in w:
            raise AllocationError(f"a cap is given for {k!r}, who has no weight", where="caps")
        cap_cents[k] = Fraction(_envelope(cap, where=f"caps[{k!r}]").cents)
    if sum(w.values()) == 0 and envelope.cents != 0:
        raise AllocationError(
            "all weights are zero: the envelope cannot be shared pro rata", where="weights"
        )
    exact, capped = _water_fill(Fraction(envelope.cents), w, cap_cents)
    cents = largest_remainder_cents(envelope.cents, exact, w)
    keys = sorted(w)
    shares = tuple(
        Share(
            beneficiary=k,
            weight=w[k],
            exact=exact[k] / 100,
            amount=Euro.from_cents(cents[k]),
            cap=caps[k] if caps and k in caps else None,
            capped=k in capped,
        )
        for k in keys
    )
    explanation = Explanation(
        rule="funding.allocate",
        title=Text(
            fr="Répartition d'une enveloppe au prorata", en="Pro rata allocation of an envelope"
        ),
        outcome=Text(
            fr=f"{envelope.format('fr')} répartis entre {len(keys)} bénéficiaires, "
            f"{sum(1 for s in shares if s.capped)} plafonnés",
            en=f"{envelope.format('en')} shared among {len(keys)} beneficiaries, "
            f"{sum(1 for s in shares if s.capped)} capped",
        ),
        result=envelope,
        inputs=(
            InputValue("envelope", envelope),
            InputValue(f"{weight_name}s", tuple(f"{k}: {w[k]}" for k in keys)),
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
            for k in keys
            if exact[k].denominator != 1
        ),
        assumptions=(
            Text(fr=f"Arrondi : {TIE_BREAK.fr}.", en=f"Rounding: {TIE_BREAK.en}."),
            *(
                (
                    Text(
                        fr="Les plafonds sont appliqués par remplissage : ce qu'ils laissent est "
                        "réparti à nouveau au prorata entre les autres bénéficiaires.",
                        en="Caps are applied by water-filling: what they leave is shared again "
                        "pro rata among the other beneficiaries.",
                    ),
                )
                if caps
                else ()
            ),
        ),
    )
    return Allocation(envelope=envelope, shares=shares, explanation=explanation)


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
        fr="RULES.md §8 : une répartition doit tomber juste ; " + TIE_BREAK.fr,
        en="RULES.md §8: an allocation must add up exactly; " + TIE_BREAK.en,
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


def split_sun_es_volets(
    rules: RuleSet, envelope: Euro | None = None, *, on: dt.date | None = None
) -> Allocation:
    """The SUN-ES envelope by volet: the confirmed volet envelopes, or ``envelope`` split 75 / 25.

    Without ``envelope``, the confirmed volet envelopes of the rule data are returned as they are
    (``sun_es.volet1.envelope`` = 158 M€, ``sun_es.volet2.envelope`` = 52 M€; RULES.md §1): the
    rounded shares (75 % / 25 %) would give 157.5 and 52.5 M€ of the 210 M€, which no source
    publishes. With ``envelope`` (a regional envelope, a what-if), it is split by the shares
    ``sun_es.volet_share.volet1`` / ``volet2``.

    >>> from segur_numerique import load_rules
    >>> split_sun_es_volets(load_rules()).amounts
    {'volet1': Euro('158000000.00'), 'volet2': Euro('52000000.00')}
    >>> split_sun_es_volets(load_rules(), Euro.parse("10 M€")).amounts
    {'volet1': Euro('7500000.00'), 'volet2': Euro('2500000.00')}
    """
    if envelope is not None:
        share1, r1 = rules.read_as("sun_es.volet_share.volet1", Fraction, on=on)
        share2, r2 = rules.read_as("sun_es.volet_share.volet2", Fraction, on=on)
        return split_by_shares(
            _envelope(envelope), {"volet1": share1, "volet2": share2}, reads=(r1, r2)
        )
    volet1, e1 = rules.read_as("sun_es.volet1.envelope", Euro, on=on)
    volet2, e2 = rules.read_as("sun_es.volet2.envelope", Euro, on=on)
    confirmed = {"volet1": volet1, "volet2": volet2}
    allocation = allocate(volet1 + volet2, confirmed, weight_name="confirmed envelope")
    return _restated(
        allocation,
        rule="sun_es.volet_split",
        title=Text(fr="Enveloppes SUN-ES par volet", en="SUN-ES envelopes by volet"),
        outcome=Text(
            fr=f"enveloppes confirmées lues dans les règles : volet 1 {volet1.format('fr')}, "
            f"volet 2 {volet2.format('fr')}",
            en=f"confirmed envelopes read from the rules: volet 1 {volet1.format('en')}, "
            f"volet 2 {volet2.format('en')}",
        ),
        inputs=(InputValue("envelope", None, defaulted=True),),
        parameters=(e1, e2),
        assumptions=(
            Text(
                fr="Sans enveloppe donnée, les enveloppes publiées de chaque volet sont "
                "rendues telles quelles (les parts arrondies 75 % / 25 % donneraient 157,5 et "
                "52,5 M€).",
                en="With no envelope given, each volet's published envelope is returned as it "
                "is (the rounded shares 75 % / 25 % would give 157.5 and 52.5 M€).",
            ),
        ),
    )


def human_support_split(
    rules: RuleSet,
    envelope: Euro,
    share: Fraction | None = None,
    *,
    on: dt.date | None = None,
) -> Allocation:
    """The think tank's scenario: at least two thirds of an envelope for human support (seed 003).

    The share is the rule value ``segur.human_support.share`` (2/3, a proposal of the Health &
    Tech think tank, 24 July 2020, not a rule of any programme) unless ``share`` is given.

    >>> from segur_numerique import load_rules
    >>> human_support_split(load_rules(), Euro.parse("2 Md€")).amounts
    {'equipment': Euro('666666666.67'), 'human_support': Euro('1333333333.33')}
    >>> human_support_split(load_rules(), Euro.parse("2 Md€"), Fraction(3, 4)).amounts
    {'equipment': Euro('500000000.00'), 'human_support': Euro('1500000000.00')}
    """
    reads: tuple[ParameterRead, ...] = ()
    if share is None:
        read = rules.read("segur.human_support.share", on=on)
        reads = (read,)
        exact = _weight(read.value, read.key)
        scenario = Text(
            fr=f"Scénario du think tank Health & Tech (24 juillet 2020) : part "
            f"« accompagnement humain » de {exact} ; une proposition, pas une règle.",
            en=f"Scenario of the Health & Tech think tank (24 July 2020): human-support "
            f"share {exact}; a proposal, not a rule.",
        )
    else:
        exact = _weight(share, "share")
        scenario = Text(
            fr=f"Part « accompagnement humain » donnée : {exact} (le think tank Health & Tech "
            "proposait au moins 2/3) ; un scénario, pas une règle.",
            en=f"Human-support share given: {exact} (the Health & Tech think tank proposed at "
            "least 2/3); a scenario, not a rule.",
        )
    if exact > 1:
        raise AllocationError(f"a share cannot exceed 1, got {exact}", where="share")
    allocation = split_by_shares(
        envelope,
        {"human_support": exact, "equipment": 1 - exact},
        reads=reads,
        assumptions=(scenario,),
    )
    return _restated(
        allocation,
        inputs=(
            *allocation.explanation.inputs,
            InputValue("share", exact, defaulted=share is None),
        ),
    )


@attrs.frozen
class ProRata:
    """An amount reduced pro rata temporis, with its exact day counts."""

    amount: Euro
    full: Euro
    days: int
    total_days: int
    explanation: Explanation

    @property
    def factor(self) -> Fraction:
        """``days / total_days``."""
        return Fraction(self.days, self.total_days)

    def to_json(self) -> dict[str, JsonValue]:
        """The result and its explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "full": encode_value(self.full),
            "days": self.days,
            "total_days": self.total_days,
            "explanation": self.explanation.to_json(),
        }


def pro_rata_temporis(
    amount: Euro, covered: Period, reference: Period, *, policy: RoundingPolicy = CENT_HALF_UP
) -> ProRata:
    """``amount × days of covered within reference / days of reference``, rounded once.

    Days are counted exactly, both ends included (:attr:`Period.days`); only the part of
    ``covered`` inside ``reference`` counts.

    >>> year = Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    >>> pro_rata_temporis(
    ...     Euro("365"), Period(dt.date(2022, 7, 1), dt.date(2023, 3, 1)), year
    ... ).amount
    Euro('184.00')
    """
    amount = _envelope(amount, where="amount")
    for name, p in (("covered", covered), ("reference", reference)):
        if not isinstance(p, Period):
            raise AllocationError(f"expected a Period, got {type(p).__name__}", where=name)
    start, end = max(covered.start, reference.start), min(covered.end, reference.end)
    days = (end - start).days + 1 if start <= end else 0
    exact = amount.value * Fraction(days, reference.days)
    result = Euro.round(exact, policy)
    explanation = Explanation(
        rule="funding.pro_rata_temporis",
        title=Text(fr="Prorata temporis", en="Pro rata temporis"),
        outcome=Text(
            fr=f"{days} jours sur {reference.days} : {result.format('fr')}",
            en=f"{days} days out of {reference.days}: {result.format('en')}",
        ),
        result=result,
        inputs=(
            InputValue("amount", amount),
            InputValue("covered", covered),
            InputValue("reference", reference),
            InputValue("policy", policy.describe(), defaulted=policy is CENT_HALF_UP),
        ),
        rounding=(
            RoundingStep(
                what=Text(fr="montant au prorata", en="pro rata amount"),
                exact=exact,
                rounded=result.value,
                policy=policy,
            ),
        ),
        assumptions=(
            Text(
                fr="Jours comptés exactement, bornes incluses.",
                en="Days counted exactly, both ends included.",
            ),
        ),
    )
    return ProRata(result, amount, days, reference.days, explanation)
