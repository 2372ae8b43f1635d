"""Transitional shim: the allocation functions moved to funding_scaling/, catalogue/ and sun_es/."""
# ruff: noqa: PLC0414  (the shim form: explicit "import name as name" lines, parsed later)

from segur_numerique.catalogue.human_support import human_support_split as human_support_split
from segur_numerique.funding_scaling.allocate import Allocation as Allocation
from segur_numerique.funding_scaling.allocate import Share as Share
from segur_numerique.funding_scaling.allocate import allocate as allocate
from segur_numerique.funding_scaling.allocate import scale_to_envelope as scale_to_envelope
from segur_numerique.funding_scaling.allocate import split_by_shares as split_by_shares
from segur_numerique.funding_scaling.pro_rata import ProRata as ProRata
from segur_numerique.funding_scaling.pro_rata import pro_rata_temporis as pro_rata_temporis
from segur_numerique.funding_scaling.remainders import TIE_BREAK as TIE_BREAK
from segur_numerique.funding_scaling.remainders import AllocationError as AllocationError
from segur_numerique.funding_scaling.remainders import Weight as Weight
from segur_numerique.funding_scaling.remainders import (
    largest_remainder_cents as largest_remainder_cents,
)
from segur_numerique.sun_es.volets import split_sun_es_volets as split_sun_es_volets
