"""Evaluate SUN-ES volet 1 indicators against their targets, from counts (rules digest, SUN-ES §2.1, §2.4 [docs: explanation/rules/sun-es]).

From a numerator and a denominator, :func:`evaluate_indicator` gives the exact rate (a
:class:`~fractions.Fraction`), the target, whether it is met, the margin, and how many more
qualifying stays or documents would reach the target. :class:`EstablishmentProfile` says which
domains and indicators apply to an establishment; the domains and the whole volet 1 are
evaluated by :mod:`segur_numerique.sun_es.domain_evaluation`.

>>> from segur_numerique import illustrative_assumptions
>>> from segur_numerique.sun_es.targets import target_from_rules
>>> rules = illustrative_assumptions()
>>> r = evaluate_indicator(
...     IndicatorCounts("discharge_letter", 45, 100),
...     target_from_rules(rules, "F1", "discharge_letter"),
... )
>>> r.rate, r.target.rate, r.met, r.margin, r.missing
(Fraction(9, 20), Fraction(1, 2), False, Fraction(-1, 20), 5)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.rounding import check_int64
from segur_numerique.core.text import Text, counted
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value, format_ratio
from segur_numerique.errors import IndicatorCountError, InvalidInputError
from segur_numerique.sun_es.indicators import Capability, IndicatorDefinition, indicator_definition
from segur_numerique.sun_es.targets import Target


def _count(value: object, where: str) -> int:
    return check_count(value, where, error=IndicatorCountError)


@attrs.frozen
class IndicatorCounts:
    """The numerator and denominator of one indicator for one establishment and period.

    >>> IndicatorCounts("imaging_report", 5, 4)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.IndicatorCountError: imaging_report: the numerator (5) is above the denominator (4)
    """

    indicator: str
    numerator: int
    denominator: int

    def __attrs_post_init__(self) -> None:
        indicator_definition(self.indicator)
        _count(self.numerator, f"{self.indicator}.numerator")
        _count(self.denominator, f"{self.indicator}.denominator")
        if self.numerator > self.denominator:
            raise IndicatorCountError(
                f"the numerator ({self.numerator}) is above the denominator ({self.denominator})",
                where=self.indicator,
            )

    @property
    def rate(self) -> Fraction | None:
        """``numerator / denominator``, or ``None`` when nothing was counted."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def to_json(self) -> dict[str, JsonValue]:
        """The counts as a JSON object."""
        return {
            "indicator": self.indicator,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": encode_value(self.rate),
        }


def _pct(value: Fraction | None, lang: str) -> str:
    if value is None:
        return "—"
    return format_ratio(value, "fr" if lang == "fr" else "en")


