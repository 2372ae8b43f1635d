"""Transitional shim: eligibility moved to ``core.verdict`` and each programme's ``eligibility``."""

# ruff: noqa: PLC0414  (the explicit re-export form `import name as name`)

from segur_numerique.core.verdict import EligibilityResult as EligibilityResult
from segur_numerique.core.verdict import Reason as Reason
from segur_numerique.e_parcours.eligibility import EParcoursProject as EParcoursProject
from segur_numerique.e_parcours.eligibility import e_parcours_eligibility as e_parcours_eligibility
from segur_numerique.esms_numerique.eligibility import ApplicationLevel as ApplicationLevel
from segur_numerique.esms_numerique.eligibility import GrappeEligibility as GrappeEligibility
from segur_numerique.esms_numerique.eligibility import (
    esms_grappe_eligibility as esms_grappe_eligibility,
)
from segur_numerique.hopen.eligibility import hopen_prerequisites_met as hopen_prerequisites_met
from segur_numerique.sons.eligibility import SonsOrder as SonsOrder
from segur_numerique.sons.eligibility import sons_order_eligibility as sons_order_eligibility
from segur_numerique.sun_es.eligibility import sun_es_eligibility as sun_es_eligibility
from segur_numerique.sun_es.prerequisites import PrerequisiteChecklist as PrerequisiteChecklist
from segur_numerique.sun_es.prerequisites import PrerequisiteItem as PrerequisiteItem
from segur_numerique.sun_es.prerequisites import sun_es_prerequisites as sun_es_prerequisites
