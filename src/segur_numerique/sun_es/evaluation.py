"""Evaluate SUN-ES volet 1 indicators against their targets, from counts (RULES.md §2.1, §2.4).

From a numerator and a denominator, :func:`evaluate_indicator` gives the exact rate (a
:class:`~fractions.Fraction`), the target, whether it is met, the margin, and how many more
qualifying stays or documents would reach the target. :func:`evaluate_domain` applies the domain
rule (a domain is met when all its required indicators are; the compte rendu opératoire is a bonus
or required according to the conflicting value ``sun_es.indicator.operative_report.is_bonus``),
and :func:`evaluate_volet1` gathers an establishment's domains.

>>> from segur_numerique import illustrative_assumptions
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
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from segur_numerique._rules import RuleSet
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value, format_ratio
from segur_numerique.errors import InvalidInputError
from segur_numerique.sun_es.indicators import (
    SUN_ES_VOLET1,
    Capability,
    DomainDefinition,
    domain_definition,
    indicator_definition,
)
from segur_numerique.sun_es.targets import Target, TargetSet, check_window, target_from_rules


class IndicatorCountError(InvalidInputError):
    """A numerator or denominator is impossible (negative, not an integer, numerator > denominator)."""


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise IndicatorCountError(f"a count is a whole number, got {value!r}", where=where)
    if value < 0:
        raise IndicatorCountError(f"a count cannot be negative, got {value}", where=where)
    return value


@attrs.frozen
class IndicatorCounts:
    """The numerator and denominator of one indicator for one establishment and period.

    >>> IndicatorCounts("imaging_report", 5, 4)
    Traceback (most recent call last):
    ...
    segur_numerique.sun_es.evaluation.IndicatorCountError: imaging_report: the numerator (5) is above the denominator (4)
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


@attrs.frozen
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
        met = rate >= target.rate
        margin = rate - target.rate
        missing = max(0, math.ceil(target.rate * counts.denominator) - counts.numerator)
    unit_fr = "séjours" if definition.basis.value == "stay" else "documents"
    unit_en = "stays" if definition.basis.value == "stay" else "documents"
    if rate is None:
        outcome = Text(
            fr=f"aucun {unit_fr[:-1]} compté : taux non défini, cible non atteinte",
            en=f"no {unit_en[:-1]} counted: rate undefined, target not met",
        )
    elif met:
        outcome = Text(
            fr=f"{_pct(rate, 'fr')} ≥ cible {_pct(target.rate, 'fr')} : atteinte",
            en=f"{_pct(rate, 'en')} ≥ target {_pct(target.rate, 'en')}: met",
        )
    else:
        outcome = Text(
            fr=f"{_pct(rate, 'fr')} < cible {_pct(target.rate, 'fr')} : non atteinte, "
            f"il manque {missing} {unit_fr}",
            en=f"{_pct(rate, 'en')} < target {_pct(target.rate, 'en')}: not met, "
            f"{missing} more {unit_en} needed",
        )
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
        outcome=outcome,
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


