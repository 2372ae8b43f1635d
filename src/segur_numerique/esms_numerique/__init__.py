"""ESMS numérique (médico-social): eligibility of a grappe, amorçage 2021 and 2022 national call amounts."""

from segur_numerique.esms_numerique.amorcage import AmorcageFunding as AmorcageFunding
from segur_numerique.esms_numerique.amorcage import AmorcageProjectKind as AmorcageProjectKind
from segur_numerique.esms_numerique.amorcage import amorcage_funding as amorcage_funding
from segur_numerique.esms_numerique.eligibility import ApplicationLevel as ApplicationLevel
from segur_numerique.esms_numerique.eligibility import GrappeEligibility as GrappeEligibility
from segur_numerique.esms_numerique.eligibility import (
    grappe_eligibility as grappe_eligibility,
)
from segur_numerique.esms_numerique.funding import REGIONAL_AMOUNT_KEY as REGIONAL_AMOUNT_KEY
from segur_numerique.esms_numerique.funding import NationalGrappeFunding as NationalGrappeFunding
from segur_numerique.esms_numerique.funding import moa_start_cents as moa_start_cents
from segur_numerique.esms_numerique.funding import (
    national_grappe_funding as national_grappe_funding,
)
from segur_numerique.esms_numerique.tables import funding_table as funding_table

__all__ = [
    "REGIONAL_AMOUNT_KEY",
    "AmorcageFunding",
    "AmorcageProjectKind",
    "ApplicationLevel",
    "GrappeEligibility",
    "NationalGrappeFunding",
    "amorcage_funding",
    "grappe_eligibility",
    "national_grappe_funding",
]
