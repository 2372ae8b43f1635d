"""Funding-scaling computations: allocation, scaling, pro rata."""

from segur_numerique.funding_scaling.allocation import (
    Allocation as Allocation,
)
from segur_numerique.funding_scaling.allocation import (
    Share as Share,
)
from segur_numerique.funding_scaling.allocation import (
    allocate as allocate,
)
from segur_numerique.funding_scaling.allocation import (
    scale_to_envelope as scale_to_envelope,
)
from segur_numerique.funding_scaling.allocation import (
    split_by_shares as split_by_shares,
)
from segur_numerique.funding_scaling.batch import (
    allocate_table as allocate_table,
)
from segur_numerique.funding_scaling.pro_rata import (
    ProRata as ProRata,
)
from segur_numerique.funding_scaling.pro_rata import (
    pro_rata_temporis as pro_rata_temporis,
)
from segur_numerique.funding_scaling.remainders import (
    largest_remainder_cents as largest_remainder_cents,
)

__all__ = [
    "Allocation",
    "ProRata",
    "Share",
    "allocate",
    "allocate_table",
    "largest_remainder_cents",
    "pro_rata_temporis",
    "scale_to_envelope",
    "split_by_shares",
]
