"""Adapters from scenario inputs to each programme's computations (the conformance-kit registry).

Each adapter reads typed inputs (:class:`~segur_numerique._scenarios.Inputs`: every bad input is
reported with its path), calls a public function of the library and returns named outputs with
the explanation. ``segur-numerique verify --list`` prints them; the how-to "Vendor conformance kit"
documents them. The programme modules are imported inside each adapter, so that loading a scenario
file stays cheap.
"""

from __future__ import annotations

from typing import Any

from segur_numerique._rules import Period, RuleSet
from segur_numerique._scenarios import Computation, Computed, Inputs, ScenarioError
from segur_numerique.core.text import Text
from segur_numerique.errors import InvalidInputError

# --------------------------------------------------------------------------------------------
# SUN-ES


def _establishment(inputs: Inputs, name: str = "establishment") -> Any:
    from segur_numerique._establishment import Establishment, structure  # noqa: PLC0415

    try:
        return structure(inputs.mapping(name), Establishment, where=f"{inputs.where}.{name}")
    except InvalidInputError as exc:  # a malformed scenario, not a computation's verdict
        raise ScenarioError(exc.what, where=exc.where) from None


def _sun_es_eligibility(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._eligibility import sun_es_eligibility  # noqa: PLC0415

    est = _establishment(inputs)
    domain = inputs.text("domain")
    verdict = sun_es_eligibility(est, domain, rules=rules, on=inputs.optional_date("on"))
    return Computed(
        {"eligible": verdict.eligible, "failed": tuple(r.code for r in verdict.failed)},
        verdict.explanation,
    )


def _sun_es_indicator(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sun_es.evaluation import IndicatorCounts, evaluate_indicator  # noqa: PLC0415
    from segur_numerique.sun_es.targets import target_from_rules  # noqa: PLC0415

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


def _sun_es_forfait(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sun_es.funding import sun_es_forfait  # noqa: PLC0415

    met: dict[str, bool] | None = None
    if inputs.has("indicators_met"):
        raw = inputs.mapping("indicators_met")
        met = {}
        for name, value in raw.items():
            if not isinstance(value, bool):
                raise inputs.error(
                    f"indicators_met.{name}", f"expected true or false, got {value!r}"
                )
            met[str(name)] = value
    forfait = sun_es_forfait(
        rules,
        activity=inputs.integer("activity"),
        domain=inputs.text("domain"),
        window=inputs.text("window"),
        indicators_met=met,
        cro_bonus=inputs.boolean("cro_bonus", default=False),
        reassigned_to=inputs.optional_text("reassigned_to"),
        on=inputs.optional_date("on"),
    )
    return Computed(
        {
            "amount": forfait.amount,
            "at_stake": forfait.at_stake,
            "paid": forfait.paid,
            "cro_bonus": forfait.cro_bonus,
            "window": forfait.window,
            "band": forfait.band,
        },
        forfait.explanation,
    )


def _sun_es_window(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._windows import window  # noqa: PLC0415

    found = window(
        inputs.text("window"),
        "sun_es",
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


def _sun_es_reassignment(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sun_es.reassignment import reassign  # noqa: PLC0415

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


def _sun_es_volet_split(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._allocation import split_sun_es_volets  # noqa: PLC0415

    envelope = inputs.euro("envelope") if inputs.has("envelope") else None
    split = split_sun_es_volets(rules, envelope, on=inputs.optional_date("on"))
    return Computed(
        {"volet1": split["volet1"], "volet2": split["volet2"], "total": split.total},
        split.explanation,
    )


def _sun_es_simulation(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sun_es.cases import SIMULATION_FORMAT, parse_case  # noqa: PLC0415
    from segur_numerique.sun_es.simulation import simulate  # noqa: PLC0415

    raw = {
        "format": SIMULATION_FORMAT,
        "establishment": inputs.mapping("establishment"),
        "application": inputs.mapping("application"),
    }
    if inputs.has("counts"):
        raw["counts"] = inputs.mapping("counts")
    try:
        case = parse_case(raw, where=inputs.where).case
    except InvalidInputError as exc:  # a malformed scenario, not a computation's verdict
        raise ScenarioError(exc.what, where=exc.where) from None
    result = simulate(case, rules=rules)
    return Computed(
        {
            "total": result.total,
            "effective_window": result.effective_window or "none",
            "domains_met": tuple(d.domain for d in result.domains if d.met),
        },
        result.explanation,
    )


# --------------------------------------------------------------------------------------------
# SONS


def _sons_ceiling(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sons.funding import sons_ceiling  # noqa: PLC0415

    ceiling = sons_ceiling(
        rules,
        inputs.text("kind"),
        turnover=inputs.euro("turnover") if inputs.has("turnover") else None,
        sites=inputs.integer("sites") if inputs.has("sites") else None,
        on=inputs.optional_date("on"),
    )
    return Computed({"ht": ceiling.ht.amount, "ttc": ceiling.ttc.amount}, ceiling.explanation)


def _sons_ttc(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sons.funding import sons_ttc  # noqa: PLC0415

    ceiling = sons_ttc(rules, inputs.euro("amount_ht"), on=inputs.optional_date("on"))
    return Computed({"ttc": ceiling.ttc.amount}, ceiling.explanation)


def _sons_payments(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sons.funding import sons_payments  # noqa: PLC0415

    payments = sons_payments(
        rules,
        inputs.euro("amount"),
        installation_certified_on=inputs.optional_date("installation_certified_on"),
        on=inputs.optional_date("on"),
    )
    return Computed(
        {"advance": payments.advance, "balance": payments.balance, "pending": payments.pending},
        payments.explanation,
    )


def _sons_maintenance(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.sons.funding import sons_maintenance  # noqa: PLC0415

    start, end = inputs.date("start"), inputs.date("end")
    if end < start:
        raise inputs.error("end", f"ends ({end}) before it starts ({start})")
    result = sons_maintenance(rules, Period(start, end), on=inputs.optional_date("on"))
    return Computed(
        {"funded_end": result.funded.end, "unfunded_days": result.unfunded_days},
        result.explanation,
    )


# --------------------------------------------------------------------------------------------
# HOP'EN, ESMS numérique


def _hopen_prerequisites(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._eligibility import hopen_prerequisites_met  # noqa: PLC0415

    verdict = hopen_prerequisites_met(_establishment(inputs), rules=rules)
    return Computed(
        {"eligible": verdict.eligible, "failed": tuple(r.code for r in verdict.failed)},
        verdict.explanation,
    )


def _esms_grappe(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._eligibility import esms_grappe_eligibility  # noqa: PLC0415
    from segur_numerique._establishment import Esms, Grappe  # noqa: PLC0415

    size = inputs.integer("members")
    departement = inputs.text("departement", default="75")
    if len(departement) != 2:
        raise inputs.error("departement", f"a 2-character département code, got {departement!r}")
    if size > 9_999_999:
        raise inputs.error("members", "too many members")
    members = [
        Esms(f"{departement}{i:07d}", inputs.text("category", default="500")) for i in range(size)
    ]
    grappe = Grappe(
        inputs.text("name", default="grappe"),
        members,
        corse_or_outre_mer=(
            inputs.boolean("corse_or_outre_mer") if inputs.has("corse_or_outre_mer") else None
        ),
    )
    verdict = esms_grappe_eligibility(grappe, rules=rules, on=inputs.optional_date("on"))
    return Computed(
        {"eligible": verdict.eligible, "level": verdict.level.value if verdict.level else "none"},
        verdict.explanation,
    )


# --------------------------------------------------------------------------------------------
# Avenant 9, e-parcours


def _avenant9_points(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.avenant9.funding import avenant9_points  # noqa: PLC0415

    result = avenant9_points(rules, inputs.integer("points"), on=inputs.optional_date("on"))
    return Computed({"amount": result.amount}, result.explanation)


def _avenant9_volet1(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.avenant9.funding import avenant9_volet1_forfait  # noqa: PLC0415

    result = avenant9_volet1_forfait(rules, inputs.integer("year"))
    return Computed({"amount": result.amount, "points": result.points}, result.explanation)


def _avenant9_vsm(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.avenant9.funding import vsm_forfait  # noqa: PLC0415

    if inputs.has("share"):
        result = vsm_forfait(rules, inputs.ratio("share"), on=inputs.optional_date("on"))
    else:
        result = vsm_forfait(
            rules,
            patients_with_vsm=inputs.integer("patients_with_vsm"),
            ald_patients=inputs.integer("ald_patients"),
            on=inputs.optional_date("on"),
        )
    return Computed({"amount": result.amount}, result.explanation)


def _e_parcours_forfait(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.e_parcours.funding import BassinScaling, e_parcours_forfait  # noqa: PLC0415

    names = tuple(s.value for s in BassinScaling)
    scaling = BassinScaling(inputs.text("scaling", choices=names))
    result = e_parcours_forfait(
        rules,
        inputs.text("beneficiary"),
        population=inputs.integer("population"),
        scaling=scaling,
        on=inputs.optional_date("on"),
    )
    return Computed({"amount": result.amount, "bassins": result.bassins}, result.explanation)


def _e_parcours_payments(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique.e_parcours.funding import e_parcours_payments  # noqa: PLC0415

    result = e_parcours_payments(
        rules,
        inputs.euro("forfait"),
        start=inputs.date("start"),
        targets_reached_on=inputs.optional_date("targets_reached_on"),
        on=inputs.optional_date("on"),
    )
    return Computed(
        {
            "start_payment": result.start_payment,
            "usage_payment": result.usage_payment,
            "lost": result.lost,
            "deadline": result.deadline,
            "pending": result.pending,
        },
        result.explanation,
    )


def _allocation(inputs: Inputs, rules: RuleSet) -> Computed:
    from segur_numerique._allocation import allocate  # noqa: PLC0415

    weights: dict[str, int] = {}
    for name, value in inputs.mapping("weights").items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise inputs.error(f"weights.{name}", f"expected a whole number, got {value!r}")
        weights[str(name)] = value
    result = allocate(inputs.euro("envelope"), weights)
    return Computed(
        {"shares": tuple(s.amount for s in result.shares), "total": result.total},
        result.explanation,
    )


def _c(  # noqa: PLR0917 (a compact table of computations)
    name: str,
    programme: str,
    fr: str,
    en: str,
    inputs: tuple[str, ...],
    outputs: tuple[str, ...],
    run: Any,
) -> Computation:
    return Computation(name, programme, Text(fr=fr, en=en), inputs, outputs, run)


ADAPTERS: tuple[Computation, ...] = (
    _c(
        "sun_es.eligibility",
        "sun_es",
        "Éligibilité SUN-ES d'un établissement à un domaine",
        "SUN-ES eligibility of an establishment for a domain",
        ("establishment", "domain", "on?"),
        ("eligible", "failed"),
        _sun_es_eligibility,
    ),
    _c(
        "sun_es.indicator",
        "sun_es",
        "Indicateur d'usage SUN-ES comparé à sa cible",
        "SUN-ES usage indicator against its target",
        ("indicator", "numerator", "denominator", "window"),
        ("rate", "target", "met", "margin", "missing"),
        _sun_es_indicator,
    ),
    _c(
        "sun_es.forfait",
        "sun_es",
        "Forfait SUN-ES d'un domaine (dégressif par fenêtre)",
        "SUN-ES forfait of a domain (degressive by window)",
        ("activity", "domain", "window", "indicators_met?", "cro_bonus?", "reassigned_to?", "on?"),
        ("amount", "at_stake", "paid", "cro_bonus", "window", "band"),
        _sun_es_forfait,
    ),
    _c(
        "sun_es.window",
        "sun_es",
        "Dates d'une fenêtre SUN-ES",
        "Dates of a SUN-ES window",
        ("window", "as_known_on?", "alternative?"),
        ("start", "applications_end", "deadline", "end"),
        _sun_es_window,
    ),
    _c(
        "sun_es.reassignment",
        "sun_es",
        "Fenêtre après une échéance manquée",
        "Window after a missed deadline",
        ("window", "ready_on", "alternative?"),
        ("route", "window"),
        _sun_es_reassignment,
    ),
    _c(
        "sun_es.volet_split",
        "sun_es",
        "Partage d'une enveloppe SUN-ES entre volets (75 / 25)",
        "Split of a SUN-ES envelope between volets (75 / 25)",
        ("envelope?", "on?"),
        ("volet1", "volet2", "total"),
        _sun_es_volet_split,
    ),
    _c(
        "sun_es.simulation",
        "sun_es",
        "Simulation complète d'un établissement",
        "Full simulation of an establishment",
        ("establishment", "application", "counts?"),
        ("total", "effective_window", "domains_met"),
        _sun_es_simulation,
    ),
    _c(
        "sons.ceiling",
        "sons",
        "Plafond SONS d'une Prestation Ségur (HT, TTC)",
        "SONS ceiling of a Prestation Ségur (HT, TTC)",
        ("kind", "turnover?", "sites?", "on?"),
        ("ht", "ttc"),
        _sons_ceiling,
    ),
    _c(
        "sons.ttc",
        "sons",
        "Montant TTC d'un plafond HT (TVA 20 %)",
        "TTC amount of an HT ceiling (VAT 20 %)",
        ("amount_ht", "on?"),
        ("ttc",),
        _sons_ttc,
    ),
    _c(
        "sons.payments",
        "sons",
        "Avance et solde (70 %) d'une Prestation Ségur",
        "Advance and 70 % balance of a Prestation Ségur",
        ("amount", "installation_certified_on?", "on?"),
        ("advance", "balance", "pending"),
        _sons_payments,
    ),
    _c(
        "sons.maintenance",
        "sons",
        "Part financée d'une maintenance (6 ans au plus)",
        "Funded part of a maintenance period (6 years at most)",
        ("start", "end", "on?"),
        ("funded_end", "unfunded_days"),
        _sons_maintenance,
    ),
    _c(
        "hopen.prerequisites",
        "hopen",
        "Prérequis HOP'EN P1-P4",
        "HOP'EN prerequisites P1-P4",
        ("establishment",),
        ("eligible", "failed"),
        _hopen_prerequisites,
    ),
    _c(
        "esms.grappe",
        "esms",
        "Éligibilité d'une grappe ESMS numérique",
        "ESMS numérique grappe eligibility",
        ("members", "departement?", "category?", "name?", "corse_or_outre_mer?", "on?"),
        ("eligible", "level"),
        _esms_grappe,
    ),
    _c(
        "avenant9.points",
        "avenant9",
        "Points en euros (avenant 9)",
        "Points in euros (avenant 9)",
        ("points", "on?"),
        ("amount",),
        _avenant9_points,
    ),
    _c(
        "avenant9.volet1_forfait",
        "avenant9",
        "Volet 1 du forfait structure d'une année",
        "Forfait structure volet 1 of a year",
        ("year",),
        ("amount", "points"),
        _avenant9_volet1,
    ),
    _c(
        "avenant9.vsm",
        "avenant9",
        "Forfait volet de synthèse médicale",
        "Volet de synthèse médicale forfait",
        ("share | patients_with_vsm + ald_patients", "on?"),
        ("amount",),
        _avenant9_vsm,
    ),
    _c(
        "e_parcours.forfait",
        "e_parcours",
        "Forfait e-parcours d'un DAC ou d'un collectif",
        "e-parcours forfait of a DAC or collectif",
        ("beneficiary", "population", "scaling", "on?"),
        ("amount", "bassins"),
        _e_parcours_forfait,
    ),
    _c(
        "e_parcours.payments",
        "e_parcours",
        "Versements e-parcours (60 % / 40 %)",
        "e-parcours payments (60 % / 40 %)",
        ("forfait", "start", "targets_reached_on?", "on?"),
        ("start_payment", "usage_payment", "lost", "deadline", "pending"),
        _e_parcours_payments,
    ),
    _c(
        "allocation.pro_rata",
        "segur",
        "Répartition d'une enveloppe au prorata (plus forts restes)",
        "Pro rata allocation of an envelope (largest remainder)",
        ("envelope", "weights"),
        ("shares", "total"),
        _allocation,
    ),
)
