"""SONS (Système ouvert et non sélectif), the vendor-side financing."""

from segur_numerique.sons.eligibility import (
    Order as Order,
)
from segur_numerique.sons.eligibility import (
    order_eligibility as order_eligibility,
)
from segur_numerique.sons.funding import (
    Ceiling as Ceiling,
)
from segur_numerique.sons.funding import (
    CeilingKind as CeilingKind,
)
from segur_numerique.sons.funding import (
    Payments as Payments,
)
from segur_numerique.sons.funding import balance_cents as balance_cents
from segur_numerique.sons.funding import (
    ceiling as ceiling,
)
from segur_numerique.sons.funding import (
    payments as payments,
)
from segur_numerique.sons.funding import (
    ttc as ttc,
)
from segur_numerique.sons.funding import ttc_cents as ttc_cents
from segur_numerique.sons.maintenance import Maintenance as Maintenance
from segur_numerique.sons.maintenance import maintenance as maintenance
from segur_numerique.sons.tables import payments_table as payments_table
from segur_numerique.sons.tables import ttc_table as ttc_table

__all__ = [
    "Ceiling",
    "CeilingKind",
    "Maintenance",
    "Order",
    "Payments",
    "ceiling",
    "maintenance",
    "order_eligibility",
    "payments",
    "ttc",
]
