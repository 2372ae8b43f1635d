"""The avenant 9 computations of the conformance kit (``avenant9.*``), for scenarios and ``compute``."""

from __future__ import annotations

from segur_numerique.avenant9.funding import points, volet1_forfait, vsm_forfait
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet


def _points(inputs: Inputs, rules: RuleSet) -> Computed:
    result = points(inputs.integer("points"), on=inputs.optional_date("on"), rules=rules)
    return Computed({"amount": result.amount}, result.explanation)


def _volet1(inputs: Inputs, rules: RuleSet) -> Computed:
    result = volet1_forfait(inputs.integer("year"), rules=rules)
    return Computed({"amount": result.amount, "points": result.points}, result.explanation)


def _vsm(inputs: Inputs, rules: RuleSet) -> Computed:
    if inputs.has("share"):
        result = vsm_forfait(inputs.ratio("share"), on=inputs.optional_date("on"), rules=rules)
    else:
        result = vsm_forfait(
            patients_with_vsm=inputs.integer("patients_with_vsm"),
            ald_patients=inputs.integer("ald_patients"),
            on=inputs.optional_date("on"),
            rules=rules,
        )
    return Computed({"amount": result.amount}, result.explanation)


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "avenant9.points",
        "avenant9",
        "Points en euros (avenant 9)",
        "Points in euros (avenant 9)",
        ("points", "on?"),
        ("amount",),
        _points,
    ),
    computation(
        "avenant9.volet1_forfait",
        "avenant9",
        "Volet 1 du forfait structure d'une année",
        "Forfait structure volet 1 of a year",
        ("year",),
        ("amount", "points"),
        _volet1,
    ),
    computation(
        "avenant9.vsm",
        "avenant9",
        "Forfait volet de synthèse médicale",
        "Volet de synthèse médicale forfait",
        ("share | patients_with_vsm + ald_patients", "on?"),
        ("amount",),
        _vsm,
    ),
)
"""The avenant 9 computations, in the order of ``segur-numerique verify --list``."""
