"""A whole SUN-ES simulation of one establishment: eligibility, window, indicators, funding.

:func:`simulate` chains the library's computations for one establishment and its application
(rules digest, SUN-ES §2 [docs: explanation/rules/sun-es]): the eligibility of each volet 1
domain applied for (§2.3), the window chosen and, given the date it can reach its targets, the
window it ends up in after a missed deadline (§2.2), its indicators from counts against the
window's targets (§2.1), and each domain's forfait (§2.4), under one root
:class:`~segur_numerique.Explanation`. The case is in :mod:`segur_numerique.sun_es.cases`.

The targets, the forfait grid and its degression are **unknown** (no public source): with the
official rules, :func:`simulate` raises :class:`~segur_numerique.errors.MissingParameterError` naming the
first one it needs, unless the caller supplied them or chose the illustrative, **not official**,
assumption sets (:func:`~segur_numerique.illustrative_assumptions`); the result lists each one used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from segur_numerique.calendar.windows import Window
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.money import Euro, euro_sum
from segur_numerique.core.provenance import Origin
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import JsonValue, encode_value, render_value
from segur_numerique.core.verdict import EligibilityResult
from segur_numerique.entities.models import Establishment
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.calendar import window as get_window
from segur_numerique.sun_es.cases import SimulationCase
from segur_numerique.sun_es.domain_evaluation import VoletResult, evaluate_volet1
from segur_numerique.sun_es.domains import Domain as EligibilityDomain
from segur_numerique.sun_es.eligibility import establishment_eligibility
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.funding import Forfait, forfait
from segur_numerique.sun_es.headlines import simulation_headline, simulation_tables
from segur_numerique.sun_es.reassignment import Reassignment, reassign
from segur_numerique.sun_es.report import report


@attrs.frozen
class DomainOutcome:
    """One volet 1 domain of a simulation: eligible or not, met or not, the forfait."""

    domain: str
    eligible: bool
    met: bool | None
    """Whether the targets were met; ``None`` when no counts were given or not eligible."""
    forfait: Euro | None
    """The domain forfait paid (or at stake without counts); ``None`` when not eligible."""
    cro_bonus: Euro | None = None
    """The CRO bonus paid on top of the forfait (discharge documents only)."""


@attrs.frozen(repr=False)
class Simulation(HtmlResult):
    """The result of :func:`simulate`: each step's result, the total, and one root explanation.

    Attributes:
        case: what was simulated.
        eligibility: the eligibility verdict of each domain applied for (and the CRO bonus).
        window: the window applied to (with its phases).
        effective_window: the window whose targets and forfait apply (after a reassignment);
            ``None`` when no window is left.
        reassignment: the reassignment result, when a ready date was given.
        indicators: the volet 1 evaluation from counts (``None`` without counts).
        forfaits: the forfait of each eligible domain.
        domains: a summary row per domain.
        total: the sum of the forfaits.
        illustrative_keys: the rule values used that are illustrative, **not official**.
        explanation: the root explanation; its children are every step's explanation.
    """

    case: SimulationCase
    eligibility: tuple[Any, ...]
    window: Any
    effective_window: str | None
    reassignment: Any
    indicators: VoletResult | None
    forfaits: tuple[Any, ...]
    domains: tuple[DomainOutcome, ...]
    total: Euro
    illustrative_keys: tuple[str, ...]
    explanation: Explanation
    _headline, _tables = simulation_headline, simulation_tables

    @property
    def at_stake(self) -> bool:
        """Whether the forfaits are only at stake (no counts were given)."""
        return self.indicators is None

    def render(self, lang: Lang = "fr") -> str:
        """A readable report: eligibility per domain, window, indicators against targets, forfaits."""
        return report(self, lang)

    def to_json(self) -> dict[str, JsonValue]:
        """The simulation as JSON (format ``segur_numerique.simulation-result/v1``)."""
        return {
            "format": "segur_numerique.simulation-result/v1",
            "case": self.case.to_json(),
            "window": self.case.window,
            "effective_window": self.effective_window,
            "domains": [
                {
                    "domain": d.domain,
                    "eligible": d.eligible,
                    "met": d.met,
                    "forfait": encode_value(d.forfait),
                    "cro_bonus": encode_value(d.cro_bonus),
                }
                for d in self.domains
            ],
            "total": encode_value(self.total),
            "at_stake": self.at_stake,
            "illustrative_keys": list(self.illustrative_keys),
            "explanation": self.explanation.to_json(),
        }


def _profile(est: Establishment) -> EstablishmentProfile:
    return EstablishmentProfile(
        finess=str(est.finess_geographique),
        has_operating_theatre=est.operating_theatre,
        has_own_lab=est.own_lab,
        has_own_imaging=est.own_imaging,
    )


def _reassign(
    case: SimulationCase, rules: RuleSet, chosen: Window
) -> tuple[str | None, Reassignment | None]:
    """The window after a missed deadline (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]), when a ready date is given."""
    if case.ready_on is None:
        return case.window, None
    result = reassign(chosen, case.ready_on, rules=rules, as_known_on=case.on)
    return (result.window.name if result.window is not None else None), result


def _as_case(
    case: SimulationCase | Establishment,
    window: str | None,
    domains: Iterable[str] | None,
    counts: Iterable[IndicatorCounts],
    ready_on: dt.date | None,
) -> SimulationCase:
    """The case of :func:`simulate`: given, or an establishment with its application."""
    if isinstance(case, Establishment):
        if window is None:
            raise InvalidInputError("give the window the establishment applies to", where="window")
        case = SimulationCase(
            case, window, domains=domains, counts=tuple(counts), ready_on=ready_on
        )
    elif not isinstance(case, SimulationCase):
        raise InvalidInputError(
            f"expected a SimulationCase or an Establishment, got {type(case).__name__}",
            where="case",
        )
    elif window is not None or domains is not None or counts or ready_on is not None:
        raise InvalidInputError(
            "a SimulationCase already holds its application; give no keywords", where="case"
        )
    return case


def _eligibility(
    case: SimulationCase, rules: RuleSet
) -> tuple[list[EligibilityResult], dict[str, bool], bool]:
    """The verdict of each domain applied for (and of the CRO bonus), by domain, and the bonus's."""
    est, on, domains = case.establishment, case.on, case.applied_domains()
    verdicts = []
    eligible: dict[str, bool] = {}
    for d in domains:
        verdict = establishment_eligibility(
            est, EligibilityDomain(f"volet1.{d}"), rules=rules, on=on
        )
        verdicts.append(verdict)
        eligible[d] = verdict.eligible
    cro_eligible = False
    if "discharge_documents" in domains and est.operating_theatre:
        cro = establishment_eligibility(est, EligibilityDomain.CRO_BONUS, rules=rules, on=on)
        verdicts.append(cro)
        cro_eligible = cro.eligible
    return verdicts, eligible, cro_eligible


