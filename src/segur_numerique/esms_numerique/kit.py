"""The ESMS numérique computations of the conformance kit (``esms.*``).

The computations keep the programme code ``esms`` (scenario files name it): ``esms.grappe``
(eligibility), ``esms.national_2022_funding`` and ``esms.amorcage_funding`` (amounts).
"""

from __future__ import annotations

from segur_numerique.entities.models import Esms, Grappe
from segur_numerique.esms_numerique.amorcage import AmorcageProjectKind, amorcage_funding
from segur_numerique.esms_numerique.eligibility import grappe_eligibility
from segur_numerique.esms_numerique.funding import national_grappe_funding
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
    verdict = grappe_eligibility(grappe, rules=rules, on=inputs.optional_date("on"))
    return Computed(
        {"eligible": verdict.eligible, "level": verdict.level.value if verdict.level else "none"},
        verdict.explanation,
    )


def _national_2022(inputs: Inputs, rules: RuleSet) -> Computed:
    result = national_grappe_funding(
        inputs.integer("essms"),
        vendor_segur_referenced=inputs.boolean("vendor_segur_referenced"),
        vendor_per_essms=inputs.euro("vendor_per_essms")
        if inputs.has("vendor_per_essms")
        else None,
        regional_total=inputs.euro("regional_total") if inputs.has("regional_total") else None,
        on=inputs.optional_date("on"),
        rules=rules,
    )
    return Computed(
        {
            "regional_rate_essms": result.regional_rate_essms,
            "national_rate_essms": result.national_rate_essms,
            "regional_amount": result.regional_amount,
            "moa": result.moa,
            "moa_start_payment": result.moa_start_payment,
            "moa_targets_payment": result.moa_targets_payment,
            "vendor": result.vendor,
            "vendor_is_ceiling": result.vendor_is_ceiling,
            "segur_bonus": result.segur_bonus,
            "national_amount": result.national_amount,
            "total": result.total,
        },
        result.explanation,
    )


def _amorcage(inputs: Inputs, rules: RuleSet) -> Computed:
    kind = inputs.text("kind", choices=tuple(k.value for k in AmorcageProjectKind))
    result = amorcage_funding(
        kind, inputs.integer("essms"), on=inputs.optional_date("on"), rules=rules
    )
    return Computed(
        {"funded_essms": result.funded_essms, "forfait": result.forfait, "amount": result.amount},
        result.explanation,
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
    computation(
        "esms.national_2022_funding",
        "esms",
        "Financement d'un projet ESMS numérique, appel national 2022",
        "ESMS numérique project funding, 2022 national call",
        (
            "essms",
            "vendor_segur_referenced",
            "vendor_per_essms?",
            "regional_total?",
            "on?",
        ),
        (
            "regional_rate_essms",
            "national_rate_essms",
            "regional_amount",
            "moa",
            "moa_start_payment",
            "moa_targets_payment",
            "vendor",
            "vendor_is_ceiling",
            "segur_bonus",
            "national_amount",
            "total",
        ),
        _national_2022,
    ),
    computation(
        "esms.amorcage_funding",
        "esms",
        "Financement d'amorçage ESMS numérique (2021)",
        "ESMS numérique amorçage funding (2021)",
        ("kind", "essms", "on?"),
        ("funded_essms", "forfait", "amount"),
        _amorcage,
    ),
)
"""The ESMS numérique computations."""
