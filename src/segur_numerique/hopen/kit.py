"""The HOP'EN computation of the conformance kit (``hopen.prerequisites``)."""

from __future__ import annotations

from segur_numerique.entities.models import Establishment
from segur_numerique.entities.parsing import structure
from segur_numerique.hopen.eligibility import prerequisites_met
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet


def _prerequisites(inputs: Inputs, rules: RuleSet) -> Computed:
    establishment = inputs.structured("establishment", Establishment, structure)
    verdict = prerequisites_met(establishment, rules=rules)
    return Computed(
        {"eligible": verdict.eligible, "failed": tuple(r.code for r in verdict.failed)},
        verdict.explanation,
    )


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "hopen.prerequisites",
        "hopen",
        "Prérequis HOP'EN P1-P4",
        "HOP'EN prerequisites P1-P4",
        ("establishment",),
        ("eligible", "failed"),
        _prerequisites,
    ),
)
"""The HOP'EN computations."""
