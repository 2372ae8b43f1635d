"""The e-parcours computations of the conformance kit (``e_parcours.*``), for scenarios and ``compute``."""

from __future__ import annotations

from segur_numerique.e_parcours.funding import (
    BassinScaling,
    forfait,
)
from segur_numerique.e_parcours.payments import (
    payments,
)
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet


def _forfait(inputs: Inputs, rules: RuleSet) -> Computed:
    names = tuple(s.value for s in BassinScaling)
    scaling = BassinScaling(inputs.text("scaling", choices=names))
    result = forfait(
        inputs.text("beneficiary"),
        population=inputs.integer("population"),
        scaling=scaling,
        on=inputs.optional_date("on"),
        rules=rules,
    )
    return Computed({"amount": result.amount, "bassins": result.bassins}, result.explanation)


def _payments(inputs: Inputs, rules: RuleSet) -> Computed:
    result = payments(
        inputs.euro("forfait"),
        start=inputs.date("start"),
        targets_reached_on=inputs.optional_date("targets_reached_on"),
        on=inputs.optional_date("on"),
        rules=rules,
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


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "e_parcours.forfait",
        "e_parcours",
        "Forfait e-parcours d'un DAC ou d'un collectif",
        "e-parcours forfait of a DAC or collectif",
        ("beneficiary", "population", "scaling", "on?"),
        ("amount", "bassins"),
        _forfait,
    ),
    computation(
        "e_parcours.payments",
        "e_parcours",
        "Versements e-parcours (60 % / 40 %)",
        "e-parcours payments (60 % / 40 %)",
        ("forfait", "start", "targets_reached_on?", "on?"),
        ("start_payment", "usage_payment", "lost", "deadline", "pending"),
        _payments,
    ),
)
"""The e-parcours computations."""
