"""e-parcours (services numériques de coordination des parcours)."""

from segur_numerique.e_parcours.deadlines import (
    usage_deadline as usage_deadline,
)
from segur_numerique.e_parcours.eligibility import (
    Project as Project,
)
from segur_numerique.e_parcours.eligibility import (
    project_eligibility as project_eligibility,
)
from segur_numerique.e_parcours.funding import (
    BassinScaling as BassinScaling,
)
from segur_numerique.e_parcours.funding import (
    Forfait as Forfait,
)
from segur_numerique.e_parcours.funding import (
    forfait as forfait,
)
from segur_numerique.e_parcours.funding import (
    forfait_cents as forfait_cents,
)
from segur_numerique.e_parcours.kinds import (
    Kind as Kind,
)
from segur_numerique.e_parcours.payments import (
    Payments as Payments,
)
from segur_numerique.e_parcours.payments import (
    payments as payments,
)
from segur_numerique.e_parcours.payments import (
    start_payment_cents as start_payment_cents,
)
from segur_numerique.e_parcours.tables import forfait_table as forfait_table
from segur_numerique.e_parcours.tables import payments_table as payments_table

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
