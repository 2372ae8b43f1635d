"""Pro rata temporis: an amount reduced by the days covered, counted exactly, rounded once."""

from __future__ import annotations

from fractions import Fraction

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, RoundingStep
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.rounding import CENT_HALF_UP, RoundingPolicy
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.remainders import _envelope


@attrs.frozen(repr=False)
class ProRata(HtmlResult):
    """An amount reduced pro rata temporis, with its exact day counts."""

    amount: Euro
    full: Euro
    days: int
    total_days: int
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Prorata temporis", en="Pro rata temporis"),
            value=self.amount,
            facts=(
                Fact("full", Text(fr="montant plein", en="full amount"), self.full),
                Fact("days", Text(fr="jours", en="days"), f"{self.days}/{self.total_days}"),
            ),
        )

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

    >>> import datetime as dt
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
            fr=f"{counted(days, 'fr', fr=('jour', 'jours'), en=('', ''))} sur {reference.days} : "
            f"{result.format('fr')}",
            en=f"{counted(days, 'en', fr=('', ''), en=('day', 'days'))} out of {reference.days}: "
            f"{result.format('en')}",
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