@attrs.frozen(repr=False)
class IndicatorResult(HtmlResult):
    """An indicator evaluated against its target.

    Attributes:
        indicator: the indicator id.
        counts: the numerator and denominator.
        target: the target applied.
        rate: the exact rate, ``None`` when the denominator is zero.
        met: whether the rate reaches the target (a zero denominator never meets it).
        margin: ``rate - target`` (negative when short), ``None`` when the rate is undefined.
        missing: how many more units of the denominator must qualify to reach the target
            (0 when met), the denominator being unchanged.
        bonus: the indicator was evaluated as a bonus (it does not decide its domain).
        explanation: the reasoning.
    """

    indicator: str
    counts: IndicatorCounts
    target: Target
    rate: Fraction | None
    met: bool
    margin: Fraction | None
    missing: int
    explanation: Explanation
    bonus: bool = False

    def _headline(self) -> Headline:
        kind = " (bonus)" if self.bonus else ""
        return Headline(
            title=Text(
                fr=f"Indicateur {self.indicator}{kind}", en=f"Indicator {self.indicator}{kind}"
            ),
            name=self.indicator,
            value=self.rate,
            value_name="rate",
            verdict=self.met,
            window=self.target.window,
            facts=(
                Fact("target", Text(fr="cible", en="target"), self.target.rate),
                Fact(
                    "counts",
                    Text(fr="comptes", en="counts"),
                    f"{self.counts.numerator}/{self.counts.denominator}",
                ),
                Fact("missing", Text(fr="manquants", en="missing"), self.missing),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object (with its explanation)."""
        return {
            "indicator": self.indicator,
            "counts": self.counts.to_json(),
            "target": self.target.to_json(),
            "rate": encode_value(self.rate),
            "met": self.met,
            "margin": encode_value(self.margin),
            "missing": self.missing,
            "bonus": self.bonus,
            "explanation": self.explanation.to_json(),
        }


def _outcome(
    definition: IndicatorDefinition, rate: Fraction | None, target: Target, missing: int
) -> Text:
    """The outcome of an indicator: undefined rate, met, or how many more are needed."""
    unit_fr = "séjours" if definition.basis.value == "stay" else "documents"
    unit_en = "stays" if definition.basis.value == "stay" else "documents"
    if rate is None:
        return Text(
            fr=f"aucun {unit_fr[:-1]} compté : taux non défini, cible non atteinte",
            en=f"no {unit_en[:-1]} counted: rate undefined, target not met",
        )
    if rate >= target.rate:
        return Text(
            fr=f"{_pct(rate, 'fr')} ≥ cible {_pct(target.rate, 'fr')} : atteinte",
            en=f"{_pct(rate, 'en')} ≥ target {_pct(target.rate, 'en')}: met",
        )
    fr_forms = (unit_fr[:-1], unit_fr)
    en_forms = (f"more {unit_en[:-1]}", f"more {unit_en}")
    return Text(
        fr=f"{_pct(rate, 'fr')} < cible {_pct(target.rate, 'fr')} : non atteinte, "
        f"il manque {counted(missing, 'fr', fr=fr_forms, en=en_forms)}",
        en=f"{_pct(rate, 'en')} < target {_pct(target.rate, 'en')}: not met, "
        f"{counted(missing, 'en', fr=fr_forms, en=en_forms)} needed",
    )


def meets_target(numerator: Any, denominator: Any, target: Fraction) -> Any:
    """Whether ``numerator / denominator`` reaches ``target``: ``bool`` or a bool column.

    Integer comparison (``numerator × den ≥ num × denominator``), false when nothing was counted
    (denominator 0). The one definition of "met": :func:`evaluate_indicator` and the national
    simulation over a table (:func:`~segur_numerique.sun_es.national_simulation`) both call it.

    >>> meets_target(3, 4, Fraction(3, 4)), meets_target(0, 0, Fraction(0))
    (True, False)
    """
    check_int64(numerator, target.denominator, where="numerator")
    check_int64(denominator, target.numerator, where="denominator")
    return (denominator > 0) & (numerator * target.denominator >= target.numerator * denominator)


def evaluate_indicator(
    counts: IndicatorCounts,
    target: Target,
    *,
    bonus: bool = False,
    parameters: tuple[ParameterRead, ...] = (),
) -> IndicatorResult:
    """Compare an indicator's rate with its target.

    ``missing`` is the smallest ``k`` with ``(numerator + k) / denominator >= target``: the
    number of stays (or documents) already in the denominator that would still have to qualify.
    """
    if counts.indicator != target.indicator:
        raise InvalidInputError(
            f"the target is for {target.indicator!r}, the counts for {counts.indicator!r}",
            where="target",
        )
    definition = indicator_definition(counts.indicator)
    rate = counts.rate
    if rate is None:
        met, margin, missing = False, None, 0
    else:
        met = bool(meets_target(counts.numerator, counts.denominator, target.rate))
        margin = rate - target.rate
        missing = max(0, math.ceil(target.rate * counts.denominator) - counts.numerator)
    reads = (*parameters, *((target.read,) if target.read is not None else ()))
    inputs = [
        InputValue("numerator", counts.numerator),
        InputValue("denominator", counts.denominator),
    ]
    if target.read is None:
        inputs.append(InputValue(target.key, target.rate))
    explanation = Explanation(
        rule=f"sun_es.indicator.{definition.id}",
        title=Text(
            fr=f"{definition.label.fr} ({target.window}{', bonus' if bonus else ''})",
            en=f"{definition.label.en} ({target.window}{', bonus' if bonus else ''})",
        ),
        outcome=_outcome(definition, rate, target, missing),
        result=met,
        inputs=tuple(inputs),
        parameters=reads,
        assumptions=(
            Text(
                fr=f"numérateur : {definition.numerator.fr}",
                en=f"numerator: {definition.numerator.en}",
            ),
            Text(
                fr=f"dénominateur : {definition.denominator.fr}",
                en=f"denominator: {definition.denominator.en}",
            ),
        ),
    )
    return IndicatorResult(
        indicator=definition.id,
        counts=counts,
        target=target,
        rate=rate,
        met=met,
        margin=margin,
        missing=missing,
        explanation=explanation,
        bonus=bonus,
    )


@attrs.frozen
class EstablishmentProfile:
    """What an establishment has, deciding which domains and indicators apply to it.

    Attributes:
        finess: its FINESS number (as written in the logs).
        has_operating_theatre: it has a bloc opératoire (compte rendu opératoire indicator).
        has_own_lab: its biology lab has the same FINESS juridique (domain 2).
        has_own_imaging: its imaging platform has the same FINESS juridique (domain 3).
    """

    finess: str
    has_operating_theatre: bool
    has_own_lab: bool
    has_own_imaging: bool

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.finess, str) or not self.finess.strip():
            raise InvalidInputError("a FINESS number is a non-empty string", where="finess")
        for name in ("has_operating_theatre", "has_own_lab", "has_own_imaging"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidInputError("must be true or false", where=name)

    def has(self, capability: Capability | None) -> bool:
        """Whether the establishment has ``capability`` (``None`` is always had)."""
        if capability is None:
            return True
        return {
            Capability.OPERATING_THEATRE: self.has_operating_theatre,
            Capability.OWN_LAB: self.has_own_lab,
            Capability.OWN_IMAGING: self.has_own_imaging,
        }[capability]


__all__ = [
    "EstablishmentProfile",
    "IndicatorCountError",
    "IndicatorCounts",
    "IndicatorResult",
    "evaluate_indicator",
]
