"""Transitional shim: the entities moved to :mod:`segur_numerique.entities`."""
# ruff: noqa: PLC0414  (a transitional shim re-exports each name explicitly)

from segur_numerique.entities.choices import Activity as Activity
from segur_numerique.entities.choices import Couloir as Couloir
from segur_numerique.entities.choices import LegalStatus as LegalStatus
from segur_numerique.entities.choices import UnknownChoiceError as UnknownChoiceError
from segur_numerique.entities.finess import FINESS_PATTERN as FINESS_PATTERN
from segur_numerique.entities.finess import Finess as Finess
from segur_numerique.entities.finess import InvalidFinessError as InvalidFinessError
from segur_numerique.entities.models import Esms as Esms
from segur_numerique.entities.models import Establishment as Establishment
from segur_numerique.entities.models import Grappe as Grappe
from segur_numerique.entities.models import LiberalDoctor as LiberalDoctor
from segur_numerique.entities.models import ReferencedSolution as ReferencedSolution
from segur_numerique.entities.models import SoftwareVendor as SoftwareVendor
from segur_numerique.entities.parsing import load_establishments as load_establishments
from segur_numerique.entities.parsing import parse_establishments as parse_establishments
from segur_numerique.entities.parsing import structure as structure
