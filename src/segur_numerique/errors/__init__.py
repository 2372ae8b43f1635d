"""The typed errors of the library.

Every error says *what* is wrong and *where* (a field, a row, a column, a file and the path of a
value inside it). All of them derive from :class:`SegurError`; errors about bad input also derive
from :class:`ValueError`, so that callers who only know the standard library can still catch them.

Every class here is public and was added in 0.1.0 (``.. versionadded:: 0.1.0``); a
class is always importable from this module, so ``except segur_numerique.errors.X`` keeps working.
The classes are defined by topic in the submodules (``base``, ``rules``, ``calendar``,
``computations``, ``logs``, ``server``), which keep each file within the size bound.
"""

from __future__ import annotations

from segur_numerique.errors.base import AmbiguousDateError as AmbiguousDateError
from segur_numerique.errors.base import AmountFormatError as AmountFormatError
from segur_numerique.errors.base import CentsOverflowError as CentsOverflowError
from segur_numerique.errors.base import FloatRefusedError as FloatRefusedError
from segur_numerique.errors.base import InputFileError as InputFileError
from segur_numerique.errors.base import InvalidFinessError as InvalidFinessError
from segur_numerique.errors.base import InvalidInputError as InvalidInputError
from segur_numerique.errors.base import NaiveDatetimeError as NaiveDatetimeError
from segur_numerique.errors.base import OptionalDependencyError as OptionalDependencyError
from segur_numerique.errors.base import OutputFileError as OutputFileError
from segur_numerique.errors.base import SegurError as SegurError
from segur_numerique.errors.base import UnitMismatchError as UnitMismatchError
from segur_numerique.errors.base import UnknownChoiceError as UnknownChoiceError
from segur_numerique.errors.base import UnknownUnitError as UnknownUnitError
from segur_numerique.errors.calendar import DateOrderError as DateOrderError
from segur_numerique.errors.calendar import PhaseLayoutError as PhaseLayoutError
from segur_numerique.errors.calendar import ReadyDateError as ReadyDateError
from segur_numerique.errors.calendar import UnknownDeadlineError as UnknownDeadlineError
from segur_numerique.errors.calendar import UnknownProgrammeError as UnknownProgrammeError
from segur_numerique.errors.calendar import UnknownWindowError as UnknownWindowError
from segur_numerique.errors.computations import AllocationError as AllocationError
from segur_numerique.errors.computations import BatchInputError as BatchInputError
from segur_numerique.errors.computations import CeilingRangeError as CeilingRangeError
from segur_numerique.errors.computations import DegressionError as DegressionError
from segur_numerique.errors.computations import ForfaitGridError as ForfaitGridError
from segur_numerique.errors.computations import IndicatorCountError as IndicatorCountError
from segur_numerique.errors.computations import ScenarioError as ScenarioError
from segur_numerique.errors.computations import UnknownComputationError as UnknownComputationError
from segur_numerique.errors.logs import (
    DischargeBeforeAdmissionError as DischargeBeforeAdmissionError,
)
from segur_numerique.errors.logs import DocumentReadError as DocumentReadError
from segur_numerique.errors.logs import DocumentTooLargeError as DocumentTooLargeError
from segur_numerique.errors.logs import DuplicateIdError as DuplicateIdError
from segur_numerique.errors.logs import EmptyValueError as EmptyValueError
from segur_numerique.errors.logs import HostileXmlError as HostileXmlError
from segur_numerique.errors.logs import InvalidRowsError as InvalidRowsError
from segur_numerique.errors.logs import LogDateError as LogDateError
from segur_numerique.errors.logs import LogError as LogError
from segur_numerique.errors.logs import LogFinessError as LogFinessError
from segur_numerique.errors.logs import MissingColumnError as MissingColumnError
from segur_numerique.errors.logs import NotACdaDocumentError as NotACdaDocumentError
from segur_numerique.errors.logs import OrphanDocumentError as OrphanDocumentError
from segur_numerique.errors.logs import SentBeforeProducedError as SentBeforeProducedError
from segur_numerique.errors.logs import SubmissionLogError as SubmissionLogError
from segur_numerique.errors.logs import UnknownDocumentTypeError as UnknownDocumentTypeError
from segur_numerique.errors.logs import UnknownInsStatusError as UnknownInsStatusError
from segur_numerique.errors.logs import UnreadableLogError as UnreadableLogError
from segur_numerique.errors.rules import BrokenSumError as BrokenSumError
from segur_numerique.errors.rules import ComparisonError as ComparisonError
from segur_numerique.errors.rules import ConflictingValueError as ConflictingValueError
from segur_numerique.errors.rules import MissingParameterError as MissingParameterError
from segur_numerique.errors.rules import NotYetKnownError as NotYetKnownError
from segur_numerique.errors.rules import OverrideError as OverrideError
from segur_numerique.errors.rules import RuleDataError as RuleDataError
from segur_numerique.errors.rules import UnknownRuleError as UnknownRuleError
from segur_numerique.errors.server import RequestTimeoutError as RequestTimeoutError
from segur_numerique.errors.server import RequestTooLargeError as RequestTooLargeError
from segur_numerique.errors.server import UnsupportedMediaTypeError as UnsupportedMediaTypeError

__all__ = [
    "AllocationError",
    "AmbiguousDateError",
    "AmountFormatError",
    "BatchInputError",
    "BrokenSumError",
    "CeilingRangeError",
    "CentsOverflowError",
    "ComparisonError",
    "ConflictingValueError",
    "DateOrderError",
    "DegressionError",
    "DischargeBeforeAdmissionError",
    "DocumentReadError",
    "DocumentTooLargeError",
    "DuplicateIdError",
    "EmptyValueError",
    "FloatRefusedError",
    "ForfaitGridError",
    "HostileXmlError",
    "IndicatorCountError",
    "InputFileError",
    "InvalidFinessError",
    "InvalidInputError",
    "InvalidRowsError",
    "LogDateError",
    "LogError",
    "LogFinessError",
    "MissingColumnError",
    "MissingParameterError",
    "NaiveDatetimeError",
    "NotACdaDocumentError",
    "NotYetKnownError",
    "OptionalDependencyError",
    "OrphanDocumentError",
    "OutputFileError",
    "OverrideError",
    "PhaseLayoutError",
    "ReadyDateError",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "RuleDataError",
    "ScenarioError",
    "SegurError",
    "SentBeforeProducedError",
    "SubmissionLogError",
    "UnitMismatchError",
    "UnknownChoiceError",
    "UnknownComputationError",
    "UnknownDeadlineError",
    "UnknownDocumentTypeError",
    "UnknownInsStatusError",
    "UnknownProgrammeError",
    "UnknownRuleError",
    "UnknownUnitError",
    "UnknownWindowError",
    "UnreadableLogError",
    "UnsupportedMediaTypeError",
]