@attrs.frozen
class DomainResult(HtmlResult):
    """A domain of an establishment evaluated for a window.

    Attributes:
        domain: the domain id.
        applicable: the establishment has what the domain needs (own lab, own imaging).
        required: the results of the indicators that decide the domain.
        bonus: the results of bonus indicators (they do not decide the domain).
        met: every required indicator is met; ``None`` when the domain does not apply.
        explanation: the reasoning.
    """

    domain: str
    applicable: bool
    required: tuple[IndicatorResult, ...]
    bonus: tuple[IndicatorResult, ...]
    met: bool | None
    explanation: Explanation

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object (with its explanation)."""
        return {
            "domain": self.domain,
            "applicable": self.applicable,
            "met": self.met,
            "required": [r.to_json() for r in self.required],
            "bonus": [r.to_json() for r in self.bonus],
            "explanation": self.explanation.to_json(),
        }


def _counts_by_indicator(
    counts: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
) -> dict[str, IndicatorCounts]:
    if isinstance(counts, Mapping):
        for key, value in counts.items():
            if not isinstance(value, IndicatorCounts) or value.indicator != key:
                raise InvalidInputError(
                    f"expected the IndicatorCounts of {key!r}", where=f"counts[{key!r}]"
                )
        return dict(counts)
    out: dict[str, IndicatorCounts] = {}
    for item in counts:
        if item.indicator in out:
            raise InvalidInputError("counts given twice", where=f"counts[{item.indicator!r}]")
        out[item.indicator] = item
    return out


def _target(window: str, indicator: str, rules: RuleSet, targets: TargetSet | None) -> Target:
    if targets is not None:
        return targets.get(window, indicator)
    return target_from_rules(rules, window, indicator)


def evaluate_domain(
    domain: str | DomainDefinition,
    profile: EstablishmentProfile,
    counts: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
    window: str,
    rules: RuleSet,
    *,
    targets: TargetSet | None = None,
    cro_alternative: str | None = None,
) -> DomainResult:
    """Evaluate one volet 1 domain of an establishment for ``window``.

    Targets are read from ``rules`` (``sun_es.target.<window>.<indicator>``) unless ``targets``
    is given. ``cro_alternative`` chooses the version of the conflicting value
    ``sun_es.indicator.operative_report.is_bonus`` (``"bonus"``, the default, or ``"required"``).

    Raises:
        MissingParameterError: a target is not supplied.
        InvalidInputError: the counts of a required indicator are missing.
    """
    definition = domain if isinstance(domain, DomainDefinition) else domain_definition(domain)
    check_window(window)
    by_id = _counts_by_indicator(counts)
    applicable = profile.has(definition.capability)
    required: list[IndicatorResult] = []
    bonus: list[IndicatorResult] = []
    children: list[Explanation] = []
    assumptions: list[Text] = []
    if applicable:
        for indicator_id in definition.indicators:
            ind = indicator_definition(indicator_id)
            if not profile.has(ind.capability):
                assumptions.append(
                    Text(
                        fr=f"{ind.label.fr} : ne s'applique pas (pas de bloc opératoire)",
                        en=f"{ind.label.en}: does not apply (no operating theatre)",
                    )
                )
                continue
            reads: list[ParameterRead] = [rules.read(ind.definition_key)]
            is_bonus = False
            if ind.bonus_key is not None:
                bonus_read = rules.read(ind.bonus_key, alternative=cro_alternative)
                reads.append(bonus_read)
                is_bonus = bool(bonus_read.value)
            found = by_id.get(indicator_id)
            if found is None:
                if is_bonus:
                    assumptions.append(
                        Text(
                            fr=f"{ind.label.fr} : indicateur bonus non fourni, non évalué",
                            en=f"{ind.label.en}: bonus indicator not given, not evaluated",
                        )
                    )
                    continue
                raise InvalidInputError(
                    f"the counts of the required indicator {indicator_id!r} are missing",
                    where=f"counts[{indicator_id!r}]",
                )
            result = evaluate_indicator(
                found,
                _target(window, indicator_id, rules, targets),
                bonus=is_bonus,
                parameters=tuple(reads),
            )
            (bonus if is_bonus else required).append(result)
            children.append(result.explanation)
    met = all(r.met for r in required) if applicable else None
    if not applicable:
        outcome = Text(
            fr="ne s'applique pas : pas de plateau propre de même FINESS juridique",
            en="does not apply: no own platform under the same FINESS juridique",
        )
    elif met:
        outcome = Text(
            fr=f"atteint : {len(required)} indicateur(s) requis atteint(s)",
            en=f"met: {len(required)} required indicator(s) met",
        )
    else:
        short = [r.indicator for r in required if not r.met]
        outcome = Text(
            fr=f"non atteint : {', '.join(short)} sous la cible",
            en=f"not met: {', '.join(short)} below target",
        )
    explanation = Explanation(
        rule=f"sun_es.domain.{definition.id}",
        title=Text(
            fr=f"{definition.label.fr} — {profile.finess}, {window}",
            en=f"{definition.label.en} — {profile.finess}, {window}",
        ),
        outcome=outcome,
        result=met,
        inputs=(
            InputValue("finess", profile.finess),
            InputValue("window", window),
            InputValue("has_operating_theatre", profile.has_operating_theatre),
            InputValue("has_own_lab", profile.has_own_lab),
            InputValue("has_own_imaging", profile.has_own_imaging),
            InputValue("cro_alternative", cro_alternative or "bonus", cro_alternative is None),
        ),
        assumptions=(
            Text(
                fr="un domaine est atteint quand tous ses indicateurs requis le sont",
                en="a domain is met when all its required indicators are",
            ),
            *assumptions,
        ),
        children=tuple(children),
    )
    return DomainResult(definition.id, applicable, tuple(required), tuple(bonus), met, explanation)


@attrs.frozen
class VoletResult(HtmlResult):
    """An establishment's volet 1 result for a window: its domains.

    Attributes:
        finess: the establishment.
        window: ``F1`` to ``F4``.
        domains: the result of each domain applied for.
        explanation: the reasoning.
    """

    finess: str
    window: str
    domains: tuple[DomainResult, ...]
    explanation: Explanation

    @property
    def met_domains(self) -> tuple[str, ...]:
        """The ids of the domains met."""
        return tuple(d.domain for d in self.domains if d.met)

    def domain(self, domain_id: str) -> DomainResult:
        """The result of one domain."""
        for d in self.domains:
            if d.domain == domain_id:
                return d
        raise InvalidInputError(f"no result for domain {domain_id!r}", where="domain")

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object (with its explanation)."""
        return {
            "finess": self.finess,
            "window": self.window,
            "met_domains": list(self.met_domains),
            "domains": [d.to_json() for d in self.domains],
            "explanation": self.explanation.to_json(),
        }


