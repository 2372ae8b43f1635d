"""ESMS numérique eligibility: the size of a grappe and the call it applies to (rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique]).

At least 15 ESMS (8 in Corse and outre-mer); 15-49 apply to the regional call for projects
(ARS), 50 or more to the national one (CNSA). The sizes are rule data (``esms_numerique.grappe.*``).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from segur_numerique.core.explanation import Explanation
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.core.verdict import EligibilityResult, Reason
from segur_numerique.entities.models import Grappe
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.verdicts import Verdict, rule_set


class ApplicationLevel(enum.Enum):
    """Where an ESMS numérique grappe applies (rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique])."""

    REGIONAL = "regional"
    """Regional call for projects (ARS): 15 to 49 ESMS (from 8 in Corse and outre-mer)."""
    NATIONAL = "national"
    """National call for projects (CNSA): 50 ESMS or more."""


@attrs.frozen
class GrappeEligibility:
    """The verdict on a grappe, and the call it applies to (``None`` when not eligible)."""

    result: EligibilityResult
    level: ApplicationLevel | None

    @property
    def eligible(self) -> bool:
        """Whether the grappe may apply."""
        return self.result.eligible

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons of the verdict."""
        return self.result.reasons

    @property
    def explanation(self) -> Explanation:
        """The explanation of the verdict."""
        return self.result.explanation

    def to_json(self) -> dict[str, JsonValue]:
        """The verdict with its level."""
        out = dict(self.result.to_json())
        out["level"] = self.level.value if self.level else None
        return out


_TITLE = Text(fr="Éligibilité d'une grappe ESMS numérique", en="ESMS numérique grappe eligibility")
_SIZE = Text(fr="Taille de la grappe", en="Size of the grappe")
_SIZE_FOUND = Text(
    fr="{size} ESMS {where} ; minimum {minimum}", en="{size} ESMS {where}; minimum {minimum}"
)
_OVERSEAS = Text(fr="en Corse ou outre-mer", en="in Corse or outre-mer")
_MAINLAND = Text(fr="hors Corse et outre-mer", en="outside Corse and outre-mer")
_DERIVED_TERRITORY = Text(
    fr="Territoire déduit des FINESS : Corse/outre-mer seulement si tous les membres y sont.",
    en="Territory derived from the FINESS numbers: Corse/outre-mer only if every member is there.",
)
_LEVEL = Text(fr="Niveau de candidature", en="Application level")
_LEVEL_FOUND = Text(
    fr="appel à projets {level} (national à partir de {national} ESMS)",
    en="{level} call for projects (national from {national} ESMS)",
)
_LEVEL_NAMES = {
    ApplicationLevel.NATIONAL: Text(fr="national", en="national"),
    ApplicationLevel.REGIONAL: Text(fr="régional", en="regional"),
    None: Text(fr="aucun", en="no"),
}


def grappe_eligibility(
    grappe: Grappe, *, rules: RuleSet | None = None, on: dt.date | None = None
) -> GrappeEligibility:
    """Whether a grappe may apply to ESMS numérique, and to which call (rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique]).

    At least 15 ESMS (8 in Corse and outre-mer); 15-49 apply regionally, 50 or more nationally.

    >>> from segur_numerique.entities import Esms, Grappe
    >>> members = [Esms(f"75{i:07d}", "500") for i in range(15)]
    >>> verdict = grappe_eligibility(Grappe("Paris EHPAD", members))
    >>> verdict.eligible, verdict.level.value
    (True, 'regional')
    >>> grappe_eligibility(Grappe("Petite grappe", members[:14])).eligible
    False
    """
    rules = rule_set(rules)
    if not isinstance(grappe, Grappe):
        raise InvalidInputError(f"expected a Grappe, got {type(grappe).__name__}", where="grappe")
    check = Verdict("esms_numerique", "grappe", grappe.name, _TITLE, rules, on)
    step = check.step("esms_numerique.grappe_size", _SIZE)
    size = step.input("size", grappe.size)
    derived = grappe.corse_or_outre_mer is None
    overseas = step.input("corse_or_outre_mer", grappe.in_corse_or_outre_mer, defaulted=derived)
    minimum = step.read_as(
        "esms_numerique.grappe.min_size" + ("_corse_outre_mer" if overseas else ""), int
    )
    if derived:
        step.assume(_DERIVED_TERRITORY)
    where = _OVERSEAS if overseas else _MAINLAND
    met = step.conclude(
        size >= minimum, _SIZE_FOUND.format(size=size, where=where, minimum=minimum)
    ).met
    step = check.step("esms_numerique.application_level", _LEVEL)
    step.input("size", size)
    national = step.read_as("esms_numerique.grappe.national_min_size", int)
    level = None
    if met:
        level = ApplicationLevel.NATIONAL if size >= national else ApplicationLevel.REGIONAL
    step.conclude(True, _LEVEL_FOUND.format(level=_LEVEL_NAMES[level], national=national))
    check.input("grappe", grappe.name)
    return GrappeEligibility(check.result(), level)
