"""The headlines and tables of the SUN-ES results (their Jupyter display and ``repr``).

Each result class binds these functions as its ``_headline`` / ``_tables`` methods
(:class:`~segur_numerique.core.display.HtmlResult`); they live here to keep the result modules
small. They read the results only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.text import Text, counted_text

if TYPE_CHECKING:
    from segur_numerique.sun_es.domain_evaluation import DomainResult, VoletResult
    from segur_numerique.sun_es.evaluation import IndicatorResult
    from segur_numerique.sun_es.funding import Forfait
    from segur_numerique.sun_es.simulation import Simulation


def indicator_rows(results: Iterable[IndicatorResult]) -> list[tuple[object, ...]]:
    """Table rows of indicator results: indicator, counts, rate, target, met, missing."""
    return [
        (
            r.indicator + (" (bonus)" if r.bonus else ""),
            r.counts.numerator,
            r.counts.denominator,
            r.rate,
            r.target.rate,
            r.met,
            r.missing,
        )
        for r in results
    ]


INDICATOR_HEADER = (
    Text(fr="indicateur", en="indicator"),
    Text(fr="numérateur", en="numerator"),
    Text(fr="dénominateur", en="denominator"),
    Text(fr="taux", en="rate"),
    Text(fr="cible", en="target"),
    Text(fr="atteint", en="met"),
    Text(fr="manquants", en="missing"),
)
"""The column headers of :func:`indicator_rows`."""


def forfait_headline(forfait: Forfait) -> Headline:
    """The headline of a :class:`Forfait`."""
    label = forfait.domain.label
    facts = [
        Fact("at_stake", Text(fr="en jeu", en="at stake"), forfait.at_stake),
        Fact("paid", Text(fr="forfait versé", en="forfait paid"), forfait.paid),
        Fact("cro_bonus", Text(fr="bonus CRO", en="CRO bonus"), forfait.cro_bonus),
        Fact("band", Text(fr="tranche d'activité", en="activity band"), forfait.band),
    ]
    if forfait.chosen_window != forfait.window:
        facts.insert(
            0,
            Fact("chosen", Text(fr="fenêtre choisie", en="chosen window"), forfait.chosen_window),
        )
    return Headline(
        title=Text(fr=f"Forfait SUN-ES — {label.fr}", en=f"SUN-ES forfait — {label.en}"),
        name=forfait.domain.value,
        value=forfait.amount,
        window=forfait.window,
        facts=tuple(facts),
    )


def _not_met(count: int) -> Text:
    """``2 domaines non atteints`` / ``2 domains not met`` (the verdict when one is not met)."""
    return counted_text(
        count,
        fr=("domaine non atteint", "domaines non atteints"),
        en=("domain not met", "domains not met"),
    )


def simulation_headline(sim: Simulation) -> Headline:
    """The headline of a :class:`Simulation`."""
    facts = [Fact("establishment", Text(fr="établissement", en="establishment"), sim.case.label)]
    if sim.effective_window != sim.case.window:
        facts.append(
            Fact("chosen", Text(fr="fenêtre choisie", en="chosen window"), sim.case.window)
        )
    met = [d.met for d in sim.domains if d.met is not None]
    if sim.at_stake:
        facts.append(
            Fact(
                "at_stake",
                Text(fr="sans comptes", en="no counts"),
                Text(fr="forfaits en jeu", en="forfaits at stake"),
            )
        )
    return Headline(
        title=Text(fr="Simulation SUN-ES", en="SUN-ES simulation"),
        name=sim.case.name or str(sim.case.establishment.finess_geographique),
        value=sim.total,
        value_name="total",
        verdict=all(met) if met else None,
        yes=Text(fr="tous les domaines atteints", en="every domain met"),
        no=_not_met(met.count(False)),
        window=sim.effective_window,
        facts=tuple(facts),
    )


def simulation_tables(sim: Simulation) -> tuple[Table, ...]:
    """The tables of a :class:`Simulation`."""
    rows: list[tuple[object, ...]] = [
        (d.domain, d.eligible, d.met, d.forfait, d.cro_bonus) for d in sim.domains
    ]
    header = (
        Text(fr="domaine", en="domain"),
        Text(fr="éligible", en="eligible"),
        Text(fr="atteint", en="met"),
        Text(fr="forfait", en="forfait"),
        Text(fr="bonus CRO", en="CRO bonus"),
    )
    return (table(Text(fr="Domaines", en="Domains"), header, rows),)


def domain_headline(result: DomainResult) -> Headline:
    """The headline of a :class:`DomainResult`."""
    facts = (
        ()
        if result.applicable
        else (Fact("applicable", Text(fr="applicable", en="applicable"), False),)
    )
    return Headline(
        title=Text(fr=f"Domaine {result.domain}", en=f"Domain {result.domain}"),
        name=result.domain,
        verdict=result.met,
        facts=facts,
    )


def domain_tables(result: DomainResult) -> tuple[Table, ...]:
    """The tables of a :class:`DomainResult`."""
    rows = indicator_rows(result.required + result.bonus)
    return (table(Text(fr="Indicateurs", en="Indicators"), INDICATOR_HEADER, rows),)


def volet_headline(result: VoletResult) -> Headline:
    """The headline of a :class:`VoletResult`."""
    decided = [d.met for d in result.domains if d.met is not None]
    return Headline(
        title=Text(fr=f"Volet 1 — {result.finess}", en=f"Volet 1 — {result.finess}"),
        name=result.finess,
        verdict=all(decided) if decided else None,
        yes=Text(fr="tous les domaines atteints", en="every domain met"),
        no=_not_met(decided.count(False)),
        window=result.window,
        facts=(
            Fact(
                "domains_met",
                Text(fr="domaines atteints", en="domains met"),
                f"{len(result.met_domains)}/{len(result.domains)}",
            ),
        ),
    )


def volet_tables(result: VoletResult) -> tuple[Table, ...]:
    """The tables of a :class:`VoletResult`."""
    rows: list[tuple[object, ...]] = [(d.domain, d.applicable, d.met) for d in result.domains]
    header = (
        Text(fr="domaine", en="domain"),
        Text(fr="applicable", en="applicable"),
        Text(fr="atteint", en="met"),
    )
    indicators = indicator_rows(r for d in result.domains for r in d.required + d.bonus)
    return (
        table(Text(fr="Domaines", en="Domains"), header, rows),
        table(Text(fr="Indicateurs", en="Indicators"), INDICATOR_HEADER, indicators),
    )
