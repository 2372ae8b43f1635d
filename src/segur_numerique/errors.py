"""The typed errors of the library.

Every error says *what* is wrong and *where* (a field, a row, a column, a file and the path of a
value inside it). All of them derive from :class:`SegurError`; errors about bad input also derive
from :class:`ValueError`, so that callers who only know the standard library can still catch them.

Every class here is public and was added in 0.1.0 (``.. versionadded:: 0.1.0``); a
class never moves out of this module, so ``except segur_numerique.errors.X`` keeps working.
"""

from __future__ import annotations


class SegurError(Exception):
    """Base class of every error raised by ``segur_numerique``."""


class InvalidInputError(SegurError, ValueError):
    """An input value is impossible or malformed.

    Attributes:
        what: what is wrong, in one sentence.
        where: the field, row, column or path of the bad value (``None`` when the value stands alone).
    """

    def __init__(self, what: str, *, where: str | None = None) -> None:
        self.what = what
        self.where = where
        super().__init__(f"{where}: {what}" if where else what)


class InputFileError(InvalidInputError):
    """A file (or a request body) cannot be read, decoded or parsed.

    Attributes:
        file: the file (or a name standing for it); ``None`` when unknown.
        location: ``file`` and ``where`` together, e.g. ``p.toml: line 3, column 1``.
    """

    def __init__(self, what: str, *, file: str | None = None, where: str | None = None) -> None:
        self.file = file
        self.location = ": ".join(part for part in (file, where) if part) or None
        super().__init__(what, where=self.location)
        self.where = where


class OutputFileError(InputFileError):
    """An output file cannot be written (it exists, its folder is missing, the disk is full...)."""


class FloatRefusedError(InvalidInputError, TypeError):
    """A binary float was given where an exact amount or rate is required."""


class AmountFormatError(InvalidInputError):
    """A euro amount could not be read, or is not exact to the cent."""


class RuleDataError(SegurError, ValueError):
    """A rule-data or parameter file is malformed.

    Attributes:
        file: the file (or a name standing for it).
        path: the path of the bad value inside the file, e.g. ``parameters."x".values[0].status``.
        problem: what is wrong.
    """

    def __init__(self, problem: str, *, file: str, path: str = "") -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"{file}: {path}: {problem}" if path else f"{file}: {problem}")


