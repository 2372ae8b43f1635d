"""e-parcours (services numériques de coordination des parcours)."""

from segur_numerique.e_parcours.deadlines import (
    e_parcours_usage_deadline as usage_deadline,
)
from segur_numerique.e_parcours.eligibility import (
    EParcoursProject as Project,
)
from segur_numerique.e_parcours.eligibility import (
    e_parcours_eligibility as project_eligibility,
)
from segur_numerique.e_parcours.funding import (
    BassinScaling as BassinScaling,
)
from segur_numerique.e_parcours.funding import (
    EParcoursForfait as Forfait,
)
from segur_numerique.e_parcours.funding import (
    EParcoursPayments as Payments,
)
from segur_numerique.e_parcours.funding import (
    e_parcours_forfait as forfait,
)
from segur_numerique.e_parcours.funding import (
    e_parcours_payments as payments,
)
from segur_numerique.e_parcours.kinds import (
    EParcoursKind as Kind,
)

__all__ = [
    "BassinScaling",
    "Forfait",
    "Kind",
    "Payments",
    "Project",
    "forfait",
    "payments",
    "project_eligibility",
    "usage_deadline",
]
