"""Transitional shim: the log indicators moved to the package sun_es/logs/."""
# ruff: noqa: PLC0414  (the shim form: explicit "import name as name" lines, parsed later)

from segur_numerique.sun_es.logs.counts import LogParameters as LogParameters
from segur_numerique.sun_es.logs.counts import indicator_counts_frame as indicator_counts_frame
from segur_numerique.sun_es.logs.exclusions import Exclusion as Exclusion
from segur_numerique.sun_es.logs.exclusions import ExclusionReason as ExclusionReason
from segur_numerique.sun_es.logs.inputs import DOCUMENT_COLUMNS as DOCUMENT_COLUMNS
from segur_numerique.sun_es.logs.inputs import STAY_COLUMNS as STAY_COLUMNS
from segur_numerique.sun_es.logs.inputs import (
    DischargeBeforeAdmissionError as DischargeBeforeAdmissionError,
)
from segur_numerique.sun_es.logs.inputs import DuplicateIdError as DuplicateIdError
from segur_numerique.sun_es.logs.inputs import EmptyValueError as EmptyValueError
from segur_numerique.sun_es.logs.inputs import LogError as LogError
from segur_numerique.sun_es.logs.inputs import MissingColumnError as MissingColumnError
from segur_numerique.sun_es.logs.inputs import OrphanDocumentError as OrphanDocumentError
from segur_numerique.sun_es.logs.inputs import UnknownDocumentTypeError as UnknownDocumentTypeError
from segur_numerique.sun_es.logs.inputs import UnknownInsStatusError as UnknownInsStatusError
from segur_numerique.sun_es.logs.inputs import UnreadableLogError as UnreadableLogError
from segur_numerique.sun_es.logs.results import EstablishmentIndicators as EstablishmentIndicators
from segur_numerique.sun_es.logs.results import LogIndicators as LogIndicators
from segur_numerique.sun_es.logs.results import indicators_from_logs as indicators_from_logs
