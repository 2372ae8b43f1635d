"""Errors about stay and document logs, CDA documents and submission logs.

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

from segur_numerique.errors.base import InputFileError, InvalidInputError


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