def _forfaits(
    case: SimulationCase,
    rules: RuleSet,
    *,
    eligible: dict[str, bool],
    cro_eligible: bool,
    effective: str | None,
    indicators: VoletResult | None,
) -> tuple[list[Forfait], list[DomainOutcome]]:
    """The forfait of each eligible domain, and a summary row per domain applied for."""
    est, on = case.establishment, case.on
    forfaits = []
    rows = []
    for d in case.applied_domains():
        if not eligible[d] or effective is None:
            rows.append(DomainOutcome(d, eligible[d], None, None))
            continue
        met_map: dict[str, bool] | None = None
        # At stake (no counts) every target is assumed met, the CRO bonus's too (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]).
        bonus_due = cro_eligible and d == "discharge_documents"
        met: bool | None = None
        if indicators is not None:
            result = indicators.domain(d)
            met_map = {r.indicator: r.met for r in result.required}
            met = result.met
            bonus_due = cro_eligible and any(b.met for b in result.bonus)
        one = forfait(
            activity=est.activity_2019,
            domain=d,
            window=case.window,
            indicators_met=met_map or None,
            cro_bonus=bonus_due,
            reassigned_to=effective if effective != case.window else None,
            on=on,
            rules=rules,
        )
        forfaits.append(one)
        rows.append(DomainOutcome(d, True, met, one.paid, one.cro_bonus if bonus_due else None))
    return forfaits, rows


def _assumptions(effective: str | None, indicators: VoletResult | None) -> tuple[Text, ...]:
    """Nothing paid without a window left; forfaits at stake without counts."""
    if effective is None:
        return (
            Text(
                fr="Aucune fenêtre ne reste où les cibles peuvent être atteintes : rien n'est versé.",
                en="No window is left in which the targets can be reached: nothing is paid.",
            ),
        )
    if indicators is None:
        return (
            Text(
                fr="Aucun décompte d'indicateurs fourni : les forfaits affichés sont ceux en jeu, "
                "comme si les cibles étaient atteintes.",
                en="No indicator counts given: the forfaits shown are those at stake, as if the "
                "targets were reached.",
            ),
        )
    return ()


def _flag_illustrative(draft: Explanation) -> tuple[Explanation, tuple[str, ...]]:
    """The explanation warned of the illustrative values it used, and their keys."""
    illustrative = tuple(
        sorted({p.key for p in draft.all_parameters() if p.origin is Origin.ILLUSTRATIVE})
    )
    if illustrative:
        draft = attrs.evolve(
            draft,
            assumptions=(
                *draft.assumptions,
                Text(
                    fr="Valeurs ILLUSTRATIVES, NON OFFICIELLES utilisées (jeux d'hypothèses "
                    f"illustratifs) : {len(illustrative)} ; ne pas s'en servir pour une décision "
                    "de financement.",
                    en="ILLUSTRATIVE, NOT OFFICIAL values used (illustrative assumption sets): "
                    f"{len(illustrative)}; do not use them for a funding decision.",
                ),
            ),
        )
    return draft, illustrative


