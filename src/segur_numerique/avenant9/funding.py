"""Avenant 9 (convention médicale, 2021): euro amounts of points and of the VSM forfait (rules digest, avenant 9 §6 [docs: explanation/rules/avenant9]).

The forfait structure pays 7 € per point; its volet 1 is worth 400 points in 2022 (2,800 €), 280
before and after. The avenant's usage indicators earn points: DMP 40 points (secondary); the
points of the patient-messaging, e-prescription and carte Vitale app indicators are unknown
(declared unknowns: a computation needing them raises :class:`MissingParameterError`). The
forfait for the initial volet de synthèse médicale (VSM) pays 1,500 € when VSMs are in the DMP
for at least 50 % of the médecin traitant's ALD patients, 3,000 € from 90 % (secondary). The
source says the amount is weighted by the size of the patientèle, without the formula: **the
weighting is not applied**, and every explanation says so.

Whether an indicator's threshold is met is evaluated elsewhere (avenant 9 indicators); this
module turns points and shares into euros.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import check_int64, to_fraction
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value, format_ratio
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet

AVENANT9_INDICATORS: Final = ("dmp", "patient_messaging", "e_prescription", "vitale_app")
"""The avenant 9 usage indicators of the forfait structure (rules digest, avenant 9 §6 [docs: explanation/rules/avenant9])."""


@attrs.frozen(repr=False)
class Amount(HtmlResult):
    """A euro amount under avenant 9, with its explanation."""

    amount: Euro
    points: int | None
    explanation: Explanation

    def _headline(self) -> Headline:
        facts = (
            ()
            if self.points is None
            else (Fact("points", Text(fr="points", en="points"), self.points),)
        )
        return Headline(
            title=Text(fr="Montant avenant 9", en="Avenant 9 amount"),
            value=self.amount,
            facts=facts,
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The amount and its explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "points": self.points,
            "explanation": self.explanation.to_json(),
        }


def points_cents(points: Any, point_value_cents: int) -> Any:
    """``points × the value of a point`` in cents (exact): an ``int`` or an int64 column.

    The one definition: :func:`points` and :func:`~segur_numerique.avenant9.amounts_table` call it.
    """
    check_int64(points, point_value_cents, where="points")
    return points * point_value_cents


@attrs.frozen
class VsmTiers:
    """The VSM thresholds (shares of ALD patients, inclusive) and forfaits (cents), as read."""

    lower: Fraction
    upper: Fraction
    lower_cents: int
    upper_cents: int
    reads: tuple[ParameterRead, ...]

    @classmethod
    def from_rules(cls, rules: RuleSet, on: dt.date | None) -> VsmTiers:
        """Read the two thresholds and the two forfaits; refuse tiers out of order."""
        lt, lower_t = rules.read_as("avenant9.vsm.threshold.lower", Fraction, on=on)
        ut, upper_t = rules.read_as("avenant9.vsm.threshold.upper", Fraction, on=on)
        lf, lower_f = rules.read_as("avenant9.vsm.forfait.lower", Euro, on=on)
        uf, upper_f = rules.read_as("avenant9.vsm.forfait.upper", Euro, on=on)
        if lt > ut:
            raise InvalidInputError(
                f"the lower threshold {lt} is above the upper one {ut}", where="avenant9.vsm"
            )
        return cls(lt, ut, lf.cents, uf.cents, (lower_t, upper_t, lower_f, upper_f))

    def reached(self, with_vsm: Any, ald: Any) -> tuple[Any, Any]:
        """Whether ``with_vsm / ald`` reaches the lower and the upper threshold (ints or columns).

        Integer comparisons (``with_vsm × den ≥ num × ald``): exact, no division.
        """
        lower = with_vsm * self.lower.denominator >= self.lower.numerator * ald
        upper = with_vsm * self.upper.denominator >= self.upper.numerator * ald
        return lower, upper

    def cents(self, with_vsm: Any, ald: Any) -> Any:
        """The VSM forfait in cents of ``with_vsm`` of ``ald`` patients: ``int`` or int64 column.

        The one definition: :func:`vsm_forfait` and :func:`~segur_numerique.avenant9.amounts_table`
        call it. 0 below the lower threshold, the lower forfait from it, the upper from the upper.

        >>> from segur_numerique import load_rules
        >>> VsmTiers.from_rules(load_rules(), None).cents(9, 10)
        300000
        """
        check_int64(with_vsm, max(self.lower.denominator, self.upper.denominator), where="vsm")
        check_int64(ald, max(self.lower.numerator, self.upper.numerator), where="ald")
        lower, upper = self.reached(with_vsm, ald)
        return self.lower_cents * lower + (self.upper_cents - self.lower_cents) * upper


def _check_year(year: int) -> dt.date:
    if isinstance(year, bool) or not isinstance(year, int) or not 2020 <= year <= 2100:
        raise InvalidInputError(f"expected a year from 2020, got {year!r}", where="year")
    return dt.date(year, 1, 1)


def points(
    points: int,
    *,
    on: dt.date | None = None,
    what: Text | None = None,
    reads: tuple[ParameterRead, ...] = (),
    rules: RuleSet | None = None,
) -> Amount:
    """``points × 7 €`` (the value of a point as known on ``on``); exact, nothing to round.

    >>> from segur_numerique import load_rules
    >>> points(400, rules=load_rules()).amount
    Euro('2800.00')
    """
    rules = resolve_rules(rules)
    check_count(points, where="points")
    value, value_read = rules.read_as("avenant9.point_value", Euro, on=on)
    amount = Euro.from_cents(int(points_cents(points, value.cents)))
    label = what or Text(fr="points", en="points")
    explanation = Explanation(
        rule="avenant9.points",
        title=Text(fr=f"Avenant 9 : {label.fr} en euros", en=f"Avenant 9: {label.en} in euros"),
        outcome=Text(
            fr=f"{points} points × {value.format('fr')} = {amount.format('fr')}",
            en=f"{points} points × {value.format('en')} = {amount.format('en')}",
        ),
        result=amount,
        inputs=(InputValue("points", points),),
        parameters=(*reads, value_read),
    )
    return Amount(amount, points, explanation)


def volet1_forfait(year: int, *, rules: RuleSet | None = None) -> Amount:
    """The forfait structure volet 1 of ``year``: its points × 7 € (400 points in 2022).

    >>> from segur_numerique import load_rules
    >>> volet1_forfait(2022, rules=load_rules()).amount
    Euro('2800.00')
    """
    rules = resolve_rules(rules)
    day = _check_year(year)
    count, read = rules.read_as("avenant9.forfait_structure.volet1.points", int, on=day)
    return points(
        count,
        on=day,
        what=Text(
            fr=f"volet 1 du forfait structure {year}", en=f"forfait structure volet 1 {year}"
        ),
        reads=(read,),
        rules=rules,
    )


def indicator_amount(indicator: str, year: int, *, rules: RuleSet | None = None) -> Amount:
    """The euros of one usage indicator in ``year`` (``dmp`` is known: 40 points in 2022).

    Raises:
        MissingParameterError: the indicator's points are unknown and not supplied
            (``avenant9.indicator.<name>.points``).

    >>> from segur_numerique import load_rules
    >>> indicator_amount("dmp", 2022, rules=load_rules()).amount
    Euro('280.00')
    """
    rules = resolve_rules(rules)
    if indicator not in AVENANT9_INDICATORS:
        raise InvalidInputError(
            f"unknown indicator {indicator!r}; expected one of {', '.join(AVENANT9_INDICATORS)}",
            where="indicator",
        )
    day = _check_year(year)
    count, read = rules.read_as(f"avenant9.indicator.{indicator}.points", int, on=day)
    return points(
        count,
        on=day,
        what=Text(fr=f"indicateur {indicator} {year}", en=f"indicator {indicator} {year}"),
        reads=(read,),
        rules=rules,
    )


def vsm_forfait(
    share: Fraction | Decimal | int | None = None,
    *,
    patients_with_vsm: int | None = None,
    ald_patients: int | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Amount:
    """The initial VSM forfait: 0 €, 1,500 € (≥ 50 %) or 3,000 € (≥ 90 %) of ALD patients.

    Give either ``share`` (an exact number in [0, 1]) or ``patients_with_vsm`` and
    ``ald_patients``. Thresholds are inclusive ("≥"); the patientèle weighting is not applied.

    >>> from segur_numerique import load_rules
    >>> [
    ...     vsm_forfait(Decimal(s), rules=load_rules()).amount.format("en")
    ...     for s in ("0.4999", "0.5", "0.8999", "0.9")
    ... ]
    ['€0.00', '€1,500.00', '€1,500.00', '€3,000.00']
    """
    rules = resolve_rules(rules)
    if share is not None and (patients_with_vsm is not None or ald_patients is not None):
        raise InvalidInputError("give either the share or the two counts, not both", where="share")
    if share is None:
        patients_with_vsm = check_count(patients_with_vsm, where="patients_with_vsm")
        ald_patients = check_count(ald_patients, where="ald_patients")
        if ald_patients == 0:
            raise InvalidInputError("no ALD patient: the share is undefined", where="ald_patients")
        if patients_with_vsm > ald_patients:
            raise InvalidInputError(
                "more patients with a VSM than ALD patients", where="patients_with_vsm"
            )
        rate = Fraction(patients_with_vsm, ald_patients)
        inputs: tuple[InputValue, ...] = (
            InputValue("patients_with_vsm", patients_with_vsm),
            InputValue("ald_patients", ald_patients),
        )
    else:
        rate = to_fraction(share, where="share")
        if not 0 <= rate <= 1:
            raise InvalidInputError(f"must lie in [0, 1], got {rate}", where="share")
        inputs = (InputValue("share", rate),)
    tiers = VsmTiers.from_rules(rules, on)
    lt, ut = tiers.lower, tiers.upper
    amount = Euro.from_cents(int(tiers.cents(rate.numerator, rate.denominator)))
    lower, upper = tiers.reached(rate.numerator, rate.denominator)
    if upper:
        tier = Text(fr=f"≥ {format_ratio(ut, 'fr')}", en=f"≥ {format_ratio(ut, 'en')}")
    elif lower:
        tier = Text(fr=f"≥ {format_ratio(lt, 'fr')}", en=f"≥ {format_ratio(lt, 'en')}")
    else:
        tier = Text(fr=f"< {format_ratio(lt, 'fr')}", en=f"< {format_ratio(lt, 'en')}")
    explanation = Explanation(
        rule="avenant9.vsm_forfait",
        title=Text(
            fr="Forfait volet de synthèse médicale", en="Volet de synthèse médicale forfait"
        ),
        outcome=Text(
            fr=f"{format_ratio(rate, 'fr')} des patients en ALD ({tier.fr}) : {amount.format('fr')}",
            en=f"{format_ratio(rate, 'en')} of ALD patients ({tier.en}): {amount.format('en')}",
        ),
        result=amount,
        inputs=inputs,
        parameters=tiers.reads,
        assumptions=(
            Text(
                fr="Seuils inclus (« au moins »). Pondération par la taille de la patientèle non "
                "appliquée : sa formule est inconnue.",
                en='Thresholds inclusive ("at least"). Weighting by the size of the patientèle '
                "not applied: its formula is unknown.",
            ),
        ),
    )
    return Amount(amount, None, explanation)
