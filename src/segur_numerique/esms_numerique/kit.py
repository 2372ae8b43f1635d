"""The ESMS numérique computation of the conformance kit (``esms.grappe``).

The computation keeps its scenario name ``esms.grappe`` and programme code ``esms`` (scenario files
name them).
"""

from __future__ import annotations

from segur_numerique.entities.models import Esms, Grappe
from segur_numerique.esms_numerique.eligibility import esms_grappe_eligibility
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet


def _grappe(inputs: Inputs, rules: RuleSet) -> Computed:
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


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "esms.grappe",
        "esms",
        "Éligibilité d'une grappe ESMS numérique",
        "ESMS numérique grappe eligibility",
        ("members", "departement?", "category?", "name?", "corse_or_outre_mer?", "on?"),
        ("eligible", "level"),
        _grappe,
    ),
)
"""The ESMS numérique computations."""
