"""Evaluate SUN-ES volet 1 domains, and an establishment's volet 1, from counts (rules digest, SUN-ES §2.1, §2.4 [docs: explanation/rules/sun-es]).

:func:`evaluate_domain` applies the domain rule (a domain is met when all its required indicators
are; the compte rendu opératoire is a bonus or required according to the conflicting value
``sun_es.indicator.operative_report.is_bonus``), each indicator being evaluated by
:func:`~segur_numerique.sun_es.evaluate_indicator`, and :func:`evaluate_volet1` gathers an
establishment's domains.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.evaluation import (
    EstablishmentProfile,
    IndicatorCounts,
    IndicatorResult,
    evaluate_indicator,
)
from segur_numerique.sun_es.headlines import (
    domain_headline,
    domain_tables,
    volet_headline,
    volet_tables,
)
from segur_numerique.sun_es.indicators import (
    VOLET1,
    DomainDefinition,
    domain_definition,
    indicator_definition,
)
from segur_numerique.sun_es.plots import plot_domain, plot_volet
from segur_numerique.sun_es.targets import Target, TargetSet, check_window, target_from_rules

_REQUIRED_MET_FR = ("indicateur requis atteint", "indicateurs requis atteints")
_REQUIRED_MET_EN = ("required indicator met", "required indicators met")


@attrs.frozen(repr=False)
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
    _headline, _tables, plot = domain_headline, domain_tables, plot_domain

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


@attrs.define
class _Indicators:
    """The indicator results of a domain, their explanations and the assumptions made."""

    required: list[IndicatorResult] = attrs.Factory(list)
    bonus: list[IndicatorResult] = attrs.Factory(list)
    children: list[Explanation] = attrs.Factory(list)
    assumptions: list[Text] = attrs.Factory(list)


def _evaluate_indicators(
    definition: DomainDefinition,
    profile: EstablishmentProfile,
    by_id: Mapping[str, IndicatorCounts],
    window: str,
    rules: RuleSet,
    *,
    targets: TargetSet | None,
    cro_alternative: str | None,
) -> _Indicators:
    """Evaluate each indicator of an applicable domain that applies to the establishment."""
    out = _Indicators()
    for indicator_id in definition.indicators:
        ind = indicator_definition(indicator_id)
        if not profile.has(ind.capability):
            out.assumptions.append(
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
                out.assumptions.append(
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
        (out.bonus if is_bonus else out.required).append(result)
        out.children.append(result.explanation)
    return out


def _domain_outcome(applicable: bool, met: bool | None, required: list[IndicatorResult]) -> Text:
    """The outcome of a domain: not applicable, met, or the indicators below target."""
    if not applicable:
        return Text(
            fr="ne s'applique pas : pas de plateau propre de même FINESS juridique",
            en="does not apply: no own platform under the same FINESS juridique",
        )
    if met:
        return Text(
            fr="atteint : "
            + counted(len(required), "fr", fr=_REQUIRED_MET_FR, en=_REQUIRED_MET_EN),
            en="met: " + counted(len(required), "en", fr=_REQUIRED_MET_FR, en=_REQUIRED_MET_EN),
        )
    short = [r.indicator for r in required if not r.met]
    return Text(
        fr=f"non atteint : {', '.join(short)} sous la cible",
        en=f"not met: {', '.join(short)} below target",
    )


def evaluate_domain(
    domain: str | DomainDefinition,
    profile: EstablishmentProfile,
    counts: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
    window: str,
    *,
    targets: TargetSet | None = None,
    cro_alternative: str | None = None,
    rules: RuleSet | None = None,
) -> DomainResult:
    """Evaluate one volet 1 domain of an establishment for ``window``.

    Targets are read from ``rules`` (``sun_es.target.<window>.<indicator>``) unless ``targets``
    is given. ``cro_alternative`` chooses the version of the conflicting value
    ``sun_es.indicator.operative_report.is_bonus`` (``"bonus"``, the default, or ``"required"``).

    Raises:
        MissingParameterError: a target is not supplied.
        InvalidInputError: the counts of a required indicator are missing.
    """
    rules = resolve_rules(rules)
    definition = domain if isinstance(domain, DomainDefinition) else domain_definition(domain)
    check_window(window)
    by_id = _counts_by_indicator(counts)
    applicable = profile.has(definition.capability)
    found = (
        _evaluate_indicators(
            definition,
            profile,
            by_id,
            window,
            rules,
            targets=targets,
            cro_alternative=cro_alternative,
        )
        if applicable
        else _Indicators()
    )
    met = all(r.met for r in found.required) if applicable else None
    explanation = Explanation(
        rule=f"sun_es.domain.{definition.id}",
        title=Text(
            fr=f"{definition.label.fr} — {profile.finess}, {window}",
            en=f"{definition.label.en} — {profile.finess}, {window}",
        ),
        outcome=_domain_outcome(applicable, met, found.required),
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
            *found.assumptions,
        ),
        children=tuple(found.children),
    )
    return DomainResult(
        definition.id, applicable, tuple(found.required), tuple(found.bonus), met, explanation
    )


@attrs.frozen(repr=False)
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
    _headline, _tables, plot = volet_headline, volet_tables, plot_volet

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
    *,
    domains: Iterable[str] | None = None,
    targets: TargetSet | None = None,
    cro_alternative: str | None = None,
    rules: RuleSet | None = None,
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
    >>> result = evaluate_volet1(profile, counts, "F1", rules=illustrative_assumptions())
    >>> result.met_domains
    ('imaging',)
    >>> result.domain("discharge_documents").required[1].missing
    1
    """
    rules = resolve_rules(rules)
    by_id = _counts_by_indicator(counts)
    chosen = (
        tuple(domains)
        if domains is not None
        else tuple(d.id for d in VOLET1.domains if profile.has(d.capability))
    )
    results = tuple(
        evaluate_domain(
            d,
            profile,
            by_id,
            window,
            targets=targets,
            cro_alternative=cro_alternative,
            rules=rules,
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
            fr=counted(len(met), "fr", fr=("domaine atteint", "domaines atteints"), en=("", ""))
            + f" sur {len(results)} : {', '.join(met) or 'aucun'}",
            en=f"{len(met)} of "
            + counted(len(results), "en", fr=("", ""), en=("domain", "domains"))
            + f" met: {', '.join(met) or 'none'}",
        ),
        result=len(met),
        inputs=(InputValue("domains", chosen, domains is None),),
        children=tuple(r.explanation for r in results),
    )
    return VoletResult(profile.finess, window, results, explanation)


__all__ = [
    "DomainResult",
    "VoletResult",
    "evaluate_domain",
    "evaluate_volet1",
]