def _explanation(
    case: SimulationCase,
    effective: str | None,
    total: Euro,
    assumptions: tuple[Text, ...],
    children: Iterable[Explanation],
) -> Explanation:
    """The root explanation of a simulation (before the illustrative warning)."""
    on = case.on
    return Explanation(
        rule="sun_es.simulation",
        title=Text(
            fr=f"Simulation SUN-ES volet 1 — {case.label}",
            en=f"SUN-ES volet 1 simulation — {case.label}",
        ),
        outcome=Text(
            fr=f"fenêtre {effective or 'aucune'}, total {total.format('fr')}",
            en=f"window {effective or 'none'}, total {total.format('en')}",
        ),
        result=total,
        inputs=(
            InputValue("establishment", case.establishment),
            InputValue("window", case.window),
            InputValue("domains", case.applied_domains(), defaulted=case.domains is None),
            InputValue("ready_on", case.ready_on),
            InputValue("on", on, defaulted=on is None),
        ),
        assumptions=assumptions,
        children=tuple(children),
    )


def simulate(
    case: SimulationCase | Establishment,
    *,
    rules: RuleSet,
    window: str | None = None,
    domains: Iterable[str] | None = None,
    counts: Iterable[IndicatorCounts] = (),
    ready_on: dt.date | None = None,
) -> Simulation:
    """Simulate one establishment's SUN-ES volet 1 application, every step explained.

    ``case`` is a :class:`~segur_numerique.sun_es.SimulationCase`, or an
    :class:`~segur_numerique.entities.Establishment` with its application given as keywords (``window``
    is then required): ``simulate(establishment, rules=rules, window="F2", counts=[...])``.

    >>> import segur_numerique as sn
    >>> sample = sn.sun_es.sample_case()
    >>> result = sn.sun_es.simulate(sample.case, rules=sn.illustrative_assumptions())
    >>> result.effective_window, result.total
    ('F2', Euro('...'))

    Raises:
        MissingParameterError: a value nobody could source (a target, the forfait grid) is needed
            and ``rules`` does not supply it.
    """
    case = _as_case(case, window, domains, counts, ready_on)
    verdicts, eligible, cro_eligible = _eligibility(case, rules)
    chosen = get_window(case.window, rules=rules, as_known_on=case.on)
    effective, reassignment = _reassign(case, rules, chosen)

    applied = case.applied_domains()
    eligible_domains = tuple(d for d in applied if eligible[d]) if effective is not None else ()
    indicators: VoletResult | None = None
    if case.counts and eligible_domains and effective is not None:
        indicators = evaluate_volet1(
            _profile(case.establishment),
            case.counts,
            effective,
            domains=eligible_domains,
            rules=rules,
        )

    forfaits, rows = _forfaits(
        case,
        rules,
        eligible=eligible,
        cro_eligible=cro_eligible,
        effective=effective,
        indicators=indicators,
    )
    total = euro_sum(f.amount for f in forfaits)

    children = [v.explanation for v in verdicts]
    children.append(chosen.explanation())
    if reassignment is not None:
        children.append(reassignment.explanation)
    if indicators is not None:
        children.append(indicators.explanation)
    children.extend(f.explanation for f in forfaits)
    draft = _explanation(case, effective, total, _assumptions(effective, indicators), children)
    explanation, illustrative = _flag_illustrative(draft)
    return Simulation(
        case=case,
        eligibility=tuple(verdicts),
        window=chosen,
        effective_window=effective,
        reassignment=reassignment,
        indicators=indicators,
        forfaits=tuple(forfaits),
        domains=tuple(rows),
        total=total,
        illustrative_keys=illustrative,
        explanation=explanation,
    )


def simulation_outcome(case: SimulationCase, *, rules: RuleSet | None = None) -> dict[str, object]:
    """The named quantities of a simulation, for :func:`segur_numerique.whatif.compare`."""
    rules = resolve_rules(rules)
    result = simulate(case, rules=rules)
    out: dict[str, object] = {"window": result.effective_window}
    for row in result.domains:
        out[f"{row.domain}.eligible"] = row.eligible
        out[f"{row.domain}.met"] = row.met
        out[f"{row.domain}.forfait"] = row.forfait
    out["total"] = result.total
    return out


def render_outcome(value: object, lang: Lang) -> str:
    """A value for a report cell."""
    return render_value(value, check_lang(lang))