def evaluate_volet1(
    profile: EstablishmentProfile,
    counts: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
    window: str,
    rules: RuleSet,
    *,
    domains: Iterable[str] | None = None,
    targets: TargetSet | None = None,
    cro_alternative: str | None = None,
) -> VoletResult:
    """Evaluate every volet 1 domain an establishment applied for (all applicable ones by default).

    >>> from segur_numerique import illustrative_assumptions
    >>> profile = EstablishmentProfile("750000001", True, False, True)
    >>> counts = [
    ...     IndicatorCounts("discharge_letter", 60, 100),
    ...     IndicatorCounts("discharge_prescription", 39, 100),
    ...     IndicatorCounts("operative_report", 10, 20),
    ...     IndicatorCounts("imaging_report", 50, 100),
    ... ]
    >>> result = evaluate_volet1(profile, counts, "F1", illustrative_assumptions())
    >>> result.met_domains
    ('imaging',)
    >>> result.domain("discharge_documents").required[1].missing
    1
    """
    by_id = _counts_by_indicator(counts)
    chosen = (
        tuple(domains)
        if domains is not None
        else tuple(d.id for d in SUN_ES_VOLET1.domains if profile.has(d.capability))
    )
    results = tuple(
        evaluate_domain(
            d,
            profile,
            by_id,
            window,
            rules,
            targets=targets,
            cro_alternative=cro_alternative,
        )
        for d in chosen
    )
    met = [r.domain for r in results if r.met]
    explanation = Explanation(
        rule="sun_es.volet1",
        title=Text(
            fr=f"SUN-ES volet 1 — {profile.finess}, {window}",
            en=f"SUN-ES volet 1 — {profile.finess}, {window}",
        ),
        outcome=Text(
            fr=f"{len(met)} domaine(s) atteint(s) sur {len(results)} : {', '.join(met) or 'aucun'}",
            en=f"{len(met)} of {len(results)} domain(s) met: {', '.join(met) or 'none'}",
        ),
        result=len(met),
        inputs=(InputValue("domains", chosen, domains is None),),
        children=tuple(r.explanation for r in results),
    )
    return VoletResult(profile.finess, window, results, explanation)


__all__ = [
    "DomainResult",
    "EstablishmentProfile",
    "IndicatorCountError",
    "IndicatorCounts",
    "IndicatorResult",
    "VoletResult",
    "evaluate_domain",
    "evaluate_indicator",
    "evaluate_volet1",
]