class UnknownRuleError(SegurError, KeyError):
    """No rule value has this key (a typo, or a value the library does not know at all)."""

    def __init__(self, key: str, *, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown rule value {key!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class MissingParameterError(SegurError, LookupError):
    """A computation needs a value nobody could source and the caller did not supply it.

    Attributes:
        key: the key of the missing parameter, as it must appear in a caller parameter file.
    """

    def __init__(self, key: str, *, needed_for: str | None = None) -> None:
        self.key = key
        self.needed_for = needed_for
        why = f" (needed for {needed_for})" if needed_for else ""
        super().__init__(
            f"parameter {key!r} is unknown (no official source was found){why}; supply it in a "
            "caller parameter file (see the how-to 'Supply the unknown values')"
        )


class NotYetKnownError(MissingParameterError):
    """A rule value was read as known on a day before its first version.

    Attributes:
        on: the day asked for; first: the day of the first version.
    """

    def __init__(self, key: str, *, on: str, first: str) -> None:
        self.key = key
        self.needed_for = None
        self.on = on
        self.first = first
        LookupError.__init__(
            self, f"rule value {key!r}: no version known on {on}; the first is since {first}"
        )


class ConflictingValueError(SegurError, LookupError):
    """A conflicting rule value was read with an alternative that does not exist."""


class NaiveDatetimeError(InvalidInputError):
    """A datetime without a time zone was given where the time zone matters."""


class UnknownDeadlineError(InvalidInputError):
    """No deadline has this key (the error lists close keys)."""


class OptionalDependencyError(SegurError, ImportError):
    """An optional extra is needed (``pip install segur-numerique[<extra>]``)."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f'this feature needs the {package!r} package: pip install "segur-numerique[{extra}]"'
        )


class UnknownWindowError(SegurError, KeyError):
    """No window of the programme has this name.

    Attributes:
        name: the name asked for.
        programme: the programme searched.
        suggestions: close names.
    """

    def __init__(self, name: str, *, programme: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.programme = programme
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"programme {programme!r} has no window {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class DateOrderError(InvalidInputError):
    """A period ends before it starts."""


class PhaseLayoutError(InvalidInputError):
    """The phases of one window overlap, leave a gap, or repeat a kind."""


class ReadyDateError(InvalidInputError):
    """A ready date (the date an establishment can reach its targets) is before the programme."""


class UnknownProgrammeError(SegurError, KeyError):
    """No programme of the catalogue has this key.

    Attributes:
        key: the key asked for.
        suggestions: the closest programme keys.
    """

    def __init__(self, key: str, *, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown programme {key!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class AmbiguousDateError(InvalidInputError):
    """Month arithmetic fell on a missing day (31 August + 6 months) and no policy was named."""


class UnitMismatchError(InvalidInputError):
    """Quantities of different dimensions were mixed (a rate per inhabitant times stays)."""


class UnknownUnitError(InvalidInputError):
    """A unit name that the registry does not define."""


class UnknownChoiceError(InvalidInputError):
    """A value is not one of a closed set (a legal status, an activity, a couloir...).

    Attributes:
        allowed: the accepted values.
    """

    def __init__(self, what: str, *, allowed: tuple[str, ...], where: str | None = None) -> None:
        self.allowed = allowed
        super().__init__(f"{what}; allowed values: {', '.join(allowed)}", where=where)


class InvalidFinessError(InvalidInputError):
    """A FINESS number is malformed (length, département code or characters)."""


class BatchInputError(InvalidInputError):
    """A table of establishments is malformed: a missing column, a bad type or a bad value."""


class CentsOverflowError(InvalidInputError, OverflowError):
    """A column of cents would leave the int64 range: refused rather than wrapped around."""


class AllocationError(InvalidInputError):
    """An allocation cannot be made: bad weights, shares or caps (says what and where)."""


class ScenarioError(InvalidInputError):
    """A scenario file is malformed (``where`` names the file and the path inside it)."""


class UnknownComputationError(ScenarioError):
    """No computation has this name (``suggestions`` holds the nearest names).

    Attributes:
        name: the name asked for.
        suggestions: the nearest known names, best first (possibly empty).
    """

    def __init__(
        self, name: str, *, suggestions: tuple[str, ...] = (), where: str | None = None
    ) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"unknown computation {name!r}{hint} (see `segur-numerique verify --list`)",
            where=where,
        )


class OverrideError(InvalidInputError):
    """An override is malformed or does not fit the rule set (``where`` is its path)."""


class CeilingRangeError(InvalidInputError):
    """A supplied band ceiling lies outside the range the sources give."""


class IndicatorCountError(InvalidInputError):
    """A numerator or denominator is impossible (negative, not an integer, numerator > denominator)."""


class DegressionError(InvalidInputError):
    """Supplied degression coefficients rise from one window to a later one."""


class ForfaitGridError(InvalidInputError):
    """A supplied forfait grid is malformed (bounds not increasing, activity outside the grid)."""


class LogError(InvalidInputError):
    """A stays or documents log is malformed; ``where`` names the table, column and row."""


class MissingColumnError(LogError):
    """A required column is missing."""


class InvalidRowsError(LogError):
    """Bad rows of a log, each in :attr:`rows` (a subclass when all are of its kind)."""

    def __init__(
        self, what: str, *, where: str | None = None, rows: tuple[object, ...] = ()
    ) -> None:
        self.rows = rows
        super().__init__(what, where=where)


class EmptyValueError(InvalidRowsError):
    """A required value is empty."""


class DuplicateIdError(InvalidRowsError):
    """An id appears on more than one row."""


class UnknownDocumentTypeError(InvalidRowsError):
    """A document type is not one of :class:`DocumentType`."""


class UnknownInsStatusError(InvalidRowsError):
    """An INS status is not one of :class:`InsStatus`."""


class OrphanDocumentError(InvalidRowsError):
    """A document refers to a stay that is not in the stays table."""


class DischargeBeforeAdmissionError(InvalidRowsError):
    """A stay is discharged before it is admitted."""


class SentBeforeProducedError(InvalidRowsError):
    """A document is sent to the DMP before it was produced."""


class LogFinessError(InvalidRowsError):
    """A stay's FINESS is not a FINESS number (9 characters, a département code, digits)."""


class LogDateError(InvalidRowsError):
    """A date of a log file is not a date in the format of its column (ISO or dd/mm/yyyy)."""


class UnreadableLogError(LogError):
    """A log file or table cannot be read (format, dates)."""


class DocumentReadError(InputFileError):
    """A CDA R2 document or a zip archive cannot be read (corrupt, unsafe path, too many members)."""


class HostileXmlError(DocumentReadError):
    """An XML file declares a DTD, an entity or an external reference: refused, never expanded."""


class DocumentTooLargeError(DocumentReadError):
    """A document, an archive member or an archive's total exceeds the size limit."""


class NotACdaDocumentError(DocumentReadError):
    """A file is not XML, or its root is not a ``ClinicalDocument`` of ``urn:hl7-org:v3``."""


class SubmissionLogError(InputFileError):
    """A DMP submission log is malformed; ``where`` names the row and the column."""


class ComparisonError(SegurError):
    """A computation failed under one of the two rule sets (it names which, and why)."""


class BrokenSumError(RuleDataError):
    """A merged rule set's parts no longer add up to their whole.

    ``file`` is the file or what-if that changed a value of the check (the check's own file for
    official data), ``path`` the changed value; :attr:`result` (a
    :class:`~segur_numerique.rules.sums.SumCheckResult`) holds every figure.
    """

    def __init__(self, message: str, *, result: object, file: str, path: str) -> None:
        self.result = result
        super().__init__(message, file=file, path=path)


class RequestTooLargeError(InvalidInputError):
    """A request body, an uploaded file or a log is larger than the server accepts (HTTP 413).

    Attributes:
        limit: the limit exceeded (bytes, rows or files, as ``what`` says).
    """

    def __init__(self, what: str, *, limit: int, where: str | None = None) -> None:
        self.limit = limit
        super().__init__(what, where=where)


class UnsupportedMediaTypeError(InvalidInputError):
    """A request body or an upload has a media type or file kind the endpoint does not read (415)."""


class RequestTimeoutError(SegurError):
    """A request took longer than the server's time limit, ``seconds`` (HTTP 503)."""

    def __init__(self, seconds: float, *, where: str) -> None:
        self.seconds = seconds
        self.where = where
        super().__init__(f"{where}: the computation took longer than {seconds:g} s (the limit)")


__all__ = [
    "AllocationError",
    "AmbiguousDateError",
    "AmountFormatError",
    "BatchInputError",
    "BrokenSumError",
    "CeilingRangeError",
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
