"""SONS (Système ouvert et non sélectif), the vendor-side financing."""

from segur_numerique.sons.eligibility import (
    SonsOrder as Order,
)
from segur_numerique.sons.eligibility import (
    sons_order_eligibility as order_eligibility,
)
from segur_numerique.sons.funding import (
    SonsCeiling as Ceiling,
)
from segur_numerique.sons.funding import (
    SonsCeilingKind as CeilingKind,
)
from segur_numerique.sons.funding import (
    SonsPayments as Payments,
)
from segur_numerique.sons.funding import (
    sons_ceiling as ceiling,
)
from segur_numerique.sons.funding import (
    sons_payments as payments,
)
from segur_numerique.sons.funding import (
    sons_ttc as ttc,
)
from segur_numerique.sons.maintenance import SonsMaintenance as Maintenance
from segur_numerique.sons.maintenance import sons_maintenance as maintenance

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
