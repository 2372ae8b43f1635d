"""ESMS numérique (médico-social)."""

from segur_numerique.esms_numerique.eligibility import (
    ApplicationLevel as ApplicationLevel,
)
from segur_numerique.esms_numerique.eligibility import (
    GrappeEligibility as GrappeEligibility,
)
from segur_numerique.esms_numerique.eligibility import (
    esms_grappe_eligibility as grappe_eligibility,
)

__all__ = [
    "ApplicationLevel",
    "GrappeEligibility",
    "grappe_eligibility",
]
