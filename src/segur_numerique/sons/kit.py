"""The SONS computations of the conformance kit (``sons.*``), for scenarios and ``compute``.

Each adapter reads typed inputs (:class:`~segur_numerique.rules.computation.Inputs`), calls a
public function of :mod:`segur_numerique.sons.funding` and returns named outputs with the
explanation.
"""

from __future__ import annotations

from segur_numerique.core.periods import Period
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet
from segur_numerique.sons.funding import ceiling, payments, ttc
from segur_numerique.sons.maintenance import maintenance


def _ceiling(inputs: Inputs, rules: RuleSet) -> Computed:
    result = ceiling(
        inputs.text("kind"),
        turnover=inputs.euro("turnover") if inputs.has("turnover") else None,
        sites=inputs.integer("sites") if inputs.has("sites") else None,
        on=inputs.optional_date("on"),
        rules=rules,
    )
    return Computed({"ht": result.ht.amount, "ttc": result.ttc.amount}, result.explanation)


def _ttc(inputs: Inputs, rules: RuleSet) -> Computed:
    ceiling = ttc(inputs.euro("amount_ht"), on=inputs.optional_date("on"), rules=rules)
    return Computed({"ttc": ceiling.ttc.amount}, ceiling.explanation)


def _payments(inputs: Inputs, rules: RuleSet) -> Computed:
    result = payments(
        inputs.euro("amount"),
        installation_certified_on=inputs.optional_date("installation_certified_on"),
        on=inputs.optional_date("on"),
        rules=rules,
    )
    return Computed(
        {"advance": result.advance, "balance": result.balance, "pending": result.pending},
        result.explanation,
    )


def _maintenance(inputs: Inputs, rules: RuleSet) -> Computed:
    start, end = inputs.date("start"), inputs.date("end")
    if end < start:
        raise inputs.error("end", f"ends ({end}) before it starts ({start})")
    result = maintenance(Period(start, end), on=inputs.optional_date("on"), rules=rules)
    return Computed(
        {"funded_end": result.funded.end, "unfunded_days": result.unfunded_days},
        result.explanation,
    )


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "sons.ceiling",
        "sons",
        "Plafond SONS d'une Prestation Ségur (HT, TTC)",
        "SONS ceiling of a Prestation Ségur (HT, TTC)",
        ("kind", "turnover?", "sites?", "on?"),
        ("ht", "ttc"),
        _ceiling,
    ),
    computation(
        "sons.ttc",
        "sons",
        "Montant TTC d'un plafond HT (TVA 20 %)",
        "TTC amount of an HT ceiling (VAT 20 %)",
        ("amount_ht", "on?"),
        ("ttc",),
        _ttc,
    ),
    computation(
        "sons.payments",
        "sons",
        "Avance et solde (70 %) d'une Prestation Ségur",
        "Advance and 70 % balance of a Prestation Ségur",
        ("amount", "installation_certified_on?", "on?"),
        ("advance", "balance", "pending"),
        _payments,
    ),
    computation(
        "sons.maintenance",
        "sons",
        "Part financée d'une maintenance (6 ans au plus)",
        "Funded part of a maintenance period (6 years at most)",
        ("start", "end", "on?"),
        ("funded_end", "unfunded_days"),
        _maintenance,
    ),
)
"""The SONS computations, in the order of ``segur-numerique verify --list``."""
