"""The SUN-ES computations of the conformance kit (``sun_es.*``), for scenarios and ``compute``.

Each adapter reads typed inputs (:class:`~segur_numerique.rules.computation.Inputs`: every bad
input is reported with its path), calls a public function of the library and returns named outputs
with the explanation. ``segur-numerique verify --list`` prints them; the how-to "Vendor conformance
kit" documents them.
"""

from __future__ import annotations

from segur_numerique.entities.models import Establishment
from segur_numerique.entities.parsing import structure
from segur_numerique.rules.computation import (
    Computation,
    Computed,
    Inputs,
    computation,
    malformed_input,
)
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.calendar import window
from segur_numerique.sun_es.cases import SIMULATION_FORMAT, parse_case
from segur_numerique.sun_es.documents.kit import COMPUTATIONS as _DOCUMENTS
from segur_numerique.sun_es.eligibility import establishment_eligibility
from segur_numerique.sun_es.evaluation import IndicatorCounts, evaluate_indicator
from segur_numerique.sun_es.funding import forfait
from segur_numerique.sun_es.reassignment import reassign
from segur_numerique.sun_es.simulation import simulate
from segur_numerique.sun_es.targets import target_from_rules
from segur_numerique.sun_es.volets import split_volets


def _eligibility(inputs: Inputs, rules: RuleSet) -> Computed:
    est = inputs.structured("establishment", Establishment, structure)
    domain = inputs.text("domain")
    verdict = establishment_eligibility(est, domain, rules=rules, on=inputs.optional_date("on"))
    return Computed(
        {"eligible": verdict.eligible, "failed": tuple(r.code for r in verdict.failed)},
        verdict.explanation,
    )


def _indicator(inputs: Inputs, rules: RuleSet) -> Computed:
    indicator = inputs.text("indicator")
    counts = IndicatorCounts(indicator, inputs.integer("numerator"), inputs.integer("denominator"))
    target = target_from_rules(rules, inputs.text("window"), indicator)
    result = evaluate_indicator(counts, target)
    return Computed(
        {
            "rate": result.rate,
            "target": target.rate,
            "met": result.met,
            "margin": result.margin,
            "missing": result.missing,
        },
        result.explanation,
    )


def _forfait(inputs: Inputs, rules: RuleSet) -> Computed:
    met = inputs.flags("indicators_met") if inputs.has("indicators_met") else None
    result = forfait(
        activity=inputs.integer("activity"),
        domain=inputs.text("domain"),
        window=inputs.text("window"),
        indicators_met=met,
        cro_bonus=inputs.boolean("cro_bonus", default=False),
        reassigned_to=inputs.optional_text("reassigned_to"),
        on=inputs.optional_date("on"),
        rules=rules,
    )
    return Computed(
        {
            "amount": result.amount,
            "at_stake": result.at_stake,
            "paid": result.paid,
            "cro_bonus": result.cro_bonus,
            "window": result.window,
            "band": result.band,
        },
        result.explanation,
    )


def _window(inputs: Inputs, rules: RuleSet) -> Computed:
    found = window(
        inputs.text("window"),
        rules=rules,
        as_known_on=inputs.optional_date("as_known_on"),
        alternative=inputs.optional_text("alternative"),
    )
    applications = found.applications
    return Computed(
        {
            "start": found.start,
            "applications_end": applications.end if applications else None,
            "deadline": found.deadline,
            "end": found.end,
        },
        found.explanation(),
    )


def _reassignment(inputs: Inputs, rules: RuleSet) -> Computed:
    result = reassign(
        inputs.text("window"),
        inputs.date("ready_on"),
        rules=rules,
        alternative=inputs.optional_text("alternative"),
    )
    return Computed(
        {
            "route": result.route.value,
            "window": result.window.name if result.window is not None else "none",
        },
        result.explanation,
    )


def _volet_split(inputs: Inputs, rules: RuleSet) -> Computed:
    envelope = inputs.euro("envelope") if inputs.has("envelope") else None
    split = split_volets(envelope, on=inputs.optional_date("on"), rules=rules)
    return Computed(
        {"volet1": split["volet1"], "volet2": split["volet2"], "total": split.total},
        split.explanation,
    )


def _simulation(inputs: Inputs, rules: RuleSet) -> Computed:
    raw = {
        "format": SIMULATION_FORMAT,
        "establishment": inputs.mapping("establishment"),
        "application": inputs.mapping("application"),
    }
    if inputs.has("counts"):
        raw["counts"] = inputs.mapping("counts")
    with malformed_input():
        case = parse_case(raw, where=inputs.where).case
    result = simulate(case, rules=rules)
    return Computed(
        {
            "total": result.total,
            "effective_window": result.effective_window or "none",
            "domains_met": tuple(d.domain for d in result.domains if d.met),
        },
        result.explanation,
    )


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "sun_es.eligibility",
        "sun_es",
        "Éligibilité SUN-ES d'un établissement à un domaine",
        "SUN-ES eligibility of an establishment for a domain",
        ("establishment", "domain", "on?"),
        ("eligible", "failed"),
        _eligibility,
    ),
    computation(
        "sun_es.indicator",
        "sun_es",
        "Indicateur d'usage SUN-ES comparé à sa cible",
        "SUN-ES usage indicator against its target",
        ("indicator", "numerator", "denominator", "window"),
        ("rate", "target", "met", "margin", "missing"),
        _indicator,
    ),
    computation(
        "sun_es.forfait",
        "sun_es",
        "Forfait SUN-ES d'un domaine (dégressif par fenêtre)",
        "SUN-ES forfait of a domain (degressive by window)",
        ("activity", "domain", "window", "indicators_met?", "cro_bonus?", "reassigned_to?", "on?"),
        ("amount", "at_stake", "paid", "cro_bonus", "window", "band"),
        _forfait,
    ),
    computation(
        "sun_es.window",
        "sun_es",
        "Dates d'une fenêtre SUN-ES",
        "Dates of a SUN-ES window",
        ("window", "as_known_on?", "alternative?"),
        ("start", "applications_end", "deadline", "end"),
        _window,
    ),
    computation(
        "sun_es.reassignment",
        "sun_es",
        "Fenêtre après une échéance manquée",
        "Window after a missed deadline",
        ("window", "ready_on", "alternative?"),
        ("route", "window"),
        _reassignment,
    ),
    computation(
        "sun_es.volet_split",
        "sun_es",
        "Partage d'une enveloppe SUN-ES entre volets (75 / 25)",
        "Split of a SUN-ES envelope between volets (75 / 25)",
        ("envelope?", "on?"),
        ("volet1", "volet2", "total"),
        _volet_split,
    ),
    computation(
        "sun_es.simulation",
        "sun_es",
        "Simulation complète d'un établissement",
        "Full simulation of an establishment",
        ("establishment", "application", "counts?"),
        ("total", "effective_window", "domains_met"),
        _simulation,
    ),
    *_DOCUMENTS,
)
"""The SUN-ES computations, in the order of ``segur-numerique verify --list``."""
